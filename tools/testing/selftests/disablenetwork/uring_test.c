// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - io_uring
 *
 * io_uring requests go through the same socket hooks as the system calls,
 * inline or from io-wq, and a restricted task may not use a personality
 * whose credentials are unrestricted.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "common.h"
#include "uring.h"

static struct sockaddr_in loopback(const unsigned short port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};

	return sin;
}

FIXTURE(uring) {
	struct ring ring;
	struct sockaddr_in server;
	int server_fd;
};

FIXTURE_SETUP(uring)
{
	socklen_t len = sizeof(self->server);

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	setup_loopback(_metadata);
	/* A ring, and a TCP server, both made before any restriction. */
	ASSERT_EQ(0, ring_init(&self->ring, 0));
	self->server = loopback(0);
	self->server_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, self->server_fd);
	ASSERT_EQ(0, bind(self->server_fd, (void *)&self->server,
			  sizeof(self->server)));
	ASSERT_EQ(0, getsockname(self->server_fd, (void *)&self->server, &len));
	ASSERT_EQ(0, listen(self->server_fd, 16));
}

FIXTURE_TEARDOWN(uring)
{
}

TEST_F(uring, socket)
{
	EXPECT_EQ(0, ring_socket(&self->ring, AF_INET, 0));
	RESTRICT();
	EXPECT_EQ(-EPERM, ring_socket(&self->ring, AF_INET, 0));
	EXPECT_EQ(-EPERM, ring_socket(&self->ring, AF_INET6, 0));
	EXPECT_EQ(0, ring_socket(&self->ring, AF_UNIX, 0));
}

TEST_F(uring, socket_async)
{
	/* Forced to io-wq: the worker runs with the submitter's cred. */
	EXPECT_EQ(0, ring_socket(&self->ring, AF_INET, IOSQE_ASYNC));
	RESTRICT();
	EXPECT_EQ(-EPERM, ring_socket(&self->ring, AF_INET, IOSQE_ASYNC));
}

static int ring_connect(struct ring *const r, const int fd,
			const struct sockaddr_in *const sin)
{
	const struct io_uring_sqe sqe = {
		.opcode = IORING_OP_CONNECT,
		.fd = fd,
		.addr = (unsigned long)sin,
		.off = sizeof(*sin),
	};

	return ring_run(r, &sqe);
}

TEST_F(uring, connect)
{
	const int ctl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	const int res = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	EXPECT_EQ(0, ring_connect(&self->ring, ctl, &self->server));
	RESTRICT();
	EXPECT_EQ(-EPERM, ring_connect(&self->ring, res, &self->server));
}

static int ring_bind(struct ring *const r, const int fd)
{
	const struct sockaddr_in sin = loopback(0);
	const struct io_uring_sqe sqe = {
		.opcode = IORING_OP_BIND,
		.fd = fd,
		.addr = (unsigned long)&sin,
		.addr2 = sizeof(sin),
	};

	return ring_run(r, &sqe);
}

TEST_F(uring, bind)
{
	const int ctl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	const int res = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	EXPECT_EQ(0, ring_bind(&self->ring, ctl));
	RESTRICT();
	EXPECT_EQ(-EPERM, ring_bind(&self->ring, res));
}

static int ring_listen(struct ring *const r, const int fd)
{
	const struct io_uring_sqe sqe = {
		.opcode = IORING_OP_LISTEN,
		.fd = fd,
		.len = 8,
	};

	return ring_run(r, &sqe);
}

TEST_F(uring, listen)
{
	const struct sockaddr_in sin = loopback(0);
	const int ctl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	const int res = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	ASSERT_EQ(0, bind(ctl, (void *)&sin, sizeof(sin)));
	ASSERT_EQ(0, bind(res, (void *)&sin, sizeof(sin)));
	EXPECT_EQ(0, ring_listen(&self->ring, ctl));
	RESTRICT();
	EXPECT_EQ(-EPERM, ring_listen(&self->ring, res));
}

static int ring_sendmsg(struct ring *const r, const int fd,
			const struct sockaddr_in *const to)
{
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = {
		.msg_name = (void *)to,
		.msg_namelen = to ? sizeof(*to) : 0,
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	const struct io_uring_sqe sqe = {
		.opcode = IORING_OP_SENDMSG,
		.fd = fd,
		.addr = (unsigned long)&msg,
		.len = 1,
	};

	return ring_run(r, &sqe);
}

TEST_F(uring, sendmsg)
{
	struct sockaddr_in peer = loopback(0);
	socklen_t len = sizeof(peer);
	const int rx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	const int tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, rx);
	ASSERT_LE(0, tx);
	ASSERT_EQ(0, bind(rx, (void *)&peer, sizeof(peer)));
	ASSERT_EQ(0, getsockname(rx, (void *)&peer, &len));
	EXPECT_EQ(1, ring_sendmsg(&self->ring, tx, &peer));
	ASSERT_EQ(0, connect(tx, (void *)&peer, sizeof(peer)));
	RESTRICT();
	EXPECT_EQ(-EPERM, ring_sendmsg(&self->ring, tx, &peer));
	/* Without an address, on the socket connected before: allowed. */
	EXPECT_EQ(1, ring_sendmsg(&self->ring, tx, NULL));
}

TEST_F(uring, ring_created_after)
{
	struct ring r;

	RESTRICT();
	ASSERT_EQ(0, ring_init(&r, 0));
	EXPECT_EQ(-EPERM, ring_socket(&r, AF_INET, 0));
	EXPECT_EQ(0, ring_socket(&r, AF_UNIX, 0));
}

TEST_F(uring, sqpoll_created_after)
{
	struct ring ctl, res;

	ASSERT_EQ(0, ring_init(&ctl, IORING_SETUP_SQPOLL));
	EXPECT_EQ(0, ring_socket(&ctl, AF_INET, 0));
	RESTRICT();
	ASSERT_EQ(0, ring_init(&res, IORING_SETUP_SQPOLL));
	EXPECT_EQ(-EPERM, ring_socket(&res, AF_INET, 0));
}

/*
 * The documented SQPOLL exception: a ring created before the restriction
 * has an SQ thread with its creator's credentials, like an open socket.
 */
TEST_F(uring, sqpoll_created_before_is_a_prior_capability)
{
	struct ring r;

	ASSERT_EQ(0, ring_init(&r, IORING_SETUP_SQPOLL));
	RESTRICT();
	EXPECT_EQ(0, ring_socket(&r, AF_INET, 0));
}

/* SOCKET_URING_OP_SETSOCKOPT: the same hook as setsockopt(2). */
static int ring_setsockopt(struct ring *const r, const int fd,
			   const int level, const int optname, const int val)
{
	const struct io_uring_sqe sqe = {
		.opcode = IORING_OP_URING_CMD,
		.fd = fd,
		.cmd_op = SOCKET_URING_OP_SETSOCKOPT,
		.level = level,
		.optname = optname,
		.optlen = sizeof(val),
		.optval = (unsigned long)&val,
	};

	return ring_run(r, &sqe);
}

TEST_F(uring, setsockopt)
{
	const int ctl = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	const int res = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	/* A mark picks the route (see sockopt_test): refused. */
	EXPECT_EQ(0, ring_setsockopt(&self->ring, ctl, SOL_SOCKET, SO_MARK, 7));
	RESTRICT();
	EXPECT_EQ(-EPERM,
		  ring_setsockopt(&self->ring, res, SOL_SOCKET, SO_MARK, 7));
	/* A priority only tunes: allowed. */
	EXPECT_EQ(0, ring_setsockopt(&self->ring, res, SOL_SOCKET,
				     SO_PRIORITY, 3));
}

/*
 * Submits a read of @pipe_fd forced to io-wq, linked to IORING_OP_SOCKET
 * for AF_INET: the socket request waits until something is written.
 */
static int queue_socket_behind_read(struct ring *const r, const int pipe_fd,
				    char *const c)
{
	const struct io_uring_sqe sqes[2] = {
		{
			.opcode = IORING_OP_READ,
			.flags = IOSQE_ASYNC | IOSQE_IO_LINK,
			.fd = pipe_fd,
			.addr = (unsigned long)c,
			.len = 1,
			.off = -1ULL,
			.user_data = 1,
		},
		{
			.opcode = IORING_OP_SOCKET,
			.fd = AF_INET,
			.off = SOCK_DGRAM | SOCK_CLOEXEC,
			.user_data = 2,
		},
	};

	ring_push(r, &sqes[0]);
	ring_push(r, &sqes[1]);
	return ring_enter(r, 2, false);
}

/* Completes the chain and returns the socket request's result. */
static int release_chain(struct __test_metadata *const _metadata,
			 struct ring *const r, const int pipe_fd)
{
	int i, res, sock = -EINVAL;
	__u64 data = 0;

	EXPECT_EQ(1, write(pipe_fd, "w", 1));
	for (i = 0; i < 2; i++) {
		res = ring_pop(r, &data);
		if (data == 2) {
			sock = res;
			continue;
		}
		EXPECT_EQ(1, res);
	}
	if (sock >= 0) {
		close(sock);
		return 0;
	}
	return sock;
}

/*
 * The documented limit: requests submitted before the call keep the
 * credentials they were prepared with, and no 6.12 hook sees the moment
 * io-wq runs them.  A SOCKET request linked behind a read that waits in
 * io-wq runs after the call and still gets its AF_INET socket.  The same
 * chain submitted after the call is refused.
 */
TEST_F(uring, queued_before_is_a_prior_capability)
{
	int p[2];
	char c;

	ASSERT_EQ(0, pipe2(p, O_CLOEXEC));
	ASSERT_EQ(0, queue_socket_behind_read(&self->ring, p[0], &c));
	RESTRICT();
	ASSERT_EQ(-EPERM, inet_socket());
	EXPECT_EQ(0, release_chain(_metadata, &self->ring, p[1]));

	ASSERT_EQ(0, queue_socket_behind_read(&self->ring, p[0], &c));
	EXPECT_EQ(-EPERM, release_chain(_metadata, &self->ring, p[1]));
}

static int ring_nop(struct ring *const r, const int personality)
{
	const struct io_uring_sqe sqe = {
		.opcode = IORING_OP_NOP,
		.personality = personality,
	};

	return ring_run(r, &sqe);
}

TEST_F(uring, personality_unrestricted)
{
	const int id = syscall(__NR_io_uring_register, self->ring.fd,
			       IORING_REGISTER_PERSONALITY, NULL, 0);

	ASSERT_LT(0, id);
	EXPECT_EQ(0, ring_nop(&self->ring, id));
	RESTRICT();
	/* Every use of an unrestricted personality is refused... */
	EXPECT_EQ(-EPERM, ring_nop(&self->ring, id));
	/* ...but the ring itself still works. */
	EXPECT_EQ(0, ring_nop(&self->ring, 0));
}

TEST_F(uring, personality_restricted)
{
	int id;

	RESTRICT();
	id = syscall(__NR_io_uring_register, self->ring.fd,
		     IORING_REGISTER_PERSONALITY, NULL, 0);
	ASSERT_LT(0, id);
	EXPECT_EQ(0, ring_nop(&self->ring, id));
	EXPECT_EQ(-EPERM, ring_socket(&self->ring, AF_INET, 0));
}

/* A personality of the domain the task's is nested in: outside it. */
TEST_F(uring, personality_enclosing_domain)
{
	int id;

	RESTRICT();
	id = syscall(__NR_io_uring_register, self->ring.fd,
		     IORING_REGISTER_PERSONALITY, NULL, 0);
	ASSERT_LT(0, id);
	/* Control: from the domain it belongs to. */
	EXPECT_EQ(0, ring_nop(&self->ring, id));
	RESTRICT();
	EXPECT_EQ(-EPERM, ring_nop(&self->ring, id));
	EXPECT_EQ(0, ring_nop(&self->ring, 0));
}

TEST_HARNESS_MAIN

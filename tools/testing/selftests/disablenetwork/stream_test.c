// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - Connection-oriented sockets opened before the
 * restriction keep working: accept on a listener, send and recv on an
 * established connection, and a new backlog for a listening socket.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>

#include "common.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

#ifndef MSG_FASTOPEN
#define MSG_FASTOPEN 0x20000000
#endif

struct stream_kind {
	int family;
	int protocol;
	/* bind() with a port number sets SOCK_BINDPORT_LOCK on the socket. */
	bool locks_port;
};

FIXTURE(stream) {};

FIXTURE_VARIANT(stream)
{
	struct stream_kind k;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stream, tcp4) {
	/* clang-format on */
	.k = {
		.family = AF_INET,
		.protocol = IPPROTO_TCP,
		.locks_port = true,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stream, tcp6) {
	/* clang-format on */
	.k = {
		.family = AF_INET6,
		.protocol = IPPROTO_TCP,
		.locks_port = true,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stream, mptcp4) {
	/* clang-format on */
	.k = {
		.family = AF_INET,
		.protocol = IPPROTO_MPTCP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stream, mptcp6) {
	/* clang-format on */
	.k = {
		.family = AF_INET6,
		.protocol = IPPROTO_MPTCP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stream, sctp4) {
	/* clang-format on */
	.k = {
		.family = AF_INET,
		.protocol = IPPROTO_SCTP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stream, sctp6) {
	/* clang-format on */
	.k = {
		.family = AF_INET6,
		.protocol = IPPROTO_SCTP,
	},
};

FIXTURE_SETUP(stream)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	setup_loopback(_metadata);
}

FIXTURE_TEARDOWN(stream)
{
}

struct endpoint {
	struct sockaddr_storage ss;
	socklen_t len;
};

static int new_sock(const struct stream_kind *const v)
{
	return socket(v->family, SOCK_STREAM | SOCK_CLOEXEC, v->protocol);
}

/* A listener on loopback at @port (0: any), and its address in @ep. */
static int listener_at(const struct stream_kind *const v,
		       struct endpoint *const ep, const unsigned short port)
{
	struct sockaddr_in *const sin = (void *)&ep->ss;
	struct sockaddr_in6 *const sin6 = (void *)&ep->ss;
	const int fd = new_sock(v);

	memset(ep, 0, sizeof(*ep));
	ep->ss.ss_family = v->family;
	if (v->family == AF_INET) {
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sin->sin_port = htons(port);
		ep->len = sizeof(*sin);
	} else {
		sin6->sin6_addr = in6addr_loopback;
		sin6->sin6_port = htons(port);
		ep->len = sizeof(*sin6);
	}
	if (fd < 0 || bind(fd, (void *)&ep->ss, ep->len) ||
	    getsockname(fd, (void *)&ep->ss, &ep->len) || listen(fd, 16))
		return -1;
	return fd;
}

static int listener(const struct stream_kind *const v,
		    struct endpoint *const ep)
{
	return listener_at(v, ep, 0);
}

/* A client connected to @ep, by a child forked before any restriction. */
struct helper {
	pid_t pid;
	int go;
};

static struct helper connect_later(const struct stream_kind *const v,
				   const struct endpoint *const ep)
{
	struct helper h = { .pid = -1 };
	int go[2];
	char c;

	if (pipe2(go, O_CLOEXEC))
		return h;
	h.pid = fork();
	if (h.pid == 0) {
		const int fd = new_sock(v);

		if (read(go[0], &c, 1) != 1 || fd < 0 ||
		    connect(fd, (void *)&ep->ss, ep->len) ||
		    send(fd, "x", 1, 0) != 1 || recv(fd, &c, 1, 0) != 1)
			_exit(1);
		_exit(c == 'y' ? 0 : 2);
	}
	close(go[0]);
	h.go = go[1];
	return h;
}

/* Let the helper connect, accept it, and exchange a byte each way. */
static int accept_one(const int srv, const struct helper h)
{
	int fd, status;
	char c = 0;

	if (h.pid < 0 || write(h.go, "g", 1) != 1)
		return -EIO;
	fd = accept4(srv, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (recv(fd, &c, 1, 0) != 1 || c != 'x' || send(fd, "y", 1, 0) != 1)
		return -EIO;
	close(fd);
	if (waitpid(h.pid, &status, 0) != h.pid || !WIFEXITED(status))
		return -EIO;
	return WEXITSTATUS(status) ? -EIO : 0;
}

TEST_F(stream, accept_after)
{
	struct endpoint ep;
	const int srv = listener(&variant->k, &ep);
	const struct helper ctl = connect_later(&variant->k, &ep);
	const struct helper res = connect_later(&variant->k, &ep);

	ASSERT_LE(0, srv);
	ASSERT_EQ(0, accept_one(srv, ctl));
	RESTRICT();
	/* The listener predates the restriction: accept() still works. */
	EXPECT_EQ(0, accept_one(srv, res));
}

/*
 * A new backlog for a listening socket is allowed only if bind() locked its
 * port: a port chosen by the kernel (bind to port 0) is released by a
 * disconnect, and a listen() racing with it would autobind a new one.  The
 * lock is SOCK_BINDPORT_LOCK, which SCTP and MPTCP sockets do not carry.
 */
TEST_F(stream, listen_again)
{
	struct endpoint ep;
	const int ctl = listener(&variant->k, &ep);
	const int res = listener(&variant->k, &ep);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	ASSERT_EQ(0, listen(ctl, 64));
	RESTRICT();
	EXPECT_EQ(-EPERM, RET(listen(res, 64)));
}

TEST_F(stream, listen_again_port_locked)
{
	struct endpoint ep;
	int ctl, res, probe;
	unsigned short port[2];

	/* Two free ports, then listeners bound to them by number. */
	for (probe = 0; probe < 2; probe++) {
		const int fd = listener(&variant->k, &ep);

		ASSERT_LE(0, fd);
		port[probe] = ntohs(((struct sockaddr_in *)&ep.ss)->sin_port);
		close(fd);
	}
	ctl = listener_at(&variant->k, &ep, port[0]);
	res = listener_at(&variant->k, &ep, port[1]);
	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	ASSERT_EQ(0, listen(ctl, 64));
	RESTRICT();
	/* Only a new backlog, on the port bind() locked. */
	EXPECT_EQ(variant->k.locks_port ? 0 : -EPERM, RET(listen(res, 64)));
}

TEST_F(stream, established)
{
	struct endpoint ep;
	const int srv = listener(&variant->k, &ep);
	const int cli = new_sock(&variant->k);
	int fd;
	char c = 0;

	ASSERT_LE(0, srv);
	ASSERT_LE(0, cli);
	ASSERT_EQ(0, connect(cli, (void *)&ep.ss, ep.len));
	fd = accept4(srv, NULL, NULL, SOCK_CLOEXEC);
	ASSERT_LE(0, fd);
	RESTRICT();
	EXPECT_EQ(1, send(cli, "a", 1, 0));
	EXPECT_EQ(1, recv(fd, &c, 1, 0));
	EXPECT_EQ('a', c);
	EXPECT_EQ(1, write(fd, "b", 1));
	EXPECT_EQ(1, read(cli, &c, 1));
	EXPECT_EQ('b', c);
}

TEST_F(stream, fastopen)
{
	struct endpoint ep;
	const int srv = listener(&variant->k, &ep);
	const int ctl = new_sock(&variant->k);
	const int res = new_sock(&variant->k);

	ASSERT_LE(0, srv);
	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	ASSERT_EQ(1, sendto(ctl, "x", 1, MSG_FASTOPEN, (void *)&ep.ss, ep.len));
	RESTRICT();
	EXPECT_EQ(-1, sendto(res, "x", 1, MSG_FASTOPEN, (void *)&ep.ss,
			     ep.len));
	EXPECT_EQ(EPERM, errno);
}

TEST_HARNESS_MAIN

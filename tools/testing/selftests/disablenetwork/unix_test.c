// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - AF_UNIX: pathname, abstract and unnamed
 *
 * Pathname sockets stay usable in PR_NETWORK_OFF mode (file permissions
 * guard them), unnamed ones too.  Abstract names reach every task in the
 * network namespace: a restricted task may connect a stream only to a
 * listener of its domain, and may not send datagrams to an abstract
 * address.  scope_test covers the domains and strict mode.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <netinet/in.h>

#include "common.h"
#include "unix.h"

FIXTURE(af_unix) {};

FIXTURE_VARIANT(af_unix)
{
	int type;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(af_unix, stream) {
	/* clang-format on */
	.type = SOCK_STREAM,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(af_unix, dgram) {
	/* clang-format on */
	.type = SOCK_DGRAM,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(af_unix, seqpacket) {
	/* clang-format on */
	.type = SOCK_SEQPACKET,
};

FIXTURE_SETUP(af_unix)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	/* Abstract names are per network namespace. */
	setup_loopback(_metadata);
}

FIXTURE_TEARDOWN(af_unix)
{
}

TEST_F(af_unix, socket_after)
{
	int fd;

	RESTRICT();
	fd = socket(AF_UNIX, variant->type | SOCK_CLOEXEC, 0);
	EXPECT_LE(0, fd);
	close(fd);
}

TEST_F(af_unix, socketpair_after)
{
	char c = 0;
	int sv[2];

	RESTRICT();
	ASSERT_EQ(0, socketpair(AF_UNIX, variant->type | SOCK_CLOEXEC, 0, sv));
	EXPECT_EQ(1, send(sv[0], "x", 1, 0));
	EXPECT_EQ(1, recv(sv[1], &c, 1, 0));
	EXPECT_EQ('x', c);
}

TEST_F(af_unix, pathname_connect)
{
	const struct name n = pathname("srv");
	const int srv = serve(variant->type, &n);
	int ctl;

	ASSERT_LE(0, srv);
	ctl = try_connect(variant->type, &n);
	ASSERT_EQ(0, ctl);
	RESTRICT();
	/* To an unrestricted server: file permissions decide, not us. */
	EXPECT_EQ(ctl, try_connect(variant->type, &n));
	unlink(n.sun.sun_path);
}

TEST_F(af_unix, pathname_sendto)
{
	const struct name n = pathname("srv");
	const int srv = serve(variant->type, &n);
	const int ctl = try_sendto(variant->type, &n);

	ASSERT_LE(0, srv);
	if (variant->type == SOCK_DGRAM)
		ASSERT_EQ(0, ctl);
	RESTRICT();
	EXPECT_EQ(ctl, try_sendto(variant->type, &n));
	unlink(n.sun.sun_path);
}

TEST_F(af_unix, abstract_connect_unrestricted_listener)
{
	const struct name n = abstract("srv");
	const int srv = serve(variant->type, &n);

	ASSERT_LE(0, srv);
	ASSERT_EQ(0, try_connect(variant->type, &n));
	RESTRICT();
	EXPECT_EQ(-EPERM, try_connect(variant->type, &n));
}

TEST_F(af_unix, abstract_connect_restricted_listener)
{
	const struct name n = abstract("srv");
	int srv;

	RESTRICT();
	/* Opened after the restriction: a restricted peer. */
	srv = serve(variant->type, &n);
	ASSERT_LE(0, srv);
	/* Streams may reach it; datagrams are decided on the address. */
	EXPECT_EQ(variant->type == SOCK_DGRAM ? -EPERM : 0,
		  try_connect(variant->type, &n));
}

TEST_F(af_unix, abstract_listener_opened_before_restriction)
{
	const struct name n = abstract("srv");
	const int srv = serve(variant->type, &n);

	ASSERT_LE(0, srv);
	ASSERT_EQ(0, try_connect(variant->type, &n));
	RESTRICT();
	/* Its socket was opened while its owner was unrestricted. */
	EXPECT_EQ(-EPERM, try_connect(variant->type, &n));
}

TEST_F(af_unix, abstract_sendto)
{
	const struct name n = abstract("srv");
	const int srv = serve(variant->type, &n);
	const int ctl = try_sendto(variant->type, &n);

	ASSERT_LE(0, srv);
	if (variant->type == SOCK_DGRAM)
		ASSERT_EQ(0, ctl);
	RESTRICT();
	expect_result(_metadata, ctl, try_sendto(variant->type, &n), true);
}

TEST_F(af_unix, abstract_sendto_restricted_peer)
{
	const struct name n = abstract("srv");
	int srv;

	RESTRICT();
	srv = serve(variant->type, &n);
	ASSERT_LE(0, srv);
	/* Denied on the address alone, whoever listens. */
	EXPECT_EQ(-EPERM, try_sendto(variant->type, &n));
}

TEST_F(af_unix, abstract_bind)
{
	const struct name n = abstract("mine");
	int fd;

	RESTRICT();
	fd = serve(variant->type, &n);
	EXPECT_LE(0, fd);
}

TEST_F(af_unix, autobind)
{
	const struct name peer = pathname("peer");
	const int srv = serve(variant->type, &peer);
	const sa_family_t family = AF_UNIX;
	int fd;

	ASSERT_LE(0, srv);
	RESTRICT();
	fd = socket(AF_UNIX, variant->type | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	/* Unnamed: the kernel picks an abstract name, and that is fine. */
	EXPECT_EQ(0, bind(fd, (const void *)&family, sizeof(family)));
	EXPECT_EQ(0, connect(fd, (const void *)&peer.sun, peer.len));
	unlink(peer.sun.sun_path);
}

TEST_F(af_unix, connected_before_to_abstract)
{
	const struct name n = abstract("srv");
	const int srv = serve(variant->type, &n);
	const int fd = socket(AF_UNIX, variant->type | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, srv);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, connect(fd, (const void *)&n.sun, n.len));
	RESTRICT();
	/* A connection made before the restriction keeps working. */
	EXPECT_EQ(1, send(fd, "x", 1, MSG_DONTWAIT));
}

/* An AF_INET socket received over SCM_RIGHTS after the restriction. */
TEST_F(af_unix, scm_rights_inet)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(sin);
	int sv[2], go[2], peer, fd, status;
	char c = 0;
	pid_t helper;

	ASSERT_EQ(0, socketpair(AF_UNIX, variant->type | SOCK_CLOEXEC, 0, sv));
	ASSERT_EQ(0, pipe2(go, O_CLOEXEC));
	peer = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, peer);
	ASSERT_EQ(0, bind(peer, (void *)&sin, sizeof(sin)));
	ASSERT_EQ(0, getsockname(peer, (void *)&sin, &len));

	/* Forked before the restriction: an unrestricted helper. */
	helper = fork();
	ASSERT_LE(0, helper);
	if (helper == 0) {
		fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (read(go[0], &c, 1) != 1 || fd < 0 ||
		    connect(fd, (void *)&sin, sizeof(sin)) ||
		    send_fd(sv[1], fd))
			_exit(1);
		_exit(0);
	}

	RESTRICT();
	ASSERT_EQ(-1, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(1, write(go[1], "g", 1));
	fd = recv_fd(sv[0]);
	ASSERT_LE(0, fd);
	ASSERT_EQ(helper, waitpid(helper, &status, 0));
	ASSERT_EQ(0, WEXITSTATUS(status));

	/* A received descriptor is a capability the task already holds... */
	EXPECT_EQ(1, send(fd, "y", 1, 0));
	EXPECT_EQ(1, recv(peer, &c, 1, 0));
	EXPECT_EQ('y', c);
	/* ...but it cannot be pointed anywhere new. */
	EXPECT_EQ(-1, sendto(fd, "z", 1, 0, (void *)&sin, sizeof(sin)));
	EXPECT_EQ(EPERM, errno);
}

/*
 * connect(AF_UNSPEC) dissolves a datagram socket's association
 * (unix_dgram_connect()): it names no peer, whatever its length, and stays
 * allowed.  A send() without an address then fails with ENOTCONN.
 */
static int disconnect_dgram(const struct name *const n)
{
	const struct sockaddr_un unspec = { .sun_family = AF_UNSPEC };
	const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret;

	if (fd < 0)
		return -errno;
	ret = RET(connect(fd, (const void *)&n->sun, n->len));
	if (!ret)
		ret = RET(send(fd, "x", 1, MSG_DONTWAIT));
	if (!ret)
		ret = RET(connect(fd, (const void *)&unspec, sizeof(unspec)));
	if (!ret && send(fd, "x", 1, MSG_DONTWAIT) >= 0)
		ret = -EISCONN;
	else if (!ret && errno != ENOTCONN)
		ret = -errno;
	close(fd);
	return ret;
}

TEST(dgram_disconnect)
{
	const struct name n = pathname("dgram");
	const int srv = serve(SOCK_DGRAM, &n);

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	ASSERT_LE(0, srv);
	ASSERT_EQ(0, disconnect_dgram(&n));
	RESTRICT();
	EXPECT_EQ(0, disconnect_dgram(&n));
	unlink(n.sun.sun_path);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - SCTP socket options that bind or connect
 *
 * setsockopt() can bind and connect an SCTP socket without bind(2) or
 * connect(2): bindx, connectx (in all three forms), and setting primary
 * addresses.  Peeling off an association creates a new socket.  Each is
 * run on sockets made before the restriction, with an unrestricted
 * control first.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/sctp.h>
#include <netinet/in.h>

#include "common.h"

#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif

static struct sockaddr_in addr4(const char *const ip, const unsigned short port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};

	inet_pton(AF_INET, ip, &sin.sin_addr);
	return sin;
}

FIXTURE(sctp) {
	struct sockaddr_in server;
	int server_fd;
};

/* A one-to-many server on 127.0.0.1, and its address in @server. */
static int serve(struct sockaddr_in *const server)
{
	socklen_t len = sizeof(*server);
	const int fd = socket(AF_INET, SOCK_SEQPACKET | SOCK_CLOEXEC,
			      IPPROTO_SCTP);

	*server = addr4("127.0.0.1", 0);
	if (fd < 0 || bind(fd, (void *)server, sizeof(*server)) ||
	    getsockname(fd, (void *)server, &len) || listen(fd, 16))
		return -1;
	return fd;
}

FIXTURE_SETUP(sctp)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	setup_loopback(_metadata);
	self->server_fd = serve(&self->server);
	ASSERT_LE(0, self->server_fd);
}

FIXTURE_TEARDOWN(sctp)
{
}

static int sctp_socket(const int type)
{
	return socket(AF_INET, type | SOCK_CLOEXEC, IPPROTO_SCTP);
}

/* A one-to-one socket bound to 127.0.0.1, and its port. */
static int bound(unsigned short *const port)
{
	struct sockaddr_in sin = addr4("127.0.0.1", 0);
	socklen_t len = sizeof(sin);
	const int fd = sctp_socket(SOCK_STREAM);

	if (fd < 0 || bind(fd, (void *)&sin, sizeof(sin)) ||
	    getsockname(fd, (void *)&sin, &len))
		return -1;
	*port = ntohs(sin.sin_port);
	return fd;
}

static int bindx_add(const int fd, const unsigned short port)
{
	struct sockaddr_in more = addr4("127.0.0.2", port);

	return RET(setsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_BINDX_ADD, &more,
			      sizeof(more)));
}

TEST_F(sctp, bindx_add)
{
	unsigned short ctl_port, res_port;
	const int ctl = bound(&ctl_port);
	const int res = bound(&res_port);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	EXPECT_EQ(0, bindx_add(ctl, ctl_port));
	RESTRICT();
	EXPECT_EQ(-EPERM, bindx_add(res, res_port));
}

static int connectx(const int fd, const int optname,
		    struct sockaddr_in *const to)
{
	struct sctp_getaddrs_old param = {
		.addr_num = sizeof(*to),
		.addrs = (struct sockaddr *)to,
	};
	socklen_t len = sizeof(param);

	if (optname == SCTP_SOCKOPT_CONNECTX3)
		return RET(getsockopt(fd, SOL_SCTP, optname, &param, &len));
	return setsockopt(fd, SOL_SCTP, optname, to, sizeof(*to)) < 0 ? -errno :
									0;
}

static void check_connectx(struct __test_metadata *const _metadata,
			   struct sockaddr_in *const server, const int optname)
{
	const int ctl = sctp_socket(SOCK_STREAM);
	const int res = sctp_socket(SOCK_STREAM);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	EXPECT_EQ(0, connectx(ctl, optname, server));
	RESTRICT();
	EXPECT_EQ(-EPERM, connectx(res, optname, server));
}

TEST_F(sctp, connectx)
{
	check_connectx(_metadata, &self->server, SCTP_SOCKOPT_CONNECTX);
}

TEST_F(sctp, connectx_old)
{
	check_connectx(_metadata, &self->server, SCTP_SOCKOPT_CONNECTX_OLD);
}

TEST_F(sctp, connectx3)
{
	check_connectx(_metadata, &self->server, SCTP_SOCKOPT_CONNECTX3);
}

/* A one-to-one socket with an established association. */
static int associated(const struct sockaddr_in *const server)
{
	const int fd = sctp_socket(SOCK_STREAM);

	if (fd < 0 || connect(fd, (const void *)server, sizeof(*server)))
		return -1;
	return fd;
}

static int primary_addr(const int fd, const struct sockaddr_in *const peer)
{
	struct sctp_prim prim = {};

	memcpy(&prim.ssp_addr, peer, sizeof(*peer));
	return RET(setsockopt(fd, SOL_SCTP, SCTP_PRIMARY_ADDR, &prim,
			      sizeof(prim)));
}

TEST_F(sctp, primary_addr)
{
	const int ctl = associated(&self->server);
	const int res = associated(&self->server);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	EXPECT_EQ(0, primary_addr(ctl, &self->server));
	RESTRICT();
	EXPECT_EQ(-EPERM, primary_addr(res, &self->server));
}

static int peer_primary_addr(const int fd)
{
	struct sockaddr_in local;
	struct sctp_setpeerprim prim = {};
	socklen_t len = sizeof(local);

	if (getsockname(fd, (void *)&local, &len))
		return -errno;
	memcpy(&prim.sspp_addr, &local, sizeof(local));
	return RET(setsockopt(fd, SOL_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &prim,
			      sizeof(prim)));
}

TEST_F(sctp, set_peer_primary_addr)
{
	int ctl, res;

	/* It needs ASCONF, negotiated when the association is set up. */
	write_sysctl("/proc/sys/net/sctp/addip_enable", "1");
	write_sysctl("/proc/sys/net/sctp/auth_enable", "1");
	self->server_fd = serve(&self->server);
	ASSERT_LE(0, self->server_fd);
	ctl = associated(&self->server);
	res = associated(&self->server);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	EXPECT_EQ(0, peer_primary_addr(ctl));
	RESTRICT();
	EXPECT_EQ(-EPERM, peer_primary_addr(res));
}

/* Peel the first association of a one-to-many socket off into a socket. */
static int peeloff(const int fd)
{
	struct {
		struct sctp_assoc_ids ids;
		sctp_assoc_t more[4];
	} ids = {};
	sctp_peeloff_arg_t arg = {};
	socklen_t len = sizeof(ids);

	if (getsockopt(fd, SOL_SCTP, SCTP_GET_ASSOC_ID_LIST, &ids, &len))
		return -errno;
	if (ids.ids.gaids_number_of_ids < 1)
		return -ENOENT;
	arg.associd = ids.ids.gaids_assoc_id[0];
	len = sizeof(arg);
	/* On success, getsockopt() returns the new descriptor. */
	if (getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_PEELOFF, &arg, &len) < 0)
		return -errno;
	close(arg.sd);
	return 0;
}

/* One-to-many socket with an association to the server. */
static int many(const struct sockaddr_in *const server)
{
	const int fd = sctp_socket(SOCK_SEQPACKET);

	if (fd < 0 || connect(fd, (const void *)server, sizeof(*server)))
		return -1;
	return fd;
}

TEST_F(sctp, peeloff)
{
	const int ctl = many(&self->server);
	const int res = many(&self->server);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	EXPECT_EQ(0, peeloff(ctl));
	RESTRICT();
	/* Peeling off creates a user socket: socket_create denies it. */
	EXPECT_EQ(-EPERM, peeloff(res));
}

TEST_HARNESS_MAIN

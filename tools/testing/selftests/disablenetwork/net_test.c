// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - Sockets of every family but AF_UNIX
 *
 * Each test runs its operation twice on the same kernel: first as an
 * unrestricted control, then after PR_SET_NETWORK, on a socket made the
 * same way before the restriction.  A denial passes only if the control
 * succeeded (or fails for a reason the variant lists) and the restricted
 * run got EPERM.  Each test runs in a private network namespace.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/uio.h>

#include "common.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

enum op {
	OP_SOCKET,
	OP_BIND,
	OP_CONNECT,
	OP_CONNECT_UNSPEC,
	OP_CONNECT_SHORT,
	OP_LISTEN_UNBOUND,
	OP_LISTEN_BOUND,
	OP_SENDTO,
	OP_SENDMSG,
	OP_SENDMMSG,
	OP_SENDTO_CONNECTED,
	OP_SEND,
};

#define F(op) (1U << (op))
/* Unconnected stream sockets: -EPIPE. */
#define SENDS_ADDR (F(OP_SENDTO) | F(OP_SENDMSG) | F(OP_SENDMMSG))
/* Sockets that do not listen: -EOPNOTSUPP. */
#define LISTENS (F(OP_LISTEN_UNBOUND) | F(OP_LISTEN_BOUND))
/* Sockets that do not connect: -EOPNOTSUPP. */
#define CONNECTS (F(OP_CONNECT) | F(OP_CONNECT_UNSPEC))

/* A socket made before the restriction, in one of these states. */
enum stage {
	FRESH,
	BOUND,
	CONNECTED,
};

struct sock_kind {
	int family;
	int type;
	int protocol;
	/* Operations that fail even for an unrestricted task. */
	unsigned int ctl_fails;
};

FIXTURE(net) {};

FIXTURE_VARIANT(net)
{
	struct sock_kind k;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv4_tcp) {
	/* clang-format on */
	.k = {
		.family = AF_INET,
		.type = SOCK_STREAM,
		.ctl_fails = F(OP_CONNECT_SHORT) | SENDS_ADDR,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv4_udp) {
	/* clang-format on */
	.k = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.ctl_fails = F(OP_CONNECT_SHORT) | LISTENS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv4_raw) {
	/* clang-format on */
	.k = {
		.family = AF_INET,
		.type = SOCK_RAW,
		.protocol = IPPROTO_ICMP,
		.ctl_fails = F(OP_CONNECT_SHORT) | LISTENS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv4_mptcp) {
	/* clang-format on */
	.k = {
		.family = AF_INET,
		.type = SOCK_STREAM,
		.protocol = IPPROTO_MPTCP,
		.ctl_fails = F(OP_CONNECT_SHORT) | SENDS_ADDR,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv4_sctp) {
	/* clang-format on */
	.k = {
		.family = AF_INET,
		.type = SOCK_STREAM,
		.protocol = IPPROTO_SCTP,
		.ctl_fails = F(OP_CONNECT_SHORT) | F(OP_CONNECT_UNSPEC),
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv6_tcp) {
	/* clang-format on */
	.k = {
		.family = AF_INET6,
		.type = SOCK_STREAM,
		.ctl_fails = F(OP_CONNECT_SHORT) | SENDS_ADDR,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv6_udp) {
	/* clang-format on */
	.k = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.ctl_fails = F(OP_CONNECT_SHORT) | LISTENS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv6_raw) {
	/* clang-format on */
	.k = {
		.family = AF_INET6,
		.type = SOCK_RAW,
		.protocol = IPPROTO_ICMPV6,
		.ctl_fails = F(OP_CONNECT_SHORT) | LISTENS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv6_mptcp) {
	/* clang-format on */
	.k = {
		.family = AF_INET6,
		.type = SOCK_STREAM,
		.protocol = IPPROTO_MPTCP,
		.ctl_fails = F(OP_CONNECT_SHORT) | SENDS_ADDR,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, ipv6_sctp) {
	/* clang-format on */
	.k = {
		.family = AF_INET6,
		.type = SOCK_SEQPACKET,
		.protocol = IPPROTO_SCTP,
		.ctl_fails = F(OP_CONNECT_SHORT) | F(OP_CONNECT_UNSPEC) |
			     F(OP_SEND),
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, packet_raw) {
	/* clang-format on */
	.k = {
		.family = AF_PACKET,
		.type = SOCK_RAW,
		.protocol = ETH_P_ALL,
		.ctl_fails = CONNECTS | F(OP_CONNECT_SHORT) | LISTENS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, packet_dgram) {
	/* clang-format on */
	.k = {
		.family = AF_PACKET,
		.type = SOCK_DGRAM,
		.protocol = ETH_P_IP,
		.ctl_fails = CONNECTS | F(OP_CONNECT_SHORT) | LISTENS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, netlink_raw) {
	/* clang-format on */
	.k = {
		.family = AF_NETLINK,
		.type = SOCK_RAW,
		.protocol = NETLINK_ROUTE,
		.ctl_fails = F(OP_CONNECT_SHORT) | LISTENS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, netlink_dgram) {
	/* clang-format on */
	.k = {
		.family = AF_NETLINK,
		.type = SOCK_DGRAM,
		.protocol = NETLINK_ROUTE,
		.ctl_fails = F(OP_CONNECT_SHORT) | LISTENS,
	},
};

FIXTURE_SETUP(net)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	setup_loopback(_metadata);
}

FIXTURE_TEARDOWN(net)
{
}

/* AF_PACKET takes its protocol in network byte order. */
static int protocol(const struct sock_kind *const v)
{
	return v->family == AF_PACKET ? htons(v->protocol) : v->protocol;
}

struct target {
	int fd;
	int server;
	struct sockaddr_storage dst;
	socklen_t dstlen;
};

/* The address to bind to: loopback, lo, or the netlink autobind. */
static socklen_t local_addr(const struct sock_kind *const v,
			    struct sockaddr_storage *const ss)
{
	struct sockaddr_in *const sin = (void *)ss;
	struct sockaddr_in6 *const sin6 = (void *)ss;
	struct sockaddr_ll *const sll = (void *)ss;

	memset(ss, 0, sizeof(*ss));
	ss->ss_family = v->family;
	switch (v->family) {
	case AF_INET:
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*sin);
	case AF_INET6:
		sin6->sin6_addr = in6addr_loopback;
		return sizeof(*sin6);
	case AF_PACKET:
		sll->sll_protocol = protocol(v);
		sll->sll_ifindex = if_nametoindex("lo");
		sll->sll_halen = ETH_ALEN;
		return sizeof(*sll);
	default:
		return sizeof(struct sockaddr_nl);
	}
}

/* A peer to connect or send to: a server for TCP, UDP, SCTP, MPTCP. */
static void make_target(struct __test_metadata *const _metadata,
			const struct sock_kind *const v, struct target *t,
			const enum stage stage)
{
	t->server = -1;
	t->dstlen = local_addr(v, &t->dst);
	if ((v->family == AF_INET || v->family == AF_INET6) &&
	    v->type != SOCK_RAW) {
		t->server = socket(v->family, v->type | SOCK_CLOEXEC,
				   protocol(v));
		ASSERT_LE(0, t->server);
		ASSERT_EQ(0, bind(t->server, (void *)&t->dst, t->dstlen));
		ASSERT_EQ(0, getsockname(t->server, (void *)&t->dst,
					 &t->dstlen));
		if (v->type != SOCK_DGRAM)
			ASSERT_EQ(0, listen(t->server, 16));
	}

	t->fd = socket(v->family, v->type | SOCK_CLOEXEC, protocol(v));
	ASSERT_LE(0, t->fd);
	if (stage == BOUND || (stage == CONNECTED && v->family == AF_PACKET)) {
		struct sockaddr_storage ss;
		const socklen_t len = local_addr(v, &ss);

		ASSERT_EQ(0, bind(t->fd, (void *)&ss, len));
	} else if (stage == CONNECTED) {
		ASSERT_EQ(0, connect(t->fd, (void *)&t->dst, t->dstlen));
	}
}

/* Something each kind of socket accepts to send. */
static size_t payload(const struct sock_kind *const v, char *const buf,
		      const size_t size)
{
	struct nlmsghdr *const nh = (void *)buf;

	memset(buf, 0, size);
	if (v->family == AF_NETLINK) {
		nh->nlmsg_len = NLMSG_LENGTH(0);
		nh->nlmsg_type = NLMSG_NOOP;
		nh->nlmsg_flags = NLM_F_REQUEST;
		return nh->nlmsg_len;
	}
	if (v->type == SOCK_RAW && v->family == AF_INET) {
		buf[0] = 8; /* ICMP echo request */
		return 8;
	}
	if (v->type == SOCK_RAW && v->family == AF_INET6) {
		buf[0] = (char)128; /* ICMPv6 echo request */
		return 8;
	}
	if (v->family == AF_PACKET)
		return 60;
	return 1;
}

static int do_op(const struct sock_kind *const v, struct target *const t,
		 const enum op op)
{
	const int flags = MSG_DONTWAIT | MSG_NOSIGNAL;
	struct sockaddr_storage ss = {};
	char buf[64];
	const size_t len = payload(v, buf, sizeof(buf));
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct mmsghdr mm = {
		.msg_hdr = {
			.msg_name = &t->dst,
			.msg_namelen = t->dstlen,
			.msg_iov = &iov,
			.msg_iovlen = 1,
		},
	};
	socklen_t sl;
	int fd, ret;

	switch (op) {
	case OP_SOCKET:
		fd = socket(v->family, v->type | SOCK_CLOEXEC, protocol(v));
		if (fd < 0)
			return -errno;
		close(fd);
		return 0;
	case OP_BIND:
		sl = local_addr(v, &ss);
		return RET(bind(t->fd, (void *)&ss, sl));
	case OP_CONNECT:
		return RET(connect(t->fd, (void *)&t->dst, t->dstlen));
	case OP_CONNECT_UNSPEC:
		ss.ss_family = AF_UNSPEC;
		return RET(connect(t->fd, (void *)&ss, sizeof(struct sockaddr)));
	case OP_CONNECT_SHORT:
		/* Too short to hold sa_family: never a disconnect. */
		ss.ss_family = AF_UNSPEC;
		return RET(connect(t->fd, (void *)&ss, 1));
	case OP_LISTEN_UNBOUND:
	case OP_LISTEN_BOUND:
		return RET(listen(t->fd, 8));
	case OP_SENDTO:
	case OP_SENDTO_CONNECTED:
		return RET(sendto(t->fd, buf, len, flags, (void *)&t->dst,
				  t->dstlen));
	case OP_SENDMSG:
		return RET(sendmsg(t->fd, &mm.msg_hdr, flags));
	case OP_SENDMMSG:
		ret = sendmmsg(t->fd, &mm, 1, flags);
		if (ret < 0)
			return -errno;
		return ret == 1 ? 0 : -EIO;
	case OP_SEND:
		return RET(send(t->fd, buf, len, flags));
	}
	return -EINVAL;
}

/*
 * Runs @op unrestricted, then restricted, each time on a socket made in the
 * state @stage before the restriction.
 */
static void check_op(struct __test_metadata *const _metadata,
		     const struct sock_kind *const v, const enum op op,
		     const enum stage stage, const bool denied)
{
	struct target ctl_t, res_t;
	int ctl, res;

	make_target(_metadata, v, &ctl_t, stage);
	make_target(_metadata, v, &res_t, stage);
	ctl = do_op(v, &ctl_t, op);
	RESTRICT();
	res = do_op(v, &res_t, op);

	/* The control must fail exactly where the variant says it does. */
	EXPECT_EQ(!!(v->ctl_fails & F(op)), !!ctl)
	{
		TH_LOG("unrestricted control: %s", strerror(-ctl));
	}
	expect_result(_metadata, ctl, res, denied);
}

TEST_F(net, socket)
{
	check_op(_metadata, &variant->k, OP_SOCKET, FRESH, true);
}

TEST_F(net, bind)
{
	check_op(_metadata, &variant->k, OP_BIND, FRESH, true);
}

TEST_F(net, connect)
{
	check_op(_metadata, &variant->k, OP_CONNECT, FRESH, true);
}

TEST_F(net, connect_unspec)
{
	const bool inet = variant->k.family == AF_INET ||
			  variant->k.family == AF_INET6;

	/* A disconnect reaches nothing new on AF_INET and AF_INET6. */
	check_op(_metadata, &variant->k, OP_CONNECT_UNSPEC, CONNECTED, !inet);
}

TEST_F(net, connect_short)
{
	check_op(_metadata, &variant->k, OP_CONNECT_SHORT, CONNECTED, true);
}

TEST_F(net, listen_unbound)
{
	check_op(_metadata, &variant->k, OP_LISTEN_UNBOUND, FRESH, true);
}

TEST_F(net, listen_bound)
{
	check_op(_metadata, &variant->k, OP_LISTEN_BOUND, BOUND, true);
}

TEST_F(net, sendto)
{
	check_op(_metadata, &variant->k, OP_SENDTO, FRESH, true);
}

TEST_F(net, sendto_connected)
{
	check_op(_metadata, &variant->k, OP_SENDTO_CONNECTED, CONNECTED, true);
}

TEST_F(net, sendmsg)
{
	check_op(_metadata, &variant->k, OP_SENDMSG, FRESH, true);
}

TEST_F(net, sendmmsg)
{
	check_op(_metadata, &variant->k, OP_SENDMMSG, FRESH, true);
}

TEST_F(net, send_connected)
{
	check_op(_metadata, &variant->k, OP_SEND, CONNECTED, false);
}

TEST_HARNESS_MAIN

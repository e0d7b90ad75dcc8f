// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - Options and control messages that redirect a
 * socket held from before the restriction
 *
 * A socket connected or bound before PR_SET_NETWORK keeps the reach it
 * had.  Each case below is an option or a control message that would
 * widen it: a new egress interface, a source route, a header the task
 * writes, another host's address, a new group membership, wider
 * reception, or a rewrite of the host's netfilter tables.  Each runs
 * twice, on two sockets made the same way before the restriction: the
 * unrestricted control applies it and a witness shows that the packet
 * really went elsewhere (a packet socket that sees every interface) or
 * that the socket really receives for a new group, or for options whose
 * effect needs another host, that the option applies; then the
 * restricted task gets EPERM.  A case that needs a kernel option the
 * test configuration lacks (TIPC, iptables) skips and says so.
 *
 * Each test runs in a private network namespace with two tun devices:
 * dn0 (10.9.0.1/24, fd00:9::1/64) and dn1 (10.9.1.1/24, fd00:9:1::1/64).
 * 10.99.0.0/24 and fd00:99::/64 are routed out of both, dn0 first, so
 * that a packet to them leaves by dn0 unless something picks dn1.
 * Addresses ending in 7 are the "other host" a redirect sends to.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/sctp.h>
#include <linux/tipc.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/tcp.h>
#include <linux/ipsec.h>
#include <linux/netlink.h>
#include <linux/pfkeyv2.h>
#include <linux/xfrm.h>
#include <poll.h>
#include <stddef.h>
#include <sys/mman.h>

#include "common.h"

#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif
#ifndef SOL_ICMPV6
#define SOL_ICMPV6 58
#endif
#ifndef SOL_TIPC
#define SOL_TIPC 271
#endif
/* <linux/icmp.h>, <linux/icmpv6.h>, <linux/in6.h>: clashes again. */
#define DN_ICMP_FILTER 1
#define DN_ICMPV6_FILTER 1
#define DN_IPV6_ROUTER_ALERT 22
/* <linux/netfilter_ipv4/ip_tables.h>: IPT_SO_GET_INFO, ADD_COUNTERS. */
#define DN_IPT_SO_GET_INFO 64
#define DN_IPT_SO_SET_ADD_COUNTERS 65
struct dn_ipt_getinfo {
	char name[32];
	unsigned int valid_hooks, hook_entry[5], underflow[5];
	unsigned int num_entries, size;
};

struct dn_counters_info {
	char name[32];
	unsigned int num_counters;
	uint64_t counters[2 * 16];
};

/* <linux/in6.h> and <linux/ipv6.h> clash with <netinet/in.h>. */
#ifndef IPV6_FLOWINFO
#define IPV6_FLOWINFO 11
#define IPV6_FLOWLABEL_MGR 32
#define IPV6_FLOWINFO_SEND 33
#endif
#define DN_FL_A_GET 0
#define DN_FL_F_CREATE 1
#define DN_FL_S_EXCL 1
struct dn_flowlabel_req {
	struct in6_addr flr_dst;
	uint32_t flr_label;
	uint8_t flr_action;
	uint8_t flr_share;
	uint16_t flr_flags;
	uint16_t flr_expires;
	uint16_t flr_linger;
	uint32_t pad;
};

/* A type 2 routing header (Mobile IPv6): one address. */
struct dn_rt2 {
	uint8_t nexthdr, hdrlen, type, segments_left;
	uint32_t reserved;
	struct in6_addr addr;
};

/* A type 4 routing header (segment routing) with two segments. */
struct dn_srh {
	uint8_t nexthdr, hdrlen, type, segments_left;
	uint8_t first_segment, flags;
	uint16_t tag;
	struct in6_addr segments[2];
};

#define PORT 4242
/* The groups of the membership tests. */
#define G4 "239.1.2.3"
#define G6 "ff0e::1:3"
#define MARK 7

enum { DN0, DN1 };

/* The test network, made in each test's own network namespace. */
struct lab {
	int tun[2];
	int ifindex[2];
	/* Sees every packet that leaves any interface. */
	int witness;
	/* Unrestricted multicast senders out of dn0. */
	int sender4, sender6;
	/* The interface a redirect should move the packet to. */
	int other;
	/* A packet socket alone in fanout group 7, on dn0. */
	int fanout_owner;
	/* A socket that joined the group on dn0, for IP_MULTICAST_ALL. */
	int member;
};

FIXTURE(sockopt) {
	struct lab lab;
};

/* The same network, for the tests that need no variant. */
FIXTURE(lab) {
	struct lab lab;
};

/* Runs a command of busybox ip, or fails the test. */
static void run_ip(struct __test_metadata *const _metadata,
		   const char *const cmd)
{
	char line[256];

	snprintf(line, sizeof(line), "ip %s", cmd);
	ASSERT_EQ(0, system(line))
	{
		TH_LOG("%s", line);
	}
}

static int tun_open(const char *const name)
{
	struct ifreq ifr = { .ifr_flags = IFF_TUN | IFF_NO_PI };
	const int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr))
		return -1;
	return fd;
}

static struct sockaddr_in sin4(const char *const a, const int port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};

	inet_pton(AF_INET, a, &sin.sin_addr);
	return sin;
}

static struct sockaddr_in6 sin6(const char *const a, const int port)
{
	struct sockaddr_in6 sin = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(port),
	};

	inet_pton(AF_INET6, a, &sin.sin6_addr);
	return sin;
}

static void build_lab(struct __test_metadata *const _metadata,
		      struct lab *const lab)
{
	struct ip_mreqn mreq = {};
	int i, one = 1;

	setup_loopback(_metadata);
	for (i = DN0; i <= DN1; i++) {
		const char *const name = i == DN0 ? "dn0" : "dn1";

		lab->tun[i] = tun_open(name);
		ASSERT_LE(0, lab->tun[i]);
		lab->ifindex[i] = if_nametoindex(name);
		ASSERT_LT(0, lab->ifindex[i]);
	}
	run_ip(_metadata, "link set dn0 up");
	run_ip(_metadata, "link set dn1 up");
	run_ip(_metadata, "addr add 10.9.0.1/24 dev dn0");
	run_ip(_metadata, "addr add 10.9.1.1/24 dev dn1");
	run_ip(_metadata, "-6 addr add fd00:9::1/64 dev dn0");
	run_ip(_metadata, "-6 addr add fd00:9:1::1/64 dev dn1");
	run_ip(_metadata, "route add 10.99.0.0/24 dev dn0");
	run_ip(_metadata, "route append 10.99.0.0/24 dev dn1");
	run_ip(_metadata, "-6 route add fd00:99::/64 dev dn0");
	run_ip(_metadata, "-6 route append fd00:99::/64 dev dn1");
	run_ip(_metadata, "route add 224.0.0.0/4 dev dn0");
	/* Marked packets use table 7, which routes 10.99.0.0/24 by dn1. */
	run_ip(_metadata, "rule add fwmark 7 table 7");
	run_ip(_metadata, "route add 10.99.0.0/24 dev dn1 table 7");
	lab->other = lab->ifindex[DN1];

	lab->witness = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC,
			      htons(ETH_P_ALL));
	ASSERT_LE(0, lab->witness);

	lab->sender4 = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, lab->sender4);
	mreq.imr_ifindex = lab->ifindex[DN0];
	ASSERT_EQ(0, setsockopt(lab->sender4, SOL_IP, IP_MULTICAST_IF, &mreq,
				sizeof(mreq)));
	lab->sender6 = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, lab->sender6);
	ASSERT_EQ(0, setsockopt(lab->sender6, SOL_IPV6, IPV6_MULTICAST_IF,
				&lab->ifindex[DN0], sizeof(int)));
	ASSERT_EQ(0, setsockopt(lab->sender6, SOL_IPV6, IPV6_MULTICAST_LOOP,
				&one, sizeof(one)));
}

FIXTURE_SETUP(sockopt)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	build_lab(_metadata, &self->lab);
}

FIXTURE_TEARDOWN(sockopt)
{
}

FIXTURE_SETUP(lab)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	build_lab(_metadata, &self->lab);
}

FIXTURE_TEARDOWN(lab)
{
}

/* What a packet must look like for the witness to count it. */
struct sighting {
	int family;
	int ifindex;	/* 0: any interface */
	const char *daddr;
	int protocol;	/* -1: any; else the IPv4 protocol or IPv6 next header */
	int dport;	/* 0: any; else the UDP destination port */
};

static void drain(const int fd)
{
	char buf[2048];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
}

/* Waits up to a second for a packet leaving the host as @s describes. */
static bool seen(struct lab *const lab, const struct sighting s)
{
	struct pollfd pfd = { .fd = lab->witness, .events = POLLIN };
	unsigned char buf[2048], want[16];
	struct sockaddr_ll sll;
	int tries;

	inet_pton(s.family, s.daddr, want);
	for (tries = 0; tries < 50 && poll(&pfd, 1, 1000) == 1; tries++) {
		socklen_t len = sizeof(sll);
		const ssize_t n = recvfrom(lab->witness, buf, sizeof(buf),
					   MSG_DONTWAIT, (void *)&sll, &len);
		const unsigned char *l4;
		int proto;

		if (n < 0 || sll.sll_pkttype != PACKET_OUTGOING)
			continue;
		if (s.ifindex && sll.sll_ifindex != s.ifindex)
			continue;
		if (s.family == AF_INET && ntohs(sll.sll_protocol) == ETH_P_IP &&
		    n >= 20 && !memcmp(buf + 16, want, 4)) {
			proto = buf[9];
			l4 = buf + (buf[0] & 0xf) * 4;
		} else if (s.family == AF_INET6 &&
			   ntohs(sll.sll_protocol) == ETH_P_IPV6 && n >= 40 &&
			   !memcmp(buf + 24, want, 16)) {
			proto = buf[6];
			l4 = buf + 40;
		} else {
			continue;
		}
		if (s.protocol >= 0 && proto != s.protocol)
			continue;
		if (s.dport && (l4 + 4 > buf + n ||
				(l4[2] << 8 | l4[3]) != s.dport))
			continue;
		return true;
	}
	return false;
}

/* Did @fd receive a datagram within a second? */
static bool received(const int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char c;

	return poll(&pfd, 1, 1000) == 1 &&
	       recv(fd, &c, 1, MSG_DONTWAIT) == 1;
}

/* Sends one datagram from 10.9.0.1 (or fd00:9::1) to @group, out of dn0. */
static void send_group(struct lab *const lab,
		       const char *const group)
{
	if (!strchr(group, ':')) {
		const struct sockaddr_in to = sin4(group, PORT);

		sendto(lab->sender4, "g", 1, 0, (void *)&to, sizeof(to));
	} else {
		const struct sockaddr_in6 to = sin6(group, PORT);

		sendto(lab->sender6, "g", 1, 0, (void *)&to, sizeof(to));
	}
}

/* One case: how to make the socket, what to apply, what must follow. */
struct edge;
typedef int (*apply_fn)(struct lab *lab, int fd,
			const struct edge *e);

enum witness_kind {
	/* The next send leaves by the other interface, to the same place. */
	W_EGRESS,
	/* The next send goes to .7, the other host. */
	W_REROUTE,
	/* The next send leaves the host's tunnel to .7 for the peer. */
	W_BYPASS,
	/* The socket receives what dn0 sends to the group. */
	W_GROUP,
	/* The option itself is the proof, checked by apply(). */
	W_APPLY,
};

typedef void (*prepare_fn)(struct __test_metadata *_metadata,
			   struct lab *lab);

struct edge {
	int family;
	int type;
	int protocol;
	/* Where the socket is connected before the restriction, if any. */
	const char *peer;
	/* For W_GROUP: the group, and whether to join and block first. */
	const char *group;
	bool join_and_block;
	int level;
	int name;
	/* Runs once, unrestricted, before the two sockets are made. */
	prepare_fn prepare;
	/* Sets the option or sends the control message: 0 or -errno. */
	apply_fn apply;
	enum witness_kind witness;
	/*
	 * The kernel option the case needs, if the test configuration may
	 * lack it: without it, the socket's family (EAFNOSUPPORT) or the
	 * control's option (ENOPROTOOPT) is missing, and the case skips.
	 */
	const char *needs;
};

FIXTURE_VARIANT(sockopt)
{
	struct edge e;
};

static int setopt(const int fd, const int level, const int name,
		  const void *const val, const socklen_t len)
{
	return RET(setsockopt(fd, level, name, val, len));
}

static int send1(const int fd)
{
	return send(fd, "x", 1, MSG_DONTWAIT) == 1 ? 0 : -errno;
}

/* Sends one byte with one control message of @len bytes. */
static int send_cmsg(const int fd, const int level, const int type,
		     const void *const data, const size_t len)
{
	char buf[CMSG_SPACE(256)] = {};
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = buf,
		.msg_controllen = CMSG_SPACE(len),
	};
	struct cmsghdr *const cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = level;
	cmsg->cmsg_type = type;
	cmsg->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(cmsg), data, len);
	return sendmsg(fd, &msg, MSG_DONTWAIT) == 1 ? 0 : -errno;
}

static int int_opt(struct lab *const lab, const int fd,
		   const struct edge *const e, const int val)
{
	return setopt(fd, e->level, e->name, &val, sizeof(val));
}

/* Egress: options and control messages that pick the other interface. */

static int apply_ifindex(struct lab *const lab, const int fd,
			 const struct edge *const e)
{
	return int_opt(lab, fd, e, lab->other);
}

static int apply_bindtodevice(struct lab *const lab,
			      const int fd, const struct edge *const e)
{
	char name[IFNAMSIZ];

	if_indextoname(lab->other, name);
	return setopt(fd, e->level, e->name, name, strlen(name) + 1);
}

static int apply_mark(struct lab *const lab, const int fd,
		      const struct edge *const e)
{
	return int_opt(lab, fd, e, MARK);
}

static int apply_mark_cmsg(struct lab *const lab, const int fd,
			   const struct edge *const e)
{
	const unsigned int mark = MARK;

	return send_cmsg(fd, e->level, e->name, &mark, sizeof(mark));
}

/*
 * IP_UNICAST_IF and IPV6_UNICAST_IF take the index in network order.  A
 * connected IPv4 socket uses it when its cached route is next checked:
 * flush the routes.
 */
static int apply_unicast_if(struct lab *const lab, const int fd,
			    const struct edge *const e)
{
	const int ret = int_opt(lab, fd, e, htonl(lab->other));

	if (!ret)
		write_sysctl("/proc/sys/net/ipv4/route/flush", "1");
	return ret;
}

static int apply_mcast_if4(struct lab *const lab, const int fd,
			   const struct edge *const e)
{
	const struct ip_mreqn mreq = { .imr_ifindex = lab->other };

	return setopt(fd, e->level, e->name, &mreq, sizeof(mreq));
}

static int apply_pktinfo4_cmsg(struct lab *const lab,
			       const int fd, const struct edge *const e)
{
	const struct in_pktinfo pi = { .ipi_ifindex = lab->other };

	return send_cmsg(fd, e->level, e->name, &pi, sizeof(pi));
}

static int apply_pktinfo6(struct lab *const lab, const int fd,
			  const struct edge *const e)
{
	const struct in6_pktinfo pi = { .ipi6_ifindex = lab->other };

	return setopt(fd, e->level, e->name, &pi, sizeof(pi));
}

static int apply_pktinfo6_cmsg(struct lab *const lab,
			       const int fd, const struct edge *const e)
{
	const struct in6_pktinfo pi = { .ipi6_ifindex = lab->other };

	return send_cmsg(fd, e->level, e->name, &pi, sizeof(pi));
}

/* Rerouting: source routes and headers that name 10.9.1.7, fd00:9:1::7. */

/* A loose source route through 10.9.1.7, as IP options. */
static const unsigned char lsrr[8] = {
	IPOPT_NOP, IPOPT_LSRR, 7, 4, 10, 9, 1, 7,
};

static int apply_ip_options(struct lab *const lab, const int fd,
			    const struct edge *const e)
{
	return setopt(fd, e->level, e->name, lsrr, sizeof(lsrr));
}

static int apply_retopts_cmsg(struct lab *const lab,
			      const int fd, const struct edge *const e)
{
	return send_cmsg(fd, e->level, e->name, lsrr, sizeof(lsrr));
}

static struct dn_rt2 rt2(void)
{
	struct dn_rt2 rt = { .hdrlen = 2, .type = 2, .segments_left = 1 };

	inet_pton(AF_INET6, "fd00:9:1::7", &rt.addr);
	return rt;
}

/* Segment routing needs no privilege: the first segment is the .7 host. */
static int apply_srh(struct lab *const lab, const int fd,
		     const struct edge *const e)
{
	struct dn_srh srh = {
		.hdrlen = 4,
		.type = 4,
		.segments_left = 1,
		.first_segment = 1,
	};

	inet_pton(AF_INET6, "fd00:99::5", &srh.segments[0]);
	inet_pton(AF_INET6, "fd00:9:1::7", &srh.segments[1]);
	return setopt(fd, e->level, e->name, &srh, sizeof(srh));
}

static int apply_rt2_cmsg(struct lab *const lab, const int fd,
			  const struct edge *const e)
{
	const struct dn_rt2 rt = rt2();

	return send_cmsg(fd, e->level, e->name, &rt, sizeof(rt));
}

/* IPV6_2292PKTOPTIONS: control messages that become sticky options. */
static int apply_pktoptions(struct lab *const lab, const int fd,
			    const struct edge *const e)
{
	char buf[CMSG_SPACE(sizeof(struct dn_rt2))] = {};
	struct cmsghdr *const cmsg = (void *)buf;
	const struct dn_rt2 rt = rt2();

	cmsg->cmsg_level = SOL_IPV6;
	cmsg->cmsg_type = IPV6_RTHDR;
	cmsg->cmsg_len = CMSG_LEN(sizeof(rt));
	memcpy(CMSG_DATA(cmsg), &rt, sizeof(rt));
	return setopt(fd, e->level, e->name, buf, sizeof(buf));
}

#define LABEL 0x12345

/*
 * A flow label can carry options, a routing header included, and a send
 * that names the label with IPV6_FLOWINFO gets them.
 */
static int apply_flowlabel(struct lab *const lab, const int fd,
			   const struct edge *const e)
{
	struct {
		struct dn_flowlabel_req req;
		char opts[CMSG_SPACE(sizeof(struct dn_rt2))];
	} fl = {
		.req = {
			.flr_label = htonl(LABEL),
			.flr_action = DN_FL_A_GET,
			.flr_share = DN_FL_S_EXCL,
			.flr_flags = DN_FL_F_CREATE,
		},
	};
	struct cmsghdr *const cmsg = (void *)fl.opts;
	const struct dn_rt2 rt = rt2();
	const uint32_t label = htonl(LABEL);
	int ret;

	inet_pton(AF_INET6, "fd00:99::5", &fl.req.flr_dst);
	cmsg->cmsg_level = SOL_IPV6;
	cmsg->cmsg_type = IPV6_RTHDR;
	cmsg->cmsg_len = CMSG_LEN(sizeof(rt));
	memcpy(CMSG_DATA(cmsg), &rt, sizeof(rt));
	ret = setopt(fd, e->level, e->name, &fl, sizeof(fl));
	if (ret)
		return ret;
	return send_cmsg(fd, SOL_IPV6, IPV6_FLOWINFO, &label, sizeof(label));
}

/*
 * With IP_HDRINCL the task writes the IP header, destination included:
 * the packet follows the route to the connected peer but is addressed to
 * 10.9.1.7.
 */
static int apply_hdrincl4(struct lab *const lab, const int fd,
			  const struct edge *const e)
{
	struct iphdr h = {
		.ihl = 5,
		.version = 4,
		.tot_len = htons(sizeof(h) + 1),
		.ttl = 64,
		.protocol = 253,
	};
	char pkt[sizeof(h) + 1];
	int ret = int_opt(lab, fd, e, 1);

	if (ret)
		return ret;
	inet_pton(AF_INET, "10.9.1.7", &h.daddr);
	memcpy(pkt, &h, sizeof(h));
	pkt[sizeof(h)] = 'x';
	return send(fd, pkt, sizeof(pkt), MSG_DONTWAIT) < 0 ? -errno : 0;
}

static int apply_hdrincl6(struct lab *const lab, const int fd,
			  const struct edge *const e)
{
	struct ip6_hdr h = {
		.ip6_flow = htonl(6 << 28),
		.ip6_plen = htons(1),
		.ip6_nxt = 253,
		.ip6_hlim = 64,
	};
	char pkt[sizeof(h) + 1];
	int ret = int_opt(lab, fd, e, 1);

	if (ret)
		return ret;
	inet_pton(AF_INET6, "fd00:9::1", &h.ip6_src);
	inet_pton(AF_INET6, "fd00:9:1::7", &h.ip6_dst);
	memcpy(pkt, &h, sizeof(h));
	pkt[sizeof(h)] = 'x';
	return send(fd, pkt, sizeof(pkt), MSG_DONTWAIT) < 0 ? -errno : 0;
}

/*
 * Another host's address: a transparent socket may use an address that
 * is not local.  bind() shows it; for a socket held from before, it means
 * receiving what TPROXY rules divert to it, and answering from it.
 */
static socklen_t foreign_addr(const int family,
			      struct sockaddr_storage *const ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		*(struct sockaddr_in *)ss = sin4("192.0.2.1", PORT);
		return sizeof(struct sockaddr_in);
	}
	*(struct sockaddr_in6 *)ss = sin6("2001:db8::1", PORT);
	return sizeof(struct sockaddr_in6);
}

/* Without the option, the foreign address is refused. */
static void prepare_transparent(struct __test_metadata *const _metadata,
				const int family)
{
	struct sockaddr_storage ss;
	const socklen_t len = foreign_addr(family, &ss);
	const int probe = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, probe);
	ASSERT_EQ(-EADDRNOTAVAIL, RET(bind(probe, (void *)&ss, len)));
	close(probe);
}

static void prepare_transparent4(struct __test_metadata *const _metadata,
				 struct lab *const lab)
{
	prepare_transparent(_metadata, AF_INET);
}

static void prepare_transparent6(struct __test_metadata *const _metadata,
				 struct lab *const lab)
{
	prepare_transparent(_metadata, AF_INET6);
}

static int apply_transparent(struct lab *const lab, const int fd,
			     const struct edge *const e)
{
	struct sockaddr_storage ss;
	const socklen_t len = foreign_addr(e->family, &ss);
	const int ret = int_opt(lab, fd, e, 1);

	return ret ?: RET(bind(fd, (void *)&ss, len));
}

/*
 * IPsec: a tunnel-mode policy on the socket sends its packets, in ESP, to
 * the tunnel endpoint .7.  The control needs a security association for
 * it: ESP with null algorithms, from .1 on dn1 to .7, with no reqid, which
 * a template at level "require" matches.
 */
struct tunnel {
	int family;
	xfrm_address_t local, remote;
};

static struct tunnel tunnel_of(const int family)
{
	struct tunnel t = { .family = family };

	inet_pton(family, family == AF_INET ? "10.9.1.1" : "fd00:9:1::1",
		  &t.local);
	inet_pton(family, family == AF_INET ? "10.9.1.7" : "fd00:9:1::7",
		  &t.remote);
	return t;
}

/* Appends an attribute to the netlink message at @msg. */
static void nl_attr(void *const msg, const int type, const void *const data,
		    const int len)
{
	struct nlmsghdr *const nh = msg;
	struct nlattr *const nla = msg + NLMSG_ALIGN(nh->nlmsg_len);

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + NLA_ALIGN(nla->nla_len);
}

/* Adds the security association with XFRM_MSG_NEWSA: 0 or -errno. */
static int add_sa(const int family)
{
	const struct tunnel t = tunnel_of(family);
	struct {
		struct nlmsghdr nh;
		struct xfrm_usersa_info sa;
		char attrs[256];
	} req = {
		.nh = {
			.nlmsg_len = NLMSG_LENGTH(sizeof(struct xfrm_usersa_info)),
			.nlmsg_type = XFRM_MSG_NEWSA,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		},
		.sa = {
			.sel.family = family,
			.id = {
				.daddr = t.remote,
				.spi = htonl(0x1007),
				.proto = IPPROTO_ESP,
			},
			.saddr = t.local,
			.lft = {
				.soft_byte_limit = XFRM_INF,
				.hard_byte_limit = XFRM_INF,
				.soft_packet_limit = XFRM_INF,
				.hard_packet_limit = XFRM_INF,
			},
			.family = family,
			.mode = XFRM_MODE_TUNNEL,
		},
	};
	struct xfrm_algo alg = {};
	struct {
		struct nlmsghdr nh;
		struct nlmsgerr err;
	} ack;
	const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_XFRM);
	int ret;

	if (fd < 0)
		return -errno;
	snprintf(alg.alg_name, sizeof(alg.alg_name), "ecb(cipher_null)");
	nl_attr(&req, XFRMA_ALG_CRYPT, &alg, sizeof(alg));
	snprintf(alg.alg_name, sizeof(alg.alg_name), "digest_null");
	nl_attr(&req, XFRMA_ALG_AUTH, &alg, sizeof(alg));
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0 ||
	    recv(fd, &ack, sizeof(ack), 0) < (ssize_t)sizeof(ack))
		ret = -errno;
	else
		ret = ack.nh.nlmsg_type == NLMSG_ERROR ? ack.err.error : -EIO;
	close(fd);
	return ret;
}

static void prepare_sa4(struct __test_metadata *const _metadata,
			struct lab *const lab)
{
	ASSERT_EQ(0, add_sa(AF_INET));
}

static void prepare_sa6(struct __test_metadata *const _metadata,
			struct lab *const lab)
{
	ASSERT_EQ(0, add_sa(AF_INET6));
}

/* An outbound policy through the tunnel to .7, in xfrm_user's format. */
struct tunnel_policy {
	struct xfrm_userpolicy_info pol;
	struct xfrm_user_tmpl tmpl;
};

static struct tunnel_policy tunnel_policy(const int family)
{
	const struct tunnel t = tunnel_of(family);
	const struct tunnel_policy tp = {
		.pol = {
			.sel.family = family,
			.lft = {
				.soft_byte_limit = XFRM_INF,
				.hard_byte_limit = XFRM_INF,
				.soft_packet_limit = XFRM_INF,
				.hard_packet_limit = XFRM_INF,
			},
			.dir = XFRM_POLICY_OUT,
			.action = XFRM_POLICY_ALLOW,
		},
		.tmpl = {
			.id = {
				.daddr = t.remote,
				.proto = IPPROTO_ESP,
			},
			.family = family,
			.saddr = t.local,
			.mode = XFRM_MODE_TUNNEL,
			.aalgos = ~0U,
			.ealgos = ~0U,
			.calgos = ~0U,
		},
	};

	return tp;
}

/* IP_XFRM_POLICY, IPV6_XFRM_POLICY: a tunnel for this socket only. */
static int apply_xfrm_policy(struct lab *const lab,
			     const int fd, const struct edge *const e)
{
	const struct tunnel_policy tp = tunnel_policy(e->family);

	return setopt(fd, e->level, e->name, &tp, sizeof(tp));
}

/*
 * The host's own policy sends what goes to 10.99.0.0/24 (fd00:99::/64)
 * through the tunnel to .7.
 */
static int add_host_tunnel(const int family)
{
	struct {
		struct nlmsghdr nh;
		struct xfrm_userpolicy_info pol;
		char attrs[256];
	} req = {
		.nh = {
			.nlmsg_len =
				NLMSG_LENGTH(sizeof(struct xfrm_userpolicy_info)),
			.nlmsg_type = XFRM_MSG_NEWPOLICY,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		},
	};
	struct tunnel_policy tp = tunnel_policy(family);
	struct {
		struct nlmsghdr nh;
		struct nlmsgerr err;
	} ack;
	const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_XFRM);
	int ret;

	if (fd < 0)
		return -errno;
	inet_pton(family, family == AF_INET ? "10.99.0.0" : "fd00:99::",
		  &tp.pol.sel.daddr);
	tp.pol.sel.prefixlen_d = family == AF_INET ? 24 : 64;
	req.pol = tp.pol;
	nl_attr(&req, XFRMA_TMPL, &tp.tmpl, sizeof(tp.tmpl));
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0 ||
	    recv(fd, &ack, sizeof(ack), 0) < (ssize_t)sizeof(ack))
		ret = -errno;
	else
		ret = ack.nh.nlmsg_type == NLMSG_ERROR ? ack.err.error : -EIO;
	close(fd);
	return ret;
}

static void prepare_host_tunnel4(struct __test_metadata *const _metadata,
				 struct lab *const lab)
{
	ASSERT_EQ(0, add_sa(AF_INET));
	ASSERT_EQ(0, add_host_tunnel(AF_INET));
}

static void prepare_host_tunnel6(struct __test_metadata *const _metadata,
				 struct lab *const lab)
{
	ASSERT_EQ(0, add_sa(AF_INET6));
	ASSERT_EQ(0, add_host_tunnel(AF_INET6));
}

/*
 * IP_IPSEC_POLICY, IPV6_IPSEC_POLICY, in PF_KEY's format: a bypass policy
 * takes this socket out of the tunnel the host's policy imposes, so its
 * packets go straight to the peer.  (6.12 cannot build PF_KEY socket
 * policies with tunnel templates: pfkey_compile_policy() leaves the
 * selector's family unset, and sends fail with EINVAL.)
 */
static int apply_ipsec_bypass(struct lab *const lab, const int fd,
			      const struct edge *const e)
{
	const struct sadb_x_policy pol = {
		.sadb_x_policy_len = sizeof(pol) / 8,
		.sadb_x_policy_exttype = SADB_X_EXT_POLICY,
		.sadb_x_policy_type = IPSEC_POLICY_BYPASS,
		.sadb_x_policy_dir = IPSEC_DIR_OUTBOUND,
	};

	return setopt(fd, e->level, e->name, &pol, sizeof(pol));
}

/* Memberships, on a socket bound to PORT before the restriction. */

static int apply_add_membership4(struct lab *const lab,
				 const int fd, const struct edge *const e)
{
	struct ip_mreqn mreq = { .imr_ifindex = lab->ifindex[DN0] };

	inet_pton(AF_INET, e->group, &mreq.imr_multiaddr);
	return setopt(fd, e->level, e->name, &mreq, sizeof(mreq));
}

/* IP_ADD_SOURCE_MEMBERSHIP, IP_UNBLOCK_SOURCE: dn0's own source. */
static int apply_source4(struct lab *const lab, const int fd,
			 const struct edge *const e)
{
	struct ip_mreq_source mreq = {};

	inet_pton(AF_INET, e->group, &mreq.imr_multiaddr);
	inet_pton(AF_INET, "10.9.0.1", &mreq.imr_interface);
	inet_pton(AF_INET, "10.9.0.1", &mreq.imr_sourceaddr);
	return setopt(fd, e->level, e->name, &mreq, sizeof(mreq));
}

/* IP_MSFILTER: exclude nothing, that is receive from every source. */
static int apply_msfilter4(struct lab *const lab, const int fd,
			   const struct edge *const e)
{
	struct ip_msfilter msf = { .imsf_fmode = MCAST_EXCLUDE };

	inet_pton(AF_INET, e->group, &msf.imsf_multiaddr);
	inet_pton(AF_INET, "10.9.0.1", &msf.imsf_interface);
	return setopt(fd, e->level, e->name, &msf, IP_MSFILTER_SIZE(0));
}

static void group_addr(const int family, const char *const a,
		       struct sockaddr_storage *const ss)
{
	if (family == AF_INET)
		*(struct sockaddr_in *)ss = sin4(a, 0);
	else
		*(struct sockaddr_in6 *)ss = sin6(a, 0);
}

/* The protocol-independent MCAST_* options, for both families. */
static int apply_mcast_group(struct lab *const lab,
			     const int fd, const struct edge *const e)
{
	struct group_req gr = { .gr_interface = lab->ifindex[DN0] };

	group_addr(e->family, e->group, &gr.gr_group);
	return setopt(fd, e->level, e->name, &gr, sizeof(gr));
}

static int apply_mcast_source(struct lab *const lab,
			      const int fd, const struct edge *const e)
{
	struct group_source_req gsr = { .gsr_interface = lab->ifindex[DN0] };

	group_addr(e->family, e->group, &gsr.gsr_group);
	group_addr(e->family, e->family == AF_INET ? "10.9.0.1" : "fd00:9::1",
		   &gsr.gsr_source);
	return setopt(fd, e->level, e->name, &gsr, sizeof(gsr));
}

static int apply_mcast_msfilter(struct lab *const lab,
				const int fd, const struct edge *const e)
{
	struct group_filter gf = {
		.gf_interface = lab->ifindex[DN0],
		.gf_fmode = MCAST_EXCLUDE,
	};

	group_addr(e->family, e->group, &gf.gf_group);
	return setopt(fd, e->level, e->name, &gf, GROUP_FILTER_SIZE(0));
}

static int apply_add_membership6(struct lab *const lab,
				 const int fd, const struct edge *const e)
{
	struct ipv6_mreq mreq = { .ipv6mr_interface = lab->ifindex[DN0] };

	inet_pton(AF_INET6, e->group, &mreq.ipv6mr_multiaddr);
	return setopt(fd, e->level, e->name, &mreq, sizeof(mreq));
}

/*
 * An anycast address joined on dn0 is delivered locally: what is sent to
 * fd00:9::77 now reaches the socket bound to PORT instead of leaving.
 */
static int apply_anycast(struct lab *const lab, const int fd,
			 const struct edge *const e)
{
	const struct sockaddr_in6 to = sin6("fd00:9::77", PORT);
	int ret;

	/* Before: it leaves by dn0, to a host that is not there. */
	sendto(lab->sender6, "a", 1, 0, (void *)&to, sizeof(to));
	if (received(fd))
		return -EIO;
	ret = apply_add_membership6(lab, fd, e);
	if (ret)
		return ret;
	sendto(lab->sender6, "a", 1, 0, (void *)&to, sizeof(to));
	return received(fd) ? 0 : -EIO;
}

/*
 * Another socket joins the group on dn0, so the host receives it: a socket
 * bound to PORT gets it too once IP_MULTICAST_ALL (the default) is back on.
 */
static void prepare_member(struct __test_metadata *const _metadata,
			   struct lab *const lab, const int family)
{
	struct edge join = {
		.family = family,
		.group = family == AF_INET ? G4 : G6,
		.level = family == AF_INET ? SOL_IP : SOL_IPV6,
		.name = MCAST_JOIN_GROUP,
	};

	lab->member = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, lab->member);
	ASSERT_EQ(0, apply_mcast_group(lab, lab->member, &join));
}

static void prepare_member4(struct __test_metadata *const _metadata,
			    struct lab *const lab)
{
	prepare_member(_metadata, lab, AF_INET);
}

static void prepare_member6(struct __test_metadata *const _metadata,
			    struct lab *const lab)
{
	prepare_member(_metadata, lab, AF_INET6);
}

static int apply_on(struct lab *const lab, const int fd,
		    const struct edge *const e)
{
	return int_opt(lab, fd, e, 1);
}

/*
 * A link-layer multicast address on lo: the interface accepts its frames,
 * and /proc/net/dev_mcast (of the test's namespace) lists it.
 */
static bool lo_listens_to(const char *const hwaddr)
{
	FILE *const f = fopen("/proc/net/dev_mcast", "re");
	char line[256];
	bool found = false;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "lo ") && strstr(line, hwaddr))
			found = true;
	if (f)
		fclose(f);
	return found;
}

static int apply_packet_membership(struct lab *const lab, const int fd,
				   const struct edge *const e)
{
	const struct packet_mreq mr = {
		.mr_ifindex = if_nametoindex("lo"),
		.mr_type = PACKET_MR_MULTICAST,
		.mr_alen = 6,
		.mr_address = { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 },
	};
	const int ret = setopt(fd, e->level, e->name, &mr, sizeof(mr));

	if (ret)
		return ret;
	return lo_listens_to("01005e010203") ? 0 : -EIO;
}

static void prepare_packet_membership(struct __test_metadata *const _metadata,
				      struct lab *const lab)
{
	ASSERT_FALSE(lo_listens_to("01005e010203"));
}

/* Counts the IPv4 packets @fd gets of four sent out of dn0. */
static int share_of_four(struct lab *const lab, const int fd)
{
	const struct sockaddr_in to = sin4("10.9.0.2", 9);
	const int tx = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct sockaddr_ll sll;
	socklen_t len = sizeof(sll);
	char buf[256];
	int i, n = 0;

	drain(fd);
	for (i = 0; i < 4; i++)
		sendto(tx, "f", 1, 0, (void *)&to, sizeof(to));
	while (poll(&pfd, 1, 500) == 1 &&
	       recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, (void *)&sll,
			&len) >= 0)
		n += ntohs(sll.sll_protocol) == ETH_P_IP;
	close(tx);
	return n;
}

/* The owner gets all four packets while it is alone in its group. */
static void prepare_fanout(struct __test_metadata *const _metadata,
			   struct lab *const lab)
{
	const int val = 7 | PACKET_FANOUT_LB << 16;
	const struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = lab->ifindex[DN0],
	};

	/* ETH_P_ALL: only taps see the packets that leave. */
	lab->fanout_owner = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC,
				   htons(ETH_P_ALL));
	ASSERT_LE(0, lab->fanout_owner);
	ASSERT_EQ(0, bind(lab->fanout_owner, (void *)&sll, sizeof(sll)));
	ASSERT_EQ(0, setsockopt(lab->fanout_owner, SOL_PACKET, PACKET_FANOUT,
				&val, sizeof(val)));
	ASSERT_EQ(4, share_of_four(lab, lab->fanout_owner));
}

/*
 * A fanout group shares its traffic among its members: joining it takes
 * packets away from the member that had them all.
 */
static int apply_fanout(struct lab *const lab, const int fd,
			const struct edge *const e)
{
	const int ret = int_opt(lab, fd, e, 7 | PACKET_FANOUT_LB << 16);

	if (ret)
		return ret;
	return share_of_four(lab, lab->fanout_owner) < 4 ? 0 : -EIO;
}

/* The socket of a case, made before the restriction. */
static int open_edge(struct __test_metadata *const _metadata,
		     struct lab *const lab,
		     const struct edge *const e, const int port)
{
	/* AF_PACKET takes its protocol in network byte order. */
	const int fd = socket(e->family, e->type | SOCK_CLOEXEC,
			      e->family == AF_PACKET ? htons(e->protocol) :
						       e->protocol);
	const int zero = 0;

	if (fd < 0 && errno == EAFNOSUPPORT && e->needs)
		return -EAFNOSUPPORT;
	EXPECT_LE(0, fd);
	if (fd < 0)
		return fd;
	if (e->family == AF_PACKET) {
		const struct sockaddr_ll sll = {
			.sll_family = AF_PACKET,
			.sll_protocol = htons(e->protocol),
			.sll_ifindex = lab->ifindex[DN0],
		};

		EXPECT_EQ(0, bind(fd, (void *)&sll, sizeof(sll)));
	} else if (e->peer && e->family == AF_INET) {
		const struct sockaddr_in to = sin4(e->peer, PORT);

		EXPECT_EQ(0, connect(fd, (void *)&to, sizeof(to)));
	} else if (e->peer) {
		const struct sockaddr_in6 to = sin6(e->peer, PORT);

		EXPECT_EQ(0, connect(fd, (void *)&to, sizeof(to)));
	} else if (e->group) {
		/* A receiver on PORT for its own groups only. */
		const struct sockaddr_in a4 = sin4("0.0.0.0", port);
		const struct sockaddr_in6 a6 = sin6("::", port);

		if (e->family == AF_INET) {
			EXPECT_EQ(0, bind(fd, (void *)&a4, sizeof(a4)));
			EXPECT_EQ(0, setsockopt(fd, SOL_IP, IP_MULTICAST_ALL,
						&zero, sizeof(zero)));
		} else {
			EXPECT_EQ(0, bind(fd, (void *)&a6, sizeof(a6)));
			EXPECT_EQ(0, setsockopt(fd, SOL_IPV6,
						IPV6_MULTICAST_ALL, &zero,
						sizeof(zero)));
			/* SOL_IP groups on AF_INET6 reach it over IPv4. */
			setsockopt(fd, SOL_IP, IP_MULTICAST_ALL, &zero,
				   sizeof(zero));
		}
	}
	return fd;
}

/* Joins the group on dn0 and blocks dn0's source: nothing arrives. */
static void join_and_block(struct __test_metadata *const _metadata,
			   struct lab *const lab,
			   const struct edge *const e, const int fd)
{
	struct edge join = *e, block = *e;

	join.level = e->family == AF_INET ? SOL_IP : SOL_IPV6;
	block.level = join.level;
	join.name = MCAST_JOIN_GROUP;
	block.name = MCAST_BLOCK_SOURCE;
	ASSERT_EQ(0, apply_mcast_group(lab, fd, &join));
	ASSERT_EQ(0, apply_mcast_source(lab, fd, &block));
	send_group(lab, e->group);
	ASSERT_FALSE(received(fd));
}

static struct sighting to_peer(const struct edge *const e, const int ifindex)
{
	return (struct sighting){
		.family = e->family,
		.ifindex = ifindex,
		.daddr = e->peer,
		.protocol = -1,
	};
}

TEST_F(sockopt, redirect)
{
	struct lab *const lab = &self->lab;
	const struct edge *const e = &variant->e;
	const char *const other = e->family == AF_INET ? "10.9.1.7" :
							 "fd00:9:1::7";
	struct sighting s;
	int ctl, res, ret;

	if (e->prepare)
		e->prepare(_metadata, lab);
	ctl = open_edge(_metadata, lab, e, PORT);
	if (ctl == -EAFNOSUPPORT)
		SKIP(return, "needs %s", e->needs);
	res = open_edge(_metadata, lab, e, PORT + 1);
	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	if (e->join_and_block) {
		join_and_block(_metadata, lab, e, ctl);
		join_and_block(_metadata, lab, e, res);
	}
	if (e->witness == W_GROUP) {
		/* The baseline: nothing arrives for the group. */
		send_group(lab, e->group);
		ASSERT_FALSE(received(ctl));
	}
	if (e->witness == W_EGRESS || e->witness == W_REROUTE) {
		/* The baseline: to the peer, by dn0. */
		drain(lab->witness);
		ASSERT_EQ(0, send1(ctl));
		ASSERT_TRUE(seen(lab, to_peer(e, lab->ifindex[DN0])));
	}
	if (e->witness == W_BYPASS) {
		/* The baseline: in ESP, to the tunnel endpoint .7. */
		s = to_peer(e, 0);
		s.daddr = other;
		s.protocol = IPPROTO_ESP;
		drain(lab->witness);
		ASSERT_EQ(0, send1(ctl));
		ASSERT_TRUE(seen(lab, s));
	}

	drain(lab->witness);
	ret = e->apply(lab, ctl, e);
	if (ret == -ENOPROTOOPT && e->needs)
		SKIP(return, "needs %s", e->needs);
	ASSERT_EQ(0, ret)
	{
		TH_LOG("unrestricted control: %s", strerror(-ret));
	}
	switch (e->witness) {
	case W_EGRESS:
		/* The same peer, now by dn1 (apply() may have sent it). */
		send1(ctl);
		EXPECT_TRUE(seen(lab, to_peer(e, lab->ifindex[DN1])));
		break;
	case W_REROUTE:
		ret = send1(ctl);
		s = to_peer(e, 0);
		s.daddr = other;
		EXPECT_TRUE(seen(lab, s))
		{
			TH_LOG("send after the option: %s", strerror(-ret));
		}
		break;
	case W_BYPASS:
		ret = send1(ctl);
		EXPECT_TRUE(seen(lab, to_peer(e, lab->ifindex[DN0])))
		{
			TH_LOG("send after the option: %s", strerror(-ret));
		}
		break;
	case W_GROUP:
		send_group(lab, e->group);
		EXPECT_TRUE(received(ctl));
		break;
	case W_APPLY:
		break;
	}

	RESTRICT();
	EXPECT_EQ(-EPERM, e->apply(lab, res, e));
}

/* The egress interface. */

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_bindtodevice) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_SOCKET,
		.name = SO_BINDTODEVICE,
		.apply = apply_bindtodevice,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_bindtoifindex) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_SOCKET,
		.name = SO_BINDTOIFINDEX,
		.apply = apply_ifindex,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_bindtoifindex_ipv6) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_SOCKET,
		.name = SO_BINDTOIFINDEX,
		.apply = apply_ifindex,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_mark) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_SOCKET,
		.name = SO_MARK,
		.apply = apply_mark,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_mark_cmsg) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_SOCKET,
		.name = SO_MARK,
		.apply = apply_mark_cmsg,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_unicast_if) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_IP,
		.name = IP_UNICAST_IF,
		.apply = apply_unicast_if,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_multicast_if) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "239.1.1.1",
		.level = SOL_IP,
		.name = IP_MULTICAST_IF,
		.apply = apply_mcast_if4,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_pktinfo_cmsg) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_IP,
		.name = IP_PKTINFO,
		.apply = apply_pktinfo4_cmsg,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_unicast_if) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_UNICAST_IF,
		.apply = apply_unicast_if,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_multicast_if) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "ff0e::5",
		.level = SOL_IPV6,
		.name = IPV6_MULTICAST_IF,
		.apply = apply_ifindex,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_pktinfo) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_PKTINFO,
		.apply = apply_pktinfo6,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_pktinfo_cmsg) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_PKTINFO,
		.apply = apply_pktinfo6_cmsg,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_2292pktinfo_cmsg) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_2292PKTINFO,
		.apply = apply_pktinfo6_cmsg,
		.witness = W_EGRESS,
	},
};

/* The destination: source routes, written headers, IPsec tunnels. */

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_options) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_IP,
		.name = IP_OPTIONS,
		.apply = apply_ip_options,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_retopts_cmsg) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_IP,
		.name = IP_RETOPTS,
		.apply = apply_retopts_cmsg,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_hdrincl) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_RAW,
		.protocol = 253,
		.peer = "10.99.0.5",
		.level = SOL_IP,
		.name = IP_HDRINCL,
		.apply = apply_hdrincl4,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_rthdr) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_RTHDR,
		.apply = apply_srh,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_rthdr_cmsg) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_RTHDR,
		.apply = apply_rt2_cmsg,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_2292rthdr_cmsg) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_2292RTHDR,
		.apply = apply_rt2_cmsg,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_2292pktoptions) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_2292PKTOPTIONS,
		.apply = apply_pktoptions,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_flowlabel_mgr) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_FLOWLABEL_MGR,
		.apply = apply_flowlabel,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_hdrincl) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_RAW,
		.protocol = 253,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_HDRINCL,
		.apply = apply_hdrincl6,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_hdrincl_sol_raw) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_RAW,
		.protocol = 253,
		.peer = "fd00:99::5",
		.level = SOL_RAW,
		.name = IPV6_HDRINCL,
		.apply = apply_hdrincl6,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_xfrm_policy) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_IP,
		.name = IP_XFRM_POLICY,
		.prepare = prepare_sa4,
		.apply = apply_xfrm_policy,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_ipsec_policy) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.99.0.5",
		.level = SOL_IP,
		.name = IP_IPSEC_POLICY,
		.prepare = prepare_host_tunnel4,
		.apply = apply_ipsec_bypass,
		.witness = W_BYPASS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_xfrm_policy) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_XFRM_POLICY,
		.prepare = prepare_sa6,
		.apply = apply_xfrm_policy,
		.witness = W_REROUTE,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_ipsec_policy) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.peer = "fd00:99::5",
		.level = SOL_IPV6,
		.name = IPV6_IPSEC_POLICY,
		.prepare = prepare_host_tunnel6,
		.apply = apply_ipsec_bypass,
		.witness = W_BYPASS,
	},
};

/* Group memberships. */

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_add_membership) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.level = SOL_IP,
		.name = IP_ADD_MEMBERSHIP,
		.apply = apply_add_membership4,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_add_membership_on_ipv6) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.group = G4,
		.level = SOL_IP,
		.name = IP_ADD_MEMBERSHIP,
		.apply = apply_add_membership4,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_add_source_membership) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.level = SOL_IP,
		.name = IP_ADD_SOURCE_MEMBERSHIP,
		.apply = apply_source4,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_unblock_source) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.join_and_block = true,
		.level = SOL_IP,
		.name = IP_UNBLOCK_SOURCE,
		.apply = apply_source4,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_msfilter) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.join_and_block = true,
		.level = SOL_IP,
		.name = IP_MSFILTER,
		.apply = apply_msfilter4,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, mcast_join_group) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.level = SOL_IP,
		.name = MCAST_JOIN_GROUP,
		.apply = apply_mcast_group,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, mcast_join_source_group) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.level = SOL_IP,
		.name = MCAST_JOIN_SOURCE_GROUP,
		.apply = apply_mcast_source,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, mcast_unblock_source) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.join_and_block = true,
		.level = SOL_IP,
		.name = MCAST_UNBLOCK_SOURCE,
		.apply = apply_mcast_source,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, mcast_msfilter) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.join_and_block = true,
		.level = SOL_IP,
		.name = MCAST_MSFILTER,
		.apply = apply_mcast_msfilter,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_add_membership) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.group = G6,
		.level = SOL_IPV6,
		.name = IPV6_ADD_MEMBERSHIP,
		.apply = apply_add_membership6,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, mcast_join_group_ipv6) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.group = G6,
		.level = SOL_IPV6,
		.name = MCAST_JOIN_GROUP,
		.apply = apply_mcast_group,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, mcast_join_source_group_ipv6) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.group = G6,
		.level = SOL_IPV6,
		.name = MCAST_JOIN_SOURCE_GROUP,
		.apply = apply_mcast_source,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, mcast_unblock_source_ipv6) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.group = G6,
		.join_and_block = true,
		.level = SOL_IPV6,
		.name = MCAST_UNBLOCK_SOURCE,
		.apply = apply_mcast_source,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, mcast_msfilter_ipv6) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.group = G6,
		.join_and_block = true,
		.level = SOL_IPV6,
		.name = MCAST_MSFILTER,
		.apply = apply_mcast_msfilter,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_multicast_all) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.group = G4,
		.level = SOL_IP,
		.name = IP_MULTICAST_ALL,
		.prepare = prepare_member4,
		.apply = apply_on,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_multicast_all) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.group = G6,
		.level = SOL_IPV6,
		.name = IPV6_MULTICAST_ALL,
		.prepare = prepare_member6,
		.apply = apply_on,
		.witness = W_GROUP,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_join_anycast) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.group = "fd00:9::77",
		.level = SOL_IPV6,
		.name = IPV6_JOIN_ANYCAST,
		.apply = apply_anycast,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, packet_add_membership) {
	/* clang-format on */
	.e = {
		.family = AF_PACKET,
		.type = SOCK_DGRAM,
		.protocol = ETH_P_IP,
		.level = SOL_PACKET,
		.name = PACKET_ADD_MEMBERSHIP,
		.prepare = prepare_packet_membership,
		.apply = apply_packet_membership,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, packet_fanout) {
	/* clang-format on */
	.e = {
		.family = AF_PACKET,
		.type = SOCK_DGRAM,
		.protocol = ETH_P_ALL,
		.level = SOL_PACKET,
		.name = PACKET_FANOUT,
		.prepare = prepare_fanout,
		.apply = apply_fanout,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_transparent) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.level = SOL_IP,
		.name = IP_TRANSPARENT,
		.prepare = prepare_transparent4,
		.apply = apply_transparent,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_transparent) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_DGRAM,
		.level = SOL_IPV6,
		.name = IPV6_TRANSPARENT,
		.prepare = prepare_transparent6,
		.apply = apply_transparent,
		.witness = W_APPLY,
	},
};

/*
 * Routes, reception and the host's packet handling: options the restricted
 * task could otherwise use on a socket it held.
 */

/* 10.98.0.0/24 by a gateway on dn0, and 10.0.0.0/8 on-link on dn1. */
static void prepare_dontroute(struct __test_metadata *const _metadata,
			      struct lab *const lab)
{
	run_ip(_metadata, "route add 10.98.0.0/24 via 10.9.0.2 dev dn0");
	run_ip(_metadata, "route add 10.0.0.0/8 dev dn1");
}

/* MSG_DONTROUTE looks the route up with link scope: the gateway is out. */
static int apply_dontroute_msg(struct lab *const lab, const int fd,
			       const struct edge *const e)
{
	return send(fd, "x", 1, MSG_DONTWAIT | MSG_DONTROUTE) == 1 ? 0 : -errno;
}

static int apply_tipc_join(struct lab *const lab, const int fd,
			   const struct edge *const e)
{
	const struct tipc_group_req req = {
		.type = 4711,
		.instance = fd,
		.scope = TIPC_NODE_SCOPE,
	};

	return setopt(fd, e->level, e->name, &req, sizeof(req));
}

/* Accepts every packet. */
static struct sock_filter accept_all[] = {
	{ .code = BPF_RET | BPF_K, .k = 0xffff },
};

static const struct sock_fprog accept_all_prog = {
	.len = ARRAY_SIZE(accept_all),
	.filter = accept_all,
};

/* Steers the whole reuseport group, other processes' sockets included. */
static int apply_reuseport_cbpf(struct lab *const lab, const int fd,
				const struct edge *const e)
{
	const int one = 1;

	if (setopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)))
		return -EIO;
	return setopt(fd, e->level, e->name, &accept_all_prog,
		      sizeof(accept_all_prog));
}

/*
 * In a reuseport group, the member on the CPU a packet arrives on wins over
 * the hash, other processes' sockets included.
 */
static int apply_incoming_cpu(struct lab *const lab, const int fd,
			      const struct edge *const e)
{
	const int one = 1;

	if (setopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)))
		return -EIO;
	return int_opt(lab, fd, e, 0);
}

/*
 * A first filter only narrows, and stays allowed (-EIO if it is not);
 * replacing or detaching it is the case.
 */
static int apply_filter(struct lab *const lab, const int fd,
			const struct edge *const e)
{
	const int zero = 0;

	if (setopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &accept_all_prog,
		   sizeof(accept_all_prog)))
		return -EIO;
	if (e->name == SO_DETACH_FILTER)
		return setopt(fd, e->level, e->name, &zero, sizeof(zero));
	return setopt(fd, e->level, e->name, &accept_all_prog,
		      sizeof(accept_all_prog));
}

/*
 * Adds zero to every counter of the iptables filter table: a write into
 * netfilter, which would as well take a DNAT rule (CAP_NET_ADMIN).
 */
static int apply_ipt_counters(struct lab *const lab, const int fd,
			      const struct edge *const e)
{
	struct dn_ipt_getinfo info = { .name = "filter" };
	struct dn_counters_info c = { .name = "filter" };
	socklen_t len = sizeof(info);

	if (getsockopt(fd, SOL_IP, DN_IPT_SO_GET_INFO, &info, &len))
		return errno == ENOPROTOOPT ? -ENOPROTOOPT : -EIO;
	if (info.num_entries > ARRAY_SIZE(c.counters) / 2)
		return -EIO;
	c.num_counters = info.num_entries;
	return setopt(fd, e->level, e->name, &c,
		      offsetof(struct dn_counters_info, counters) +
			      info.num_entries * 2 * sizeof(uint64_t));
}

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_dontroute) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.98.0.5",
		.level = SOL_SOCKET,
		.name = SO_DONTROUTE,
		.prepare = prepare_dontroute,
		.apply = apply_on,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, msg_dontroute) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.peer = "10.98.0.5",
		.prepare = prepare_dontroute,
		.apply = apply_dontroute_msg,
		.witness = W_EGRESS,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ip_router_alert) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_RAW,
		.protocol = IPPROTO_RSVP,
		.level = SOL_IP,
		.name = IP_ROUTER_ALERT,
		.apply = apply_on,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipv6_router_alert) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_RAW,
		.protocol = IPPROTO_RAW,
		.level = SOL_IPV6,
		.name = DN_IPV6_ROUTER_ALERT,
		.apply = apply_on,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, tipc_group_join) {
	/* clang-format on */
	.e = {
		.family = AF_TIPC,
		.type = SOCK_RDM,
		.level = SOL_TIPC,
		.name = TIPC_GROUP_JOIN,
		.apply = apply_tipc_join,
		.witness = W_APPLY,
		.needs = "CONFIG_TIPC",
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_attach_reuseport_cbpf) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.level = SOL_SOCKET,
		.name = SO_ATTACH_REUSEPORT_CBPF,
		.apply = apply_reuseport_cbpf,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_incoming_cpu) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.level = SOL_SOCKET,
		.name = SO_INCOMING_CPU,
		.apply = apply_incoming_cpu,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_attach_filter_again) {
	/* clang-format on */
	.e = {
		.family = AF_PACKET,
		.type = SOCK_DGRAM,
		.protocol = ETH_P_ALL,
		.level = SOL_SOCKET,
		.name = SO_ATTACH_FILTER,
		.apply = apply_filter,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, so_detach_filter) {
	/* clang-format on */
	.e = {
		.family = AF_PACKET,
		.type = SOCK_DGRAM,
		.protocol = ETH_P_ALL,
		.level = SOL_SOCKET,
		.name = SO_DETACH_FILTER,
		.apply = apply_filter,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, packet_ignore_outgoing) {
	/* clang-format on */
	.e = {
		.family = AF_PACKET,
		.type = SOCK_DGRAM,
		.protocol = ETH_P_ALL,
		.level = SOL_PACKET,
		.name = PACKET_IGNORE_OUTGOING,
		.apply = apply_on,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, icmp_filter) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_RAW,
		.protocol = IPPROTO_ICMP,
		.level = SOL_RAW,
		.name = DN_ICMP_FILTER,
		.apply = apply_on,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, icmpv6_filter) {
	/* clang-format on */
	.e = {
		.family = AF_INET6,
		.type = SOCK_RAW,
		.protocol = IPPROTO_ICMPV6,
		.level = SOL_ICMPV6,
		.name = DN_ICMPV6_FILTER,
		.apply = apply_on,
		.witness = W_APPLY,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(sockopt, ipt_so_set_add_counters) {
	/* clang-format on */
	.e = {
		.family = AF_INET,
		.type = SOCK_DGRAM,
		.level = SOL_IP,
		.name = DN_IPT_SO_SET_ADD_COUNTERS,
		.apply = apply_ipt_counters,
		.witness = W_APPLY,
		.needs = "CONFIG_IP_NF_IPTABLES and CONFIG_IP_NF_FILTER",
	},
};

/*
 * SCTP over UDP (net.sctp.udp_port): SCTP_REMOTE_UDP_ENCAPS_PORT sends an
 * established association's packets as UDP to a port the task chooses.
 */
TEST_F(lab, sctp_remote_udp_encaps_port)
{
	struct lab *const lab = &self->lab;
	const struct sockaddr_in srv_addr = sin4("127.0.0.1", PORT);
	struct sctp_udpencaps enc = { .sue_port = htons(7777) };
	struct sighting s = {
		.family = AF_INET,
		.daddr = "127.0.0.1",
		.protocol = IPPROTO_UDP,
		.dport = 7777,
	};
	int srv, ctl, res;

	write_sysctl("/proc/sys/net/sctp/udp_port", "9899");
	srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_SCTP);
	ctl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_SCTP);
	res = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_SCTP);
	ASSERT_LE(0, srv);
	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	ASSERT_EQ(0, bind(srv, (void *)&srv_addr, sizeof(srv_addr)));
	ASSERT_EQ(0, listen(srv, 4));
	ASSERT_EQ(0, connect(ctl, (void *)&srv_addr, sizeof(srv_addr)));
	ASSERT_EQ(0, connect(res, (void *)&srv_addr, sizeof(srv_addr)));

	drain(lab->witness);
	ASSERT_EQ(0, setsockopt(ctl, SOL_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &enc,
				sizeof(enc)));
	ASSERT_EQ(0, send1(ctl));
	EXPECT_TRUE(seen(lab, s));

	RESTRICT();
	EXPECT_EQ(-EPERM, setopt(res, SOL_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT,
				 &enc, sizeof(enc)));
	/* The association itself keeps working. */
	EXPECT_EQ(0, send1(res));
}

/* Two messages for sendmmsg(): the second carries IP_PKTINFO. */
static int sendmmsg_pktinfo(struct lab *const lab, const int fd,
			    struct sockaddr_in *const to)
{
	char buf[CMSG_SPACE(sizeof(struct in_pktinfo))] = {};
	const struct in_pktinfo pi = { .ipi_ifindex = lab->ifindex[DN1] };
	struct iovec iov = { .iov_base = "m", .iov_len = 1 };
	struct mmsghdr mm[2] = {};
	struct cmsghdr *cmsg;
	int i, ret;

	for (i = 0; i < 2; i++) {
		mm[i].msg_hdr.msg_iov = &iov;
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = to;
		mm[i].msg_hdr.msg_namelen = to ? sizeof(*to) : 0;
	}
	mm[1].msg_hdr.msg_control = buf;
	mm[1].msg_hdr.msg_controllen = sizeof(buf);
	cmsg = CMSG_FIRSTHDR(&mm[1].msg_hdr);
	cmsg->cmsg_level = SOL_IP;
	cmsg->cmsg_type = IP_PKTINFO;
	cmsg->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(cmsg), &pi, sizeof(pi));
	ret = sendmmsg(fd, mm, 2, MSG_DONTWAIT);
	return ret < 0 ? -errno : ret;
}

/*
 * sendmmsg() skips the sendmsg hook for a message whose address equals
 * that of the previous message it allowed.  Without addresses, every
 * message is checked: the first is sent, the second refused.  With the
 * same address twice, the first is refused already, so the second never
 * takes the shortcut.
 */
TEST_F(lab, sendmmsg_cmsg)
{
	struct lab *const lab = &self->lab;
	struct sockaddr_in to = sin4("10.99.0.5", PORT);
	const int ctl = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	const int res = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sighting s = {
		.family = AF_INET,
		.ifindex = lab->ifindex[DN1],
		.daddr = "10.99.0.5",
		.protocol = IPPROTO_UDP,
	};

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	ASSERT_EQ(0, connect(ctl, (void *)&to, sizeof(to)));
	ASSERT_EQ(0, connect(res, (void *)&to, sizeof(to)));
	drain(lab->witness);
	EXPECT_EQ(2, sendmmsg_pktinfo(lab, ctl, NULL));
	EXPECT_TRUE(seen(lab, s));
	EXPECT_EQ(2, sendmmsg_pktinfo(lab, ctl, &to));

	RESTRICT();
	EXPECT_EQ(1, sendmmsg_pktinfo(lab, res, NULL));
	EXPECT_EQ(-EPERM, sendmmsg_pktinfo(lab, res, &to));
}

/*
 * Tuning, receive flags, and leaving or narrowing a group stay allowed:
 * each gives a restricted task the same result as the control.  The
 * socket joined 239.1.2.3 (and ff0e::1:3) on dn0 before the restriction.
 */
struct allowed {
	const char *name;
	int family;
	int type;
	int level;
	int opt;
	int val;
};

static const struct allowed allowed_opts[] = {
	{ "SO_PRIORITY", AF_INET, SOCK_DGRAM, SOL_SOCKET, SO_PRIORITY, 3 },
	{ "SO_TXREHASH", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_TXREHASH, 1 },
	{ "SO_SNDBUF", AF_INET6, SOCK_DGRAM, SOL_SOCKET, SO_SNDBUF, 65536 },
	{ "SO_KEEPALIVE", AF_INET, SOCK_STREAM, SOL_SOCKET, SO_KEEPALIVE, 1 },
	{ "TCP_NODELAY", AF_INET6, SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY, 1 },
	{ "IP_TOS", AF_INET, SOCK_DGRAM, SOL_IP, IP_TOS, 0x10 },
	{ "IP_TTL", AF_INET, SOCK_DGRAM, SOL_IP, IP_TTL, 9 },
	{ "IP_MULTICAST_TTL", AF_INET, SOCK_DGRAM, SOL_IP, IP_MULTICAST_TTL, 2 },
	{ "IP_MULTICAST_LOOP", AF_INET, SOCK_DGRAM, SOL_IP, IP_MULTICAST_LOOP,
	  0 },
	/* Receive flags as options, refused as control messages. */
	{ "IP_PKTINFO", AF_INET, SOCK_DGRAM, SOL_IP, IP_PKTINFO, 1 },
	{ "IP_RETOPTS", AF_INET, SOCK_DGRAM, SOL_IP, IP_RETOPTS, 1 },
	{ "IPV6_2292PKTINFO", AF_INET6, SOCK_DGRAM, SOL_IPV6, IPV6_2292PKTINFO,
	  1 },
	{ "IPV6_2292RTHDR", AF_INET6, SOCK_DGRAM, SOL_IPV6, IPV6_2292RTHDR, 1 },
	{ "IPV6_RECVPKTINFO", AF_INET6, SOCK_DGRAM, SOL_IPV6, IPV6_RECVPKTINFO,
	  1 },
	{ "IPV6_TCLASS", AF_INET6, SOCK_DGRAM, SOL_IPV6, IPV6_TCLASS, 0x20 },
	{ "IPV6_FLOWINFO_SEND", AF_INET6, SOCK_DGRAM, SOL_IPV6,
	  IPV6_FLOWINFO_SEND, 1 },
	{ "IPV6_AUTOFLOWLABEL", AF_INET6, SOCK_DGRAM, SOL_IPV6,
	  IPV6_AUTOFLOWLABEL, 0 },
	{ "IPV6_UNICAST_HOPS", AF_INET6, SOCK_DGRAM, SOL_IPV6,
	  IPV6_UNICAST_HOPS, 9 },
};

/* Applies @a to a socket of its kind that joined the groups before. */
static int apply_allowed(struct lab *const lab, const int fd,
			 const struct allowed *const a)
{
	return setopt(fd, a->level, a->opt, &a->val, sizeof(a->val));
}

TEST_F(lab, allowed)
{
	struct lab *const lab = &self->lab;
	size_t i;
	int ctl[ARRAY_SIZE(allowed_opts)], res[ARRAY_SIZE(allowed_opts)];
	int r[ARRAY_SIZE(allowed_opts)];

	for (i = 0; i < ARRAY_SIZE(allowed_opts); i++) {
		const struct allowed *const a = &allowed_opts[i];

		ctl[i] = socket(a->family, a->type | SOCK_CLOEXEC, 0);
		res[i] = socket(a->family, a->type | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, ctl[i]);
		ASSERT_LE(0, res[i]);
		r[i] = apply_allowed(lab, ctl[i], a);
		EXPECT_EQ(0, r[i])
		{
			TH_LOG("%s: %s", a->name, strerror(-r[i]));
		}
	}
	RESTRICT();
	for (i = 0; i < ARRAY_SIZE(allowed_opts); i++) {
		EXPECT_EQ(r[i], apply_allowed(lab, res[i], &allowed_opts[i]))
		{
			TH_LOG("%s", allowed_opts[i].name);
		}
	}
}

/* Leaving a group, blocking a source, leaving a packet membership. */
static int leave_all(struct lab *const lab, const int v4,
		     const int v6, const int pkt)
{
	struct ip_mreqn mreq = { .imr_ifindex = lab->ifindex[DN0] };
	struct ipv6_mreq mreq6 = { .ipv6mr_interface = lab->ifindex[DN0] };
	struct group_source_req gsr = { .gsr_interface = lab->ifindex[DN0] };
	const struct packet_mreq mr = {
		.mr_ifindex = lab->ifindex[DN0],
		.mr_type = PACKET_MR_PROMISC,
	};
	int ret;

	group_addr(AF_INET, G4, &gsr.gsr_group);
	group_addr(AF_INET, "10.9.0.1", &gsr.gsr_source);
	ret = setopt(v4, SOL_IP, MCAST_BLOCK_SOURCE, &gsr, sizeof(gsr));
	if (ret)
		return ret;
	inet_pton(AF_INET, G4, &mreq.imr_multiaddr);
	ret = setopt(v4, SOL_IP, IP_DROP_MEMBERSHIP, &mreq, sizeof(mreq));
	if (ret)
		return ret;
	inet_pton(AF_INET6, G6, &mreq6.ipv6mr_multiaddr);
	ret = setopt(v6, SOL_IPV6, IPV6_DROP_MEMBERSHIP, &mreq6,
		     sizeof(mreq6));
	if (ret)
		return ret;
	return setopt(pkt, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr, sizeof(mr));
}

static void joined(struct __test_metadata *const _metadata,
		   struct lab *const lab, int fds[3])
{
	struct ip_mreqn mreq = { .imr_ifindex = lab->ifindex[DN0] };
	struct ipv6_mreq mreq6 = { .ipv6mr_interface = lab->ifindex[DN0] };
	const struct packet_mreq mr = {
		.mr_ifindex = lab->ifindex[DN0],
		.mr_type = PACKET_MR_PROMISC,
	};

	fds[0] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	fds[1] = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	fds[2] = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_IP));
	ASSERT_LE(0, fds[0]);
	ASSERT_LE(0, fds[1]);
	ASSERT_LE(0, fds[2]);
	inet_pton(AF_INET, G4, &mreq.imr_multiaddr);
	inet_pton(AF_INET6, G6, &mreq6.ipv6mr_multiaddr);
	ASSERT_EQ(0, setsockopt(fds[0], SOL_IP, IP_ADD_MEMBERSHIP, &mreq,
				sizeof(mreq)));
	ASSERT_EQ(0, setsockopt(fds[1], SOL_IPV6, IPV6_ADD_MEMBERSHIP, &mreq6,
				sizeof(mreq6)));
	ASSERT_EQ(0, setsockopt(fds[2], SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
				sizeof(mr)));
}

TEST_F(lab, leave_allowed)
{
	struct lab *const lab = &self->lab;
	int ctl[3], res[3];

	joined(_metadata, lab, ctl);
	joined(_metadata, lab, res);
	ASSERT_EQ(0, leave_all(lab, ctl[0], ctl[1], ctl[2]));
	RESTRICT();
	EXPECT_EQ(0, leave_all(lab, res[0], res[1], res[2]));
}

/* Control messages that only tune: the same result as the control. */
TEST_F(lab, allowed_cmsgs)
{
	const struct sockaddr_in to4 = sin4("10.99.0.5", PORT);
	const struct sockaddr_in6 to6 = sin6("fd00:99::5", PORT);
	const int ttl = 9, tclass = 0x20;
	const unsigned char tos = 0x10;
	int ctl[2], res[2], i;

	for (i = 0; i < 2; i++) {
		const int family = i ? AF_INET6 : AF_INET;
		const void *const to = i ? (void *)&to6 : (void *)&to4;
		const socklen_t len = i ? sizeof(to6) : sizeof(to4);

		ctl[i] = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		res[i] = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, ctl[i]);
		ASSERT_LE(0, res[i]);
		ASSERT_EQ(0, connect(ctl[i], to, len));
		ASSERT_EQ(0, connect(res[i], to, len));
	}
	ASSERT_EQ(0, send_cmsg(ctl[0], SOL_IP, IP_TTL, &ttl, sizeof(ttl)));
	ASSERT_EQ(0, send_cmsg(ctl[0], SOL_IP, IP_TOS, &tos, sizeof(tos)));
	ASSERT_EQ(0, send_cmsg(ctl[1], SOL_IPV6, IPV6_HOPLIMIT, &ttl,
			       sizeof(ttl)));
	ASSERT_EQ(0, send_cmsg(ctl[1], SOL_IPV6, IPV6_TCLASS, &tclass,
			       sizeof(tclass)));
	RESTRICT();
	EXPECT_EQ(0, send_cmsg(res[0], SOL_IP, IP_TTL, &ttl, sizeof(ttl)));
	EXPECT_EQ(0, send_cmsg(res[0], SOL_IP, IP_TOS, &tos, sizeof(tos)));
	EXPECT_EQ(0, send_cmsg(res[1], SOL_IPV6, IPV6_HOPLIMIT, &ttl,
			       sizeof(ttl)));
	EXPECT_EQ(0, send_cmsg(res[1], SOL_IPV6, IPV6_TCLASS, &tclass,
			       sizeof(tclass)));
}

TEST_HARNESS_MAIN

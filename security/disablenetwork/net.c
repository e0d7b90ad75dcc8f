// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Socket hooks
 *
 * A restricted task may not create a socket of any family but AF_UNIX, nor
 * bind, connect, listen or send to an explicit address on a non-AF_UNIX
 * socket it already holds, nor set an option or pass a control message
 * that changes where such a socket's traffic goes, nor test-run, attach or
 * detach a BPF program or open an iterator.  Sockets connected or
 * listening before the restriction keep working, with the reach they had.
 *
 * AF_UNIX pathname sockets stay usable in PR_NETWORK_OFF mode because
 * file permissions guard them.  Abstract AF_UNIX names have no such
 * guard, so a restricted task may connect a stream or seqpacket socket to
 * an abstract listener only if the listener's socket belongs to its
 * domain or to one nested in it, and may not send datagrams to an
 * abstract address at all.  Strict mode applies the same rules to
 * pathnames, since a pathname daemon outside the domain (a D-Bus bus, a
 * container engine) can act for the task.  The datagram rules are
 * enforced on the address alone, which keeps a single hook on the AF_UNIX
 * datagram send path.
 *
 * Every hook tests the cheapest condition first, so that an unrestricted
 * task pays one pointer test per hook and nothing is allocated per
 * socket.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/bpf.h>
#include <linux/can/raw.h>
#include <linux/filter.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_packet.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip_vs.h>
#include <linux/lsm_hooks.h>
#include <linux/minmax.h>
#include <linux/net.h>
#include <linux/netfilter_arp/arp_tables.h>
#include <linux/netfilter_bridge/ebtables.h>
#include <linux/netfilter_ipv4/ip_tables.h>
#include <linux/netfilter_ipv6/ip6_tables.h>
#include <linux/socket.h>
#include <linux/stddef.h>
#include <linux/tipc.h>
#include <linux/un.h>
#include <net/af_unix.h>
#include <net/sock.h>
#include <net/tcp_states.h>
#include <uapi/linux/sctp.h>

#include "common.h"
#include "cred.h"
#include "log.h"
#include "net.h"
#include "setup.h"

enum unix_addr_kind {
	UNIX_ADDR_UNNAMED,
	UNIX_ADDR_PATHNAME,
	UNIX_ADDR_ABSTRACT,
};

/*
 * An address no longer than sun_family names nothing: bind() autobinds
 * and connect() or sendto() fail with -EINVAL in af_unix.c.  Nor does an
 * address of another family, whatever its length: af_unix.c dissolves a
 * datagram socket's association for AF_UNSPEC, and refuses the others
 * with -EINVAL.
 */
static enum unix_addr_kind unix_addr_kind(const struct sockaddr *const addr,
					  const int addrlen)
{
	if (!addr || addrlen <= (int)offsetof(struct sockaddr_un, sun_path))
		return UNIX_ADDR_UNNAMED;
	if (addr->sa_family != AF_UNIX)
		return UNIX_ADDR_UNNAMED;
	if (((const struct sockaddr_un *)addr)->sun_path[0] == '\0')
		return UNIX_ADDR_ABSTRACT;
	return UNIX_ADDR_PATHNAME;
}

static enum unix_addr_kind unix_sock_addr_kind(const struct sock *const sk)
{
	const struct unix_address *const addr = unix_sk(sk)->addr;

	if (!addr)
		return UNIX_ADDR_UNNAMED;
	return unix_addr_kind((const struct sockaddr *)addr->name, addr->len);
}

/*
 * Datagrams are decided on the address alone, which keeps the AF_UNIX
 * datagram send path at one hook: never to an abstract name, and in
 * strict mode never to a pathname.  An unnamed address, and the AF_UNSPEC
 * family with which connect() dissolves an association, reach nothing.
 */
static bool unix_dgram_refused(const struct disablenetwork_domain *const domain,
			       const struct sockaddr *const addr,
			       const int addrlen)
{
	const enum unix_addr_kind kind = unix_addr_kind(addr, addrlen);

	if (kind == UNIX_ADDR_UNNAMED || addr->sa_family == AF_UNSPEC)
		return false;
	return kind == UNIX_ADDR_ABSTRACT ||
	       domain->mode >= DISABLENETWORK_MODE_STRICT;
}

/*
 * connect() with AF_UNSPEC dissolves an AF_INET or AF_INET6 association;
 * it reaches nothing new.  Other families (PPPoX for one) ignore
 * sa_family, and a shorter buffer leaves sa_family uninitialised.
 */
static bool is_inet_disconnect(const int family,
			       const struct sockaddr *const addr,
			       const int addrlen)
{
	if (family != AF_INET && family != AF_INET6)
		return false;
	if (addrlen < (int)sizeof(addr->sa_family))
		return false;
	return addr->sa_family == AF_UNSPEC;
}

static int hook_socket_create(const int family, const int type,
			      const int protocol, const int kern)
{
	if (kern || family == AF_UNIX)
		return 0;
	if (!disablenetwork_current_restricted())
		return 0;
	return disablenetwork_deny("socket", family);
}

static int hook_socket_bind(struct socket *const sock,
			    struct sockaddr *const address, const int addrlen)
{
	int family;

	if (!disablenetwork_current_restricted())
		return 0;
	family = sock->sk->sk_family;
	if (family == AF_UNIX)
		return 0;
	return disablenetwork_deny("bind", family);
}

static int hook_socket_connect(struct socket *const sock,
			       struct sockaddr *const address,
			       const int addrlen)
{
	const struct disablenetwork_domain *const domain =
		disablenetwork_current_domain();
	int family;

	if (!domain)
		return 0;
	family = sock->sk->sk_family;
	if (family == AF_UNIX) {
		/* Stream peers are checked by hook_unix_stream_connect(). */
		if (sock->type != SOCK_DGRAM ||
		    !unix_dgram_refused(domain, address, addrlen))
			return 0;
	} else if (is_inet_disconnect(family, address, addrlen)) {
		return 0;
	}
	return disablenetwork_deny("connect", family);
}

/*
 * listen() is allowed only on a socket that listens already and whose port
 * was chosen by bind() with an explicit port number, which sets
 * SOCK_BINDPORT_LOCK: only a new backlog.  The state alone is not enough:
 * it is read before ->listen() takes the socket lock, and a concurrent
 * connect(AF_UNSPEC) or shutdown(SHUT_RD) can take the socket out of
 * LISTEN in between.  That releases a port that bind() did not lock, and
 * listen() would then autobind a new one.  A locked port is kept through
 * the disconnect, and SOCK_BINDPORT_LOCK is set only by a successful
 * bind() and never cleared on the socket, so whatever runs concurrently,
 * listen() can only listen again on the port the socket listened on.
 */
static bool listens_on_locked_port(const struct sock *const sk)
{
	return READ_ONCE(sk->sk_state) == TCP_LISTEN &&
	       (READ_ONCE(sk->sk_userlocks) & SOCK_BINDPORT_LOCK);
}

static int hook_socket_listen(struct socket *const sock, const int backlog)
{
	int family;

	if (!disablenetwork_current_restricted())
		return 0;
	family = READ_ONCE(sock->sk->sk_family);
	if (family == AF_UNIX || listens_on_locked_port(sock->sk))
		return 0;
	return disablenetwork_deny("listen", family);
}

/*
 * Socket options and control messages that change where an existing
 * non-AF_UNIX socket's traffic goes: its destination address, its egress
 * interface, its source route, the groups it receives for, or what it
 * receives that it did not receive before (reception filters, steering),
 * and the options that reconfigure the host's packet handling for every
 * socket (netfilter tables and IPVS).  One name can mean
 * different things as an option and as a control message (IP_PKTINFO is a
 * receive flag as an option and an egress interface as a control
 * message), so each entry says in which role it is refused; an entry with
 * a @last name covers the names from @name to @last.
 * Documentation/admin-guide/LSM/disablenetwork.rst gives each reason.
 *
 * The socket_setsockopt hook sees the level and the name, never the value:
 * an option is refused whatever it sets, clearing it included.  Tuning
 * (priority, TOS and traffic class, flow labels, TTL, buffers, timeouts,
 * keepalive) and the options that leave a group or block a source are
 * not listed, and stay allowed.
 */
#define DN_OPT BIT(0)	/* refused as a socket option */
#define DN_CMSG BIT(1)	/* refused as a control message */

struct refused_name {
	int level;
	int name;
	unsigned int kind;
	int last;
};

static const struct refused_name refused_names[] = {
	/* The egress interface, or the route chosen for the packet. */
	{ SOL_SOCKET, SO_BINDTODEVICE, DN_OPT },
	{ SOL_SOCKET, SO_BINDTOIFINDEX, DN_OPT },
	{ SOL_SOCKET, SO_MARK, DN_OPT | DN_CMSG },
	{ SOL_SOCKET, SO_DONTROUTE, DN_OPT },
	{ SOL_IP, IP_UNICAST_IF, DN_OPT },
	{ SOL_IP, IP_MULTICAST_IF, DN_OPT },
	{ SOL_IP, IP_PKTINFO, DN_CMSG },
	{ SOL_IPV6, IPV6_UNICAST_IF, DN_OPT },
	{ SOL_IPV6, IPV6_MULTICAST_IF, DN_OPT },
	{ SOL_IPV6, IPV6_PKTINFO, DN_OPT | DN_CMSG },
	{ SOL_IPV6, IPV6_2292PKTINFO, DN_CMSG },
	{ SOL_AX25, SO_BINDTODEVICE, DN_OPT },
	{ SOL_CAN_RAW, CAN_RAW_XL_VCID_OPTS, DN_OPT },
	/* The destination: source routes, and headers the task writes. */
	{ SOL_IP, IP_OPTIONS, DN_OPT },
	{ SOL_IP, IP_RETOPTS, DN_CMSG },
	{ SOL_IP, IP_HDRINCL, DN_OPT },
	{ SOL_IPV6, IPV6_RTHDR, DN_OPT | DN_CMSG },
	{ SOL_IPV6, IPV6_2292RTHDR, DN_CMSG },
	{ SOL_IPV6, IPV6_2292PKTOPTIONS, DN_OPT },
	{ SOL_IPV6, IPV6_FLOWLABEL_MGR, DN_OPT },
	{ SOL_IPV6, IPV6_HDRINCL, DN_OPT },
	{ SOL_RAW, IPV6_HDRINCL, DN_OPT },
	{ SOL_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, DN_OPT },
	/* Other hosts' addresses and traffic, and IPsec tunnels. */
	{ SOL_IP, IP_TRANSPARENT, DN_OPT },
	{ SOL_IP, IP_ROUTER_ALERT, DN_OPT },
	{ SOL_IP, IP_IPSEC_POLICY, DN_OPT },
	{ SOL_IP, IP_XFRM_POLICY, DN_OPT },
	{ SOL_IPV6, IPV6_TRANSPARENT, DN_OPT },
	{ SOL_IPV6, IPV6_ROUTER_ALERT, DN_OPT },
	{ SOL_IPV6, IPV6_IPSEC_POLICY, DN_OPT },
	{ SOL_IPV6, IPV6_XFRM_POLICY, DN_OPT },
	/*
	 * Group memberships: joining, widening a source filter, or receiving
	 * for the groups other sockets joined (IP_MULTICAST_ALL).
	 */
	{ SOL_IP, IP_ADD_MEMBERSHIP, DN_OPT },
	{ SOL_IP, IP_ADD_SOURCE_MEMBERSHIP, DN_OPT },
	{ SOL_IP, IP_UNBLOCK_SOURCE, DN_OPT },
	{ SOL_IP, IP_MSFILTER, DN_OPT },
	{ SOL_IP, MCAST_JOIN_GROUP, DN_OPT },
	{ SOL_IP, MCAST_JOIN_SOURCE_GROUP, DN_OPT },
	{ SOL_IP, MCAST_UNBLOCK_SOURCE, DN_OPT },
	{ SOL_IP, MCAST_MSFILTER, DN_OPT },
	{ SOL_IP, IP_MULTICAST_ALL, DN_OPT },
	{ SOL_IPV6, IPV6_ADD_MEMBERSHIP, DN_OPT },
	{ SOL_IPV6, IPV6_JOIN_ANYCAST, DN_OPT },
	{ SOL_IPV6, MCAST_JOIN_GROUP, DN_OPT },
	{ SOL_IPV6, MCAST_JOIN_SOURCE_GROUP, DN_OPT },
	{ SOL_IPV6, MCAST_UNBLOCK_SOURCE, DN_OPT },
	{ SOL_IPV6, MCAST_MSFILTER, DN_OPT },
	{ SOL_IPV6, IPV6_MULTICAST_ALL, DN_OPT },
	{ SOL_PACKET, PACKET_ADD_MEMBERSHIP, DN_OPT },
	{ SOL_TIPC, TIPC_GROUP_JOIN, DN_OPT },
	/*
	 * Reception: filters and steering that would give the socket what it
	 * did not receive before, or take it from the other members of its
	 * group.  Filters attached with SO_ATTACH_FILTER and SO_ATTACH_BPF
	 * are checked by hook_socket_setsockopt(): only a replacement widens.
	 */
	{ SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, DN_OPT },
	{ SOL_SOCKET, SO_ATTACH_REUSEPORT_EBPF, DN_OPT },
	{ SOL_SOCKET, SO_DETACH_REUSEPORT_BPF, DN_OPT },
	{ SOL_SOCKET, SO_INCOMING_CPU, DN_OPT },
	{ SOL_PACKET, PACKET_FANOUT, DN_OPT },
	{ SOL_PACKET, PACKET_FANOUT_DATA, DN_OPT },
	{ SOL_PACKET, PACKET_IGNORE_OUTGOING, DN_OPT },
	{ SOL_RAW, ICMP_FILTER, DN_OPT },
	{ SOL_ICMPV6, ICMPV6_FILTER, DN_OPT },
	/*
	 * The host's packet handling, for every socket: netfilter tables
	 * (iptables, ip6tables, arptables, ebtables) and IPVS services, which
	 * need CAP_NET_ADMIN and can send the socket's own traffic elsewhere
	 * (DNAT, REDIRECT, TEE).
	 */
	{ SOL_IP, IPT_SO_SET_REPLACE, DN_OPT, IPT_SO_SET_MAX },
	{ SOL_IPV6, IP6T_SO_SET_REPLACE, DN_OPT, IP6T_SO_SET_MAX },
	{ SOL_IP, ARPT_SO_SET_REPLACE, DN_OPT, ARPT_SO_SET_MAX },
	{ SOL_IP, EBT_SO_SET_ENTRIES, DN_OPT, EBT_SO_SET_COUNTERS },
	{ SOL_IP, IP_VS_SO_SET_NONE, DN_OPT, IP_VS_SO_SET_MAX },
};

static bool names(const struct refused_name *const n, const int level,
		  const int name)
{
	return n->level == level && name >= n->name &&
	       name <= max(n->name, n->last);
}

static bool is_refused(const int level, const int name,
		       const unsigned int kind)
{
	const struct refused_name *n;

	for (n = refused_names; n < refused_names + ARRAY_SIZE(refused_names);
	     n++)
		if (names(n, level, name))
			return n->kind & kind;
	return false;
}

/*
 * The DN_CMSG entries of refused_names[], gathered at boot, so that a
 * restricted send with control data compares each message with these few
 * rather than with the whole table: an allowed control message (IP_TOS,
 * say) would otherwise cost a scan of every entry, several hundred
 * instructions per message (make bench, dn-on).
 */
static struct refused_name
	refused_cmsgs[ARRAY_SIZE(refused_names)] __ro_after_init;
static unsigned int refused_cmsg_count __ro_after_init;

static bool is_refused_cmsg(const int level, const int type)
{
	unsigned int i;

	for (i = 0; i < refused_cmsg_count; i++)
		if (names(&refused_cmsgs[i], level, type))
			return true;
	return false;
}

/*
 * A socket filter (classic or eBPF) only narrows what the socket receives
 * when it is the first one: detaching it, or attaching another in its
 * place, can widen it again (a packet socket given a narrow filter before
 * the call would capture everything on its interface).  So these are
 * refused only while a filter is attached.  Nothing but a task sharing
 * the socket can attach one in between, and a task that restricted itself
 * cannot detach one; SO_LOCK_FILTER, which the kernel enforces itself,
 * refuses all three to everyone and cannot be cleared (net/core/sock.c).
 */
static bool replaces_filter(const struct sock *const sk, const int level,
			    const int optname)
{
	if (level != SOL_SOCKET)
		return false;
	switch (optname) {
	case SO_ATTACH_FILTER:
	case SO_ATTACH_BPF:
	case SO_DETACH_FILTER:
		return rcu_access_pointer(sk->sk_filter);
	default:
		return false;
	}
}

static int hook_socket_setsockopt(struct socket *const sock, const int level,
				  const int optname)
{
	int family;

	if (!disablenetwork_current_restricted())
		return 0;
	/* IPV6_ADDRFORM can turn an AF_INET6 socket into an AF_INET one. */
	family = READ_ONCE(sock->sk->sk_family);
	if (family == AF_UNIX)
		return 0;
	if (!is_refused(level, optname, DN_OPT) &&
	    !replaces_filter(sock->sk, level, optname))
		return 0;
	return disablenetwork_deny("setsockopt", family);
}

/*
 * Walks the control messages as the protocols do (for_each_cmsghdr), on the
 * kernel copy that ____sys_sendmsg() made.  A buffer that cannot be
 * walked, or that would still have to be read from user memory, is
 * refused: the protocol rejects a malformed one anyway, and this check
 * must see exactly what the protocol will see.
 */
static int check_cmsgs(struct msghdr *const msg, const int family)
{
	struct cmsghdr *cmsg;

	if (msg->msg_control_is_user)
		return disablenetwork_deny("cmsg", family);
	for_each_cmsghdr(cmsg, msg) {
		if (!CMSG_OK(msg, cmsg) ||
		    is_refused_cmsg(cmsg->cmsg_level, cmsg->cmsg_type))
			return disablenetwork_deny("cmsg", family);
	}
	return 0;
}

/*
 * The part of the sendmsg hook that runs only for a restricted task, and
 * only for a message with an address or control data.
 */
static noinline int restricted_sendmsg(const struct socket *const sock,
				       struct msghdr *const msg)
{
	const struct sock *const sk = sock->sk;
	int family;

	/*
	 * A kernel socket (sunrpc for NFS, for one) sends for the kernel, not
	 * for the task in whose context it happens to run.
	 */
	if (sk->sk_kern_sock)
		return 0;
	/* IPV6_ADDRFORM can turn an AF_INET6 socket into an AF_INET one. */
	family = READ_ONCE(sk->sk_family);
	if (family == AF_UNIX) {
		if (unix_dgram_refused(disablenetwork_current_domain(),
				       msg->msg_name, msg->msg_namelen))
			return disablenetwork_deny("sendmsg", family);
		return 0;
	}
	if (msg->msg_namelen || (msg->msg_flags & MSG_DONTROUTE))
		return disablenetwork_deny("sendmsg", family);
	if (msg->msg_controllen)
		return check_cmsgs(msg, family);
	return 0;
}

/*
 * Called for every send, so the common case comes first: a message with
 * neither an address, nor control data, nor MSG_DONTROUTE only uses what
 * the socket already has.  MSG_DONTROUTE counts as an address: IPv4 then
 * looks the route up again with link scope, which can pick another
 * interface and bypass the gateway (ip_sendmsg_scope()).  The callers
 * (____sys_sendmsg(), __sys_sendto(), io_uring's sends) set msg_flags
 * before this hook runs.  sendmmsg() skips this hook for a message whose
 * address equals that of the previous message it allowed (___sys_sendmsg()'s
 * used_address).  That cannot let control data through for a restricted
 * task: every message with an address on a non-AF_UNIX socket is refused
 * here, so there is never a previous allowed address to match, and a
 * message without one always comes here.
 */
static int hook_socket_sendmsg(struct socket *const sock,
			       struct msghdr *const msg, const int size)
{
	if (!(msg->msg_namelen | msg->msg_controllen) &&
	    !(msg->msg_flags & MSG_DONTROUTE))
		return 0;
	if (!disablenetwork_current_restricted())
		return 0;
	return restricted_sendmsg(sock, msg);
}

/*
 * Stream and seqpacket connects reach a listener by name: an abstract name
 * in both modes, and a pathname in strict mode, only if the listener's
 * socket belongs to the caller's domain or to one nested in it.
 */
static int hook_unix_stream_connect(struct sock *const sock,
				    struct sock *const other,
				    struct sock *const newsk)
{
	const struct disablenetwork_domain *const domain =
		disablenetwork_current_domain();
	const struct disablenetwork_domain *listener = NULL;
	const struct file *file;

	if (!domain)
		return 0;
	switch (unix_sock_addr_kind(other)) {
	case UNIX_ADDR_ABSTRACT:
		break;
	case UNIX_ADDR_PATHNAME:
		if (domain->mode >= DISABLENETWORK_MODE_STRICT)
			break;
		return 0;
	default:
		return 0;
	}
	/*
	 * A socket belongs to the domain of the task that created it: its
	 * file's credentials, as Landlock's scoping reads them, whoever holds
	 * it now.  other->sk_socket is stable under the state lock that
	 * af_unix.c holds here.  A kernel socket has no file, and belongs to
	 * no domain.
	 */
	file = other->sk_socket->file;
	if (file)
		listener = disablenetwork_cred_domain(file->f_cred);
	if (disablenetwork_domain_scopes(domain, listener))
		return 0;
	return disablenetwork_deny("connect", AF_UNIX);
}

static int hook_sctp_bind_connect(struct sock *const sk, const int optname,
				  struct sockaddr *const address,
				  const int addrlen)
{
	/*
	 * The same hook sees a peer's ASCONF parameters (SCTP_PARAM_*), in
	 * softirq or in whichever task releases the socket: only the options
	 * a local task passes are its own requests.
	 */
	switch (optname) {
	case SCTP_SOCKOPT_BINDX_ADD:
	case SCTP_SOCKOPT_CONNECTX:
	case SCTP_PRIMARY_ADDR:
	case SCTP_SET_PEER_PRIMARY_ADDR:
	case SCTP_SENDMSG_CONNECT:
		break;
	default:
		return 0;
	}
	if (sk->sk_kern_sock || !disablenetwork_current_restricted())
		return 0;
	return disablenetwork_deny("sctp", sk->sk_family);
}

#ifdef CONFIG_BPF_SYSCALL
/*
 * A BPF program file descriptor is network access of its own: in 6.12,
 * only BPF_PROG_LOAD checks a capability, and a task may hold a program
 * it inherited, received with SCM_RIGHTS or opened from a bpffs.  A test
 * run of an XDP program sends frames on any interface of the netns
 * (BPF_F_TEST_XDP_LIVE_FRAMES), SCHED_CLS and LWT runs can too
 * (bpf_clone_redirect()), and attaching a program to an interface, a
 * cgroup, a sockmap or the netns (sk_lookup) steers traffic, the task's
 * own and other tasks'.  BPF_RAW_TRACEPOINT_OPEN attaches too: tracing,
 * LSM and freplace programs (an freplace program replaces a function of
 * an attached XDP or TC program), and BPF_ITER_CREATE runs an iterator,
 * which may set options on every socket of the netns.  The hook sees the
 * command, on the kernel's copy of the attributes, but not the program
 * type: every test run, attachment, detachment and iterator is refused.
 * Loading programs and updating maps stay allowed (see the admin guide's
 * limits: a prog_array update attaches a program too).
 */
static int hook_bpf(const int cmd, union bpf_attr *const attr,
		    const unsigned int size)
{
	switch (cmd) {
	case BPF_PROG_TEST_RUN:
	case BPF_PROG_ATTACH:
	case BPF_PROG_DETACH:
	case BPF_LINK_CREATE:
	case BPF_LINK_UPDATE:
	case BPF_LINK_DETACH:
	case BPF_RAW_TRACEPOINT_OPEN:
	case BPF_ITER_CREATE:
		break;
	default:
		return 0;
	}
	if (!disablenetwork_current_restricted())
		return 0;
	return disablenetwork_deny("bpf", AF_UNSPEC);
}
#endif /* CONFIG_BPF_SYSCALL */

static struct security_hook_list disablenetwork_net_hooks[] __ro_after_init = {
	LSM_HOOK_INIT_RUNTIME(socket_create, hook_socket_create),
	LSM_HOOK_INIT_RUNTIME(socket_bind, hook_socket_bind),
	LSM_HOOK_INIT_RUNTIME(socket_connect, hook_socket_connect),
	LSM_HOOK_INIT_RUNTIME(socket_listen, hook_socket_listen),
	LSM_HOOK_INIT_RUNTIME(socket_setsockopt, hook_socket_setsockopt),
	LSM_HOOK_INIT_RUNTIME(socket_sendmsg, hook_socket_sendmsg),
	LSM_HOOK_INIT_RUNTIME(unix_stream_connect, hook_unix_stream_connect),
	LSM_HOOK_INIT_RUNTIME(sctp_bind_connect, hook_sctp_bind_connect),
#ifdef CONFIG_BPF_SYSCALL
	LSM_HOOK_INIT_RUNTIME(bpf, hook_bpf),
#endif /* CONFIG_BPF_SYSCALL */
};

/**
 * disablenetwork_add_net_hooks - Register the socket hooks
 */
__init void disablenetwork_add_net_hooks(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(refused_names); i++)
		if (refused_names[i].kind & DN_CMSG)
			refused_cmsgs[refused_cmsg_count++] = refused_names[i];
	security_add_hooks(disablenetwork_net_hooks,
			   ARRAY_SIZE(disablenetwork_net_hooks),
			   &disablenetwork_lsmid);
}

#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST

#include <kunit/test.h>
#include <linux/fs.h>
#include <linux/sctp.h>
#include <linux/tcp.h>
#include <linux/udp.h>

/* Makes the hooks see a current task in a new domain of @mode, or none. */
static const struct cred *override_mode(struct kunit *const test,
					const enum disablenetwork_mode mode)
{
	struct cred *const cred = prepare_creds();
	const struct cred *old;

	KUNIT_ASSERT_NOT_NULL(test, cred);
	KUNIT_ASSERT_EQ(test, 0, disablenetwork_test_set_mode(cred, mode));
	old = override_creds(cred);
	put_cred(cred);
	return old;
}

/* Makes the hooks see a restricted (OFF) or an unrestricted task. */
static const struct cred *override_restriction(struct kunit *const test,
					       const bool restricted)
{
	return override_mode(test, restricted ? DISABLENETWORK_MODE_OFF :
						DISABLENETWORK_MODE_NONE);
}

static const struct sockaddr *unix_addr(struct kunit *const test,
					const char *const path,
					const size_t pathlen)
{
	struct sockaddr_storage *const ss =
		kunit_kzalloc(test, sizeof(*ss), GFP_KERNEL);
	struct sockaddr_un *const sun = (struct sockaddr_un *)ss;

	KUNIT_ASSERT_NOT_NULL(test, ss);
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, path, pathlen);
	return (const struct sockaddr *)ss;
}

#define SUN_OFF ((int)offsetof(struct sockaddr_un, sun_path))

static void test_unix_addr_kind(struct kunit *const test)
{
	const struct sockaddr *const path = unix_addr(test, "/run/s", 7);
	const struct sockaddr *const abstract = unix_addr(test, "\0x", 2);
	/* af_unix.c's AF_UNSPEC disconnect: zero bytes, as long as it likes. */
	const struct sockaddr *const unspec =
		kunit_kzalloc(test, sizeof(struct sockaddr_un), GFP_KERNEL);
	const struct {
		const char *name;
		const struct sockaddr *addr;
		int len;
		enum unix_addr_kind kind;
	} cases[] = {
		{ "length 0", abstract, 0, UNIX_ADDR_UNNAMED },
		{ "length 1", abstract, 1, UNIX_ADDR_UNNAMED },
		{ "length 2", abstract, 2, UNIX_ADDR_UNNAMED },
		{ "sa_family_t only", abstract, sizeof(sa_family_t),
		  UNIX_ADDR_UNNAMED },
		{ "negative length", abstract, -1, UNIX_ADDR_UNNAMED },
		{ "NULL with a length", NULL, SUN_OFF + 8, UNIX_ADDR_UNNAMED },
		{ "pathname", path, SUN_OFF + 7, UNIX_ADDR_PATHNAME },
		{ "pathname, no NUL", path, sizeof(struct sockaddr_un),
		  UNIX_ADDR_PATHNAME },
		{ "abstract, one byte", abstract, SUN_OFF + 1,
		  UNIX_ADDR_ABSTRACT },
		{ "abstract", abstract, SUN_OFF + 2, UNIX_ADDR_ABSTRACT },
		{ "abstract, over-long", abstract,
		  sizeof(struct sockaddr_storage), UNIX_ADDR_ABSTRACT },
		{ "AF_UNSPEC", unspec, sizeof(struct sockaddr_un),
		  UNIX_ADDR_UNNAMED },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, cases[i].kind,
				    unix_addr_kind(cases[i].addr, cases[i].len),
				    "%s", cases[i].name);
}

static void test_is_inet_disconnect(struct kunit *const test)
{
	struct sockaddr_storage ss = {};
	struct sockaddr *const addr = (struct sockaddr *)&ss;

	addr->sa_family = AF_UNSPEC;
	KUNIT_EXPECT_TRUE(test, is_inet_disconnect(AF_INET, addr, 2));
	KUNIT_EXPECT_TRUE(test, is_inet_disconnect(AF_INET6, addr, 2));
	KUNIT_EXPECT_TRUE(test, is_inet_disconnect(AF_INET, addr, sizeof(ss)));
	KUNIT_EXPECT_FALSE(test, is_inet_disconnect(AF_INET, addr, 1));
	KUNIT_EXPECT_FALSE(test, is_inet_disconnect(AF_INET, addr, 0));
	KUNIT_EXPECT_FALSE(test, is_inet_disconnect(AF_INET6, addr, -1));
	KUNIT_EXPECT_FALSE(test, is_inet_disconnect(AF_PACKET, addr, 2));
	KUNIT_EXPECT_FALSE(test, is_inet_disconnect(AF_PPPOX, addr, 2));
	addr->sa_family = AF_INET;
	KUNIT_EXPECT_FALSE(test, is_inet_disconnect(AF_INET, addr, 16));
}

enum hook_op {
	OP_CREATE,
	OP_CREATE_KERN,
	OP_BIND,
	OP_CONNECT,
	OP_LISTEN,
	OP_SENDMSG,
	OP_SCTP,
};

struct hook_case {
	const char *name;
	enum hook_op op;
	int family;
	int type;
	int state;
	int userlocks;
	int optname;
	/* The address: sa_family, then sun_path or raw bytes. */
	int addr_family;
	const char *path;
	int pathlen;
	int addrlen;
	unsigned int msg_flags;
	bool denied;
	/* Denied in strict mode only. */
	bool strict;
};

static const struct hook_case hook_cases[] = {
	{ "socket inet", OP_CREATE, AF_INET, SOCK_STREAM, .denied = true },
	{ "socket inet6", OP_CREATE, AF_INET6, SOCK_DGRAM, .denied = true },
	{ "socket packet", OP_CREATE, AF_PACKET, SOCK_RAW, .denied = true },
	{ "socket netlink", OP_CREATE, AF_NETLINK, SOCK_RAW, .denied = true },
	{ "socket vsock", OP_CREATE, AF_VSOCK, SOCK_STREAM, .denied = true },
	{ "socket alg", OP_CREATE, AF_ALG, SOCK_SEQPACKET, .denied = true },
	{ "socket unix", OP_CREATE, AF_UNIX, SOCK_STREAM },
	{ "socket unix dgram", OP_CREATE, AF_UNIX, SOCK_DGRAM },
	{ "kernel socket inet", OP_CREATE_KERN, AF_INET, SOCK_STREAM },
	{ "bind inet", OP_BIND, AF_INET, SOCK_STREAM, .addr_family = AF_INET,
	  .addrlen = 16, .denied = true },
	{ "bind inet6", OP_BIND, AF_INET6, SOCK_DGRAM,
	  .addr_family = AF_INET6, .addrlen = 28, .denied = true },
	{ "bind unix pathname", OP_BIND, AF_UNIX, SOCK_STREAM,
	  .addr_family = AF_UNIX, .path = "/s", .pathlen = 3,
	  .addrlen = SUN_OFF + 3 },
	{ "bind unix abstract", OP_BIND, AF_UNIX, SOCK_STREAM,
	  .addr_family = AF_UNIX, .path = "\0s", .pathlen = 2,
	  .addrlen = SUN_OFF + 2 },
	{ "connect inet", OP_CONNECT, AF_INET, SOCK_STREAM,
	  .addr_family = AF_INET, .addrlen = 16, .denied = true },
	{ "connect inet6 unspec", OP_CONNECT, AF_INET6, SOCK_DGRAM,
	  .addr_family = AF_UNSPEC, .addrlen = 2 },
	{ "connect inet unspec, long", OP_CONNECT, AF_INET, SOCK_DGRAM,
	  .addr_family = AF_UNSPEC, .addrlen = 16 },
	{ "connect inet unspec, short", OP_CONNECT, AF_INET, SOCK_DGRAM,
	  .addr_family = AF_UNSPEC, .addrlen = 1, .denied = true },
	{ "connect packet unspec", OP_CONNECT, AF_PACKET, SOCK_DGRAM,
	  .addr_family = AF_UNSPEC, .addrlen = 2, .denied = true },
	{ "connect unix dgram abstract", OP_CONNECT, AF_UNIX, SOCK_DGRAM,
	  .addr_family = AF_UNIX, .path = "\0s", .pathlen = 2,
	  .addrlen = SUN_OFF + 2, .denied = true },
	{ "connect unix dgram pathname", OP_CONNECT, AF_UNIX, SOCK_DGRAM,
	  .addr_family = AF_UNIX, .path = "/s", .pathlen = 3,
	  .addrlen = SUN_OFF + 3, .strict = true },
	{ "connect unix dgram unspec, pathname bytes", OP_CONNECT, AF_UNIX,
	  SOCK_DGRAM, .addr_family = AF_UNSPEC, .path = "/s", .pathlen = 3,
	  .addrlen = SUN_OFF + 3 },
	{ "connect unix dgram unspec, abstract bytes", OP_CONNECT, AF_UNIX,
	  SOCK_DGRAM, .addr_family = AF_UNSPEC, .path = "\0s", .pathlen = 2,
	  .addrlen = SUN_OFF + 2 },
	{ "connect unix dgram unnamed", OP_CONNECT, AF_UNIX, SOCK_DGRAM,
	  .addr_family = AF_UNIX, .addrlen = SUN_OFF },
	{ "connect unix dgram unspec", OP_CONNECT, AF_UNIX, SOCK_DGRAM,
	  .addr_family = AF_UNSPEC, .addrlen = sizeof(struct sockaddr_un) },
	{ "sendmsg inet dontroute", OP_SENDMSG, AF_INET, SOCK_DGRAM,
	  .msg_flags = MSG_DONTROUTE, .denied = true },
	{ "sendmsg inet6 dontroute", OP_SENDMSG, AF_INET6, SOCK_DGRAM,
	  .msg_flags = MSG_DONTROUTE, .denied = true },
	{ "sendmsg inet, other flags", OP_SENDMSG, AF_INET, SOCK_DGRAM,
	  .msg_flags = MSG_DONTWAIT | MSG_MORE | MSG_NOSIGNAL },
	{ "sendmsg unix dontroute", OP_SENDMSG, AF_UNIX, SOCK_DGRAM,
	  .msg_flags = MSG_DONTROUTE },
	{ "connect unix stream abstract", OP_CONNECT, AF_UNIX, SOCK_STREAM,
	  .addr_family = AF_UNIX, .path = "\0s", .pathlen = 2,
	  .addrlen = SUN_OFF + 2 },
	{ "listen inet unbound", OP_LISTEN, AF_INET, SOCK_STREAM,
	  .state = TCP_CLOSE, .denied = true },
	{ "listen inet listening, locked port", OP_LISTEN, AF_INET,
	  SOCK_STREAM, .state = TCP_LISTEN, .userlocks = SOCK_BINDPORT_LOCK },
	{ "listen inet listening, port 0", OP_LISTEN, AF_INET, SOCK_STREAM,
	  .state = TCP_LISTEN, .denied = true },
	{ "listen inet6 closed, locked port", OP_LISTEN, AF_INET6, SOCK_STREAM,
	  .state = TCP_CLOSE, .userlocks = SOCK_BINDPORT_LOCK, .denied = true },
	{ "listen unix", OP_LISTEN, AF_UNIX, SOCK_STREAM, .state = TCP_CLOSE },
	{ "sendmsg inet no address", OP_SENDMSG, AF_INET, SOCK_DGRAM },
	{ "sendmsg inet", OP_SENDMSG, AF_INET, SOCK_DGRAM,
	  .addr_family = AF_INET, .addrlen = 16, .denied = true },
	{ "sendmsg inet6 unspec", OP_SENDMSG, AF_INET6, SOCK_DGRAM,
	  .addr_family = AF_UNSPEC, .addrlen = 28, .denied = true },
	{ "sendmsg inet short", OP_SENDMSG, AF_INET, SOCK_DGRAM,
	  .addr_family = AF_INET, .addrlen = 1, .denied = true },
	{ "sendmsg packet", OP_SENDMSG, AF_PACKET, SOCK_DGRAM,
	  .addr_family = AF_PACKET, .addrlen = 20, .denied = true },
	{ "sendmsg unix pathname", OP_SENDMSG, AF_UNIX, SOCK_DGRAM,
	  .addr_family = AF_UNIX, .path = "/s", .pathlen = 3,
	  .addrlen = SUN_OFF + 3, .strict = true },
	{ "sendmsg unix abstract", OP_SENDMSG, AF_UNIX, SOCK_DGRAM,
	  .addr_family = AF_UNIX, .path = "\0s", .pathlen = 2,
	  .addrlen = SUN_OFF + 2, .denied = true },
	{ "sendmsg unix unnamed", OP_SENDMSG, AF_UNIX, SOCK_DGRAM,
	  .addr_family = AF_UNIX, .addrlen = SUN_OFF },
	{ "sctp bindx add", OP_SCTP, AF_INET, SOCK_STREAM,
	  .optname = SCTP_SOCKOPT_BINDX_ADD, .denied = true },
	{ "sctp connectx", OP_SCTP, AF_INET6, SOCK_STREAM,
	  .optname = SCTP_SOCKOPT_CONNECTX, .denied = true },
	{ "sctp primary addr", OP_SCTP, AF_INET, SOCK_SEQPACKET,
	  .optname = SCTP_PRIMARY_ADDR, .denied = true },
	{ "sctp peer primary addr", OP_SCTP, AF_INET, SOCK_SEQPACKET,
	  .optname = SCTP_SET_PEER_PRIMARY_ADDR, .denied = true },
	{ "sctp sendmsg connect", OP_SCTP, AF_INET, SOCK_SEQPACKET,
	  .optname = SCTP_SENDMSG_CONNECT, .denied = true },
	{ "sctp bindx rem", OP_SCTP, AF_INET, SOCK_SEQPACKET,
	  .optname = SCTP_SOCKOPT_BINDX_REM },
	{ "sctp asconf add ip", OP_SCTP, AF_INET, SOCK_SEQPACKET,
	  .optname = (__force int)SCTP_PARAM_ADD_IP },
	{ "sctp asconf set primary", OP_SCTP, AF_INET, SOCK_SEQPACKET,
	  .optname = (__force int)SCTP_PARAM_SET_PRIMARY },
};

static int run_hook_case(struct kunit *const test,
			 const struct hook_case *const c)
{
	struct socket *const sock =
		kunit_kzalloc(test, sizeof(*sock), GFP_KERNEL);
	struct sock *const sk = kunit_kzalloc(test, sizeof(*sk), GFP_KERNEL);
	struct sockaddr_storage *const ss =
		kunit_kzalloc(test, sizeof(*ss), GFP_KERNEL);
	struct sockaddr *const addr = (struct sockaddr *)ss;
	struct msghdr msg = {};

	KUNIT_ASSERT_NOT_NULL(test, sock);
	KUNIT_ASSERT_NOT_NULL(test, sk);
	KUNIT_ASSERT_NOT_NULL(test, ss);
	sock->sk = sk;
	sock->type = c->type;
	sk->sk_family = c->family;
	sk->sk_state = c->state;
	sk->sk_userlocks = c->userlocks;
	addr->sa_family = c->addr_family;
	if (c->path)
		memcpy(((struct sockaddr_un *)ss)->sun_path, c->path,
		       c->pathlen);

	switch (c->op) {
	case OP_CREATE:
		return hook_socket_create(c->family, c->type, 0, 0);
	case OP_CREATE_KERN:
		return hook_socket_create(c->family, c->type, 0, 1);
	case OP_BIND:
		return hook_socket_bind(sock, addr, c->addrlen);
	case OP_CONNECT:
		return hook_socket_connect(sock, addr, c->addrlen);
	case OP_LISTEN:
		return hook_socket_listen(sock, 16);
	case OP_SENDMSG:
		msg.msg_flags = c->msg_flags;
		if (c->addrlen) {
			msg.msg_name = addr;
			msg.msg_namelen = c->addrlen;
		}
		return hook_socket_sendmsg(sock, &msg, 1);
	case OP_SCTP:
		return hook_sctp_bind_connect(sk, c->optname, addr,
					      sizeof(*ss));
	}
	return -EINVAL;
}

static void test_hook_decisions(struct kunit *const test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hook_cases); i++) {
		const struct hook_case *const c = &hook_cases[i];
		const struct cred *old;
		int unrestricted, restricted, strict;

		old = override_restriction(test, false);
		unrestricted = run_hook_case(test, c);
		revert_creds(old);

		old = override_restriction(test, true);
		restricted = run_hook_case(test, c);
		revert_creds(old);

		old = override_mode(test, DISABLENETWORK_MODE_STRICT);
		strict = run_hook_case(test, c);
		revert_creds(old);

		KUNIT_EXPECT_EQ_MSG(test, 0, unrestricted, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, c->denied ? -EPERM : 0, restricted,
				    "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, c->denied || c->strict ? -EPERM : 0,
				    strict, "%s, strict", c->name);
	}
}

static void test_sctp_kernel_socket(struct kunit *const test)
{
	struct sock *const sk = kunit_kzalloc(test, sizeof(*sk), GFP_KERNEL);
	const struct cred *old;

	KUNIT_ASSERT_NOT_NULL(test, sk);
	sk->sk_family = AF_INET;
	sk->sk_kern_sock = 1;
	old = override_restriction(test, true);
	KUNIT_EXPECT_EQ(test, 0,
			hook_sctp_bind_connect(sk, SCTP_SOCKOPT_CONNECTX, NULL,
					       0));
	revert_creds(old);
}

struct opt_case {
	int family;
	int level;
	int name;
	bool denied;
};

static void test_setsockopt(struct kunit *const test)
{
	static const struct opt_case cases[] = {
		{ AF_INET, SOL_SOCKET, SO_BINDTODEVICE, true },
		{ AF_INET6, SOL_SOCKET, SO_MARK, true },
		{ AF_PACKET, SOL_SOCKET, SO_BINDTOIFINDEX, true },
		{ AF_UNIX, SOL_SOCKET, SO_BINDTODEVICE, false },
		{ AF_INET, SOL_SOCKET, SO_PRIORITY, false },
		{ AF_INET, SOL_SOCKET, SO_TXREHASH, false },
		{ AF_INET, SOL_SOCKET, SO_SNDBUF, false },
		{ AF_INET, SOL_IP, IP_ADD_MEMBERSHIP, true },
		/* SOL_IP options reach AF_INET6 sockets too. */
		{ AF_INET6, SOL_IP, IP_ADD_MEMBERSHIP, true },
		{ AF_INET6, SOL_IP, IP_MULTICAST_IF, true },
		{ AF_INET, SOL_IP, IP_DROP_MEMBERSHIP, false },
		{ AF_INET, SOL_IP, IP_BLOCK_SOURCE, false },
		{ AF_INET, SOL_IP, IP_UNBLOCK_SOURCE, true },
		{ AF_INET, SOL_IP, MCAST_LEAVE_GROUP, false },
		{ AF_INET, SOL_IP, IP_MULTICAST_ALL, true },
		{ AF_INET, SOL_IP, IP_MULTICAST_LOOP, false },
		{ AF_INET, SOL_IP, IP_TOS, false },
		/* A receive flag as an option, refused as a control message. */
		{ AF_INET, SOL_IP, IP_PKTINFO, false },
		{ AF_INET, SOL_IP, IP_RETOPTS, false },
		{ AF_INET, SOL_IP, IP_OPTIONS, true },
		{ AF_INET6, SOL_IPV6, IPV6_RTHDR, true },
		{ AF_INET6, SOL_IPV6, IPV6_2292RTHDR, false },
		{ AF_INET6, SOL_IPV6, IPV6_PKTINFO, true },
		{ AF_INET6, SOL_IPV6, IPV6_RECVPKTINFO, false },
		{ AF_INET6, SOL_IPV6, IPV6_TCLASS, false },
		{ AF_INET6, SOL_IPV6, IPV6_FLOWINFO_SEND, false },
		{ AF_INET6, SOL_IPV6, IPV6_LEAVE_ANYCAST, false },
		{ AF_INET6, SOL_RAW, IPV6_HDRINCL, true },
		{ AF_INET6, SOL_RAW, IPV6_CHECKSUM, false },
		{ AF_PACKET, SOL_PACKET, PACKET_ADD_MEMBERSHIP, true },
		{ AF_PACKET, SOL_PACKET, PACKET_DROP_MEMBERSHIP, false },
		{ AF_INET, SOL_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, true },
		{ AF_INET, SOL_TCP, TCP_NODELAY, false },
		{ AF_INET, SOL_SOCKET, SO_DONTROUTE, true },
		{ AF_INET, SOL_IP, IP_ROUTER_ALERT, true },
		{ AF_INET6, SOL_IPV6, IPV6_ROUTER_ALERT, true },
		{ AF_INET6, SOL_IPV6, IPV6_ROUTER_ALERT_ISOLATE, false },
		{ AF_TIPC, SOL_TIPC, TIPC_GROUP_JOIN, true },
		{ AF_TIPC, SOL_TIPC, TIPC_GROUP_LEAVE, false },
		{ AF_INET, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, true },
		{ AF_INET6, SOL_SOCKET, SO_ATTACH_REUSEPORT_EBPF, true },
		{ AF_INET, SOL_SOCKET, SO_DETACH_REUSEPORT_BPF, true },
		{ AF_INET6, SOL_SOCKET, SO_INCOMING_CPU, true },
		{ AF_INET, SOL_SOCKET, SO_REUSEPORT, false },
		{ AF_PACKET, SOL_PACKET, PACKET_FANOUT_DATA, true },
		{ AF_PACKET, SOL_PACKET, PACKET_IGNORE_OUTGOING, true },
		{ AF_INET, SOL_RAW, ICMP_FILTER, true },
		{ AF_INET6, SOL_ICMPV6, ICMPV6_FILTER, true },
		{ AF_AX25, SOL_AX25, SO_BINDTODEVICE, true },
		{ AF_CAN, SOL_CAN_RAW, CAN_RAW_XL_VCID_OPTS, true },
		{ AF_CAN, SOL_CAN_RAW, CAN_RAW_FILTER, false },
		/* Netfilter and IPVS ranges: both ends, and just outside. */
		{ AF_INET, SOL_IP, IPT_SO_SET_REPLACE, true },
		{ AF_INET6, SOL_IP, IPT_SO_SET_ADD_COUNTERS, true },
		{ AF_INET, SOL_IP, IPT_SO_SET_ADD_COUNTERS + 1, false },
		{ AF_INET6, SOL_IPV6, IP6T_SO_SET_REPLACE, true },
		{ AF_INET6, SOL_IPV6, IP6T_SO_SET_ADD_COUNTERS, true },
		{ AF_INET, SOL_IP, ARPT_SO_SET_ADD_COUNTERS, true },
		{ AF_INET, SOL_IP, EBT_SO_SET_ENTRIES, true },
		{ AF_INET, SOL_IP, EBT_SO_SET_COUNTERS, true },
		{ AF_INET, SOL_IP, IP_VS_SO_SET_NONE - 1, false },
		{ AF_INET, SOL_IP, IP_VS_SO_SET_NONE, true },
		{ AF_INET, SOL_IP, IP_VS_SO_SET_ZERO, true },
		{ AF_INET, SOL_IP, IP_VS_SO_SET_ZERO + 1, false },
		/* A first filter only narrows: see test_setsockopt_filter(). */
		{ AF_PACKET, SOL_SOCKET, SO_ATTACH_FILTER, false },
		{ AF_PACKET, SOL_SOCKET, SO_LOCK_FILTER, false },
	};
	struct socket *const sock =
		kunit_kzalloc(test, sizeof(*sock), GFP_KERNEL);
	struct sock *const sk = kunit_kzalloc(test, sizeof(*sk), GFP_KERNEL);
	const struct cred *old;
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, sock);
	KUNIT_ASSERT_NOT_NULL(test, sk);
	sock->sk = sk;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct opt_case *const c = &cases[i];
		int unrestricted, restricted;

		sk->sk_family = c->family;
		old = override_restriction(test, false);
		unrestricted = hook_socket_setsockopt(sock, c->level, c->name);
		revert_creds(old);
		old = override_restriction(test, true);
		restricted = hook_socket_setsockopt(sock, c->level, c->name);
		revert_creds(old);
		KUNIT_EXPECT_EQ_MSG(test, 0, unrestricted, "case %zu", i);
		KUNIT_EXPECT_EQ_MSG(test, c->denied ? -EPERM : 0, restricted,
				    "case %zu", i);
	}
}

/*
 * SO_ATTACH_FILTER, SO_ATTACH_BPF and SO_DETACH_FILTER are refused only
 * while a filter is attached: replacing or removing it can widen what the
 * socket receives.
 */
static void test_setsockopt_filter(struct kunit *const test)
{
	static const int names[] = {
		SO_ATTACH_FILTER, SO_ATTACH_BPF, SO_DETACH_FILTER,
	};
	struct socket *const sock =
		kunit_kzalloc(test, sizeof(*sock), GFP_KERNEL);
	struct sock *const sk = kunit_kzalloc(test, sizeof(*sk), GFP_KERNEL);
	struct sk_filter *const filter =
		kunit_kzalloc(test, sizeof(*filter), GFP_KERNEL);
	const struct cred *old;
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, sock);
	KUNIT_ASSERT_NOT_NULL(test, sk);
	KUNIT_ASSERT_NOT_NULL(test, filter);
	sock->sk = sk;
	sk->sk_family = AF_PACKET;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		RCU_INIT_POINTER(sk->sk_filter, NULL);
		old = override_restriction(test, true);
		KUNIT_EXPECT_EQ(test, 0,
				hook_socket_setsockopt(sock, SOL_SOCKET,
						       names[i]));
		RCU_INIT_POINTER(sk->sk_filter, filter);
		KUNIT_EXPECT_EQ(test, -EPERM,
				hook_socket_setsockopt(sock, SOL_SOCKET,
						       names[i]));
		/* Another level with the same number is another option. */
		KUNIT_EXPECT_EQ(test, 0,
				hook_socket_setsockopt(sock, SOL_PACKET,
						       names[i]));
		revert_creds(old);
		old = override_restriction(test, false);
		KUNIT_EXPECT_EQ(test, 0,
				hook_socket_setsockopt(sock, SOL_SOCKET,
						       names[i]));
		revert_creds(old);
	}
	RCU_INIT_POINTER(sk->sk_filter, NULL);
}

#ifdef CONFIG_BPF_SYSCALL
struct bpf_case {
	int cmd;
	bool denied;
};

/* Running and attaching programs is refused; the rest of bpf() is not. */
static void test_bpf_commands(struct kunit *const test)
{
	static const struct bpf_case cases[] = {
		{ BPF_PROG_TEST_RUN, true },	{ BPF_PROG_ATTACH, true },
		{ BPF_PROG_DETACH, true },	{ BPF_LINK_CREATE, true },
		{ BPF_LINK_UPDATE, true },	{ BPF_LINK_DETACH, true },
		{ BPF_RAW_TRACEPOINT_OPEN, true }, { BPF_ITER_CREATE, true },
		{ BPF_PROG_LOAD, false },	{ BPF_MAP_CREATE, false },
		{ BPF_MAP_LOOKUP_ELEM, false },	{ BPF_OBJ_GET, false },
		{ BPF_PROG_QUERY, false },	{ BPF_LINK_GET_FD_BY_ID, false },
		{ BPF_MAP_UPDATE_ELEM, false },
	};
	union bpf_attr *const attr =
		kunit_kzalloc(test, sizeof(*attr), GFP_KERNEL);
	const struct cred *old;
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, attr);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct bpf_case *const c = &cases[i];
		int unrestricted, restricted;

		old = override_restriction(test, false);
		unrestricted = hook_bpf(c->cmd, attr, sizeof(*attr));
		revert_creds(old);
		old = override_restriction(test, true);
		restricted = hook_bpf(c->cmd, attr, sizeof(*attr));
		revert_creds(old);
		KUNIT_EXPECT_EQ_MSG(test, 0, unrestricted, "cmd %d", c->cmd);
		KUNIT_EXPECT_EQ_MSG(test, c->denied ? -EPERM : 0, restricted,
				    "cmd %d", c->cmd);
	}
}
#endif /* CONFIG_BPF_SYSCALL */

/* Up to two control messages of @len data bytes each, in kernel memory. */
struct cmsg_case {
	const char *name;
	int family;
	int level[2];
	int type[2];
	int len;
	/* Shrinks the last cmsg_len below a header: not walkable. */
	bool malformed;
	bool kern_sock;
	bool denied;
};

static const struct cmsg_case cmsg_cases[] = {
	{ "ip pktinfo", AF_INET, { SOL_IP }, { IP_PKTINFO }, 12,
	  .denied = true },
	{ "ip ttl", AF_INET, { SOL_IP }, { IP_TTL }, 4 },
	{ "ip tos, then retopts", AF_INET, { SOL_IP, SOL_IP },
	  { IP_TOS, IP_RETOPTS }, 4, .denied = true },
	{ "ip ttl, then tos", AF_INET, { SOL_IP, SOL_IP }, { IP_TTL, IP_TOS },
	  4 },
	{ "so_mark", AF_INET6, { SOL_SOCKET }, { SO_MARK }, 4,
	  .denied = true },
	{ "so_timestamping", AF_INET, { SOL_SOCKET },
	  { SO_TIMESTAMPING_OLD }, 4 },
	{ "ipv6 pktinfo", AF_INET6, { SOL_IPV6 }, { IPV6_PKTINFO }, 20,
	  .denied = true },
	{ "ipv6 2292pktinfo", AF_INET6, { SOL_IPV6 }, { IPV6_2292PKTINFO }, 20,
	  .denied = true },
	{ "ipv6 rthdr", AF_INET6, { SOL_IPV6 }, { IPV6_RTHDR }, 24,
	  .denied = true },
	{ "ipv6 2292rthdr", AF_INET6, { SOL_IPV6 }, { IPV6_2292RTHDR }, 24,
	  .denied = true },
	{ "ipv6 tclass", AF_INET6, { SOL_IPV6 }, { IPV6_TCLASS }, 4 },
	{ "ipv6 hoplimit", AF_INET6, { SOL_IPV6 }, { IPV6_HOPLIMIT }, 4 },
	/* A v4-mapped send on AF_INET6 reads SOL_IP control messages. */
	{ "ip pktinfo on inet6", AF_INET6, { SOL_IP }, { IP_PKTINFO }, 12,
	  .denied = true },
	{ "udp segment", AF_INET, { SOL_UDP }, { UDP_SEGMENT }, 2 },
	{ "malformed", AF_INET, { SOL_IP }, { IP_TTL }, 4, .malformed = true,
	  .denied = true },
	{ "unix, so_mark", AF_UNIX, { SOL_SOCKET }, { SO_MARK }, 4 },
	{ "kernel socket, ip pktinfo", AF_INET, { SOL_IP }, { IP_PKTINFO }, 12,
	  .kern_sock = true },
};

static int run_cmsg_case(struct kunit *const test,
			 const struct cmsg_case *const c)
{
	const size_t space = CMSG_SPACE(c->len);
	const int n = c->type[1] || c->level[1] ? 2 : 1;
	struct socket *const sock =
		kunit_kzalloc(test, sizeof(*sock), GFP_KERNEL);
	struct sock *const sk = kunit_kzalloc(test, sizeof(*sk), GFP_KERNEL);
	char *const buf = kunit_kzalloc(test, 2 * space, GFP_KERNEL);
	struct msghdr msg = {
		.msg_control = buf,
		.msg_controllen = n * space,
	};
	struct cmsghdr *cmsg = (struct cmsghdr *)buf;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, sock);
	KUNIT_ASSERT_NOT_NULL(test, sk);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	sock->sk = sk;
	sk->sk_family = c->family;
	sk->sk_kern_sock = c->kern_sock;
	for (i = 0; i < n; i++) {
		cmsg = (struct cmsghdr *)(buf + i * space);
		cmsg->cmsg_len = CMSG_LEN(c->len);
		cmsg->cmsg_level = c->level[i];
		cmsg->cmsg_type = c->type[i];
	}
	if (c->malformed)
		cmsg->cmsg_len = sizeof(*cmsg) - 1;
	return hook_socket_sendmsg(sock, &msg, 1);
}

static void test_cmsg_decisions(struct kunit *const test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmsg_cases); i++) {
		const struct cmsg_case *const c = &cmsg_cases[i];
		const struct cred *old;
		int unrestricted, restricted;

		old = override_restriction(test, false);
		unrestricted = run_cmsg_case(test, c);
		revert_creds(old);

		old = override_restriction(test, true);
		restricted = run_cmsg_case(test, c);
		revert_creds(old);

		KUNIT_EXPECT_EQ_MSG(test, 0, unrestricted, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, c->denied ? -EPERM : 0, restricted,
				    "%s", c->name);
	}
}

/*
 * A kernel socket sends for the kernel (sunrpc over UDP gives an address)
 * even in the context of a restricted task: the sendmsg hook and the
 * control-message check let it through, and refuse the same message on a
 * task's socket.
 */
static void test_sendmsg_kernel_socket(struct kunit *const test)
{
	struct socket *const sock =
		kunit_kzalloc(test, sizeof(*sock), GFP_KERNEL);
	struct sock *const sk = kunit_kzalloc(test, sizeof(*sk), GFP_KERNEL);
	struct sockaddr_in *const sin =
		kunit_kzalloc(test, sizeof(*sin), GFP_KERNEL);
	struct msghdr msg = {};
	const struct cred *old;
	int kern, user;

	KUNIT_ASSERT_NOT_NULL(test, sock);
	KUNIT_ASSERT_NOT_NULL(test, sk);
	KUNIT_ASSERT_NOT_NULL(test, sin);
	sock->sk = sk;
	sk->sk_family = AF_INET;
	sin->sin_family = AF_INET;
	msg.msg_name = sin;
	msg.msg_namelen = sizeof(*sin);

	old = override_restriction(test, true);
	sk->sk_kern_sock = 1;
	kern = hook_socket_sendmsg(sock, &msg, 1);
	sk->sk_kern_sock = 0;
	user = hook_socket_sendmsg(sock, &msg, 1);
	revert_creds(old);

	KUNIT_EXPECT_EQ(test, 0, kern);
	KUNIT_EXPECT_EQ(test, -EPERM, user);
}

/* A listening AF_UNIX socket, with its address and its opener's cred. */
static struct sock *unix_listener(struct kunit *const test,
				  const char *const path, const int pathlen,
				  const struct cred *const opener)
{
	struct unix_sock *const u = kunit_kzalloc(test, sizeof(*u), GFP_KERNEL);
	struct socket *const sock =
		kunit_kzalloc(test, sizeof(*sock), GFP_KERNEL);
	struct file *const file = kunit_kzalloc(test, sizeof(*file), GFP_KERNEL);
	struct unix_address *addr;

	KUNIT_ASSERT_NOT_NULL(test, u);
	KUNIT_ASSERT_NOT_NULL(test, sock);
	KUNIT_ASSERT_NOT_NULL(test, file);
	if (pathlen >= 0) {
		addr = kunit_kzalloc(test, sizeof(*addr) + SUN_OFF + pathlen,
				     GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, addr);
		addr->len = SUN_OFF + pathlen;
		addr->name->sun_family = AF_UNIX;
		memcpy(addr->name->sun_path, path, pathlen);
		u->addr = addr;
	}
	/* A kernel socket (no @opener) has no file. */
	file->f_cred = opener;
	sock->file = opener ? file : NULL;
	u->sk.sk_socket = sock;
	u->sk.sk_family = AF_UNIX;
	return &u->sk;
}

/*
 * The stream connect decision: the caller's domain and mode, the domain the
 * listener's socket belongs to, and the kind of its address.  Domains:
 * D, a domain nested in D, D's parent, and an unrelated one.
 */
enum where {
	W_NONE,		/* unrestricted, or a socket of no domain */
	W_SAME,		/* D */
	W_NESTED,	/* a domain nested in D */
	W_PARENT,	/* the domain D is nested in */
	W_OTHER,	/* an unrelated domain */
	W_KERNEL,	/* a kernel socket: no file */
};

enum peer_kind { PEER_UNNAMED, PEER_PATHNAME, PEER_ABSTRACT };

struct connect_case {
	const char *desc;
	enum disablenetwork_mode mode;	/* of D; NONE: unrestricted caller */
	enum where listener;
	enum peer_kind kind;
	bool denied;
};

static const struct connect_case connect_cases[] = {
	{ "unrestricted, abstract, no domain", DISABLENETWORK_MODE_NONE,
	  W_NONE, PEER_ABSTRACT, false },
	{ "unrestricted, abstract, other domain", DISABLENETWORK_MODE_NONE,
	  W_OTHER, PEER_ABSTRACT, false },
	{ "unrestricted, pathname, kernel", DISABLENETWORK_MODE_NONE,
	  W_KERNEL, PEER_PATHNAME, false },
	{ "off, abstract, same", DISABLENETWORK_MODE_OFF, W_SAME,
	  PEER_ABSTRACT, false },
	{ "off, abstract, nested", DISABLENETWORK_MODE_OFF, W_NESTED,
	  PEER_ABSTRACT, false },
	{ "off, abstract, parent", DISABLENETWORK_MODE_OFF, W_PARENT,
	  PEER_ABSTRACT, true },
	{ "off, abstract, other", DISABLENETWORK_MODE_OFF, W_OTHER,
	  PEER_ABSTRACT, true },
	{ "off, abstract, no domain", DISABLENETWORK_MODE_OFF, W_NONE,
	  PEER_ABSTRACT, true },
	{ "off, abstract, kernel", DISABLENETWORK_MODE_OFF, W_KERNEL,
	  PEER_ABSTRACT, true },
	{ "off, pathname, parent", DISABLENETWORK_MODE_OFF, W_PARENT,
	  PEER_PATHNAME, false },
	{ "off, pathname, other", DISABLENETWORK_MODE_OFF, W_OTHER,
	  PEER_PATHNAME, false },
	{ "off, pathname, no domain", DISABLENETWORK_MODE_OFF, W_NONE,
	  PEER_PATHNAME, false },
	{ "off, unnamed, no domain", DISABLENETWORK_MODE_OFF, W_NONE,
	  PEER_UNNAMED, false },
	{ "strict, abstract, same", DISABLENETWORK_MODE_STRICT, W_SAME,
	  PEER_ABSTRACT, false },
	{ "strict, abstract, other", DISABLENETWORK_MODE_STRICT, W_OTHER,
	  PEER_ABSTRACT, true },
	{ "strict, pathname, same", DISABLENETWORK_MODE_STRICT, W_SAME,
	  PEER_PATHNAME, false },
	{ "strict, pathname, nested", DISABLENETWORK_MODE_STRICT, W_NESTED,
	  PEER_PATHNAME, false },
	{ "strict, pathname, parent", DISABLENETWORK_MODE_STRICT, W_PARENT,
	  PEER_PATHNAME, true },
	{ "strict, pathname, other", DISABLENETWORK_MODE_STRICT, W_OTHER,
	  PEER_PATHNAME, true },
	{ "strict, pathname, no domain", DISABLENETWORK_MODE_STRICT, W_NONE,
	  PEER_PATHNAME, true },
	{ "strict, pathname, kernel", DISABLENETWORK_MODE_STRICT, W_KERNEL,
	  PEER_PATHNAME, true },
	{ "strict, unnamed, no domain", DISABLENETWORK_MODE_STRICT, W_NONE,
	  PEER_UNNAMED, false },
};

KUNIT_ARRAY_PARAM_DESC(connect, connect_cases, desc);

static void test_unix_stream_connect(struct kunit *const test)
{
	static const struct {
		const char *path;
		int pathlen;
	} peers[] = {
		[PEER_UNNAMED] = { NULL, -1 },
		[PEER_PATHNAME] = { "/s", 3 },
		[PEER_ABSTRACT] = { "\0s", 2 },
	};
	const struct connect_case *const c = test->param_value;
	const enum disablenetwork_mode mode =
		c->mode ? c->mode : DISABLENETWORK_MODE_OFF;
	struct disablenetwork_domain *parent, *d, *domains[W_KERNEL + 1] = {};
	struct cred *caller, *opener = NULL;
	const struct cred *old;
	struct sock *other;
	int ret;

	/* D is nested in a parent, so that W_PARENT exists. */
	parent = disablenetwork_domain_create(NULL, DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(parent));
	d = disablenetwork_domain_create(parent, mode);
	KUNIT_ASSERT_FALSE(test, IS_ERR(d));
	domains[W_SAME] = d;
	domains[W_PARENT] = parent;
	domains[W_NESTED] = disablenetwork_domain_create(d, mode);
	domains[W_OTHER] = disablenetwork_domain_create(NULL, mode);
	KUNIT_ASSERT_FALSE(test, IS_ERR(domains[W_NESTED]));
	KUNIT_ASSERT_FALSE(test, IS_ERR(domains[W_OTHER]));

	if (c->listener != W_KERNEL) {
		opener = prepare_creds();
		KUNIT_ASSERT_NOT_NULL(test, opener);
		disablenetwork_domain_get(domains[c->listener]);
		disablenetwork_cred_set_domain(opener, domains[c->listener]);
	}
	other = unix_listener(test, peers[c->kind].path,
			      peers[c->kind].pathlen, opener);

	caller = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, caller);
	disablenetwork_cred_set_domain(caller, c->mode ?
				       disablenetwork_domain_get(d) : NULL);
	old = override_creds(caller);
	put_cred(caller);
	ret = hook_unix_stream_connect(NULL, other, NULL);
	revert_creds(old);

	KUNIT_EXPECT_EQ(test, c->denied ? -EPERM : 0, ret);
	if (opener)
		put_cred(opener);
	disablenetwork_domain_put(domains[W_NESTED]);
	disablenetwork_domain_put(domains[W_OTHER]);
	disablenetwork_domain_put(d);
	disablenetwork_domain_put(parent);
}

static void test_unix_stream_connect_kernel_listener(struct kunit *const test)
{
	struct sock *const other = unix_listener(test, "\0k", 2, NULL);
	const struct cred *old;
	int ret;

	old = override_restriction(test, false);
	ret = hook_unix_stream_connect(NULL, other, NULL);
	revert_creds(old);
	KUNIT_EXPECT_EQ(test, 0, ret);

	old = override_restriction(test, true);
	ret = hook_unix_stream_connect(NULL, other, NULL);
	revert_creds(old);
	KUNIT_EXPECT_EQ(test, -EPERM, ret);
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_unix_addr_kind),
	KUNIT_CASE(test_is_inet_disconnect),
	KUNIT_CASE(test_hook_decisions),
	KUNIT_CASE(test_sctp_kernel_socket),
	KUNIT_CASE(test_setsockopt),
	KUNIT_CASE(test_setsockopt_filter),
#ifdef CONFIG_BPF_SYSCALL
	KUNIT_CASE(test_bpf_commands),
#endif /* CONFIG_BPF_SYSCALL */
	KUNIT_CASE(test_cmsg_decisions),
	KUNIT_CASE(test_sendmsg_kernel_socket),
	KUNIT_CASE_PARAM(test_unix_stream_connect, connect_gen_params),
	KUNIT_CASE(test_unix_stream_connect_kernel_listener),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "disablenetwork_net",
	.init = disablenetwork_kunit_init,
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

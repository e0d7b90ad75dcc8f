// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Denial records
 *
 * Each denial is counted in the task's domain and every domain it is
 * nested in (see /proc/PID/attr/disablenetwork/denials), and recorded
 * once, with key=value fields and the address family by name:
 *
 * - with audit compiled in and enabled, as an audit record of its own
 *   type, AUDIT_DISABLENETWORK_DENIED, so that auditd and ausearch see
 *   it and it does not mix with the AVC records of SELinux and AppArmor;
 * - otherwise, as one rate-limited kernel log line.
 *
 * Never both, or each denial would show twice in the kernel log when no
 * audit daemon runs.  The functions are out of line and cold: they are
 * never on the path of an allowed operation.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/audit.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/pid.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "common.h"
#include "cred.h"
#include "domain.h"
#include "log.h"

/* 6.12 exports no table of family names. */
static const char *const family_names[] = {
	[AF_UNSPEC] = "unspec",
	[AF_UNIX] = "unix",
	[AF_INET] = "inet",
	[AF_AX25] = "ax25",
	[AF_IPX] = "ipx",
	[AF_APPLETALK] = "appletalk",
	[AF_NETROM] = "netrom",
	[AF_BRIDGE] = "bridge",
	[AF_ATMPVC] = "atmpvc",
	[AF_X25] = "x25",
	[AF_INET6] = "inet6",
	[AF_ROSE] = "rose",
	[AF_DECnet] = "decnet",
	[AF_NETBEUI] = "netbeui",
	[AF_SECURITY] = "security",
	[AF_KEY] = "key",
	[AF_NETLINK] = "netlink",
	[AF_PACKET] = "packet",
	[AF_ASH] = "ash",
	[AF_ECONET] = "econet",
	[AF_ATMSVC] = "atmsvc",
	[AF_RDS] = "rds",
	[AF_SNA] = "sna",
	[AF_IRDA] = "irda",
	[AF_PPPOX] = "pppox",
	[AF_WANPIPE] = "wanpipe",
	[AF_LLC] = "llc",
	[AF_IB] = "ib",
	[AF_MPLS] = "mpls",
	[AF_CAN] = "can",
	[AF_TIPC] = "tipc",
	[AF_BLUETOOTH] = "bluetooth",
	[AF_IUCV] = "iucv",
	[AF_RXRPC] = "rxrpc",
	[AF_ISDN] = "isdn",
	[AF_PHONET] = "phonet",
	[AF_IEEE802154] = "ieee802154",
	[AF_CAIF] = "caif",
	[AF_ALG] = "alg",
	[AF_NFC] = "nfc",
	[AF_VSOCK] = "vsock",
	[AF_KCM] = "kcm",
	[AF_QIPCRTR] = "qipcrtr",
	[AF_SMC] = "smc",
	[AF_XDP] = "xdp",
	[AF_MCTP] = "mctp",
};

/* A new family must get a name here. */
static_assert(ARRAY_SIZE(family_names) == AF_MAX);

/**
 * disablenetwork_family_name - Name of an address family
 *
 * @family: An address family.
 *
 * Return: Its name in lower case, as after AF_ in its constant, or
 * "unknown".
 */
const char *disablenetwork_family_name(const int family)
{
	if ((unsigned int)family >= ARRAY_SIZE(family_names) ||
	    !family_names[family])
		return "unknown";
	return family_names[family];
}

/* The same budget as pr_notice_ratelimited(), for both kinds of record. */
static DEFINE_RATELIMIT_STATE(denial_ratelimit, DEFAULT_RATELIMIT_INTERVAL,
			      DEFAULT_RATELIMIT_BURST);

static void audit_denial(const char *const op, const int family,
			 const struct disablenetwork_domain *const domain)
{
	struct audit_buffer *const ab =
		audit_log_start(audit_context(), GFP_ATOMIC,
				AUDIT_DISABLENETWORK_DENIED);

	/* NULL when audit's own filters or rate limit drop the record. */
	if (!ab)
		return;
	audit_log_format(ab, "op=%s family=%s domain=%llu pid=%d comm=", op,
			 disablenetwork_family_name(family),
			 domain ? domain->id : 0, task_tgid_nr(current));
	audit_log_untrustedstring(ab, current->comm);
	audit_log_end(ab);
}

/**
 * disablenetwork_deny - Count and record a denial for the current task
 *
 * @op: Name of the denied operation, a string literal.
 * @family: Address family of the socket, or AF_UNSPEC if there is none.
 *
 * Return: -EPERM, so that hooks can return the result directly.
 */
noinline int __cold disablenetwork_deny(const char *const op,
					const int family)
{
	struct disablenetwork_domain *const domain =
		disablenetwork_current_domain();

	char comm[TASK_COMM_LEN];

	strscpy(comm, current->comm, sizeof(comm));
	disablenetwork_domain_count_denial(domain, op, family, comm);
	/*
	 * Every denial is counted, but a restricted task can be denied at
	 * system call rate: the records are rate-limited, in audit too,
	 * where a flood would fill the disk or overflow the backlog.
	 */
	if (!__ratelimit(&denial_ratelimit))
		return -EPERM;
	if (audit_enabled)
		audit_denial(op, family, domain);
	else
		pr_notice("denied op=%s family=%s domain=%llu pid=%d comm=%*pE\n",
			  op, disablenetwork_family_name(family),
			  domain ? domain->id : 0, task_tgid_nr(current),
			  (int)strnlen(comm, sizeof(comm)), comm);
	return -EPERM;
}

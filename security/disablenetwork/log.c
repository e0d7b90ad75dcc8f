// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Denial records
 *
 * Audit is often compiled out where this module is used, so each denial
 * leaves one rate-limited kernel log line with key=value fields.  The
 * function is out of line and cold: it is never on the path of an
 * allowed operation.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/errno.h>
#include <linux/pid.h>
#include <linux/printk.h>
#include <linux/sched.h>

#include "common.h"
#include "log.h"

/**
 * disablenetwork_deny - Record a denial for the current task
 *
 * @op: Name of the denied operation.
 * @family: Address family of the socket, or AF_UNSPEC if there is none.
 *
 * Return: -EPERM, so that hooks can return the result directly.
 */
noinline int __cold disablenetwork_deny(const char *const op,
					const int family)
{
	pr_notice_ratelimited("denied op=%s family=%d pid=%d comm=%s\n", op,
			      family, task_pid_nr(current), current->comm);
	return -EPERM;
}

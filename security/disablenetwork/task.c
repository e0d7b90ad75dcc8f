// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Task hooks
 *
 * A restricted task must not borrow the network of an unrestricted one:
 * not by tracing it (ptrace, /proc/PID/mem, process_vm_writev,
 * pidfd_getfd), not by being traced by it the other way round, and not by
 * issuing io_uring requests under an unrestricted personality.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/socket.h>

#include "common.h"
#include "cred.h"
#include "log.h"
#include "setup.h"
#include "task.h"

static int hook_ptrace_access_check(struct task_struct *const child,
				    const unsigned int mode)
{
	/* Read access (ps, /proc/PID/stat) gives no control over @child. */
	if (!(mode & PTRACE_MODE_ATTACH))
		return 0;
	if (!disablenetwork_current_restricted())
		return 0;
	if (disablenetwork_task_restricted(child))
		return 0;
	if (mode & PTRACE_MODE_NOAUDIT)
		return -EPERM;
	return disablenetwork_deny("ptrace", AF_UNSPEC);
}

static int hook_ptrace_traceme(struct task_struct *const parent)
{
	if (disablenetwork_current_restricted())
		return 0;
	if (!disablenetwork_task_restricted(parent))
		return 0;
	return disablenetwork_deny("traceme", AF_UNSPEC);
}

#ifdef CONFIG_IO_URING
static int hook_uring_override_creds(const struct cred *const new)
{
	/*
	 * This refuses every use of an unrestricted personality by a
	 * restricted task, not only its network requests: the personality
	 * would lift the restriction for whatever the request does.
	 */
	if (!disablenetwork_current_restricted())
		return 0;
	if (disablenetwork_cred_restricted(new))
		return 0;
	return disablenetwork_deny("uring_creds", AF_UNSPEC);
}
#endif /* CONFIG_IO_URING */

static struct security_hook_list disablenetwork_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT_RUNTIME(ptrace_access_check, hook_ptrace_access_check),
	LSM_HOOK_INIT_RUNTIME(ptrace_traceme, hook_ptrace_traceme),
#ifdef CONFIG_IO_URING
	LSM_HOOK_INIT_RUNTIME(uring_override_creds, hook_uring_override_creds),
#endif /* CONFIG_IO_URING */
};

/**
 * disablenetwork_add_task_hooks - Register the ptrace and io_uring hooks
 */
__init void disablenetwork_add_task_hooks(void)
{
	security_add_hooks(disablenetwork_task_hooks,
			   ARRAY_SIZE(disablenetwork_task_hooks),
			   &disablenetwork_lsmid);
}

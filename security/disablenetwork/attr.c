// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - /proc/PID/attr/disablenetwork/
 *
 * Two read-only files show a task's restriction, one line each:
 *
 * - current: "unrestricted", or the mode and the domain's id, for example
 *   "strict 7";
 * - denials: "0", or the number of denials in the task's domain and the
 *   domains nested in it, then the first of them, for example
 *   "2 op=socket family=inet comm=curl".  comm comes last and runs to the
 *   end of the line; control characters in it are shown as '?'.
 *
 * proc_pid_attr_open() does not check that the reader may see the task,
 * so another task's files need ptrace read access to it, as
 * /proc/PID/environ does.
 *
 * The getprocattr hook is not told which directory the file is in.  Only
 * the files of this module's own directory reach it: security.c does not
 * offer it the shared /proc/PID/attr/current, which belongs to the module
 * that labels tasks (SELinux, Smack or AppArmor), or to none.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#include "attr.h"
#include "common.h"
#include "cred.h"
#include "domain.h"
#include "log.h"
#include "setup.h"

static const char *mode_name(const enum disablenetwork_mode mode)
{
	switch (mode) {
	case DISABLENETWORK_MODE_OFF:
		return "off";
	case DISABLENETWORK_MODE_STRICT:
		return "strict";
	default:
		return "unrestricted";
	}
}

static char *format_current(const struct disablenetwork_domain *const domain)
{
	if (!domain)
		return kstrdup("unrestricted\n", GFP_KERNEL);
	return kasprintf(GFP_KERNEL, "%s %llu\n", mode_name(domain->mode),
			 domain->id);
}

static char *format_denials(struct disablenetwork_domain *const domain)
{
	struct disablenetwork_denial first;
	u64 denials;

	if (!domain)
		return kstrdup("0\n", GFP_KERNEL);
	denials = disablenetwork_domain_read_denials(domain, &first);
	if (!denials)
		return kstrdup("0\n", GFP_KERNEL);
	return kasprintf(GFP_KERNEL, "%llu op=%s family=%s comm=%s\n", denials,
			 first.op, disablenetwork_family_name(first.family),
			 first.comm);
}

static int hook_getprocattr(struct task_struct *const task,
			    const char *const name, char **const value)
{
	struct disablenetwork_domain *domain;
	char *text;

	if (strcmp(name, "current") && strcmp(name, "denials"))
		return -EINVAL;
	if (task != current &&
	    !ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS))
		return -EACCES;

	domain = disablenetwork_task_get_domain(task);
	if (!strcmp(name, "current"))
		text = format_current(domain);
	else
		text = format_denials(domain);
	disablenetwork_domain_put(domain);
	if (!text)
		return -ENOMEM;
	*value = text;
	return strlen(text);
}

static struct security_hook_list disablenetwork_attr_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(getprocattr, hook_getprocattr),
};

/**
 * disablenetwork_add_attr_hooks - Register the /proc/PID/attr hook
 */
__init void disablenetwork_add_attr_hooks(void)
{
	security_add_hooks(disablenetwork_attr_hooks,
			   ARRAY_SIZE(disablenetwork_attr_hooks),
			   &disablenetwork_lsmid);
}

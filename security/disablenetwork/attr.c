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

/*
 * Always on, unlike the runtime hooks of activate.c: before the first
 * restriction, the files must still read "unrestricted".
 */
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

#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST

#include <kunit/test.h>
#include <linux/security.h>
#include <linux/socket.h>
#include <uapi/linux/lsm.h>

/* Reads a file of the module's own directory for the test's kthread. */
static int read_attr(struct kunit *const test, const char *const name,
		     char *const buf, const size_t size)
{
	char *value = NULL;
	int len = security_getprocattr(current, LSM_ID_DISABLENETWORK, name,
				       &value);

	if (len > 0) {
		strscpy(buf, value, min_t(size_t, size, len + 1));
		kfree(value);
	}
	return len;
}

static void test_attr_files(struct kunit *const test)
{
	struct disablenetwork_domain *domain;
	char buf[64], want[64];
	struct cred *cred;
	int err;

	KUNIT_EXPECT_EQ(test, 13, read_attr(test, "current", buf,
					    sizeof(buf)));
	KUNIT_EXPECT_STREQ(test, "unrestricted\n", buf);
	KUNIT_EXPECT_EQ(test, 2, read_attr(test, "denials", buf, sizeof(buf)));
	KUNIT_EXPECT_STREQ(test, "0\n", buf);
	KUNIT_EXPECT_EQ(test, -EINVAL, read_attr(test, "exec", buf,
						 sizeof(buf)));

	/* The test's own kthread moves to a new domain, for real. */
	cred = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, cred);
	err = disablenetwork_test_set_mode(cred, DISABLENETWORK_MODE_STRICT);
	KUNIT_ASSERT_EQ(test, 0, err);
	domain = disablenetwork_cred_domain(cred);
	commit_creds(cred);
	snprintf(want, sizeof(want), "strict %llu\n", domain->id);
	KUNIT_EXPECT_LT(test, 0, read_attr(test, "current", buf, sizeof(buf)));
	KUNIT_EXPECT_STREQ(test, want, buf);

	disablenetwork_domain_count_denial(domain, "bind", AF_INET6, "x y");
	KUNIT_EXPECT_LT(test, 0, read_attr(test, "denials", buf, sizeof(buf)));
	KUNIT_EXPECT_STREQ(test, "1 op=bind family=inet6 comm=x y\n", buf);
}

/* The shared /proc/PID/attr/current is never this module's. */
static void test_shared_files(struct kunit *const test)
{
	static const char *const names[] = {
		"current", "prev", "exec", "fscreate", "keycreate",
		"sockcreate",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		char *value = NULL;
		const int len = security_getprocattr(current, 0, names[i],
						     &value);

		/* Another module's answer, or none. */
		if (len > 0) {
			KUNIT_EXPECT_NULL(test, strstr(value, "unrestricted"));
			KUNIT_EXPECT_NE(test, 0, strncmp(value, "off ", 4));
			KUNIT_EXPECT_NE(test, 0, strncmp(value, "strict ", 7));
		}
		kfree(value);
	}
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_attr_files),
	KUNIT_CASE(test_shared_files),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "disablenetwork_attr",
	.init = disablenetwork_kunit_init,
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

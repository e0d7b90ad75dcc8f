// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - prctl interface
 *
 * PR_SET_NETWORK creates a new restriction domain, nested in the caller's
 * current one, and moves the calling thread into it for good, with
 * everything it creates afterwards; with PR_NETWORK_ALL_THREADS, every
 * other thread of the process too.  PR_GET_NETWORK reports the mode.
 * Like seccomp and Landlock, the call is gated on no_new_privs (or
 * CAP_SYS_ADMIN in the caller's user namespace), so that a restricted
 * task can never confuse a more privileged program it executes.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/lsm_hooks.h>
#include <linux/prctl.h>
#include <linux/sched.h>

#include "common.h"
#include "cred.h"
#include "domain.h"
#include "prctl.h"
#include "setup.h"
#include "task.h"
#include "tsync.h"

static int restrict_self(const enum disablenetwork_mode mode,
			 const unsigned long flags)
{
	struct disablenetwork_domain *domain;
	struct cred *new;
	int err;

	/*
	 * Same gate as seccomp filters and Landlock: without no_new_privs, a
	 * restricted task could execute a set-user-ID program that does not
	 * expect to lose the network, and confuse it.
	 */
	if (!task_no_new_privs(current) &&
	    !ns_capable_noaudit(current_user_ns(), CAP_SYS_ADMIN))
		return -EPERM;

	/* A tracee held from before would keep its tracer's old reach. */
	if (disablenetwork_current_traces())
		return -EBUSY;

	/* Nested in the current domain, and at least as strict. */
	domain = disablenetwork_domain_create(disablenetwork_current_domain(),
					      mode);
	if (IS_ERR(domain))
		return PTR_ERR(domain);

	new = prepare_creds();
	if (!new) {
		disablenetwork_domain_put(domain);
		return -ENOMEM;
	}
	/* The first time since boot, this turns the hooks on: activate.c. */
	disablenetwork_cred_set_domain(new, domain);

	if (flags & PR_NETWORK_ALL_THREADS) {
		err = disablenetwork_restrict_siblings(current_cred(), new,
						       mode);
		if (err) {
			abort_creds(new);
			return err;
		}
	}
	return commit_creds(new);
}

/**
 * hook_task_prctl - Handle the disablenetwork prctl options
 *
 * @option: prctl option.
 * @arg2: PR_SET_NETWORK: the mode; PR_GET_NETWORK: 0.
 * @arg3: PR_SET_NETWORK: 0 or PR_NETWORK_ALL_THREADS; PR_GET_NETWORK: 0.
 * @arg4: Must be 0.
 * @arg5: Must be 0.
 *
 * Return: For PR_SET_NETWORK, 0, or -EINVAL for invalid arguments, -EPERM
 * if the caller may not restrict itself, -EBUSY while a thread of
 * the caller's process traces a task, -E2BIG if its domain (or, with
 * PR_NETWORK_ALL_THREADS, a sibling's) is nested too deep, -ENOMEM.  For
 * PR_GET_NETWORK, the caller's mode: 0, PR_NETWORK_OFF or
 * PR_NETWORK_STRICT.  -ENOSYS for every option this module does not own,
 * so that other modules and prctl(2) still see them.
 */
static int hook_task_prctl(const int option, const unsigned long arg2,
			   const unsigned long arg3, const unsigned long arg4,
			   const unsigned long arg5)
{
	switch (option) {
	case PR_SET_NETWORK:
		if (arg2 != PR_NETWORK_OFF && arg2 != PR_NETWORK_STRICT)
			return -EINVAL;
		if ((arg3 & ~PR_NETWORK_ALL_THREADS) || arg4 || arg5)
			return -EINVAL;
		return restrict_self(arg2, arg3);
	case PR_GET_NETWORK:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return disablenetwork_current_mode();
	default:
		return -ENOSYS;
	}
}

static struct security_hook_list disablenetwork_prctl_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_prctl, hook_task_prctl),
};

/**
 * disablenetwork_add_prctl_hooks - Register the prctl hook
 */
__init void disablenetwork_add_prctl_hooks(void)
{
	security_add_hooks(disablenetwork_prctl_hooks,
			   ARRAY_SIZE(disablenetwork_prctl_hooks),
			   &disablenetwork_lsmid);
}

#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/limits.h>

static void test_foreign_options(struct kunit *const test)
{
	const int options[] = {
		0, PR_SET_PTRACER, PR_SET_NO_NEW_PRIVS, PR_SET_NETWORK + 1,
		PR_GET_NETWORK - 1, PR_SET_NETWORK | BIT(31), -1, INT_MIN,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(options); i++)
		KUNIT_EXPECT_EQ_MSG(test, -ENOSYS,
				    hook_task_prctl(options[i], PR_NETWORK_OFF,
						    0, 0, 0),
				    "option %#x", options[i]);
}

/* The arguments of PR_SET_NETWORK and PR_GET_NETWORK, and the results. */
struct args_case {
	const char *desc;
	int option;
	unsigned long arg2, arg3, arg4, arg5;
	int result;
	enum disablenetwork_mode mode;
};

static const struct args_case args_cases[] = {
	{ "get", PR_GET_NETWORK, 0, 0, 0, 0, 0, DISABLENETWORK_MODE_NONE },
	{ "get arg2", PR_GET_NETWORK, 1, 0, 0, 0, -EINVAL },
	{ "get arg3", PR_GET_NETWORK, 0, 1, 0, 0, -EINVAL },
	{ "get arg4", PR_GET_NETWORK, 0, 0, 1, 0, -EINVAL },
	{ "get arg5", PR_GET_NETWORK, 0, 0, 0, 1, -EINVAL },
	{ "set off", PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0, 0,
	  DISABLENETWORK_MODE_OFF },
	{ "set strict", PR_SET_NETWORK, PR_NETWORK_STRICT, 0, 0, 0, 0,
	  DISABLENETWORK_MODE_STRICT },
	{ "set off, all threads", PR_SET_NETWORK, PR_NETWORK_OFF,
	  PR_NETWORK_ALL_THREADS, 0, 0, 0, DISABLENETWORK_MODE_OFF },
	{ "set strict, all threads", PR_SET_NETWORK, PR_NETWORK_STRICT,
	  PR_NETWORK_ALL_THREADS, 0, 0, 0, DISABLENETWORK_MODE_STRICT },
	{ "set mode 0", PR_SET_NETWORK, 0, 0, 0, 0, -EINVAL },
	{ "set mode 3", PR_SET_NETWORK, 3, 0, 0, 0, -EINVAL },
	{ "set mode off|4", PR_SET_NETWORK, PR_NETWORK_OFF | 4, 0, 0, 0,
	  -EINVAL },
	{ "set mode -1", PR_SET_NETWORK, ULONG_MAX, 0, 0, 0, -EINVAL },
	{ "set flag 2", PR_SET_NETWORK, PR_NETWORK_OFF, 2, 0, 0, -EINVAL },
	{ "set flags all|2", PR_SET_NETWORK, PR_NETWORK_OFF,
	  PR_NETWORK_ALL_THREADS | 2, 0, 0, -EINVAL },
	{ "set flags -1", PR_SET_NETWORK, PR_NETWORK_STRICT, ULONG_MAX, 0, 0,
	  -EINVAL },
	{ "set arg4", PR_SET_NETWORK, PR_NETWORK_OFF, 0, 1, 0, -EINVAL },
	{ "set arg5", PR_SET_NETWORK, PR_NETWORK_STRICT, 0, 0, 1, -EINVAL },
};

KUNIT_ARRAY_PARAM_DESC(args, args_cases, desc);

/*
 * Each KUnit case runs in a kthread of its own, which these tests
 * restrict for real.  A kthread holds CAP_SYS_ADMIN, so the gate lets it
 * through, and it has no sibling threads.
 */
static void test_arguments(struct kunit *const test)
{
	const struct args_case *const c = test->param_value;
	struct disablenetwork_domain *const before =
		disablenetwork_current_domain();

	KUNIT_ASSERT_NULL(test, before);
	KUNIT_EXPECT_EQ(test, c->result,
			hook_task_prctl(c->option, c->arg2, c->arg3, c->arg4,
					c->arg5));
	if (c->result) {
		/* A rejected call leaves the caller as it was. */
		KUNIT_EXPECT_PTR_EQ(test, before,
				    disablenetwork_current_domain());
		return;
	}
	KUNIT_EXPECT_EQ(test, c->mode, disablenetwork_current_mode());
	KUNIT_EXPECT_EQ(test, (int)c->mode,
			hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
}

static void test_bad_argument_bits(struct kunit *const test)
{
	unsigned int bit;

	for (bit = 0; bit < BITS_PER_LONG; bit++) {
		const unsigned long v = BIT(bit);

		if (v != PR_NETWORK_OFF && v != PR_NETWORK_STRICT)
			KUNIT_EXPECT_EQ(test, -EINVAL,
					hook_task_prctl(PR_SET_NETWORK, v, 0,
							0, 0));
		if (v != PR_NETWORK_ALL_THREADS)
			KUNIT_EXPECT_EQ(test, -EINVAL,
					hook_task_prctl(PR_SET_NETWORK,
							PR_NETWORK_OFF, v, 0,
							0));
		KUNIT_EXPECT_EQ(test, -EINVAL,
				hook_task_prctl(PR_SET_NETWORK,
						PR_NETWORK_STRICT, 0, v, 0));
		KUNIT_EXPECT_EQ(test, -EINVAL,
				hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF,
						0, 0, v));
		KUNIT_EXPECT_EQ(test, -EINVAL,
				hook_task_prctl(PR_GET_NETWORK, v, 0, 0, 0));
		KUNIT_EXPECT_EQ(test, -EINVAL,
				hook_task_prctl(PR_GET_NETWORK, 0, v, 0, 0));
		KUNIT_EXPECT_EQ(test, -EINVAL,
				hook_task_prctl(PR_GET_NETWORK, 0, 0, v, 0));
		KUNIT_EXPECT_EQ(test, -EINVAL,
				hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, v));
	}
	/* None of the rejected calls restricted the caller. */
	KUNIT_EXPECT_EQ(test, 0, hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
	KUNIT_EXPECT_NULL(test, disablenetwork_current_domain());
}

static void test_nesting(struct kunit *const test)
{
	struct disablenetwork_domain *first, *second, *third;

	KUNIT_ASSERT_EQ(test, 0,
			hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0,
					0));
	first = disablenetwork_current_domain();
	KUNIT_ASSERT_NOT_NULL(test, first);
	KUNIT_EXPECT_NULL(test, first->parent);

	/* Each call nests a new domain, even with the same mode. */
	KUNIT_ASSERT_EQ(test, 0,
			hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_STRICT, 0,
					0, 0));
	second = disablenetwork_current_domain();
	KUNIT_EXPECT_PTR_EQ(test, first, second->parent);
	KUNIT_EXPECT_EQ(test, PR_NETWORK_STRICT,
			hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));

	/* OFF inside STRICT succeeds and keeps STRICT. */
	KUNIT_ASSERT_EQ(test, 0,
			hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0,
					0));
	third = disablenetwork_current_domain();
	KUNIT_EXPECT_PTR_EQ(test, second, third->parent);
	KUNIT_EXPECT_EQ(test, PR_NETWORK_STRICT,
			hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
	KUNIT_EXPECT_EQ(test, 3, third->depth);

	/* No argument turns the network back on. */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			hook_task_prctl(PR_SET_NETWORK, 0, 0, 0, 0));
	KUNIT_EXPECT_PTR_EQ(test, third, disablenetwork_current_domain());
}

static void test_depth_limit(struct kunit *const test)
{
	struct disablenetwork_domain *deepest;
	unsigned int depth;

	for (depth = 1; depth <= DISABLENETWORK_MAX_DEPTH; depth++)
		KUNIT_ASSERT_EQ(test, 0,
				hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF,
						0, 0, 0));
	deepest = disablenetwork_current_domain();
	KUNIT_EXPECT_EQ(test, DISABLENETWORK_MAX_DEPTH, deepest->depth);
	KUNIT_EXPECT_EQ(test, -E2BIG,
			hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_STRICT, 0,
					0, 0));
	KUNIT_EXPECT_EQ(test, -E2BIG,
			hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF,
					PR_NETWORK_ALL_THREADS, 0, 0));
	/* The caller is left as it was. */
	KUNIT_EXPECT_PTR_EQ(test, deepest, disablenetwork_current_domain());
	KUNIT_EXPECT_EQ(test, PR_NETWORK_OFF,
			hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_foreign_options),
	KUNIT_CASE_PARAM(test_arguments, args_gen_params),
	KUNIT_CASE(test_bad_argument_bits),
	KUNIT_CASE(test_nesting),
	KUNIT_CASE(test_depth_limit),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "disablenetwork_prctl",
	.init = disablenetwork_kunit_init,
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

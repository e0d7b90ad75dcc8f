// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - prctl interface
 *
 * PR_SET_NETWORK with PR_NETWORK_OFF restricts the calling thread, and
 * everything it creates afterwards, for good.  PR_GET_NETWORK reports the
 * state.  Like seccomp and Landlock, the call is gated on no_new_privs (or
 * CAP_SYS_ADMIN in the caller's user namespace), so that a restricted task
 * can never confuse a more privileged program it executes.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/lsm_hooks.h>
#include <linux/prctl.h>
#include <linux/sched.h>

#include "activate.h"
#include "common.h"
#include "cred.h"
#include "prctl.h"
#include "setup.h"
#include "task.h"

static int restrict_current(void)
{
	struct cred *new;

	/* One-way and idempotent: there is nothing left to do. */
	if (disablenetwork_current_restricted())
		return 0;

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

	/* Before the first restricted cred can exist: see activate.c. */
	disablenetwork_activate();

	new = prepare_creds();
	if (!new)
		return -ENOMEM;

	disablenetwork_cred(new)->restricted = true;
	return commit_creds(new);
}

/**
 * hook_task_prctl - Handle the disablenetwork prctl options
 *
 * @option: prctl option.
 * @arg2: First argument.
 * @arg3: Second argument, must be 0.
 * @arg4: Third argument, must be 0.
 * @arg5: Fourth argument, must be 0.
 *
 * Return: 0 or PR_NETWORK_OFF on success, -EINVAL for invalid arguments,
 * -EPERM if the caller may not restrict itself, -EBUSY while a thread of
 * the caller's process traces a task, and -ENOSYS for every
 * option this module does not own, so that other modules and prctl(2)
 * still see them.
 */
static int hook_task_prctl(const int option, const unsigned long arg2,
			   const unsigned long arg3, const unsigned long arg4,
			   const unsigned long arg5)
{
	switch (option) {
	case PR_SET_NETWORK:
		if (arg2 != PR_NETWORK_OFF || arg3 || arg4 || arg5)
			return -EINVAL;
		return restrict_current();
	case PR_GET_NETWORK:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return disablenetwork_current_restricted() ? PR_NETWORK_OFF : 0;
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

static int test_init(struct kunit *const test)
{
	/* Without the module, there is no room for it in the cred blob. */
	if (!disablenetwork_enabled)
		kunit_skip(test, "disablenetwork is not enabled (lsm=)");
	return 0;
}

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

static void test_bad_arguments(struct kunit *const test)
{
	unsigned int bit;

	/* Values that are not PR_NETWORK_OFF, and stray bits elsewhere. */
	KUNIT_EXPECT_EQ(test, -EINVAL, hook_task_prctl(PR_SET_NETWORK, 0, 0,
						       0, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			hook_task_prctl(PR_SET_NETWORK, ULONG_MAX, 0, 0, 0));
	for (bit = 0; bit < BITS_PER_LONG; bit++) {
		const unsigned long v = BIT(bit);

		if (v != PR_NETWORK_OFF)
			KUNIT_EXPECT_EQ(test, -EINVAL,
					hook_task_prctl(PR_SET_NETWORK, v, 0,
							0, 0));
		if ((PR_NETWORK_OFF | v) != PR_NETWORK_OFF)
			KUNIT_EXPECT_EQ(test, -EINVAL,
					hook_task_prctl(PR_SET_NETWORK,
							PR_NETWORK_OFF | v, 0,
							0, 0));
		KUNIT_EXPECT_EQ(test, -EINVAL,
				hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF,
						v, 0, 0));
		KUNIT_EXPECT_EQ(test, -EINVAL,
				hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF,
						0, v, 0));
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
}

/*
 * Each KUnit case runs in a kthread of its own, which this test restricts
 * for real.  A kthread holds CAP_SYS_ADMIN, so the gate lets it through.
 */
static void test_set_get(struct kunit *const test)
{
	KUNIT_ASSERT_EQ(test, 0, hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
	KUNIT_EXPECT_EQ(test, 0,
			hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0,
					0));
	KUNIT_EXPECT_EQ(test, PR_NETWORK_OFF,
			hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
	KUNIT_EXPECT_TRUE(test, disablenetwork_current_restricted());

	/* Idempotent, and no argument turns the network back on. */
	KUNIT_EXPECT_EQ(test, 0,
			hook_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0,
					0));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			hook_task_prctl(PR_SET_NETWORK, 0, 0, 0, 0));
	KUNIT_EXPECT_EQ(test, PR_NETWORK_OFF,
			hook_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_foreign_options),
	KUNIT_CASE(test_bad_arguments),
	KUNIT_CASE(test_set_get),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "disablenetwork_prctl",
	.init = test_init,
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

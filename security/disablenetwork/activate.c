// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Activation of the hooks
 *
 * Until some task restricts itself, no credentials are restricted and
 * every hook of this module but task_prctl would return 0 without a side
 * effect.  So those hooks are registered inactive, with
 * LSM_HOOK_INIT_RUNTIME(), and a kernel that enables the module costs
 * nothing on any path but prctl(2) until then.  The first PR_SET_NETWORK
 * that passes its checks turns them on, for good, before it prepares the
 * restricted credentials.  A cred made earlier has a zeroed blob, which
 * is what an unrestricted cred holds anyway, so the first cred that needs
 * the credential hooks (to be copied, transferred or freed) is created
 * with them on.
 *
 * KUnit tests call the hooks directly and need none of this, except a
 * test that makes a restricted cred by hand: it must activate the hooks
 * first, so that the cred hooks see every cred made from it.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/lsm_hooks.h>
#include <linux/mutex.h>
#include <linux/printk.h>

#include "activate.h"
#include "common.h"
#include "setup.h"

static DEFINE_MUTEX(activation_lock);
static bool active;

/**
 * disablenetwork_activate - Turn the module's hooks on, for good
 *
 * Only the first call does any work; later ones test a flag.  A call made
 * while another task is activating waits for it, so every call returns
 * with every hook live on every CPU.
 *
 * Context: Process context; may sleep.
 */
void disablenetwork_activate(void)
{
	/* Pairs with the release below: true means every hook is live. */
	if (smp_load_acquire(&active))
		return;
	mutex_lock(&activation_lock);
	if (!active) {
		security_activate_runtime_hooks(&disablenetwork_lsmid);
		/* Pairs with the acquire above. */
		smp_store_release(&active, true);
		pr_info("First restriction: hooks active.\n");
	}
	mutex_unlock(&activation_lock);
}

#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST

#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/net.h>
#include <linux/prctl.h>
#include <linux/security.h>
#include <linux/socket.h>

static int test_init(struct kunit *const test)
{
	if (!disablenetwork_enabled)
		kunit_skip(test, "disablenetwork is not enabled (lsm=)");
	return 0;
}

/*
 * Through the framework's entry points, as a task reaches the hooks: after
 * the first restriction, socket_create and cred_prepare are called.  Each
 * KUnit case runs in a kthread of its own, which this test restricts for
 * real; a kthread holds CAP_SYS_ADMIN, so the gate lets it through.
 */
static void test_first_restriction(struct kunit *const test)
{
	const bool was_active = READ_ONCE(active);
	const struct cred *old;
	struct cred *cred;

	kunit_info(test, "hooks were %s before this test\n",
		   was_active ? "already active" : "inactive");
	KUNIT_ASSERT_EQ(test, 0,
			security_socket_create(AF_INET, SOCK_DGRAM, 0, 0));
	KUNIT_ASSERT_EQ(test, 0,
			security_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0,
					    0, 0));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(active));

	/* socket_create is reached: its static call is live. */
	KUNIT_EXPECT_EQ(test, -EPERM,
			security_socket_create(AF_INET, SOCK_DGRAM, 0, 0));

	/* cred_prepare is reached: a new cred keeps the restriction. */
	cred = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, cred);
	old = override_creds(cred);
	KUNIT_EXPECT_EQ(test, PR_NETWORK_OFF,
			security_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
	revert_creds(old);
	put_cred(cred);

	/* Activating again changes nothing. */
	disablenetwork_activate();
	KUNIT_EXPECT_EQ(test, -EPERM,
			security_socket_create(AF_INET, SOCK_DGRAM, 0, 0));
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_first_restriction),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "disablenetwork_activate",
	.init = test_init,
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

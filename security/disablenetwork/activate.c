// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Activation of the hooks
 *
 * Until some task restricts itself, no credentials point to a domain and
 * every hook of this module but task_prctl and getprocattr would return 0
 * without a side effect.  So those hooks are registered inactive, with
 * LSM_HOOK_INIT_RUNTIME(), and a kernel that enables the module costs
 * nothing on any path but prctl(2) until then.  They are turned on, for
 * good, the first time a credential is given a domain: in
 * disablenetwork_cred_set_domain(), the one place that does it, which the
 * first PR_SET_NETWORK that passes its gate reaches before it commits.
 *
 * The credential hooks are the ones that need care, because they keep a
 * reference count right:
 *
 * - A cred made before activation has a zeroed blob: a NULL domain, which
 *   is what an unrestricted cred holds anyway, and what cred_free accepts
 *   from a cred whose cred_prepare never ran.  Such a cred may be copied,
 *   transferred or freed after activation: it takes and drops nothing.
 * - The keys are turned on one at a time, while other CPUs prepare and
 *   free creds.  No cred holds a domain until the walk has finished, so a
 *   hook that runs in the meantime sees only NULL domains and answers as
 *   an absent hook would.  security_activate_runtime_hooks() returns when
 *   every key is live on every CPU, so the first cred that holds a
 *   domain, and every cred made from it, is prepared, transferred and
 *   freed with all three hooks on: each reference is dropped once.
 * - With PR_NETWORK_ALL_THREADS, the siblings give their new credentials
 *   a domain after the caller has given its own one.
 * - Concurrent first calls: one activates under the mutex, the others
 *   wait for it, so none of them gives a cred a domain before the hooks
 *   are on.
 *
 * KUnit tests call the hooks directly and need none of this; a test that
 * restricts a cred by hand goes through disablenetwork_cred_set_domain()
 * too, and so activates first.
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

#include "cred.h"
#include "domain.h"

/*
 * Through the framework's entry points, as a task reaches the hooks: after
 * the first restriction, socket_create and cred_prepare are called.  Each
 * KUnit case runs in a kthread of its own, which this test restricts for
 * real; a kthread holds CAP_SYS_ADMIN, so the gate lets it through.
 */
static void test_first_restriction(struct kunit *const test)
{
	const bool was_active = READ_ONCE(active);
	struct cred *const early = prepare_creds();
	struct disablenetwork_domain *domain;
	const struct cred *old;
	struct cred *cred;

	kunit_info(test, "hooks were %s before this test\n",
		   was_active ? "already active" : "inactive");
	KUNIT_ASSERT_NOT_NULL(test, early);
	KUNIT_ASSERT_EQ(test, 0,
			security_socket_create(AF_INET, SOCK_DGRAM, 0, 0));
	KUNIT_ASSERT_EQ(test, 0,
			security_task_prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0,
					    0, 0));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(active));

	/* socket_create is reached: its static call is live. */
	KUNIT_EXPECT_EQ(test, -EPERM,
			security_socket_create(AF_INET, SOCK_DGRAM, 0, 0));

	/*
	 * cred_prepare is reached: a new cred keeps the restriction, and
	 * holds a reference to the domain besides the kthread's own cred.
	 */
	domain = disablenetwork_current_domain();
	KUNIT_ASSERT_NOT_NULL(test, domain);
	KUNIT_EXPECT_EQ(test, 1, refcount_read(&domain->usage));
	cred = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, cred);
	KUNIT_EXPECT_PTR_EQ(test, domain, disablenetwork_cred_domain(cred));
	KUNIT_EXPECT_EQ(test, 2, refcount_read(&domain->usage));
	old = override_creds(cred);
	KUNIT_EXPECT_EQ(test, PR_NETWORK_OFF,
			security_task_prctl(PR_GET_NETWORK, 0, 0, 0, 0));
	revert_creds(old);
	put_cred(cred);

	/*
	 * A cred prepared before the restriction (before the activation,
	 * unless another test came first) holds no domain, and cred_free
	 * takes it as it is.
	 */
	KUNIT_EXPECT_NULL(test, disablenetwork_cred_domain(early));
	put_cred(early);

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
	.init = disablenetwork_kunit_init,
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

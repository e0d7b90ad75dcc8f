// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Task hooks
 *
 * A restricted task must not borrow the network of an unrestricted one:
 * not by tracing it (ptrace, /proc/PID/mem, process_vm_writev,
 * pidfd_getfd), nor a restricted thread whose thread group still has an
 * unrestricted one, not by being traced by it the other way round, and not
 * by issuing io_uring requests under an unrestricted personality.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/socket.h>

#include "common.h"
#include "cred.h"
#include "log.h"
#include "setup.h"
#include "task.h"

/*
 * Threads share their address space, so controlling one thread controls
 * them all: a task counts as restricted towards a restricted tracer only if
 * every thread of its thread group is restricted.  io_uring workers and
 * the SQPOLL thread are threads of the group too, with the credentials
 * they were created with.  The walk is under RCU; ptrace is rare enough
 * for its cost.  A restriction is never lifted, and a thread created
 * during the walk has the credentials of a thread of the group.
 */
static bool group_restricted(struct task_struct *const task)
{
	struct task_struct *thread;
	bool restricted = true;

	rcu_read_lock();
	for_each_thread(task, thread) {
		if (!disablenetwork_cred_restricted(__task_cred(thread))) {
			restricted = false;
			break;
		}
	}
	rcu_read_unlock();
	return restricted;
}

static int hook_ptrace_access_check(struct task_struct *const child,
				    const unsigned int mode)
{
	/* Read access (ps, /proc/PID/stat) gives no control over @child. */
	if (!(mode & PTRACE_MODE_ATTACH))
		return 0;
	if (!disablenetwork_current_restricted())
		return 0;
	if (group_restricted(child))
		return 0;
	if (mode & PTRACE_MODE_NOAUDIT)
		return -EPERM;
	return disablenetwork_deny("ptrace", AF_UNSPEC);
}

static int hook_ptrace_traceme(struct task_struct *const parent)
{
	if (!disablenetwork_task_restricted(parent))
		return 0;
	if (group_restricted(current))
		return 0;
	return disablenetwork_deny("traceme", AF_UNSPEC);
}

/**
 * disablenetwork_current_traces - Whether the caller's process traces a task
 *
 * An attachment made before the restriction survives it: ptrace requests
 * on a task already traced call no LSM hook, and PTRACE_O_TRACEFORK and
 * its siblings attach the tracee's children without one.  So a process
 * may not restrict itself while any of its threads traces a task (the
 * threads share one address space, so any of them could act for the
 * caller).  Afterwards, nothing can make the caller a tracer of an
 * unrestricted task again: new attaches are checked, and the children of
 * restricted tracees are restricted.
 *
 * Return: true if a thread of current's thread group has a tracee.
 */
bool disablenetwork_current_traces(void)
{
	struct task_struct *thread;
	bool traces = false;

	read_lock(&tasklist_lock);
	for_each_thread(current, thread) {
		if (!list_empty(&thread->ptraced)) {
			traces = true;
			break;
		}
	}
	read_unlock(&tasklist_lock);
	return traces;
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

#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST

#include <kunit/test.h>

#include "activate.h"

static int test_init(struct kunit *const test)
{
	/* Without the module, there is no room for it in the cred blob. */
	if (!disablenetwork_enabled)
		kunit_skip(test, "disablenetwork is not enabled (lsm=)");
	return 0;
}

/*
 * The test's own kthread, alone in its thread group, as the target of a
 * restricted tracer: refused while its credentials are unrestricted,
 * allowed once they are.  The tracer side is an overridden (subjective)
 * credential; group_restricted() reads the target's objective ones.
 */
static void test_group_restricted(struct kunit *const test)
{
	struct cred *cred;
	const struct cred *old;

	/* Restricted creds made by hand need the hooks on: see activate.c. */
	disablenetwork_activate();
	cred = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, cred);
	disablenetwork_cred(cred)->restricted = true;
	KUNIT_EXPECT_FALSE(test, group_restricted(current));
	old = override_creds(cred);
	KUNIT_EXPECT_EQ(test, -EPERM,
			hook_ptrace_access_check(current,
						 PTRACE_MODE_ATTACH_REALCREDS));
	KUNIT_EXPECT_EQ(test, 0,
			hook_ptrace_access_check(current,
						 PTRACE_MODE_READ_REALCREDS));
	revert_creds(old);
	put_cred(cred);

	/* Restrict the kthread for real: now as restricted as the tracer. */
	cred = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, cred);
	disablenetwork_cred(cred)->restricted = true;
	commit_creds(cred);
	KUNIT_EXPECT_TRUE(test, group_restricted(current));
	KUNIT_EXPECT_EQ(test, 0,
			hook_ptrace_access_check(current,
						 PTRACE_MODE_ATTACH_REALCREDS));
	KUNIT_EXPECT_EQ(test, 0, hook_ptrace_traceme(current));
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_group_restricted),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "disablenetwork_task",
	.init = test_init,
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

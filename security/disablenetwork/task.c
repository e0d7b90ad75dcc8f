// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Task hooks
 *
 * A restricted task must not borrow the network of a task outside its
 * domain (unrestricted, or in an enclosing or unrelated domain): not by
 * tracing it (ptrace, /proc/PID/mem, process_vm_writev, pidfd_getfd), nor
 * a thread whose thread group has a thread outside the domain, not by
 * being traced by it the other way round, and not by issuing io_uring
 * requests under such a task's personality.  In strict mode, read access
 * to tasks outside the domain is refused too: it would reopen their pipes
 * and sockets through /proc/PID/fd.
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
#include "domain.h"
#include "log.h"
#include "setup.h"
#include "task.h"

/*
 * Threads share their address space, so controlling one thread controls
 * them all: a task is within @domain's reach only if every thread of its
 * thread group is in @domain or in a domain nested in it.  io_uring
 * workers and the SQPOLL thread are threads of the group too, with the
 * credentials they were created with.  The walk is under RCU, which also
 * keeps each thread's credentials, and so their domains, alive; ptrace is
 * rare enough for its cost.  A domain is never left for an enclosing one,
 * and a thread created during the walk has the credentials of a thread of
 * the group.
 */
static bool group_in_domain(struct task_struct *const task,
			    const struct disablenetwork_domain *const domain)
{
	struct task_struct *thread;
	bool in_domain = true;

	rcu_read_lock();
	for_each_thread(task, thread) {
		const struct disablenetwork_domain *const other =
			disablenetwork_cred_domain(__task_cred(thread));

		if (!disablenetwork_domain_scopes(domain, other)) {
			in_domain = false;
			break;
		}
	}
	rcu_read_unlock();
	return in_domain;
}

static int hook_ptrace_access_check(struct task_struct *const child,
				    const unsigned int mode)
{
	const struct disablenetwork_domain *const domain =
		disablenetwork_current_domain();

	if (!domain)
		return 0;
	/*
	 * Read access (ps, /proc/PID/stat) gives no control over @child, but
	 * reopens what it holds through /proc/PID/fd: strict mode only.
	 */
	if (!(mode & PTRACE_MODE_ATTACH) &&
	    domain->mode < DISABLENETWORK_MODE_STRICT)
		return 0;
	if (group_in_domain(child, domain))
		return 0;
	/* Checks that only hide fields are neither logged nor counted. */
	if (mode & PTRACE_MODE_NOAUDIT)
		return -EPERM;
	return disablenetwork_deny("ptrace", AF_UNSPEC);
}

/* @parent would trace the caller: the same rule, from @parent's side. */
static int hook_ptrace_traceme(struct task_struct *const parent)
{
	struct disablenetwork_domain *const domain =
		disablenetwork_task_get_domain(parent);
	int ret = 0;

	if (domain && !group_in_domain(current, domain))
		ret = disablenetwork_deny("traceme", AF_UNSPEC);
	disablenetwork_domain_put(domain);
	return ret;
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
	const struct disablenetwork_domain *const domain =
		disablenetwork_current_domain();

	/*
	 * This refuses every use, by a restricted task, of a personality
	 * outside its domain, not only for network requests: the personality
	 * would lift or loosen the restriction for whatever the request
	 * does.
	 */
	if (!domain)
		return 0;
	if (disablenetwork_domain_scopes(domain,
					 disablenetwork_cred_domain(new)))
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
#include <linux/err.h>

/*
 * The ptrace decision, with the test's own kthread on both sides: its
 * objective credentials (what a tracer sees, committed for real) put it
 * in domain T, and overridden subjective credentials make it the tracer,
 * in a domain placed around T.
 */
enum tracer_domain {
	TRACER_NONE,		/* unrestricted */
	TRACER_SAME,		/* T itself */
	TRACER_PARENT,		/* the domain T is nested in */
	TRACER_CHILD,		/* a domain nested in T */
	TRACER_UNRELATED,	/* another top-level domain */
};

struct ptrace_case {
	const char *desc;
	enum tracer_domain tracer;
	enum disablenetwork_mode mode;
	unsigned int access;
	int result;
};

#define MODE_READ PTRACE_MODE_READ_FSCREDS
#define MODE_READ_NOAUDIT (PTRACE_MODE_READ_FSCREDS | PTRACE_MODE_NOAUDIT)
#define MODE_ATTACH PTRACE_MODE_ATTACH_REALCREDS

static const struct ptrace_case ptrace_cases[] = {
	{ "unrestricted, attach", TRACER_NONE, 0, MODE_ATTACH, 0 },
	{ "same, attach", TRACER_SAME, DISABLENETWORK_MODE_OFF,
	  MODE_ATTACH, 0 },
	{ "same, strict read", TRACER_SAME, DISABLENETWORK_MODE_STRICT,
	  MODE_READ, 0 },
	{ "parent, attach", TRACER_PARENT, DISABLENETWORK_MODE_OFF,
	  MODE_ATTACH, 0 },
	{ "parent, strict read", TRACER_PARENT, DISABLENETWORK_MODE_STRICT,
	  MODE_READ, 0 },
	{ "child, read", TRACER_CHILD, DISABLENETWORK_MODE_OFF,
	  MODE_READ, 0 },
	{ "child, attach", TRACER_CHILD, DISABLENETWORK_MODE_OFF,
	  MODE_ATTACH, -EPERM },
	{ "child, strict read", TRACER_CHILD, DISABLENETWORK_MODE_STRICT,
	  MODE_READ, -EPERM },
	{ "child, strict read no-audit", TRACER_CHILD,
	  DISABLENETWORK_MODE_STRICT, MODE_READ_NOAUDIT, -EPERM },
	{ "unrelated, read", TRACER_UNRELATED, DISABLENETWORK_MODE_OFF,
	  MODE_READ, 0 },
	{ "unrelated, attach", TRACER_UNRELATED, DISABLENETWORK_MODE_OFF,
	  MODE_ATTACH, -EPERM },
	{ "unrelated, strict attach", TRACER_UNRELATED,
	  DISABLENETWORK_MODE_STRICT, MODE_ATTACH, -EPERM },
	{ "unrelated, strict read", TRACER_UNRELATED,
	  DISABLENETWORK_MODE_STRICT, MODE_READ, -EPERM },
};

KUNIT_ARRAY_PARAM_DESC(ptrace, ptrace_cases, desc);

/*
 * The test's own kthread, alone in its thread group, as the target of a
 * restricted tracer: refused while it is outside the tracer's domain,
 * allowed once it is in it.  The tracer side is an overridden
 * (subjective) credential; group_in_domain() reads the target's objective
 * ones.
 */
static void test_group_in_domain(struct kunit *const test)
{
	struct disablenetwork_domain *domain;
	struct cred *tracer = prepare_creds(), *real;
	const struct cred *old;

	KUNIT_ASSERT_NOT_NULL(test, tracer);
	KUNIT_ASSERT_EQ(test, 0,
			disablenetwork_test_set_mode(tracer,
						     DISABLENETWORK_MODE_OFF));
	domain = disablenetwork_cred_domain(tracer);
	KUNIT_EXPECT_FALSE(test, group_in_domain(current, domain));
	old = override_creds(tracer);
	KUNIT_EXPECT_EQ(test, -EPERM,
			hook_ptrace_access_check(current,
						 PTRACE_MODE_ATTACH_REALCREDS));
	KUNIT_EXPECT_EQ(test, 0,
			hook_ptrace_access_check(current,
						 PTRACE_MODE_READ_REALCREDS));
	revert_creds(old);

	/* Move the kthread into the tracer's domain, for real. */
	real = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, real);
	disablenetwork_domain_get(domain);
	disablenetwork_cred_set_domain(real, domain);
	commit_creds(real);
	KUNIT_EXPECT_TRUE(test, group_in_domain(current, domain));
	old = override_creds(tracer);
	KUNIT_EXPECT_EQ(test, 0,
			hook_ptrace_access_check(current,
						 PTRACE_MODE_ATTACH_REALCREDS));
	revert_creds(old);
	KUNIT_EXPECT_EQ(test, 0, hook_ptrace_traceme(current));
	put_cred(tracer);
}

static void test_ptrace_decisions(struct kunit *const test)
{
	const struct ptrace_case *const c = test->param_value;
	struct disablenetwork_domain *parent, *target, *tracer = NULL;
	struct cred *real, *subjective;
	const struct cred *old;
	int ret;

	parent = disablenetwork_domain_create(NULL,
					      c->tracer == TRACER_PARENT ?
					      c->mode : DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(parent));
	target = disablenetwork_domain_create(parent,
					      c->tracer == TRACER_SAME ?
					      c->mode : DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(target));

	/* The kthread, as a tracee, is in T. */
	real = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, real);
	disablenetwork_cred_set_domain(real,
				       disablenetwork_domain_get(target));
	commit_creds(real);

	switch (c->tracer) {
	case TRACER_NONE:
		break;
	case TRACER_SAME:
		tracer = disablenetwork_domain_get(target);
		break;
	case TRACER_PARENT:
		tracer = disablenetwork_domain_get(parent);
		break;
	case TRACER_CHILD:
		tracer = disablenetwork_domain_create(target, c->mode);
		break;
	case TRACER_UNRELATED:
		tracer = disablenetwork_domain_create(NULL, c->mode);
		break;
	}
	KUNIT_ASSERT_FALSE(test, IS_ERR(tracer));

	subjective = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, subjective);
	disablenetwork_cred_set_domain(subjective, tracer);
	old = override_creds(subjective);
	put_cred(subjective);
	ret = hook_ptrace_access_check(current, c->access);
	revert_creds(old);

	KUNIT_EXPECT_EQ(test, c->result, ret);
	disablenetwork_domain_put(target);
	disablenetwork_domain_put(parent);
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_group_in_domain),
	KUNIT_CASE_PARAM(test_ptrace_decisions, ptrace_gen_params),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "disablenetwork_task",
	.init = disablenetwork_kunit_init,
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Restricting every thread of a process at once
 *
 * PR_NETWORK_ALL_THREADS restricts all the threads of the calling process,
 * all or nothing.  seccomp's TSYNC writes other threads' state under
 * siglock; credentials cannot be changed that way, because a task may
 * only commit its own.  So, as Landlock's LANDLOCK_RESTRICT_SELF_TSYNC
 * does, each sibling thread is sent a task_work with TWA_SIGNAL and
 * changes its own credentials, in two phases:
 *
 * 1. every sibling prepares its new credentials and reports through a
 *    counter and a completion; an allocation failure or a nesting limit
 *    is recorded as the error of the whole call;
 * 2. once every sibling has prepared, the caller releases them all, and
 *    each commits, or aborts if any of them failed.  Committing cannot
 *    fail.
 *
 * A sibling that is busy in a system call is interrupted as by a signal
 * without a handler: the system call is restarted after the task_work
 * runs, or returns EINTR if it is one that never restarts.  A thread that
 * is exiting is skipped.  Threads created during the call are found by
 * looking again until a round finds none: a thread in the prepared state
 * sits in its task_work and cannot create more.
 *
 * While the caller waits for its siblings to prepare, a signal interrupts
 * it: every task_work that has not started is cancelled with
 * task_work_cancel(), those that have are told to abort, and the call
 * returns -ERESTARTNOINTR, so that it is restarted once the signal is
 * handled.  Nothing has changed at that point.
 *
 * Callers of one process are serialised by its cred_guard_mutex, as
 * seccomp's TSYNC does, which also orders the call against execve().
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/task_work.h>

#include "common.h"
#include "cred.h"
#include "domain.h"
#include "tsync.h"

/*
 * What the caller and its siblings share during one call.  It lives on
 * the caller's stack: a sibling must not touch it after its last
 * decrement of @unfinished.
 */
struct tsync_state {
	const struct cred *old_cred;
	const struct cred *new_cred;
	struct disablenetwork_domain *old_domain;
	enum disablenetwork_mode mode;
	bool set_no_new_privs;
	/* The first error of any thread, or 0. */
	atomic_t error;
	/* Siblings of the current round still preparing, plus the caller. */
	atomic_t preparing;
	struct completion prepared;
	/* The caller's signal to commit or abort. */
	struct completion decided;
	/* Siblings not done yet, plus the caller. */
	atomic_t unfinished;
	struct completion finished;
};

struct tsync_work {
	struct callback_head cb;
	struct list_head node;
	struct task_struct *task;
	struct tsync_state *state;
	bool queued;
};

static void tsync_fail(struct tsync_state *const state, const int err)
{
	atomic_cmpxchg(&state->error, 0, err);
}

/* In a sibling: its new credentials, or an ERR_PTR(). */
static struct cred *tsync_prepare(const struct tsync_state *const state)
{
	const struct cred *const cur = current_cred();
	struct disablenetwork_domain *const cur_domain =
		disablenetwork_cred_domain(cur);
	struct disablenetwork_domain *domain;
	struct cred *new;

	/* Threads usually share the caller's credentials: share again. */
	if (cur == state->old_cred)
		return (struct cred *)get_cred(state->new_cred);

	new = prepare_creds();
	if (!new)
		return ERR_PTR(-ENOMEM);
	domain = disablenetwork_cred_domain(state->new_cred);
	if (disablenetwork_domain_scopes(cur_domain, domain)) {
		/*
		 * Unrestricted, or in the caller's old domain or one that
		 * encloses it: join the caller's new domain, which is nested
		 * in the thread's and so at least as strict.
		 */
		disablenetwork_domain_get(domain);
	} else {
		/*
		 * A thread that restricted itself on its own: nest in its
		 * domain, never replace it with a looser one.
		 */
		domain = disablenetwork_domain_create(cur_domain, state->mode);
		if (IS_ERR(domain)) {
			abort_creds(new);
			return ERR_CAST(domain);
		}
	}
	disablenetwork_cred_set_domain(new, domain);
	return new;
}

static void tsync_run(struct callback_head *const cb)
{
	struct tsync_state *const state =
		container_of(cb, struct tsync_work, cb)->state;
	struct cred *new = tsync_prepare(state);

	if (IS_ERR(new)) {
		tsync_fail(state, PTR_ERR(new));
		new = NULL;
	}
	if (atomic_dec_and_test(&state->preparing))
		complete_all(&state->prepared);

	/*
	 * Uninterruptible, as the decision must be awaited, but not counted
	 * as load nor reported as a hung task while the caller waits for a
	 * sibling that cannot run (a vfork() parent, a stopped thread).
	 */
	wait_for_completion_state(&state->decided, TASK_IDLE);
	if (new) {
		if (atomic_read(&state->error)) {
			abort_creds(new);
		} else {
			/* As seccomp's TSYNC does. */
			if (state->set_no_new_privs)
				task_set_no_new_privs(current);
			commit_creds(new);
		}
	}
	if (atomic_dec_and_test(&state->unfinished))
		complete_all(&state->finished);
}

static bool tsync_has(const struct list_head *const works,
		      const struct task_struct *const task)
{
	const struct tsync_work *work;

	list_for_each_entry(work, works, node)
		if (work->task == task)
			return true;
	return false;
}

/* Threads that still need a task_work: not the caller, not exiting. */
static bool tsync_wanted(const struct list_head *const works,
			 const struct task_struct *const thread)
{
	return thread != current && !(thread->flags & PF_EXITING) &&
	       !tsync_has(works, thread);
}

static size_t tsync_count(const struct list_head *const works)
{
	struct task_struct *thread;
	size_t count = 0;

	rcu_read_lock();
	for_each_thread(current, thread)
		if (tsync_wanted(works, thread))
			count++;
	rcu_read_unlock();
	return count;
}

static int tsync_alloc(struct list_head *const spare, size_t count)
{
	while (count--) {
		struct tsync_work *const work =
			kzalloc(sizeof(*work), GFP_KERNEL_ACCOUNT);

		if (!work)
			return -ENOMEM;
		list_add(&work->node, spare);
	}
	return 0;
}

/* Sends a task_work to each new thread, as far as @spare lasts. */
static void tsync_queue(struct list_head *const works,
			struct list_head *const spare,
			struct tsync_state *const state)
{
	struct task_struct *thread;
	struct tsync_work *work;

	rcu_read_lock();
	for_each_thread(current, thread) {
		if (!tsync_wanted(works, thread))
			continue;
		work = list_first_entry_or_null(spare, struct tsync_work,
						node);
		if (!work)
			break;
		list_move_tail(&work->node, works);
		work->task = get_task_struct(thread);
		work->state = state;
		atomic_inc(&state->preparing);
		atomic_inc(&state->unfinished);
		init_task_work(&work->cb, tsync_run);
		work->queued = !task_work_add(thread, &work->cb, TWA_SIGNAL);
		if (!work->queued) {
			/* Past exit_task_work(): it runs no user code again. */
			atomic_dec(&state->preparing);
			atomic_dec(&state->unfinished);
		}
	}
	rcu_read_unlock();
}

/* Takes back every task_work that has not started, as if it had run. */
static void tsync_cancel(struct list_head *const works,
			 struct tsync_state *const state)
{
	struct tsync_work *work;

	list_for_each_entry(work, works, node) {
		if (!work->queued || !task_work_cancel(work->task, &work->cb))
			continue;
		work->queued = false;
		if (atomic_dec_and_test(&state->preparing))
			complete_all(&state->prepared);
		if (atomic_dec_and_test(&state->unfinished))
			complete_all(&state->finished);
	}
}

static void tsync_free(struct list_head *const works)
{
	struct tsync_work *work, *next;

	list_for_each_entry_safe(work, next, works, node) {
		if (work->task)
			put_task_struct(work->task);
		kfree(work);
	}
}

/**
 * disablenetwork_restrict_siblings - Restrict every other thread
 *
 * @old_cred: The caller's current credentials.
 * @new_cred: The caller's prepared, not yet committed, credentials.
 * @mode: The requested mode.
 *
 * Every other thread of the calling process that is not exiting moves to
 * the caller's new domain if it shared the caller's old one, or else to a
 * new domain of @mode nested in its own.  All or nothing: on error, no
 * thread changes.
 *
 * Return: 0 once every sibling has committed; -ENOMEM or -E2BIG (a
 * sibling's domain is nested too deep) if a sibling could not prepare;
 * -ERESTARTNOINTR if a signal interrupted the wait.
 */
int disablenetwork_restrict_siblings(const struct cred *const old_cred,
				     const struct cred *const new_cred,
				     const enum disablenetwork_mode mode)
{
	struct tsync_state state = {
		.old_cred = old_cred,
		.new_cred = new_cred,
		.old_domain = disablenetwork_cred_domain(old_cred),
		.mode = mode,
		.set_no_new_privs = task_no_new_privs(current),
		.error = ATOMIC_INIT(0),
		.unfinished = ATOMIC_INIT(1),
	};
	LIST_HEAD(works);
	LIST_HEAD(spare);
	size_t count;
	int err;

	/*
	 * One call per process at a time, as for seccomp's TSYNC: two callers
	 * would interrupt each other's wait and restart each other for as
	 * long as their timing stays the same.  Interruptible, so that a
	 * caller waiting here runs the other's task_work (TWA_SIGNAL wakes
	 * it) and is restarted; a sibling in execve() holds the mutex and
	 * kills the caller from de_thread().
	 */
	if (mutex_lock_interruptible(&current->signal->cred_guard_mutex))
		return -ERESTARTNOINTR;

	init_completion(&state.prepared);
	init_completion(&state.decided);
	init_completion(&state.finished);

	while ((count = tsync_count(&works))) {
		err = tsync_alloc(&spare, count);
		if (err) {
			tsync_fail(&state, err);
			break;
		}
		/* The caller's own count keeps the round open while queuing. */
		atomic_set(&state.preparing, 1);
		reinit_completion(&state.prepared);
		tsync_queue(&works, &spare, &state);
		if (!atomic_dec_and_test(&state.preparing) &&
		    wait_for_completion_interruptible(&state.prepared)) {
			tsync_fail(&state, -ERESTARTNOINTR);
			tsync_cancel(&works, &state);
			/* The started ones finish preparing, then abort. */
			wait_for_completion(&state.prepared);
		}
		if (atomic_read(&state.error))
			break;
	}

	/* Every sibling is prepared, or the call failed: decide. */
	complete_all(&state.decided);
	if (!atomic_dec_and_test(&state.unfinished))
		wait_for_completion(&state.finished);

	mutex_unlock(&current->signal->cred_guard_mutex);

	tsync_free(&works);
	tsync_free(&spare);
	return atomic_read(&state.error);
}

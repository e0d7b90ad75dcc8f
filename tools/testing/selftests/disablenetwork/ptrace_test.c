// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - ptrace between restricted and unrestricted tasks
 *
 * A restricted tracer gets no PTRACE_MODE_ATTACH access to a task outside
 * its domain (unrestricted, or restricted on its own), nor to a thread
 * whose thread group has a thread outside it; a child outside a restricted
 * parent's domain may not PTRACE_TRACEME to it.  Read-mode access is
 * unaffected in PR_NETWORK_OFF mode (scope_test covers strict mode).
 * PR_SET_NETWORK fails with EBUSY while a thread of the caller's process
 * traces a task.  Each test first runs the operation with both tasks
 * unrestricted, or without the tracee, as a control.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <pthread.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "common.h"

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif
#ifndef __NR_pidfd_getfd
#define __NR_pidfd_getfd 438
#endif

/* Read and written across processes, by address. */
static int target_value = 42;

struct roles {
	bool tracer_restricted;
	bool tracee_restricted;
	/* The tracee is forked after the tracer restricted itself. */
	bool same_domain;
};

FIXTURE(ptrace) {};

FIXTURE_VARIANT(ptrace)
{
	struct roles r;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ptrace, neither) {
	/* clang-format on */
	.r = {
		.tracer_restricted = false,
		.tracee_restricted = false,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ptrace, tracer) {
	/* clang-format on */
	.r = {
		.tracer_restricted = true,
		.tracee_restricted = false,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ptrace, tracee) {
	/* clang-format on */
	.r = {
		.tracer_restricted = false,
		.tracee_restricted = true,
	},
};

/* Restricted separately: two unrelated domains. */
/* clang-format off */
FIXTURE_VARIANT_ADD(ptrace, both) {
	/* clang-format on */
	.r = {
		.tracer_restricted = true,
		.tracee_restricted = true,
	},
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ptrace, same_domain) {
	/* clang-format on */
	.r = {
		.tracer_restricted = true,
		.tracee_restricted = true,
		.same_domain = true,
	},
};

FIXTURE_SETUP(ptrace)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
}

FIXTURE_TEARDOWN(ptrace)
{
}

/*
 * Denied when the tracer is restricted and the tracee is not in its
 * domain (or one nested in it): unrestricted, or restricted on its own.
 */
static bool denied(const struct roles *const v)
{
	return v->tracer_restricted && !v->same_domain;
}

struct child {
	pid_t pid;
	int go;
};

/*
 * A child that restricts itself if asked, then waits for a byte on its
 * pipe; with @traceme, it then calls PTRACE_TRACEME and exits with the
 * errno, or 0.
 */
static struct child spawn(const bool restricted, const bool traceme)
{
	struct child c = { .pid = -1 };
	int go[2], ready[2];
	char b = 0;

	if (pipe2(go, O_CLOEXEC) || pipe2(ready, O_CLOEXEC))
		return c;
	c.pid = fork();
	if (c.pid == 0) {
		if (restricted && dn_restrict())
			_exit(100);
		if (write(ready[1], "r", 1) != 1)
			_exit(101);
		if (read(go[0], &b, 1) < 0)
			_exit(102);
		if (traceme)
			_exit(ptrace(PTRACE_TRACEME, 0, NULL, NULL) ? errno : 0);
		_exit(0);
	}
	if (read(ready[0], &b, 1) != 1)
		c.pid = -1;
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	c.go = go[1];
	return c;
}

static void reap(const struct child c)
{
	kill(c.pid, SIGKILL);
	waitpid(c.pid, NULL, 0);
	close(c.go);
}

enum op {
	OP_ATTACH,
	OP_SEIZE,
	OP_MEM_READ,
	OP_MEM_WRITE,
	OP_VM_READV,
	OP_VM_WRITEV,
	OP_PIDFD_GETFD,
	OP_STAT,
};

static int do_op(const enum op op, const pid_t pid)
{
	char path[64], buf[512];
	int local = 0, fd, pidfd, ret;
	struct iovec l = { .iov_base = &local, .iov_len = sizeof(local) };
	struct iovec r = {
		.iov_base = (void *)&target_value,
		.iov_len = sizeof(target_value),
	};

	switch (op) {
	case OP_ATTACH:
		if (ptrace(PTRACE_ATTACH, pid, NULL, NULL))
			return -errno;
		waitpid(pid, NULL, 0);
		return RET(ptrace(PTRACE_DETACH, pid, NULL, NULL));
	case OP_SEIZE:
		if (ptrace(PTRACE_SEIZE, pid, NULL, NULL))
			return -errno;
		/*
		 * A seized task detaches only from a stop, and a tracer that
		 * stays attached could not restrict itself (EBUSY).
		 */
		if (ptrace(PTRACE_INTERRUPT, pid, NULL, NULL))
			return -errno;
		waitpid(pid, NULL, 0);
		return RET(ptrace(PTRACE_DETACH, pid, NULL, NULL));
	case OP_MEM_READ:
	case OP_MEM_WRITE:
		snprintf(path, sizeof(path), "/proc/%d/mem", pid);
		fd = open(path, (op == OP_MEM_READ ? O_RDONLY : O_RDWR) |
				       O_CLOEXEC);
		if (fd < 0)
			return -errno;
		ret = pread(fd, &local, sizeof(local),
			    (off_t)(unsigned long)&target_value);
		close(fd);
		return ret == sizeof(local) && local == 42 ? 0 : -EIO;
	case OP_VM_READV:
		ret = process_vm_readv(pid, &l, 1, &r, 1, 0);
		return ret < 0 ? -errno : 0;
	case OP_VM_WRITEV:
		local = 42;
		ret = process_vm_writev(pid, &l, 1, &r, 1, 0);
		return ret < 0 ? -errno : 0;
	case OP_PIDFD_GETFD:
		pidfd = syscall(__NR_pidfd_open, pid, 0);
		if (pidfd < 0)
			return -errno;
		fd = syscall(__NR_pidfd_getfd, pidfd, 0, 0);
		ret = fd < 0 ? -errno : 0;
		close(fd);
		close(pidfd);
		return ret;
	case OP_STAT:
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		ret = read(fd, buf, sizeof(buf));
		close(fd);
		return ret > 0 ? 0 : -EIO;
	}
	return -EINVAL;
}

static void check_op(struct __test_metadata *const _metadata,
		     const struct roles *const v, const enum op op,
		     const int denial)
{
	const struct child ctl = spawn(false, false);
	struct child res;

	ASSERT_LT(0, ctl.pid);
	EXPECT_EQ(0, do_op(op, ctl.pid));
	/* In the same domain, the tracee may still nest a domain of its own. */
	if (v->same_domain)
		RESTRICT();
	res = spawn(v->tracee_restricted, false);
	ASSERT_LT(0, res.pid);
	if (v->tracer_restricted && !v->same_domain)
		RESTRICT();
	EXPECT_EQ(denied(v) ? denial : 0, do_op(op, res.pid));
	reap(ctl);
	reap(res);
}

TEST_F(ptrace, attach)
{
	check_op(_metadata, &variant->r, OP_ATTACH, -EPERM);
}

TEST_F(ptrace, seize)
{
	check_op(_metadata, &variant->r, OP_SEIZE, -EPERM);
}

/* mm_access() reports a failed ptrace check on /proc/PID/mem as EACCES. */
TEST_F(ptrace, proc_mem_read)
{
	check_op(_metadata, &variant->r, OP_MEM_READ, -EACCES);
}

TEST_F(ptrace, proc_mem_write)
{
	check_op(_metadata, &variant->r, OP_MEM_WRITE, -EACCES);
}

TEST_F(ptrace, process_vm_readv)
{
	check_op(_metadata, &variant->r, OP_VM_READV, -EPERM);
}

TEST_F(ptrace, process_vm_writev)
{
	check_op(_metadata, &variant->r, OP_VM_WRITEV, -EPERM);
}

TEST_F(ptrace, pidfd_getfd)
{
	check_op(_metadata, &variant->r, OP_PIDFD_GETFD, -EPERM);
}

TEST_F(ptrace, read_mode_unaffected)
{
	const struct child c = spawn(variant->r.tracee_restricted, false);

	ASSERT_LT(0, c.pid);
	if (variant->r.tracer_restricted)
		RESTRICT();
	EXPECT_EQ(0, do_op(OP_STAT, c.pid));
	reap(c);
}

/* The child asks to be traced by its parent, the tracer. */
static int traceme(const struct child c)
{
	int status;

	if (c.pid < 0 || write(c.go, "g", 1) != 1 ||
	    waitpid(c.pid, &status, 0) != c.pid || !WIFEXITED(status))
		return -EIO;
	close(c.go);
	return -WEXITSTATUS(status);
}

TEST_F(ptrace, traceme)
{
	const struct child ctl = spawn(false, true);
	struct child res;

	EXPECT_EQ(0, traceme(ctl));
	if (variant->r.same_domain)
		RESTRICT();
	res = spawn(variant->r.tracee_restricted, true);
	if (variant->r.tracer_restricted && !variant->r.same_domain)
		RESTRICT();
	EXPECT_EQ(denied(&variant->r) ? -EPERM : 0, traceme(res));
}

/* In a child: where its second thread says it is ready. */
static int sibling_ready;

/* A second thread that restricts itself if asked, then waits for ever. */
static void *sibling(void *const restrict_it)
{
	if (restrict_it && dn_restrict())
		_exit(110);
	if (write(sibling_ready, "s", 1) != 1)
		_exit(111);
	for (;;)
		pause();
	return NULL;
}

/*
 * A child whose main thread is restricted and whose second thread is
 * restricted too only if @all; with @traceme, it asks its parent to trace
 * it once told to go, and exits with the errno, or 0.
 */
static struct child spawn_threads(const bool all, const bool traceme)
{
	struct child c = { .pid = -1 };
	int go[2], ready[2], sib[2];
	pthread_t t;
	char b = 0;

	if (pipe2(go, O_CLOEXEC) || pipe2(ready, O_CLOEXEC))
		return c;
	c.pid = fork();
	if (c.pid == 0) {
		if (pipe2(sib, O_CLOEXEC))
			_exit(103);
		sibling_ready = sib[1];
		if (pthread_create(&t, NULL, sibling, all ? "r" : NULL) ||
		    read(sib[0], &b, 1) != 1)
			_exit(104);
		if (dn_restrict())
			_exit(100);
		if (write(ready[1], "r", 1) != 1)
			_exit(101);
		if (read(go[0], &b, 1) < 0)
			_exit(102);
		if (traceme)
			_exit(ptrace(PTRACE_TRACEME, 0, NULL, NULL) ? errno : 0);
		_exit(0);
	}
	if (read(ready[0], &b, 1) != 1)
		c.pid = -1;
	close(ready[0]);
	close(ready[1]);
	close(go[0]);
	c.go = go[1];
	return c;
}

/*
 * In a child P with a second, unrestricted thread: the main thread
 * restricts itself (with @flags; none if negative), then forks a tracer,
 * in P's domain, that tries P.  Returns the tracer's results, one bit per
 * operation: denied (EPERM, or EACCES for /proc/PID/mem) or allowed.
 */
enum { ATTACH_DENIED = 1, VM_DENIED = 2, MEM_DENIED = 4, ALL_ALLOWED = 8 };

static int group_probe(void *const arg)
{
	const int flags = *(const int *)arg;
	int sib[2], status, a, v, m;
	pthread_t t;
	pid_t pid;
	char b;

	if (pipe2(sib, O_CLOEXEC))
		return 100;
	sibling_ready = sib[1];
	if (pthread_create(&t, NULL, sibling, NULL) || read(sib[0], &b, 1) != 1)
		return 101;
	if (flags >= 0 && dn_restrict(PR_NETWORK_OFF, flags))
		return 102;
	pid = fork();
	if (pid == 0) {
		a = do_op(OP_ATTACH, getppid());
		v = do_op(OP_VM_WRITEV, getppid());
		m = do_op(OP_MEM_WRITE, getppid());
		_exit((a == -EPERM ? ATTACH_DENIED : 0) |
		      (v == -EPERM ? VM_DENIED : 0) |
		      (m == -EACCES ? MEM_DENIED : 0) |
		      (!a && !v && !m ? ALL_ALLOWED : 0));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 103;
	return WEXITSTATUS(status);
}

/*
 * The tracer's target thread is in its domain, but a sibling thread is
 * not: controlling one thread controls its siblings.
 */
TEST(thread_group_attach)
{
	int flags;

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	/* Control: nobody restricted. */
	flags = -1;
	EXPECT_EQ(ALL_ALLOWED, in_child(group_probe, &flags));
	/* Only the main thread in the tracer's domain. */
	flags = 0;
	EXPECT_EQ(ATTACH_DENIED | VM_DENIED | MEM_DENIED,
		  in_child(group_probe, &flags));
	/* Every thread in it. */
	flags = PR_NETWORK_ALL_THREADS;
	EXPECT_EQ(ALL_ALLOWED, in_child(group_probe, &flags));
}

/* PTRACE_TRACEME by a restricted thread with an unrestricted sibling. */
TEST(thread_group_traceme)
{
	struct child ctl, mixed, all, inside;

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	ctl = spawn_threads(false, true);
	mixed = spawn_threads(false, true);
	all = spawn_threads(true, true);
	/* The parent is unrestricted: allowed. */
	EXPECT_EQ(0, traceme(ctl));
	RESTRICT();
	EXPECT_EQ(-EPERM, traceme(mixed));
	/* Each thread restricted on its own: outside the parent's domain. */
	EXPECT_EQ(-EPERM, traceme(all));
	/* Forked after the parent's call: every thread in its domain. */
	inside = spawn_threads(false, true);
	EXPECT_EQ(0, traceme(inside));
}

/*
 * PR_SET_NETWORK fails with EBUSY while a thread of the caller's process
 * traces a task: requests on a tracee attached before would pass no hook.
 * Once the tracee is gone, the same call succeeds.
 */
static pid_t seize_child(void)
{
	const pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	if (pid > 0 && ptrace(PTRACE_SEIZE, pid, NULL, NULL)) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

static void *seize_and_wait(void *const arg)
{
	int *const fds = arg;
	const pid_t pid = seize_child();
	char b;

	if (write(fds[1], &pid, sizeof(pid)) != sizeof(pid) ||
	    read(fds[2], &b, 1) != 1)
		return NULL;
	return NULL;
}

TEST(restrict_while_tracing)
{
	pid_t pid;

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	pid = seize_child();
	ASSERT_LT(0, pid);
	EXPECT_EQ(-EBUSY, dn_restrict());
	EXPECT_EQ(0, dn_get());
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	EXPECT_EQ(0, dn_restrict());
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
}

/* The tracer is another thread of the caller's process. */
TEST(restrict_while_thread_traces)
{
	int out[2], in[2], fds[3];
	pthread_t t;
	pid_t pid;

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	ASSERT_EQ(0, pipe2(out, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(in, O_CLOEXEC));
	fds[1] = out[1];
	fds[2] = in[0];
	ASSERT_EQ(0, pthread_create(&t, NULL, seize_and_wait, fds));
	ASSERT_EQ(sizeof(pid), read(out[0], &pid, sizeof(pid)));
	ASSERT_LT(0, pid);
	EXPECT_EQ(-EBUSY, dn_restrict());
	/* The thread exits, and its tracee is detached (exit_ptrace()). */
	ASSERT_EQ(1, write(in[1], "x", 1));
	ASSERT_EQ(0, pthread_join(t, NULL));
	EXPECT_EQ(0, dn_restrict());
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST_HARNESS_MAIN

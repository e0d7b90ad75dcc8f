// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - PR_NETWORK_ALL_THREADS
 *
 * Every thread of the process moves to the new domain, all or nothing:
 * threads that exist before the call, threads created and exiting during
 * it, threads blocked in a system call, a thread that executes a program,
 * and a caller interrupted by a signal.  Each test has a control: the
 * same threads without the flag keep their state.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <linux/capability.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>

#include "common.h"

#define PROBE_ENV "DN_TSYNC_PROBE"

/* As a freshly executed program: exit with the mode we run in. */
__attribute__((constructor)) static void probe(void)
{
	if (getenv(PROBE_ENV))
		_exit(dn_get() < 0 ? 99 : dn_get());
}

static pid_t gettid_(void)
{
	return syscall(SYS_gettid);
}

/* What a worker thread sees of itself. */
struct report {
	int mode;		/* PR_GET_NETWORK */
	int sock;		/* inet_socket() */
	int nnp;		/* PR_GET_NO_NEW_PRIVS */
	int eintr;		/* interrupted waits it saw */
	int err;		/* result of the last command */
	long long domain;	/* its domain id */
};

enum wait_kind { WAIT_READ, WAIT_EPOLL };

/*
 * A thread that waits for one-byte commands on a pipe, blocked in read()
 * or in epoll_wait(), and answers each with a report.
 */
struct worker {
	pthread_t thread;
	pid_t tid;
	int cmd[2], rep[2];
	enum wait_kind wait;
};

static int wait_command(struct worker *const w, char *const c, int *eintr)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep, n;

	if (w->wait == WAIT_EPOLL) {
		ep = epoll_create1(EPOLL_CLOEXEC);
		if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, w->cmd[0], &ev))
			return -1;
		while ((n = epoll_wait(ep, &ev, 1, -1)) < 0 && errno == EINTR)
			++*eintr;
		close(ep);
		if (n != 1)
			return -1;
	}
	while ((n = read(w->cmd[0], c, 1)) < 0 && errno == EINTR)
		++*eintr;
	return n == 1 ? 0 : -1;
}

static void *worker_main(void *const arg)
{
	struct worker *const w = arg;
	struct report r = {};
	unsigned int i;
	char c;

	w->tid = gettid_();
	while (!wait_command(w, &c, &r.eintr)) {
		switch (c) {
		case 's':	/* restrict itself, strict, in a domain of its own */
			r.err = dn_restrict(PR_NETWORK_STRICT);
			break;
		case 'd':	/* nest as deep as allowed */
			r.err = 0;
			for (i = 0; i < 16 && !r.err; i++)
				r.err = dn_restrict();
			break;
		case 'x':
			return NULL;
		}
		r.mode = dn_get();
		r.sock = inet_socket();
		r.nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
		r.domain = dn_domain(0, NULL);
		if (write(w->rep[1], &r, sizeof(r)) != sizeof(r))
			return NULL;
	}
	return NULL;
}

/*
 * Waits until thread @tid sleeps: after answering, a worker sleeps only in
 * the system call that waits for the next command.
 */
static int wait_blocked(const pid_t tid)
{
	const struct timespec ms = { .tv_nsec = 1000000 };
	char path[64], buf[256], *state;
	int fd, i, len;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	for (i = 0; i < 5000; i++) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			return -EIO;
		buf[len] = '\0';
		/* "tid (comm) S ...": comm may hold anything but ')'. */
		state = strrchr(buf, ')');
		if (state && state[1] == ' ' && state[2] == 'S')
			return 0;
		nanosleep(&ms, NULL);
	}
	return -ETIMEDOUT;
}

static void start(struct __test_metadata *const _metadata,
		  struct worker *const w, const enum wait_kind wait)
{
	struct report r;

	w->wait = wait;
	ASSERT_EQ(0, pipe2(w->cmd, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(w->rep, O_CLOEXEC));
	ASSERT_EQ(0, pthread_create(&w->thread, NULL, worker_main, w));
	/* A first round trip: the thread is running and blocked again. */
	ASSERT_EQ(1, write(w->cmd[1], "q", 1));
	ASSERT_EQ(sizeof(r), read(w->rep[0], &r, sizeof(r)));
	ASSERT_EQ(0, wait_blocked(w->tid));
}

static struct report ask(struct __test_metadata *const _metadata,
			 struct worker *const w, const char c)
{
	struct report r = {};

	EXPECT_EQ(1, write(w->cmd[1], &c, 1));
	EXPECT_EQ(sizeof(r), read(w->rep[0], &r, sizeof(r)));
	EXPECT_EQ(0, wait_blocked(w->tid));
	return r;
}

static void stop(struct worker *const w)
{
	if (write(w->cmd[1], "x", 1) == 1)
		pthread_join(w->thread, NULL);
	close(w->cmd[0]);
	close(w->cmd[1]);
	close(w->rep[0]);
	close(w->rep[1]);
}

static int all_threads(const unsigned long mode)
{
	return RET(prctl(PR_SET_NETWORK, mode, PR_NETWORK_ALL_THREADS, 0, 0));
}

static int drop_all_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	return RET(syscall(SYS_capset, &hdr, data));
}

FIXTURE(tsync) {
	struct worker w[3];
};

FIXTURE_VARIANT(tsync)
{
	unsigned long mode;
	bool all_threads;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(tsync, off) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
	.all_threads = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(tsync, strict) {
	/* clang-format on */
	.mode = PR_NETWORK_STRICT,
	.all_threads = true,
};

/* The control: the calling thread only. */
/* clang-format off */
FIXTURE_VARIANT_ADD(tsync, caller_only) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
	.all_threads = false,
};

FIXTURE_SETUP(tsync)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
}

FIXTURE_TEARDOWN(tsync)
{
}

static int set(const struct _fixture_variant_tsync *const v)
{
	return RET(prctl(PR_SET_NETWORK, v->mode,
			 v->all_threads ? PR_NETWORK_ALL_THREADS : 0, 0, 0));
}

/* Threads that exist before the call, blocked in read(). */
TEST_F(tsync, existing_threads)
{
	long long domain;
	struct report r;
	int i;

	for (i = 0; i < 3; i++)
		start(_metadata, &self->w[i], WAIT_READ);
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	ASSERT_EQ(0, set(variant));
	domain = dn_domain(0, NULL);
	ASSERT_LT(0, domain);
	EXPECT_EQ(variant->mode, dn_get());

	for (i = 0; i < 3; i++) {
		r = ask(_metadata, &self->w[i], 'q');
		if (variant->all_threads) {
			/* The caller's domain, not one of their own. */
			EXPECT_EQ(variant->mode, r.mode);
			EXPECT_EQ(-EPERM, r.sock);
			EXPECT_EQ(domain, r.domain);
			EXPECT_EQ(domain, dn_domain(self->w[i].tid, NULL));
		} else {
			EXPECT_EQ(0, r.mode);
			EXPECT_EQ(0, r.sock);
			EXPECT_EQ(0, r.domain);
		}
		/* read() was restarted, never failed with EINTR. */
		EXPECT_EQ(0, r.eintr);
		stop(&self->w[i]);
	}
}

/*
 * no_new_privs is set on the siblings, as seccomp's TSYNC does; threads
 * created before the caller set it do not have it.
 */
TEST_F(tsync, sets_no_new_privs)
{
	struct report r;

	start(_metadata, &self->w[0], WAIT_READ);
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	r = ask(_metadata, &self->w[0], 'q');
	ASSERT_EQ(0, r.nnp);
	ASSERT_EQ(0, set(variant));
	r = ask(_metadata, &self->w[0], 'q');
	EXPECT_EQ(variant->all_threads ? 1 : 0, r.nnp);
	stop(&self->w[0]);
}

/* Without no_new_privs or CAP_SYS_ADMIN: EPERM, and no thread changes. */
TEST_F(tsync, gate)
{
	struct report r;

	start(_metadata, &self->w[0], WAIT_READ);
	ASSERT_EQ(0, drop_all_caps());
	EXPECT_EQ(-EPERM, set(variant));
	EXPECT_EQ(0, dn_get());
	r = ask(_metadata, &self->w[0], 'q');
	EXPECT_EQ(0, r.mode);
	EXPECT_EQ(0, r.sock);
	stop(&self->w[0]);
}

/*
 * A thread blocked in epoll_wait() sees it fail with EINTR once, as for
 * a signal: epoll_wait() is never restarted.  read() on a pipe is
 * restarted and sees nothing (see existing_threads).
 */
TEST_F(tsync, blocked_in_epoll_wait)
{
	struct report r;

	start(_metadata, &self->w[0], WAIT_EPOLL);
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	ASSERT_EQ(0, set(variant));
	r = ask(_metadata, &self->w[0], 'q');
	EXPECT_EQ(variant->all_threads ? 1 : 0, r.eintr);
	EXPECT_EQ(variant->all_threads ? (int)variant->mode : 0, r.mode);
	stop(&self->w[0]);
}

/*
 * A thread that restricted itself on its own keeps its domain: it moves
 * to a new domain nested in it, at least as strict, while the others
 * join the caller's.
 */
TEST_F(tsync, sibling_with_own_domain)
{
	long long own, domain;
	struct report r;
	int mode;

	start(_metadata, &self->w[0], WAIT_READ);
	start(_metadata, &self->w[1], WAIT_READ);
	r = ask(_metadata, &self->w[0], 's');
	ASSERT_EQ(0, r.err);
	own = r.domain;
	ASSERT_LT(0, own);

	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	ASSERT_EQ(0, set(variant));
	domain = dn_domain(0, NULL);

	r = ask(_metadata, &self->w[0], 'q');
	/* Never looser than it was. */
	EXPECT_EQ(PR_NETWORK_STRICT, r.mode);
	EXPECT_NE(domain, r.domain);
	if (variant->all_threads) {
		EXPECT_LT(own, r.domain);
	} else {
		EXPECT_EQ(own, r.domain);
	}
	EXPECT_EQ(r.domain, dn_domain(self->w[0].tid, &mode));
	EXPECT_EQ(PR_NETWORK_STRICT, mode);

	r = ask(_metadata, &self->w[1], 'q');
	EXPECT_EQ(variant->all_threads ? domain : 0, r.domain);
	stop(&self->w[0]);
	stop(&self->w[1]);
}

/*
 * The caller restricted itself alone first: its unrestricted siblings
 * join its new domain (nested in theirs, none), so that the process is
 * one domain and its denials are counted in one place.
 */
TEST_F(tsync, caller_restricted_before)
{
	long long before, domain;
	struct report r;

	start(_metadata, &self->w[0], WAIT_READ);
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	ASSERT_EQ(0, dn_restrict());
	before = dn_domain(0, NULL);
	ASSERT_LT(0, before);
	/* Control: the sibling is still unrestricted. */
	ASSERT_EQ(0, ask(_metadata, &self->w[0], 'q').domain);

	ASSERT_EQ(0, set(variant));
	domain = dn_domain(0, NULL);
	EXPECT_LT(before, domain);
	r = ask(_metadata, &self->w[0], 'q');
	EXPECT_EQ(variant->all_threads ? domain : 0, r.domain);
	EXPECT_EQ(variant->all_threads ? -EPERM : 0, r.sock);
	stop(&self->w[0]);
}

/* All or nothing: a sibling nested too deep fails the call for all. */
TEST_F(tsync, all_or_nothing)
{
	long long deep;
	struct report r;

	start(_metadata, &self->w[0], WAIT_READ);
	start(_metadata, &self->w[1], WAIT_READ);
	r = ask(_metadata, &self->w[0], 'd');
	ASSERT_EQ(0, r.err);
	deep = r.domain;
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));

	if (!variant->all_threads) {
		/* Control: the caller alone is not limited by the sibling. */
		EXPECT_EQ(0, set(variant));
		EXPECT_EQ(0, ask(_metadata, &self->w[1], 'q').mode);
		goto out;
	}
	EXPECT_EQ(-E2BIG, set(variant));
	EXPECT_EQ(0, dn_get());
	EXPECT_EQ(0, inet_socket());
	r = ask(_metadata, &self->w[1], 'q');
	EXPECT_EQ(0, r.mode);
	EXPECT_EQ(0, r.sock);
	EXPECT_EQ(deep, ask(_metadata, &self->w[0], 'q').domain);
out:
	stop(&self->w[0]);
	stop(&self->w[1]);
}

/* Threads that come and go during the call. */
struct churn {
	bool stop;
	pthread_mutex_t lock;
	int created;	/* updated atomically */
	int restricted_after, unrestricted_after;
	bool after;
};

static void *short_lived(void *const arg)
{
	struct churn *const c = arg;
	const bool after = __atomic_load_n(&c->after, __ATOMIC_ACQUIRE);
	const int mode = dn_get();

	pthread_mutex_lock(&c->lock);
	if (after) {
		if (mode > 0)
			c->restricted_after++;
		else
			c->unrestricted_after++;
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

static void *spawner(void *const arg)
{
	struct churn *const c = arg;
	pthread_t t;

	while (!__atomic_load_n(&c->stop, __ATOMIC_RELAXED)) {
		if (pthread_create(&t, NULL, short_lived, c))
			continue;
		pthread_join(t, NULL);
		__atomic_fetch_add(&c->created, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

TEST_F(tsync, threads_created_during_call)
{
	struct churn c = { .lock = PTHREAD_MUTEX_INITIALIZER };
	const struct timespec ms = { .tv_nsec = 1000000 };
	pthread_t spawners[2];
	long long domain;
	struct dirent *de;
	DIR *dir;
	int i, checked = 0;

	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&spawners[i], NULL, spawner, &c));
	while (__atomic_load_n(&c.created, __ATOMIC_RELAXED) < 20)
		nanosleep(&ms, NULL);
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	ASSERT_EQ(0, set(variant));
	__atomic_store_n(&c.after, true, __ATOMIC_RELEASE);
	domain = dn_domain(0, NULL);

	/* Every thread alive now is in the caller's domain. */
	dir = opendir("/proc/self/task");
	ASSERT_NE(NULL, dir);
	while ((de = readdir(dir))) {
		const pid_t tid = atoi(de->d_name);
		const long long d = tid > 0 ? dn_domain(tid, NULL) : -ENOENT;

		/* A short-lived thread may be gone already. */
		if (d == -ENOENT || d == -ESRCH)
			continue;
		checked++;
		if (variant->all_threads || tid == gettid_())
			EXPECT_EQ(domain, d);
	}
	closedir(dir);
	EXPECT_LE(3, checked);

	/* And so is every thread created afterwards. */
	i = __atomic_load_n(&c.created, __ATOMIC_RELAXED);
	while (__atomic_load_n(&c.created, __ATOMIC_RELAXED) < i + 20)
		nanosleep(&ms, NULL);
	__atomic_store_n(&c.stop, true, __ATOMIC_RELAXED);
	for (i = 0; i < 2; i++)
		pthread_join(spawners[i], NULL);
	TH_LOG("%d threads created in all", c.created);
	if (variant->all_threads) {
		EXPECT_EQ(0, c.unrestricted_after);
	} else {
		/* The spawners are unrestricted: so are their threads. */
		EXPECT_LT(0, c.unrestricted_after);
	}
}

/*
 * A sibling calls execve() while the caller restricts every thread.
 * execve() kills the caller, before or after its call completes: the
 * program must be restricted whenever the caller reported success.
 */
struct exec_race {
	int ok[2];
	int delay_us;		/* before execve() */
	int call_delay_us;	/* before the call */
};

static void *exec_probe(void *const arg)
{
	const struct exec_race *const race = arg;
	char *const argv[] = { "/proc/self/exe", NULL };
	char *const envp[] = { PROBE_ENV "=1", NULL };

	usleep(race->delay_us);
	execve("/proc/self/exe", argv, envp);
	_exit(98);
}

static int exec_race_child(void *const arg)
{
	struct exec_race *const race = arg;
	pthread_t t;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 97;
	if (pthread_create(&t, NULL, exec_probe, race))
		return 96;
	usleep(race->call_delay_us);
	if (!prctl(PR_SET_NETWORK, PR_NETWORK_OFF, PR_NETWORK_ALL_THREADS, 0,
		   0))
		if (write(race->ok[1], "y", 1) != 1)
			return 95;
	/* Wait to be killed by the execve(). */
	for (;;)
		pause();
}

TEST_F(tsync, sibling_execve)
{
	int round, restricted = 0, unrestricted = 0;

	if (!variant->all_threads)
		SKIP(return, "only with PR_NETWORK_ALL_THREADS");
	for (round = 0; round < 40; round++) {
		struct exec_race race = {
			.delay_us = (round % 10) * 50,
			.call_delay_us = (round / 10) * 150,
		};
		char ok;
		int status;

		ASSERT_EQ(0, pipe2(race.ok, O_CLOEXEC | O_NONBLOCK));
		status = in_child(exec_race_child, &race);
		ASSERT_LE(0, status);
		ASSERT_GE(PR_NETWORK_OFF, status);
		if (status)
			restricted++;
		else
			unrestricted++;
		/* Success reported: the program runs restricted. */
		if (read(race.ok[0], &ok, 1) == 1)
			EXPECT_EQ(PR_NETWORK_OFF, status);
		close(race.ok[0]);
		close(race.ok[1]);
	}
	TH_LOG("execve won %d times, the call %d times", unrestricted,
	       restricted);
}

/*
 * A sibling that cannot run its task_work (the parent side of vfork()
 * waits uninterruptibly for its child) holds the call up.  A signal to
 * the caller interrupts the call: the handler runs with nothing changed,
 * and the call is restarted and completes once the sibling can run.
 */
static struct {
	int release[2];
	int handled;
	int mode_in_handler;
	long long domain_in_handler;
	pid_t other;
} intr;

static void on_alarm(const int sig)
{
	intr.handled++;
	intr.mode_in_handler = dn_get();
	intr.domain_in_handler = dn_domain(intr.other, NULL);
	/* Let the vfork() child go on. */
	if (write(intr.release[1], "g", 1) != 1)
		intr.handled = -100;
}

static void *vforker(void *const arg)
{
	pid_t pid;
	char c;

	pid = vfork();
	if (pid == 0) {
		/* The parent thread waits until this child exits. */
		if (read(intr.release[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return (void *)(long)dn_get();
}

TEST_F(tsync, interrupted)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	const struct timespec ms = { .tv_nsec = 100000000 };
	sigset_t alrm;
	pthread_t t;
	void *mode;

	if (!variant->all_threads)
		SKIP(return, "only with PR_NETWORK_ALL_THREADS");
	/* SIGALRM goes to the caller: the other threads block it. */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	ASSERT_EQ(0, pthread_sigmask(SIG_BLOCK, &alrm, NULL));
	start(_metadata, &self->w[0], WAIT_READ);
	intr.other = self->w[0].tid;
	ASSERT_EQ(0, pipe2(intr.release, O_CLOEXEC));
	ASSERT_EQ(0, sigaction(SIGALRM, &sa, NULL));
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	ASSERT_EQ(0, pthread_create(&t, NULL, vforker, NULL));
	nanosleep(&ms, NULL);	/* let it block in vfork() */
	ASSERT_EQ(0, pthread_sigmask(SIG_UNBLOCK, &alrm, NULL));

	alarm(1);
	ASSERT_EQ(0, all_threads(variant->mode));
	/* The handler ran while the call waited, with nothing changed. */
	EXPECT_EQ(1, intr.handled);
	EXPECT_EQ(0, intr.mode_in_handler);
	EXPECT_EQ(0, intr.domain_in_handler);
	/* Then the restarted call completed for every thread. */
	EXPECT_EQ(variant->mode, dn_get());
	ASSERT_EQ(0, pthread_join(t, &mode));
	EXPECT_EQ(variant->mode, (long)mode);
	EXPECT_EQ(dn_domain(0, NULL), ask(_metadata, &self->w[0], 'q').domain);
	stop(&self->w[0]);
}

/* Only one thread: the same as without the flag. */
TEST_F(tsync, single_thread)
{
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	EXPECT_EQ(0, set(variant));
	EXPECT_EQ(variant->mode, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
}

/*
 * Two threads calling at once, seven times each: the calls are
 * serialised, so that each completes and nests in the one before,
 * instead of interrupting and restarting each other.  A watchdog turns a
 * hang into a failure.
 */
static pthread_barrier_t both;

static void *racer(void *const arg)
{
	long i, err = 0;

	pthread_barrier_wait(&both);
	for (i = 0; i < 7 && !err; i++)
		err = dn_restrict(PR_NETWORK_OFF, PR_NETWORK_ALL_THREADS);
	return (void *)err;
}

static int two_callers(void *const arg)
{
	long long first, domain;
	pthread_t t[2];
	void *ret;
	int i;

	alarm(120);
	first = dn_domain(0, NULL);
	if (pthread_barrier_init(&both, NULL, 2))
		return 10;
	for (i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, racer, NULL))
			return 11;
	for (i = 0; i < 2; i++)
		if (pthread_join(t[i], &ret) || ret)
			return 12 + i;
	domain = dn_domain(0, NULL);
	/* Fourteen nested domains: a fifteenth and sixteenth fit, no more. */
	if (first != 0 || domain <= 0 || dn_get() != PR_NETWORK_OFF)
		return 14;
	if (dn_restrict() || dn_restrict())
		return 15;
	return dn_restrict() == -E2BIG ? 0 : 16;
}

TEST(two_callers_at_once)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	EXPECT_EQ(0, in_child(two_callers, NULL));
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - restriction domains, modes, introspection and
 * the denial counters
 *
 * Each PR_SET_NETWORK nests the caller in a new domain, at least as
 * strict as the one it was in.  /proc/PID/attr/disablenetwork/current
 * shows the mode and the domain's id, .../denials the domain's denial
 * count and its first denial.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <linux/capability.h>
#include <sys/syscall.h>

#include "common.h"

#define NOBODY 65534

FIXTURE(domain) {};

FIXTURE_VARIANT(domain)
{
	unsigned long mode;
	const char *name;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(domain, off) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
	.name = "off",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(domain, strict) {
	/* clang-format on */
	.mode = PR_NETWORK_STRICT,
	.name = "strict",
};

FIXTURE_SETUP(domain)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
}

FIXTURE_TEARDOWN(domain)
{
}

TEST_F(domain, unrestricted)
{
	char buf[128];

	EXPECT_EQ(0, dn_get());
	EXPECT_LT(0, dn_attr(0, "current", buf, sizeof(buf)));
	EXPECT_STREQ("unrestricted", buf);
	EXPECT_LT(0, dn_attr(0, "denials", buf, sizeof(buf)));
	EXPECT_STREQ("0", buf);
	EXPECT_EQ(0, inet_socket());
}

TEST_F(domain, mode_and_id)
{
	char buf[128], want[64];
	long long id;
	int mode;

	RESTRICT(variant->mode);
	EXPECT_EQ(variant->mode, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
	id = dn_domain(0, &mode);
	ASSERT_LT(0, id);
	EXPECT_EQ(variant->mode, mode);
	/* Exactly one line: "MODE ID". */
	EXPECT_LT(0, dn_attr(0, "current", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "%s %lld", variant->name, id);
	EXPECT_STREQ(want, buf);
}

/* Each successful call nests a new domain, with a new id. */
TEST_F(domain, each_call_nests)
{
	long long first, second;

	RESTRICT(variant->mode);
	first = dn_domain(0, NULL);
	RESTRICT(variant->mode);
	second = dn_domain(0, NULL);
	EXPECT_LT(0, first);
	EXPECT_LT(first, second);
	EXPECT_EQ(variant->mode, dn_get());
}

/* A nested domain is at least as strict as its parent. */
TEST_F(domain, nested_mode_order)
{
	int mode;

	RESTRICT(variant->mode);
	/* OFF inside STRICT succeeds and keeps STRICT. */
	EXPECT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	EXPECT_EQ(variant->mode, dn_get());
	EXPECT_LT(0, dn_domain(0, &mode));
	EXPECT_EQ(variant->mode, mode);
	/* STRICT inside OFF gives STRICT. */
	EXPECT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_STRICT, 0, 0, 0));
	EXPECT_EQ(PR_NETWORK_STRICT, dn_get());
}

TEST_F(domain, depth_limit)
{
	long long deepest;
	int i;

	for (i = 0; i < 16; i++)
		RESTRICT(variant->mode);
	deepest = dn_domain(0, NULL);
	EXPECT_EQ(-1, prctl(PR_SET_NETWORK, variant->mode, 0, 0, 0));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_EQ(-1, prctl(PR_SET_NETWORK, PR_NETWORK_STRICT,
			    PR_NETWORK_ALL_THREADS, 0, 0));
	EXPECT_EQ(E2BIG, errno);
	/* The caller is left as it was. */
	EXPECT_EQ(deepest, dn_domain(0, NULL));
	EXPECT_EQ(variant->mode, dn_get());
}

/* A rejected call leaves the caller exactly as it was. */
TEST_F(domain, bad_arguments_change_nothing)
{
	long long id;

	RESTRICT(variant->mode);
	id = dn_domain(0, NULL);
	EXPECT_EQ(-1, prctl(PR_SET_NETWORK, 3, 0, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, prctl(PR_SET_NETWORK, PR_NETWORK_STRICT, 2, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, prctl(PR_SET_NETWORK, PR_NETWORK_STRICT, 0, 1, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(id, dn_domain(0, NULL));
	EXPECT_EQ(variant->mode, dn_get());
}

static int child_domain(void *const arg)
{
	const long long parent = *(const long long *)arg;

	return dn_domain(0, NULL) == parent && dn_get() > 0 ? 0 : 1;
}

/* fork() shares the domain; it does not nest a new one. */
TEST_F(domain, fork_shares_domain)
{
	long long id;

	RESTRICT(variant->mode);
	id = dn_domain(0, NULL);
	EXPECT_EQ(0, in_child(child_domain, &id));
}

/* Read a pid's attr file as it is: 0 or -errno. */
static int read_pid_attr(const pid_t pid, const char *const file)
{
	char path[96], buf[128];
	int fd, ret;

	snprintf(path, sizeof(path), "/proc/%d/attr/%s", pid, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = read(fd, buf, sizeof(buf));
	ret = ret < 0 ? -errno : 0;
	close(fd);
	return ret;
}

/* A task of @uid, returned once it has its uid and is dumpable again. */
static pid_t sleeper(const uid_t uid)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe2(ready, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		if (uid && (setresgid(uid, uid, uid) ||
			    setresuid(uid, uid, uid)))
			_exit(1);
		/* Changing uid made it non-dumpable: no ptrace at all. */
		if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ||
		    write(ready[1], "r", 1) != 1)
			_exit(2);
		pause();
		_exit(0);
	}
	close(ready[1]);
	if (pid > 0 && read(ready[0], &c, 1) != 1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(ready[0]);
	return pid;
}

static int read_as_nobody(void *const arg)
{
	const pid_t *const pids = arg;

	if (setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		return 10;
	/* Its own files. */
	if (read_pid_attr(getpid(), "disablenetwork/current"))
		return 11;
	/* Control: a task of the same user. */
	if (read_pid_attr(pids[1], "disablenetwork/current") ||
	    read_pid_attr(pids[1], "disablenetwork/denials"))
		return 12;
	/* A root task it may not ptrace. */
	if (read_pid_attr(pids[0], "disablenetwork/current") != -EACCES ||
	    read_pid_attr(pids[0], "disablenetwork/denials") != -EACCES)
		return 13;
	return 0;
}

/* Another task's details need ptrace read access to it. */
TEST_F(domain, other_task_needs_ptrace_read)
{
	pid_t pids[2];

	pids[0] = sleeper(0);
	pids[1] = sleeper(NOBODY);
	ASSERT_LT(0, pids[0]);
	ASSERT_LT(0, pids[1]);
	/* Root may read both. */
	EXPECT_EQ(0, read_pid_attr(pids[0], "disablenetwork/current"));
	EXPECT_EQ(0, in_child(read_as_nobody, pids));
	kill(pids[0], SIGKILL);
	kill(pids[1], SIGKILL);
	waitpid(pids[0], NULL, 0);
	waitpid(pids[1], NULL, 0);
}

/* The files are read-only, to everyone. */
TEST_F(domain, read_only)
{
	int fd;

	RESTRICT(variant->mode);
	fd = open("/proc/self/attr/disablenetwork/current",
		  O_WRONLY | O_CLOEXEC);
	/* Root passes the mode bits; the write itself fails. */
	if (fd >= 0) {
		EXPECT_EQ(-1, write(fd, "unrestricted", 12));
		close(fd);
	}
	EXPECT_EQ(variant->mode, dn_get());
}

/* The shared /proc/PID/attr/current is not the module's. */
TEST_F(domain, legacy_current_unchanged)
{
	char before[256] = {}, after[256] = {};
	int fd, len_before, len_after;

	fd = open("/proc/self/attr/current", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	len_before = read(fd, before, sizeof(before) - 1);
	len_before = len_before < 0 ? -errno : len_before;
	close(fd);

	RESTRICT(variant->mode);
	fd = open("/proc/self/attr/current", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	len_after = read(fd, after, sizeof(after) - 1);
	len_after = len_after < 0 ? -errno : len_after;
	close(fd);

	TH_LOG("/proc/self/attr/current: %d '%s'", len_before, before);
	EXPECT_EQ(len_before, len_after);
	EXPECT_STREQ(before, after);
	EXPECT_EQ(NULL, strstr(after, variant->name));
	EXPECT_EQ(NULL, strstr(after, "unrestricted"));
}

static int deny_once(void *const arg)
{
	(void)arg;
	if (dn_restrict())
		return 1;
	return inet_socket() == -EPERM ? 0 : 2;
}

TEST_F(domain, denials)
{
	char buf[256], want[128];
	const char *const comm = "dn-denials";

	ASSERT_EQ(0, prctl(PR_SET_NAME, comm, 0, 0, 0));
	/* Control: an unrestricted task counts nothing. */
	EXPECT_EQ(0, inet_socket());
	RESTRICT(variant->mode);
	EXPECT_LT(0, dn_attr(0, "denials", buf, sizeof(buf)));
	EXPECT_STREQ("0", buf);

	EXPECT_EQ(-EPERM, inet_socket());
	EXPECT_LT(0, dn_attr(0, "denials", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "1 op=socket family=inet comm=%s", comm);
	EXPECT_STREQ(want, buf);

	/* Counted again; the first denial stays. */
	EXPECT_EQ(-1, socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	EXPECT_LT(0, dn_attr(0, "denials", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "2 op=socket family=inet comm=%s", comm);
	EXPECT_STREQ(want, buf);

	/* A child nested deeper counts in this domain too. */
	EXPECT_EQ(0, in_child(deny_once, NULL));
	EXPECT_LT(0, dn_attr(0, "denials", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "3 op=socket family=inet comm=%s", comm);
	EXPECT_STREQ(want, buf);
}

static int nest_and_read(void *const arg)
{
	char buf[64];

	(void)arg;
	if (dn_restrict())
		return 1;
	/* A fresh domain: the enclosing one's denials are not its own. */
	if (dn_attr(0, "denials", buf, sizeof(buf)) < 0 || strcmp(buf, "0"))
		return 2;
	return 0;
}

TEST_F(domain, denials_not_counted_upwards_only)
{
	RESTRICT(variant->mode);
	EXPECT_EQ(-EPERM, inet_socket());
	EXPECT_EQ(0, in_child(nest_and_read, NULL));
}

/* A command name cannot break the one-line record. */
TEST_F(domain, denials_comm_one_line)
{
	char buf[256];

	ASSERT_EQ(0, prctl(PR_SET_NAME, "a\nb\tc", 0, 0, 0));
	RESTRICT(variant->mode);
	EXPECT_EQ(-EPERM, inet_socket());
	EXPECT_LT(0, dn_attr(0, "denials", buf, sizeof(buf)));
	EXPECT_STREQ("1 op=socket family=inet comm=a?b?c", buf);
}

static int nest_and_fork(void *const arg)
{
	const int depth = *(const int *)arg;
	int i, status;
	pid_t pid;

	for (i = 0; i < depth; i++)
		if (dn_restrict(i % 2 ? PR_NETWORK_STRICT : PR_NETWORK_OFF))
			return 1;
	pid = fork();
	if (pid == 0)
		_exit(dn_restrict() ? 1 : 0);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status)
		return 2;
	return 0;
}

/*
 * Domains are freed when their last credential goes: count the domains
 * alive before and after many restricted processes come and go.
 */
TEST_F(domain, no_leak)
{
	long before, after;
	int i, depth;

	before = dn_live_domains();
	if (before < 0)
		SKIP(return, "no %s (needs the KUnit option)", DN_LIVE_DOMAINS);
	for (i = 0; i < 30; i++) {
		depth = 1 + i % 4;
		ASSERT_EQ(0, in_child(nest_and_fork, &depth));
	}
	after = dn_wait_live_domains(before, 5000);
	TH_LOG("live domains: %ld before, %ld after", before, after);
	EXPECT_EQ(before, after);

	/* Control: the counter does see a live domain. */
	RESTRICT(variant->mode);
	EXPECT_EQ(before + 1, dn_live_domains());
}

TEST_HARNESS_MAIN

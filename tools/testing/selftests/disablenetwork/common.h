/* SPDX-License-Identifier: GPL-2.0 */
/*
 * disablenetwork test helpers
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SELFTESTS_DISABLENETWORK_COMMON_H
#define _SELFTESTS_DISABLENETWORK_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <linux/prctl.h>
#include <net/if.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"

#ifndef PR_SET_NETWORK
#define PR_SET_NETWORK 0x4e455453
#define PR_GET_NETWORK 0x4e455447
#define PR_NETWORK_OFF 1
#endif

/* 0 on success, or -errno: results that tests can compare. */
#define RET(expr) ((expr) < 0 ? -errno : 0)

/* Is the module enabled (lsm= or CONFIG_LSM) in the running kernel? */
static inline bool dn_enabled(void)
{
	char buf[4096] = {};
	char *tok, *save;
	ssize_t len;
	int fd;

	fd = open("/sys/kernel/security/lsm", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return false;
	for (tok = strtok_r(buf, ",\n", &save); tok;
	     tok = strtok_r(NULL, ",\n", &save))
		if (!strcmp(tok, "disablenetwork"))
			return true;
	return false;
}

static inline int dn_get(void)
{
	return prctl(PR_GET_NETWORK, 0, 0, 0, 0);
}

/* Restrict the calling thread, as an unprivileged program would. */
static inline int dn_restrict(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	return RET(prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
}

#define RESTRICT() ASSERT_EQ(0, dn_restrict())

/*
 * Checks the restricted result @res of an operation against the result
 * @ctl of the same operation by an unrestricted task.  An allowed
 * operation must give the same result.  A denied one must give -EPERM or,
 * where the operation fails even unrestricted, that same error.
 */
static inline void expect_result(struct __test_metadata *const _metadata,
				 const int ctl, const int res,
				 const bool denied)
{
	if (denied && res == -EPERM)
		return;
	if (denied)
		EXPECT_NE(0, res);
	EXPECT_EQ(ctl, res);
}

/* A private network namespace with its loopback up. */
static inline void setup_loopback(struct __test_metadata *const _metadata)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd;

	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ioctl(fd, SIOCGIFFLAGS, &ifr));
	ifr.ifr_flags |= IFF_UP;
	ASSERT_EQ(0, ioctl(fd, SIOCSIFFLAGS, &ifr));
	close(fd);
}

/* Run fn() in a child and return its exit status, or -1 if it crashed. */
static inline int in_child(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn(arg));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

#endif /* _SELFTESTS_DISABLENETWORK_COMMON_H */

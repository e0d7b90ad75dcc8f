/* SPDX-License-Identifier: GPL-2.0 */
/*
 * disablenetwork test helpers
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SELFTESTS_DISABLENETWORK_COMMON_H
#define _SELFTESTS_DISABLENETWORK_COMMON_H

#include "../kselftest_harness.h"
#include "dn.h"

#define RESTRICT(...) ASSERT_EQ(0, dn_restrict(__VA_ARGS__))

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

/* Writes @value to the sysctl file @path, or reports why it could not. */
static inline void write_sysctl(const char *const path, const char *const value)
{
	const int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (write(fd, value, strlen(value)) < 0)
			perror(path);
		close(fd);
	}
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

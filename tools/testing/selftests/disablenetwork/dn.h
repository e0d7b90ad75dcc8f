/* SPDX-License-Identifier: GPL-2.0 */
/*
 * disablenetwork test helpers that need no test harness
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SELFTESTS_DISABLENETWORK_DN_H
#define _SELFTESTS_DISABLENETWORK_DN_H

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

/* Can the caller create an AF_INET socket?  0, or -errno. */
static inline int inet_socket(void)
{
	const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
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

#endif /* _SELFTESTS_DISABLENETWORK_DN_H */

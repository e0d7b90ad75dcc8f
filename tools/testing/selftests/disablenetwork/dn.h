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
#include <time.h>
#include <unistd.h>

#ifndef PR_SET_NETWORK
#define PR_SET_NETWORK 0x4e455453
#define PR_GET_NETWORK 0x4e455447
#define PR_NETWORK_OFF 1
#endif
#ifndef PR_NETWORK_STRICT
#define PR_NETWORK_STRICT 2
#define PR_NETWORK_ALL_THREADS 1
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

struct dn_how {
	unsigned long mode;	/* 0 means PR_NETWORK_OFF */
	unsigned long flags;
};

static inline int dn_restrict_how(const struct dn_how how)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	return RET(prctl(PR_SET_NETWORK, how.mode ? how.mode : PR_NETWORK_OFF,
			 how.flags, 0, 0));
}

/*
 * Restrict the calling thread, as an unprivileged program would:
 * dn_restrict() for PR_NETWORK_OFF, dn_restrict(MODE) or
 * dn_restrict(MODE, FLAGS).  0, or -errno.
 */
#define dn_restrict(...) dn_restrict_how((struct dn_how){ __VA_ARGS__ })

/*
 * Read /proc/self/task/TID/attr/disablenetwork/NAME (tid 0: the caller)
 * into @buf, without the newline.  The length, or -errno.
 */
static inline int dn_attr(const pid_t tid, const char *const name,
			  char *const buf, const size_t size)
{
	char path[96];
	ssize_t len;
	int fd;

	if (tid)
		snprintf(path, sizeof(path),
			 "/proc/self/task/%d/attr/disablenetwork/%s", tid, name);
	else
		snprintf(path, sizeof(path),
			 "/proc/thread-self/attr/disablenetwork/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, size - 1);
	if (len < 0)
		len = -errno;
	close(fd);
	if (len < 0)
		return len;
	buf[len] = '\0';
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	return len;
}

/*
 * The domain id of thread @tid (0: the caller), 0 if unrestricted, or
 * -errno.  @mode, if not NULL, gets the mode the file names.
 */
static inline long long dn_domain(const pid_t tid, int *const mode)
{
	char buf[64], name[16];
	unsigned long long id;
	int len = dn_attr(tid, "current", buf, sizeof(buf));

	if (len < 0)
		return len;
	if (mode)
		*mode = 0;
	if (!strcmp(buf, "unrestricted"))
		return 0;
	if (sscanf(buf, "%15s %llu", name, &id) != 2 || !id)
		return -EPROTO;
	if (mode)
		*mode = !strcmp(name, "strict") ? PR_NETWORK_STRICT :
			!strcmp(name, "off") ? PR_NETWORK_OFF : -1;
	return id;
}

#define DN_LIVE_DOMAINS "/sys/module/disablenetwork/parameters/live_domains"

/*
 * Domains the kernel has not freed yet (test kernels, with the KUnit
 * option, show the count), or -errno.
 */
static inline long dn_live_domains(void)
{
	char buf[32] = {};
	const int fd = open(DN_LIVE_DOMAINS, O_RDONLY | O_CLOEXEC);
	ssize_t len;

	if (fd < 0)
		return -errno;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return len > 0 ? atol(buf) : -EIO;
}

/*
 * Waits up to @ms milliseconds for the count of live domains to come
 * down to @want (credentials are freed after an RCU grace period), and
 * returns the last count.
 */
static inline long dn_wait_live_domains(const long want, const int ms)
{
	const struct timespec tick = { .tv_nsec = 10000000 };
	long live = dn_live_domains();
	int i;

	for (i = 0; i < ms / 10 && live != want; i++) {
		nanosleep(&tick, NULL);
		live = dn_live_domains();
	}
	return live;
}

#endif /* _SELFTESTS_DISABLENETWORK_DN_H */

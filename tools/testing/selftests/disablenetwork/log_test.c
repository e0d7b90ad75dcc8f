// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - the denial record in the kernel log
 *
 * Each denial leaves one record with key=value fields: op, family (by
 * name), domain, pid and comm.  Without audit it is a rate-limited kernel
 * log line; with audit enabled, an audit record of type 1499
 * (AUDIT_DISABLENETWORK_DENIED) instead, never both.  An allowed
 * operation logs nothing.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <time.h>

#include "common.h"

FIXTURE(log) {
	int kmsg;
};

FIXTURE_SETUP(log)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	self->kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, self->kmsg);
	/* Only what is logged from now on. */
	ASSERT_LE(0, lseek(self->kmsg, 0, SEEK_END));
}

FIXTURE_TEARDOWN(log)
{
	close(self->kmsg);
}

enum { LOGGED_PRINTK = 1, LOGGED_AUDIT = 2 };

/*
 * Which records containing @needle /dev/kmsg holds now: the module's own
 * line, an audit record (printed by the kernel when no audit daemon
 * runs), or both.
 */
static int logged(const int kmsg, const char *const needle)
{
	char rec[2048];
	ssize_t len;
	int found = 0;

	while ((len = read(kmsg, rec, sizeof(rec) - 1)) > 0 || errno == EPIPE) {
		if (len <= 0)
			continue;
		rec[len] = '\0';
		if (!strstr(rec, needle))
			continue;
		if (strstr(rec, "disablenetwork: denied "))
			found |= LOGGED_PRINTK;
		if (strstr(rec, "type=1499 "))
			found |= LOGGED_AUDIT;
	}
	return found;
}

TEST_F(log, denial_is_logged)
{
	char needle[160];
	long long domain;
	int fd, tries, found = 0;

	/* Control: an allowed socket() logs nothing. */
	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	close(fd);

	RESTRICT();
	domain = dn_domain(0, NULL);
	ASSERT_LT(0, domain);
	/* The family by name, the domain, and comm last. */
	snprintf(needle, sizeof(needle),
		 "op=socket family=inet6 domain=%lld pid=%d comm=", domain,
		 getpid());
	EXPECT_EQ(0, logged(self->kmsg, needle));

	/* Denials are rate-limited (5 s): retry past one interval. */
	for (tries = 0; tries < 14; tries++) {
		const struct timespec half = { .tv_nsec = 500000000 };

		ASSERT_EQ(-1, socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
		ASSERT_EQ(EPERM, errno);
		found |= logged(self->kmsg, needle);
		if (found)
			break;
		nanosleep(&half, NULL);
	}
	EXPECT_GT(14, tries);
	/* One record per denial: the audit record or the line, never both. */
	nanosleep(&(struct timespec){ .tv_nsec = 200000000 }, NULL);
	found |= logged(self->kmsg, needle);
	TH_LOG("recorded as %s", found == LOGGED_AUDIT ? "an audit record" :
	       found == LOGGED_PRINTK ? "a kernel log line" : "both");
	EXPECT_TRUE(found == LOGGED_PRINTK || found == LOGGED_AUDIT);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - the denial record in the kernel log
 *
 * Each denial logs one rate-limited line with key=value fields: op,
 * family, pid and comm.  An allowed operation logs nothing.
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

/* Is a record containing @needle in what /dev/kmsg holds now? */
static bool logged(const int kmsg, const char *const needle)
{
	char rec[2048];
	ssize_t len;
	bool found = false;

	while ((len = read(kmsg, rec, sizeof(rec) - 1)) > 0 || errno == EPIPE) {
		if (len <= 0)
			continue;
		rec[len] = '\0';
		if (strstr(rec, needle))
			found = true;
	}
	return found;
}

TEST_F(log, denial_is_logged)
{
	char needle[128];
	int fd, tries;

	snprintf(needle, sizeof(needle),
		 "disablenetwork: denied op=socket family=%d pid=%d comm=",
		 AF_INET6, getpid());

	/* Control: an allowed socket() logs nothing. */
	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	close(fd);
	EXPECT_FALSE(logged(self->kmsg, needle));

	RESTRICT();
	/* Denials are rate-limited (5 s): retry past one interval. */
	for (tries = 0; tries < 14; tries++) {
		const struct timespec half = { .tv_nsec = 500000000 };

		ASSERT_EQ(-1, socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
		ASSERT_EQ(EPERM, errno);
		if (logged(self->kmsg, needle))
			break;
		nanosleep(&half, NULL);
	}
	EXPECT_GT(14, tries);
}

TEST_HARNESS_MAIN

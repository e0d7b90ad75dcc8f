// SPDX-License-Identifier: GPL-2.0
/*
 * nonet - run a command without new network access
 *
 * Sets no_new_privs, calls prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0)
 * and executes the command.  See nonet.1.
 *
 * Exit status follows env(1) and timeout(1): 125 when nonet itself fails,
 * 126 when the command cannot run, 127 when it is not found.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/prctl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#ifndef PR_SET_NETWORK
#define PR_SET_NETWORK 0x4e455453
#define PR_GET_NETWORK 0x4e455447
#define PR_NETWORK_OFF 1
#endif

#define NONET_VERSION "1.0"
#define EXIT_FAILED 125
#define EXIT_CANNOT_RUN 126
#define EXIT_NOT_FOUND 127
#define LSM_LIST "/sys/kernel/security/lsm"

static const char usage[] =
	"Usage: nonet [OPTIONS] [--] COMMAND [ARGS...]\n"
	"Run COMMAND without new network access (disablenetwork LSM).\n"
	"\n"
	"  --status   tell whether this process is already restricted\n"
	"             (exit 0 if restricted, 1 if not)\n"
	"  --check    tell whether the kernel supports and enables\n"
	"             disablenetwork (exit 0 if so, 1 if not)\n"
	"  --help     show this help and exit\n"
	"  --version  show the version and exit\n"
	"\n"
	"Exit status: that of COMMAND, or 125 if nonet fails, 126 if COMMAND\n"
	"cannot run, 127 if COMMAND is not found.\n";

/* The active LSM list, or "" if securityfs cannot tell. */
static const char *lsm_list(void)
{
	static char buf[1024];
	ssize_t len = 0;
	int fd;

	fd = open(LSM_LIST, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	buf[len > 0 ? len : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

static bool lsm_listed(const char *const list)
{
	const size_t n = strlen("disablenetwork");
	const char *p;

	for (p = list; (p = strstr(p, "disablenetwork")); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

static void not_active(void)
{
	const char *const list = lsm_list();

	fprintf(stderr,
		"nonet: disablenetwork is not active in this kernel: boot with lsm=%s%sdisablenetwork\n",
		list, *list ? "," : "");
}

static int check(void)
{
	const char *const list = lsm_list();
	const bool listed = lsm_listed(list);
	const bool works = prctl(PR_GET_NETWORK, 0, 0, 0, 0) >= 0;

	if (listed && works) {
		printf("disablenetwork is active (lsm=%s)\n", list);
		return 0;
	}
	if (works)
		printf("disablenetwork answers, but %s does not list it\n",
		       LSM_LIST);
	else
		not_active();
	return 1;
}

static int status(void)
{
	const int ret = prctl(PR_GET_NETWORK, 0, 0, 0, 0);

	if (ret < 0) {
		if (errno == EINVAL) {
			not_active();
		} else {
			fprintf(stderr, "nonet: PR_GET_NETWORK: %s\n",
				strerror(errno));
		}
		return EXIT_FAILED;
	}
	puts(ret == PR_NETWORK_OFF ? "restricted" : "unrestricted");
	return ret == PR_NETWORK_OFF ? 0 : 1;
}

static int bad_usage(const char *const what, const char *const arg)
{
	fprintf(stderr, "nonet: %s: %s\n%s", what, arg, usage);
	return EXIT_FAILED;
}

int main(int argc, char *argv[])
{
	int i = 1;

	if (argc == 1)
		return bad_usage("missing command", "nothing to run");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		puts("nonet " NONET_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--status") || !strcmp(argv[1], "--check")) {
		if (argc > 2)
			return bad_usage("unexpected argument", argv[2]);
		return argv[1][2] == 's' ? status() : check();
	}
	if (!strcmp(argv[1], "--"))
		i++;
	else if (argv[1][0] == '-')
		return bad_usage("unknown option", argv[1]);
	if (i >= argc)
		return bad_usage("missing command", "nothing to run");

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		fprintf(stderr, "nonet: cannot set no_new_privs: %s\n",
			strerror(errno));
		return EXIT_FAILED;
	}
	if (prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0)) {
		if (errno == EINVAL)
			not_active();
		else
			fprintf(stderr, "nonet: PR_SET_NETWORK: %s\n",
				strerror(errno));
		return EXIT_FAILED;
	}

	execvp(argv[i], argv + i);
	fprintf(stderr, "nonet: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
}

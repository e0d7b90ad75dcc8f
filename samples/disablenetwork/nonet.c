// SPDX-License-Identifier: GPL-2.0
/*
 * nonet - run a command without new network access
 *
 * Sets no_new_privs, calls prctl(PR_SET_NETWORK, mode, 0, 0, 0) and
 * executes the command in place, so that it keeps nonet's PID (systemd's
 * NotifyAccess=main and socket activation's LISTEN_PID depend on it).
 * See nonet.1.
 *
 * Exit status follows env(1) and timeout(1): 125 when nonet itself fails,
 * 126 when the command cannot run, 127 when it is not found.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/prctl.h>
#include <linux/types.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

/* Debian 12's headers have none of these, nor <linux/lsm.h>. */
#ifndef PR_SET_NETWORK
#define PR_SET_NETWORK 0x4e455453
#define PR_GET_NETWORK 0x4e455447
#endif
#ifndef PR_NETWORK_OFF
#define PR_NETWORK_OFF 1
#endif
#ifndef PR_NETWORK_STRICT
#define PR_NETWORK_STRICT 2
#endif
#ifndef LSM_ID_DISABLENETWORK
#define LSM_ID_DISABLENETWORK 0x444e4554
#endif
#if !defined(__NR_lsm_list_modules) && (defined(__x86_64__) || \
	defined(__i386__) || defined(__aarch64__) || defined(__arm__) || \
	defined(__riscv) || defined(__loongarch__) || defined(__powerpc__) || \
	defined(__s390__))
#define __NR_lsm_list_modules 461
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NONET_VERSION "1.1"
#define EXIT_FAILED 125
#define EXIT_CANNOT_RUN 126
#define EXIT_NOT_FOUND 127
#define SECURITYFS_LSM "/sys/kernel/security/lsm"
#define ATTR_DIR "attr/disablenetwork"
#define CONFIG_NAME "CONFIG_SECURITY_DISABLENETWORK"

static const char usage[] =
	"Usage: nonet [-s] [-q] [--] COMMAND [ARG]...\n"
	"  or:  nonet --status [PID]\n"
	"  or:  nonet --check [-v]\n"
	"Run COMMAND without new network access (the disablenetwork LSM).\n"
	"\n"
	"  -s, --strict    also confine pathname AF_UNIX connections and\n"
	"                  ptrace-read access to COMMAND's own domain\n"
	"  -q, --quiet     do not report denials when COMMAND fails\n"
	"      --status    tell whether this process (or PID) is restricted,\n"
	"                  and how; exit 0 if restricted, 1 if not\n"
	"      --check     tell whether the kernel enables disablenetwork and,\n"
	"                  if not, what to do; exit 0 if enabled, 1 if not\n"
	"  -v, --verbose   with --check: say where each fact came from\n"
	"  -h, --help      show this help and exit\n"
	"      --version   show the version and exit\n"
	"\n"
	"Exit status: that of COMMAND, or 125 if nonet fails, 126 if COMMAND\n"
	"cannot run, 127 if COMMAND is not found.\n";

static void try_help(const char *const fmt, const char *const arg)
{
	fputs("nonet: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'nonet --help' for more information.\n", stderr);
	exit(EXIT_FAILED);
}

/* Read a small file into @buf, without its trailing newline; -errno. */
static int read_line_at(const int dirfd, const char *const path,
			char *const buf, const size_t size)
{
	ssize_t len;
	int fd, err;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, size - 1);
	err = errno;
	close(fd);
	if (len < 0)
		return -err;
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int read_line(const char *const path, char *const buf,
		     const size_t size)
{
	return read_line_at(AT_FDCWD, path, buf, size);
}

/* What nonet --check found out, and from where. */
struct probe {
	int mode;		/* PR_GET_NETWORK, or -1 */
	int mode_errno;
	char list[512];		/* active LSMs, "" if unknown */
	bool list_named;	/* every id in list has a name */
	const char *list_from;	/* the source of list */
	char syscall_why[96];	/* why lsm_list_modules(2) did not answer */
	char securityfs_why[96];
	char cmdline[512];	/* the lsm= of /proc/cmdline, "" if none */
	int built;		/* 1 built in, 0 not, -1 cannot tell */
	char built_from[400];
};

/* Names of the LSM ids of <linux/lsm.h>, which Debian 12 does not ship. */
static const char *lsm_name(const __u64 id)
{
	static const char *const names[] = {
		"capability", "selinux", "smack", "tomoyo", "apparmor",
		"yama", "loadpin", "safesetid", "lockdown", "bpf",
		"landlock", "ima", "evm", "ipe",
	};

	if (id == LSM_ID_DISABLENETWORK)
		return "disablenetwork";
	if (id >= 100 && id < 100 + ARRAY_SIZE(names))
		return names[id - 100];
	return NULL;
}

static bool list_has(const char *const list, const char *const name)
{
	const size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

/* The active LSMs from lsm_list_modules(2), Linux 6.8 and later. */
static bool list_from_syscall(struct probe *const pr)
{
#ifdef __NR_lsm_list_modules
	__u64 ids[64];
	__u32 size = sizeof(ids);
	long n, i;

	n = syscall(__NR_lsm_list_modules, ids, &size, 0);
	if (n < 0) {
		/*
		 * ENOSYS: before 6.8, or a seccomp profile that does not know
		 * the call; EPERM: a container's seccomp profile.
		 */
		snprintf(pr->syscall_why, sizeof(pr->syscall_why), "%s",
			 strerror(errno));
		return false;
	}
	pr->list_named = true;
	for (i = 0; i < n && i < 64; i++) {
		const char *const name = lsm_name(ids[i]);
		const size_t len = strlen(pr->list);
		char unknown[24];

		if (!name) {
			snprintf(unknown, sizeof(unknown), "%#llx",
				 (unsigned long long)ids[i]);
			pr->list_named = false;
		}
		snprintf(pr->list + len, sizeof(pr->list) - len, "%s%s",
			 len ? "," : "", name ? name : unknown);
	}
	pr->list_from = "lsm_list_modules(2)";
	return true;
#else
	snprintf(pr->syscall_why, sizeof(pr->syscall_why),
		 "no system call number for this architecture");
	return false;
#endif
}

static bool list_from_securityfs(struct probe *const pr)
{
	const int err = read_line(SECURITYFS_LSM, pr->list, sizeof(pr->list));

	if (err) {
		snprintf(pr->securityfs_why, sizeof(pr->securityfs_why), "%s",
			 strerror(-err));
		pr->list[0] = '\0';
		return false;
	}
	pr->list_named = true;
	pr->list_from = SECURITYFS_LSM;
	return true;
}

/* The lsm= of the kernel command line, if any. */
static void read_cmdline(struct probe *const pr)
{
	char buf[4096];
	const char *p;

	if (read_line("/proc/cmdline", buf, sizeof(buf)))
		return;
	for (p = buf; (p = strstr(p, "lsm=")); p++)
		if (p == buf || p[-1] == ' ')
			snprintf(pr->cmdline, sizeof(pr->cmdline), "%.*s",
				 (int)strcspn(p + 4, " "), p + 4);
}

/* Look for CONFIG_SECURITY_DISABLENETWORK=y in a configuration file. */
static int config_says(FILE *const f)
{
	char line[256];
	int built = 0;

	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, CONFIG_NAME "=y", strlen(CONFIG_NAME) + 2))
			built = 1;
	return built;
}

static void probe_build(struct probe *const pr)
{
	struct utsname u;
	char path[300];
	struct stat st;
	FILE *f;

	if (pr->mode >= 0) {
		pr->built = 1;
		snprintf(pr->built_from, sizeof(pr->built_from),
			 "PR_GET_NETWORK answers");
		return;
	}
	/* The attr directory exists exactly when the module is built in. */
	if (!stat("/proc/self/" ATTR_DIR, &st)) {
		pr->built = 1;
		snprintf(pr->built_from, sizeof(pr->built_from),
			 "/proc/self/" ATTR_DIR " exists");
		return;
	}
	pr->built = -1;
	if (uname(&u))
		return;
	snprintf(path, sizeof(path), "/boot/config-%s", u.release);
	f = fopen(path, "re");
	if (f) {
		pr->built = config_says(f);
		fclose(f);
	} else if (!access("/proc/config.gz", R_OK)) {
		snprintf(path, sizeof(path), "/proc/config.gz");
		f = popen("gzip -dc /proc/config.gz 2>/dev/null", "re");
		if (f) {
			pr->built = config_says(f);
			if (pclose(f))
				pr->built = -1;
		}
	}
	if (pr->built >= 0) {
		snprintf(pr->built_from, sizeof(pr->built_from), "%s %s %s",
			 path, pr->built ? "has" : "does not set",
			 CONFIG_NAME "=y");
	} else if (pr->list_from && list_has(pr->cmdline, "disablenetwork")) {
		/*
		 * lsm= names the module and the active list, which could be
		 * read, does not have it: a kernel that had the module would
		 * have enabled it.
		 */
		pr->built = 0;
		snprintf(pr->built_from, sizeof(pr->built_from),
			 "lsm= names disablenetwork, yet %s does not list it",
			 pr->list_from);
	}
}

static void probe(struct probe *const pr)
{
	memset(pr, 0, sizeof(*pr));
	pr->mode = prctl(PR_GET_NETWORK, 0, 0, 0, 0);
	pr->mode_errno = pr->mode < 0 ? errno : 0;
	if (!list_from_syscall(pr))
		list_from_securityfs(pr);
	read_cmdline(pr);
	probe_build(pr);
}

/*
 * The lsm= value to suggest: the one on the command line, or else the
 * active list, with disablenetwork appended.  Never a list that would drop
 * a module that is active now.  NULL when neither can be read.
 */
static const char *suggested_lsm(const struct probe *const pr)
{
	static char buf[600];
	const char *base = pr->cmdline;

	if (!*base && pr->list_named)
		base = pr->list;
	if (!*base)
		return NULL;
	snprintf(buf, sizeof(buf), "%s,disablenetwork", base);
	return buf;
}

/* The parts of the diagnosis, kept whole so that they can be grepped. */
static const char not_built[] =
	"was built without disablenetwork: no lsm= can enable it";
static const char not_enabled[] =
	"disablenetwork is built into this kernel but not enabled: ";
static const char cannot_tell[] =
	"disablenetwork is not active; nonet cannot tell if this kernel has it. If it does, ";
static const char append_list[] =
	"boot with lsm=%s (the current list with disablenetwork appended)\n";
static const char append_unknown[] =
	"append disablenetwork to the current lsm= list or CONFIG_LSM, dropping no module\n";

/* One line that says why disablenetwork is not active, and what to do. */
static void explain(FILE *const out, const char *const prefix,
		    const struct probe *const pr)
{
	const char *const lsm = suggested_lsm(pr);
	struct utsname u;

	fputs(prefix, out);
	if (pr->built == 0) {
		fprintf(out, "this kernel (%s) %s; install one built with %s=y\n",
			uname(&u) ? "?" : u.release, not_built, CONFIG_NAME);
		return;
	}
	fputs(pr->built > 0 ? not_enabled : cannot_tell, out);
	if (lsm)
		fprintf(out, append_list, lsm);
	else
		fputs(append_unknown, out);
}

static int check(const bool verbose)
{
	struct probe pr;

	probe(&pr);
	if (verbose) {
		if (pr.mode >= 0)
			printf("PR_GET_NETWORK: %d\n", pr.mode);
		else
			printf("PR_GET_NETWORK: %s\n", strerror(pr.mode_errno));
		printf("lsm_list_modules(2): %s\n",
		       *pr.syscall_why ? pr.syscall_why : pr.list);
		if (*pr.syscall_why)
			printf(SECURITYFS_LSM ": %s\n",
			       *pr.securityfs_why ? pr.securityfs_why : pr.list);
		printf("LSM list used: %s\n",
		       pr.list_from ? pr.list_from : "none");
		printf("kernel command line: %s%s\n", *pr.cmdline ? "lsm=" : "",
		       *pr.cmdline ? pr.cmdline : "no lsm=");
		printf("built in: %s%s%s\n",
		       pr.built > 0 ? "yes" : pr.built ? "cannot tell" : "no",
		       *pr.built_from ? ", " : "", pr.built_from);
	}
	if (pr.mode >= 0) {
		if (*pr.list)
			printf("disablenetwork is active (lsm=%s)\n", pr.list);
		else
			puts("disablenetwork is active (the LSM list cannot be read)");
		return 0;
	}
	if (list_has(pr.list, "disablenetwork")) {
		/* A seccomp filter, for instance, can refuse the prctl. */
		printf("disablenetwork is active (lsm=%s), but PR_GET_NETWORK fails here: %s\n",
		       pr.list, strerror(pr.mode_errno));
		return 1;
	}
	explain(stdout, "", &pr);
	return 1;
}

static void not_active(void)
{
	struct probe pr;

	probe(&pr);
	explain(stderr, "nonet: ", &pr);
}

static const char *mode_name(const int mode)
{
	switch (mode) {
	case 0:
		return "unrestricted";
	case PR_NETWORK_OFF:
		return "off";
	case PR_NETWORK_STRICT:
		return "strict";
	default:
		return "unknown mode";
	}
}

static const char no_introspection[] =
	"nonet: this kernel has no /proc/PID/attr/disablenetwork/current\n";

/*
 * Print the mode from /proc/PID/attr/disablenetwork/current ("unrestricted",
 * "off N" or "strict N", N the domain id) or, without it, from
 * PR_GET_NETWORK for the calling process.
 */
static int status(const char *const pid)
{
	char path[64], proc[32], line[64], name[16];
	unsigned long domain;
	int err, mode;

	snprintf(path, sizeof(path), "/proc/%s/" ATTR_DIR "/current",
		 pid ? pid : "self");
	err = read_line(path, line, sizeof(line));
	if (err) {
		/* EINVAL or ENOENT: not enabled, or an older series. */
		mode = prctl(PR_GET_NETWORK, 0, 0, 0, 0);
		if (mode < 0 && errno == EINVAL) {
			not_active();
			return EXIT_FAILED;
		}
		if (mode < 0) {
			fprintf(stderr, "nonet: PR_GET_NETWORK: %s\n",
				strerror(errno));
			return EXIT_FAILED;
		}
		if (!pid) {
			printf(mode ? "restricted: %s\n" : "%s\n",
			       mode_name(mode));
			return mode ? 0 : 1;
		}
		snprintf(proc, sizeof(proc), "/proc/%s", pid);
		if (access(proc, F_OK))
			fprintf(stderr, "nonet: no process %s\n", pid);
		else if (err == -ENOENT)
			fputs(no_introspection, stderr);
		else if (err == -EACCES)
			fprintf(stderr,
				"nonet: %s: %s (it needs ptrace read access to process %s)\n",
				path, strerror(-err), pid);
		else
			fprintf(stderr, "nonet: %s: %s\n", path,
				strerror(-err));
		return EXIT_FAILED;
	}
	if (!strcmp(line, "unrestricted")) {
		puts(line);
		return 1;
	}
	if (sscanf(line, "%15s %lu", name, &domain) == 2) {
		printf("restricted: %s, domain %lu\n", name, domain);
		return 0;
	}
	fprintf(stderr, "nonet: %s reads '%s'\n", path, line);
	return EXIT_FAILED;
}

/*
 * The watcher of the denial report.  It is forked after the restriction,
 * so it belongs to the command's domain and reads the domain's counters
 * from its own /proc/self/attr/disablenetwork/denials; and it is a
 * grandchild of nonet, in a session of its own, so that the command has
 * no child it did not create and the terminal's signals do not reach it.
 *
 * A pidfd tells when the command has exited, but gives no exit status for
 * a process that is not one's child (PIDFD_INFO_EXIT came in Linux 6.15).
 * The watcher reads it from /proc/PID/stat while the command is a zombie,
 * that is until its parent reaps it.  When the parent is faster, the
 * status is unknown and the denials are reported as if it were non-zero.
 * (Giving the command the write end of a pipe, which do_exit() closes
 * before it tells the parent, wakes the watcher a little earlier; measured
 * on a loaded machine it won the race no more often, and it would leave a
 * descriptor in the command and everything it starts.)
 */

/* Close every descriptor above 2 but the @n sorted ones in @keep. */
static void close_fds_but(const int *const keep, const int n)
{
	unsigned int from = 3, fd;
	int i;

	for (i = 0; i <= n; i++) {
		const unsigned int to = i < n ? (unsigned int)keep[i] : ~0U;

		if (to > from && close_range(from, to - 1, 0))
			goto slow;
		from = to + 1;
	}
	return;
slow:
	for (fd = 3; fd < 4096; fd++) {
		for (i = 0; i < n && keep[i] != (int)fd; i++)
			;
		if (i == n)
			close(fd);
	}
}

static int cmp_int(const void *const a, const void *const b)
{
	return *(const int *)a - *(const int *)b;
}

/* The wait status of the zombie behind @procfd, or -1 if it is gone. */
static int zombie_status(const int procfd)
{
	char stat[1024];
	const char *p;

	if (read_line_at(procfd, "stat", stat, sizeof(stat)))
		return -1;
	/*
	 * The state follows the command name; the exit code is the last
	 * field (52, since Linux 3.5).
	 */
	p = strrchr(stat, ')');
	if (!p || (p[2] != 'Z' && p[2] != 'X'))
		return -1;
	p = strrchr(p, ' ');
	return p ? atoi(p + 1) : -1;
}

static void report(const char *const command, const int wstatus)
{
	char line[256], msg[512], comm[64] = "";
	const char *first, *c;
	unsigned long count;
	int len;

	if (wstatus == 0 ||
	    read_line("/proc/self/" ATTR_DIR "/denials", line, sizeof(line)))
		return;
	count = strtoul(line, NULL, 10);
	if (!count)
		return;
	/* "COUNT op=OP family=FAMILY comm=COMM": keep "OP family=FAMILY". */
	first = strchr(line, ' ');
	first = first ? first + 1 : "";
	if (!strncmp(first, "op=", 3))
		first += 3;
	c = strstr(first, "comm=");
	if (c) {
		snprintf(comm, sizeof(comm), "%s", c + 5);
		len = c - first;
	} else {
		len = strlen(first);
	}
	while (len > 0 && first[len - 1] == ' ')
		len--;
	/* Operations on no socket, such as ptrace, have family=unspec. */
	if (len > 14 && !strncmp(first + len - 14, " family=unspec", 14))
		len -= 14;
	len = snprintf(msg, sizeof(msg),
		       "nonet: %s was denied %lu network operation%s (first: %.*s%s%s)\n",
		       command, count, count == 1 ? "" : "s", len, first,
		       *comm && strcmp(comm, command) ? " by " : "",
		       *comm && strcmp(comm, command) ? comm : "");
	if (len > 0 && write(2, msg, len) < 0)
		return;
}

/*
 * The watcher's life: wait for the command's exit, then report.  @ready is
 * closed once the watcher waits, so that the command starts only then: a
 * short command would otherwise be gone before the watcher looks.
 */
static void run_watcher(const char *const command, int fds[2],
			const int ready)
{
	struct pollfd p = { .fd = fds[0], .events = POLLIN };
	const int procfd = fds[1];

	if (chdir("/"))
		_exit(0);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_NAME, "nonet-watch", 0, 0, 0);
	close(ready);
	qsort(fds, 2, sizeof(fds[0]), cmp_int);
	close_fds_but(fds, 2);
	close(0);
	close(1);
	while (poll(&p, 1, -1) < 0)
		if (errno != EINTR)
			_exit(0);
	report(command, zombie_status(procfd));
	_exit(0);
}

static void start_watcher(const char *const command)
{
	char path[64];
	pid_t child;
	int fds[2];

	if (access("/proc/self/" ATTR_DIR "/denials", R_OK))
		return;		/* no counters in this kernel */
	fds[0] = syscall(SYS_pidfd_open, getpid(), 0);
	if (fds[0] < 0)
		return;		/* before 5.3, or refused by seccomp */
	snprintf(path, sizeof(path), "/proc/%d", getpid());
	fds[1] = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fds[1] < 0)
		goto close_pidfd;
	child = fork();
	if (child == 0) {
		int ready[2];
		char c;

		if (setsid() < 0 || pipe2(ready, O_CLOEXEC))
			_exit(0);
		if (fork() == 0) {
			close(ready[0]);
			run_watcher(command, fds, ready[1]);
		}
		/* Until the watcher closes its end, or dies. */
		close(ready[1]);
		while (read(ready[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	/* The intermediate child exits once the watcher waits. */
	while (child > 0 && waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
	close(fds[1]);
close_pidfd:
	close(fds[0]);
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "status", optional_argument, NULL, 'S' },
		{ "check", no_argument, NULL, 'C' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	bool strict = false, quiet = false, verbose = false;
	const char *pid = NULL, *command;
	int action = 0, opt, mode;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+sqvh", options, NULL)) != -1) {
		switch (opt) {
		case 's':
			strict = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'S':
		case 'C':
			if (action && action != opt)
				try_help("%s", "--status and --check go alone");
			action = opt;
			pid = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'V':
			puts("nonet " NONET_VERSION);
			return 0;
		default:
			if (!strncmp(argv[optind - 1], "--", 2))
				try_help(optopt ?
					 "option '%s' takes no argument" :
					 "unrecognized option '%s'",
					 argv[optind - 1]);
			try_help("invalid option -- '%s'",
				 (const char[]){ optopt, 0 });
		}
	}

	if (action) {
		if (strict || quiet)
			try_help("%s", "--strict and --quiet go with a command");
		if (action == 'S' && !pid && optind < argc)
			pid = argv[optind++];
		if (optind < argc)
			try_help("unexpected argument '%s'", argv[optind]);
		if (pid && (!*pid || strspn(pid, "0123456789") != strlen(pid)))
			try_help("not a process ID: '%s'", pid);
		return action == 'S' ? status(pid) : check(verbose);
	}
	if (optind >= argc)
		try_help("%s", "missing command");
	command = argv[optind];

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		fprintf(stderr, "nonet: cannot set no_new_privs: %s\n",
			strerror(errno));
		return EXIT_FAILED;
	}
	/*
	 * nonet has one thread, and execve() leaves the command with that
	 * one: PR_NETWORK_ALL_THREADS would change nothing.
	 */
	mode = strict ? PR_NETWORK_STRICT : PR_NETWORK_OFF;
	if (prctl(PR_SET_NETWORK, mode, 0, 0, 0)) {
		if (errno == EINVAL && strict &&
		    prctl(PR_GET_NETWORK, 0, 0, 0, 0) >= 0)
			fprintf(stderr,
				"nonet: this kernel's disablenetwork has no strict mode\n");
		else if (errno == EINVAL)
			not_active();
		else if (errno == E2BIG)
			fprintf(stderr,
				"nonet: PR_SET_NETWORK: too many nested restrictions\n");
		else if (errno == EBUSY)
			fprintf(stderr,
				"nonet: PR_SET_NETWORK: this process traces another one (ptrace survives execve); detach it first\n");
		else
			fprintf(stderr, "nonet: PR_SET_NETWORK: %s\n",
				strerror(errno));
		return EXIT_FAILED;
	}
	if (!quiet) {
		const char *const slash = strrchr(command, '/');

		start_watcher(slash ? slash + 1 : command);
	}

	execvp(command, argv + optind);
	fprintf(stderr, "nonet: %s: %s\n", command, strerror(errno));
	return errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
}

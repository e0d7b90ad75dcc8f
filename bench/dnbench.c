// SPDX-License-Identifier: GPL-2.0
/*
 * dnbench - guest-side benchmark for disablenetwork
 *
 *   dnbench CONFIG [LABEL]
 *   dnbench activate
 *
 * Runs every workload under CONFIG (base, dn-idle, dn-off, dn-on,
 * dn-strict, landlock, seccomp, netns, or warmup) and prints one line per
 * workload:
 *
 *   BENCH <workload> <LABEL> <ns_per_op>
 *
 * LABEL defaults to CONFIG; the base boots use it to name the dn column
 * whose place in the boot they mirror.  "dnbench activate" makes a
 * throwaway process restrict itself and exit, which turns the module's
 * hooks on for everyone (dn-off is measured after it): it prints nothing
 * and succeeds on a kernel without the module, so that base boots can run
 * the same steps.
 *
 * Each workload sets up what it needs first (sockets, connections,
 * listeners), then applies the configuration's restriction, then runs a
 * fixed number of operations: a short pass to warm up, then the measured
 * one.  The counts are fixed, not calibrated, so that every boot does the
 * same work.  Under qemu -icount shift=0,sleep=off, guest nanoseconds
 * count guest instructions, and the time of a pass counts every
 * instruction the guest ran meanwhile: the workload, its children,
 * interrupts and the kernel threads it woke.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PR_SET_NETWORK
#define PR_SET_NETWORK 0x4e455453
#define PR_NETWORK_OFF 1
#endif
#ifndef PR_NETWORK_STRICT
#define PR_NETWORK_STRICT 2
#endif

static const char *config, *label;

static void die(const char *const what)
{
	fprintf(stderr, "dnbench %s: %s: %s\n", config, what, strerror(errno));
	exit(1);
}

static unsigned long long now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void loopback_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr))
		die("lo");
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr))
		die("lo up");
	close(fd);
}

/* Before setup: only the network namespace must come first. */
static void sandbox_early(void)
{
	if (!strcmp(config, "netns")) {
		if (unshare(CLONE_NEWNET))
			die("unshare");
		loopback_up();
	}
}

static void landlock(void)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP |
				      LANDLOCK_ACCESS_NET_CONNECT_TCP,
	};
	const int fd = syscall(__NR_landlock_create_ruleset, &attr,
			       sizeof(attr), 0);

	if (fd < 0 || syscall(__NR_landlock_restrict_self, fd, 0))
		die("landlock");
	close(fd);
}

/* Like systemd's RestrictAddressFamilies=AF_UNIX. */
static void seccomp(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAFNOSUPPORT),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	const struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};

	if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		die("seccomp");
}

/* dn-on and dn-strict: the measuring process restricts itself. */
static unsigned long restriction(void)
{
	if (!strcmp(config, "dn-on"))
		return PR_NETWORK_OFF;
	if (!strcmp(config, "dn-strict"))
		return PR_NETWORK_STRICT;
	return 0;
}

/* After setup: the restriction under test. */
static void sandbox(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("no_new_privs");
	if (restriction()) {
		if (prctl(PR_SET_NETWORK, restriction(), 0, 0, 0))
			die("PR_SET_NETWORK");
	} else if (!strcmp(config, "landlock")) {
		landlock();
	} else if (!strcmp(config, "seccomp")) {
		seccomp();
	}
}

/*
 * The first restriction since boot turns the module's hooks on for every
 * task; a process that exits right after is enough.  Without the module
 * (a base boot), PR_SET_NETWORK is not a prctl option: EINVAL, and nothing
 * to do.
 */
static int activate(void)
{
	const pid_t pid = fork();
	int status;

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			die("no_new_privs");
		if (prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0) &&
		    errno != EINVAL)
			die("PR_SET_NETWORK");
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return 1;
	return 0;
}

struct ctx {
	int a, b, lsn;
	struct sockaddr_un sun;
	socklen_t sunlen;
};

typedef void (*op_fn)(struct ctx *c);

static void xsend(const int fd)
{
	if (send(fd, "x", 1, 0) != 1)
		die("send");
}

static void xrecv(const int fd)
{
	char c;

	if (recv(fd, &c, 1, 0) != 1)
		die("recv");
}

static void op_pingpong(struct ctx *const c)
{
	xsend(c->a);
	xrecv(c->b);
	xsend(c->b);
	xrecv(c->a);
}

/*
 * A send with control data: IP_TOS, which a restricted task may still
 * pass (it is tuning, not a destination), so that dn-on measures the
 * control-message check of a restricted send that it allows.
 */
static void xsend_tos(const int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u = {};
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *const cm = CMSG_FIRSTHDR(&msg);
	const int tos = 0x10;

	cm->cmsg_level = IPPROTO_IP;
	cm->cmsg_type = IP_TOS;
	cm->cmsg_len = CMSG_LEN(sizeof(tos));
	memcpy(CMSG_DATA(cm), &tos, sizeof(tos));
	if (sendmsg(fd, &msg, 0) != 1)
		die("sendmsg(IP_TOS)");
}

static void op_pingpong_cmsg(struct ctx *const c)
{
	xsend_tos(c->a);
	xrecv(c->b);
	xsend_tos(c->b);
	xrecv(c->a);
}

static void setup_unix_dgram(struct ctx *const c)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv))
		die("socketpair");
	c->a = sv[0];
	c->b = sv[1];
}

static void setup_unix_stream_listener(struct ctx *const c)
{
	/*
	 * One name for every run, so that the path walk of connect() costs
	 * the same in every boot (a name with the PID in it changes length).
	 */
	c->sun.sun_family = AF_UNIX;
	strcpy(c->sun.sun_path, "/tmp/dnbench.sock");
	unlink(c->sun.sun_path);
	c->sunlen = sizeof(c->sun);
	c->lsn = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->lsn < 0 || bind(c->lsn, (void *)&c->sun, c->sunlen) ||
	    listen(c->lsn, 64))
		die("unix listener");
}

static void op_unix_connect(struct ctx *const c)
{
	const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int srv;

	if (fd < 0 || connect(fd, (void *)&c->sun, c->sunlen))
		die("unix connect");
	srv = accept4(c->lsn, NULL, NULL, SOCK_CLOEXEC);
	if (srv < 0)
		die("accept");
	close(srv);
	close(fd);
}

static struct sockaddr_in loopback(void)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};

	return sin;
}

static void setup_udp(struct ctx *const c)
{
	struct sockaddr_in a = loopback(), b = loopback();
	socklen_t len = sizeof(a);

	c->a = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	c->b = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (c->a < 0 || c->b < 0 || bind(c->a, (void *)&a, sizeof(a)) ||
	    bind(c->b, (void *)&b, sizeof(b)) ||
	    getsockname(c->a, (void *)&a, &len) ||
	    getsockname(c->b, (void *)&b, &len) ||
	    connect(c->a, (void *)&b, sizeof(b)) ||
	    connect(c->b, (void *)&a, sizeof(a)))
		die("udp setup");
}

static void setup_tcp(struct ctx *const c)
{
	struct sockaddr_in sin = loopback();
	socklen_t len = sizeof(sin);
	const int one = 1;

	c->lsn = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	c->a = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->lsn < 0 || c->a < 0 || bind(c->lsn, (void *)&sin, sizeof(sin)) ||
	    getsockname(c->lsn, (void *)&sin, &len) || listen(c->lsn, 4) ||
	    connect(c->a, (void *)&sin, sizeof(sin)))
		die("tcp setup");
	c->b = accept4(c->lsn, NULL, NULL, SOCK_CLOEXEC);
	if (c->b < 0)
		die("tcp accept");
	setsockopt(c->a, IPPROTO_TCP, 1 /* TCP_NODELAY */, &one, sizeof(one));
	setsockopt(c->b, IPPROTO_TCP, 1 /* TCP_NODELAY */, &one, sizeof(one));
}

static void op_socket_unix(struct ctx *const c)
{
	const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("socket(AF_UNIX)");
	close(fd);
}

/*
 * A TCP socket: a UDP socket is freed after an RCU grace period, and the
 * batching makes its count move with timing by a few instructions.
 */
static void op_socket_inet(struct ctx *const c)
{
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("socket(AF_INET)");
	close(fd);
}

static void op_socket_inet_denied(struct ctx *const c)
{
	if (socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0) >= 0)
		die("socket(AF_INET) was not denied");
}

/*
 * A credential copy: with an fsuid that differs from the uid, access(2)
 * runs under a temporary copy of the credentials, which prepare_creds()
 * makes (every module's cred_prepare) and put_cred() frees at once
 * (non_rcu: cred_free, without waiting for an RCU grace period, whose
 * batching would make the count depend on timing).
 */
static void setup_cred_copy(struct ctx *const c)
{
	setfsuid(1);
}

static void op_cred_copy(struct ctx *const c)
{
	if (access("/", F_OK))
		die("access");
}

/*
 * task_prctl stays registered: a prctl option nobody owns runs it in
 * every module that has it.
 */
static void op_prctl(struct ctx *const c)
{
	if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) < 0)
		die("PR_GET_DUMPABLE");
}

static void op_getppid(struct ctx *const c)
{
	syscall(__NR_getppid);
}

static void op_fork(struct ctx *const c)
{
	const pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0)
		_exit(0);
	if (waitpid(pid, NULL, 0) != pid)
		die("waitpid");
}

static unsigned long long run(const op_fn op, struct ctx *const c,
			      const unsigned long n)
{
	const unsigned long long start = now();
	unsigned long i;

	for (i = 0; i < n; i++)
		op(c);
	return now() - start;
}

/*
 * About 0.25 s of guest time per cell at the base cost.  @setup runs
 * before the restriction under test, @inside after it: what the process
 * makes inside its domain (the strict mode lets it reach its own pathname
 * listener, not one made before the restriction).
 */
static void measure_in(const char *const name, void (*setup)(struct ctx *),
		       void (*inside)(struct ctx *), const op_fn op,
		       const unsigned long n)
{
	struct ctx c = { .a = -1, .b = -1, .lsn = -1 };
	unsigned long long t;
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid) {
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			printf("BENCH-ERROR %s %s\n", name, label);
		return;
	}

	sandbox_early();
	if (setup)
		setup(&c);
	sandbox();
	if (inside)
		inside(&c);
	run(op, &c, n / 8);
	t = run(op, &c, n);
	printf("BENCH %s %s %.2f\n", name, label, (double)t / n);
	fflush(stdout);
	_exit(0);
}

static void measure(const char *const name, void (*setup)(struct ctx *),
		    const op_fn op, const unsigned long n)
{
	measure_in(name, setup, NULL, op, n);
}

int main(int argc, char *argv[])
{
	bool denies_inet;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: dnbench CONFIG [LABEL] | activate\n");
		return 2;
	}
	config = argv[1];
	label = argc == 3 ? argv[2] : config;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(config, "activate"))
		return activate();
	denies_inet = restriction() || !strcmp(config, "seccomp");

	measure("unix_dgram_pingpong", setup_unix_dgram, op_pingpong, 50000);
	measure_in("unix_stream_connect", NULL, setup_unix_stream_listener,
		op_unix_connect, 20000);
	measure("udp_pingpong", setup_udp, op_pingpong, 25000);
	measure("udp_cmsg_pingpong", setup_udp, op_pingpong_cmsg, 25000);
	measure("tcp_send_recv", setup_tcp, op_pingpong, 16000);
	measure("socket_unix_close", NULL, op_socket_unix, 50000);
	if (denies_inet)
		measure("socket_inet_denied", NULL, op_socket_inet_denied,
			45000);
	else
		measure("socket_inet_close", NULL, op_socket_inet, 45000);
	measure("cred_copy", setup_cred_copy, op_cred_copy, 125000);
	measure("prctl", NULL, op_prctl, 500000);
	measure("getppid", NULL, op_getppid, 1000000);
	measure("fork_exit_wait", NULL, op_fork, 2500);
	return 0;
}

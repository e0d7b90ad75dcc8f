// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork stress test - restricted and unrestricted tasks at once
 *
 *   stress [SECONDS]
 *
 * Worker threads fork children that restrict themselves (or not) and then
 * create sockets, connect, sendto, submit io_uring requests, execute a
 * probe, ptrace a sibling across the restricted/unrestricted line, and
 * race listen() against connect(AF_UNSPEC) and shutdown(SHUT_RD) on a
 * listener held from before, while an unrestricted thread keeps loopback
 * traffic flowing.  Every
 * attempt is checked against the rules: a restricted attempt must be
 * denied, an unrestricted one must succeed.  Bounded in time (default 30
 * seconds, at most 60) and in iterations; no task may be left behind.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <time.h>

#include "dn.h"
#include "uring.h"

#define WORKERS 4
#define MAX_CHILDREN 20000

struct counters {
	unsigned long denied;	/* restricted, denied: as expected */
	unsigned long allowed;	/* unrestricted, allowed: as expected */
	unsigned long wrong;
	unsigned long children;
	unsigned long traffic;
};

static struct counters *counts;
static struct sockaddr_in tcp_server, udp_sink;
static int stop;
static time_t deadline;

static void count(const bool restricted, const int res)
{
	if (restricted && res == -EPERM)
		__atomic_fetch_add(&counts->denied, 1, __ATOMIC_RELAXED);
	else if (!restricted && res >= 0)
		__atomic_fetch_add(&counts->allowed, 1, __ATOMIC_RELAXED);
	else
		__atomic_fetch_add(&counts->wrong, 1, __ATOMIC_RELAXED);
}

/*
 * A TCP listener on loopback: bound to port 0 (its port is not locked), or
 * to a port given by number (bind() locks it).  Its port, or -1.
 */
static int race_listener(const bool locked, int *const port)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(a);
	int fd = -1, tries;

	for (tries = 0; tries < 8; tries++) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -1;
		if (!bind(fd, (void *)&a, sizeof(a)) &&
		    !getsockname(fd, (void *)&a, &len)) {
			if (!locked)
				break;
			/* Bind again to the port just found, by number. */
			close(fd);
			fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
			if (fd >= 0 && !bind(fd, (void *)&a, sizeof(a)))
				break;
		}
		close(fd);
		fd = -1;
		a.sin_port = 0;
	}
	if (fd < 0 || listen(fd, 8)) {
		close(fd);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

static int port_of(const int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	return getsockname(fd, (void *)&a, &len) ? -1 : ntohs(a.sin_port);
}

/*
 * A restricted task races listen() on @fd, listening on @port before the
 * restriction, against a restricted process that takes it out of LISTEN
 * with connect(AF_UNSPEC) and shutdown(SHUT_RD), both ways in turn.  A
 * listen() that succeeds must leave the socket on @port: only a listener
 * whose port bind() locked may listen again at all.
 */
static void listen_race(const int fd, const int port, const bool locked)
{
	const struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	pid_t pid = fork();
	int i, res, now;

	if (pid == 0) {
		for (i = 0; i < 64; i++) {
			if (i % 2)
				connect(fd, &unspec, sizeof(unspec));
			else
				shutdown(fd, SHUT_RD);
			sched_yield();
		}
		_exit(0);
	}
	for (i = 0; i < 64; i++) {
		res = RET(listen(fd, 8));
		now = port_of(fd);
		if (res == -EPERM)
			count(true, res);
		else if (!res && locked && now == port)
			count(false, res);
		else
			count(false, -EIO);
		sched_yield();
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* A child: maybe restrict, then try everything once. */
static void child(const bool restricted, const unsigned int n)
{
	const int tcp = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	const int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ring ring;
	const bool uring = n % 4 == 0 && !ring_init(&ring, 0);
	const bool race = restricted && n % 3 == 1;
	pid_t pid, tracee = -1;
	int status, res, go[2], lsn = -1, port = 0;
	char c;

	if (tcp < 0 || udp < 0)
		_exit(2);
	if (n % 5 == 0) {
		/* A sibling forked before the restriction: unrestricted. */
		if (pipe(go))
			_exit(4);
		tracee = fork();
		if (tracee == 0) {
			close(go[1]);
			_exit(read(go[0], &c, 1) < 0);
		}
		close(go[0]);
	}
	if (race) {
		lsn = race_listener(n % 4 == 1, &port);
		if (lsn < 0)
			_exit(5);
	}
	/* Both modes, nested domains, and whole processes. */
	if (restricted && dn_restrict(n % 3 == 1 ? PR_NETWORK_STRICT :
				      PR_NETWORK_OFF,
				      n % 7 == 1 ? PR_NETWORK_ALL_THREADS : 0))
		_exit(3);
	if (restricted && n % 5 == 1 && dn_restrict())
		_exit(6);
	if (race)
		listen_race(lsn, port, n % 4 == 1);
	count(restricted, inet_socket());
	count(restricted, RET(connect(tcp, (void *)&tcp_server,
				      sizeof(tcp_server))));
	count(restricted, RET(sendto(udp, "s", 1, MSG_DONTWAIT,
				     (void *)&udp_sink, sizeof(udp_sink))));
	if (uring)
		count(restricted, ring_socket(&ring, AF_INET, n % 8 ?
					      0 : IOSQE_ASYNC));

	if (n % 3 == 0) {
		/* Execute the probe: the restriction must survive. */
		pid = fork();
		if (pid == 0) {
			execl("/proc/self/exe", "stress", "probe", NULL);
			_exit(100);
		}
		if (waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		    WEXITSTATUS(status) == (restricted ? 3 : 0))
			count(restricted, restricted ? -EPERM : 0);
		else
			count(false, -EIO);
	}

	if (tracee > 0) {
		/* Across the line: denied only to a restricted tracer. */
		res = RET(ptrace(PTRACE_ATTACH, tracee, NULL, NULL));
		if (!res) {
			waitpid(tracee, NULL, 0);
			ptrace(PTRACE_DETACH, tracee, NULL, NULL);
		}
		count(restricted, res);
		close(go[1]);
		waitpid(tracee, NULL, 0);
	}
	_exit(0);
}

static void *worker(void *const arg)
{
	unsigned int n = (unsigned long)arg;
	int status;
	pid_t pid;

	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED) &&
	       time(NULL) < deadline &&
	       __atomic_fetch_add(&counts->children, 1, __ATOMIC_RELAXED) <
		       MAX_CHILDREN) {
		n += WORKERS;
		pid = fork();
		if (pid < 0) {
			count(false, -errno);
			continue;
		}
		if (pid == 0)
			child(n % 2, n);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			count(false, -EIO);
	}
	return NULL;
}

/* Unrestricted loopback traffic for the whole run. */
static void *traffic(void *const arg)
{
	const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		if (sendto(fd, "t", 1, 0, (void *)&udp_sink,
			   sizeof(udp_sink)) == 1)
			__atomic_fetch_add(&counts->traffic, 1,
					   __ATOMIC_RELAXED);
		else
			count(false, -errno);
	}
	close(fd);
	return NULL;
}

/* Drain what the traffic thread sends, so the sink never fills. */
static void *drain(void *const arg)
{
	const int fd = (long)arg;
	char buf[64];

	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED))
		if (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0)
			sched_yield();
	return NULL;
}

static int threads_left(void)
{
	DIR *dir = opendir("/proc/self/task");
	int n = 0;

	while (dir && readdir(dir))
		n++;
	if (dir)
		closedir(dir);
	return n - 2;	/* "." and ".." */
}

int main(int argc, char *argv[])
{
	socklen_t len = sizeof(tcp_server);
	pthread_t workers[WORKERS], tx, rx;
	int seconds = argc > 1 ? atoi(argv[1]) : 30;
	int lsn, sink, i;
	long leaked = 0, domains, leaked_domains;

	if (argc > 1 && !strcmp(argv[1], "probe"))
		return (dn_get() > 0) | (inet_socket() == -EPERM) << 1;
	if (seconds <= 0 || seconds > 60)
		seconds = 60;
	if (!dn_enabled()) {
		printf("stress: disablenetwork is not enabled\n");
		return 4;	/* KSFT_SKIP */
	}
	counts = mmap(NULL, sizeof(*counts), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counts == MAP_FAILED)
		return 1;
	memset(counts, 0, sizeof(*counts));
	domains = dn_live_domains();

	tcp_server.sin_family = AF_INET;
	tcp_server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	udp_sink = tcp_server;
	lsn = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	sink = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (lsn < 0 || sink < 0 ||
	    bind(lsn, (void *)&tcp_server, sizeof(tcp_server)) ||
	    getsockname(lsn, (void *)&tcp_server, &len) ||
	    listen(lsn, 4096) ||
	    bind(sink, (void *)&udp_sink, sizeof(udp_sink)) ||
	    getsockname(sink, (void *)&udp_sink, &len)) {
		perror("stress: setup");
		return 1;
	}

	deadline = time(NULL) + seconds;
	pthread_create(&tx, NULL, traffic, NULL);
	pthread_create(&rx, NULL, drain, (void *)(long)sink);
	for (i = 0; i < WORKERS; i++)
		pthread_create(&workers[i], NULL, worker, (void *)(long)i);
	for (i = 0; i < WORKERS; i++)
		pthread_join(workers[i], NULL);
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	pthread_join(tx, NULL);
	pthread_join(rx, NULL);

	/* Every child reaped, every thread joined. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		leaked++;
	leaked += threads_left() - 1;
	/* Every domain freed once its last task is gone. */
	leaked_domains = domains < 0 ? 0 :
			 dn_wait_live_domains(domains, 5000) - domains;

	printf("stress: %lu denied as expected, %lu allowed as expected, ",
	       counts->denied, counts->allowed);
	printf("%lu wrong, %lu children, %lu packets, %ld leaked",
	       counts->wrong, counts->children, counts->traffic, leaked);
	if (domains < 0)
		printf(", domains not counted (%s)\n", DN_LIVE_DOMAINS);
	else
		printf(", %ld leaked domains\n", leaked_domains);
	return counts->wrong || leaked || leaked_domains || !counts->denied ||
	       !counts->allowed || !counts->traffic;
}

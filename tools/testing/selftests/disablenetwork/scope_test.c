// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - scoping by domain, and strict mode
 *
 * A restricted task reaches, by name, only AF_UNIX listeners whose socket
 * belongs to its own domain or to one nested in it: abstract names in
 * both modes, pathnames too in strict mode.  A socket belongs to the
 * domain of the task that created it, whoever holds it later; a socket
 * created by an unrestricted task belongs to no domain.  Strict mode also
 * refuses pathname datagrams, and ptrace read access to tasks outside
 * the domain; both modes refuse ptrace attach outside it.
 *
 * Each denial is checked against a control: the same operation by the
 * same task before it restricted itself, or towards a task of its domain.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "common.h"
#include "unix.h"

/* A task that holds a listener, or just waits, until it is killed. */
struct peer {
	pid_t pid;
};

/*
 * Forks a peer that restricts itself to @mode if it is not 0 (a domain
 * nested in the caller's), then listens on @n if @type is not 0.
 */
static struct peer spawn(const unsigned long mode, const int type,
			 const struct name *const n)
{
	struct peer p = { .pid = -1 };
	int ready[2];
	char c = 'n';

	if (pipe2(ready, O_CLOEXEC))
		return p;
	p.pid = fork();
	if (p.pid == 0) {
		int fd = 0;

		if (mode && dn_restrict(mode))
			_exit(1);
		if (type)
			fd = serve(type, n);
		if (write(ready[1], fd >= 0 ? "y" : "n", 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
	if (p.pid < 0 || read(ready[0], &c, 1) != 1 || c != 'y') {
		if (p.pid > 0)
			kill(p.pid, SIGKILL);
		p.pid = -1;
	}
	close(ready[0]);
	close(ready[1]);
	return p;
}

static void reap(const struct peer p)
{
	if (p.pid > 0) {
		kill(p.pid, SIGKILL);
		waitpid(p.pid, NULL, 0);
	}
}

FIXTURE(scope) {
	struct name n;
};

FIXTURE_VARIANT(scope)
{
	unsigned long mode;
	int type;
	bool abstract;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(scope, off_stream_abstract) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
	.type = SOCK_STREAM,
	.abstract = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(scope, off_seqpacket_abstract) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
	.type = SOCK_SEQPACKET,
	.abstract = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(scope, off_stream_pathname) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
	.type = SOCK_STREAM,
	.abstract = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(scope, off_seqpacket_pathname) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
	.type = SOCK_SEQPACKET,
	.abstract = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(scope, strict_stream_abstract) {
	/* clang-format on */
	.mode = PR_NETWORK_STRICT,
	.type = SOCK_STREAM,
	.abstract = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(scope, strict_seqpacket_abstract) {
	/* clang-format on */
	.mode = PR_NETWORK_STRICT,
	.type = SOCK_SEQPACKET,
	.abstract = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(scope, strict_stream_pathname) {
	/* clang-format on */
	.mode = PR_NETWORK_STRICT,
	.type = SOCK_STREAM,
	.abstract = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(scope, strict_seqpacket_pathname) {
	/* clang-format on */
	.mode = PR_NETWORK_STRICT,
	.type = SOCK_SEQPACKET,
	.abstract = false,
};

FIXTURE_SETUP(scope)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	/* Abstract names are per network namespace. */
	setup_loopback(_metadata);
	self->n = variant->abstract ? abstract("srv") : pathname("srv");
}

FIXTURE_TEARDOWN(scope)
{
	if (!variant->abstract)
		unlink(self->n.sun.sun_path);
}

/* Is the name checked against domains in this mode? */
static bool scoped(const struct _fixture_variant_scope *const v)
{
	return v->abstract || v->mode == PR_NETWORK_STRICT;
}

/* The listener's socket belongs to the caller's domain. */
TEST_F(scope, same_domain)
{
	struct peer p;

	RESTRICT(variant->mode);
	p = spawn(0, variant->type, &self->n);
	ASSERT_LT(0, p.pid);
	EXPECT_EQ(0, try_connect(variant->type, &self->n));
	reap(p);
}

/* The caller's own listener, created after the call. */
TEST_F(scope, own_listener)
{
	int srv;

	RESTRICT(variant->mode);
	srv = serve(variant->type, &self->n);
	ASSERT_LE(0, srv);
	EXPECT_EQ(0, try_connect(variant->type, &self->n));
	close(srv);
}

/* ... to a domain nested in the caller's. */
TEST_F(scope, nested_domain)
{
	struct peer p;

	RESTRICT(variant->mode);
	p = spawn(variant->mode, variant->type, &self->n);
	ASSERT_LT(0, p.pid);
	EXPECT_EQ(0, try_connect(variant->type, &self->n));
	reap(p);
}

/* ... to the domain the caller's is nested in. */
TEST_F(scope, parent_domain)
{
	struct peer p;

	RESTRICT(variant->mode);
	p = spawn(0, variant->type, &self->n);
	ASSERT_LT(0, p.pid);
	/* Control: from the listener's own domain. */
	ASSERT_EQ(0, try_connect(variant->type, &self->n));
	RESTRICT(variant->mode);
	EXPECT_EQ(scoped(variant) ? -EPERM : 0,
		  try_connect(variant->type, &self->n));
	reap(p);
}

/* ... to an unrelated domain: two sandboxes started separately. */
TEST_F(scope, unrelated_domain)
{
	struct peer p = spawn(variant->mode, variant->type, &self->n);

	ASSERT_LT(0, p.pid);
	/* Control: the caller, unrestricted. */
	ASSERT_EQ(0, try_connect(variant->type, &self->n));
	RESTRICT(variant->mode);
	EXPECT_EQ(scoped(variant) ? -EPERM : 0,
		  try_connect(variant->type, &self->n));
	reap(p);
}

/* ... to an unrestricted listener: it belongs to no domain. */
TEST_F(scope, unrestricted_listener)
{
	struct peer p = spawn(0, variant->type, &self->n);

	ASSERT_LT(0, p.pid);
	ASSERT_EQ(0, try_connect(variant->type, &self->n));
	RESTRICT(variant->mode);
	EXPECT_EQ(scoped(variant) ? -EPERM : 0,
		  try_connect(variant->type, &self->n));
	reap(p);
}

/*
 * A listener created before its owner restricted itself belongs to no
 * domain, not even for its owner.
 */
TEST_F(scope, listener_created_before)
{
	const int srv = serve(variant->type, &self->n);

	ASSERT_LE(0, srv);
	ASSERT_EQ(0, try_connect(variant->type, &self->n));
	RESTRICT(variant->mode);
	EXPECT_EQ(scoped(variant) ? -EPERM : 0,
		  try_connect(variant->type, &self->n));
	close(srv);
}

/*
 * An inherited listener belongs to the domain of the task that created
 * it, not to the task that holds it: here, created unrestricted and held
 * only by a restricted child, it still belongs to no domain.
 */
static int hold_inherited(void *const arg)
{
	const struct _fixture_variant_scope *const v = arg;
	struct name n = v->abstract ? abstract("inh") : pathname("inh");
	int srv = serve(v->type, &n);
	pid_t pid;
	int status;

	if (srv < 0)
		return 10;
	pid = fork();
	if (pid == 0) {
		/* The restricted holder, and the only one. */
		if (dn_restrict(v->mode))
			_exit(11);
		_exit(try_connect(v->type, &n) == (scoped(v) ? -EPERM : 0) ?
			      0 : 12);
	}
	close(srv);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 13;
	if (!v->abstract)
		unlink(n.sun.sun_path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 14;
}

TEST_F(scope, inherited_listener)
{
	EXPECT_EQ(0, in_child(hold_inherited, (void *)variant));
}

/*
 * A listener received over SCM_RIGHTS belongs to the domain of the task
 * that created it.  @created_restricted: a task of the caller's domain
 * created it and gave it to an unrestricted task; else an unrestricted
 * task created it and gave it to the caller's domain.
 */
static void check_scm_rights(struct __test_metadata *const _metadata,
			     const struct _fixture_variant_scope *const v,
			     const struct name *const n,
			     const bool created_restricted)
{
	int sv[2], go[2], srv, status;
	pid_t unrestricted;
	char c;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	ASSERT_EQ(0, pipe2(go, O_CLOEXEC));
	/* Forked before the call: an unrestricted task. */
	unrestricted = fork();
	ASSERT_LE(0, unrestricted);
	if (unrestricted == 0) {
		if (created_restricted) {
			/* Receive it, hold it, and wait to be killed. */
			srv = recv_fd(sv[1]);
			if (srv < 0 || write(go[1], "y", 1) != 1)
				_exit(1);
		} else {
			srv = serve(v->type, n);
			if (srv < 0 || write(go[1], "y", 1) != 1 ||
			    send_fd(sv[1], srv))
				_exit(2);
			close(srv);
		}
		for (;;)
			pause();
	}
	if (!created_restricted) {
		/* Control: the caller, unrestricted, may connect to it. */
		ASSERT_EQ(1, read(go[0], &c, 1));
		ASSERT_EQ(0, try_connect(v->type, n));
	}
	RESTRICT(v->mode);
	if (created_restricted) {
		srv = serve(v->type, n);
		ASSERT_LE(0, srv);
		ASSERT_EQ(0, send_fd(sv[0], srv));
		ASSERT_EQ(1, read(go[0], &c, 1));
	} else {
		/* Received after the call, held only by this task. */
		srv = recv_fd(sv[0]);
		ASSERT_LE(0, srv);
	}
	/* Only the other task holds it now, or only this one. */
	if (created_restricted)
		close(srv);
	EXPECT_EQ(created_restricted || !scoped(v) ? 0 : -EPERM,
		  try_connect(v->type, n));
	kill(unrestricted, SIGKILL);
	ASSERT_EQ(unrestricted, waitpid(unrestricted, &status, 0));
}

TEST_F(scope, scm_rights_listener_from_outside)
{
	check_scm_rights(_metadata, variant, &self->n, false);
}

TEST_F(scope, scm_rights_listener_to_outside)
{
	check_scm_rights(_metadata, variant, &self->n, true);
}

/* Datagrams: never to an abstract name; in strict mode, not to a path. */
FIXTURE(dgram) {};

FIXTURE_VARIANT(dgram)
{
	unsigned long mode;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(dgram, off) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(dgram, strict) {
	/* clang-format on */
	.mode = PR_NETWORK_STRICT,
};

FIXTURE_SETUP(dgram)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	setup_loopback(_metadata);
}

FIXTURE_TEARDOWN(dgram)
{
}

TEST_F(dgram, pathname_sendto_connect)
{
	const struct name n = pathname("dgram");
	const int srv = serve(SOCK_DGRAM, &n);
	const bool strict = variant->mode == PR_NETWORK_STRICT;

	ASSERT_LE(0, srv);
	ASSERT_EQ(0, try_sendto(SOCK_DGRAM, &n));
	ASSERT_EQ(0, try_connect(SOCK_DGRAM, &n));
	RESTRICT(variant->mode);
	/* Even to its own socket, created before or after. */
	EXPECT_EQ(strict ? -EPERM : 0, try_sendto(SOCK_DGRAM, &n));
	EXPECT_EQ(strict ? -EPERM : 0, try_connect(SOCK_DGRAM, &n));
	unlink(n.sun.sun_path);
}

TEST_F(dgram, abstract_sendto_same_domain)
{
	const struct name n = abstract("dgram");
	int srv;

	RESTRICT(variant->mode);
	srv = serve(SOCK_DGRAM, &n);
	ASSERT_LE(0, srv);
	EXPECT_EQ(-EPERM, try_sendto(SOCK_DGRAM, &n));
	EXPECT_EQ(-EPERM, try_connect(SOCK_DGRAM, &n));
}

/* What syslog's openlog(LOG_NDELAY) relies on: connect before the call. */
TEST_F(dgram, connected_before_keeps_working)
{
	const struct name n = pathname("log");
	const int srv = serve(SOCK_DGRAM, &n);
	const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	const sa_family_t unspec = AF_UNSPEC;
	char c;

	ASSERT_LE(0, srv);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, connect(fd, (const void *)&n.sun, n.len));
	RESTRICT(variant->mode);
	EXPECT_EQ(1, send(fd, "x", 1, MSG_DONTWAIT));
	EXPECT_EQ(1, recv(srv, &c, 1, MSG_DONTWAIT));
	/* A disconnect reaches nothing new. */
	EXPECT_EQ(0, connect(fd, (const void *)&unspec, sizeof(unspec)));
	unlink(n.sun.sun_path);
}

TEST_F(dgram, socketpair_keeps_working)
{
	int sv[2];
	char c;

	RESTRICT(variant->mode);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	EXPECT_EQ(1, send(sv[0], "x", 1, 0));
	EXPECT_EQ(1, recv(sv[1], &c, 1, 0));
}

/*
 * ptrace: attach outside the domain is refused in both modes; read
 * access too in strict mode, except the checks that only hide fields
 * (/proc/PID/stat), which are neither refused nor counted.
 */
FIXTURE(ptrace_scope) {};

FIXTURE_VARIANT(ptrace_scope)
{
	unsigned long mode;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ptrace_scope, off) {
	/* clang-format on */
	.mode = PR_NETWORK_OFF,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ptrace_scope, strict) {
	/* clang-format on */
	.mode = PR_NETWORK_STRICT,
};

FIXTURE_SETUP(ptrace_scope)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
}

FIXTURE_TEARDOWN(ptrace_scope)
{
}

static int target_value = 42;

/* PTRACE_MODE_ATTACH: read a word with process_vm_readv(). */
static int attach(const pid_t pid)
{
	int local = 0;
	struct iovec l = { .iov_base = &local, .iov_len = sizeof(local) };
	struct iovec r = { .iov_base = &target_value,
			   .iov_len = sizeof(target_value) };

	if (process_vm_readv(pid, &l, 1, &r, 1, 0) < 0)
		return -errno;
	return local == 42 ? 0 : -EIO;
}

/* Open and read /proc/PID/FILE: 0 or -errno. */
static int proc_read(const pid_t pid, const char *const file)
{
	char path[64], buf[256];
	int fd, ret;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = read(fd, buf, sizeof(buf)) < 0 ? -errno : 0;
	close(fd);
	return ret;
}

/* PTRACE_MODE_READ: /proc/PID/fd, the way to reopen another's pipes. */
static int read_fd_dir(const pid_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/fd/0", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static long long denials(void)
{
	char buf[128];

	if (dn_attr(0, "denials", buf, sizeof(buf)) < 0)
		return -1;
	return atoll(buf);
}

struct ptrace_case {
	int attach, environ, fd, stat;
};

static struct ptrace_case probe_all(const pid_t pid)
{
	return (struct ptrace_case){
		.attach = attach(pid),
		.environ = proc_read(pid, "environ"),
		.fd = read_fd_dir(pid),
		.stat = proc_read(pid, "stat"),
	};
}

static void expect_case(struct __test_metadata *const _metadata,
			const struct ptrace_case *const c, const bool outside,
			const bool strict)
{
	EXPECT_EQ(outside ? -EPERM : 0, c->attach);
	/* mm_access() and /proc/PID/fd report a failed check as EACCES. */
	EXPECT_EQ(outside && strict ? -EACCES : 0, c->environ);
	EXPECT_EQ(outside && strict ? -EACCES : 0, c->fd);
	EXPECT_EQ(0, c->stat);
}

TEST_F(ptrace_scope, same_and_nested_domain)
{
	struct peer same, nested;
	struct ptrace_case c;

	RESTRICT(variant->mode);
	same = spawn(0, 0, NULL);
	nested = spawn(variant->mode, 0, NULL);
	ASSERT_LT(0, same.pid);
	ASSERT_LT(0, nested.pid);
	c = probe_all(same.pid);
	expect_case(_metadata, &c, false, false);
	c = probe_all(nested.pid);
	expect_case(_metadata, &c, false, false);
	reap(same);
	reap(nested);
}

static void check_outsider(struct __test_metadata *const _metadata,
			   const struct _fixture_variant_ptrace_scope *const v,
			   const struct peer p)
{
	const bool strict = v->mode == PR_NETWORK_STRICT;
	struct ptrace_case c;
	long long before;

	ASSERT_LT(0, p.pid);
	/* Control: the same checks, before this restriction. */
	c = probe_all(p.pid);
	expect_case(_metadata, &c, false, false);
	RESTRICT(v->mode);
	before = denials();
	c = probe_all(p.pid);
	expect_case(_metadata, &c, true, strict);
	/* Each refused check counts, the no-audit one does not. */
	EXPECT_EQ(before + 1 + (strict ? 2 : 0), denials());
	reap(p);
}

TEST_F(ptrace_scope, unrestricted_target)
{
	check_outsider(_metadata, variant, spawn(0, 0, NULL));
}

TEST_F(ptrace_scope, unrelated_domain)
{
	check_outsider(_metadata, variant, spawn(variant->mode, 0, NULL));
}

TEST_F(ptrace_scope, parent_domain)
{
	struct peer p;

	RESTRICT(variant->mode);
	p = spawn(0, 0, NULL);
	check_outsider(_metadata, variant, p);
}

TEST_HARNESS_MAIN

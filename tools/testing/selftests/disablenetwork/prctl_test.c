// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - The prctl interface and inheritance
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <limits.h>
#include <linux/capability.h>
#include <linux/keyctl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>

#include "common.h"

#define PROBE_ENV "DN_PROBE"
#define PROBE_RESTRICTED 1
#define PROBE_DENIED 2
#define PROBE_ROOT 4
#define PROBE_CAPS 8
#define NOBODY 65534

/*
 * Run as a freshly executed program when DN_PROBE is set: report, in the
 * exit status, whether the restriction survived the execve.
 */
__attribute__((constructor)) static void probe(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};
	int status = 0;

	if (!getenv(PROBE_ENV))
		return;
	if (dn_get() == PR_NETWORK_OFF)
		status |= PROBE_RESTRICTED;
	if (inet_socket() == -EPERM)
		status |= PROBE_DENIED;
	if (geteuid() == 0)
		status |= PROBE_ROOT;
	if (!syscall(SYS_capget, &hdr, data) &&
	    (data[0].effective & (1U << CAP_NET_RAW)))
		status |= PROBE_CAPS;
	_exit(status);
}

/* Execute @path (this test, usually) as a probe, and return its status. */
static int run_probe(const char *const path)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		char *const argv[] = { (char *)path, NULL };
		char *const envp[] = { PROBE_ENV "=1", NULL };

		execve(path, argv, envp);
		fprintf(stderr, "execve %s: %s\n", path, strerror(errno));
		_exit(100);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int drop_all_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	return RET(syscall(SYS_capset, &hdr, data));
}

FIXTURE(prctl) {};

FIXTURE_SETUP(prctl)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
}

FIXTURE_TEARDOWN(prctl)
{
}

TEST_F(prctl, get_default)
{
	EXPECT_EQ(0, dn_get());
	EXPECT_EQ(0, inet_socket());
}

TEST_F(prctl, set_then_get)
{
	EXPECT_EQ(0, inet_socket());
	RESTRICT();
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
}

TEST_F(prctl, idempotent)
{
	RESTRICT();
	EXPECT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	EXPECT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
}

/* Every bad argument gives EINVAL, restricted or not. */
static void check_bad_args(struct __test_metadata *const _metadata)
{
	const unsigned long odd[] = {
		0, 3, 4, ULONG_MAX, (unsigned long)LONG_MIN, -2UL, UINT_MAX,
	};
	unsigned int i, bit;

	for (i = 0; i < ARRAY_SIZE(odd); i++) {
		errno = 0;
		EXPECT_EQ(-1, prctl(PR_SET_NETWORK, odd[i], 0, 0, 0));
		EXPECT_EQ(EINVAL, errno);
	}
	for (bit = 0; bit < sizeof(long) * CHAR_BIT; bit++) {
		const unsigned long v = 1UL << bit;

		if (v != PR_NETWORK_OFF && v != PR_NETWORK_STRICT) {
			EXPECT_EQ(-1, prctl(PR_SET_NETWORK, v, 0, 0, 0));
			EXPECT_EQ(-1, prctl(PR_SET_NETWORK, v | PR_NETWORK_OFF,
					    0, 0, 0));
		}
		if (v != PR_NETWORK_ALL_THREADS)
			EXPECT_EQ(-1, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, v,
					    0, 0));
		EXPECT_EQ(-1, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, v, 0));
		EXPECT_EQ(-1, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, v));
		EXPECT_EQ(-1, prctl(PR_GET_NETWORK, v, 0, 0, 0));
		EXPECT_EQ(-1, prctl(PR_GET_NETWORK, 0, v, 0, 0));
		EXPECT_EQ(-1, prctl(PR_GET_NETWORK, 0, 0, v, 0));
		EXPECT_EQ(-1, prctl(PR_GET_NETWORK, 0, 0, 0, v));
		EXPECT_EQ(EINVAL, errno);
	}
}

TEST_F(prctl, bad_args_unrestricted)
{
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	check_bad_args(_metadata);
	/* None of them restricted the caller. */
	EXPECT_EQ(0, dn_get());
	EXPECT_EQ(0, inet_socket());
}

TEST_F(prctl, bad_args_restricted)
{
	RESTRICT();
	check_bad_args(_metadata);
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
}

TEST_F(prctl, one_way)
{
	RESTRICT();
	/* No value turns the network back on. */
	EXPECT_EQ(-1, prctl(PR_SET_NETWORK, 0, 0, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
}

TEST_F(prctl, gate_needs_no_new_privs)
{
	/* Without no_new_privs or CAP_SYS_ADMIN: EPERM, and no change. */
	ASSERT_EQ(0, drop_all_caps());
	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	EXPECT_EQ(-1, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(0, dn_get());
	EXPECT_EQ(0, inet_socket());

	/* With no_new_privs, the same unprivileged task may. */
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	EXPECT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
}

TEST_F(prctl, gate_cap_sys_admin)
{
	/* Root without no_new_privs holds CAP_SYS_ADMIN. */
	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	EXPECT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
}

TEST_F(prctl, gate_user_namespace_admin)
{
	/* CAP_SYS_ADMIN in the caller's own user namespace is enough. */
	ASSERT_EQ(0, setresuid(NOBODY, NOBODY, NOBODY));
	ASSERT_EQ(0, unshare(CLONE_NEWUSER));
	EXPECT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
}

static int child_probe(void *const arg)
{
	return (dn_get() == PR_NETWORK_OFF ? PROBE_RESTRICTED : 0) |
	       (inet_socket() == -EPERM ? PROBE_DENIED : 0);
}

TEST_F(prctl, fork_inherits)
{
	EXPECT_EQ(0, in_child(child_probe, NULL));
	RESTRICT();
	EXPECT_EQ(PROBE_RESTRICTED | PROBE_DENIED, in_child(child_probe, NULL));
}

static void *thread_probe(void *const arg)
{
	return (void *)(long)child_probe(arg);
}

static int probe_in_thread(void)
{
	pthread_t thread;
	void *ret;

	if (pthread_create(&thread, NULL, thread_probe, NULL) ||
	    pthread_join(thread, &ret))
		return -1;
	return (int)(long)ret;
}

TEST_F(prctl, threads_created_after_inherit)
{
	EXPECT_EQ(0, probe_in_thread());
	RESTRICT();
	EXPECT_EQ(PROBE_RESTRICTED | PROBE_DENIED, probe_in_thread());
}

struct sibling {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int step;
	int result;
};

static void *sibling_thread(void *const arg)
{
	struct sibling *const s = arg;

	pthread_mutex_lock(&s->lock);
	while (s->step != 1)
		pthread_cond_wait(&s->cond, &s->lock);
	/* The main thread has restricted itself by now. */
	s->result = child_probe(NULL);
	s->step = 2;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

TEST_F(prctl, existing_sibling_thread_unaffected)
{
	struct sibling s = {
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.cond = PTHREAD_COND_INITIALIZER,
	};
	pthread_t thread;

	ASSERT_EQ(0, pthread_create(&thread, NULL, sibling_thread, &s));
	RESTRICT();
	EXPECT_EQ(-EPERM, inet_socket());

	pthread_mutex_lock(&s.lock);
	s.step = 1;
	pthread_cond_broadcast(&s.cond);
	while (s.step != 2)
		pthread_cond_wait(&s.cond, &s.lock);
	pthread_mutex_unlock(&s.lock);
	ASSERT_EQ(0, pthread_join(thread, NULL));

	/* Like Landlock and seccomp without TSYNC: per thread. */
	EXPECT_EQ(0, s.result);
}

TEST_F(prctl, execve_inherits)
{
	EXPECT_EQ(PROBE_ROOT, run_probe("/proc/self/exe") & ~PROBE_CAPS);
	RESTRICT();
	EXPECT_EQ(PROBE_RESTRICTED | PROBE_DENIED | PROBE_ROOT,
		  run_probe("/proc/self/exe") & ~PROBE_CAPS);
}

/* A copy of this test program, owned by root, with @mode and @xattr. */
static void install_probe(struct __test_metadata *const _metadata,
			  const char *const path, const mode_t mode,
			  const void *const xattr, const size_t xattr_len)
{
	char buf[65536];
	ssize_t len;
	int in, out;

	in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, in);
	unlink(path);
	out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	ASSERT_LE(0, out);
	while ((len = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(len, write(out, buf, len));
	ASSERT_EQ(0, len);
	close(in);
	if (xattr)
		ASSERT_EQ(0, fsetxattr(out, "security.capability", xattr,
				       xattr_len, 0));
	ASSERT_EQ(0, fchmod(out, mode));
	close(out);
}

TEST_F(prctl, execve_setuid_inherits)
{
	const char *const path = "/tmp/dn_probe_setuid";

	install_probe(_metadata, path, 04755, NULL, 0);
	/* Root restricts itself (no no_new_privs needed), then drops root. */
	ASSERT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	ASSERT_EQ(0, setresuid(NOBODY, NOBODY, NOBODY));
	/* The set-user-ID binary makes it root again, still restricted. */
	EXPECT_EQ(PROBE_RESTRICTED | PROBE_DENIED | PROBE_ROOT,
		  run_probe(path) & ~PROBE_CAPS);
	unlink(path);
}

TEST_F(prctl, execve_file_caps_inherits)
{
	const char *const path = "/tmp/dn_probe_fcaps";
	const struct vfs_cap_data caps = {
		.magic_etc = VFS_CAP_REVISION_2 | VFS_CAP_FLAGS_EFFECTIVE,
		.data = { { .permitted = 1U << CAP_NET_RAW } },
	};

	install_probe(_metadata, path, 0755, &caps, XATTR_CAPS_SZ_2);
	ASSERT_EQ(0, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	ASSERT_EQ(0, setresuid(NOBODY, NOBODY, NOBODY));
	/* The file capability takes effect, the restriction stays. */
	EXPECT_EQ(PROBE_RESTRICTED | PROBE_DENIED | PROBE_CAPS,
		  run_probe(path));
	unlink(path);
}

TEST_F(prctl, setuid_setgid_keep)
{
	RESTRICT();
	ASSERT_EQ(0, setresgid(NOBODY, NOBODY, NOBODY));
	ASSERT_EQ(0, setresuid(NOBODY, NOBODY, NOBODY));
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
}

TEST_F(prctl, capset_keeps)
{
	RESTRICT();
	ASSERT_EQ(0, drop_all_caps());
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
}

TEST_F(prctl, unshare_netns_keeps)
{
	/* Control: a new network namespace gives an unrestricted socket. */
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	EXPECT_EQ(0, inet_socket());
	RESTRICT();
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
}

TEST_F(prctl, unshare_userns_keeps)
{
	RESTRICT();
	ASSERT_EQ(0, unshare(CLONE_NEWUSER));
	EXPECT_EQ(PR_NETWORK_OFF, dn_get());
	EXPECT_EQ(-EPERM, inet_socket());
}

/* In a child: join a new session keyring and push it to the parent. */
static int session_to_parent(void *const arg)
{
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0)
		return 1;
	if (syscall(SYS_keyctl, KEYCTL_SESSION_TO_PARENT) < 0)
		return 2;
	return 0;
}

static void check_session_to_parent(struct __test_metadata *const _metadata,
				    const bool restrict_parent)
{
	long before, after;

	if (restrict_parent)
		RESTRICT();
	before = syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID,
			 KEY_SPEC_SESSION_KEYRING, 1);
	ASSERT_LE(0, before);
	ASSERT_EQ(0, in_child(session_to_parent, NULL));
	/* The new cred is installed on the way back to user space. */
	after = syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID,
			KEY_SPEC_SESSION_KEYRING, 0);
	ASSERT_LE(0, after);
	ASSERT_NE(before, after);
	EXPECT_EQ(restrict_parent ? PR_NETWORK_OFF : 0, dn_get());
	EXPECT_EQ(restrict_parent ? -EPERM : 0, inet_socket());
}

TEST_F(prctl, session_to_parent_keeps_restriction)
{
	/* cred_transfer rebuilds the parent's cred: the flag must follow. */
	check_session_to_parent(_metadata, true);
}

TEST_F(prctl, session_to_parent_adds_nothing)
{
	check_session_to_parent(_metadata, false);
}

/* Passes on both boots: enabled, or built in but not enabled. */
FIXTURE(detect) {};

FIXTURE_SETUP(detect)
{
}

FIXTURE_TEARDOWN(detect)
{
}

TEST_F(detect, enabled_or_einval)
{
	if (dn_enabled()) {
		EXPECT_EQ(0, dn_get());
		return;
	}
	/* Not enabled: both options are unknown to prctl(2). */
	EXPECT_EQ(-1, prctl(PR_GET_NETWORK, 0, 0, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	EXPECT_EQ(-1, prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	/* And the network is still there. */
	EXPECT_EQ(0, inet_socket());
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - bad input
 *
 * Deterministic fuzzing with a seeded PRNG (DN_FUZZ_SEED overrides the
 * seed): random and hostile prctl arguments, and hostile addresses for
 * bind, connect, sendto and sendmsg on sockets of several families.
 *
 * - prctl: only the documented results.
 * - Restricted: EPERM or the unrestricted errno for the same case, and
 *   never a success that would let a non-AF_UNIX socket reach a new peer.
 * - Unrestricted: a digest of every result, printed as "FUZZ-DIGEST";
 *   the pipeline compares it with the digest from a kernel booted without
 *   the module, which must be identical.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/un.h>

#include "common.h"

#define CASES_PER_KIND 400
#define CHUNK 200
#define DN_AF_MAX 46

struct kind {
	int family;
	int type;
	int protocol;
};

static const struct kind kinds[] = {
	{ AF_INET, SOCK_DGRAM, 0 },
	{ AF_INET, SOCK_STREAM, 0 },
	{ AF_INET6, SOCK_DGRAM, 0 },
	{ AF_INET6, SOCK_STREAM, 0 },
	{ AF_UNIX, SOCK_DGRAM, 0 },
	{ AF_UNIX, SOCK_STREAM, 0 },
	{ AF_NETLINK, SOCK_RAW, 0 },
};

#define NKINDS ARRAY_SIZE(kinds)
#define NCASES ((unsigned int)(NKINDS * CASES_PER_KIND))

enum op { OP_BIND, OP_CONNECT, OP_SENDTO, OP_SENDMSG, OP_COUNT };

struct fuzz_case {
	unsigned int kind;
	enum op op;
	unsigned int offset;	/* misalignment of the address buffer */
	int len;
	bool null;		/* a NULL address with @len */
	unsigned char addr[160];
};

static uint64_t prng_state;

static uint64_t prng(void)
{
	/* xorshift64* */
	prng_state ^= prng_state >> 12;
	prng_state ^= prng_state << 25;
	prng_state ^= prng_state >> 27;
	return prng_state * 0x2545f4914f6cdd1dULL;
}

static uint64_t seed(void)
{
	const char *const env = getenv("DN_FUZZ_SEED");

	return env ? strtoull(env, NULL, 0) : 0xd15ab1e0e7ULL;
}

static const int lengths[] = {
	0, 1, 2, sizeof(sa_family_t), 3, 4,
	offsetof(struct sockaddr_un, sun_path) + 1, 8, 12, 16, 24, 27, 28,
	32, 108, sizeof(struct sockaddr_un), sizeof(struct sockaddr_un) + 1,
	sizeof(struct sockaddr_storage), sizeof(struct sockaddr_storage) + 1,
	-1,
};

/* Case @i, the same on every run with the same seed. */
static void make_case(struct fuzz_case *const c, const unsigned int i)
{
	const uint64_t r = prng();
	sa_family_t family;
	unsigned int j;

	memset(c, 0, sizeof(*c));
	c->kind = i % NKINDS;
	c->op = (r >> 8) % OP_COUNT;
	c->offset = (r >> 12) % 4;
	c->len = lengths[(r >> 16) % ARRAY_SIZE(lengths)];
	if (c->len < 0)
		c->len = (r >> 24) % 200;
	c->null = ((r >> 32) % 16) == 0 && c->len;
	/* Every family number from 0 to AF_MAX + 1, or the socket's own. */
	family = (r >> 36) % 2 ? kinds[c->kind].family :
				 (r >> 40) % (DN_AF_MAX + 2);
	switch ((r >> 48) % 5) {
	case 0:	/* zeros */
		break;
	case 1:	/* random bytes */
		for (j = 0; j < sizeof(c->addr); j++)
			c->addr[j] = prng();
		break;
	case 2:	/* abstract AF_UNIX name */
		snprintf((char *)c->addr + 3, sizeof(c->addr) - 3, "dnfuzz%u",
			 i % 7);
		break;
	case 3:	/* pathname, relative, no terminating NUL */
		memset(c->addr + 2, 'p', sizeof(c->addr) - 2);
		memcpy(c->addr + 2, "dnfuzz", 6);
		break;
	case 4:	/* all ones */
		memset(c->addr, 0xff, sizeof(c->addr));
		break;
	}
	memcpy(c->addr, &family, sizeof(family));
	/* Loopback for INET, so that results do not depend on timing. */
	if (family == AF_INET && (r >> 52) % 2) {
		c->addr[4] = 127;
		c->addr[7] = 1;
	}
}

static int open_kind(const struct kind *const k)
{
	return socket(k->family, k->type | SOCK_NONBLOCK | SOCK_CLOEXEC,
		      k->protocol);
}

/* Run case @c on @fd; 0, or -errno. */
static int run_case(const int fd, const struct fuzz_case *const c)
{
	static unsigned char area[sizeof(((struct fuzz_case *)0)->addr) + 8];
	const struct sockaddr *const addr =
		c->null ? NULL : (const void *)(area + c->offset);
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = {
		.msg_name = (void *)addr,
		.msg_namelen = c->len,
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	const int flags = MSG_DONTWAIT | MSG_NOSIGNAL;

	memcpy(area + c->offset, c->addr, sizeof(c->addr));
	switch (c->op) {
	case OP_BIND:
		return RET(bind(fd, addr, c->len));
	case OP_CONNECT:
		return RET(connect(fd, addr, c->len));
	case OP_SENDTO:
		return RET(sendto(fd, "x", 1, flags, addr, c->len));
	default:
		return RET(sendmsg(fd, &msg, flags));
	}
}

/* Would success of @c on a restricted task be a way around the module? */
static bool must_not_succeed(const struct fuzz_case *const c)
{
	const int family = kinds[c->kind].family;
	sa_family_t sa;

	if (family == AF_UNIX)
		return false;
	if (c->op == OP_SENDTO || c->op == OP_SENDMSG)
		return c->len > 0 && !c->null;
	if (c->op == OP_BIND)
		return true;
	/* connect: only an AF_UNSPEC disconnect on INET, INET6. */
	memcpy(&sa, c->addr, sizeof(sa));
	return !((family == AF_INET || family == AF_INET6) && !c->null &&
		 c->len >= (int)sizeof(sa) && sa == AF_UNSPEC);
}

/* Pathname sockets land in a fresh directory, for the same state. */
static int fresh_dir(void)
{
	char dir[] = "/tmp/dnfuzz.XXXXXX";

	return mkdtemp(dir) && !chdir(dir) ? 0 : -1;
}

/* Results of every case, unrestricted: each case on a fresh socket. */
static void run_unrestricted(int *const results)
{
	struct fuzz_case c;
	unsigned int i;

	if (fresh_dir())
		return;
	prng_state = seed();
	for (i = 0; i < NCASES; i++) {
		int fd;

		make_case(&c, i);
		fd = open_kind(&kinds[c.kind]);
		results[i] = fd < 0 ? -1000 - errno : run_case(fd, &c);
		if (fd >= 0)
			close(fd);
	}
}

FIXTURE(fuzz) {
	int *results;
};

FIXTURE_SETUP(fuzz)
{
	setup_loopback(_metadata);
	self->results = calloc(NCASES, sizeof(int));
	ASSERT_NE(NULL, self->results);
}

FIXTURE_TEARDOWN(fuzz)
{
	free(self->results);
}

/* Runs on every kernel; the pipeline compares the digests. */
TEST_F(fuzz, addresses_unrestricted)
{
	uint64_t digest = 0xcbf29ce484222325ULL;
	unsigned int i;

	run_unrestricted(self->results);
	for (i = 0; i < NCASES; i++) {
		digest ^= (uint32_t)self->results[i];
		digest *= 0x100000001b3ULL;
	}
	printf("# FUZZ-DIGEST addresses %016llx seed=%#llx cases=%u\n",
	       (unsigned long long)digest, (unsigned long long)seed(), NCASES);
}

TEST_F(fuzz, addresses_restricted)
{
	int *const res = mmap(NULL, NCASES * sizeof(int),
			      PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	unsigned int i, start, bad = 0, denied = 0;
	struct fuzz_case c;

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	ASSERT_NE(MAP_FAILED, res);
	run_unrestricted(self->results);
	ASSERT_EQ(0, fresh_dir());

	/* Sockets opened before the restriction, CHUNK at a time. */
	for (start = 0; start < NCASES; start += CHUNK) {
		const pid_t pid = fork();
		int status;

		ASSERT_LE(0, pid);
		if (pid == 0) {
			int fds[CHUNK];

			prng_state = seed();
			for (i = 0; i < start; i++)
				make_case(&c, i);
			for (i = 0; i < CHUNK && start + i < NCASES; i++) {
				make_case(&c, start + i);
				fds[i] = open_kind(&kinds[c.kind]);
			}
			if (dn_restrict())
				_exit(1);
			prng_state = seed();
			for (i = 0; i < start; i++)
				make_case(&c, i);
			for (i = 0; i < CHUNK && start + i < NCASES; i++) {
				make_case(&c, start + i);
				res[start + i] = fds[i] < 0 ?
					-1000 - EMFILE : run_case(fds[i], &c);
				/* As unrestricted: one socket per case. */
				close(fds[i]);
			}
			_exit(0);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_EQ(0, WEXITSTATUS(status));
	}

	prng_state = seed();
	for (i = 0; i < NCASES; i++) {
		make_case(&c, i);
		if (res[i] == -EPERM && self->results[i] != -EPERM)
			denied++;
		if ((res[i] != -EPERM && res[i] != self->results[i]) ||
		    (!res[i] && must_not_succeed(&c))) {
			if (bad++ < 10)
				TH_LOG("case %u: family %d type %d op %d",
				       i, kinds[c.kind].family,
				       kinds[c.kind].type, c.op);
			if (bad <= 10)
				TH_LOG("len %d: restricted %d, unrestricted %d",
				       c.len, res[i], self->results[i]);
		}
	}
	printf("# fuzz: %u address cases, seed %#llx, ", NCASES,
	       (unsigned long long)seed());
	printf("%u denied with EPERM, %u wrong\n", denied, bad);
	EXPECT_EQ(0, bad);
	EXPECT_LT(0, denied);
}

TEST_F(fuzz, prctl_arguments)
{
	unsigned int i, n = 0, bit;
	unsigned long a[4];
	long ret;

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	prng_state = seed();
	for (i = 0; i < 20000 + 4 * 64; i++, n++) {
		const int option = i % 2 ? PR_SET_NETWORK : PR_GET_NETWORK;
		bool valid;

		if (i < 4 * 64) {
			/* Every bit position of every argument. */
			bit = i % 64;
			memset(a, 0, sizeof(a));
			a[i / 64] = 1UL << bit;
		} else {
			a[0] = prng() >> (prng() % 64);
			a[1] = prng() % 4 ? 0 : prng();
			a[2] = prng() % 4 ? 0 : -(long)(prng() % 3);
			a[3] = prng() % 8 ? 0 : prng();
			if (prng() % 3 == 0)
				a[0] = (prng() % 2) ? PR_NETWORK_OFF : -1UL;
		}
		valid = option == PR_SET_NETWORK ?
			(a[0] == PR_NETWORK_OFF || a[0] == PR_NETWORK_STRICT) &&
				!(a[1] & ~PR_NETWORK_ALL_THREADS) && !a[2] && !a[3] :
			!a[0] && !a[1] && !a[2] && !a[3];
		if (valid && option == PR_SET_NETWORK)
			continue;	/* restricting is tested elsewhere */
		errno = 0;
		ret = prctl(option, a[0], a[1], a[2], a[3]);
		/* Valid here means PR_GET_NETWORK: unrestricted, 0. */
		EXPECT_EQ(valid ? 0 : -1, ret);
		EXPECT_EQ(valid ? 0 : EINVAL, errno);
	}
	/* Nothing above restricted the caller. */
	EXPECT_EQ(0, dn_get());
	printf("# fuzz: %u prctl cases, seed %#llx\n", n,
	       (unsigned long long)seed());
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Restriction domains
 *
 * Each successful PR_SET_NETWORK creates a domain nested in the caller's
 * current one.  A domain is small and immutable but for its denial
 * record: a reference count, a parent, a mode, a depth and an id.
 * Unrestricted credentials point to no domain, so that the hooks test one
 * pointer and unrestricted tasks never touch a reference count.
 *
 * Releasing a domain only frees memory: it takes no lock and never
 * sleeps, so that the last reference may be dropped from cred_free(),
 * which usually runs in an RCU callback.  Landlock has to defer its
 * release to a work queue (landlock_put_ruleset_deferred()) because
 * freeing a ruleset may sleep; freeing a domain cannot.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "common.h"
#include "domain.h"

/* The first domain has id 1; 0 never names a domain. */
static atomic64_t next_id = ATOMIC64_INIT(1);

/* Domains allocated and not yet freed: leaks show up here. */
static atomic_long_t live_domains = ATOMIC_LONG_INIT(0);

/**
 * disablenetwork_domain_create - Create a domain nested in another one
 *
 * @parent: The caller's current domain, or NULL if it is unrestricted.
 * @mode: The requested mode; the new domain gets the stricter of it and
 *	@parent's mode.
 *
 * Return: A new domain holding a reference to @parent, with one
 * reference for the caller; ERR_PTR(-E2BIG) if @parent is already
 * DISABLENETWORK_MAX_DEPTH deep; ERR_PTR(-ENOMEM).
 */
struct disablenetwork_domain *
disablenetwork_domain_create(struct disablenetwork_domain *const parent,
			     const enum disablenetwork_mode mode)
{
	struct disablenetwork_domain *domain;

	if (parent && parent->depth >= DISABLENETWORK_MAX_DEPTH)
		return ERR_PTR(-E2BIG);
	domain = kzalloc(sizeof(*domain), GFP_KERNEL_ACCOUNT);
	if (!domain)
		return ERR_PTR(-ENOMEM);
	refcount_set(&domain->usage, 1);
	domain->parent = disablenetwork_domain_get(parent);
	domain->id = atomic64_inc_return(&next_id) - 1;
	domain->mode = max(mode, disablenetwork_domain_mode(parent));
	domain->depth = parent ? parent->depth + 1 : 1;
	spin_lock_init(&domain->lock);
	atomic_long_inc(&live_domains);
	return domain;
}

/**
 * disablenetwork_domain_put - Drop a reference to a domain
 *
 * @domain: A domain, or NULL.
 *
 * Frees @domain when this was the last reference, and then drops the
 * reference it held on its parent, in a loop rather than by recursion.
 * Never sleeps: callable from an RCU callback.
 */
void disablenetwork_domain_put(struct disablenetwork_domain *domain)
{
	while (domain && refcount_dec_and_test(&domain->usage)) {
		struct disablenetwork_domain *const parent = domain->parent;

		kfree(domain);
		atomic_long_dec(&live_domains);
		domain = parent;
	}
}

/**
 * disablenetwork_domain_scopes - Is a domain within another's reach?
 *
 * @domain: The domain of the task that acts, or NULL if unrestricted.
 * @other: The domain of the task or socket it acts on, or NULL.
 *
 * A restricted task may reach what belongs to its own domain or to a
 * domain nested in it, never what belongs to an enclosing or unrelated
 * domain, nor what belongs to no domain at all.
 *
 * Return: True if @domain is NULL, or if @other is @domain or one of its
 * descendants.
 */
bool disablenetwork_domain_scopes(const struct disablenetwork_domain *domain,
				  const struct disablenetwork_domain *other)
{
	if (!domain)
		return true;
	/* Bounded by DISABLENETWORK_MAX_DEPTH. */
	for (; other; other = other->parent) {
		if (other == domain)
			return true;
		if (other->depth <= domain->depth)
			return false;
	}
	return false;
}

/* The record is one line: control characters would break it. */
static void copy_comm(char *const dst, const char *const comm)
{
	size_t i;

	strscpy(dst, comm, TASK_COMM_LEN);
	for (i = 0; i < TASK_COMM_LEN && dst[i]; i++)
		if (dst[i] < ' ' || dst[i] == 0x7f)
			dst[i] = '?';
}

/**
 * disablenetwork_domain_count_denial - Count a denial
 *
 * @domain: The denied task's domain, or NULL.
 * @op: Name of the denied operation, a string literal.
 * @family: Address family, or AF_UNSPEC.
 * @comm: The denied task's command name.
 *
 * Counts the denial in @domain and in every domain it is nested in, so
 * that a watcher in an enclosing domain sees the denials of what it
 * started, and records it as the first denial where it is one.  This is
 * the cold path of a denial; allowed operations never come here.
 */
void disablenetwork_domain_count_denial(struct disablenetwork_domain *domain,
					const char *const op, const int family,
					const char *const comm)
{
	for (; domain; domain = domain->parent) {
		spin_lock(&domain->lock);
		if (!domain->denials++) {
			domain->first.op = op;
			domain->first.family = family;
			copy_comm(domain->first.comm, comm);
		}
		spin_unlock(&domain->lock);
	}
}

/**
 * disablenetwork_domain_read_denials - Read a domain's denial record
 *
 * @domain: A domain.
 * @first: Where to copy the first denial, if there was one.
 *
 * Return: The number of denials in @domain and the domains nested in it.
 */
u64 disablenetwork_domain_read_denials(struct disablenetwork_domain *domain,
				       struct disablenetwork_denial *first)
{
	u64 denials;

	spin_lock(&domain->lock);
	denials = domain->denials;
	*first = domain->first;
	spin_unlock(&domain->lock);
	return denials;
}

#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST

/**
 * disablenetwork_domains_live - Number of domains not yet freed
 *
 * Return: Domains created and not yet freed, for the leak checks of the
 * tests.
 */
long disablenetwork_domains_live(void)
{
	return atomic_long_read(&live_domains);
}

/*
 * Test kernels show the count in
 * /sys/module/disablenetwork/parameters/live_domains, so that the
 * selftests and the stress test can count leaked domains.
 */
static int live_domains_get(char *const buffer,
			    const struct kernel_param *const kp)
{
	return sysfs_emit(buffer, "%ld\n", disablenetwork_domains_live());
}

static int live_domains_set(const char *const val,
			    const struct kernel_param *const kp)
{
	return -EPERM;
}

static const struct kernel_param_ops live_domains_ops = {
	.get = live_domains_get,
	.set = live_domains_set,
};

module_param_cb(live_domains, &live_domains_ops, NULL, 0444);

#include <kunit/test.h>
#include <linux/cred.h>

#include "cred.h"

/**
 * disablenetwork_test_set_mode - Restrict a credential for a test
 *
 * @cred: A credential that is not committed yet.
 * @mode: DISABLENETWORK_MODE_NONE to make it unrestricted, or the mode of
 *	a new top-level domain to put it in.
 *
 * Return: 0, or -ENOMEM.
 */
int disablenetwork_test_set_mode(struct cred *const cred,
				 const enum disablenetwork_mode mode)
{
	struct disablenetwork_domain *domain = NULL;

	if (mode != DISABLENETWORK_MODE_NONE) {
		domain = disablenetwork_domain_create(NULL, mode);
		if (IS_ERR(domain))
			return PTR_ERR(domain);
	}
	disablenetwork_cred_set_domain(cred, domain);
	return 0;
}

static void test_create_nested(struct kunit *const test)
{
	const long live = disablenetwork_domains_live();
	struct disablenetwork_domain *const root =
		disablenetwork_domain_create(NULL, DISABLENETWORK_MODE_OFF);
	struct disablenetwork_domain *child, *grandchild;

	KUNIT_ASSERT_FALSE(test, IS_ERR(root));
	KUNIT_EXPECT_NULL(test, root->parent);
	KUNIT_EXPECT_EQ(test, 1, root->depth);
	KUNIT_EXPECT_NE(test, 0, root->id);
	KUNIT_EXPECT_EQ(test, DISABLENETWORK_MODE_OFF, root->mode);
	KUNIT_EXPECT_EQ(test, 0, root->denials);

	child = disablenetwork_domain_create(root, DISABLENETWORK_MODE_STRICT);
	KUNIT_ASSERT_FALSE(test, IS_ERR(child));
	grandchild = disablenetwork_domain_create(child,
						  DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(grandchild));

	KUNIT_EXPECT_PTR_EQ(test, root, child->parent);
	KUNIT_EXPECT_PTR_EQ(test, child, grandchild->parent);
	KUNIT_EXPECT_EQ(test, 2, child->depth);
	KUNIT_EXPECT_EQ(test, 3, grandchild->depth);
	/* Ids are unique and grow. */
	KUNIT_EXPECT_LT(test, root->id, child->id);
	KUNIT_EXPECT_LT(test, child->id, grandchild->id);
	/* OFF inside STRICT keeps STRICT. */
	KUNIT_EXPECT_EQ(test, DISABLENETWORK_MODE_STRICT, grandchild->mode);
	/* Each child holds its parent. */
	KUNIT_EXPECT_EQ(test, 2, refcount_read(&root->usage));
	KUNIT_EXPECT_EQ(test, 2, refcount_read(&child->usage));
	KUNIT_EXPECT_EQ(test, 1, refcount_read(&grandchild->usage));
	KUNIT_EXPECT_EQ(test, live + 3, disablenetwork_domains_live());

	/* The parents outlive the references the test drops first. */
	disablenetwork_domain_put(root);
	disablenetwork_domain_put(child);
	KUNIT_EXPECT_EQ(test, live + 3, disablenetwork_domains_live());
	KUNIT_EXPECT_EQ(test, 1, refcount_read(&root->usage));
	KUNIT_EXPECT_EQ(test, DISABLENETWORK_MODE_STRICT, grandchild->mode);
	/* The last reference frees the whole chain. */
	disablenetwork_domain_put(grandchild);
	KUNIT_EXPECT_EQ(test, live, disablenetwork_domains_live());
}

static void test_depth_limit(struct kunit *const test)
{
	const long live = disablenetwork_domains_live();
	struct disablenetwork_domain *domain = NULL, *next;
	unsigned int depth;

	for (depth = 1; depth <= DISABLENETWORK_MAX_DEPTH; depth++) {
		next = disablenetwork_domain_create(domain,
						    DISABLENETWORK_MODE_OFF);
		KUNIT_ASSERT_FALSE(test, IS_ERR(next));
		KUNIT_EXPECT_EQ(test, depth, next->depth);
		disablenetwork_domain_put(domain);
		domain = next;
	}
	next = disablenetwork_domain_create(domain, DISABLENETWORK_MODE_OFF);
	KUNIT_EXPECT_EQ(test, -E2BIG, PTR_ERR(next));
	KUNIT_EXPECT_EQ(test, live + DISABLENETWORK_MAX_DEPTH,
			disablenetwork_domains_live());
	/* One put frees all 16, without recursion. */
	disablenetwork_domain_put(domain);
	KUNIT_EXPECT_EQ(test, live, disablenetwork_domains_live());
}

static void test_get_put_null(struct kunit *const test)
{
	const long live = disablenetwork_domains_live();

	KUNIT_EXPECT_NULL(test, disablenetwork_domain_get(NULL));
	disablenetwork_domain_put(NULL);
	KUNIT_EXPECT_EQ(test, DISABLENETWORK_MODE_NONE,
			disablenetwork_domain_mode(NULL));
	KUNIT_EXPECT_EQ(test, live, disablenetwork_domains_live());
}

/*
 * cred_free() drops its reference from an RCU callback, in softirq: the
 * release must not sleep (DEBUG_ATOMIC_SLEEP kernels check it here).
 */
static void test_put_atomic(struct kunit *const test)
{
	const long live = disablenetwork_domains_live();
	struct disablenetwork_domain *const root =
		disablenetwork_domain_create(NULL, DISABLENETWORK_MODE_OFF);
	struct disablenetwork_domain *child;

	KUNIT_ASSERT_FALSE(test, IS_ERR(root));
	child = disablenetwork_domain_create(root, DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(child));
	disablenetwork_domain_put(root);
	local_bh_disable();
	rcu_read_lock();
	disablenetwork_domain_put(child);
	rcu_read_unlock();
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, live, disablenetwork_domains_live());
}

/* The strictness order: a nested domain is at least as strict. */
struct mode_case {
	const char *name;
	enum disablenetwork_mode parent, requested, result;
};

static const struct mode_case mode_cases[] = {
	{ "none+off", DISABLENETWORK_MODE_NONE, DISABLENETWORK_MODE_OFF,
	  DISABLENETWORK_MODE_OFF },
	{ "none+strict", DISABLENETWORK_MODE_NONE, DISABLENETWORK_MODE_STRICT,
	  DISABLENETWORK_MODE_STRICT },
	{ "off+off", DISABLENETWORK_MODE_OFF, DISABLENETWORK_MODE_OFF,
	  DISABLENETWORK_MODE_OFF },
	{ "off+strict", DISABLENETWORK_MODE_OFF, DISABLENETWORK_MODE_STRICT,
	  DISABLENETWORK_MODE_STRICT },
	{ "strict+off", DISABLENETWORK_MODE_STRICT, DISABLENETWORK_MODE_OFF,
	  DISABLENETWORK_MODE_STRICT },
	{ "strict+strict", DISABLENETWORK_MODE_STRICT,
	  DISABLENETWORK_MODE_STRICT, DISABLENETWORK_MODE_STRICT },
};

KUNIT_ARRAY_PARAM_DESC(mode, mode_cases, name);

static void test_mode_order(struct kunit *const test)
{
	const struct mode_case *const c = test->param_value;
	struct disablenetwork_domain *parent = NULL, *domain;

	KUNIT_EXPECT_LT(test, DISABLENETWORK_MODE_NONE,
			DISABLENETWORK_MODE_OFF);
	KUNIT_EXPECT_LT(test, DISABLENETWORK_MODE_OFF,
			DISABLENETWORK_MODE_STRICT);
	if (c->parent != DISABLENETWORK_MODE_NONE) {
		parent = disablenetwork_domain_create(NULL, c->parent);
		KUNIT_ASSERT_FALSE(test, IS_ERR(parent));
	}
	domain = disablenetwork_domain_create(parent, c->requested);
	KUNIT_ASSERT_FALSE(test, IS_ERR(domain));
	KUNIT_EXPECT_EQ(test, c->result, domain->mode);
	KUNIT_EXPECT_EQ(test, c->result, disablenetwork_domain_mode(domain));
	disablenetwork_domain_put(parent);
	disablenetwork_domain_put(domain);
}

/*
 * The scoping decision on a small tree:
 *
 *	a	b
 *	|
 *	a1	a2
 *	|
 *	a1x
 *
 * where a2 is a second child of a.
 */
enum { D_NONE, D_A, D_A1, D_A1X, D_A2, D_B, D_COUNT };

struct scope_case {
	const char *name;
	int domain, other;
	bool scoped;
};

static const struct scope_case scope_cases[] = {
	{ "unrestricted reaches unrestricted", D_NONE, D_NONE, true },
	{ "unrestricted reaches a domain", D_NONE, D_A1, true },
	{ "same domain", D_A, D_A, true },
	{ "child", D_A, D_A1, true },
	{ "grandchild", D_A, D_A1X, true },
	{ "second child", D_A, D_A2, true },
	{ "parent", D_A1, D_A, false },
	{ "grandparent", D_A1X, D_A, false },
	{ "sibling", D_A1, D_A2, false },
	{ "sibling's child", D_A2, D_A1X, false },
	{ "unrelated", D_A, D_B, false },
	{ "unrelated, other way", D_B, D_A1X, false },
	{ "unrestricted target", D_A, D_NONE, false },
	{ "unrestricted target, deep", D_A1X, D_NONE, false },
};

KUNIT_ARRAY_PARAM_DESC(scope, scope_cases, name);

static void test_scopes(struct kunit *const test)
{
	const struct scope_case *const c = test->param_value;
	struct disablenetwork_domain *d[D_COUNT] = {};
	const long live = disablenetwork_domains_live();
	size_t i;

	d[D_A] = disablenetwork_domain_create(NULL, DISABLENETWORK_MODE_OFF);
	d[D_B] = disablenetwork_domain_create(NULL, DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(d[D_A]));
	KUNIT_ASSERT_FALSE(test, IS_ERR(d[D_B]));
	d[D_A1] = disablenetwork_domain_create(d[D_A],
					       DISABLENETWORK_MODE_STRICT);
	d[D_A2] = disablenetwork_domain_create(d[D_A], DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(d[D_A1]));
	KUNIT_ASSERT_FALSE(test, IS_ERR(d[D_A2]));
	d[D_A1X] = disablenetwork_domain_create(d[D_A1],
						DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(d[D_A1X]));

	KUNIT_EXPECT_EQ(test, c->scoped,
			disablenetwork_domain_scopes(d[c->domain],
						     d[c->other]));

	for (i = 0; i < D_COUNT; i++)
		disablenetwork_domain_put(d[i]);
	KUNIT_EXPECT_EQ(test, live, disablenetwork_domains_live());
}

static void test_denials(struct kunit *const test)
{
	struct disablenetwork_domain *const root =
		disablenetwork_domain_create(NULL, DISABLENETWORK_MODE_OFF);
	struct disablenetwork_domain *child, *sibling;
	struct disablenetwork_denial first;

	KUNIT_ASSERT_FALSE(test, IS_ERR(root));
	child = disablenetwork_domain_create(root, DISABLENETWORK_MODE_OFF);
	sibling = disablenetwork_domain_create(root, DISABLENETWORK_MODE_OFF);
	KUNIT_ASSERT_FALSE(test, IS_ERR(child));
	KUNIT_ASSERT_FALSE(test, IS_ERR(sibling));

	KUNIT_EXPECT_EQ(test, 0,
			disablenetwork_domain_read_denials(root, &first));
	disablenetwork_domain_count_denial(child, "socket", AF_INET, "curl");
	disablenetwork_domain_count_denial(child, "connect", AF_INET6, "x");
	disablenetwork_domain_count_denial(root, "bind", AF_PACKET, "y\nz");

	/* Counted where it happened and in every enclosing domain. */
	KUNIT_EXPECT_EQ(test, 2,
			disablenetwork_domain_read_denials(child, &first));
	KUNIT_EXPECT_STREQ(test, "socket", first.op);
	KUNIT_EXPECT_EQ(test, AF_INET, first.family);
	KUNIT_EXPECT_STREQ(test, "curl", first.comm);
	KUNIT_EXPECT_EQ(test, 3,
			disablenetwork_domain_read_denials(root, &first));
	KUNIT_EXPECT_STREQ(test, "socket", first.op);
	/* Not in a sibling. */
	KUNIT_EXPECT_EQ(test, 0,
			disablenetwork_domain_read_denials(sibling, &first));

	/* A command name cannot break the one-line record. */
	disablenetwork_domain_count_denial(sibling, "bind", AF_PACKET, "y\nz");
	KUNIT_EXPECT_EQ(test, 1,
			disablenetwork_domain_read_denials(sibling, &first));
	KUNIT_EXPECT_STREQ(test, "y?z", first.comm);

	disablenetwork_domain_put(child);
	disablenetwork_domain_put(sibling);
	disablenetwork_domain_put(root);
}

static struct kunit_case test_cases[] = {
	/* clang-format off */
	KUNIT_CASE(test_create_nested),
	KUNIT_CASE(test_depth_limit),
	KUNIT_CASE(test_get_put_null),
	KUNIT_CASE(test_put_atomic),
	KUNIT_CASE_PARAM(test_mode_order, mode_gen_params),
	KUNIT_CASE_PARAM(test_scopes, scope_gen_params),
	KUNIT_CASE(test_denials),
	{}
	/* clang-format on */
};

static struct kunit_suite test_suite = {
	.name = "disablenetwork_domain",
	.test_cases = test_cases,
};

kunit_test_suite(test_suite);

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

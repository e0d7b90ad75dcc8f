/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Restriction domains
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_DOMAIN_H
#define _SECURITY_DISABLENETWORK_DOMAIN_H

#include <linux/compiler.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <uapi/linux/prctl.h>

/*
 * Landlock's limit: deep enough for nested sandboxes, and it bounds the
 * parent walks of the scoping checks.
 */
#define DISABLENETWORK_MAX_DEPTH 16

/**
 * enum disablenetwork_mode - How much a domain restricts, in order
 *
 * @DISABLENETWORK_MODE_NONE: Unrestricted; no domain has this mode.
 * @DISABLENETWORK_MODE_OFF: No new network use (PR_NETWORK_OFF).
 * @DISABLENETWORK_MODE_STRICT: OFF, plus the pathname AF_UNIX and
 *	read-mode ptrace rules (PR_NETWORK_STRICT).
 *
 * The values are the prctl values, and each mode includes every rule of
 * the modes below it, so that "at least as strict" is a comparison.  A
 * future restriction that does not fit this order becomes a flag.
 */
enum disablenetwork_mode {
	DISABLENETWORK_MODE_NONE = 0,
	DISABLENETWORK_MODE_OFF = PR_NETWORK_OFF,
	DISABLENETWORK_MODE_STRICT = PR_NETWORK_STRICT,
};

/**
 * struct disablenetwork_denial - The first denial in a domain
 *
 * @op: Name of the denied operation, a string literal.
 * @family: Address family, or AF_UNSPEC.
 * @comm: Command name of the denied task.
 */
struct disablenetwork_denial {
	const char *op;
	int family;
	char comm[TASK_COMM_LEN];
};

/**
 * struct disablenetwork_domain - A restriction, nested in its parent's
 *
 * Each successful PR_SET_NETWORK creates one, nested in the caller's
 * domain.  Credentials point to it and hold a reference; unrestricted
 * credentials hold NULL.  A domain is immutable once created, except for
 * its denial record.
 *
 * @usage: References: credentials, and children through @parent.
 * @parent: The domain this one is nested in, or NULL; holds a reference.
 * @id: Unique, never reused, shown in /proc/PID/attr/disablenetwork/.
 * @mode: At least the parent's mode.
 * @depth: 1 for a top-level domain, at most DISABLENETWORK_MAX_DEPTH.
 * @lock: Protects @denials and @first.
 * @denials: Denials of tasks in this domain and every domain nested in it.
 * @first: The first of them; valid if @denials is not zero.
 */
struct disablenetwork_domain {
	refcount_t usage;
	struct disablenetwork_domain *parent;
	u64 id;
	enum disablenetwork_mode mode;
	unsigned int depth;
	spinlock_t lock; /* Protects @denials and @first. */
	u64 denials;
	struct disablenetwork_denial first;
};

struct disablenetwork_domain *
disablenetwork_domain_create(struct disablenetwork_domain *parent,
			     enum disablenetwork_mode mode);

void disablenetwork_domain_put(struct disablenetwork_domain *domain);

/**
 * disablenetwork_domain_get - Take a reference to a domain
 *
 * @domain: A domain, or NULL.
 *
 * Return: @domain.
 */
static inline struct disablenetwork_domain *
disablenetwork_domain_get(struct disablenetwork_domain *const domain)
{
	if (domain)
		refcount_inc(&domain->usage);
	return domain;
}

/**
 * disablenetwork_domain_mode - The mode of a domain
 *
 * @domain: A domain, or NULL for an unrestricted task.
 *
 * Return: DISABLENETWORK_MODE_NONE for NULL, else the domain's mode.
 */
static inline enum disablenetwork_mode
disablenetwork_domain_mode(const struct disablenetwork_domain *const domain)
{
	return domain ? domain->mode : DISABLENETWORK_MODE_NONE;
}

bool disablenetwork_domain_scopes(const struct disablenetwork_domain *domain,
				  const struct disablenetwork_domain *other);

void disablenetwork_domain_count_denial(struct disablenetwork_domain *domain,
					const char *op, int family,
					const char *comm);

u64 disablenetwork_domain_read_denials(struct disablenetwork_domain *domain,
				       struct disablenetwork_denial *first);

#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST
struct cred;

long disablenetwork_domains_live(void);
int disablenetwork_test_set_mode(struct cred *cred,
				 enum disablenetwork_mode mode);
#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

#endif /* _SECURITY_DISABLENETWORK_DOMAIN_H */

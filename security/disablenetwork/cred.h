/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Credential state
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_CRED_H
#define _SECURITY_DISABLENETWORK_CRED_H

#include <linux/cred.h>
#include <linux/init.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "domain.h"
#include "setup.h"

/**
 * struct disablenetwork_cred_security - Credential security blob
 *
 * @domain: The restriction domain of the task, holding a reference, or
 *	NULL for an unrestricted task.  Set only by PR_SET_NETWORK through
 *	commit_creds(), to a domain nested in the previous one, and never
 *	cleared.
 */
struct disablenetwork_cred_security {
	struct disablenetwork_domain *domain;
};

static inline struct disablenetwork_cred_security *
disablenetwork_cred(const struct cred *const cred)
{
	return cred->security + disablenetwork_blob_sizes.lbs_cred;
}

/**
 * disablenetwork_cred_domain - The domain of a credential
 *
 * @cred: A credential; the caller keeps it alive.
 *
 * Return: Its domain, valid as long as @cred is, or NULL.
 */
static inline struct disablenetwork_domain *
disablenetwork_cred_domain(const struct cred *const cred)
{
	return disablenetwork_cred(cred)->domain;
}

static inline struct disablenetwork_domain *disablenetwork_current_domain(void)
{
	return disablenetwork_cred_domain(current_cred());
}

/**
 * disablenetwork_cred_set_domain - Replace the domain of a new credential
 *
 * @cred: A credential that is not committed yet.
 * @domain: The new domain, or NULL; the credential takes over the
 *	caller's reference.
 */
static inline void
disablenetwork_cred_set_domain(struct cred *const cred,
			       struct disablenetwork_domain *const domain)
{
	struct disablenetwork_cred_security *const blob =
		disablenetwork_cred(cred);

	disablenetwork_domain_put(blob->domain);
	blob->domain = domain;
}

static inline bool disablenetwork_cred_restricted(const struct cred *const cred)
{
	return disablenetwork_cred_domain(cred);
}

static inline bool disablenetwork_current_restricted(void)
{
	return disablenetwork_cred_restricted(current_cred());
}

static inline bool
disablenetwork_task_restricted(const struct task_struct *const task)
{
	bool restricted;

	rcu_read_lock();
	restricted = disablenetwork_cred_restricted(__task_cred(task));
	rcu_read_unlock();
	return restricted;
}

static inline enum disablenetwork_mode disablenetwork_current_mode(void)
{
	return disablenetwork_domain_mode(disablenetwork_current_domain());
}

/**
 * disablenetwork_task_get_domain - The domain of another task
 *
 * @task: A task.
 *
 * Return: A reference to @task's domain, for disablenetwork_domain_put(),
 * or NULL if @task is unrestricted.
 */
static inline struct disablenetwork_domain *
disablenetwork_task_get_domain(const struct task_struct *const task)
{
	struct disablenetwork_domain *domain;

	rcu_read_lock();
	domain = disablenetwork_cred_domain(__task_cred(task));
	disablenetwork_domain_get(domain);
	rcu_read_unlock();
	return domain;
}

__init void disablenetwork_add_cred_hooks(void);

#endif /* _SECURITY_DISABLENETWORK_CRED_H */

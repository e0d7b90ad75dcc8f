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

#include "setup.h"

/**
 * struct disablenetwork_cred_security - Credential security blob
 *
 * @restricted: The task gave up new network use.  Set once by
 *	PR_SET_NETWORK through commit_creds() and never cleared.
 */
struct disablenetwork_cred_security {
	bool restricted;
};

static inline struct disablenetwork_cred_security *
disablenetwork_cred(const struct cred *const cred)
{
	return cred->security + disablenetwork_blob_sizes.lbs_cred;
}

static inline bool disablenetwork_cred_restricted(const struct cred *const cred)
{
	return disablenetwork_cred(cred)->restricted;
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

__init void disablenetwork_add_cred_hooks(void);

#endif /* _SECURITY_DISABLENETWORK_CRED_H */

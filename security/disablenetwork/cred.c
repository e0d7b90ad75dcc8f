// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Credential hooks
 *
 * The restriction lives in the credentials, so that it follows the task
 * across fork, clone and execve (setuid and file-capability binaries
 * included) and survives every credential change: each new cred is
 * prepared from, or transferred from, the old one, and takes a reference
 * to the same domain.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>

#include "common.h"
#include "cred.h"
#include "domain.h"
#include "setup.h"

static void hook_cred_transfer(struct cred *const new,
			       const struct cred *const old)
{
	disablenetwork_cred(new)->domain =
		disablenetwork_domain_get(disablenetwork_cred_domain(old));
}

static int hook_cred_prepare(struct cred *const new,
			     const struct cred *const old, const gfp_t gfp)
{
	hook_cred_transfer(new, old);
	return 0;
}

/*
 * Usually called from an RCU callback.  The blob is zeroed if another
 * module's cred_prepare failed before ours ran.
 */
static void hook_cred_free(struct cred *const cred)
{
	disablenetwork_domain_put(disablenetwork_cred_domain(cred));
}

static struct security_hook_list disablenetwork_cred_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(cred_prepare, hook_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, hook_cred_transfer),
	LSM_HOOK_INIT(cred_free, hook_cred_free),
};

/**
 * disablenetwork_add_cred_hooks - Register the credential hooks
 */
__init void disablenetwork_add_cred_hooks(void)
{
	security_add_hooks(disablenetwork_cred_hooks,
			   ARRAY_SIZE(disablenetwork_cred_hooks),
			   &disablenetwork_lsmid);
}

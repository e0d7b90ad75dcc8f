// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Key hooks
 *
 * A "dns_resolver" key is resolved over the network by the request-key
 * upcall, which runs as root on behalf of the requester.  A restricted
 * task may not create one.  Lookups the kernel makes itself run under
 * the resolver's own credentials and are not affected.  The type is
 * matched by name: it is often built as a module and is not exported.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/key.h>
#include <linux/key-type.h>
#include <linux/lsm_hooks.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "common.h"
#include "cred.h"
#include "keys.h"
#include "log.h"
#include "setup.h"

static int hook_key_alloc(struct key *const key, const struct cred *const cred,
			  const unsigned long flags)
{
	if (!disablenetwork_cred_restricted(cred))
		return 0;
	if (strcmp(key->type->name, "dns_resolver"))
		return 0;
	return disablenetwork_deny("key_alloc", AF_UNSPEC);
}

static struct security_hook_list disablenetwork_key_hooks[] __ro_after_init = {
	LSM_HOOK_INIT_RUNTIME(key_alloc, hook_key_alloc),
};

/**
 * disablenetwork_add_key_hooks - Register the key hooks
 */
__init void disablenetwork_add_key_hooks(void)
{
	security_add_hooks(disablenetwork_key_hooks,
			   ARRAY_SIZE(disablenetwork_key_hooks),
			   &disablenetwork_lsmid);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - TUN/TAP hooks
 *
 * Attaching to a tun/tap device gives raw network I/O without any socket
 * hook in the way, so a restricted task may neither create one nor attach
 * to an existing persistent one.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/lsm_hooks.h>
#include <linux/socket.h>

#include "common.h"
#include "cred.h"
#include "log.h"
#include "setup.h"
#include "tun.h"

static int hook_tun_dev_create(void)
{
	if (!disablenetwork_current_restricted())
		return 0;
	return disablenetwork_deny("tun_create", AF_UNSPEC);
}

static int hook_tun_dev_attach_queue(void *const security)
{
	if (!disablenetwork_current_restricted())
		return 0;
	return disablenetwork_deny("tun_attach", AF_UNSPEC);
}

static int hook_tun_dev_open(void *const security)
{
	if (!disablenetwork_current_restricted())
		return 0;
	return disablenetwork_deny("tun_open", AF_UNSPEC);
}

static struct security_hook_list disablenetwork_tun_hooks[] __ro_after_init = {
	LSM_HOOK_INIT_RUNTIME(tun_dev_create, hook_tun_dev_create),
	LSM_HOOK_INIT_RUNTIME(tun_dev_attach_queue, hook_tun_dev_attach_queue),
	LSM_HOOK_INIT_RUNTIME(tun_dev_open, hook_tun_dev_open),
};

/**
 * disablenetwork_add_tun_hooks - Register the TUN/TAP hooks
 */
__init void disablenetwork_add_tun_hooks(void)
{
	security_add_hooks(disablenetwork_tun_hooks,
			   ARRAY_SIZE(disablenetwork_tun_hooks),
			   &disablenetwork_lsmid);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * disablenetwork LSM - Security framework setup
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>

#include "attr.h"
#include "common.h"
#include "cred.h"
#include "keys.h"
#include "net.h"
#include "prctl.h"
#include "setup.h"
#include "task.h"
#include "tun.h"

bool disablenetwork_enabled __ro_after_init;

struct lsm_blob_sizes disablenetwork_blob_sizes __ro_after_init = {
	.lbs_cred = sizeof(struct disablenetwork_cred_security),
};

const struct lsm_id disablenetwork_lsmid = {
	.name = DISABLENETWORK_NAME,
	.id = LSM_ID_DISABLENETWORK,
};

static int __init disablenetwork_init(void)
{
	disablenetwork_add_cred_hooks();
	disablenetwork_add_prctl_hooks();
	disablenetwork_add_attr_hooks();
	disablenetwork_add_net_hooks();
	disablenetwork_add_task_hooks();
	disablenetwork_add_tun_hooks();
	disablenetwork_add_key_hooks();
	disablenetwork_enabled = true;
	pr_info("Up and running.\n");
	return 0;
}

DEFINE_LSM(disablenetwork) = {
	.name = DISABLENETWORK_NAME,
	.init = disablenetwork_init,
	.blobs = &disablenetwork_blob_sizes,
};

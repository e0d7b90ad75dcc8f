/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Security framework setup
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_SETUP_H
#define _SECURITY_DISABLENETWORK_SETUP_H

#include <linux/init.h>
#include <linux/lsm_hooks.h>

extern bool disablenetwork_enabled;

extern struct lsm_blob_sizes disablenetwork_blob_sizes;
extern const struct lsm_id disablenetwork_lsmid;

#endif /* _SECURITY_DISABLENETWORK_SETUP_H */

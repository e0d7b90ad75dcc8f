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

#ifdef CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST

#include <kunit/test.h>

/**
 * disablenetwork_kunit_init - Skip a KUnit case when the module is not enabled
 * @test: The case about to run.
 *
 * Without the module in lsm=, there is no room for it in the cred blob.
 *
 * Return: 0, or the case is skipped.
 */
static inline int disablenetwork_kunit_init(struct kunit *const test)
{
	if (!disablenetwork_enabled)
		kunit_skip(test, "disablenetwork is not enabled (lsm=)");
	return 0;
}

#endif /* CONFIG_SECURITY_DISABLENETWORK_KUNIT_TEST */

#endif /* _SECURITY_DISABLENETWORK_SETUP_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Restricting every thread of a process at once
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_TSYNC_H
#define _SECURITY_DISABLENETWORK_TSYNC_H

#include <linux/cred.h>

#include "domain.h"

int disablenetwork_restrict_siblings(const struct cred *old_cred,
				     const struct cred *new_cred,
				     enum disablenetwork_mode mode);

#endif /* _SECURITY_DISABLENETWORK_TSYNC_H */

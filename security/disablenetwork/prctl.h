/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - prctl interface
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_PRCTL_H
#define _SECURITY_DISABLENETWORK_PRCTL_H

#include <linux/init.h>

__init void disablenetwork_add_prctl_hooks(void);

#endif /* _SECURITY_DISABLENETWORK_PRCTL_H */

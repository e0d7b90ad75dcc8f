/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - /proc/PID/attr/disablenetwork/
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_ATTR_H
#define _SECURITY_DISABLENETWORK_ATTR_H

#include <linux/init.h>

__init void disablenetwork_add_attr_hooks(void);

#endif /* _SECURITY_DISABLENETWORK_ATTR_H */

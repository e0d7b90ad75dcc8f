/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Denial records
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_LOG_H
#define _SECURITY_DISABLENETWORK_LOG_H

#include <linux/compiler.h>

const char *disablenetwork_family_name(int family);

int __cold disablenetwork_deny(const char *op, int family);

#endif /* _SECURITY_DISABLENETWORK_LOG_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Common definitions
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_COMMON_H
#define _SECURITY_DISABLENETWORK_COMMON_H

#define DISABLENETWORK_NAME "disablenetwork"

#ifdef pr_fmt
#undef pr_fmt
#endif

#define pr_fmt(fmt) DISABLENETWORK_NAME ": " fmt

#endif /* _SECURITY_DISABLENETWORK_COMMON_H */

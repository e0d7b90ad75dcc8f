/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Socket hooks
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_NET_H
#define _SECURITY_DISABLENETWORK_NET_H

#include <linux/init.h>

__init void disablenetwork_add_net_hooks(void);

#endif /* _SECURITY_DISABLENETWORK_NET_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Key hooks
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_KEYS_H
#define _SECURITY_DISABLENETWORK_KEYS_H

#include <linux/init.h>

#ifdef CONFIG_KEYS

__init void disablenetwork_add_key_hooks(void);

#else /* CONFIG_KEYS */

static inline void disablenetwork_add_key_hooks(void)
{
}

#endif /* CONFIG_KEYS */

#endif /* _SECURITY_DISABLENETWORK_KEYS_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Task hooks
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_TASK_H
#define _SECURITY_DISABLENETWORK_TASK_H

#include <linux/init.h>
#include <linux/types.h>

bool disablenetwork_current_traces(void);
__init void disablenetwork_add_task_hooks(void);

#endif /* _SECURITY_DISABLENETWORK_TASK_H */

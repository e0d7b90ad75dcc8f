/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * disablenetwork LSM - Activation of the hooks
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SECURITY_DISABLENETWORK_ACTIVATE_H
#define _SECURITY_DISABLENETWORK_ACTIVATE_H

void disablenetwork_activate(void);

#endif /* _SECURITY_DISABLENETWORK_ACTIVATE_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - dns_resolver keys
 *
 * Creating a "dns_resolver" key runs the request-key upcall, which
 * resolves the name over the network as root: a restricted task may not.
 * Other key types are unaffected.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <linux/keyctl.h>
#include <sys/syscall.h>

#include "common.h"

FIXTURE(keys) {};

FIXTURE_SETUP(keys)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
}

FIXTURE_TEARDOWN(keys)
{
}

static int add_key(const char *const type, const char *const desc,
		   const char *const payload)
{
	/* dns_resolver wants the terminating NUL in the payload. */
	const long id = syscall(__NR_add_key, type, desc, payload,
				strlen(payload) + 1, KEY_SPEC_PROCESS_KEYRING);

	return id < 0 ? -errno : 0;
}

static int request_key(const char *const type, const char *const desc)
{
	/* With callout information, so that the key is constructed. */
	const long id = syscall(__NR_request_key, type, desc, "dn",
				KEY_SPEC_PROCESS_KEYRING);

	return id < 0 ? -errno : 0;
}

TEST_F(keys, add_dns_resolver)
{
	EXPECT_EQ(0, add_key("dns_resolver", "ctl.example", "192.0.2.1"));
	RESTRICT();
	EXPECT_EQ(-EPERM, add_key("dns_resolver", "res.example", "192.0.2.1"));
}

TEST_F(keys, request_dns_resolver)
{
	/* No upcall helper in the VM: the control fails, but not so. */
	const int ctl = request_key("dns_resolver", "ctl.example.org");

	EXPECT_NE(-EPERM, ctl);
	RESTRICT();
	EXPECT_EQ(-EPERM, request_key("dns_resolver", "res.example.org"));
}

TEST_F(keys, other_types_unaffected)
{
	EXPECT_EQ(0, add_key("user", "ctl", "secret"));
	RESTRICT();
	EXPECT_EQ(0, add_key("user", "res", "secret"));
}

TEST_HARNESS_MAIN

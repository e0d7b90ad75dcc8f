// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - BPF programs held from before the restriction
 *
 * In 6.12 only loading a program checks a capability: a task that holds a
 * program file descriptor can test-run it (an XDP run can send frames on
 * any interface) or attach it.  A restricted task may not run, attach or
 * detach a program, nor create, update or detach a link, nor open a raw
 * tracepoint or an iterator.  The programs are loaded before the call, by
 * the same task, and each command first succeeds unrestricted, in a
 * private network namespace, where the test kernel can make it succeed:
 * iterators and freplace programs need BTF, and raw tracepoints need
 * CONFIG_BPF_EVENTS (only the every-LSM kernel has it).  Elsewhere the
 * control shows the kernel's own check refusing the held object (EINVAL),
 * a check the hook comes before.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <linux/bpf.h>
#include <net/if.h>
#include <sys/syscall.h>

#include "common.h"

static int sys_bpf(const int cmd, union bpf_attr *const attr)
{
	const long ret = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return ret < 0 ? -errno : ret;
}

/* Loads "return @ret": an XDP or a flow dissector program. */
static int load(const enum bpf_prog_type type, const int ret)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0,
		  .imm = ret },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr attr = {
		.prog_type = type,
		.insns = (uintptr_t)insns,
		.insn_cnt = 2,
		.license = (uintptr_t)"GPL",
	};

	return sys_bpf(BPF_PROG_LOAD, &attr);
}

/* Runs an XDP program once on a small frame: its verdict, or -errno. */
static int test_run(const int prog)
{
	unsigned char frame[64] = { [12] = 0x08 };
	union bpf_attr attr = {
		.test.prog_fd = prog,
		.test.data_in = (uintptr_t)frame,
		.test.data_size_in = sizeof(frame),
		.test.repeat = 1,
	};
	const int ret = sys_bpf(BPF_PROG_TEST_RUN, &attr);

	return ret ? ret : (int)attr.test.retval;
}

static int link_create(const int prog, const int ifindex)
{
	union bpf_attr attr = {
		.link_create.prog_fd = prog,
		.link_create.target_ifindex = ifindex,
		.link_create.attach_type = BPF_XDP,
	};

	return sys_bpf(BPF_LINK_CREATE, &attr);
}

static int link_update(const int link, const int prog)
{
	union bpf_attr attr = {
		.link_update.link_fd = link,
		.link_update.new_prog_fd = prog,
	};

	return sys_bpf(BPF_LINK_UPDATE, &attr);
}

static int link_detach(const int link)
{
	union bpf_attr attr = { .link_detach.link_fd = link };

	return sys_bpf(BPF_LINK_DETACH, &attr);
}

/* Opens an iterator on a link: its file descriptor, or -errno. */
static int iter_create(const int link)
{
	union bpf_attr attr = { .iter_create.link_fd = link };

	return sys_bpf(BPF_ITER_CREATE, &attr);
}

/* Attaches a program to a raw tracepoint: a link, or -errno. */
static int raw_tp_open(const int prog, const char *const name)
{
	union bpf_attr attr = {
		.raw_tracepoint.name = (uintptr_t)name,
		.raw_tracepoint.prog_fd = prog,
	};

	return sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr);
}

/* Attaches or detaches a flow dissector to the network namespace. */
static int flow_dissector(const int cmd, const int prog)
{
	union bpf_attr attr = {
		.attach_bpf_fd = prog,
		.attach_type = BPF_FLOW_DISSECTOR,
	};

	return sys_bpf(cmd, &attr);
}

TEST(held_programs)
{
	int xdp, xdp2, flow, link, lo;

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	setup_loopback(_metadata);
	lo = if_nametoindex("lo");
	ASSERT_LT(0, lo);
	xdp = load(BPF_PROG_TYPE_XDP, XDP_PASS);
	if (xdp == -ENOSYS)
		SKIP(return, "needs CONFIG_BPF_SYSCALL");
	xdp2 = load(BPF_PROG_TYPE_XDP, XDP_PASS);
	flow = load(BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_OK);
	ASSERT_LE(0, xdp);
	ASSERT_LE(0, xdp2);
	ASSERT_LE(0, flow);

	/* The unrestricted controls. */
	EXPECT_EQ(XDP_PASS, test_run(xdp));
	link = link_create(xdp, lo);
	ASSERT_LE(0, link);
	EXPECT_EQ(0, link_update(link, xdp2));
	EXPECT_EQ(0, link_detach(link));
	close(link);
	EXPECT_EQ(0, flow_dissector(BPF_PROG_ATTACH, flow));
	EXPECT_EQ(0, flow_dissector(BPF_PROG_DETACH, flow));

	/* A link and an attachment held from before the call. */
	link = link_create(xdp, lo);
	ASSERT_LE(0, link);
	ASSERT_EQ(0, flow_dissector(BPF_PROG_ATTACH, flow));
	/* Not an iterator link: bpf_iter_new_fd() refuses it. */
	EXPECT_EQ(-EINVAL, iter_create(link));

	RESTRICT();
	EXPECT_EQ(-EPERM, test_run(xdp));
	EXPECT_EQ(-EPERM, link_update(link, xdp2));
	EXPECT_EQ(-EPERM, link_detach(link));
	EXPECT_EQ(-EPERM, iter_create(link));
	EXPECT_EQ(-EPERM, flow_dissector(BPF_PROG_DETACH, flow));
	/* Unrestricted, this one would be EEXIST. */
	EXPECT_EQ(-EPERM, flow_dissector(BPF_PROG_ATTACH, flow));
	/* lo is free again once the link's last file is closed. */
	close(link);
	EXPECT_EQ(-EPERM, link_create(xdp, lo));
	/* Loading stays allowed. */
	EXPECT_LE(0, load(BPF_PROG_TYPE_XDP, XDP_PASS));
}

TEST(raw_tracepoint)
{
	const char *name = "sys_enter";
	int prog, link;

	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	prog = load(BPF_PROG_TYPE_RAW_TRACEPOINT, 0);
	if (prog == -ENOSYS)
		SKIP(return, "needs CONFIG_BPF_SYSCALL");
	if (prog == -EINVAL) {
		/* No CONFIG_BPF_EVENTS: the attach code refuses XDP. */
		name = NULL;
		prog = load(BPF_PROG_TYPE_XDP, XDP_PASS);
		ASSERT_LE(0, prog);
		EXPECT_EQ(-EINVAL, raw_tp_open(prog, name));
	} else {
		ASSERT_LE(0, prog);
		link = raw_tp_open(prog, name);
		ASSERT_LE(0, link);
		close(link);
	}

	RESTRICT();
	EXPECT_EQ(-EPERM, raw_tp_open(prog, name));
}

TEST_HARNESS_MAIN

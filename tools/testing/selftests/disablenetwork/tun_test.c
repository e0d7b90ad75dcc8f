// SPDX-License-Identifier: GPL-2.0
/*
 * disablenetwork tests - TUN/TAP
 *
 * A tun/tap device gives raw network I/O with no socket hook in the way:
 * a restricted task may neither create one nor attach to a persistent one,
 * but a descriptor attached before the restriction keeps working.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <linux/if_tun.h>

#include "common.h"

FIXTURE(tun) {};

FIXTURE_SETUP(tun)
{
	if (!dn_enabled())
		SKIP(return, "disablenetwork is not enabled");
	/* Device names are per network namespace. */
	setup_loopback(_metadata);
}

FIXTURE_TEARDOWN(tun)
{
}

/* Open /dev/net/tun and attach to (or create) @name; fd or -errno. */
static int tun_open(const char *const name, const short flags)
{
	struct ifreq ifr = { .ifr_flags = flags };
	const int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr)) {
		const int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static int persistent(const char *const name, const short flags)
{
	const int fd = tun_open(name, flags);

	if (fd < 0)
		return fd;
	if (ioctl(fd, TUNSETPERSIST, 1))
		return -errno;
	close(fd);
	return 0;
}

static int result(const int fd)
{
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

TEST_F(tun, create)
{
	EXPECT_EQ(0, result(tun_open("dnctl", IFF_TUN | IFF_NO_PI)));
	RESTRICT();
	EXPECT_EQ(-EPERM, result(tun_open("dnres", IFF_TUN | IFF_NO_PI)));
}

TEST_F(tun, attach_persistent)
{
	ASSERT_EQ(0, persistent("dnper", IFF_TAP | IFF_NO_PI));
	/* Control: attaching to the existing device works. */
	EXPECT_EQ(0, result(tun_open("dnper", IFF_TAP | IFF_NO_PI)));
	RESTRICT();
	EXPECT_EQ(-EPERM, result(tun_open("dnper", IFF_TAP | IFF_NO_PI)));
}

static int queue(const int fd, const short flags)
{
	struct ifreq ifr = { .ifr_flags = flags };

	return RET(ioctl(fd, TUNSETQUEUE, &ifr));
}

TEST_F(tun, attach_queue)
{
	const short flags = IFF_TAP | IFF_NO_PI | IFF_MULTI_QUEUE;
	const int ctl = tun_open("dnmq", flags);
	const int res = tun_open("dnmq", flags);

	ASSERT_LE(0, ctl);
	ASSERT_LE(0, res);
	ASSERT_EQ(0, queue(ctl, IFF_DETACH_QUEUE));
	ASSERT_EQ(0, queue(res, IFF_DETACH_QUEUE));
	EXPECT_EQ(0, queue(ctl, IFF_ATTACH_QUEUE));
	RESTRICT();
	EXPECT_EQ(-EPERM, queue(res, IFF_ATTACH_QUEUE));
}

TEST_F(tun, attached_before_keeps_working)
{
	/* A minimal IPv4 header, 127.0.0.1 to 127.0.0.1. */
	const unsigned char packet[20] = {
		0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0,
		127, 0, 0, 1, 127, 0, 0, 1,
	};
	struct ifreq ifr = { .ifr_name = "dnup" };
	const int fd = tun_open("dnup", IFF_TUN | IFF_NO_PI);
	const int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, fd);
	ASSERT_LE(0, sock);
	ASSERT_EQ(0, ioctl(sock, SIOCGIFFLAGS, &ifr));
	ifr.ifr_flags |= IFF_UP;
	ASSERT_EQ(0, ioctl(sock, SIOCSIFFLAGS, &ifr));
	ASSERT_EQ(sizeof(packet), write(fd, packet, sizeof(packet)));
	RESTRICT();
	/* The device was attached before: a capability already held. */
	EXPECT_EQ(sizeof(packet), write(fd, packet, sizeof(packet)));
}

TEST_HARNESS_MAIN

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * disablenetwork test helpers for AF_UNIX sockets
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SELFTESTS_DISABLENETWORK_UNIX_H
#define _SELFTESTS_DISABLENETWORK_UNIX_H

#include <stddef.h>
#include <sys/un.h>

#include "dn.h"

struct name {
	struct sockaddr_un sun;
	socklen_t len;
};

static inline struct name pathname(const char *const tag)
{
	struct name n = { .sun.sun_family = AF_UNIX };

	snprintf(n.sun.sun_path, sizeof(n.sun.sun_path), "/tmp/dn-%d-%s",
		 getpid(), tag);
	unlink(n.sun.sun_path);
	n.len = offsetof(struct sockaddr_un, sun_path) +
		strlen(n.sun.sun_path) + 1;
	return n;
}

static inline struct name abstract(const char *const tag)
{
	struct name n = { .sun.sun_family = AF_UNIX };

	snprintf(n.sun.sun_path + 1, sizeof(n.sun.sun_path) - 1,
		 "dn-%d-%s", getpid(), tag);
	n.len = offsetof(struct sockaddr_un, sun_path) + 1 +
		strlen(n.sun.sun_path + 1);
	return n;
}

/* A bound socket, listening unless it is a datagram socket. */
static inline int serve(const int type, const struct name *const n)
{
	const int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	if (bind(fd, (const void *)&n->sun, n->len) ||
	    (type != SOCK_DGRAM && listen(fd, 16))) {
		close(fd);
		return -errno;
	}
	return fd;
}

/* Connect a new socket to @n, and send a byte on it. */
static inline int try_connect(const int type, const struct name *const n)
{
	const int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	int ret;

	if (fd < 0)
		return -errno;
	ret = RET(connect(fd, (const void *)&n->sun, n->len));
	if (!ret)
		ret = RET(send(fd, "x", 1, MSG_DONTWAIT));
	close(fd);
	return ret;
}

/* Send a byte to @n from a new, unconnected socket. */
static inline int try_sendto(const int type, const struct name *const n)
{
	const int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	int ret;

	if (fd < 0)
		return -errno;
	ret = RET(sendto(fd, "x", 1, MSG_DONTWAIT, (const void *)&n->sun,
			 n->len));
	close(fd);
	return ret;
}

static inline int send_fd(const int sock, const int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {};
	char c = 'f';
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *const cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(fd));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static inline int recv_fd(const int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {};
	char c;
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cmsg;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(fd));
	return fd;
}

#endif /* _SELFTESTS_DISABLENETWORK_UNIX_H */

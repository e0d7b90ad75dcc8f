// SPDX-License-Identifier: GPL-2.0
/*
 * drop_server - bind and listen, give up the network, then serve
 *
 * The privilege-separation pattern with disablenetwork: a server opens its
 * listening socket, then calls PR_SET_NETWORK before it reads a byte of
 * untrusted input.  It keeps accepting and serving clients on the socket
 * it already has, but it can no longer reach anything new: each response
 * reports what happened when the server tried to connect out.
 *
 *   drop_server PORT [CONNECT_PORT]
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/prctl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef PR_SET_NETWORK
#define PR_SET_NETWORK 0x4e455453
#define PR_NETWORK_OFF 1
#endif

static int loopback(const int port, struct sockaddr_in *const sin)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sizeof(*sin);
}

/* Try to reach 127.0.0.1:@port; returns 0 or an errno. */
static int connect_out(const int port)
{
	struct sockaddr_in sin;
	int fd, err = 0;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (connect(fd, (struct sockaddr *)&sin, loopback(port, &sin)))
		err = errno;
	close(fd);
	return err;
}

int main(int argc, char *argv[])
{
	const int one = 1;
	struct sockaddr_in sin;
	int port, out_port, srv;
	unsigned long served = 0;

	port = argc == 2 || argc == 3 ? atoi(argv[1]) : 0;
	if (port <= 0) {
		fprintf(stderr, "usage: drop_server PORT [CONNECT_PORT]\n");
		return 2;
	}
	out_port = argc == 3 ? atoi(argv[2]) : port;

	srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (srv < 0 ||
	    setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(srv, (struct sockaddr *)&sin, loopback(port, &sin)) ||
	    listen(srv, 16)) {
		perror("drop_server: listen");
		return 1;
	}

	/* From here on, only what is already open. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_NETWORK, PR_NETWORK_OFF, 0, 0, 0)) {
		perror("drop_server: PR_SET_NETWORK");
		return 1;
	}
	fprintf(stderr, "drop_server: listening on 127.0.0.1:%d, network dropped\n",
		port);

	for (;;) {
		char req[1024], body[256], resp[512];
		int fd = accept4(srv, NULL, NULL, SOCK_CLOEXEC);
		int err, len;

		if (fd < 0) {
			if (errno == EINTR)
				continue;
			perror("drop_server: accept");
			return 1;
		}
		if (read(fd, req, sizeof(req)) < 0) {
			close(fd);
			continue;
		}
		err = connect_out(out_port);
		len = snprintf(body, sizeof(body),
			       "request %lu served after dropping the network; "
			       "connect to 127.0.0.1:%d: %s\n",
			       ++served, out_port,
			       err ? strerror(err) : "succeeded");
		len = snprintf(resp, sizeof(resp),
			       "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
			       "Content-Length: %d\r\n\r\n%s",
			       len, body);
		if (write(fd, resp, len) != len)
			perror("drop_server: write");
		close(fd);
	}
}

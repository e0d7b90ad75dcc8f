/* SPDX-License-Identifier: GPL-2.0 */
/*
 * disablenetwork test helpers - a minimal io_uring, with raw system calls
 * only, so that the tests need no liburing.
 *
 * Copyright (C) 2026 The disablenetwork authors
 */

#ifndef _SELFTESTS_DISABLENETWORK_URING_H
#define _SELFTESTS_DISABLENETWORK_URING_H

#include <errno.h>
#include <linux/io_uring.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ring {
	int fd;
	unsigned int *sq_tail, *sq_mask, *sq_array;
	unsigned int *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
	bool sqpoll;
};

static inline int ring_init(struct ring *const r, const unsigned int flags)
{
	struct io_uring_params p = { .flags = flags, .sq_thread_idle = 2000 };
	size_t sq_len, cq_len;
	void *sq, *cq;

	memset(r, 0, sizeof(*r));
	r->sqpoll = flags & IORING_SETUP_SQPOLL;
	r->fd = syscall(__NR_io_uring_setup, 4, &p);
	if (r->fd < 0)
		return -errno;
	sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		  IORING_OFF_SQ_RING);
	cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		  IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		       IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || r->sqes == MAP_FAILED)
		return -ENOMEM;
	r->sq_tail = sq + p.sq_off.tail;
	r->sq_mask = sq + p.sq_off.ring_mask;
	r->sq_array = sq + p.sq_off.array;
	r->cq_head = cq + p.cq_off.head;
	r->cq_tail = cq + p.cq_off.tail;
	r->cq_mask = cq + p.cq_off.ring_mask;
	r->cqes = cq + p.cq_off.cqes;
	return 0;
}

/* Queues @sqe, without submitting it. */
static inline void ring_push(struct ring *const r,
			     const struct io_uring_sqe *const sqe)
{
	const unsigned int tail = *r->sq_tail;
	const unsigned int idx = tail & *r->sq_mask;

	r->sqes[idx] = *sqe;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
}

/*
 * Submits @n queued requests (an SQ thread takes them itself) and, with
 * @wait, waits for a completion: 0, or -1000 - errno.
 */
static inline int ring_enter(struct ring *const r, const unsigned int n,
			     const bool wait)
{
	unsigned int flags = wait ? IORING_ENTER_GETEVENTS : 0;

	if (r->sqpoll)
		flags |= IORING_ENTER_SQ_WAKEUP;
	if (syscall(__NR_io_uring_enter, r->fd, r->sqpoll ? 0 : n, wait, flags,
		    NULL, 0) < 0 && errno != EINTR)
		return -1000 - errno;
	return 0;
}

/* Waits for the next completion: its result, and its user_data in @data. */
static inline int ring_pop(struct ring *const r, __u64 *const data)
{
	const unsigned int head = __atomic_load_n(r->cq_head, __ATOMIC_ACQUIRE);
	const struct io_uring_cqe *cqe;
	int res;

	while (__atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE) == head) {
		res = ring_enter(r, 0, true);
		if (res)
			return res;
	}
	cqe = &r->cqes[head & *r->cq_mask];
	if (data)
		*data = cqe->user_data;
	res = cqe->res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

/* Submit one request and return its result. */
static inline int ring_run(struct ring *const r,
			   const struct io_uring_sqe *const sqe)
{
	int res;

	ring_push(r, sqe);
	res = ring_enter(r, 1, true);
	return res ?: ring_pop(r, NULL);
}

/* IORING_OP_SOCKET for @family: 0 (the socket is closed), or -errno. */
static inline int ring_socket(struct ring *const r, const int family,
			      const __u8 flags)
{
	const struct io_uring_sqe sqe = {
		.opcode = IORING_OP_SOCKET,
		.flags = flags,
		.fd = family,
		.off = SOCK_DGRAM | SOCK_CLOEXEC,
	};
	const int res = ring_run(r, &sqe);

	if (res >= 0) {
		close(res);
		return 0;
	}
	return res;
}

#endif /* _SELFTESTS_DISABLENETWORK_URING_H */

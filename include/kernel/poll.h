/*
 * include/kernel/poll.h - the hook between a file's poll method and
 * poll/select (Linux: include/linux/poll.h). f_op->poll calls poll_wait on
 * each wait queue it may be woken from, then returns its POLL* mask; fs/
 * select.c (the pipes issue) supplies the poll_table that queues the caller.
 */
#ifndef _KERNEL_POLL_H
#define _KERNEL_POLL_H

#include <kernel/types.h>
#include <kernel/wait.h>

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

struct file;
struct poll_table_struct;

typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *, struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc qproc;
} poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *wq, poll_table *p)
{
	if (p && p->qproc && wq)
		p->qproc(filp, wq, p);
}

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->qproc = qproc;
}

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

#endif

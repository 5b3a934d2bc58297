/*
 * include/kernel/eventpoll.h - epoll (fs/eventpoll.c; Linux:
 * include/linux/eventpoll.h and its uapi twin).
 */
#ifndef _KERNEL_EVENTPOLL_H
#define _KERNEL_EVENTPOLL_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/fs.h>
#include <uapi/signal.h>

#define EPOLL_CLOEXEC	02000000	/* O_CLOEXEC */

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

#define EPOLLIN		0x00000001
#define EPOLLPRI	0x00000002
#define EPOLLOUT	0x00000004
#define EPOLLERR	0x00000008
#define EPOLLHUP	0x00000010
#define EPOLLRDNORM	0x00000040
#define EPOLLRDBAND	0x00000080
#define EPOLLWRNORM	0x00000100
#define EPOLLWRBAND	0x00000200
#define EPOLLMSG	0x00000400
#define EPOLLRDHUP	0x00002000
#define EPOLLEXCLUSIVE	(1U << 28)
#define EPOLLWAKEUP	(1U << 29)
#define EPOLLONESHOT	(1U << 30)
#define EPOLLET		(1U << 31)

/* packed on i386: 12 bytes */
struct epoll_event {
	u32 events;
	u64 data;
} __attribute__((packed));

void eventpoll_release_file(struct file *file);

/* the last fput of any file: leave the epoll sets watching it */
static inline void eventpoll_release(struct file *file)
{
	if (!list_empty(&file->f_ep_links))
		eventpoll_release_file(file);
}

long sys_epoll_create(int size);
long sys_epoll_create1(int flags);
long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event __user *event);
long sys_epoll_wait(int epfd, struct epoll_event __user *events, int maxevents, int timeout);
long sys_epoll_pwait(int epfd, struct epoll_event __user *events, int maxevents, int timeout,
		     const sigset_t __user *sigmask, size_t sigsetsize);

#endif

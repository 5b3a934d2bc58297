/*
 * include/uapi/mqueue.h - the POSIX message queue ABI of Linux i386
 * (include/uapi/linux/mqueue.h); struct sigevent is in uapi/signal.h.
 */
#ifndef _UAPI_MQUEUE_H
#define _UAPI_MQUEUE_H

#include <uapi/signal.h>

#define MQ_PRIO_MAX		32768
#define MQ_BYTES_MAX		819200	/* RLIMIT_MSGQUEUE's default */

struct mq_attr {
	long mq_flags;		/* only O_NONBLOCK */
	long mq_maxmsg;
	long mq_msgsize;
	long mq_curmsgs;
	long __reserved[4];
};

/* SIGEV_THREAD: the cookie sent on the netlink socket */
#define NOTIFY_COOKIE_LEN	32

#endif

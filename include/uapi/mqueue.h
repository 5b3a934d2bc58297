/*
 * include/uapi/mqueue.h - the POSIX message queue ABI of Linux i386
 * (include/uapi/linux/mqueue.h, the sigevent of asm-generic/siginfo.h).
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

/* sigevent, 64 bytes on i386 */
#define SIGEV_SIGNAL		0
#define SIGEV_NONE		1
#define SIGEV_THREAD		2
#define SIGEV_MAX_SIZE		64

struct sigevent {
	sigval_t sigev_value;
	int sigev_signo;
	int sigev_notify;
	int _pad[SIGEV_MAX_SIZE / sizeof(int) - 3];
};

/* SIGEV_THREAD: the cookie sent on the netlink socket */
#define NOTIFY_COOKIE_LEN	32

#ifndef SI_MESGQ
#define SI_MESGQ		-3	/* sent by a message arriving on an empty queue */
#endif

#endif

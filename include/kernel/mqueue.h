/*
 * include/kernel/mqueue.h - POSIX message queues (ipc/mqueue.c; Linux:
 * the mq_* fields of struct ipc_namespace and ipc/mqueue.c's limits).
 */
#ifndef _KERNEL_MQUEUE_H
#define _KERNEL_MQUEUE_H

#include <kernel/types.h>
#include <kernel/time.h>
#include <uapi/mqueue.h>

/*
 * The tunables of /proc/sys/fs/mqueue, kept together so that /proc/sys can
 * expose them (Linux: ipc_namespace's mq_* fields, ipc/mq_sysctl.c).
 */
struct mq_limits {
	unsigned int queues_max;	/* queues in the system (CAP_SYS_RESOURCE exceeds) */
	unsigned int msg_max;		/* mq_maxmsg for unprivileged creators */
	unsigned int msgsize_max;	/* mq_msgsize for unprivileged creators */
	unsigned int msg_default;	/* mq_maxmsg when mq_open gets no attr */
	unsigned int msgsize_default;	/* mq_msgsize when mq_open gets no attr */
};
extern struct mq_limits mq_limits;

/* the sysctls' ranges, and the ceiling even CAP_SYS_RESOURCE meets */
#define MIN_MSGMAX		1
#define HARD_MSGMAX		65536
#define MIN_MSGSIZEMAX		128
#define HARD_MSGSIZEMAX		(16 * 1024 * 1024)
#define HARD_QUEUESMAX		1024

void mq_init(void);		/* at boot: register, mount internally and at /dev/mqueue */
void mq_show_all(void);		/* the shell's mqs */

long sys_mq_open(const char __user *name, int oflag, int mode, struct mq_attr __user *attr);
long sys_mq_unlink(const char __user *name);
long sys_mq_timedsend(int mqdes, const char __user *msg, size_t len, unsigned int prio,
		      const struct timespec __user *abs_timeout);
long sys_mq_timedsend_time64(int mqdes, const char __user *msg, size_t len,
			     unsigned int prio, const struct timespec64 __user *abs_timeout);
long sys_mq_timedreceive(int mqdes, char __user *msg, size_t len, unsigned int __user *prio,
			 const struct timespec __user *abs_timeout);
long sys_mq_timedreceive_time64(int mqdes, char __user *msg, size_t len,
				unsigned int __user *prio,
				const struct timespec64 __user *abs_timeout);
long sys_mq_notify(int mqdes, const struct sigevent __user *notification);
long sys_mq_getsetattr(int mqdes, const struct mq_attr __user *newattr,
		       struct mq_attr __user *oldattr);

#endif

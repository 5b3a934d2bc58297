/*
 * tests/user/mq_util.h - helpers of the mq_* tests: queue names unique to
 * the process (the host's queues are shared by every program running
 * there), absolute CLOCK_REALTIME time-outs, and the CAP_SYS_RESOURCE
 * question (the host's root may lack it; Linux's rule depends on it).
 */
#ifndef MQ_UTIL_H
#define MQ_UTIL_H

#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

/* "/mqt_TAG_PID", in a static buffer per call site's choice of buf */
static inline const char *mq_name(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "/mqt_%s_%d", tag, (int)getpid());
	return buf;
}

/* CLOCK_REALTIME now plus ms (ms may be negative: a time already past) */
static inline struct timespec mq_abs_ms(long ms)
{
	struct timespec ts;
	long long ns;

	clock_gettime(CLOCK_REALTIME, &ts);
	ns = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec + (long long)ms * 1000000LL;
	ts.tv_sec = ns / 1000000000LL;
	ts.tv_nsec = ns % 1000000000LL;
	return ts;
}

static inline long mq_elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* effective CAP_SYS_RESOURCE: capget where it exists, else "root has all" */
static inline int mq_has_sys_resource(void)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2];

	if (syscall(SYS_capget, &hdr, data) == 0)
		return (data[0].effective >> 24) & 1;
	return geteuid() == 0;
}

/* an mq_attr with these sizes */
static inline struct mq_attr mq_sizes(long maxmsg, long msgsize)
{
	struct mq_attr a;

	memset(&a, 0, sizeof(a));
	a.mq_maxmsg = maxmsg;
	a.mq_msgsize = msgsize;
	return a;
}

/* the child's exit status, or -1 */
static inline int mq_wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

#endif

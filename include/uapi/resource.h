/* include/uapi/resource.h - rlimits, rusage and times (Linux i386 ABI). */
#ifndef _UAPI_RESOURCE_H
#define _UAPI_RESOURCE_H

struct timeval {
	long tv_sec;
	long tv_usec;
};

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

struct rlimit64 {
	unsigned long long rlim_cur, rlim_max;
};

#define RLIM_INFINITY	(~0UL)
#define RLIMIT_CPU	0
#define RLIMIT_FSIZE	1
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_RSS	5
#define RLIMIT_NPROC	6
#define RLIMIT_NOFILE	7
#define RLIMIT_MEMLOCK	8
#define RLIMIT_AS	9
#define RLIMIT_MSGQUEUE	12	/* bytes in POSIX message queues, per user */
#define RLIMIT_NICE	13
#define RLIMIT_RTPRIO	14
#define RLIM_NLIMITS	16

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

#endif

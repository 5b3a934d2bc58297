/* include/uapi/time.h - clocks and timers of the Linux i386 ABI (Linux: include/uapi/linux/time.h). */
#ifndef _UAPI_TIME_H
#define _UAPI_TIME_H

#include <uapi/resource.h>	/* struct timeval */

struct timespec {
	long tv_sec;
	long tv_nsec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

#define ITIMER_REAL	0	/* CLOCK_MONOTONIC time: SIGALRM */
#define ITIMER_VIRTUAL	1	/* user CPU time: SIGVTALRM */
#define ITIMER_PROF	2	/* user and system CPU time: SIGPROF */

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

/* the *_time64 calls' layout (__kernel_itimerspec) */
struct itimerspec64 {
	long long it_interval_sec, it_interval_nsec;
	long long it_value_sec, it_value_nsec;
};

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11

#define TIMER_ABSTIME	1

#endif

/*
 * include/kernel/time.h - wall-clock time (kernel/time.c; Linux:
 * include/linux/time.h, kernel/time.c and the xtime half of kernel/timer.c).
 * The CMOS real-time clock is read once at boot; after that the time is that
 * reading plus the jiffies since.
 */
#ifndef _KERNEL_TIME_H
#define _KERNEL_TIME_H

#include <kernel/types.h>

#include <uapi/time.h>		/* struct timespec */

/* the 64-bit time of the *_time64 system calls (__kernel_timespec) */
struct timespec64 {
	s64 tv_sec;
	s64 tv_nsec;
};

#define NSEC_PER_SEC	1000000000L
#define NSEC_PER_MSEC	1000000L

void timekeeping_init(void);			/* read the RTC: once, at boot */
void timekeeping_set_seconds(unsigned long sec);	/* settimeofday */
unsigned long get_seconds(void);		/* seconds since the Epoch */
struct timespec current_kernel_time(void);
u64 ktime_get_ns(void);				/* CLOCK_MONOTONIC: ns since boot (TSC) */
u64 ktime_get_real_ns(void);			/* CLOCK_REALTIME: ns since the Epoch */
#define CURRENT_TIME (current_kernel_time())

unsigned long mktime(unsigned int year, unsigned int mon, unsigned int day,
		     unsigned int hour, unsigned int min, unsigned int sec);

static inline int timespec_equal(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

#endif

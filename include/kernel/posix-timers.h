/*
 * include/kernel/posix-timers.h - interval timers (kernel/itimer.c) and
 * POSIX timers and clocks (kernel/posix-timers.c), with their system calls.
 */
#ifndef _KERNEL_POSIX_TIMERS_H
#define _KERNEL_POSIX_TIMERS_H

#include <kernel/types.h>
#include <kernel/time.h>
#include <uapi/signal.h>
#include <uapi/time.h>

struct task_struct;

int do_getitimer(int which, struct itimerval *v);
int do_setitimer(int which, const struct itimerval *v, struct itimerval *old);
void posix_cpu_timers_tick(struct task_struct *p);	/* the tick, interrupts off */
void posix_timer_dequeued(siginfo_t *info);		/* dequeue_signal of an SI_TIMER */
s64 ktime_real_offset(void);			/* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
u64 posix_ts64_to_ns(s64 sec, s64 nsec);	/* clamped far from u64 overflow */
void itimerspec_to64(const struct itimerspec *s, struct itimerspec64 *d);
void itimerspec_from64(const struct itimerspec64 *s, struct itimerspec *d);

long sys_getitimer(int which, struct itimerval __user *value);
long sys_setitimer(int which, struct itimerval __user *value, struct itimerval __user *ovalue);
long sys_clock_settime(int which, const struct timespec __user *tp);
long sys_clock_settime64(int which, const struct timespec64 __user *tp);
long sys_settimeofday(const struct timeval __user *tv, const struct timezone __user *tz);
long sys_stime(long __user *tptr);
long sys_timer_create(int which_clock, sigevent_t __user *timer_event_spec,
		      int __user *created_timer_id);
long sys_timer_settime(int id, int flags, const struct itimerspec __user *new_setting,
		       struct itimerspec __user *old_setting);
long sys_timer_settime64(int id, int flags, const struct itimerspec64 __user *new_setting,
			 struct itimerspec64 __user *old_setting);
long sys_timer_gettime(int id, struct itimerspec __user *setting);
long sys_timer_gettime64(int id, struct itimerspec64 __user *setting);
long sys_timer_getoverrun(int id);
long sys_timer_delete(int id);
long sys_timerfd_create(int clockid, int flags);
long sys_timerfd_settime(int fd, int flags, const struct itimerspec __user *utmr,
			 struct itimerspec __user *otmr);
long sys_timerfd_settime64(int fd, int flags, const struct itimerspec64 __user *utmr,
			   struct itimerspec64 __user *otmr);
long sys_timerfd_gettime(int fd, struct itimerspec __user *otmr);
long sys_timerfd_gettime64(int fd, struct itimerspec64 __user *otmr);

#endif

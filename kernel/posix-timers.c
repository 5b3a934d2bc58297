/*
 * kernel/posix-timers.c - the clocks and sleeps user programs ask for
 * (Linux: kernel/posix-timers.c, kernel/hrtimer.c, kernel/time.c's
 * gettimeofday). CLOCK_MONOTONIC counts TSC cycles since boot, so it has
 * nanosecond resolution (and, under QEMU's -icount, counts guest
 * instructions exactly); CLOCK_REALTIME is the RTC's boot-time reading plus
 * that. Sleeps are in whole jiffies (1 ms), rounded up.
 */
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <uapi/resource.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

static u64 boot_tsc;
static long boot_wall_sec = -1;

void clocks_init(void)
{
	boot_tsc = rdtsc();
}


static u64 monotonic_ns(void)
{
	u64 d = rdtsc() - boot_tsc;

	if (!tsc_khz || !boot_tsc)
		return 0;		/* not started: the tick counts jiffies itself */
	return d / tsc_khz * 1000000ULL + (d % tsc_khz) * 1000000ULL / tsc_khz;
}

/* nanoseconds since boot, for the kernel's own use (init's start, the bench command) */
u64 ktime_get_ns(void)
{
	return monotonic_ns();
}

static u64 realtime_ns(void)
{
	u64 mono = monotonic_ns();

	if (boot_wall_sec < 0)
		boot_wall_sec = (long)get_seconds() - (long)(mono / NSEC_PER_SEC);
	return (u64)boot_wall_sec * NSEC_PER_SEC + mono;
}

/* CLOCK_REALTIME in nanoseconds, for the kernel's absolute timeouts (futex) */
u64 ktime_get_real_ns(void)
{
	return realtime_ns();
}

static int clock_ns(int which, u64 *ns)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = realtime_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = monotonic_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (u64)(current->utime + current->stime) * (NSEC_PER_SEC / HZ);
		return 0;
	}
	return -EINVAL;
}

long sys_clock_gettime(int which, struct timespec __user *tp)
{
	struct timespec ts;
	u64 ns;
	int err = clock_ns(which, &ns);

	if (err)
		return err;
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_gettime64(int which, struct timespec64 __user *tp)
{
	struct timespec64 ts;
	u64 ns;
	int err = clock_ns(which, &ns);

	if (err)
		return err;
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

static long clock_res(int which, long *res)
{
	u64 ns;

	if (clock_ns(which, &ns))
		return -EINVAL;
	*res = (which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE ||
		which == CLOCK_PROCESS_CPUTIME_ID || which == CLOCK_THREAD_CPUTIME_ID) ?
		NSEC_PER_SEC / HZ : 1;
	return 0;
}

long sys_clock_getres(int which, struct timespec __user *tp)
{
	struct timespec ts = { 0, 0 };
	long err = clock_res(which, &ts.tv_nsec);

	if (err)
		return err;
	return tp && copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres_time64(int which, struct timespec64 __user *tp)
{
	struct timespec64 ts = { 0, 0 };
	long res;
	long err = clock_res(which, &res);

	if (err)
		return err;
	ts.tv_nsec = res;
	return tp && copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_gettimeofday(struct timeval __user *tv, void __user *tz)
{
	u64 ns = realtime_ns();
	struct timeval t = { (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / 1000) };
	int zero[2] = { 0, 0 };

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, zero, sizeof(zero)))
		return -EFAULT;
	return 0;
}

long sys_time(long __user *tloc)
{
	long t = (long)(realtime_ns() / NSEC_PER_SEC);

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/*
 * Sleep until the clock reads 'until' (ns). Interrupted by a signal: the time
 * left goes to *left and the call is restarted or fails with EINTR
 * (-ERESTARTNOHAND) depending on whether a handler runs.
 */
static long do_nanosleep(int which, u64 until, u64 *left)
{
	u64 now;

	for (;;) {
		long j;

		clock_ns(which, &now);
		if (now >= until)
			return 0;
		/* whole jiffies, rounded up, plus one for the tick already under way */
		if (until - now >= (u64)(MAX_SCHEDULE_TIMEOUT - 2) * (NSEC_PER_SEC / HZ))
			j = MAX_SCHEDULE_TIMEOUT - 1;	/* decades: sleep, then look again */
		else
			j = (long)((until - now + NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ)) + 1;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(j);
		if (signal_pending(current)) {
			clock_ns(which, &now);
			*left = now < until ? until - now : 0;
			return -ERESTARTNOHAND;
		}
	}
}

static long nanosleep_common(int which, int flags, s64 sec, s64 nsec, u64 *left)
{
	u64 now, until;

	if (nsec < 0 || nsec >= NSEC_PER_SEC || sec < 0)
		return -EINVAL;
	if (sec > (s64)(~0ULL / 2 / NSEC_PER_SEC) - 1)
		sec = (s64)(~0ULL / 2 / NSEC_PER_SEC) - 1;	/* "for ever" without overflow */
	if (clock_ns(which, &now) || which == CLOCK_THREAD_CPUTIME_ID ||
	    which == CLOCK_PROCESS_CPUTIME_ID)
		return -EINVAL;
	until = (u64)sec * NSEC_PER_SEC + nsec;
	if (!(flags & TIMER_ABSTIME))
		until += now;
	*left = 0;
	return do_nanosleep(which, until, left);
}

/* the three sleeping calls differ only in their timespec layout */
static long nanosleep_user(int which, int flags, const void __user *rqtp, void __user *rmtp,
			   int is64)
{
	struct timespec t32;
	struct timespec64 t64;
	u64 left;
	long ret;

	if (is64 ? copy_from_user(&t64, rqtp, sizeof(t64)) : copy_from_user(&t32, rqtp, sizeof(t32)))
		return -EFAULT;
	if (!is64) {
		t64.tv_sec = t32.tv_sec;
		t64.tv_nsec = t32.tv_nsec;
	}
	ret = nanosleep_common(which, flags, t64.tv_sec, t64.tv_nsec, &left);
	if (ret != -ERESTARTNOHAND || !rmtp || (flags & TIMER_ABSTIME))
		return ret;
	t64.tv_sec = left / NSEC_PER_SEC;
	t64.tv_nsec = left % NSEC_PER_SEC;
	t32.tv_sec = t64.tv_sec;
	t32.tv_nsec = t64.tv_nsec;
	if (is64 ? copy_to_user(rmtp, &t64, sizeof(t64)) : copy_to_user(rmtp, &t32, sizeof(t32)))
		return -EFAULT;
	return ret;
}

long sys_nanosleep(struct timespec __user *rqtp, struct timespec __user *rmtp)
{
	return nanosleep_user(CLOCK_MONOTONIC, 0, rqtp, rmtp, 0);
}

long sys_clock_nanosleep(int which, int flags, struct timespec __user *rqtp,
			 struct timespec __user *rmtp)
{
	return nanosleep_user(which, flags, rqtp, rmtp, 0);
}

long sys_clock_nanosleep_time64(int which, int flags, struct timespec64 __user *rqtp,
				struct timespec64 __user *rmtp)
{
	return nanosleep_user(which, flags, rqtp, rmtp, 1);
}

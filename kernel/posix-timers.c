/*
 * kernel/posix-timers.c - the clocks and sleeps user programs ask for
 * (Linux: kernel/posix-timers.c, kernel/hrtimer.c, kernel/time.c's
 * gettimeofday). CLOCK_MONOTONIC counts TSC cycles since boot, so it has
 * nanosecond resolution (and, under QEMU's -icount, counts guest
 * instructions exactly); CLOCK_REALTIME is the RTC's boot-time reading plus
 * that. Sleeps are in whole jiffies (1 ms), rounded up.
 *
 * SMP: a process's POSIX timers (the list in signal_struct and each timer's
 * state) are behind the process's siglock, the lock of the signal queues
 * their expiry writes to and their overrun count reads (2.6 has a per-timer
 * it_lock; one lock suffices here). The expiry takes it: the kernel timer's
 * callback (any CPU's run_timers) and the tick for CPU-clock timers. Timers
 * are stopped under it and freed after del_timer_sync, outside it: a
 * callback may be waiting for it on another CPU. wall_offset, written by
 * settimeofday only, is read unlocked (process context, the BKL).
 */
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/posix-timers.h>
#include <kernel/signal.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <uapi/resource.h>
#include <uapi/time.h>

static u64 boot_tsc;
static s64 wall_offset;		/* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
static int wall_offset_set;
static struct timezone sys_tz;	/* settimeofday's, given back by gettimeofday */

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

static s64 realtime_offset(void)
{
	if (!wall_offset_set) {
		wall_offset = ((s64)get_seconds() - (s64)(monotonic_ns() / NSEC_PER_SEC)) * NSEC_PER_SEC;
		wall_offset_set = 1;
	}
	return wall_offset;
}

/* CLOCK_REALTIME - CLOCK_MONOTONIC, for absolute real-time timers (fs/timerfd.c) */
s64 ktime_real_offset(void)
{
	return realtime_offset();
}

static u64 realtime_ns(void)
{
	return monotonic_ns() + realtime_offset();
}

/* CLOCK_REALTIME in nanoseconds, for the kernel's absolute timeouts (futex) */
u64 ktime_get_real_ns(void)
{
	return realtime_ns();
}

/*
 * The CPU clocks: the two fixed ids, and the ids glibc's timer_create,
 * clock_getcpuclockid and pthread_getcpuclockid build, negative, with a pid
 * in the high bits (0: the caller), bit 2 for one thread and the low two bits
 * saying which time: PROF user+system, VIRT user, SCHED (the tick's count here).
 */
#define CPUCLOCK_PID(c)		((pid_t)~((c) >> 3))
#define CPUCLOCK_PERTHREAD(c)	((c) & 4)
#define CPUCLOCK_WHICH(c)	((c) & 3)
#define CPUCLOCK_PROF		0
#define CPUCLOCK_VIRT		1
#define CPUCLOCK_SCHED		2

struct cpu_clock_id {
	struct task_struct *task;	/* the thread, or one of the process's */
	int thread;			/* one thread's time, not the group's */
	int which;			/* CPUCLOCK_* */
};

/*
 * What a CPU clock id names (Linux's lookup_task): a thread clock only in
 * the caller's own group, a process clock by any thread's pid to read it,
 * by its tgid to time it. 0 or -EINVAL.
 */
static int cpu_clock_lookup(int clock, int gettime, struct cpu_clock_id *c)
{
	pid_t pid;

	if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID) {
		c->task = current;
		c->thread = clock == CLOCK_THREAD_CPUTIME_ID;
		c->which = CPUCLOCK_SCHED;
		return 0;
	}
	if (clock >= 0 || CPUCLOCK_WHICH(clock) > CPUCLOCK_SCHED)
		return -EINVAL;
	pid = CPUCLOCK_PID(clock);
	c->thread = CPUCLOCK_PERTHREAD(clock) != 0;
	c->which = CPUCLOCK_WHICH(clock);
	c->task = pid ? find_task_by_pid(pid) : current;
	if (!c->task || (c->task->state & EXIT_DEAD))
		return -EINVAL;
	if (c->thread)
		return c->task->signal == current->signal ? 0 : -EINVAL;
	if (!gettime && c->task->tgid != pid && pid)
		return -EINVAL;
	return 0;
}

static u64 cpu_clock_sample(const struct cpu_clock_id *c)
{
	unsigned long ut, st;

	if (c->thread) {
		ut = c->task->utime;
		st = c->task->stime;
	} else {
		thread_group_times(c->task, &ut, &st);
	}
	return (u64)(c->which == CPUCLOCK_VIRT ? ut : ut + st) * TICK_NSEC;
}

static int clock_ns(int which, u64 *ns)
{
	struct cpu_clock_id c;

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
	}
	/* the CPU clocks: CLOCK_PROCESS_CPUTIME_ID sums every thread of the process */
	if (cpu_clock_lookup(which, 1, &c))
		return -EINVAL;
	*ns = cpu_clock_sample(&c);
	return 0;
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
		which == CLOCK_PROCESS_CPUTIME_ID || which == CLOCK_THREAD_CPUTIME_ID ||
		which < 0) ? NSEC_PER_SEC / HZ : 1;
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

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &sys_tz, sizeof(sys_tz)))
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
	/*
	 * A process's CPU clock can be slept on (until its threads have used
	 * that much); a thread's cannot, as Linux's posix_cpu_nsleep says.
	 */
	if (clock_ns(which, &now) || which == CLOCK_THREAD_CPUTIME_ID ||
	    (which < 0 && CPUCLOCK_PERTHREAD(which)))
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

/* ---- setting the clock: root only (CAP_SYS_TIME) ---- */

static long do_settimeofday(s64 sec, long nsec)
{
	unsigned long flags = local_irq_save();	/* the BKL serializes setters; see the top */

	realtime_offset();
	wall_offset = sec * NSEC_PER_SEC + nsec - (s64)monotonic_ns();
	timekeeping_set_seconds((unsigned long)sec);
	local_irq_restore(flags);
	return 0;
}

/* Linux's order: a bad time is EINVAL before the caller's right is asked */
static long settime_checked(s64 sec, s64 nsec)
{
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC || sec > 0x7fffffffLL)
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	return do_settimeofday(sec, (long)nsec);
}

/* only CLOCK_REALTIME can be set; today's Linux says EINVAL for the CPU clocks too */
static long clock_settable(int which)
{
	return which == CLOCK_REALTIME ? 0 : -EINVAL;
}

long sys_clock_settime(int which, const struct timespec __user *tp)
{
	struct timespec ts;

	if (clock_settable(which))
		return -EINVAL;
	if (copy_from_user(&ts, tp, sizeof(ts)))
		return -EFAULT;
	return settime_checked(ts.tv_sec, ts.tv_nsec);
}

long sys_clock_settime64(int which, const struct timespec64 __user *tp)
{
	struct timespec64 ts;

	if (clock_settable(which))
		return -EINVAL;
	if (copy_from_user(&ts, tp, sizeof(ts)))
		return -EFAULT;
	return settime_checked(ts.tv_sec, ts.tv_nsec);
}

long sys_settimeofday(const struct timeval __user *tv, const struct timezone __user *tz)
{
	struct timeval t;
	struct timezone z;

	if (tv && copy_from_user(&t, tv, sizeof(t)))
		return -EFAULT;
	if (tv && (t.tv_usec < 0 || t.tv_usec >= 1000000 || t.tv_sec < 0))
		return -EINVAL;
	if (tz && copy_from_user(&z, tz, sizeof(z)))
		return -EFAULT;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	if (tz) {
		if (z.tz_minuteswest > 15 * 60 || z.tz_minuteswest < -15 * 60)
			return -EINVAL;
		sys_tz = z;
	}
	return tv ? do_settimeofday(t.tv_sec, t.tv_usec * 1000) : 0;
}

long sys_stime(long __user *tptr)
{
	long sec;

	if (get_user(sec, tptr))
		return -EFAULT;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	return do_settimeofday(sec, 0);
}

/* ---- POSIX timers: timer_create and friends (Linux: kernel/posix-timers.c) ---- */

/*
 * Per process, as in Linux (in signal_struct: ids from 0, shared by the
 * threads, not seen by other processes, kept when the creating thread exits).
 * Linux bounds them through RLIMIT_SIGPENDING's accounting; a fixed bound here.
 */
#define MAX_POSIX_TIMERS	1024
#define DELAYTIMER_MAX		0x7fffffff
#define KTIME_SEC_MAX		4000000000LL	/* ns values stay far from u64 overflow */

struct k_itimer {
	struct list_head list;		/* in it_signal->posix_timers */
	int it_id;
	int it_clock;
	int it_sigev_notify;		/* SIGEV_SIGNAL or SIGEV_NONE */
	int it_sigev_signo;
	sigval_t it_sigev_value;
	struct signal_struct *it_signal;	/* the owning process */
	/*
	 * SIGEV_THREAD_ID: the one thread told (else the group is); the CPU
	 * clock of CLOCK_THREAD_CPUTIME_ID: the creating thread. NULL once that
	 * thread has gone (it_dead): no more signals, the clock stopped.
	 */
	struct task_struct *it_target;
	struct task_struct *it_cpu_task;
	int it_dead;
	int it_cpu;			/* on a CPU clock: it_cpu_thread, it_cpu_which */
	int it_cpu_thread, it_cpu_which;
	struct timer_list it_timer;	/* the real clocks' */
	/* ns, 0 = disarmed: CLOCK_MONOTONIC for the real clocks, CPU time for the others */
	u64 it_expires, it_interval;
	int it_overrun;			/* since the signal was queued */
	int it_overrun_last;		/* at its delivery: timer_getoverrun */
};

/* the timer's CPU clock now: its thread's, or its process's (interrupts off) */
static u64 timer_cpu_sample(struct k_itimer *t)
{
	struct cpu_clock_id c;

	c.task = t->it_cpu_thread ? t->it_cpu_task : t->it_signal->tsk;
	c.thread = t->it_cpu_thread;
	c.which = t->it_cpu_which;
	return c.task ? cpu_clock_sample(&c) : 0;
}

static struct k_itimer *lock_timer(int id)
{
	struct k_itimer *t;

	list_for_each_entry(t, &current->signal->posix_timers, list)
		if (t->it_id == id)
			return t;
	return NULL;
}

static void overrun_add(struct k_itimer *t, u64 n)
{
	u64 o = (u64)t->it_overrun + n;

	t->it_overrun = o > DELAYTIMER_MAX ? DELAYTIMER_MAX : (int)o;
}

/* is the timer's last signal still waiting in its target's queue? */
static int timer_signal_queued(struct k_itimer *t)
{
	struct sigpending *pending = t->it_target ? &t->it_target->pending :
						    &t->it_signal->shared_pending;
	struct sigqueue *q;

	list_for_each_entry(q, &pending->list, list)
		if (q->info.si_code == SI_TIMER && q->info.si_tid == t->it_id &&
		    q->info.si_signo == t->it_sigev_signo)
			return 1;
	return 0;
}

/* the siglock held. One signal at a time: expiries meanwhile are its overruns */
static void posix_timer_event(struct k_itimer *t)
{
	siginfo_t info;

	if (t->it_sigev_notify == SIGEV_NONE || t->it_dead)
		return;
	if (timer_signal_queued(t)) {
		overrun_add(t, 1);
		return;
	}
	memset(&info, 0, sizeof(info));
	info.si_signo = t->it_sigev_signo;
	info.si_code = SI_TIMER;
	info.si_tid = t->it_id;
	info.si_value = t->it_sigev_value;
	if (t->it_target)		/* SIGEV_THREAD_ID (the siglock is the group's) */
		__send_sig_info(t->it_sigev_signo, &info, t->it_target);
	else				/* the process: any thread not blocking it */
		__group_send_sig_info(t->it_sigev_signo, &info, t->it_signal->tsk);
}

/* the siglock held: t expired at 'now' (its clock's); tell, move an interval on */
static void posix_timer_fire(struct k_itimer *t, u64 now)
{
	posix_timer_event(t);
	if (!t->it_interval) {
		t->it_expires = 0;
		return;
	}
	/* periods that passed unseen are overruns too */
	overrun_add(t, timer_forward_ns(&t->it_expires, now, t->it_interval));
	if (!t->it_cpu)
		mod_timer_ns(&t->it_timer, t->it_expires);
}

static void posix_timer_fn(unsigned long data)
{
	struct k_itimer *t = (struct k_itimer *)data;
	spinlock_t *lock = &t->it_signal->tsk->sighand->siglock;
	u64 now = monotonic_ns();
	unsigned long flags;

	spin_lock_irqsave(lock, flags);
	if (!t->it_expires)
		goto out;
	if (now < t->it_expires) {		/* further off than one arming reaches */
		mod_timer_ns(&t->it_timer, t->it_expires);
		goto out;
	}
	posix_timer_fire(t, now);
out:
	spin_unlock_irqrestore(lock, flags);
}

/*
 * The tick charged p (p's siglock held, kernel/itimer.c): the process's
 * timers on its CPU-time clock, and those on p's own thread clock.
 */
void posix_cpu_timers_tick(struct task_struct *p)
{
	struct k_itimer *t, *n;
	u64 now;

	list_for_each_entry_safe(t, n, &p->signal->posix_timers, list) {
		if (!t->it_cpu || !t->it_expires || (t->it_cpu_thread && t->it_cpu_task != p))
			continue;
		now = timer_cpu_sample(t);
		if (now >= t->it_expires)
			posix_timer_fire(t, now);
	}
}

/*
 * A timer's signal is being taken (the siglock held): the overruns gathered
 * while it waited go with it (Linux: do_schedule_next_timer).
 */
void posix_timer_dequeued(siginfo_t *info)
{
	struct k_itimer *t = lock_timer(info->si_tid);

	if (!t || t->it_sigev_signo != info->si_signo)
		return;
	t->it_overrun_last = t->it_overrun;
	t->it_overrun = 0;
	info->si_overrun = t->it_overrun_last;
}

/* current's: off the list and disarmed under the siglock, freed once its callback is done */
static void release_posix_timer(struct k_itimer *t)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	t->it_expires = t->it_interval = 0;	/* a callback waiting for the lock does nothing */
	list_del(&t->list);
	if (t->it_cpu)
		t->it_signal->nr_cpu_timers--;
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	del_timer_sync(&t->it_timer);
	kfree(t);
}

/* the group's exit and exec: every POSIX timer goes (interval timers survive exec) */
void exit_itimers(struct signal_struct *sig)
{
	while (!list_empty(&sig->posix_timers))
		release_posix_timer(list_first_entry(&sig->posix_timers, struct k_itimer, list));
}

/*
 * A thread leaves a group that goes on: the timers stay the process's, but
 * one that signals only this thread falls silent and one on its CPU clock
 * stops, disarmed (Linux: the timer's pid is gone; posix_cpu_timers_exit).
 */
void exit_thread_timers(struct task_struct *p)
{
	unsigned long flags;
	struct k_itimer *t;

	spin_lock_irqsave(&p->sighand->siglock, flags);
	list_for_each_entry(t, &p->signal->posix_timers, list) {
		if (t->it_target == p) {
			t->it_target = NULL;
			t->it_dead = 1;
		}
		if (t->it_cpu_task == p) {
			t->it_cpu_task = NULL;
			t->it_expires = t->it_interval = 0;
		}
	}
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
}

/*
 * which clocks carry timers: EOPNOTSUPP for those Linux has but cannot time;
 * c->task set for a CPU clock
 */
static long timer_clock_ok(int clock, struct cpu_clock_id *c)
{
	c->task = NULL;
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		return 0;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_REALTIME_ALARM:	/* no wake-up alarm RTC here */
	case CLOCK_BOOTTIME_ALARM:
		return -EOPNOTSUPP;
	}
	if (cpu_clock_lookup(clock, 0, c))
		return -EINVAL;
	/* timers live in the caller's own process: another's CPU clock is not timed here */
	if (c->task->signal != current->signal)
		return -EINVAL;
	return 0;
}

/*
 * Linux's good_sigevent: SIGEV_THREAD_ID names a thread of the caller's own
 * process (*target), any other is EINVAL; SIGEV_THREAD is glibc's business,
 * the kernel sees a signal (glibc itself asks for SIGEV_THREAD_ID).
 */
static long good_sigevent(const sigevent_t *ev, struct task_struct **target)
{
	struct task_struct *p;

	*target = NULL;
	switch (ev->sigev_notify) {
	case SIGEV_SIGNAL | SIGEV_THREAD_ID:
		p = ev->sigev_notify_thread_id > 0 ?
			find_task_by_pid(ev->sigev_notify_thread_id) : NULL;
		if (!p || p->signal != current->signal ||
		    (p->state & (EXIT_ZOMBIE | EXIT_DEAD)) || (p->flags & PF_EXITING))
			return -EINVAL;
		*target = p;
		/* fall through */
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		if (ev->sigev_signo <= 0 || ev->sigev_signo > _NSIG)
			return -EINVAL;
		/* fall through */
	case SIGEV_NONE:
		return 0;
	}
	return -EINVAL;
}

/*
 * The id is chosen and the timer linked in one go, with interrupts off, so
 * that two threads never get the same id; the thread a SIGEV_THREAD_ID or
 * a thread clock names is looked up again there (it may have exited while
 * we slept in kmalloc). The id is copied out last; a fault undoes it all.
 */
long sys_timer_create(int which_clock, sigevent_t __user *timer_event_spec,
		      int __user *created_timer_id)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *target = NULL;
	struct k_itimer *t, *o;
	sigevent_t ev;
	int id = 0, n = 0;
	struct cpu_clock_id cpu;
	long err = timer_clock_ok(which_clock, &cpu);
	unsigned long flags;

	if (err)
		return err;
	if (timer_event_spec) {
		if (copy_from_user(&ev, timer_event_spec, sizeof(ev)))
			return -EFAULT;
		err = good_sigevent(&ev, &target);
		if (err)
			return err;
	}
	t = kmalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -EAGAIN;
	memset(t, 0, sizeof(*t));
	t->it_clock = which_clock;
	t->it_signal = sig;
	if (timer_event_spec) {
		t->it_sigev_notify = ev.sigev_notify == SIGEV_NONE ? SIGEV_NONE : SIGEV_SIGNAL;
		t->it_sigev_signo = ev.sigev_signo;
		t->it_sigev_value = ev.sigev_value;
	} else {
		t->it_sigev_notify = SIGEV_SIGNAL;
		t->it_sigev_signo = SIGALRM;
	}
	setup_timer(&t->it_timer, posix_timer_fn, (unsigned long)t);

	spin_lock_irqsave(&current->sighand->siglock, flags);
	err = timer_clock_ok(which_clock, &cpu);
	if (!err && timer_event_spec)
		err = good_sigevent(&ev, &target);
	if (err)
		goto fail;
	list_for_each_entry(o, &sig->posix_timers, list)
		n++;
	err = -EAGAIN;
	if (n >= MAX_POSIX_TIMERS)
		goto fail;
	/* the lowest id not in use */
	for (;;) {
		list_for_each_entry(o, &sig->posix_timers, list)
			if (o->it_id == id)
				break;
		if (&o->list == &sig->posix_timers)
			break;
		id++;
	}
	t->it_id = id;
	if (!timer_event_spec)
		t->it_sigev_value.sival_int = id;
	t->it_target = target;
	if (cpu.task) {
		t->it_cpu = 1;
		t->it_cpu_thread = cpu.thread;
		t->it_cpu_which = cpu.which;
		if (cpu.thread)
			t->it_cpu_task = cpu.task;
		sig->nr_cpu_timers++;
	}
	list_add_tail(&t->list, &sig->posix_timers);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	if (put_user(id, created_timer_id)) {
		release_posix_timer(t);
		return -EFAULT;
	}
	return 0;
fail:
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	kfree(t);
	return err;
}

/* the clock a timer runs on, as its API reads it: CPU time, or CLOCK_MONOTONIC */
static u64 timer_clock_now(struct k_itimer *t)
{
	return t->it_cpu ? timer_cpu_sample(t) : monotonic_ns();
}

static void ns_to_ts64(u64 ns, s64 *sec, s64 *nsec)
{
	*sec = (s64)(ns / NSEC_PER_SEC);
	*nsec = (s64)(ns % NSEC_PER_SEC);
}

static void common_timer_get(struct k_itimer *t, struct itimerspec64 *cur)
{
	unsigned long flags;
	u64 now, left = 0;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	now = timer_clock_now(t);
	if (t->it_expires)	/* due but not yet seen by the tick: 1 ns, as Linux */
		left = t->it_expires > now ? t->it_expires - now : 1;
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	ns_to_ts64(left, &cur->it_value_sec, &cur->it_value_nsec);
	ns_to_ts64(t->it_interval, &cur->it_interval_sec, &cur->it_interval_nsec);
}

static int ts64_valid(s64 sec, s64 nsec)
{
	return sec >= 0 && nsec >= 0 && nsec < NSEC_PER_SEC;
}

u64 posix_ts64_to_ns(s64 sec, s64 nsec)
{
	if (sec > KTIME_SEC_MAX)
		sec = KTIME_SEC_MAX;
	return (u64)sec * NSEC_PER_SEC + (u64)nsec;
}

static long do_timer_settime(int id, int flags, const struct itimerspec64 *new,
			     struct itimerspec64 *old)
{
	struct k_itimer *t;
	u64 value, now;
	unsigned long irq;

	if (!ts64_valid(new->it_interval_sec, new->it_interval_nsec) ||
	    !ts64_valid(new->it_value_sec, new->it_value_nsec))
		return -EINVAL;
	t = lock_timer(id);
	if (!t)
		return -EINVAL;
	if (t->it_cpu_thread && !t->it_cpu_task)
		return -ESRCH;		/* its thread is gone (Linux's posix_cpu_timer_set) */
	if (old)
		common_timer_get(t, old);
	value = posix_ts64_to_ns(new->it_value_sec, new->it_value_nsec);
again:
	spin_lock_irqsave(&current->sighand->siglock, irq);
	if (try_to_del_timer_sync(&t->it_timer) < 0) {	/* its callback waits for the lock */
		spin_unlock_irqrestore(&current->sighand->siglock, irq);
		cpu_relax();
		goto again;
	}
	t->it_overrun = t->it_overrun_last = 0;
	t->it_interval = 0;		/* a disarmed timer shows no interval either */
	t->it_expires = 0;
	if (value) {
		t->it_interval = posix_ts64_to_ns(new->it_interval_sec, new->it_interval_nsec);
		now = timer_clock_now(t);
		if (!(flags & TIMER_ABSTIME))
			value += now;
		else if (t->it_clock == CLOCK_REALTIME)	/* kept on CLOCK_MONOTONIC */
			value = (s64)value - realtime_offset() > 0 ? value - realtime_offset() : 1;
		t->it_expires = value ? value : 1;
		if (!t->it_cpu)
			mod_timer_ns(&t->it_timer, t->it_expires);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, irq);
	return 0;
}

void itimerspec_to64(const struct itimerspec *s, struct itimerspec64 *d)
{
	d->it_interval_sec = s->it_interval.tv_sec;
	d->it_interval_nsec = s->it_interval.tv_nsec;
	d->it_value_sec = s->it_value.tv_sec;
	d->it_value_nsec = s->it_value.tv_nsec;
}

void itimerspec_from64(const struct itimerspec64 *s, struct itimerspec *d)
{
	d->it_interval.tv_sec = (long)s->it_interval_sec;
	d->it_interval.tv_nsec = (long)s->it_interval_nsec;
	d->it_value.tv_sec = (long)s->it_value_sec;
	d->it_value.tv_nsec = (long)s->it_value_nsec;
}

long sys_timer_settime(int id, int flags, const struct itimerspec __user *new_setting,
		       struct itimerspec __user *old_setting)
{
	struct itimerspec n, o;
	struct itimerspec64 n64, o64;
	long err;

	if (!new_setting)
		return -EINVAL;
	if (copy_from_user(&n, new_setting, sizeof(n)))
		return -EFAULT;
	itimerspec_to64(&n, &n64);
	err = do_timer_settime(id, flags, &n64, old_setting ? &o64 : NULL);
	if (err || !old_setting)
		return err;
	itimerspec_from64(&o64, &o);
	return copy_to_user(old_setting, &o, sizeof(o)) ? -EFAULT : 0;
}

long sys_timer_settime64(int id, int flags, const struct itimerspec64 __user *new_setting,
			 struct itimerspec64 __user *old_setting)
{
	struct itimerspec64 n, o;
	long err;

	if (!new_setting)
		return -EINVAL;
	if (copy_from_user(&n, new_setting, sizeof(n)))
		return -EFAULT;
	err = do_timer_settime(id, flags, &n, old_setting ? &o : NULL);
	if (err || !old_setting)
		return err;
	return copy_to_user(old_setting, &o, sizeof(o)) ? -EFAULT : 0;
}

long sys_timer_gettime(int id, struct itimerspec __user *setting)
{
	struct k_itimer *t = lock_timer(id);
	struct itimerspec64 c64;
	struct itimerspec c;

	if (!t)
		return -EINVAL;
	common_timer_get(t, &c64);
	itimerspec_from64(&c64, &c);
	return copy_to_user(setting, &c, sizeof(c)) ? -EFAULT : 0;
}

long sys_timer_gettime64(int id, struct itimerspec64 __user *setting)
{
	struct k_itimer *t = lock_timer(id);
	struct itimerspec64 c;

	if (!t)
		return -EINVAL;
	common_timer_get(t, &c);
	return copy_to_user(setting, &c, sizeof(c)) ? -EFAULT : 0;
}

long sys_timer_getoverrun(int id)
{
	struct k_itimer *t = lock_timer(id);

	return t ? t->it_overrun_last : -EINVAL;
}

long sys_timer_delete(int id)
{
	struct k_itimer *t = lock_timer(id);

	if (!t)
		return -EINVAL;
	release_posix_timer(t);
	return 0;
}

/*
 * kernel/itimer.c - the three interval timers of getitimer/setitimer, and
 * alarm, which is ITIMER_REAL counted in seconds (Linux: kernel/itimer.c).
 * ITIMER_REAL runs on CLOCK_MONOTONIC through a kernel timer; ITIMER_VIRTUAL
 * and ITIMER_PROF count down the CPU time the tick charges any thread of the
 * process. They are the process's (signal_struct), their signals go to the
 * group; all three keep ns, survive exec and are not inherited by a fork child.
 *
 * SMP: the values are behind the process's siglock (as 2.6's), which the
 * expiry (a timer callback, or the tick of whichever CPU runs a thread)
 * takes too; the signal is then sent with the lock held. setitimer cannot
 * wait for a running ITIMER_REAL callback under the lock: it drops it and
 * tries again (try_to_del_timer_sync).
 */
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/posix-timers.h>
#include <kernel/signal.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/time.h>

#define NSEC_PER_USEC	1000LL

static u64 timeval_to_ns(const struct timeval *tv)
{
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * NSEC_PER_USEC;
}

static void ns_to_timeval(u64 ns, struct timeval *tv)
{
	/* rounded up: a timer still pending never reads as zero */
	ns = (ns + NSEC_PER_USEC - 1) / NSEC_PER_USEC;
	tv->tv_sec = (long)(ns / 1000000);
	tv->tv_usec = (long)(ns % 1000000);
}

/* process-directed, from the kernel: any thread of p's group that does not block it takes it */
static void itimer_signal(int sig, struct task_struct *p)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_KERNEL;
	__group_send_sig_info(sig, &info, p);	/* p's siglock held */
}

/* the ITIMER_REAL kernel timer ran out: SIGALRM to the process, then re-arm an interval */
void it_real_fn(unsigned long data)
{
	struct signal_struct *sig = (struct signal_struct *)data;
	struct task_struct *tsk = sig->tsk;
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&tsk->sighand->siglock, flags);	/* only exec swaps it, after this is gone */
	if (!sig->it_real_value)
		goto out;
	if (now < sig->it_real_value) {		/* further off than one arming reaches */
		mod_timer_ns(&sig->real_timer, sig->it_real_value);
		goto out;
	}
	itimer_signal(SIGALRM, tsk);
	if (!sig->it_real_incr) {
		sig->it_real_value = 0;
		goto out;
	}
	timer_forward_ns(&sig->it_real_value, now, sig->it_real_incr);	/* missed ones are skipped */
	mod_timer_ns(&sig->real_timer, sig->it_real_value);
out:
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
}

/* a new process (copy_signal, the boot's): none of its parent's timers */
void init_itimers(struct signal_struct *sig)
{
	sig->it_real_value = sig->it_real_incr = 0;
	sig->it_virt_value = sig->it_virt_incr = 0;
	sig->it_prof_value = sig->it_prof_incr = 0;
	INIT_LIST_HEAD(&sig->real_timer.entry);
	setup_timer(&sig->real_timer, it_real_fn, (unsigned long)sig);
	INIT_LIST_HEAD(&sig->posix_timers);
	sig->nr_cpu_timers = 0;
}

static void get_cpu_itimer(s64 value, s64 incr, struct itimerval *v)
{
	ns_to_timeval(value > 0 ? (u64)value : 0, &v->it_value);
	ns_to_timeval((u64)incr, &v->it_interval);
}

int do_getitimer(int which, struct itimerval *v)
{
	struct signal_struct *p = current->signal;
	unsigned long flags;
	u64 now = ktime_get_ns();

	spin_lock_irqsave(&current->sighand->siglock, flags);
	switch (which) {
	case ITIMER_REAL:
		ns_to_timeval(!p->it_real_value ? 0 :
			      p->it_real_value > now ? p->it_real_value - now : 1, &v->it_value);
		ns_to_timeval(p->it_real_incr, &v->it_interval);
		break;
	case ITIMER_VIRTUAL:
		get_cpu_itimer(p->it_virt_value, p->it_virt_incr, v);
		break;
	case ITIMER_PROF:
		get_cpu_itimer(p->it_prof_value, p->it_prof_incr, v);
		break;
	default:
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
		return -EINVAL;
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return 0;
}

static int itimerval_valid(const struct itimerval *v)
{
	return v->it_value.tv_sec >= 0 && v->it_value.tv_usec >= 0 &&
	       v->it_value.tv_usec < 1000000 && v->it_interval.tv_sec >= 0 &&
	       v->it_interval.tv_usec >= 0 && v->it_interval.tv_usec < 1000000;
}

int do_setitimer(int which, const struct itimerval *v, struct itimerval *old)
{
	struct signal_struct *p = current->signal;
	u64 value = timeval_to_ns(&v->it_value), incr = timeval_to_ns(&v->it_interval);
	unsigned long flags;
	int err;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (!itimerval_valid(v))
		return -EINVAL;
	if (old && (err = do_getitimer(which, old)))
		return err;
	if (value && which != ITIMER_REAL)
		value += TICK_NSEC;	/* as Linux: the tick under way is not all ours */
again:
	spin_lock_irqsave(&current->sighand->siglock, flags);
	switch (which) {
	case ITIMER_REAL:
		if (try_to_del_timer_sync(&p->real_timer) < 0) {
			spin_unlock_irqrestore(&current->sighand->siglock, flags);
			cpu_relax();
			goto again;
		}
		p->it_real_value = value ? ktime_get_ns() + value : 0;
		p->it_real_incr = incr;
		if (value)
			mod_timer_ns(&p->real_timer, p->it_real_value);
		break;
	case ITIMER_VIRTUAL:
		p->it_virt_value = (s64)value;
		p->it_virt_incr = (s64)incr;
		break;
	case ITIMER_PROF:
		p->it_prof_value = (s64)value;
		p->it_prof_incr = (s64)incr;
		break;
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return 0;
}

long sys_getitimer(int which, struct itimerval __user *value)
{
	struct itimerval v;
	int err = do_getitimer(which, &v);

	if (err)
		return err;
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(int which, struct itimerval __user *value, struct itimerval __user *ovalue)
{
	struct itimerval v, old;
	int err;

	/* today's Linux takes a NULL value as a zero one */
	if (!value)
		memset(&v, 0, sizeof(v));
	else if (copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	err = do_setitimer(which, &v, ovalue ? &old : NULL);
	if (err)
		return err;
	return ovalue && copy_to_user(ovalue, &old, sizeof(old)) ? -EFAULT : 0;
}

/*
 * alarm is setitimer(ITIMER_REAL) in whole seconds; what was left is rounded
 * to the nearest second, and never to 0 while the old alarm was pending.
 */
long sys_alarm(unsigned int seconds)
{
	struct itimerval v = { { 0, 0 }, { (long)seconds, 0 } }, old;

	if (seconds > 0x7fffffffU)
		v.it_value.tv_sec = 0x7fffffff;
	do_setitimer(ITIMER_REAL, &v, &old);
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}

/* one CPU-time interval timer charged a tick: 1 when it ran out */
static int cpu_itimer_tick(s64 *value, s64 incr)
{
	if (!*value)
		return 0;
	*value -= TICK_NSEC;
	if (*value > 0)
		return 0;
	*value = incr ? (*value + incr > 0 ? *value + incr : incr) : 0;
	return 1;
}

/*
 * The tick, interrupts off: p ran for the last TICK_NSEC, in user mode or
 * not. Every thread's tick counts against the process's timers.
 */
void itimer_tick(struct task_struct *p, int user)
{
	struct signal_struct *sig = p->signal;
	unsigned long flags;

	spin_lock_irqsave(&p->sighand->siglock, flags);
	if (user && cpu_itimer_tick(&sig->it_virt_value, sig->it_virt_incr))
		itimer_signal(SIGVTALRM, p);
	if (cpu_itimer_tick(&sig->it_prof_value, sig->it_prof_incr))
		itimer_signal(SIGPROF, p);
	if (sig->nr_cpu_timers)
		posix_cpu_timers_tick(p);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
}

/*
 * kernel/itimer.c - interval timers: setitimer and getitimer (Linux 2.6:
 * kernel/itimer.c). ITIMER_REAL runs on the task's real_timer, the one
 * alarm() uses (kernel/signal.c), and sends SIGALRM; ITIMER_VIRTUAL and
 * ITIMER_PROF count the ticks charged to the task (user, user + system) and
 * send SIGVTALRM and SIGPROF. An interval re-arms each timer when it fires.
 */
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/syscalls.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

/* a timeval in ticks, rounded up, as Linux's timeval_to_jiffies */
static unsigned long timeval_to_ticks(const struct timeval *tv)
{
	unsigned long long t;

	t = (unsigned long long)tv->tv_sec * HZ + ((unsigned long)tv->tv_usec + 1000000 / HZ - 1) /
	    (1000000 / HZ);
	return t > MAX_SCHEDULE_TIMEOUT - 1 ? MAX_SCHEDULE_TIMEOUT - 1 : (unsigned long)t;
}

static void ticks_to_timeval(unsigned long t, struct timeval *tv)
{
	tv->tv_sec = t / HZ;
	tv->tv_usec = (t % HZ) * (1000000 / HZ);
}

static void it_real_fn(unsigned long data)
{
	struct task_struct *p = (struct task_struct *)data;

	send_sig(SIGALRM, p, 1);
	p->it_real_value = 0;
	if (p->it_real_incr) {
		p->it_real_value = jiffies + p->it_real_incr;
		mod_timer(&p->real_timer, p->it_real_value);
	}
}

/* from the tick: the two CPU-time timers of the task it was charged to */
void itimer_tick(struct task_struct *p, int user)
{
	if (user && p->it_virt_value && !--p->it_virt_value) {
		p->it_virt_value = p->it_virt_incr;
		send_sig(SIGVTALRM, p, 1);
	}
	if (p->it_prof_value && !--p->it_prof_value) {
		p->it_prof_value = p->it_prof_incr;
		send_sig(SIGPROF, p, 1);
	}
}

static int do_getitimer(int which, struct itimerval *value)
{
	struct task_struct *p = current;
	unsigned long val, interval;

	switch (which) {
	case ITIMER_REAL:
		val = 0;
		interval = 0;
		if (p->it_real_value) {
			long j = (long)(p->it_real_value - jiffies);

			val = j > 0 ? j : 1;	/* pending, so never reported as off */
		}
		/* alarm() shares the timer but has no interval */
		if (p->real_timer.function == it_real_fn)
			interval = p->it_real_incr;
		break;
	case ITIMER_VIRTUAL:
		val = p->it_virt_value;
		interval = p->it_virt_incr;
		break;
	case ITIMER_PROF:
		val = p->it_prof_value;
		interval = p->it_prof_incr;
		break;
	default:
		return -EINVAL;
	}
	ticks_to_timeval(val, &value->it_value);
	ticks_to_timeval(interval, &value->it_interval);
	return 0;
}

static int do_setitimer(int which, const struct itimerval *value, struct itimerval *ovalue)
{
	struct task_struct *p = current;
	unsigned long val, interval;
	int err;

	if (value->it_value.tv_usec < 0 || value->it_value.tv_usec >= 1000000 ||
	    value->it_interval.tv_usec < 0 || value->it_interval.tv_usec >= 1000000 ||
	    value->it_value.tv_sec < 0 || value->it_interval.tv_sec < 0)
		return -EINVAL;
	err = do_getitimer(which, ovalue);
	if (err)
		return err;
	val = timeval_to_ticks(&value->it_value);
	interval = timeval_to_ticks(&value->it_interval);
	switch (which) {
	case ITIMER_REAL:
		del_timer(&p->real_timer);
		p->it_real_value = 0;
		p->it_real_incr = interval;
		if (val) {
			setup_timer(&p->real_timer, it_real_fn, (unsigned long)p);
			p->it_real_value = jiffies + val;
			mod_timer(&p->real_timer, p->it_real_value);
		}
		break;
	case ITIMER_VIRTUAL:
		p->it_virt_value = val;
		p->it_virt_incr = interval;
		break;
	case ITIMER_PROF:
		p->it_prof_value = val;
		p->it_prof_incr = interval;
		break;
	}
	return 0;
}

long sys_getitimer(int which, struct itimerval __user *value)
{
	struct itimerval v;
	int err;

	err = do_getitimer(which, &v);
	if (err)
		return err;
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* a NULL value disarms the timer, as Linux has long accepted */
long sys_setitimer(int which, const struct itimerval __user *value,
		   struct itimerval __user *ovalue)
{
	struct itimerval set = { { 0, 0 }, { 0, 0 } }, old;
	int err;

	if (value && copy_from_user(&set, value, sizeof(set)))
		return -EFAULT;
	err = do_setitimer(which, &set, &old);
	if (err)
		return err;
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

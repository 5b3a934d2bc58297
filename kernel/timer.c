/*
 * kernel/timer.c - the periodic tick (Linux: arch/i386/kernel/time.c and
 * i8253.c, kernel/timer.c). PIT channel 0 interrupts HZ times a second on
 * IRQ 0 (CPU 0); each tick advances jiffies. The TSC rate is measured once
 * against the PIT so cycle counts can be turned into time. Each CPU's own
 * tick, its process time and time slice, comes from its local APIC timer.
 *
 * SMP locking: xtime_lock (a seqlock) guards jiffies_64, written by CPU 0's
 * tick and by jiffies_sync() on any CPU, read locklessly by get_jiffies_64.
 * timer_base.lock guards the timer list and running_timer; mod_timer and
 * del_timer take it from any CPU, run_timers from CPU 0's tick. A callback
 * runs without it, its timer already detached (so it may re-arm itself, or
 * take a lock a mod_timer caller holds, as 2.6's __run_timers); del_timer_sync
 * waits for a callback running on another CPU. Lock order: a caller's locks
 * (siglock, ctx->wqh.lock, ...) before timer_base.lock; never the reverse.
 */
#include <kernel/timer.h>
#include <kernel/apic.h>
#include <kernel/kernel_stat.h>
#include <kernel/smp.h>
#include <kernel/io.h>
#include <kernel/irq.h>
#include <kernel/ptrace.h>
#include <kernel/printk.h>
#include <kernel/profile.h>
#include <kernel/sched.h>
#include <kernel/seqlock.h>
#include <kernel/time.h>
#include <kernel/mm.h>
#include <kernel/uaccess.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <uapi/sysinfo.h>

#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define LATCH		((CLOCK_TICK_RATE + HZ / 2) / HZ)

volatile u64 jiffies_64;
unsigned long tsc_khz;
static DEFINE_SEQLOCK(xtime_lock);

/* both halves from one moment: retry if the tick wrote meanwhile */
u64 get_jiffies_64(void)
{
	unsigned int seq;
	u64 j;

	do {
		seq = read_seqbegin(&xtime_lock);
		j = jiffies_64;
	} while (read_seqretry(&xtime_lock, seq));
	return j;
}

/*
 * Pending timers in one list sorted by expiry: short, and the tick only ever
 * looks at its head. (Linux 2.6 uses a timer wheel to scale to thousands, one
 * per CPU; here every timer is on one base, run by CPU 0's tick.)
 */
static struct timer_base {
	spinlock_t lock;
	struct list_head list;
	struct timer_list *running_timer;	/* the callback running now, unlocked */
} timer_base = {
	.lock = __SPIN_LOCK_UNLOCKED(timer_base.lock),
	.list = LIST_HEAD_INIT(timer_base.list),
};
#define timer_list_head (timer_base.list)

void setup_timer(struct timer_list *t, void (*fn)(unsigned long), unsigned long data)
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->data = data;
}

int timer_pending(const struct timer_list *t)
{
	return !list_empty(&t->entry);
}

int del_timer(struct timer_list *t)
{
	unsigned long flags;
	int was;

	spin_lock_irqsave(&timer_base.lock, flags);
	was = timer_pending(t);
	if (was)
		list_del_init(&t->entry);
	spin_unlock_irqrestore(&timer_base.lock, flags);
	return was;
}

/*
 * del_timer unless its callback is running right now on another CPU: then
 * -1, and nothing is changed (Linux: try_to_del_timer_sync). For callers
 * holding a lock the callback takes: they drop it and try again.
 */
int try_to_del_timer_sync(struct timer_list *t)
{
	unsigned long flags;
	int ret = -1;

	spin_lock_irqsave(&timer_base.lock, flags);
	if (timer_base.running_timer != t) {
		ret = timer_pending(t);
		if (ret)
			list_del_init(&t->entry);
	}
	spin_unlock_irqrestore(&timer_base.lock, flags);
	return ret;
}

/*
 * del_timer, and wait until its callback, if it runs on another CPU, has
 * returned: after this the timer's memory may be freed. Not from the
 * timer's own callback (it would wait for itself), nor holding a lock the
 * callback takes. A callback that re-arms its timer meanwhile is caught by
 * the next round, which removes it again.
 */
int del_timer_sync(struct timer_list *t)
{
	unsigned long flags;
	int was = 0;

	for (;;) {
		spin_lock_irqsave(&timer_base.lock, flags);
		if (timer_base.running_timer != t) {
			if (timer_pending(t)) {
				list_del_init(&t->entry);
				was = 1;
			}
			spin_unlock_irqrestore(&timer_base.lock, flags);
			return was;
		}
		spin_unlock_irqrestore(&timer_base.lock, flags);
		while (timer_base.running_timer == t)
			cpu_relax();
	}
}

/* is a timer with this function and data pending? (a sleeper's timeout) */
int timer_find(void (*fn)(unsigned long), unsigned long data)
{
	unsigned long flags;
	struct timer_list *t;
	int found = 0;

	spin_lock_irqsave(&timer_base.lock, flags);
	list_for_each_entry(t, &timer_list_head, entry)
		if (t->function == fn && t->data == data) {
			found = 1;
			break;
		}
	spin_unlock_irqrestore(&timer_base.lock, flags);
	return found;
}

/*
 * The list is sorted with (long)(a - b) > 0, which orders only expiries less
 * than 2^31 jiffies apart: a timer in the past (an absolute time long gone,
 * expires 2) once went behind one armed 2^31 - 2 ahead (select with no end)
 * and every timer after it stopped. So, as Linux's wheel does, an expiry in
 * the past is due now, and one further off than MAX_SCHEDULE_TIMEOUT / 2 is
 * armed that far: schedule_timeout and the _ns timers see the time short and
 * sleep or arm again.
 */
void mod_timer(struct timer_list *t, unsigned long expires)
{
	unsigned long flags, now;
	struct list_head *pos;

	spin_lock_irqsave(&timer_base.lock, flags);
	now = jiffies;

	if ((long)(expires - now) < 0)
		expires = now;
	else if ((long)(expires - now) > MAX_SCHEDULE_TIMEOUT / 2)
		expires = now + MAX_SCHEDULE_TIMEOUT / 2;
	if (timer_pending(t))
		list_del_init(&t->entry);
	t->expires = expires;
	list_for_each(pos, &timer_list_head)
		if ((long)(list_entry(pos, struct timer_list, entry)->expires - expires) > 0)
			break;
	list_add_tail(&t->entry, pos);
	spin_unlock_irqrestore(&timer_base.lock, flags);
}

/*
 * Arm t for a CLOCK_MONOTONIC time in ns: the first jiffy at or after it (a
 * jiffy is a whole millisecond of that clock). Further off than the jiffy
 * counter can say, it is armed as far as it can be, and the handler, seeing
 * the clock short of the time, arms it again.
 */
void mod_timer_ns(struct timer_list *t, u64 expires_ns)
{
	u64 j = (expires_ns + TICK_NSEC - 1) / TICK_NSEC;
	u64 now = get_jiffies_64();

	if (j > now + MAX_SCHEDULE_TIMEOUT / 2)
		j = now + MAX_SCHEDULE_TIMEOUT / 2;
	mod_timer(t, (unsigned long)j);
}

/*
 * An interval timer that expired: move its expiry past 'now' by whole
 * intervals from the last one (no drift); returns how many were skipped
 * beyond the one that fired (Linux: hrtimer_forward).
 */
u64 timer_forward_ns(u64 *expires, u64 now, u64 interval)
{
	u64 missed = 0;

	*expires += interval;
	if (*expires <= now) {
		missed = (now - *expires) / interval + 1;
		*expires += missed * interval;
	}
	return missed;
}

/* interrupts are off: we are in the tick. Each callback runs unlocked. */
static void run_timers(void)
{
	spin_lock(&timer_base.lock);
	while (!list_empty(&timer_list_head)) {
		struct timer_list *t = list_first_entry(&timer_list_head, struct timer_list, entry);
		void (*fn)(unsigned long) = t->function;
		unsigned long data = t->data;

		if ((long)(jiffies - t->expires) < 0)
			break;
		list_del_init(&t->entry);
		timer_base.running_timer = t;
		spin_unlock(&timer_base.lock);
		fn(data);
		spin_lock(&timer_base.lock);
		timer_base.running_timer = NULL;
	}
	spin_unlock(&timer_base.lock);
}

unsigned long msecs_to_jiffies(unsigned long ms)
{
	return (ms + (1000 / HZ) - 1) / (1000 / HZ);
}

/*
 * charge the tick to whoever was interrupted, in user or kernel mode, and
 * give the profiler its sample (kernel/profile.c, CPU 0's ticks). Each CPU
 * charges the task it interrupted: tasks run on every CPU (the interval
 * timers' counters are the process's: itimer_tick takes its siglock).
 */
static void account_tick(struct pt_regs *regs)
{
	struct task_struct *p = current;
	int cpu = smp_processor_id();

	account_cpu_tick(cpu, p, user_mode(regs));
	if (p->pid == 0)
		return;		/* an idle task: the CPU's idle time only */
	/* tasks run on every CPU: each CPU charges the one it interrupted */
	if (user_mode(regs))
		p->utime++;
	else
		p->stime++;
	itimer_tick(p, user_mode(regs));
	if (cpu == 0 && prof_on)
		profile_tick(regs);
}

/*
 * One CPU's own tick (2.6's update_process_times): from its local APIC
 * timer, or from the PIT on CPU 0 when there is no APIC timer. The time
 * slice is counted by the CPU the task runs on, on its own run queue.
 */
void update_process_times(struct pt_regs *regs)
{
	account_tick(regs);
	scheduler_tick();
}

/*
 * jiffies follow the TSC clock that CLOCK_MONOTONIC reads, as Linux derives
 * them from its clocksource: a burst of late ticks (QEMU catching up after
 * the host starved it) must not push timeouts ahead of clock_gettime.
 */
static void do_timer(void)
{
	u64 now = ktime_get_ns();

	write_seqlock(&xtime_lock);
	if (!now)			/* before the clock starts */
		jiffies_64++;
	else if (now / (NSEC_PER_SEC / HZ) > jiffies_64)
		jiffies_64 = now / (NSEC_PER_SEC / HZ);
	write_sequnlock(&xtime_lock);
}

/*
 * jiffies brought up to the clock first: a timeout counted from a tick that
 * is late (the host starving QEMU) would expire early by that lateness.
 */
unsigned long jiffies_sync(void)
{
	unsigned long flags;
	u64 now = ktime_get_ns();

	write_seqlock_irqsave(&xtime_lock, flags);
	if (now && now / (NSEC_PER_SEC / HZ) > jiffies_64)
		jiffies_64 = now / (NSEC_PER_SEC / HZ);
	write_sequnlock_irqrestore(&xtime_lock, flags);
	return jiffies;
}

/*
 * IRQ 0, on CPU 0: the global tick (jiffies and the timer list, which is
 * CPU 0's as its tasks are). With the local APIC timer on, each CPU
 * counts its own process time from that (boot/apic.c), as 2.6 split
 * do_timer from update_process_times.
 */
static void timer_interrupt(int irq, struct pt_regs *regs)
{
	(void)irq;
	do_timer();
	run_timers();
	if (!using_apic_timer)
		update_process_times(regs);
}

/* count TSC cycles across 10 ms of PIT channel 2 (the speaker gate) */
static void calibrate_tsc(void)
{
	const unsigned long ms = 10;
	unsigned long latch = CLOCK_TICK_RATE * ms / 1000;
	u64 t0, t1;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xb0);			/* channel 2, lo/hi, mode 0 */
	outb(0x42, latch & 0xff);
	outb(0x42, latch >> 8);
	t0 = rdtsc();
	while (!(inb(0x61) & 0x20))		/* OUT2 goes high at terminal count */
		;
	t1 = rdtsc();
	tsc_khz = (unsigned long)((t1 - t0) / ms);
}

void time_init(void)
{
	calibrate_tsc();
	outb(PIT_CMD, 0x34);			/* channel 0, lo/hi, rate generator */
	outb(PIT_CH0, LATCH & 0xff);
	outb(PIT_CH0, LATCH >> 8);
	request_irq(0, timer_interrupt, "timer");
	printk(KERN_INFO "time: PIT at %d Hz, TSC %lu.%03lu MHz\n", HZ,
	       tsc_khz / 1000, tsc_khz % 1000);
}

/*
 * sysinfo(2), where 2.6 has it (do_sysinfo): uptime from CLOCK_MONOTONIC
 * rounded up, the task count, memory in bytes (mem_unit 1) while that fits
 * in 32 bits and in pages otherwise, as Linux chooses. No swap. The loads
 * are sched.c's avenrun[] rescaled from FSHIFT to SI_LOAD_SHIFT bits.
 */
long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo val;
	u64 ns = ktime_get_ns();

	memset(&val, 0, sizeof(val));
	get_avenrun(val.loads, 0);
	for (int i = 0; i < 3; i++)
		val.loads[i] <<= SI_LOAD_SHIFT - FSHIFT;
	val.uptime = (long)(ns / 1000000000ULL) + (ns % 1000000000ULL != 0);
	val.totalram = totalram_pages;
	val.freeram = nr_free_pages();
	val.procs = nr_threads > 0xffff ? 0xffff : nr_threads;
	val.mem_unit = PAGE_SIZE;
	if (totalram_pages < (1UL << (32 - PAGE_SHIFT))) {
		val.totalram <<= PAGE_SHIFT;
		val.freeram <<= PAGE_SHIFT;
		val.mem_unit = 1;
	}
	return copy_to_user(info, &val, sizeof(val)) ? -EFAULT : 0;
}

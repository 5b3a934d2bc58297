/*
 * tests/kernel/test_timeout.c - schedule_timeout (kernel/sched.c) counts its
 * timeout from CLOCK_MONOTONIC, not from the last tick: the debug kernel's
 * run of proc_futex found a 20 ms FUTEX_WAIT that came back after 15 ms,
 * armed while the tick was late (QEMU starved by the host).
 */
#include <kernel/ktest.h>
#include <kernel/io.h>
#include <kernel/irq.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/timer.h>

long do_wait(pid_t pid, int options, int __user *stat_addr, void __user *ru);

static volatile int sleeper_armed;
static volatile u64 slept_ns;

static int timed_sleeper(void *unused)
{
	u64 t0;

	(void)unused;
	t0 = ktime_get_ns();
	sleeper_armed = 1;
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(20);
	slept_ns = ktime_get_ns() - t0;
	return 0;
}

KTEST(timer, schedule_timeout_not_early_after_a_late_tick)
{
	u64 t;
	long r;

	sleeper_armed = 0;
	slept_ns = 0;
	disable_irq(0);			/* the tick is late: jiffies stand still */
	t = ktime_get_ns();
	while (ktime_get_ns() - t < 5000000)
		;
	ASSERT_TRUE(kernel_thread(timed_sleeper, NULL, 0) > 0);
	while (!sleeper_armed)
		yield();
	yield();			/* it is asleep in schedule_timeout now */
	enable_irq(0);
	while (!slept_ns)
		yield();
	EXPECT_GE(slept_ns, 19000000ULL);	/* 20 ticks, the first one partial */
	do {
		r = do_wait(-1, 0x40000000 /* __WALL */, NULL, NULL);
	} while (r > 0);
}

/*
 * tests/kernel/test_smp_locks.c - the kernel's shared lists from two CPUs at
 * once (suite smp): the timer list (timer_base.lock) edited on every AP
 * while CPU 0 edits it too and its tick runs the callbacks, and a wait
 * queue (q->lock) woken from the APs while CPU 0 adds and removes waiters.
 * With the sections as interrupts-off only, the lists tore (lost timers, a
 * wake-up walking a waiter being unlinked); under -smp 1 the tests run on
 * CPU 0 alone.
 */
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>
#include <kernel/wait.h>

#define TIMERS_PER_CPU	8
#define TIMER_ROUNDS	100000

static struct timer_list race_timers[NR_CPUS][TIMERS_PER_CPU];
static atomic_t timers_fired, timer_cpus_done;

static void race_timer_fn(unsigned long data)
{
	(void)data;
	atomic_inc(&timers_fired);
}

/* arm, re-arm and delete this CPU's timers, due now or in a tick or two */
static void churn_timers(void *info)
{
	struct timer_list *mine = race_timers[smp_processor_id()];

	(void)info;
	for (int i = 0; i < TIMER_ROUNDS; i++) {
		struct timer_list *t = &mine[i % TIMERS_PER_CPU];

		if (i % 3 == 2)
			del_timer(t);
		else
			mod_timer(t, jiffies + i % 3);
	}
	atomic_inc(&timer_cpus_done);
}

KTEST(smp, timers_edited_on_every_cpu_while_cpu0_ticks)
{
	int cpus = num_online_cpus(), bugs = atomic_read(&spinlock_bugs);
	unsigned long end;

	for (int c = 0; c < NR_CPUS; c++)
		for (int i = 0; i < TIMERS_PER_CPU; i++)
			setup_timer(&race_timers[c][i], race_timer_fn, 0);
	atomic_set(&timer_cpus_done, 0);
	if (cpus > 1)
		EXPECT_EQ(smp_call_function(churn_timers, NULL, 0), 0);
	churn_timers(NULL);		/* interrupts on: CPU 0's tick runs timers meanwhile */
	while (atomic_read(&timer_cpus_done) != cpus)
		cpu_relax();
	/* the list held together: every timer still pending fires, and only once */
	for (int c = 0; c < cpus; c++)
		for (int i = 0; i < TIMERS_PER_CPU; i++)
			del_timer(&race_timers[c][i]);
	atomic_set(&timers_fired, 0);
	for (int c = 0; c < cpus; c++)
		for (int i = 0; i < TIMERS_PER_CPU; i++)
			mod_timer(&race_timers[c][i], jiffies + 1);
	end = jiffies + 200;
	while (atomic_read(&timers_fired) < cpus * TIMERS_PER_CPU && (long)(jiffies - end) < 0)
		schedule_timeout(1);
	EXPECT_EQ(atomic_read(&timers_fired), cpus * TIMERS_PER_CPU);
	for (int c = 0; c < cpus; c++)
		for (int i = 0; i < TIMERS_PER_CPU; i++)
			EXPECT_FALSE(timer_pending(&race_timers[c][i]));
	EXPECT_EQ(atomic_read(&spinlock_bugs), bugs);
}

#define WAKE_ROUNDS	20000

static DECLARE_WAIT_QUEUE_HEAD(race_q);
static atomic_t wakers_running, wake_calls;
static volatile int stop_waking;

/* a waiter that only counts its wake-ups: no task is involved */
static int count_wake(wait_queue_t *wait, unsigned int mode, int sync, void *key)
{
	(void)mode;
	(void)sync;
	(void)key;
	wait->flags |= 0x100;		/* written through the entry: it must still be ours */
	atomic_inc(&wake_calls);
	return 0;
}

static void keep_waking(void *info)
{
	(void)info;
	while (!stop_waking)
		wake_up_all(&race_q);
	atomic_dec(&wakers_running);
}

KTEST(smp, wait_queue_woken_from_the_aps_while_cpu0_queues)
{
	int cpus = num_online_cpus(), bugs = atomic_read(&spinlock_bugs);

	stop_waking = 0;
	atomic_set(&wake_calls, 0);
	atomic_set(&wakers_running, cpus - 1);
	if (cpus > 1)
		EXPECT_EQ(smp_call_function(keep_waking, NULL, 0), 0);
	for (int i = 0; i < WAKE_ROUNDS; i++) {
		wait_queue_t w[2];

		for (int j = 0; j < 2; j++) {
			init_waitqueue_entry(&w[j], current);
			w[j].func = count_wake;
			if (j)
				add_wait_queue_exclusive(&race_q, &w[j]);
			else
				add_wait_queue(&race_q, &w[j]);
		}
		if (cpus == 1 && !(i % 64))
			wake_up_all(&race_q);
		remove_wait_queue(&race_q, &w[1]);
		remove_wait_queue(&race_q, &w[0]);
	}
	stop_waking = 1;
	while (atomic_read(&wakers_running))
		cpu_relax();
	EXPECT_TRUE(list_empty(&race_q.task_list));
	EXPECT_TRUE(race_q.task_list.next == &race_q.task_list &&
		    race_q.task_list.prev == &race_q.task_list);
	EXPECT_TRUE(atomic_read(&wake_calls) > 0);
	EXPECT_FALSE(spin_is_locked(&race_q.lock));
	EXPECT_EQ(atomic_read(&spinlock_bugs), bugs);
}

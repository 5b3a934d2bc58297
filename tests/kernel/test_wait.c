/*
 * tests/kernel/test_wait.c - wait queues (kernel/wait.c) and the scheduler
 * behind them: a wake-up wakes every non-exclusive waiter and exactly nr
 * exclusive ones, in queue order; a waiter whose task is not in a matching
 * state uses up no exclusive slot; real kernel threads sleep and wake.
 */
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/wait.h>
#include <kernel/string.h>

static int woken_order[16], nwoken;

/* a stand-in wake function: records who was called, "wakes" if private says so */
static int record_wake(wait_queue_t *w, unsigned int mode, int sync, void *key)
{
	(void)mode;
	(void)sync;
	(void)key;
	woken_order[nwoken++] = (int)(unsigned long)w->task;
	return w->flags & 0x100 ? 0 : 1;	/* 0x100: pretend the task was not asleep */
}

static void add_fake(wait_queue_head_t *q, wait_queue_t *w, int id, int exclusive, int asleep)
{
	w->task = (struct task_struct *)(unsigned long)id;
	w->func = record_wake;
	w->flags = 0;
	INIT_LIST_HEAD(&w->task_list);
	if (exclusive)
		add_wait_queue_exclusive(q, w);
	else
		add_wait_queue(q, w);
	if (!asleep)
		w->flags |= 0x100;
}

KTEST(waitqueue, nonexclusive_all_and_nr_exclusive_in_order)
{
	DECLARE_WAIT_QUEUE_HEAD(q);
	wait_queue_t w[6];

	/* exclusive ones queue at the tail, non-exclusive at the head */
	add_fake(&q, &w[0], 1, 1, 1);
	add_fake(&q, &w[1], 2, 0, 1);
	add_fake(&q, &w[2], 3, 1, 1);
	add_fake(&q, &w[3], 4, 0, 1);
	add_fake(&q, &w[4], 5, 1, 1);
	add_fake(&q, &w[5], 6, 1, 1);
	nwoken = 0;
	wake_up_nr(&q, 2);
	/* queue order is 4 2 1 3 5 6: both non-exclusive, then exclusive 1 and 3 */
	ASSERT_EQ(nwoken, 4);
	EXPECT_EQ(woken_order[0], 4);
	EXPECT_EQ(woken_order[1], 2);
	EXPECT_EQ(woken_order[2], 1);
	EXPECT_EQ(woken_order[3], 3);

	nwoken = 0;
	wake_up(&q);		/* nr 1 */
	EXPECT_EQ(nwoken, 3);
	nwoken = 0;
	wake_up_all(&q);	/* nr 0: everyone */
	EXPECT_EQ(nwoken, 6);
}

KTEST(waitqueue, failed_wake_uses_no_exclusive_slot)
{
	DECLARE_WAIT_QUEUE_HEAD(q);
	wait_queue_t w[3];

	add_fake(&q, &w[0], 1, 1, 0);	/* not asleep: its wake "fails" */
	add_fake(&q, &w[1], 2, 1, 1);
	add_fake(&q, &w[2], 3, 1, 1);
	nwoken = 0;
	wake_up(&q);
	ASSERT_EQ(nwoken, 2);
	EXPECT_EQ(woken_order[0], 1);
	EXPECT_EQ(woken_order[1], 2);
}

KTEST(waitqueue, remove_and_finish)
{
	DECLARE_WAIT_QUEUE_HEAD(q);
	DEFINE_WAIT(w);

	prepare_to_wait(&q, &w, TASK_INTERRUPTIBLE);
	EXPECT_TRUE(waitqueue_active(&q));
	EXPECT_EQ(current->state, TASK_INTERRUPTIBLE);
	finish_wait(&q, &w);
	EXPECT_FALSE(waitqueue_active(&q));
	EXPECT_EQ(current->state, TASK_RUNNING);
}

/* real threads: each sleeps exclusively or not, and logs when it wakes */
static DECLARE_WAIT_QUEUE_HEAD(thread_q);
static volatile int thread_go[8], thread_log[8], thread_nlog, thread_asleep;

static int sleeper(void *arg)
{
	int id = (int)(unsigned long)arg;
	DEFINE_WAIT(w);

	if (id >= 4)
		prepare_to_wait_exclusive(&thread_q, &w, TASK_INTERRUPTIBLE);
	else
		prepare_to_wait(&thread_q, &w, TASK_INTERRUPTIBLE);
	thread_asleep++;
	while (!thread_go[id]) {
		schedule();
		if (!thread_go[id])
			break;	/* woken without permission: record it anyway */
	}
	finish_wait(&thread_q, &w);
	thread_log[thread_nlog++] = id;
	return 0;
}

static void let_others_run(void)
{
	for (int i = 0; i < 20; i++)
		yield();
}

KTEST(waitqueue, kernel_threads_sleep_and_wake)
{
	long wait4_ret;
	extern long do_wait(pid_t pid, int options, int __user *stat_addr, void __user *ru);

	thread_nlog = thread_asleep = 0;
	memset((void *)thread_go, 0, sizeof(thread_go));
	for (int i = 0; i < 6; i++)
		ASSERT_TRUE(kernel_thread(sleeper, (void *)(unsigned long)i, 0) > 0);
	let_others_run();
	ASSERT_EQ(thread_asleep, 6);
	EXPECT_EQ(thread_nlog, 0);
	for (int i = 0; i < 8; i++)
		thread_go[i] = 1;
	wake_up_interruptible(&thread_q);	/* 4 non-exclusive + 1 exclusive */
	let_others_run();
	EXPECT_EQ(thread_nlog, 5);
	wake_up_interruptible(&thread_q);	/* the last exclusive one */
	let_others_run();
	EXPECT_EQ(thread_nlog, 6);
	/* reap them, so their pages come back */
	do {
		wait4_ret = do_wait(-1, 0x40000000 /* __WALL: exit_signal 0 */, NULL, NULL);
	} while (wait4_ret > 0);
	EXPECT_EQ(wait4_ret, -10 /* ECHILD */);
}

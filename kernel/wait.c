/*
 * kernel/wait.c - wait queues (Linux: kernel/wait.c and __wake_up_common in
 * kernel/sched.c). Interrupts are off while a queue changes: on one CPU that
 * is the whole of the queue lock.
 */
#include <kernel/wait.h>
#include <kernel/io.h>
#include <kernel/sched.h>

void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags = local_irq_save();

	wait->flags &= ~WQ_FLAG_EXCLUSIVE;
	list_add(&wait->task_list, &q->task_list);
	local_irq_restore(flags);
}

void add_wait_queue_exclusive(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags = local_irq_save();

	wait->flags |= WQ_FLAG_EXCLUSIVE;
	list_add_tail(&wait->task_list, &q->task_list);
	local_irq_restore(flags);
}

void remove_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags = local_irq_save();

	(void)q;
	list_del(&wait->task_list);
	local_irq_restore(flags);
}

/* queue first, then mark ourselves asleep: a waker in between finds us queued */
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, int state)
{
	unsigned long flags = local_irq_save();

	wait->flags &= ~WQ_FLAG_EXCLUSIVE;
	if (list_empty(&wait->task_list))
		list_add(&wait->task_list, &q->task_list);
	set_current_state(state);
	local_irq_restore(flags);
}

void prepare_to_wait_exclusive(wait_queue_head_t *q, wait_queue_t *wait, int state)
{
	unsigned long flags = local_irq_save();

	wait->flags |= WQ_FLAG_EXCLUSIVE;
	if (list_empty(&wait->task_list))
		list_add_tail(&wait->task_list, &q->task_list);
	set_current_state(state);
	local_irq_restore(flags);
}

void finish_wait(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	(void)q;
	__set_current_state(TASK_RUNNING);
	flags = local_irq_save();
	if (!list_empty(&wait->task_list))
		list_del_init(&wait->task_list);
	local_irq_restore(flags);
}

int default_wake_function(wait_queue_t *wait, unsigned int mode, int sync, void *key)
{
	(void)key;
	return try_to_wake_up(wait->task, mode, sync);
}

/* a woken waiter leaves the queue at once, so the next wake-up skips it */
int autoremove_wake_function(wait_queue_t *wait, unsigned int mode, int sync, void *key)
{
	int ret = default_wake_function(wait, mode, sync, key);

	if (ret)
		list_del_init(&wait->task_list);
	return ret;
}

/*
 * Wake every non-exclusive waiter, and exclusive ones until nr_exclusive of
 * them actually woke (0: all). A waiter whose task was not in a state that
 * 'mode' covers does not use up an exclusive slot.
 */
static void __wake_up_common(wait_queue_head_t *q, unsigned int mode,
			     int nr_exclusive, int sync, void *key)
{
	struct list_head *tmp, *next;

	list_for_each_safe(tmp, next, &q->task_list) {
		wait_queue_t *curr = list_entry(tmp, wait_queue_t, task_list);
		unsigned int flags = curr->flags;

		if (curr->func(curr, mode, sync, key) &&
		    (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}

void __wake_up(wait_queue_head_t *q, unsigned int mode, int nr_exclusive, void *key)
{
	unsigned long flags = local_irq_save();

	__wake_up_common(q, mode, nr_exclusive, 0, key);
	local_irq_restore(flags);
}

/* the waker is about to sleep: on one CPU a plain wake-up without preemption */
void __wake_up_sync(wait_queue_head_t *q, unsigned int mode, int nr_exclusive)
{
	unsigned long flags = local_irq_save();

	__wake_up_common(q, mode, nr_exclusive, 1, NULL);
	local_irq_restore(flags);
}

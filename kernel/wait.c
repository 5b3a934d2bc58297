/*
 * kernel/wait.c - wait queues (Linux: kernel/wait.c and __wake_up_common in
 * kernel/sched.c). Each queue's list is behind its head's spinlock, q->lock,
 * taken with interrupts off: an interrupt handler on any CPU may wake it.
 *
 * Lock order: q->lock before the run queue lock (try_to_wake_up under it)
 * and before the locks of wake callbacks (ep_poll_callback's ep->lock). A
 * wake callback runs under q->lock, so it must not wake or touch q itself.
 */
#include <kernel/wait.h>
#include <kernel/io.h>
#include <kernel/sched.h>

void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	wait->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	list_add(&wait->task_list, &q->task_list);
	spin_unlock_irqrestore(&q->lock, flags);
}

void add_wait_queue_exclusive(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	wait->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	list_add_tail(&wait->task_list, &q->task_list);
	spin_unlock_irqrestore(&q->lock, flags);
}

void remove_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	list_del(&wait->task_list);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* queue first, then mark ourselves asleep: a waker in between finds us queued */
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, int state)
{
	unsigned long flags;

	wait->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	if (list_empty(&wait->task_list))
		list_add(&wait->task_list, &q->task_list);
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
}

void prepare_to_wait_exclusive(wait_queue_head_t *q, wait_queue_t *wait, int state)
{
	unsigned long flags;

	wait->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&q->lock, flags);
	if (list_empty(&wait->task_list))
		list_add_tail(&wait->task_list, &q->task_list);
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
}

/*
 * Both pointers back at the entry: a waker's autoremove (list_del_init under
 * q->lock, maybe on another CPU) has finished writing it, so the entry, on
 * our stack, may go. Half done, we take the lock and wait for the waker.
 */
static inline int list_empty_careful(const struct list_head *head)
{
	struct list_head *next = head->next;

	return next == head && next == head->prev;
}

void finish_wait(wait_queue_head_t *q, wait_queue_t *wait)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	if (!list_empty_careful(&wait->task_list)) {
		spin_lock_irqsave(&q->lock, flags);
		list_del_init(&wait->task_list);
		spin_unlock_irqrestore(&q->lock, flags);
	}
}

int default_wake_function(wait_queue_t *wait, unsigned int mode, int sync, void *key)
{
	(void)key;
	return try_to_wake_up(wait->task, mode, sync);
}

/* a woken waiter leaves the queue at once (we hold q->lock), so the next wake-up skips it */
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
 * 'mode' covers does not use up an exclusive slot. Called with q->lock held.
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
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	__wake_up_common(q, mode, nr_exclusive, 0, key);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* the waker is about to sleep: on one CPU a plain wake-up without preemption */
void __wake_up_sync(wait_queue_head_t *q, unsigned int mode, int nr_exclusive)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	__wake_up_common(q, mode, nr_exclusive, 1, NULL);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* the caller holds q->lock already (timerfd's expiry, as 2.6's __wake_up_locked) */
void __wake_up_locked(wait_queue_head_t *q, unsigned int mode, int nr_exclusive)
{
	__wake_up_common(q, mode, nr_exclusive, 0, NULL);
}

/*
 * kernel/mutex.c - sleeping locks (Linux: kernel/mutex.c, without the
 * atomic fast path or adaptive spinning). m->wait_lock, as 2.6's, guards
 * the state; a task that finds the mutex taken queues itself and goes to
 * sleep-state before dropping it, so the unlocker (who takes it too) cannot
 * wake the queue between the test and the queueing. Order: wait_lock, then
 * the wait queue's lock, then the run queue lock.
 */
#include <kernel/mutex.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/sched.h>

void mutex_init(struct mutex *m)
{
	m->locked = 0;
	m->owner = NULL;
	spin_lock_init(&m->wait_lock);
	init_waitqueue_head(&m->wait);
}

static int __mutex_lock(struct mutex *m, int state)
{
	DEFINE_WAIT(wait);
	int ret = 0;

	might_sleep();
	if (m->locked && m->owner == current)
		panic("mutex %p: recursive lock by %d (%s)", m, current->pid, current->comm);
	for (;;) {
		unsigned long flags;

		spin_lock_irqsave(&m->wait_lock, flags);
		if (!m->locked) {
			m->locked = 1;
			m->owner = current;
#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
			mutex_acquired(m);
#endif
			spin_unlock_irqrestore(&m->wait_lock, flags);
			break;
		}
		prepare_to_wait_exclusive(&m->wait, &wait, state);
		spin_unlock_irqrestore(&m->wait_lock, flags);
		if (state == TASK_INTERRUPTIBLE && signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&m->wait, &wait);
	return ret;
}

void mutex_lock(struct mutex *m)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE);
}

int mutex_lock_interruptible(struct mutex *m)
{
	return __mutex_lock(m, TASK_INTERRUPTIBLE);
}

void mutex_unlock(struct mutex *m)
{
	unsigned long flags;

	spin_lock_irqsave(&m->wait_lock, flags);
	if (!m->locked || m->owner != current)
		panic("mutex %p: unlocked by %d (%s), which does not hold it", m,
		      current->pid, current->comm);
	m->locked = 0;
	m->owner = NULL;
#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
	mutex_released(m);
#endif
	wake_up(&m->wait);
	spin_unlock_irqrestore(&m->wait_lock, flags);
}

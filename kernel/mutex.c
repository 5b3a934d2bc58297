/*
 * kernel/mutex.c - sleeping locks (Linux: kernel/mutex.c, without the
 * fast path or spinning: one CPU, and interrupts off around the state).
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
		unsigned long flags = local_irq_save();

		if (!m->locked) {
			m->locked = 1;
			m->owner = current;
#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
			mutex_acquired(m);
#endif
			local_irq_restore(flags);
			break;
		}
		prepare_to_wait_exclusive(&m->wait, &wait, state);
		local_irq_restore(flags);
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
	unsigned long flags = local_irq_save();

	if (!m->locked || m->owner != current)
		panic("mutex %p: unlocked by %d (%s), which does not hold it", m,
		      current->pid, current->comm);
	m->locked = 0;
	m->owner = NULL;
#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
	mutex_released(m);
#endif
	wake_up(&m->wait);
	local_irq_restore(flags);
}

/*
 * include/kernel/wait.h - wait queues exactly as Linux 2.6 (kernel/wait.c,
 * __wake_up_common in kernel/sched.c). Non-exclusive waiters are added at
 * the head, exclusive ones at the tail; a wake-up wakes every non-exclusive
 * waiter and at most nr_exclusive exclusive ones that actually woke.
 */
#ifndef _KERNEL_WAIT_H
#define _KERNEL_WAIT_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/bug.h>
#include <kernel/spinlock.h>

struct task_struct;
typedef struct __wait_queue wait_queue_t;
typedef int (*wait_queue_func_t)(wait_queue_t *wait, unsigned int mode, int sync, void *key);

#define WQ_FLAG_EXCLUSIVE 0x01

struct __wait_queue {
	unsigned int flags;
	struct task_struct *task;
	wait_queue_func_t func;
	struct list_head task_list;
};

/* lock: the list, from any CPU and from interrupts (taken with them off) */
typedef struct __wait_queue_head {
	spinlock_t lock;
	struct list_head task_list;
} wait_queue_head_t;

int default_wake_function(wait_queue_t *wait, unsigned int mode, int sync, void *key);
int autoremove_wake_function(wait_queue_t *wait, unsigned int mode, int sync, void *key);

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .task_list = { &(name).task_list, &(name).task_list } }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

#define DECLARE_WAITQUEUE(name, tsk) \
	wait_queue_t name = { 0, tsk, default_wake_function, { NULL, NULL } }
#define DEFINE_WAIT(name) \
	wait_queue_t name = { 0, current, autoremove_wake_function, \
			      { &(name).task_list, &(name).task_list } }

static inline void init_waitqueue_head(wait_queue_head_t *q)
{
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->task_list);
}

static inline void init_waitqueue_entry(wait_queue_t *q, struct task_struct *p)
{
	q->flags = 0;
	q->task = p;
	q->func = default_wake_function;
}

static inline int waitqueue_active(wait_queue_head_t *q)
{
	return !list_empty(&q->task_list);
}

void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait);
void add_wait_queue_exclusive(wait_queue_head_t *q, wait_queue_t *wait);
void remove_wait_queue(wait_queue_head_t *q, wait_queue_t *wait);
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, int state);
void prepare_to_wait_exclusive(wait_queue_head_t *q, wait_queue_t *wait, int state);
void finish_wait(wait_queue_head_t *q, wait_queue_t *wait);

void __wake_up(wait_queue_head_t *q, unsigned int mode, int nr_exclusive, void *key);
void __wake_up_sync(wait_queue_head_t *q, unsigned int mode, int nr_exclusive);
void __wake_up_locked(wait_queue_head_t *q, unsigned int mode, int nr_exclusive);	/* q->lock held */

/* TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE = 3 */
#define wake_up(x)			__wake_up(x, 3, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, 3, nr, NULL)
#define wake_up_all(x)			__wake_up(x, 3, 0, NULL)
#define wake_up_interruptible(x)	__wake_up(x, 1, 1, NULL)
#define wake_up_interruptible_nr(x, nr)	__wake_up(x, 1, nr, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, 1, 0, NULL)
#define wake_up_interruptible_sync(x)	__wake_up_sync(x, 1, 1)

/*
 * Sleep until cond holds; -ERESTARTSYS if a signal comes first. The
 * condition is re-checked after the task is on the queue and marked asleep,
 * so a wake-up between the check and schedule() is never lost.
 */
#define wait_event_interruptible(wq, cond) ({				\
	int __ret = 0;							\
	DEFINE_WAIT(__wait);						\
	might_sleep();							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, 1 /* INTERRUPTIBLE */);	\
		if (cond)						\
			break;						\
		if (signal_pending(current)) {				\
			__ret = -512 /* ERESTARTSYS */;			\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__wait);					\
	__ret;								\
})

#define wait_event(wq, cond) do {					\
	DEFINE_WAIT(__wait);						\
	might_sleep();							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, 2 /* UNINTERRUPTIBLE */); \
		if (cond)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq), &__wait);					\
} while (0)

#endif

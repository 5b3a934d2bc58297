/*
 * include/kernel/mutex.h - sleeping locks (kernel/mutex.c; Linux:
 * include/linux/mutex.h). A holder may sleep; a task that finds the lock
 * taken sleeps until it is released. Taking a mutex you hold, or releasing
 * one you do not, is a bug and panics.
 */
#ifndef _KERNEL_MUTEX_H
#define _KERNEL_MUTEX_H

#include <kernel/wait.h>

struct task_struct;

/* wait_lock: locked and owner, and the queueing of a waiter that found it locked */
struct mutex {
	int locked;
	struct task_struct *owner;
	spinlock_t wait_lock;
	wait_queue_head_t wait;
};

#define __MUTEX_INITIALIZER(name) \
	{ 0, NULL, __SPIN_LOCK_UNLOCKED(name.wait_lock), __WAIT_QUEUE_HEAD_INITIALIZER(name.wait) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
int mutex_lock_interruptible(struct mutex *m);	/* 0, or -EINTR on a signal */
void mutex_unlock(struct mutex *m);
static inline int mutex_is_locked(struct mutex *m) { return m->locked; }

#endif

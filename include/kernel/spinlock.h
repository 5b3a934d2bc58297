/*
 * include/kernel/spinlock.h - spinlocks (Linux: include/linux/spinlock.h over
 * include/asm-i386/spinlock.h, with lib/spinlock_debug.c's checks).
 *
 * The kernel's critical sections so far are local_irq_save()/restore()
 * (include/kernel/io.h): they keep this CPU's interrupt handlers out and
 * nothing else, which was all one CPU needed. A spinlock adds the other
 * CPUs: spin_lock_irqsave(&lock, flags) is local_irq_save() plus the lock,
 * so converting a section changes nothing on one CPU but the lock word.
 * The lock is a test-and-test-and-set on xchg (2.6.20 i386 used lock;decb;
 * ticket locks came in 2.6.25): waiters spin on a plain read, so the lock's
 * cache line is only fought over when it is released.
 *
 * CONFIG_DEBUG_SPINLOCK (on) records the owner CPU and task and reports,
 * as "BUG: spinlock ..." lines with a backtrace: taking a lock this CPU
 * already holds (recursion), releasing a lock nobody holds, and releasing
 * one that another CPU took. It also counts the locks each CPU holds, and
 * schedule() reports "BUG: scheduling while atomic" when a task would sleep
 * (or yield) holding one (2.6 needs CONFIG_PREEMPT's preempt_count for that). Unlike 2.6, which then spins until its
 * "lockup" message, a recursive spin_lock here returns without waiting (the
 * owner is this CPU: waiting would never end), so the kernel lives on to
 * be tested; spinlock_bugs counts the reports.
 */
#ifndef _KERNEL_SPINLOCK_H
#define _KERNEL_SPINLOCK_H

#include <kernel/atomic.h>
#include <kernel/io.h>

#ifndef CONFIG_DEBUG_SPINLOCK
#define CONFIG_DEBUG_SPINLOCK 1
#endif

typedef struct {
	volatile unsigned int slock;	/* 0 free, 1 held */
#if CONFIG_DEBUG_SPINLOCK
	int owner_cpu;			/* valid while held */
	void *owner;			/* the task that took it */
	const char *name;
#endif
} spinlock_t;

/* an all-zero spinlock_t is a valid unlocked lock: kzalloc'ed objects need no init */
#if CONFIG_DEBUG_SPINLOCK
#define __SPIN_LOCK_UNLOCKED(lockname) { .slock = 0, .owner_cpu = -1, .owner = 0, .name = #lockname }
#else
#define __SPIN_LOCK_UNLOCKED(lockname) { .slock = 0 }
#endif
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

static inline void spin_lock_init(spinlock_t *lock)
{
	*lock = (spinlock_t)__SPIN_LOCK_UNLOCKED(spinlock);
}

static inline int spin_is_locked(const spinlock_t *lock)
{
	return lock->slock != 0;
}

static inline int __raw_spin_trylock(spinlock_t *lock)
{
	return xchg(&lock->slock, 1) == 0;
}

static inline void __raw_spin_lock(spinlock_t *lock)
{
	while (!__raw_spin_trylock(lock))
		while (lock->slock)
			cpu_relax();
}

static inline void __raw_spin_unlock(spinlock_t *lock)
{
	barrier();		/* x86 keeps stores in order: a plain store releases */
	lock->slock = 0;
}

#if CONFIG_DEBUG_SPINLOCK
extern atomic_t spinlock_bugs;
void _spin_lock(spinlock_t *lock);		/* lib/spinlock_debug.c */
int _spin_trylock(spinlock_t *lock);
void _spin_unlock(spinlock_t *lock);
void schedule_debug(void);			/* from schedule(): no spinlock held */
#define spin_lock(l)		_spin_lock(l)
#define spin_trylock(l)		_spin_trylock(l)
#define spin_unlock(l)		_spin_unlock(l)
#else
#define spin_lock(l)		__raw_spin_lock(l)
#define spin_trylock(l)		__raw_spin_trylock(l)
#define spin_unlock(l)		__raw_spin_unlock(l)
static inline void schedule_debug(void) { }
#endif

/* flags is the caller's unsigned long, as in Linux (a macro assigns it) */
#define spin_lock_irqsave(l, flags)	do { (flags) = local_irq_save(); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { spin_unlock(l); local_irq_restore(flags); } while (0)
#define spin_lock_irq(l)		do { cli(); spin_lock(l); } while (0)
#define spin_unlock_irq(l)		do { spin_unlock(l); sti(); } while (0)

#endif

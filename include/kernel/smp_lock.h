/*
 * include/kernel/smp_lock.h - the big kernel lock (Linux 2.6:
 * include/linux/smp_lock.h; lib/kernel_lock.c here).
 *
 * One lock for all process-context kernel code: a task takes it on every
 * entry from user mode (system call, fault, return-to-user work) and drops
 * it before going back; kernel threads hold it while they run. It nests
 * (current->lock_depth counts), and schedule() lets it go while the task is
 * switched out and takes it back when the task runs again, so sleeping with
 * it is allowed. Interrupt handlers never take it.
 */
#ifndef _KERNEL_SMP_LOCK_H
#define _KERNEL_SMP_LOCK_H

#include <kernel/sched.h>

void lock_kernel(void);
void unlock_kernel(void);
void unlock_kernel_all(void);		/* on the way back to user mode */
int bkl_is_locked(void);		/* by anybody: for the tests */
void __release_kernel_lock(void);	/* schedule(), before the switch */
void __reacquire_kernel_lock(void);	/* schedule(), after: interrupts on while spinning */

static inline int kernel_locked(void)
{
	return current->lock_depth >= 0;
}

static inline void release_kernel_lock(struct task_struct *t)
{
	if (t->lock_depth >= 0)
		__release_kernel_lock();
}

static inline void reacquire_kernel_lock(struct task_struct *t)
{
	if (t->lock_depth >= 0)
		__reacquire_kernel_lock();
}

/* system calls that run without the BKL: one bit per number (lib/kernel_lock.c) */
extern unsigned long syscall_nobkl[];
void syscall_nobkl_init(void);		/* after the command line: nobkl=0 keeps it empty */

#endif

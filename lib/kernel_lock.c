/*
 * lib/kernel_lock.c - the big kernel lock (Linux 2.6: lib/kernel_lock.c,
 * the spinlock flavour without CONFIG_PREEMPT_BKL).
 *
 * This is Linux 2.0's SMP model, the first step 2.6 itself still carried:
 * every piece of process-context kernel code - system calls, faults from
 * user mode, signal delivery on the way back to user mode, kernel threads -
 * runs under this one lock, so it is serialized across CPUs exactly as it
 * was on one CPU, where the kernel is non-preemptive. User code runs on all
 * CPUs at once; only the kernel is one at a time. Interrupt handlers do not
 * take it: what they share with process context needs its own spinlock
 * (timers, wait queues, the page allocator... see include/kernel/spinlock.h).
 * Pushing it down means giving a subsystem its own locks, then marking its
 * calls in syscall_nobkl.
 *
 * The lock is spun for with interrupts ON: its holder may be waiting, with
 * interrupts on, for this CPU to answer a TLB-shootdown or call-function
 * IPI. It is a raw spinlock, not one the debug code counts: holding it
 * while sleeping is allowed (schedule() lets it go), so it is not
 * "a spinlock held" for the scheduling-while-atomic check.
 */
#include <kernel/bug.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/smp_lock.h>
#include <kernel/spinlock.h>

static spinlock_t kernel_flag = __SPIN_LOCK_UNLOCKED(kernel_flag);
static volatile int kernel_flag_cpu = -1;	/* the holder's CPU, for the reports */

/*
 * syscall_nobkl: a set bit lets boot/entry.asm's system_call run that call
 * without taking the BKL (2.6 pushed the lock down call by call). Empty:
 * no subsystem is yet known safe without it.
 */
unsigned long syscall_nobkl[(450 + 31) / 32];

static void bkl_spin(void)
{
	/* test-and-test-and-set, interrupts on: see above */
	for (;;) {
		if (__raw_spin_trylock(&kernel_flag))
			break;
		while (spin_is_locked(&kernel_flag))
			cpu_relax();
	}
	kernel_flag_cpu = smp_processor_id();
}

void lock_kernel(void)
{
	struct task_struct *t = current;

	if (++t->lock_depth == 0)
		bkl_spin();
}

void unlock_kernel(void)
{
	struct task_struct *t = current;

	if (WARN_ON(t->lock_depth < 0))
		return;
	if (--t->lock_depth < 0) {
		kernel_flag_cpu = -1;
		__raw_spin_unlock(&kernel_flag);
	}
}

void unlock_kernel_all(void)
{
	struct task_struct *t = current;

	if (t->lock_depth < 0)
		return;
	t->lock_depth = -1;
	kernel_flag_cpu = -1;
	__raw_spin_unlock(&kernel_flag);
}

int bkl_is_locked(void)
{
	return spin_is_locked(&kernel_flag);
}

void __release_kernel_lock(void)
{
	kernel_flag_cpu = -1;
	__raw_spin_unlock(&kernel_flag);
}

void __reacquire_kernel_lock(void)
{
	unsigned long flags = local_irq_save();

	sti();
	bkl_spin();
	local_irq_restore(flags);
}

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
#include <kernel/init.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/smp_lock.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/sysctl.h>
#include <uapi/unistd.h>

static spinlock_t kernel_flag = __SPIN_LOCK_UNLOCKED(kernel_flag);
static volatile int kernel_flag_cpu = -1;	/* the holder's CPU, for the reports */

/*
 * syscall_nobkl: a set bit lets boot/entry.asm's system_call run that call
 * without taking the BKL (2.6 pushed the lock down call by call). The calls
 * below are the ones whose every piece of state has its own lock or is the
 * caller's own; everything else still runs under the BKL. What they all
 * rely on:
 *  - user memory: copy_*_user faults take the BKL for the fault, the mm's
 *    lock here (mm/fault.c); the calls touch user memory with no spinlock
 *    held and allocate (kmalloc, slab-locked) before they lock;
 *  - the caller's credentials (euid, groups: capable, ipcperms) are written
 *    only by the caller itself (kernel/sys.c), so they are stable;
 *  - sleeping: the wait is queued and the task state set under the object's
 *    lock, the wake-up is try_to_wake_up under the run queue locks, and
 *    signal_pending reads the task's own flag set under siglock;
 *  - the sysctl limits (kernel.sem, msgmax...) are ints read once.
 */
static const unsigned short nobkl_calls[] = {
	/*
	 * ipc(): the multiplexer itself only decodes; its semaphore and
	 * message-queue calls are the ones below, and its shm calls take the
	 * BKL themselves (ipc/syscall.c: shmat and shmdt change the mm).
	 */
	__NR_ipc,
	/* semget: ipcget under sem_ids.mutex; used_sems under that mutex */
	__NR_semget,
	/*
	 * semctl: the set's lock (values, queues, semadj), sem_ids.mutex for
	 * IPC_RMID, IPC_SET and the INFO commands; GETALL/SETALL copy through a kernel array
	 * outside the lock
	 */
	__NR_semctl,
	/*
	 * semtimedop: the set's lock with the IN_WAKEUP handshake; SEM_UNDO
	 * entries under ulp->lock and the set's lock together (find_alloc_undo:
	 * a CLONE_SYSVSEM sibling may free a removed set's entry)
	 */
	__NR_semtimedop_time64,
	/* msgget: ipcget under msg_ids.mutex */
	__NR_msgget,
	/* msgsnd: the message is copied in before the queue's lock; senders sleep under it */
	__NR_msgsnd,
	/* msgrcv: the r_msg protocol; the message is copied out after the unlock */
	__NR_msgrcv,
	/* msgctl: the queue's lock, msg_ids.mutex for IPC_RMID, IPC_SET and the INFO commands */
	__NR_msgctl,
	/*
	 * futex: the hash buckets' locks with the lock_ptr wake protocol; a
	 * shared key's vma walk takes the BKL itself (kernel/futex.c), a
	 * private one reads only current->mm
	 */
	__NR_futex,
	__NR_futex_time64,
};

unsigned long syscall_nobkl[(450 + 31) / 32];

/* kernel.nobkl and nobkl=: 1 (the default) runs nobkl_calls without the BKL, 0 under it */
static int sysctl_nobkl = 1;

static void set_syscall_nobkl(int on)
{
	unsigned long bits[ARRAY_SIZE(syscall_nobkl)];

	memset(bits, 0, sizeof(bits));
	for (unsigned int i = 0; on && i < ARRAY_SIZE(nobkl_calls); i++)
		bits[nobkl_calls[i] / 32] |= 1UL << (nobkl_calls[i] % 32);
	/* word by word: a call entering meanwhile is safe with the lock or without */
	for (unsigned int i = 0; i < ARRAY_SIZE(bits); i++)
		*(volatile unsigned long *)&syscall_nobkl[i] = bits[i];
}

static int parse_nobkl(char *s)
{
	sysctl_nobkl = simple_strtol(s, NULL, 0) != 0;
	return 1;
}
__setup("nobkl=", parse_nobkl);

static int proc_nobkl(struct ctl_table *table, int write, char *buffer, size_t *lenp,
		      loff_t *ppos)
{
	int err = proc_dointvec_minmax(table, write, buffer, lenp, ppos);

	if (write && !err)
		set_syscall_nobkl(sysctl_nobkl);
	return err;
}

static struct ctl_table nobkl_sysctls[] = {
	{
		.procname = "nobkl", .data = &sysctl_nobkl, .maxlen = sizeof(int),
		.mode = 0644, .proc_handler = proc_nobkl,
		.extra1 = &sysctl_zero, .extra2 = &sysctl_one,
	},
	{ .procname = NULL }
};

/* after the command line, before the first user process */
void syscall_nobkl_init(void)
{
	set_syscall_nobkl(sysctl_nobkl);
	register_sysctl("kernel", nobkl_sysctls);
}

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

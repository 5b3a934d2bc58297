/*
 * kernel/debug_atomic.c - the context checks of the debug kernel (make
 * DEBUG=1; Linux: __might_sleep and schedule_debug in kernel/sched.c,
 * lockdep_sys_exit, addr_limit_user_check, end_of_stack and 2.6 i386's
 * CONFIG_DEBUG_STACKOVERFLOW in do_IRQ). On one CPU with interrupts off as
 * its only spinlock, "atomic" means interrupts off: no sleeping there, no
 * system call that returns with them off, and nothing held on the way back
 * to user space. Each kernel stack ends in a canary word above thread_info.
 */
#include <kernel/bug.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/traps.h>

#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
void __might_sleep(const char *file, int line)
{
	static unsigned long last;

	if (read_eflags() & 0x200)
		return;
	if (last && jiffies - last < HZ)	/* one a second: a loop must not flood */
		return;
	last = jiffies ? jiffies : 1;
	debug_report("sleep-in-atomic", "sleeping function called from invalid context "
		     "at %s:%d", file, line);
	printk(KERN_ERR "  interrupts off, pid %d (%s)\n", current->pid, current->comm);
	dump_stack();
}

/* schedule() entered with 'flags' from local_irq_save: going to sleep with interrupts off */
void schedule_debug_sleep(struct task_struct *prev, unsigned long flags)
{
	if ((flags & 0x200) || prev->state == TASK_RUNNING ||
	    (prev->state & (EXIT_ZOMBIE | EXIT_DEAD)) || (prev->flags & PF_EXITING))
		return;
	debug_report("sleep-in-atomic", "scheduling while atomic: pid %d (%s) sleeps "
		     "(state %ld) with interrupts off", prev->pid, prev->comm, prev->state);
	dump_stack();
}

void mutex_acquired(struct mutex *m)
{
	unsigned long ips[3];

	save_call_sites(ips, 3);	/* __mutex_lock, mutex_lock, its caller */
	current->mutex_depth++;
	current->last_mutex = m;
	current->last_mutex_ip = ips[2];
}

void mutex_released(struct mutex *m)
{
	(void)m;
	if (current->mutex_depth > 0)
		current->mutex_depth--;
}

/* from boot/entry.asm: a system call handler came back with interrupts off */
void syscall_irqs_off_report(struct pt_regs *regs)
{
	extern const void *sys_call_table[];

	debug_report("irqs-off-syscall", "system call %ld returned with interrupts disabled "
		     "(pid %d, %s)", regs->orig_eax, current->pid, current->comm);
	print_ip_sym("  its handler", (unsigned long)sys_call_table[regs->orig_eax]);
	dump_stack();
	sti();
}
#endif

#ifdef CONFIG_DEBUG_STACKOVERFLOW
#define STACK_END_MAGIC	0x57AC6E9DUL	/* Linux's value */
/* 2.6 warned at THREAD_SIZE / 8; printk itself needs most of that here */
#define STACK_WARN	(THREAD_SIZE / 4)

static unsigned long *end_of_stack(struct thread_info *ti)
{
	return (unsigned long *)(ti + 1);
}

void stack_canary_set(struct thread_info *ti)
{
	*end_of_stack(ti) = STACK_END_MAGIC;
}

/* the canary at the low end of t's stack; reported and re-armed if gone */
void stack_canary_check(struct task_struct *t, const char *where)
{
	unsigned long *end = end_of_stack(t->thread_info);

	if (*end == STACK_END_MAGIC)
		return;
	debug_report("stack-overflow", "kernel stack overrun or corrupted: pid %d (%s), "
		     "the canary at %p is %08lx (%s)", t->pid, t->comm, end, *end, where);
	dump_stack();
	*end = STACK_END_MAGIC;
}

long stack_lowest_reported = STACK_WARN;

/*
 * From do_IRQ, as 2.6 i386 did: less than 2 KiB left below the interrupted
 * code is a stack about to overflow. Each new low is reported once.
 */
void stack_overflow_check(void)
{
	long lowest = stack_lowest_reported;
	unsigned long esp;
	long left;

	asm volatile("mov %%esp, %0" : "=r"(esp));
	left = (long)(esp & (THREAD_SIZE - 1)) - (long)sizeof(struct thread_info);
	if (left >= lowest)
		return;
	stack_lowest_reported = left;
	debug_report("stack-overflow", "do_IRQ: stack overflow: %ld bytes left (pid %d, %s)",
		     left, current->pid, current->comm);
	dump_stack();
}
#endif

#if defined(CONFIG_DEBUG_SPINLOCK_SLEEP) || defined(CONFIG_DEBUG_STACKOVERFLOW)
/*
 * The last checks before iret to user mode (boot/signal.c, with interrupts
 * off): nothing held, address limit back at USER_DS, awake, interrupts on
 * in the flags user mode gets, and the stack canary intact. Each is
 * repaired after its report, so a broken task reports once.
 */
void user_return_checks(struct pt_regs *regs)
{
	struct task_struct *p = current;
	unsigned long before = debug_reports;

#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
	if (p->mutex_depth) {
		debug_report("lock-held-to-user", "lock held when returning to user space: pid %d "
			     "(%s) holds %d mutexes, the last %p", p->pid, p->comm, p->mutex_depth,
			     p->last_mutex);
		print_ip_sym("  taken at", p->last_mutex_ip);
		p->mutex_depth = 0;
	}
	if (current_thread_info()->addr_limit != USER_DS) {
		debug_report("addr-limit", "invalid address limit on user-mode return: %08lx "
			     "(pid %d, %s)", current_thread_info()->addr_limit, p->pid, p->comm);
		set_fs(USER_DS);
	}
	if (p->state != TASK_RUNNING) {
		debug_report("state-to-user", "returning to user space in state %ld (pid %d, %s)",
			     p->state, p->pid, p->comm);
		p->state = TASK_RUNNING;
	}
	if (!(regs->eflags & 0x200)) {
		debug_report("irqs-off-to-user", "returning to user space with interrupts "
			     "disabled in its flags (pid %d, %s)", p->pid, p->comm);
		regs->eflags |= 0x200;
	}
	if (debug_reports != before)
		dump_stack();
#endif
#ifdef CONFIG_DEBUG_STACKOVERFLOW
	stack_canary_check(p, "on the way back to user space");
#endif
}
#endif

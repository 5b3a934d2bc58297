/*
 * kernel/sched.c - the scheduler (Linux: kernel/sched.c). For now only the
 * boot task exists: schedule() idles until an interrupt handler wakes it.
 */
#include <kernel/sched.h>
#include <kernel/io.h>

int try_to_wake_up(struct task_struct *p, unsigned int state, int sync)
{
	(void)sync;
	if (!(p->state & state))
		return 0;
	p->state = TASK_RUNNING;
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE | TASK_STOPPED, 0);
}

void schedule(void)
{
	cli();
	while (current->state != TASK_RUNNING) {
		safe_halt();
		cli();
	}
	sti();
}

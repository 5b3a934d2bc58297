/*
 * kernel/pid.c - process ids (Linux: kernel/pid.c): a bitmap of the ids in
 * use, handed out in increasing order and wrapping at PID_MAX, so a fresh id
 * is not soon reused; and lookup from id to task.
 */
#include <kernel/sched.h>
#include <kernel/io.h>
#include <kernel/errno.h>

#define PID_MAX		32768	/* PID_MAX_LIMIT on 32-bit: the bitmap's size */
#define RESERVED_PIDS	300	/* after wrapping, skip the daemons' range */

static unsigned long pidmap[PID_MAX / 32];
int last_pid;
int pid_max = PID_MAX;		/* kernel.pid_max: ids wrap below it */
int pid_max_min = RESERVED_PIDS + 1, pid_max_max = PID_MAX;
unsigned long total_forks;	/* ids handed out: /proc/stat's "processes" */

int alloc_pidmap(void)
{
	unsigned long flags = local_irq_save();
	int pid = last_pid;

	for (int tries = 0; tries < PID_MAX; tries++) {
		if (++pid >= pid_max)
			pid = RESERVED_PIDS;
		if (!(pidmap[pid / 32] & (1UL << (pid % 32)))) {
			pidmap[pid / 32] |= 1UL << (pid % 32);
			last_pid = pid;
			total_forks++;
			local_irq_restore(flags);
			return pid;
		}
	}
	local_irq_restore(flags);
	return -EAGAIN;
}

void free_pidmap(int pid)
{
	if (pid > 0 && pid < PID_MAX)
		pidmap[pid / 32] &= ~(1UL << (pid % 32));
}

struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	if (pid == 0)
		return &init_task;
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid)
			return p;
	return NULL;
}

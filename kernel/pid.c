/*
 * kernel/pid.c - process ids (Linux: kernel/pid.c): a bitmap of the ids in
 * use, handed out in increasing order and wrapping at PID_MAX, so a fresh id
 * is not soon reused; and lookup from id to task.
 * SMP: pidmap_lock (2.6's) guards the bitmap and last_pid. The lookup walks
 * the task list unlocked: its callers are process context (the big kernel
 * lock); interrupt-time walkers take tasklist_lock (kernel/signal.c).
 */
#include <kernel/sched.h>
#include <kernel/io.h>
#include <kernel/errno.h>
#include <kernel/spinlock.h>

#define PID_MAX		32768	/* PID_MAX_LIMIT on 32-bit: the bitmap's size */
#define RESERVED_PIDS	300	/* after wrapping, skip the daemons' range */

static unsigned long pidmap[PID_MAX / 32];
int last_pid;
int pid_max = PID_MAX;		/* kernel.pid_max: ids wrap below it */
int pid_max_min = RESERVED_PIDS + 1, pid_max_max = PID_MAX;
unsigned long total_forks;	/* ids handed out: /proc/stat's "processes" */
static DEFINE_SPINLOCK(pidmap_lock);

int alloc_pidmap(void)
{
	unsigned long flags;
	int pid;

	spin_lock_irqsave(&pidmap_lock, flags);
	pid = last_pid;
	for (int tries = 0; tries < PID_MAX; tries++) {
		if (++pid >= pid_max)
			pid = RESERVED_PIDS;
		if (!(pidmap[pid / 32] & (1UL << (pid % 32)))) {
			pidmap[pid / 32] |= 1UL << (pid % 32);
			last_pid = pid;
			total_forks++;
			spin_unlock_irqrestore(&pidmap_lock, flags);
			return pid;
		}
	}
	spin_unlock_irqrestore(&pidmap_lock, flags);
	return -EAGAIN;
}

void free_pidmap(int pid)
{
	unsigned long flags;

	if (pid <= 0 || pid >= PID_MAX)
		return;
	spin_lock_irqsave(&pidmap_lock, flags);
	pidmap[pid / 32] &= ~(1UL << (pid % 32));
	spin_unlock_irqrestore(&pidmap_lock, flags);
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

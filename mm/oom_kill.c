/*
 * mm/oom_kill.c - what a page fault does when no page is free (Linux:
 * mm/oom_kill.c). Rather than kill whoever faulted, choose the process whose
 * death frees the most - its resident pages, its page tables and the pipe
 * buffers it holds open (select_bad_process, badness) - kill it, and let the
 * faulting process retry once that memory is back.
 */
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/pgtable.h>
#include <kernel/pipe_fs_i.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>

struct oom_cost {
	unsigned long rss, ptables, pipes;	/* pages */
};

/* resident pages and page tables of an address space, from its page tables */
static void mm_cost(struct mm_struct *mm, struct oom_cost *c)
{
	for (unsigned int i = 0; i < USER_PGD_PTRS; i++) {
		pte_t *pt;

		if (!(mm->pgd[i] & _PAGE_PRESENT))
			continue;
		c->ptables++;
		pt = __va(mm->pgd[i] & PAGE_MASK);
		for (unsigned int j = 0; j < PTRS_PER_PTE; j++)
			if (pt[j] & _PAGE_PRESENT)
				c->rss++;
	}
}

static struct pipe_inode_info *file_pipe(struct file *f)
{
	return f ? file_inode(f)->i_pipe : NULL;
}

/* the pages buffered in every pipe or FIFO the task holds open, each once */
static unsigned long pipe_cost(struct task_struct *p)
{
	struct fdtable *fdt;
	unsigned long pages = 0;

	if (!p->files)
		return 0;
	fdt = files_fdtable(p->files);
	for (unsigned int i = 0; i < fdt->max_fds; i++) {
		struct pipe_inode_info *pipe = file_pipe(fdt->fd[i]);
		unsigned int j;

		if (!pipe)
			continue;
		for (j = 0; j < i && file_pipe(fdt->fd[j]) != pipe; j++)
			;
		if (j == i)
			pages += pipe->nrbufs + (pipe->tmp_page ? 1 : 0);
	}
	return pages;
}

static int oom_dying(struct task_struct *p)
{
	return (p->flags & PF_EXITING) || sigismember(&p->pending.signal, SIGKILL);
}

/*
 * The victim: the user process with the highest badness, never init or a
 * kernel thread. NULL, with *wait set, when one already dying will free its
 * memory soon; NULL alone when there is nobody to choose.
 */
static struct task_struct *select_bad_process(struct oom_cost *cost, int *wait)
{
	struct task_struct *p, *chosen = NULL;
	unsigned long best = 0;

	list_for_each_entry(p, &task_list, tasks) {
		struct oom_cost c = { 0, 0, 0 };
		unsigned long points;

		if (!p->mm || p->pid == 1 || (p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
			continue;
		if (oom_dying(p)) {
			*wait = 1;
			return NULL;
		}
		mm_cost(p->mm, &c);
		c.pipes = pipe_cost(p);
		points = c.rss + c.ptables + c.pipes;
		if (!chosen || points > best) {
			chosen = p;
			best = points;
			*cost = c;
		}
	}
	return chosen;
}

/*
 * Called by a fault that found no free page. Returns 1 when the faulting
 * task must give up (it is the one killed, or is dying already), 0 when it
 * should retry its access: another process was killed for it, and it has
 * given that one a tick to exit.
 */
int out_of_memory(int may_sleep)
{
	struct oom_cost c = { 0, 0, 0 };
	struct task_struct *victim;
	int wait = 0;

	if (oom_dying(current))
		return 1;
	victim = select_bad_process(&c, &wait);
	if (!victim && !wait && current->mm) {
		victim = current;	/* nobody else to choose (init itself faulted) */
		mm_cost(current->mm, &c);
	}
	if (victim) {
		printk(KERN_ERR "Out of memory: Killed process %d (%s) total-vm:%lukB, "
		       "rss:%lukB, pipes:%lukB, UID:%u pgtables:%lukB\n", victim->pid, victim->comm,
		       victim->mm->total_vm << (PAGE_SHIFT - 10), c.rss << (PAGE_SHIFT - 10),
		       c.pipes << (PAGE_SHIFT - 10), victim->uid, c.ptables << (PAGE_SHIFT - 10));
		force_sig(SIGKILL, victim);
		if (victim == current)
			return 1;
	}
	if (!may_sleep)
		return 1;
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(1);
	return 0;
}

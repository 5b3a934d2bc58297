/*
 * fs/proc/array.c - /proc/PID/stat and status (Linux: fs/proc/array.c):
 * stat's 52 fields in Linux's order, times in clock ticks (USER_HZ), and
 * status's "Name:\tvalue" lines in Linux's order and units.
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/file.h>
#include <kernel/fs_struct.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/timer.h>

#define USER_HZ 100
#define RLIMIT_SIGPENDING 11
#define to_clock_t(ticks) ((unsigned long long)(ticks) / (HZ / USER_HZ))

static const char *const task_state_array[] = {
	"R (running)", "S (sleeping)", "D (disk sleep)", "T (stopped)", "Z (zombie)", "X (dead)",
};

static const char *get_task_state(struct task_struct *t)
{
	long s = t->state;

	if (s & EXIT_DEAD)
		return task_state_array[5];
	if (s & EXIT_ZOMBIE)
		return task_state_array[4];
	if (s & TASK_STOPPED)
		return task_state_array[3];
	if (s & TASK_UNINTERRUPTIBLE)
		return task_state_array[2];
	if (s & TASK_INTERRUPTIBLE)
		return task_state_array[1];
	return task_state_array[0];
}

static pid_t task_ppid(struct task_struct *t)
{
	return t->real_parent && t->real_parent != t && t->pid > 1 ? t->real_parent->tgid : 0;
}

static int task_nr_threads(struct task_struct *t)
{
	struct task_struct *p;
	int n = 0;

	list_for_each_entry(p, &task_list, tasks)
		if (p->tgid == t->tgid)
			n++;
	return n ? n : 1;
}

/* the handlers' ignored and caught sets */
static void collect_sigign_sigcatch(struct task_struct *t, sigset_t *ign, sigset_t *catch)
{
	sigemptyset(ign);
	sigemptyset(catch);
	if (!t->sighand)
		return;
	for (int sig = 1; sig <= _NSIG; sig++) {
		void *h = (void *)t->sighand->action[sig - 1].sa.sa_handler;

		if (h == SIG_IGN)
			sigaddset(ign, sig);
		else if (h != SIG_DFL)
			sigaddset(catch, sig);
	}
}

static unsigned long long sigset_u64(const sigset_t *s)
{
	return ((unsigned long long)s->sig[1] << 32) | s->sig[0];
}

/* whole: /proc/PID/stat, the group's times; else task/TID/stat, the thread's (Linux: do_task_stat) */
static int do_task_stat(struct seq_file *m, struct task_struct *t, int whole)
{
	struct mm_struct *mm = t->mm;
	sigset_t ign, catch;
	unsigned long vsize = 0, rss = 0;
	unsigned long long utime = t->utime, stime = t->stime;
	unsigned long long cutime = t->group_leader->cutime, cstime = t->group_leader->cstime;
	int exited = t->state & (EXIT_ZOMBIE | EXIT_DEAD);

	if (whole) {
		unsigned long ut, st;

		thread_group_times(t, &ut, &st);
		utime = ut;
		stime = st;
	}
	collect_sigign_sigcatch(t, &ign, &catch);
	if (mm) {
		vsize = mm->total_vm << PAGE_SHIFT;
		rss = get_mm_rss(mm);
	}
	seq_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %llu %llu %llu %llu %d %d %d 0 %llu %lu %lu %lu ",
		   t->pid, t->comm, get_task_state(t)[0], task_ppid(t), t->pgrp, t->session,
		   0 /* tty_nr */, -1 /* tpgid */, (unsigned int)t->flags,
		   0UL, 0UL, 0UL, 0UL,	/* minflt cminflt majflt cmajflt: not counted */
		   to_clock_t(utime), to_clock_t(stime), to_clock_t(cutime), to_clock_t(cstime),
		   t->prio - MAX_RT_PRIO, task_nice(t), task_nr_threads(t),
		   to_clock_t(t->start_time), vsize, rss, t->rlim[RLIMIT_RSS].rlim_cur);
	seq_printf(m, "%lu %lu %lu 0 0 %llu %llu %llu %llu 0 0 0 %d %d 0 0 0 0 0 ",
		   mm ? mm->start_code : 0, mm ? mm->end_code : 0, mm ? mm->start_stack : 0,
		   sigset_u64(&t->pending.signal), sigset_u64(&t->blocked),
		   sigset_u64(&ign), sigset_u64(&catch),
		   t->exit_signal, (int)t->thread_info->cpu /* processor: where it runs or ran last */);
	seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n",
		   mm ? mm->start_data : 0, mm ? mm->end_data : 0, mm ? mm->start_brk : 0,
		   mm ? mm->arg_start : 0, mm ? mm->arg_end : 0,
		   mm ? mm->env_start : 0, mm ? mm->env_end : 0,
		   exited ? t->exit_code : 0);
	return 0;
}

int proc_tgid_stat(struct seq_file *m, struct task_struct *t)
{
	return do_task_stat(m, t, 1);
}

int proc_tid_stat(struct seq_file *m, struct task_struct *t)
{
	return do_task_stat(m, t, 0);
}

static void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm), data = 0, stack = 0, shm = 0;
	struct vm_area_struct *vma;
	unsigned long text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> 10;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long kb = (vma->vm_end - vma->vm_start) >> 10;

		if (vma->vm_flags & VM_GROWSDOWN)
			stack += kb;
		else if (vma->vm_flags & VM_SHARED)
			shm += kb;
		else if (vma->vm_flags & VM_WRITE)
			data += kb;
	}
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n"
		   "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\nRssFile:\t%8lu kB\n"
		   "RssShmem:\t%8lu kB\nVmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n"
		   "VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n",
		   mm->total_vm << 2, mm->total_vm << 2, mm_locked_pages(mm) << 2, 0UL, rss << 2, rss << 2, rss << 2,
		   0UL, 0UL, data, stack, text, 0UL, 4UL, 0UL);
	(void)shm;
}

int proc_pid_status(struct seq_file *m, struct task_struct *t)
{
	sigset_t ign, catch;
	int fdsize = t->files ? (int)files_fdtable(t->files)->max_fds : 0;

	seq_printf(m, "Name:\t%s\n", t->comm);
	if (t->fs)
		seq_printf(m, "Umask:\t%04o\n", t->fs->umask);
	seq_printf(m, "State:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   get_task_state(t), t->tgid, t->pid, task_ppid(t));
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%d\nGroups:\t",
		   t->uid, t->euid, t->suid, t->fsuid, t->gid, t->egid, t->sgid, t->fsgid, fdsize);
	for (int i = 0; i < t->ngroups; i++)
		seq_printf(m, "%u ", t->groups[i]);
	seq_printf(m, "\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		   t->tgid, t->pid, t->pgrp, t->session);
	if (t->mm)
		task_mem(m, t->mm);
	collect_sigign_sigcatch(t, &ign, &catch);
	seq_printf(m, "Threads:\t%d\nSigQ:\t%d/%lu\nSigPnd:\t%016llx\nShdPnd:\t%016llx\n"
		   "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		   task_nr_threads(t), t->pending.count, t->rlim[RLIMIT_SIGPENDING].rlim_cur,
		   sigset_u64(&t->pending.signal), sigset_u64(&t->signal->shared_pending.signal),
		   sigset_u64(&t->blocked),
		   sigset_u64(&ign), sigset_u64(&catch));
	/* root holds every capability (sched.h's capable) */
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\nCapBnd:\t%016llx\n"
		   "CapAmb:\t%016llx\nNoNewPrivs:\t0\nSeccomp:\t0\n",
		   0ULL, t->euid ? 0ULL : 0x1ffffffffffULL, t->euid ? 0ULL : 0x1ffffffffffULL,
		   0x1ffffffffffULL, 0ULL);
	return 0;
}

/*
 * kernel/exit.c - the end of a task and its parent's wait (Linux:
 * kernel/exit.c). do_exit gives back memory, files and undo lists, hands its
 * children to init, and becomes a zombie holding only its exit status until
 * the parent collects it with wait4 - or is reaped at once when the parent
 * ignores SIGCHLD.
 */
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/fork.h>
#include <kernel/io.h>
#include <kernel/mm_types.h>
#include <kernel/mmu_context.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <kernel/file.h>
#include <kernel/fs_struct.h>
#include <kernel/futex.h>
#include <uapi/resource.h>

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

/* who adopts orphans: init, once it exists */
struct task_struct *child_reaper = &init_task;

void release_task(struct task_struct *p)
{
	unsigned long flags;

	wait_task_inactive(p);	/* reaped from another CPU: its last schedule() may still run */

	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->sibling);
	list_del(&p->tasks);
	list_del(&p->thread_group);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	flush_signals(p);	/* under p's siglock: before the sighand can go */
	if (--p->sighand->count == 0)
		kfree(p->sighand);
	/* its CPU time stays the group's (Linux 2.6: __exit_signal) */
	p->signal->utime += p->utime;
	p->signal->stime += p->stime;
	/* exec's de_thread waits for the other threads to be gone */
	if (p->signal->notify_count > 0 && !--p->signal->notify_count)
		wake_up_process(p->signal->group_exit_task);
	if (--p->signal->count == 0) {
		flush_sigqueue(&p->signal->shared_pending);
		kfree(p->signal);
	}
	free_task(p);
}

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	complete_vfork_done(tsk);
	/* off this address space before it can be freed under us */
	switch_mm(mm, &init_mm);
	tsk->mm = NULL;
	tsk->active_mm = &init_mm;
	mmput(mm);
}

static void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (files) {
		tsk->files = NULL;
		put_files_struct(files);
	}
}

static void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	if (fs) {
		tsk->fs = NULL;
		put_fs_struct(fs);
	}
}

/*
 * Orphaned process groups (POSIX; Linux 2.6: will_become_orphaned_pgrp): a
 * group is orphaned when no member but 'ignored' has a parent in another
 * group of the same session - nobody left who could resume it with job
 * control. init and the idle task do not count as such a parent.
 */
static int will_become_orphaned_pgrp(pid_t pgrp, struct task_struct *ignored)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks) {
		struct task_struct *parent = p->real_parent;

		if (p->pgrp != pgrp || p == ignored || (p->state & (EXIT_ZOMBIE | EXIT_DEAD)) ||
		    (p->flags & PF_EXITING) || !parent || parent->pid <= 1)
			continue;
		if (parent->pgrp != pgrp && parent->session == p->session)
			return 0;
	}
	return 1;
}

int is_orphaned_pgrp(pid_t pgrp)
{
	unsigned long flags = local_irq_save();	/* the list changes in process context: the BKL */
	int ret = will_become_orphaned_pgrp(pgrp, NULL);

	local_irq_restore(flags);
	return ret;
}

/* a member of the group is stopped (today's Linux: the group-stop flag) */
static int has_stopped_jobs(pid_t pgrp)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pgrp == pgrp && (p->signal->flags & SIGNAL_STOP_STOPPED) &&
		    !(p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
			return 1;
	return 0;
}

/*
 * A group orphaned by an exit, with stopped members, would never be
 * resumed: SIGHUP then SIGCONT to it (POSIX 3.2.2.2; Linux 2.6's
 * exit_notify and reparent_thread). parent is the task whose group kept
 * it connected; ignored the exiting task.
 */
static void kill_orphaned_pgrp(struct task_struct *p, struct task_struct *parent,
			       struct task_struct *ignored)
{
	pid_t pgrp = p->pgrp;

	if (parent->pgrp != pgrp && parent->session == p->session &&
	    will_become_orphaned_pgrp(pgrp, ignored) && has_stopped_jobs(pgrp)) {
		kill_pg(pgrp, SIGHUP, 1);
		kill_pg(pgrp, SIGCONT, 1);
	}
}

/* Linux's reparent_to_init for one task: the reaper is its parent now */
static void reparent_to_reaper(struct task_struct *p, struct task_struct *reaper)
{
	struct task_struct *t;

	list_del(&p->sibling);
	p->real_parent = p->parent = reaper;
	list_add_tail(&p->sibling, &reaper->children);
	p->exit_signal = SIGCHLD;
	/* its threads name the same parent (getppid, ps) */
	list_for_each_entry(t, &p->thread_group, thread_group)
		t->real_parent = t->parent = reaper;
}

/*
 * Who adopts father's children: the nearest ancestor that made itself a
 * child subreaper and is not exiting, else init (Linux: find_new_reaper).
 */
static struct task_struct *find_new_reaper(struct task_struct *father)
{
	struct task_struct *p;

	for (p = father->real_parent; p != &init_task && p != child_reaper; p = p->real_parent)
		if (p->signal->is_child_subreaper && !(p->group_leader->flags & PF_EXITING))
			return p->group_leader;
	return child_reaper == father ? &init_task : child_reaper;
}

/* an orphan goes to its reaper; a zombie among them must be announced to it */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *p, *n;
	struct task_struct *reaper = find_new_reaper(father);

	if (!list_empty(&father->children))
		wake_up_interruptible_all(&reaper->wait_chldexit);	/* new children to watch */
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		reparent_to_reaper(p, reaper);
		/* the child's group may have hung by us alone */
		kill_orphaned_pgrp(p, father, NULL);
		if (p->pdeath_signal)	/* prctl(PR_SET_PDEATHSIG) */
			send_sig(p->pdeath_signal, p, 0);
		if (p->state == EXIT_ZOMBIE) {
			send_sig(SIGCHLD, reaper, 1);
			wake_up_interruptible_all(&reaper->wait_chldexit);
		}
	}
}

/*
 * The CPU ticks of p's whole group: its threads and those already released
 * (Linux: thread_group_cputime). What times, getrusage and /proc/PID/stat
 * report for a process.
 */
void thread_group_times(struct task_struct *p, unsigned long *ut, unsigned long *st)
{
	unsigned long flags = local_irq_save();
	struct task_struct *t = p;

	*ut = p->signal->utime;
	*st = p->signal->stime;
	do {
		*ut += t->utime;
		*st += t->stime;
		t = next_thread(t);
	} while (t != p);
	local_irq_restore(flags);
}

static void do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->parent;
	struct k_sigaction *psig = &parent->sighand->action[SIGCHLD - 1];
	siginfo_t info = { 0 };
	int status;
	unsigned long ut, st;

	if (tsk->signal->flags & SIGNAL_GROUP_EXIT)	/* the group's status, whoever ended it */
		tsk->exit_code = tsk->signal->group_exit_code;
	status = tsk->exit_code;
	info.si_signo = sig;
	info.si_pid = tsk->pid;
	info.si_uid = tsk->uid;
	thread_group_times(tsk, &ut, &st);
	info.si_utime = ut;
	info.si_stime = st;
	if ((status & 0x7f) == 0) {
		info.si_code = CLD_EXITED;
		info.si_status = (status >> 8) & 0xff;
	} else {
		info.si_code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		info.si_status = status & 0x7f;
	}
	/* a parent that ignores SIGCHLD (or says SA_NOCLDWAIT) does not wait: reap now */
	if (sig == SIGCHLD && (psig->sa.sa_handler == SIG_IGN ||
			       (psig->sa.sa_flags & SA_NOCLDWAIT)))
		tsk->exit_signal = -1;
	if (sig > 0 && sig < _NSIG)
		group_send_sig_info_kernel(sig, &info, parent);
	wake_up_interruptible_all(&parent->wait_chldexit);
}

/*
 * A thread that is not the leader reaps itself. The leader stays a zombie,
 * unannounced, until the last thread of its group has gone: only then does
 * its parent hear of it (Linux 2.6: exit_notify and release_task).
 */
static void exit_notify(struct task_struct *tsk, int group_dead)
{
	/* process context: the BKL; release_task and the signal senders take their locks */
	unsigned long flags = local_irq_save();
	struct task_struct *leader = tsk->group_leader;

	if (!thread_group_leader(tsk)) {
		if (group_dead && leader->state == EXIT_ZOMBIE) {
			kill_orphaned_pgrp(leader, leader->real_parent, tsk);
			forget_original_parent(leader);
			if (leader->exit_signal != -1)
				do_notify_parent(leader, leader->exit_signal);
			else
				wake_up_interruptible_all(&leader->parent->wait_chldexit);
			if (leader->exit_signal == -1) {
				leader->state = EXIT_DEAD;
				release_task(leader);
			}
		}
		tsk->state = EXIT_DEAD;
		tsk->flags |= PF_DEAD;
		local_irq_restore(flags);
		return;
	}
	if (!group_dead) {
		tsk->state = EXIT_ZOMBIE;
		/* an exec in another thread waits for the leader to be a zombie */
		if (tsk->signal->notify_count < 0)
			wake_up_process(tsk->signal->group_exit_task);
		local_irq_restore(flags);
		return;
	}
	/* our own group may have hung by us alone (our parent outside it) */
	kill_orphaned_pgrp(tsk, tsk->real_parent, tsk);
	forget_original_parent(tsk);
	/* a kernel thread's CLONE_PARENT child: it would never be waited for */
	if ((tsk->flags & PF_TO_REAPER) && tsk->parent != child_reaper &&
	    (tsk->parent->flags & PF_KTHREAD))
		reparent_to_reaper(tsk, child_reaper);
	if (tsk->exit_signal != -1)
		do_notify_parent(tsk, tsk->exit_signal);
	else
		wake_up_interruptible_all(&tsk->parent->wait_chldexit);
	/* reaped at once: whoever runs next here frees it, off its stack (sched.c reap_dead) */
	if (tsk->exit_signal == -1) {
		tsk->state = EXIT_DEAD;
		tsk->flags |= PF_DEAD;
	} else {
		tsk->state = EXIT_ZOMBIE;
	}
	local_irq_restore(flags);
}

void do_exit(long code)
{
	struct task_struct *tsk = current;
	int group_dead;

	if (tsk == &init_task)
		panic("Attempted to kill the idle task!");
	if (tsk->pid == 1 && child_reaper == tsk)
		panic("Attempted to kill init! exit code %lx", code);
	exit_signals(tsk);	/* PF_EXITING: no more signals, nor a part in a group stop */
	/* CLONE_CHILD_CLEARTID: tell whoever shares our memory that we are gone */
	if (tsk->clear_child_tid && tsk->mm) {
		if (tsk->mm->mm_users > 1 && !put_user(0, tsk->clear_child_tid))
			futex_wake((u32 __user *)tsk->clear_child_tid, 1, 1, FUTEX_BITSET_MATCH_ANY);
		tsk->clear_child_tid = NULL;
	}
	exit_robust_list(tsk);	/* kernel/futex.c: while the memory is still ours */
	exit_sem(tsk);		/* before the files: Linux 2.6's order */
	exit_mm(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	tsk->exit_code = code;
	group_dead = --tsk->signal->live == 0;
	/* the timers are the process's: they go with its last thread (Linux's order) */
	if (group_dead) {
		unsigned long flags;

		spin_lock_irqsave(&tsk->sighand->siglock, flags);
		tsk->signal->it_real_value = 0;		/* it_real_fn re-arms no more */
		spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
		del_timer_sync(&tsk->signal->real_timer);	/* its callback may run on CPU 0 */
		exit_itimers(tsk->signal);	/* kernel/posix-timers.c */
	} else {
		exit_thread_timers(tsk);
	}
	/*
	 * The last thread out gives the group its status unless exit_group or
	 * a signal already did (today's Linux: synchronize_group_exit).
	 */
	if (group_dead && !(tsk->signal->flags & SIGNAL_GROUP_EXIT)) {
		tsk->signal->flags |= SIGNAL_GROUP_EXIT;
		tsk->signal->group_exit_code = code;
	}
	exit_notify(tsk, group_dead);
	schedule();
	panic("do_exit: dead task %d ran again", tsk->pid);
}

long sys_exit(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/*
 * SIGKILL to every other thread of p's group, stopped ones included; they
 * exit with the group's code. Returns how many other threads there are,
 * a zombie leader included (today's Linux). Interrupts off.
 */
int zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	int count = 0;

	p->signal->group_stop_count = 0;	/* no stop survives a group exit */
	list_for_each_entry(t, &p->thread_group, thread_group) {
		count++;
		t->jobctl &= ~JOBCTL_STOP_PENDING;
		if (t->state & (EXIT_ZOMBIE | EXIT_DEAD))
			continue;	/* the list has no head: the leader is an entry too */
		sigaddset(&t->pending.signal, SIGKILL);
		set_tsk_thread_flag(t, TIF_SIGPENDING);
		try_to_wake_up(t, TASK_INTERRUPTIBLE | TASK_STOPPED, 0);
	}
	return count;
}

/* the whole group ends with exit_code (Linux: do_group_exit) */
void do_group_exit(int exit_code)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;	/* someone else is ending it */
	} else if (!thread_group_empty(current)) {
		sig->flags = SIGNAL_GROUP_EXIT;	/* a stop under way ends here */
		sig->group_exit_code = exit_code;
		zap_other_threads(current);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	do_exit(exit_code);
}

long sys_exit_group(int error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

/* what wait4 or waitid asked for and where its answer goes */
struct wait_opts {
	pid_t pid;			/* wait4's pid: >0, 0, -1, <-1 */
	int flags;			/* WEXITED, WSTOPPED, WCONTINUED, WNOWAIT, ... */
	int __user *stat;		/* wait4's status word */
	siginfo_t __user *info;		/* waitid's siginfo */
	struct rusage __user *ru;
	pid_t pgrp;			/* waitid P_PGID: that group only */
};

/*
 * does child p match wait4's pid argument? A "clone" child (one that
 * signals its parent with something other than SIGCHLD, or nothing) is
 * waited for only with __WCLONE, the others only without it; __WALL waits
 * for both.
 */
static int eligible_child(struct wait_opts *wo, struct task_struct *p)
{
	pid_t pid = wo->pid;
	int options = wo->flags;

	if (wo->pgrp > 0 && p->pgrp != wo->pgrp)
		return 0;
	if (pid > 0 && p->pid != pid)
		return 0;
	if (pid == 0 && p->pgrp != current->pgrp)
		return 0;
	if (pid < -1 && p->pgrp != -pid)
		return 0;
	if (((p->exit_signal != SIGCHLD) ^ ((options & __WCLONE) != 0)) && !(options & __WALL))
		return 0;
	return 1;
}

/* what wait4 tells of p: its whole group's time */
static void fill_rusage(struct task_struct *p, struct rusage *ru)
{
	unsigned long ut, st;

	thread_group_times(p, &ut, &st);
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = ut / HZ;
	ru->ru_utime.tv_usec = (ut % HZ) * (1000000 / HZ);
	ru->ru_stime.tv_sec = st / HZ;
	ru->ru_stime.tv_usec = (st % HZ) * (1000000 / HZ);
}

/*
 * Tell the caller about p: wait4 as a status word, waitid as a siginfo
 * (Linux: wait_task_zombie's and wait_task_stopped's put_user blocks).
 */
static long wait_report(struct wait_opts *wo, struct task_struct *p, int status, int why)
{
	struct rusage r;

	if (wo->stat && put_user(status, wo->stat))
		return -EFAULT;
	if (wo->info) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		si.si_signo = SIGCHLD;
		si.si_code = why;
		si.si_pid = p->tgid;
		si.si_uid = p->uid;
		if (why == CLD_EXITED || why == CLD_STOPPED)
			si.si_status = (status >> 8) & 0xff;
		else if (why == CLD_CONTINUED)
			si.si_status = SIGCONT;
		else
			si.si_status = status & 0x7f;
		if (copy_to_user(wo->info, &si, sizeof(si)))
			return -EFAULT;
	}
	if (wo->ru) {
		fill_rusage(p, &r);
		if (copy_to_user(wo->ru, &r, sizeof(r)))
			return -EFAULT;
	}
	return p->tgid;
}

static int exit_why(int status)
{
	if ((status & 0x7f) == 0)
		return CLD_EXITED;
	return (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
}

static long __do_wait(struct wait_opts *wo)
{
	DECLARE_WAITQUEUE(wait, current);
	long retval;
	int options = wo->flags;

	/* the children of the group are the leader's: any thread may wait for them */
	add_wait_queue(&current->group_leader->wait_chldexit, &wait);
	for (;;) {
		struct task_struct *p;
		int flag = 0;

		set_current_state(TASK_INTERRUPTIBLE);
		list_for_each_entry(p, &current->group_leader->children, sibling) {
			if (!eligible_child(wo, p))
				continue;
			flag = 1;
			if (p->state == EXIT_ZOMBIE && p->signal->live == 0 && (options & WEXITED)) {
				retval = wait_report(wo, p, p->exit_code, exit_why(p->exit_code));
				if (retval > 0 && !(options & WNOWAIT)) {
					/* the whole group's, kept by our leader for all our threads */
					struct task_struct *me = current->group_leader;
					unsigned long ut, st;

					thread_group_times(p, &ut, &st);
					me->cutime += ut + p->cutime;
					me->cstime += st + p->cstime;
					release_task(p);
				}
				goto end;
			}
			/*
			 * Stops and continues are the group's, reported once each
			 * (the signal_struct holds them, so a group whose leader
			 * has exited reports too, as today's Linux).
			 */
			if ((options & WSTOPPED) && (p->signal->flags & SIGNAL_STOP_STOPPED) &&
			    p->signal->group_exit_code) {
				int code = p->signal->group_exit_code;

				if (!(options & WNOWAIT))
					p->signal->group_exit_code = 0;
				retval = wait_report(wo, p, (code << 8) | 0x7f, CLD_STOPPED);
				goto end;
			}
			if ((options & WCONTINUED) && (p->signal->flags & SIGNAL_STOP_CONTINUED)) {
				if (!(options & WNOWAIT))
					p->signal->flags &= ~SIGNAL_STOP_CONTINUED;
				retval = wait_report(wo, p, 0xffff, CLD_CONTINUED);
				goto end;
			}
		}
		if (!flag) {
			retval = -ECHILD;
			goto end;
		}
		retval = 0;
		if (options & WNOHANG)
			goto end;
		if (signal_pending(current)) {
			retval = -ERESTARTSYS;
			goto end;
		}
		schedule();
	}
end:
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(&current->group_leader->wait_chldexit, &wait);
	return retval;
}

long do_wait(pid_t pid, int options, int __user *stat_addr, struct rusage __user *ru)
{
	struct wait_opts wo = { .pid = pid, .stat = stat_addr, .ru = ru };

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	wo.flags = options | WEXITED;	/* WUNTRACED is WSTOPPED */
	return __do_wait(&wo);
}

#define P_ALL		0
#define P_PID		1
#define P_PGID		2

/* waitid(idtype, id, infop, options, rusage): 0, and the answer in *infop */
long sys_waitid(int which, pid_t upid, siginfo_t __user *infop, int options,
		struct rusage __user *ru)
{
	struct wait_opts wo = { .info = infop, .ru = ru, .flags = options };
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		wo.pid = -1;
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		wo.pid = upid;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		wo.pid = -1;
		wo.pgrp = upid ? upid : current->pgrp;	/* 0: our own group, as Linux 5.4 on */
		break;
	default:
		return -EINVAL;		/* P_PIDFD: pidfds are configured out */
	}
	ret = __do_wait(&wo);
	if (ret > 0)
		return 0;
	/* nothing to report under WNOHANG: a zeroed siginfo, as Linux writes */
	if (ret == 0 && infop) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		if (copy_to_user(infop, &si, sizeof(si)))
			return -EFAULT;
	}
	return ret;
}

long sys_wait4(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru)
{
	return do_wait(pid, options, stat_addr, ru);
}

long sys_waitpid(pid_t pid, int __user *stat_addr, int options)
{
	return do_wait(pid, options, stat_addr, NULL);
}

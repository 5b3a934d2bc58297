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
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

/* who adopts orphans: init, once it exists */
struct task_struct *child_reaper = &init_task;

void release_task(struct task_struct *p)
{
	unsigned long flags = local_irq_save();

	list_del(&p->sibling);
	list_del(&p->tasks);
	local_irq_restore(flags);
	if (--p->sighand->count == 0)
		kfree(p->sighand);
	flush_signals(p);
	free_task(p);
}

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	complete_vfork_done(tsk);
	/* off this address space before it can be freed under us */
	switch_pgd(swapper_pg_dir);
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

/* Linux's reparent_to_init for one task: the reaper is its parent now */
static void reparent_to_reaper(struct task_struct *p, struct task_struct *reaper)
{
	list_del(&p->sibling);
	p->real_parent = p->parent = reaper;
	list_add_tail(&p->sibling, &reaper->children);
	p->exit_signal = SIGCHLD;
}

/* an orphan goes to init; a zombie among them must be announced to its new parent */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *p, *n;
	struct task_struct *reaper = child_reaper == father ? &init_task : child_reaper;

	if (!list_empty(&father->children))
		wake_up_interruptible_all(&reaper->wait_chldexit);	/* new children to watch */
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		reparent_to_reaper(p, reaper);
		if (p->pdeath_signal)	/* prctl(PR_SET_PDEATHSIG) */
			send_sig(p->pdeath_signal, p, 0);
		if (p->state == EXIT_ZOMBIE) {
			send_sig(SIGCHLD, reaper, 1);
			wake_up_interruptible_all(&reaper->wait_chldexit);
		}
	}
}

static void do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->parent;
	struct k_sigaction *psig = &parent->sighand->action[SIGCHLD - 1];
	siginfo_t info = { 0 };
	int status = tsk->exit_code;

	info.si_signo = sig;
	info.si_pid = tsk->pid;
	info.si_uid = tsk->uid;
	info.si_utime = tsk->utime;
	info.si_stime = tsk->stime;
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
		send_sig_info(sig, &info, parent);
	wake_up_interruptible_all(&parent->wait_chldexit);
}

static void exit_notify(struct task_struct *tsk)
{
	unsigned long flags = local_irq_save();

	forget_original_parent(tsk);
	/* a kernel thread's CLONE_PARENT child: it would never be waited for */
	if ((tsk->flags & PF_TO_REAPER) && tsk->parent != child_reaper &&
	    (tsk->parent->flags & PF_KTHREAD))
		reparent_to_reaper(tsk, child_reaper);
	if (tsk->exit_signal != -1)
		do_notify_parent(tsk, tsk->exit_signal);
	else
		wake_up_interruptible_all(&tsk->parent->wait_chldexit);
	/* reaped at once: finish_task_switch frees it once we are off its stack */
	tsk->state = tsk->exit_signal == -1 ? EXIT_DEAD : EXIT_ZOMBIE;
	local_irq_restore(flags);
}

void do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk == &init_task)
		panic("Attempted to kill the idle task!");
	if (tsk->pid == 1 && child_reaper == tsk)
		panic("Attempted to kill init! exit code %lx", code);
	tsk->flags |= PF_EXITING;
	tsk->it_real_value = 0;
	del_timer(&tsk->real_timer);
	exit_itimers(tsk);	/* kernel/posix-timers.c */
	/* CLONE_CHILD_CLEARTID: tell whoever shares our memory that we are gone */
	if (tsk->clear_child_tid && tsk->mm) {
		if (tsk->mm->mm_users > 1 && !put_user(0, tsk->clear_child_tid))
			futex_wake((u32 __user *)tsk->clear_child_tid, 1, 1, FUTEX_BITSET_MATCH_ANY);
		tsk->clear_child_tid = NULL;
	}
	exit_sem(tsk);		/* before the files: Linux 2.6's order */
	exit_mm(tsk);
	exit_files(tsk);
	exit_fs(tsk);
	tsk->exit_code = code;
	exit_notify(tsk);
	schedule();
	panic("do_exit: dead task %d ran again", tsk->pid);
}

long sys_exit(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/* no thread groups, so the group is just us */
long sys_exit_group(int error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/*
 * does child p match wait4's pid argument? A "clone" child (one that
 * signals its parent with something other than SIGCHLD, or nothing) is
 * waited for only with __WCLONE, the others only without it; __WALL waits
 * for both.
 */
static int eligible_child(pid_t pid, int options, struct task_struct *p)
{
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

static void fill_rusage(struct task_struct *p, struct rusage *ru)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = p->utime / HZ;
	ru->ru_utime.tv_usec = (p->utime % HZ) * (1000000 / HZ);
	ru->ru_stime.tv_sec = p->stime / HZ;
	ru->ru_stime.tv_usec = (p->stime % HZ) * (1000000 / HZ);
}

static long wait_report(struct task_struct *p, int status, int __user *stat_addr,
			struct rusage __user *ru)
{
	struct rusage r;

	if (stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	if (ru) {
		fill_rusage(p, &r);
		if (copy_to_user(ru, &r, sizeof(r)))
			return -EFAULT;
	}
	return p->pid;
}

long do_wait(pid_t pid, int options, int __user *stat_addr, struct rusage __user *ru)
{
	DECLARE_WAITQUEUE(wait, current);
	long retval;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	add_wait_queue(&current->wait_chldexit, &wait);
	for (;;) {
		struct task_struct *p;
		int flag = 0;

		set_current_state(TASK_INTERRUPTIBLE);
		list_for_each_entry(p, &current->children, sibling) {
			if (!eligible_child(pid, options, p))
				continue;
			flag = 1;
			if (p->state == EXIT_ZOMBIE) {
				retval = wait_report(p, p->exit_code, stat_addr, ru);
				if (retval > 0) {
					current->cutime += p->utime + p->cutime;
					current->cstime += p->stime + p->cstime;
					release_task(p);
				}
				goto end;
			}
			if (p->state == TASK_STOPPED && (options & WUNTRACED) && p->stop_report) {
				p->stop_report = 0;
				retval = wait_report(p, (p->stop_signal << 8) | 0x7f, stat_addr, ru);
				goto end;
			}
			if ((options & WCONTINUED) && p->continue_report) {
				p->continue_report = 0;
				retval = wait_report(p, 0xffff, stat_addr, ru);
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
	remove_wait_queue(&current->wait_chldexit, &wait);
	return retval;
}

long sys_wait4(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru)
{
	return do_wait(pid, options, stat_addr, ru);
}

long sys_waitpid(pid_t pid, int __user *stat_addr, int options)
{
	return do_wait(pid, options, stat_addr, NULL);
}

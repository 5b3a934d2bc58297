/*
 * kernel/fork.c - creating tasks (Linux: kernel/fork.c and copy_thread in
 * arch/i386/kernel/process.c). A child starts as a copy of its parent; the
 * clone flags choose what is shared instead of copied: the address space
 * (CLONE_VM), the fd table (CLONE_FILES), cwd and umask (CLONE_FS), signal
 * handlers (CLONE_SIGHAND), SysV semaphore undo lists (CLONE_SYSVSEM); with
 * CLONE_THREAD the child is a thread of the caller's group: same tgid, the
 * same signal_struct (shared pending signals), reaped by nobody but itself.
 */
#include <kernel/bug.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/desc.h>
#include <kernel/errno.h>
#include <kernel/fork.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/printk.h>
#include <kernel/ptrace.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <kernel/file.h>
#include <kernel/fs_struct.h>

extern char ret_from_fork[], kernel_thread_helper[];
int alloc_pidmap(void);
void free_pidmap(int pid);
void sched_fork(struct task_struct *p);
void unlazy_fpu(struct task_struct *t);
int copy_semundo(unsigned long clone_flags, struct task_struct *tsk);

int nr_threads;
int max_threads;

/*
 * Linux's fork_init: the task table may take an eighth of memory in kernel
 * stacks, and one user (RLIMIT_NPROC's default) half the table, so one user
 * alone cannot fill it. Run before the first fork.
 */
static void fork_init(void)
{
	max_threads = totalram_pages / (8 * THREAD_SIZE / PAGE_SIZE);
	if (max_threads < 20)
		max_threads = 20;
	init_task.rlim[RLIMIT_NPROC].rlim_cur = max_threads / 2;
	init_task.rlim[RLIMIT_NPROC].rlim_max = max_threads / 2;
	uid_cache_init();
	init_task.user = &root_user;
	root_user.processes = 1;	/* the idle task, which never exits */
}

static struct task_struct *alloc_task_struct(void)
{
	struct task_struct *p = kmalloc(sizeof(*p), GFP_KERNEL);
	unsigned long stack;

	if (!p)
		return NULL;
	stack = __get_free_pages(GFP_KERNEL, 1);	/* THREAD_SIZE = 2 pages */
	if (!stack) {
		kfree(p);
		return NULL;
	}
	*p = *current;
	p->thread_info = (struct thread_info *)stack;
	*p->thread_info = *current_thread_info();
	p->thread_info->task = p;
	p->thread_info->flags = 0;
#ifdef CONFIG_DEBUG_STACKOVERFLOW
	stack_canary_set(p->thread_info);
#endif
#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
	p->mutex_depth = 0;	/* the parent's mutexes are its own */
#endif
	return p;
}

void free_task(struct task_struct *p)
{
	free_pidmap(p->pid);
	free_pages((unsigned long)p->thread_info, 1);
	p->user->processes--;
	free_uid(p->user);
	kfree(p);
	nr_threads--;
}

static int copy_sighand(unsigned long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sig;

	if (clone_flags & CLONE_SIGHAND) {
		current->sighand->count++;
		return 0;
	}
	sig = kmalloc(sizeof(*sig), GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	memcpy(sig->action, current->sighand->action, sizeof(sig->action));
	spin_lock_init(&sig->siglock);
	sig->count = 1;
	p->sighand = sig;
	return 0;
}

static int copy_signal(unsigned long clone_flags, struct task_struct *p)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD) {
		current->signal->count++;
		current->signal->live++;
		return 0;
	}
	sig = kmalloc(sizeof(*sig), GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	memset(sig, 0, sizeof(*sig));
	sig->count = sig->live = 1;
	INIT_LIST_HEAD(&sig->shared_pending.list);
	init_itimers(sig);	/* kernel/itimer.c: none of the parent's timers */
	sig->tsk = p;
	p->signal = sig;
	return 0;
}

static int copy_files(unsigned long clone_flags, struct task_struct *p)
{
	int err = 0;

	if (!current->files)
		return 0;
	if (clone_flags & CLONE_FILES) {
		get_files_struct(current->files);
		return 0;
	}
	p->files = dup_fd(current->files, &err);
	return p->files ? 0 : err;
}

static int copy_fs(unsigned long clone_flags, struct task_struct *p)
{
	if (!current->fs)
		return 0;
	if (clone_flags & CLONE_FS) {
		current->fs->count++;
		return 0;
	}
	p->fs = copy_fs_struct(current->fs);
	return p->fs ? 0 : -ENOMEM;
}

static int copy_mm(unsigned long clone_flags, struct task_struct *p)
{
	struct mm_struct *mm = current->mm;

	p->mm = NULL;
	p->active_mm = NULL;
	if (!mm)		/* a kernel thread */
		return 0;
	if (clone_flags & CLONE_VM) {
		mm->mm_users++;
		p->mm = p->active_mm = mm;
		return 0;
	}
	p->mm = p->active_mm = dup_mm(mm);
	return p->mm ? 0 : -ENOMEM;
}

/* the child's kernel stack: its pt_regs on top, then a frame switch_to pops */
static void copy_thread(struct task_struct *p, unsigned long newsp, struct pt_regs *regs)
{
	unsigned long top = (unsigned long)p->thread_info + THREAD_SIZE;
	struct pt_regs *childregs = (struct pt_regs *)top - 1;
	unsigned long *sp = (unsigned long *)childregs;

	*childregs = *regs;
	childregs->eax = 0;		/* fork returns 0 in the child */
	if (user_mode(regs) && newsp)
		childregs->esp = newsp;
	*--sp = (unsigned long)ret_from_fork;	/* switch_to_asm returns here */
	*--sp = 0;				/* ebp */
	*--sp = 0;				/* ebx */
	*--sp = 0;				/* esi */
	*--sp = 0;				/* edi */
	p->thread.esp = (unsigned long)sp;
	p->thread.esp0 = top;
	unlazy_fpu(current);
	p->thread.i387 = current->thread.i387;
}

static struct task_struct *copy_process(unsigned long clone_flags, unsigned long stack_start,
					struct pt_regs *regs, int __user *child_tidptr,
					unsigned long tls)
{
	struct task_struct *p;
	int err = -EINVAL;

	/* Linux's refusals: namespaces are configured out here */
	if (clone_flags & CLONE_NEWNS)
		return ERR_PTR(-EINVAL);
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return ERR_PTR(-EINVAL);
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return ERR_PTR(-EINVAL);
	/* a group that is being killed makes no more threads */
	if ((clone_flags & CLONE_THREAD) && (current->signal->flags & SIGNAL_GROUP_EXIT))
		return ERR_PTR(-EAGAIN);
	if (!max_threads)
		fork_init();
	/*
	 * RLIMIT_NPROC: the tasks of our real uid, zombies included; root and
	 * CAP_SYS_RESOURCE/CAP_SYS_ADMIN may pass it. The table's own size
	 * holds for everyone, as in Linux's copy_process.
	 */
	if ((unsigned long)current->user->processes >= current->rlim[RLIMIT_NPROC].rlim_cur &&
	    current->user != &root_user && !capable(CAP_SYS_RESOURCE) && !capable(CAP_SYS_ADMIN))
		return ERR_PTR(-EAGAIN);
	if (nr_threads >= max_threads)
		return ERR_PTR(-EAGAIN);

	p = alloc_task_struct();
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->pid = alloc_pidmap();
	if (p->pid < 0) {
		err = p->pid;
		free_pages((unsigned long)p->thread_info, 1);
		kfree(p);
		return ERR_PTR(err);
	}
	nr_threads++;
	p->user->count++;		/* free_task gives both back */
	p->user->processes++;
	p->tgid = p->pid;
	p->flags &= ~PF_EXITING;
	if (!user_mode(regs))
		p->flags |= PF_KTHREAD;
	else
		p->flags &= ~PF_KTHREAD;
	/* a kernel thread runs under the BKL from its first instruction (schedule_tail) */
	p->lock_depth = (p->flags & PF_KTHREAD) ? 0 : -1;
	p->migrate_pending = 0;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->thread_group);
	init_waitqueue_head(&p->wait_chldexit);
	INIT_LIST_HEAD(&p->pending.list);
	sigemptyset(&p->pending.signal);
	p->pending.count = 0;
	p->pdeath_signal = 0;
	p->jobctl = 0;
	p->utime = p->stime = 0;
	p->cutime = p->cstime = 0;
	p->vfork_done = NULL;		/* points into the vfork parent's stack */
	p->robust_list = NULL;
	p->sched_time = 0;
	p->start_time = get_jiffies_64();
	p->exit_code = 0;
	p->exit_signal = clone_flags & CSIGNAL;
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? child_tidptr : NULL;
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? child_tidptr : NULL;
	p->sysvsem = NULL;
	p->files = current->files;
	p->fs = current->fs;
	p->sighand = current->sighand;
	p->signal = current->signal;
	if (clone_flags & CLONE_THREAD) {
		p->tgid = current->tgid;
		p->group_leader = current->group_leader;
		p->exit_signal = -1;	/* a thread reaps itself */
	} else {
		p->group_leader = p;
	}

	err = copy_signal(clone_flags, p);
	if (err)
		goto bad_fork_free;
	err = copy_semundo(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_signal;
	err = copy_files(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_semundo;
	err = copy_fs(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_files;
	err = copy_sighand(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_fs;
	err = copy_mm(clone_flags, p);
	if (err)
		goto bad_fork_cleanup_sighand;
	copy_thread(p, stack_start, regs);
	/* a child sharing the memory but not waiting for it must not share its signal stack */
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		sas_ss_reset(p);
	if (clone_flags & CLONE_SETTLS) {
		err = do_set_thread_area(p, (struct user_desc __user *)tls);
		if (err)
			goto bad_fork_cleanup_mm;
	}
	sched_fork(p);

	/* parent, child list, and the global task list, all at once */
	{
		unsigned long flags;

		/* the thread group's stop count is the siglock's (order: tasklist, siglock) */
		spin_lock_irqsave(&tasklist_lock, flags);
		spin_lock(&current->sighand->siglock);
		/*
		 * Children belong to the group leader, so that any thread may
		 * wait for them and they outlive the thread that forked them.
		 */
		struct task_struct *leader = current->group_leader;

		p->real_parent = p->parent = (clone_flags & (CLONE_PARENT | CLONE_THREAD)) ?
						     leader->parent : leader;
		/*
		 * A kernel thread waits only for the children it starts itself
		 * (the shell's "run"); a CLONE_PARENT sibling of one of those
		 * goes to the reaper when it exits, or it would stay a zombie.
		 */
		p->flags &= ~PF_TO_REAPER;
		if ((p->parent->flags & PF_KTHREAD) && p->parent != child_reaper &&
		    !(current->flags & PF_KTHREAD))
			p->flags |= PF_TO_REAPER;
		if (clone_flags & CLONE_THREAD) {
			p->flags &= ~PF_TO_REAPER;
			list_add_tail(&p->thread_group, &leader->thread_group);
			/* a group stop under way: the new thread stops too before it runs */
			if (current->signal->group_stop_count > 0) {
				current->signal->group_stop_count++;
				p->jobctl |= JOBCTL_STOP_PENDING;
				set_tsk_thread_flag(p, TIF_SIGPENDING);
			}
		} else {
			list_add_tail(&p->sibling, &p->parent->children);
		}
		list_add_tail(&p->tasks, &task_list);
		spin_unlock(&current->sighand->siglock);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	return p;

bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm);
bad_fork_cleanup_sighand:
	if (!(clone_flags & CLONE_SIGHAND))
		kfree(p->sighand);
	else
		current->sighand->count--;
bad_fork_cleanup_fs:
	if (p->fs)
		put_fs_struct(p->fs);
bad_fork_cleanup_files:
	if (p->files)
		put_files_struct(p->files);
bad_fork_cleanup_semundo:
	exit_sem(p);
bad_fork_cleanup_signal:
	if (clone_flags & CLONE_THREAD) {
		current->signal->count--;
		current->signal->live--;
	} else {
		kfree(p->signal);
	}
bad_fork_free:
	free_task(p);
	return ERR_PTR(err);
}

long do_fork(unsigned long clone_flags, unsigned long stack_start, struct pt_regs *regs,
	     int __user *parent_tidptr, int __user *child_tidptr, unsigned long tls)
{
	struct task_struct *p;
	struct vfork_done vfork;
	long pid;

	p = copy_process(clone_flags, stack_start, regs, child_tidptr, tls);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	if (clone_flags & CLONE_PARENT_SETTID)
		put_user(pid, parent_tidptr);
	if (clone_flags & CLONE_VFORK) {
		vfork.done = 0;
		init_waitqueue_head(&vfork.wait);
		p->vfork_done = &vfork;
	}
	wake_up_new_task(p);
	if (clone_flags & CLONE_VFORK)	/* until the child execs or exits */
		wait_event(vfork.wait, vfork.done);
	return pid;
}

/* the child is done with the parent's memory: let the parent go on */
void complete_vfork_done(struct task_struct *p)
{
	struct vfork_done *v = p->vfork_done;

	if (!v)
		return;
	p->vfork_done = NULL;
	v->done = 1;
	wake_up(&v->wait);
}

pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.ebx = (unsigned long)fn;
	regs.edx = (unsigned long)arg;
	regs.xds = __KERNEL_DS;
	regs.xes = __KERNEL_DS;
	regs.orig_eax = -1;
	regs.eip = (unsigned long)kernel_thread_helper;
	regs.xcs = __KERNEL_CS;
	regs.eflags = 0x202;	/* interrupts on */
	return do_fork(flags | CLONE_VM, 0, &regs, NULL, NULL, 0);
}

long sys_fork(struct pt_regs regs)
{
	return do_fork(SIGCHLD, regs.esp, &regs, NULL, NULL, 0);
}

long sys_vfork(struct pt_regs regs)
{
	return do_fork(CLONE_VFORK | CLONE_VM | SIGCHLD, regs.esp, &regs, NULL, NULL, 0);
}

/* clone(flags, newsp, parent_tidptr, tls, child_tidptr): ebx ecx edx esi edi */
long sys_clone(struct pt_regs regs)
{
	unsigned long newsp = regs.ecx;

	if (regs.ebx & CLONE_PARENT && current == child_reaper)
		return -EINVAL;	/* init has no parent to share */

	if (!newsp)
		newsp = regs.esp;
	return do_fork(regs.ebx, newsp, &regs, (int __user *)regs.edx,
		       (int __user *)regs.edi, regs.esi);
}

/*
 * fs/exec.c - execve (Linux: fs/exec.c). Gather the new program's arguments
 * and environment while the old address space still exists, find a loader
 * for the file (ELF, or a #! script that names another file), then throw the
 * old program away - its memory, its close-on-exec files, its caught signal
 * handlers, its TLS - and start the new one.
 */
#include <kernel/binfmts.h>
#include <kernel/desc.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fork.h>
#include <kernel/fs.h>
#include <kernel/futex.h>
#include <kernel/io.h>
#include <kernel/mmu_context.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/namei.h>
#include <kernel/printk.h>
#include <kernel/ptrace.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

void clear_tls(struct task_struct *p);
void init_fpu(struct task_struct *t);
extern void start_user_thread(struct pt_regs *regs) __attribute__((noreturn));

/*
 * The strings live in chunks of whole pages, a new one when a string does
 * not fit in the newest (at least 64 KiB, so small strings share); a string
 * never straddles two chunks, so argv and envp can point into them.
 */
struct arg_chunk {
	struct arg_chunk *next;
	char *data;
	unsigned int order;
	size_t used;
};

static char *arg_space(struct linux_binprm *bprm, size_t n)
{
	struct arg_chunk *c = bprm->chunks;
	unsigned int order = 4;

	if (n > bprm->arg_left)
		return ERR_PTR(-E2BIG);
	if (!c || c->used + n > (PAGE_SIZE << c->order)) {
		while ((PAGE_SIZE << order) < n)
			order++;
		c = kmalloc(sizeof(*c), GFP_KERNEL);
		if (!c)
			return ERR_PTR(-ENOMEM);
		c->data = (char *)__get_free_pages(GFP_KERNEL, order);
		if (!c->data) {
			kfree(c);
			return ERR_PTR(-ENOMEM);
		}
		c->order = order;
		c->used = 0;
		c->next = bprm->chunks;
		bprm->chunks = c;
	}
	bprm->arg_left -= n;
	c->used += n;
	return c->data + c->used - n;
}

/* copy the kernel string s (a filename, a #! line's words); its address goes to *slot */
int bprm_add_string(struct linux_binprm *bprm, const char *s, char **slot)
{
	size_t n = strlen(s) + 1;
	char *p;

	if (n > MAX_ARG_STRLEN)
		return -E2BIG;
	p = arg_space(bprm, n);
	if (IS_ERR(p))
		return PTR_ERR(p);
	memcpy(p, s, n);
	*slot = p;
	return 0;
}

/*
 * How many strings a user array holds (Linux: count()). Past what the limit
 * could hold, as pointers alone, it is E2BIG without reading further.
 */
static int count_strings(char __user *__user *uv, unsigned long most)
{
	char __user *up;
	int n = 0;

	if (!uv)
		return 0;
	for (;;) {
		if (get_user(up, uv + n))
			return -EFAULT;
		if (!up)
			return n;
		if ((unsigned long)n >= most || n >= MAX_ARG_STRINGS)
			return -E2BIG;
		n++;
	}
}

/* the first count strings of the user array uv into kv (room for them and a NULL) */
static int copy_strings(struct linux_binprm *bprm, char __user *__user *uv, char **kv, int count)
{
	for (int n = 0; n < count; n++) {
		char __user *up;
		long len;
		char *p;

		if (get_user(up, uv + n))
			return -EFAULT;
		/* the array may have changed since it was counted */
		if (!up)
			return -EFAULT;
		len = strnlen_user(up, MAX_ARG_STRLEN);
		if (!len)
			return -EFAULT;
		if (len > MAX_ARG_STRLEN)
			return -E2BIG;
		p = arg_space(bprm, len);
		if (IS_ERR(p))
			return PTR_ERR(p);
		if (copy_from_user(p, up, len))
			return -EFAULT;
		p[len - 1] = '\0';
		kv[n] = p;
	}
	kv[count] = NULL;
	return 0;
}

/*
 * Linux's bprm_stack_limits: the strings may take a quarter of
 * RLIMIT_STACK, no more than 6 MiB and no less than 32 pages, less the
 * pointers of argv and envp (an empty argv counted as one).
 */
static int arg_limits(struct linux_binprm *bprm)
{
	unsigned long limit = current->rlim[RLIMIT_STACK].rlim_cur / 4;
	unsigned long ptrs = ((unsigned long)(bprm->argc ? bprm->argc : 1) + bprm->envc) *
			     sizeof(void *);

	if (limit > ARG_MAX_CAP)
		limit = ARG_MAX_CAP;
	if (limit < ARG_MAX_MIN)
		limit = ARG_MAX_MIN;
	if (limit <= ptrs)
		return -E2BIG;
	bprm->arg_left = limit - ptrs;
	return 0;
}

/*
 * The file to execute. As Linux's open_exec, only execute permission is
 * checked (a mode-0711 binary runs for anyone); the file is then opened for
 * the kernel's own reading, which needs no read permission.
 */
struct file *open_exec(const char *name)
{
	struct nameidata nd;
	struct inode *inode;
	int err;

	err = path_lookup(name, LOOKUP_FOLLOW, &nd);
	if (err)
		return ERR_PTR(err);
	inode = nd.path.dentry->d_inode;
	err = -EACCES;
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111) ||
	    (nd.path.mnt->mnt_flags & MNT_NOEXEC))
		goto fail;
	err = permission(inode, MAY_EXEC, NULL);
	if (err)
		goto fail;
	return dentry_open(nd.path.dentry, nd.path.mnt, O_RDONLY);
fail:
	path_release(&nd);
	return ERR_PTR(err);
}

int prepare_binprm(struct linux_binprm *bprm)
{
	int n;

	memset(bprm->buf, 0, BINPRM_BUF_SIZE);
	n = kernel_read(bprm->file, 0, bprm->buf, BINPRM_BUF_SIZE);
	return n < 0 ? n : 0;
}

int search_binary_handler(struct linux_binprm *bprm, struct pt_regs *regs)
{
	if (bprm->buf[0] == '#' && bprm->buf[1] == '!')
		return load_script(bprm, regs);
	if (!memcmp(bprm->buf, "\177ELF", 4))
		return load_elf_binary(bprm, regs);
	return -ENOEXEC;
}

/*
 * exec in a threaded process: kill the other threads and wait until they are
 * gone; a thread that is not the leader then takes over the leader's pid and
 * place under the parent, and the old leader is released (Linux: de_thread).
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *leader, *c;
	unsigned long flags;
	pid_t tid;

	if (thread_group_empty(tsk))
		return 0;
	/* the group exit state is the siglock's: a SIGKILL from an interrupt sets it too */
	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {	/* exit_group or another exec got there first */
		spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
		return -EAGAIN;
	}
	sig->flags = SIGNAL_GROUP_EXIT;	/* a group stop under way ends too */
	sig->group_exit_code = SIGKILL;
	sig->group_exit_task = tsk;
	/*
	 * Sleep until the others are released (release_task counts notify_count
	 * down and wakes us at 0); a leader other than us is never released
	 * here, it only becomes a zombie (Linux 2.6: group_exit_task and
	 * notify_count, today's counting).
	 */
	sig->notify_count = zap_other_threads(tsk);
	leader = tsk->group_leader;
	if (leader != tsk)
		sig->notify_count--;
	/* the waits and the takeover are process context (the BKL); interrupts stay off */
	spin_unlock(&tsk->sighand->siglock);
	while (sig->notify_count > 0) {
		__set_current_state(TASK_UNINTERRUPTIBLE);
		local_irq_restore(flags);
		schedule();
		flags = local_irq_save();
	}
	/* and for the leader to be a zombie: exit_notify wakes us when notify_count is -1 */
	while (leader != tsk) {
		sig->notify_count = -1;
		if (leader->state & EXIT_ZOMBIE)
			break;
		__set_current_state(TASK_UNINTERRUPTIBLE);
		local_irq_restore(flags);
		schedule();
		flags = local_irq_save();
	}
	sig->notify_count = 0;
	if (!thread_group_leader(tsk)) {
		tid = tsk->pid;
		tsk->pid = leader->pid;
		leader->pid = tid;	/* release_task frees it */
		tsk->real_parent = leader->real_parent;
		tsk->parent = leader->parent;
		tsk->exit_signal = leader->exit_signal;
		tsk->start_time = leader->start_time;
		tsk->cutime += leader->cutime;	/* the group's reaped children */
		tsk->cstime += leader->cstime;
		list_add(&tsk->sibling, &leader->sibling);
		list_del(&leader->sibling);
		INIT_LIST_HEAD(&leader->sibling);
		list_for_each_entry(c, &leader->children, sibling)
			c->real_parent = c->parent = tsk;
		if (!list_empty(&leader->children)) {
			tsk->children.next = leader->children.next;
			tsk->children.prev = leader->children.prev;
			tsk->children.next->prev = &tsk->children;
			tsk->children.prev->next = &tsk->children;
			INIT_LIST_HEAD(&leader->children);
		}
		tsk->group_leader = tsk;
		leader->group_leader = tsk;
		sig->tsk = tsk;		/* the process's timers signal through us now */
		leader->exit_signal = -1;
		leader->state = EXIT_DEAD;
		release_task(leader);
	}
	spin_lock(&tsk->sighand->siglock);
	sig->flags = 0;
	sig->group_exit_code = 0;
	sig->group_exit_task = NULL;
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	return 0;
}

/*
 * The point of no return: a fresh address space, and nothing of the old
 * program that must not survive exec. Errors past here kill the process.
 */
int flush_old_exec(struct linux_binprm *bprm)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = mm_alloc(), *old = tsk->mm, *prev_active;
	const char *base;
	int err;

	if (!mm)
		return -ENOMEM;
	err = de_thread(tsk);
	if (err) {
		mmput(mm);
		return err;
	}
	exit_robust_list(tsk);	/* the old image's locks die with it */
	/*
	 * Handlers and fds shared with a CLONE_SIGHAND/CLONE_FILES parent stay
	 * the parent's: the new program resets and closes its own copies
	 * (Linux: de_thread and unshare_files).
	 */
	if (tsk->sighand->count > 1) {
		struct sighand_struct *sh = kmalloc(sizeof(*sh), GFP_KERNEL);

		if (!sh) {
			mmput(mm);
			return -ENOMEM;
		}
		struct sighand_struct *old = tsk->sighand;
		unsigned long flags;

		memcpy(sh->action, old->action, sizeof(sh->action));
		spin_lock_init(&sh->siglock);
		sh->count = 1;
		spin_lock_irqsave(&old->siglock, flags);	/* lock_task_sighand re-checks */
		old->count--;
		tsk->sighand = sh;
		spin_unlock_irqrestore(&old->siglock, flags);
	}
	if (tsk->files && tsk->files->count > 1) {
		int err = 0;
		struct files_struct *files = dup_fd(tsk->files, &err);

		if (!files) {
			mmput(mm);
			return err ? err : -ENOMEM;
		}
		put_files_struct(tsk->files);
		tsk->files = files;
	}
	complete_vfork_done(tsk);	/* the vfork parent may run again */
	prev_active = tsk->active_mm;
	tsk->mm = tsk->active_mm = mm;
	switch_mm(prev_active, mm);
	if (old)
		mmput(old);
	if (tsk->files)
		flush_old_files(tsk->files);
	flush_signal_handlers(tsk);
	exit_itimers(tsk->signal);	/* POSIX timers go; the interval timers stay */
	clear_tls(tsk);
	init_fpu(tsk);
	asm volatile("fxrstor %0" : : "m"(tsk->thread.i387));
	base = strrchr(bprm->filename, '/');
	strlcpy(tsk->comm, base ? base + 1 : bprm->filename, sizeof(tsk->comm));
	return 0;
}

static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->file && !IS_ERR(bprm->file))
		fput(bprm->file);
	while (bprm->chunks) {
		struct arg_chunk *c = bprm->chunks;

		bprm->chunks = c->next;
		free_pages((unsigned long)c->data, c->order);
		kfree(c);
	}
	kfree(bprm->argv);
	kfree(bprm);
}

/* filename is a kernel string; argv and envp are read with the current limit */
int do_execve(char *filename, char __user *__user *argv, char __user *__user *envp,
	      struct pt_regs *regs)
{
	struct linux_binprm *bprm;
	int err = -ENOMEM;

	sched_exec();		/* the cheapest moment to change CPU */
	bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	if (!bprm)
		return -ENOMEM;
	/* Linux's order: the file, the counts and the limit, the name, envp, argv */
	bprm->file = open_exec(filename);
	err = PTR_ERR(bprm->file);
	if (IS_ERR(bprm->file))
		goto out;
	err = bprm->argc = count_strings(argv, ARG_MAX_CAP / sizeof(void *));
	if (err < 0)
		goto out;
	err = bprm->envc = count_strings(envp, ARG_MAX_CAP / sizeof(void *));
	if (err < 0)
		goto out;
	err = arg_limits(bprm);
	if (err)
		goto out;
	/* room for what #! lines add: two strings a level, and the NULLs */
	bprm->argv_room = bprm->argc + 1 + 2 * (MAX_INTERP_DEPTH + 1);
	err = -ENOMEM;
	bprm->argv = kmalloc(((size_t)bprm->argv_room + bprm->envc + 1) * sizeof(char *),
			     GFP_KERNEL);
	if (!bprm->argv)
		goto out;
	bprm->envp = bprm->argv + bprm->argv_room;
	err = bprm_add_string(bprm, filename, &bprm->filename);
	if (err)
		goto out;
	bprm->interp = bprm->filename;
	err = copy_strings(bprm, envp, bprm->envp, bprm->envc);
	if (err)
		goto out;
	err = copy_strings(bprm, argv, bprm->argv, bprm->argc);
	if (err)
		goto out;
	err = prepare_binprm(bprm);
	if (err)
		goto out;
	err = search_binary_handler(bprm, regs);
out:
	free_bprm(bprm);
	return err;
}

long sys_execve(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	char *filename = kmalloc(PATH_MAX, GFP_KERNEL);
	long len, err;

	if (!filename)
		return -ENOMEM;
	len = strncpy_from_user(filename, (const char __user *)regs->ebx, PATH_MAX);
	err = len < 0 ? len : len == PATH_MAX ? -ENAMETOOLONG : !len ? -ENOENT : 0;
	if (!err)
		err = do_execve(filename, (char __user *__user *)regs->ecx,
				(char __user *__user *)regs->edx, regs);
	kfree(filename);
	return err;
}

/*
 * A kernel thread becomes a user process: exec with kernel-space arguments,
 * then leave through the normal return path into the new program.
 */
int kernel_execve(const char *filename, char *const argv[], char *const envp[])
{
	struct pt_regs *regs = task_pt_regs(current);
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	mm_segment_t old = get_fs();
	int err;

	if (!name)
		return -ENOMEM;
	strlcpy(name, filename, PATH_MAX);
	set_fs(KERNEL_DS);
	err = do_execve(name, (char **)argv, (char **)envp, regs);
	kfree(name);
	if (err) {
		set_fs(old);
		return err;
	}
	set_fs(USER_DS);
	current->flags &= ~PF_KTHREAD;
	start_user_thread(regs);
}

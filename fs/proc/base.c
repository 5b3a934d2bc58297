/*
 * fs/proc/base.c - /proc/PID, /proc/PID/task/TID and /proc/self (Linux:
 * fs/proc/base.c, fs/proc/fd.c): one directory per process and one per
 * thread, built on lookup from a table of their entries; the links exe, cwd, root and fd/N; cmdline and environ read
 * straight from the process's memory. Inodes belong to the process's euid
 * and egid, so the 0400/0500 modes keep other users out, as in Linux.
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs_struct.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/dirent.h>

#define PIPEFS_MAGIC 0x50495045
#define SOCKFS_MAGIC 0x534F434B

/* the process an inode of /proc/PID stands for, while it has not been reaped */
struct task_struct *get_proc_task(const struct inode *inode)
{
	pid_t pid = PROC_I(inode)->pid;
	struct task_struct *p = pid > 0 ? find_task_by_pid(pid) : NULL;

	return p && !(p->state & EXIT_DEAD) ? p : NULL;
}

/*
 * May the caller look inside task p (its links, fds, environment)? As
 * Linux's ptrace_may_access(PTRACE_MODE_READ_FSCREDS): the fsuid and fsgid
 * match all of p's user and group ids, or CAP_SYS_PTRACE (root).
 */
int ptrace_may_access(struct task_struct *p)
{
	if (p == current || capable(CAP_SYS_PTRACE))
		return 1;
	return current->fsuid == p->uid && current->fsuid == p->euid &&
	       current->fsuid == p->suid && current->fsgid == p->gid &&
	       current->fsgid == p->egid && current->fsgid == p->sgid;
}

static pid_t name_to_int(const struct qstr *name)
{
	pid_t n = 0;

	for (unsigned int i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9' || n > 10000000)
			return -1;
		n = n * 10 + (name->name[i] - '0');
	}
	return name->len && (name->len == 1 || name->name[0] != '0') ? n : -1;
}

static struct inode *proc_pid_make_inode(struct super_block *sb, struct task_struct *task)
{
	struct inode *inode = proc_get_inode(sb, 0, NULL);

	if (!inode)
		return NULL;
	PROC_I(inode)->pid = task->pid;
	inode->i_uid = task->euid;
	inode->i_gid = task->egid;
	return inode;
}

/* ---- links: exe, cwd, root, fd/N ---- */

static int proc_exe_link(struct task_struct *task, struct path *path)
{
	if (!task->mm || !task->mm->exe_file)
		return -ENOENT;		/* a kernel thread or a zombie runs no program */
	*path = task->mm->exe_file->f_path;
	return 0;
}

static int proc_cwd_link(struct task_struct *task, struct path *path)
{
	if (!task->fs)
		return -ENOENT;
	*path = task->fs->pwd;
	return 0;
}

static int proc_root_link(struct task_struct *task, struct path *path)
{
	if (!task->fs)
		return -ENOENT;
	*path = task->fs->root;
	return 0;
}

/* the link of a task's link entry is readable and followable only with access */
static int proc_link_check(struct dentry *d)
{
	struct task_struct *p = get_proc_task(d->d_inode);

	if (!p)
		return -ENOENT;
	return ptrace_may_access(p) ? 0 : -EACCES;
}

static int proc_pid_readlink(struct dentry *d, char __user *buf, int buflen)
{
	int err = proc_link_check(d);

	return err ? err : simple_readlink(d, buf, buflen);
}

static int proc_pid_follow_link(struct dentry *d, struct nameidata *nd)
{
	(void)nd;
	return proc_link_check(d);
}

static const struct inode_operations proc_pid_link_inode_operations = {
	.readlink = proc_pid_readlink,
	.follow_link = proc_pid_follow_link,
};

/* what an open file is called: its path, or pipe:[INODE], socket:[INODE] */
static int proc_file_name(struct file *f, char *buf, int len, char **name)
{
	struct inode *inode = file_inode(f);

	if (inode->i_sb->s_magic == PIPEFS_MAGIC) {
		snprintf(buf, len, "pipe:[%lu]", inode->i_ino);
		*name = buf;
	} else if (inode->i_sb->s_magic == SOCKFS_MAGIC) {
		snprintf(buf, len, "socket:[%lu]", inode->i_ino);
		*name = buf;
	} else {
		*name = d_path(f->f_path.dentry, f->f_path.mnt, buf, len);
		if (IS_ERR(*name))
			return PTR_ERR(*name);
	}
	return 0;
}

/* a symlink inode whose body is the text, with the access check */
static struct inode *proc_link_inode(struct super_block *sb, struct task_struct *task,
				     const char *text)
{
	struct inode *inode = proc_pid_make_inode(sb, task);

	if (inode && proc_set_link(inode, text)) {
		iput(inode);
		return NULL;
	}
	if (inode)
		inode->i_op = &proc_pid_link_inode_operations;
	return inode;
}

/* ---- cmdline and environ: the process's own memory ---- */

static ssize_t proc_mem_range_read(struct file *f, char __user *buf, size_t count,
				   loff_t *ppos, int environ)
{
	struct task_struct *task = get_proc_task(file_inode(f));
	unsigned long start, end, pos;
	char *page;
	ssize_t done = 0;

	if (!task)
		return -ESRCH;
	if (!task->mm || *ppos < 0)
		return 0;
	start = environ ? task->mm->env_start : task->mm->arg_start;
	end = environ ? task->mm->env_end : task->mm->arg_end;
	if ((unsigned long long)*ppos >= end - start)
		return 0;
	pos = start + (unsigned long)*ppos;
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	while (count && pos < end) {
		int n = count < PAGE_SIZE ? count : PAGE_SIZE, got;

		if ((unsigned long)n > end - pos)
			n = end - pos;
		got = access_process_vm(task, pos, page, n);
		if (got <= 0)
			break;
		if (copy_to_user(buf + done, page, got)) {
			if (!done)
				done = -EFAULT;
			break;
		}
		done += got;
		pos += got;
		count -= got;
		if (got < n)
			break;
	}
	kfree(page);
	if (done > 0)
		*ppos += done;
	return done;
}

static ssize_t proc_cmdline_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
	return proc_mem_range_read(f, buf, count, ppos, 0);
}

static ssize_t proc_environ_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
	return proc_mem_range_read(f, buf, count, ppos, 1);
}

/* environ: another user's is EACCES at open, as Linux's mem_open */
static int proc_environ_open(struct inode *inode, struct file *f)
{
	struct task_struct *task = get_proc_task(inode);

	(void)f;
	if (!task)
		return -ESRCH;
	return ptrace_may_access(task) ? 0 : -EACCES;
}

static const struct file_operations proc_cmdline_operations = {
	.read = proc_cmdline_read,
	.llseek = generic_file_llseek,
};

static const struct file_operations proc_environ_operations = {
	.open = proc_environ_open,
	.read = proc_environ_read,
	.llseek = generic_file_llseek,
};

/* ---- seq_file readers of a task ---- */

static int proc_single_show(struct seq_file *m, void *v)
{
	struct inode *inode = v;
	struct task_struct *task = get_proc_task(inode);

	if (!task)
		return -ESRCH;
	return PROC_I(inode)->op.proc_show(m, task);
}

static int proc_single_open(struct inode *inode, struct file *f)
{
	return single_open(f, proc_single_show, inode);
}

static const struct file_operations proc_single_file_operations = {
	.open = proc_single_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int proc_pid_comm(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%s\n", task->comm);
	return 0;
}

/*
 * comm is writable by the task's own group only (a thread names itself or
 * a sibling, as pthread_setname_np does): the first 15 bytes written, a
 * newline included, become the name, whatever the offset; the whole count
 * is taken. Another process's is EINVAL (Linux: comm_write).
 */
static ssize_t proc_comm_write(struct file *f, const char __user *buf, size_t count,
			       loff_t *ppos)
{
	struct task_struct *task = get_proc_task(file_inode(f));
	char comm[TASK_COMM_LEN];

	(void)ppos;
	memset(comm, 0, sizeof(comm));
	if (copy_from_user(comm, buf, count < sizeof(comm) - 1 ? count : sizeof(comm) - 1))
		return -EFAULT;
	if (!task)
		return -ESRCH;
	if (task->tgid != current->tgid)
		return -EINVAL;
	memcpy(task->comm, comm, sizeof(comm));
	return count;
}

static const struct file_operations proc_comm_operations = {
	.open = proc_single_open,
	.read = seq_read,
	.write = proc_comm_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int proc_pid_limits(struct seq_file *m, struct task_struct *task)
{
	static const struct { const char *name, *unit; } lnames[RLIM_NLIMITS] = {
		{ "Max cpu time", "seconds" }, { "Max file size", "bytes" },
		{ "Max data size", "bytes" }, { "Max stack size", "bytes" },
		{ "Max core file size", "bytes" }, { "Max resident set", "bytes" },
		{ "Max processes", "processes" }, { "Max open files", "files" },
		{ "Max locked memory", "bytes" }, { "Max address space", "bytes" },
		{ "Max file locks", "locks" }, { "Max pending signals", "signals" },
		{ "Max msgqueue size", "bytes" }, { "Max nice priority", NULL },
		{ "Max realtime priority", NULL }, { "Max realtime timeout", "us" },
	};

	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		const struct rlimit *r = &task->rlim[i];
		char soft[24], hard[24];

		if (r->rlim_cur == RLIM_INFINITY)
			strcpy(soft, "unlimited");
		else
			snprintf(soft, sizeof(soft), "%lu", r->rlim_cur);
		if (r->rlim_max == RLIM_INFINITY)
			strcpy(hard, "unlimited");
		else
			snprintf(hard, sizeof(hard), "%lu", r->rlim_max);
		seq_printf(m, "%-25s %-20s %-20s ", lnames[i].name, soft, hard);
		if (lnames[i].unit)
			seq_printf(m, "%-10s\n", lnames[i].unit);
		else
			seq_putc(m, '\n');
	}
	return 0;
}

static int proc_pid_mounts(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	return show_mounts(m, NULL);
}

/* ---- fd/ and fdinfo/ ---- */

/* the open file behind fd/N of task, with a reference; NULL if closed */
static struct file *proc_task_file(struct task_struct *task, int fd)
{
	struct fdtable *fdt;

	if (!task->files || fd < 0)
		return NULL;
	fdt = files_fdtable(task->files);
	if ((unsigned int)fd >= fdt->max_fds || !fdt->fd[fd])
		return NULL;
	return get_file(fdt->fd[fd]);
}

static int proc_fdinfo_show(struct seq_file *m, void *v)
{
	struct inode *inode = v;
	struct task_struct *task = get_proc_task(inode);
	struct file *f = task ? proc_task_file(task, PROC_I(inode)->fd) : NULL;
	unsigned int flags;

	if (!f)
		return -ENOENT;
	flags = f->f_flags;
	if (fd_is_set(PROC_I(inode)->fd, files_fdtable(task->files)->close_on_exec))
		flags |= O_CLOEXEC;
	seq_printf(m, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n",
		   f->f_pos, flags, 0, file_inode(f)->i_ino);
	fput(f);
	return 0;
}

static int proc_fdinfo_open(struct inode *inode, struct file *f)
{
	return single_open(f, proc_fdinfo_show, inode);
}

static const struct file_operations proc_fdinfo_file_operations = {
	.open = proc_fdinfo_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static struct dentry *proc_fd_lookup_common(struct inode *dir, struct dentry *d, int info)
{
	struct task_struct *task = get_proc_task(dir);
	int fd = name_to_int(&d->d_name);
	struct inode *inode = NULL;
	struct file *f;
	char *buf, *name;

	d->d_op = &proc_dentry_operations;
	if (!task)
		return ERR_PTR(-ENOENT);
	f = proc_task_file(task, fd);
	if (!f)
		return ERR_PTR(-ENOENT);
	if (info) {
		inode = proc_pid_make_inode(dir->i_sb, task);
		if (inode) {
			inode->i_mode = S_IFREG | 0444;
			inode->i_fop = &proc_fdinfo_file_operations;
		}
	} else if ((buf = kmalloc(PATH_MAX, GFP_KERNEL))) {
		if (!proc_file_name(f, buf, PATH_MAX, &name)) {
			inode = proc_link_inode(dir->i_sb, task, name);
			/* the mode tells which way the fd was opened, as Linux */
			if (inode)
				inode->i_mode = S_IFLNK | ((f->f_mode & FMODE_READ) ? 0500 : 0) |
						((f->f_mode & FMODE_WRITE) ? 0300 : 0);
		}
		kfree(buf);
	}
	fput(f);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	PROC_I(inode)->fd = fd;
	d_add(d, inode);
	return NULL;
}

static struct dentry *proc_fd_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	(void)nd;
	return proc_fd_lookup_common(dir, d, 0);
}

static struct dentry *proc_fdinfo_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	(void)nd;
	return proc_fd_lookup_common(dir, d, 1);
}

/* ".", "..", then one entry per open fd at position fd + 2 */
static int proc_readfd_common(struct file *f, void *dirent, filldir_t filldir, int info)
{
	struct inode *dir = file_inode(f);
	struct task_struct *task = get_proc_task(dir);
	struct fdtable *fdt;

	if (!task)
		return -ENOENT;
	while (f->f_pos < 2) {
		if (filldir(dirent, "..", f->f_pos + 1, f->f_pos, dir->i_ino, DT_DIR) < 0)
			return 0;
		f->f_pos++;
	}
	if (!task->files)
		return 0;
	fdt = files_fdtable(task->files);
	for (unsigned int fd = f->f_pos - 2; fd < fdt->max_fds; fd++) {
		char name[16];
		int len;

		if (!fdt->fd[fd])
			continue;
		len = snprintf(name, sizeof(name), "%u", fd);
		if (filldir(dirent, name, len, fd + 2, 0x10000 + fd, info ? DT_REG : DT_LNK) < 0)
			return 0;
		f->f_pos = fd + 3;
		fdt = files_fdtable(task->files);	/* filldir may sleep on a fault */
	}
	f->f_pos = (loff_t)fdt->max_fds + 2;
	return 0;
}

/* fd/: its mode and owner, or the process itself (Linux's proc_fd_permission) */
static int proc_fd_permission(struct inode *inode, int mask, struct nameidata *nd)
{
	(void)nd;
	if (!generic_permission(inode, mask))
		return 0;
	return get_proc_task(inode) == current ? 0 : -EACCES;
}

static int proc_readfd(struct file *f, void *dirent, filldir_t filldir)
{
	return proc_readfd_common(f, dirent, filldir, 0);
}

static int proc_readfdinfo(struct file *f, void *dirent, filldir_t filldir)
{
	return proc_readfd_common(f, dirent, filldir, 1);
}

static const struct inode_operations proc_fd_inode_operations = {
	.lookup = proc_fd_lookup,
	.permission = proc_fd_permission,
};

static const struct file_operations proc_fd_operations = {
	.read = generic_read_dir,
	.readdir = proc_readfd,
};

static const struct inode_operations proc_fdinfo_inode_operations = {
	.lookup = proc_fdinfo_lookup,
};

static const struct file_operations proc_fdinfo_operations = {
	.read = generic_read_dir,
	.readdir = proc_readfdinfo,
};

/* ---- /proc/PID and /proc/PID/task/TID ---- */

struct pid_entry {
	const char *name;
	mode_t mode;
	const struct inode_operations *iop;
	const struct file_operations *fop;
	union proc_op op;
};

#define DIR(NAME, MODE, IOP, FOP) { NAME, S_IFDIR | (MODE), IOP, FOP, { NULL } }
#define LNK(NAME, GET) { NAME, S_IFLNK | 0777, &proc_pid_link_inode_operations, NULL, \
			 { .proc_get_link = GET } }
#define REG(NAME, MODE, FOP) { NAME, S_IFREG | (MODE), NULL, FOP, { NULL } }
#define ONE(NAME, MODE, SHOW) { NAME, S_IFREG | (MODE), NULL, &proc_single_file_operations, \
				{ .proc_show = SHOW } }
#define ARRAY_LEN(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* what a process's and a thread's directories both hold */
#define PID_COMMON_STUFF \
	DIR("fd", 0500, &proc_fd_inode_operations, &proc_fd_operations), \
	DIR("fdinfo", 0555, &proc_fdinfo_inode_operations, &proc_fdinfo_operations), \
	REG("environ", 0400, &proc_environ_operations), \
	ONE("status", 0444, proc_pid_status), \
	ONE("limits", 0444, proc_pid_limits), \
	{ "comm", S_IFREG | 0644, NULL, &proc_comm_operations, { .proc_show = proc_pid_comm } }, \
	REG("cmdline", 0444, &proc_cmdline_operations), \
	ONE("statm", 0444, proc_pid_statm), \
	REG("maps", 0444, &proc_maps_operations), \
	ONE("mounts", 0444, proc_pid_mounts), \
	LNK("cwd", proc_cwd_link), \
	LNK("root", proc_root_link), \
	LNK("exe", proc_exe_link)

static const struct inode_operations proc_task_inode_operations;
static const struct file_operations proc_task_operations;

static const struct pid_entry tgid_base_stuff[] = {
	DIR("task", 0555, &proc_task_inode_operations, &proc_task_operations),
	ONE("stat", 0444, proc_tgid_stat),	/* the whole group's times */
	PID_COMMON_STUFF,
};

static const struct pid_entry tid_base_stuff[] = {
	ONE("stat", 0444, proc_tid_stat),	/* the thread's own */
	PID_COMMON_STUFF,
};

/* one entry of a task's directory (Linux: proc_pident_lookup) */
static struct dentry *proc_pident_lookup(struct inode *dir, struct dentry *d,
					 const struct pid_entry *ents, int nents)
{
	struct task_struct *task = get_proc_task(dir);
	const struct pid_entry *p = NULL;
	struct inode *inode;

	d->d_op = &proc_dentry_operations;
	for (int i = 0; i < nents; i++)
		if (strlen(ents[i].name) == d->d_name.len &&
		    !memcmp(ents[i].name, d->d_name.name, d->d_name.len))
			p = &ents[i];
	if (!task || !p)
		return ERR_PTR(-ENOENT);
	if (S_ISLNK(p->mode)) {
		struct path path;
		char *buf, *name;

		if (p->op.proc_get_link(task, &path))
			return ERR_PTR(-ENOENT);
		buf = kmalloc(PATH_MAX, GFP_KERNEL);
		if (!buf)
			return ERR_PTR(-ENOMEM);
		name = d_path(path.dentry, path.mnt, buf, PATH_MAX);
		inode = IS_ERR(name) ? NULL : proc_link_inode(dir->i_sb, task, name);
		kfree(buf);
	} else {
		inode = proc_pid_make_inode(dir->i_sb, task);
		if (inode) {
			inode->i_mode = p->mode;
			inode->i_op = p->iop;
			inode->i_fop = p->fop;
			inode->i_nlink = S_ISDIR(p->mode) ? 2 : 1;
		}
	}
	if (!inode)
		return ERR_PTR(-ENOMEM);
	PROC_I(inode)->op = p->op;
	d_add(d, inode);
	return NULL;
}

static int proc_pident_readdir(struct file *f, void *dirent, filldir_t filldir,
			       const struct pid_entry *ents, int nents)
{
	struct inode *dir = file_inode(f);

	if (!get_proc_task(dir))
		return -ENOENT;
	while (f->f_pos < 2 + nents) {
		int i = f->f_pos;
		const struct pid_entry *p = &ents[i - 2];
		int err = i < 2 ? filldir(dirent, "..", i + 1, i, dir->i_ino, DT_DIR)
				: filldir(dirent, p->name, strlen(p->name), i, dir->i_ino + i,
					  S_ISDIR(p->mode) ? DT_DIR : S_ISLNK(p->mode) ? DT_LNK : DT_REG);

		if (err < 0)
			break;
		f->f_pos++;
	}
	return 0;
}

static struct dentry *proc_tgid_base_lookup(struct inode *dir, struct dentry *d,
					    struct nameidata *nd)
{
	(void)nd;
	return proc_pident_lookup(dir, d, tgid_base_stuff, ARRAY_LEN(tgid_base_stuff));
}

static int proc_tgid_base_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	return proc_pident_readdir(f, dirent, filldir, tgid_base_stuff, ARRAY_LEN(tgid_base_stuff));
}

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup = proc_tgid_base_lookup,
};

static const struct file_operations proc_tgid_base_operations = {
	.read = generic_read_dir,
	.readdir = proc_tgid_base_readdir,
};

static struct dentry *proc_tid_base_lookup(struct inode *dir, struct dentry *d,
					   struct nameidata *nd)
{
	(void)nd;
	return proc_pident_lookup(dir, d, tid_base_stuff, ARRAY_LEN(tid_base_stuff));
}

static int proc_tid_base_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	return proc_pident_readdir(f, dirent, filldir, tid_base_stuff, ARRAY_LEN(tid_base_stuff));
}

static const struct inode_operations proc_tid_base_inode_operations = {
	.lookup = proc_tid_base_lookup,
};

static const struct file_operations proc_tid_base_operations = {
	.read = generic_read_dir,
	.readdir = proc_tid_base_readdir,
};

/*
 * /proc/PID/task: one directory per thread of the group, named by its tid
 * (Linux: proc_task_lookup, proc_task_readdir). A tid of another group, or
 * of a thread already gone, is ENOENT.
 */
static struct dentry *proc_task_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	struct task_struct *leader = get_proc_task(dir);
	pid_t tid = name_to_int(&d->d_name);
	struct task_struct *task = tid > 0 ? find_task_by_pid(tid) : NULL;
	struct inode *inode;

	(void)nd;
	d->d_op = &proc_dentry_operations;
	if (!leader || !task || (task->state & EXIT_DEAD) || task->tgid != leader->tgid)
		return ERR_PTR(-ENOENT);
	inode = proc_pid_make_inode(dir->i_sb, task);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = S_IFDIR | 0555;
	inode->i_nlink = 3;
	inode->i_op = &proc_tid_base_inode_operations;
	inode->i_fop = &proc_tid_base_operations;
	d_add(d, inode);
	return NULL;
}

/*
 * ".", "..", then the threads in tid order; position tid + 2 stands for tid,
 * so a thread that exits between two getdents moves no other (as
 * proc_pid_readdir does for processes).
 */
static int proc_task_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	struct inode *dir = file_inode(f);
	struct task_struct *leader = get_proc_task(dir);
	pid_t tgid;

	if (!leader)
		return -ENOENT;
	tgid = leader->tgid;
	while (f->f_pos < 2) {
		if (filldir(dirent, "..", f->f_pos + 1, f->f_pos, dir->i_ino, DT_DIR) < 0)
			return 0;
		f->f_pos++;
	}
	for (;;) {
		pid_t min = f->f_pos - 2;
		struct task_struct *p, *best = NULL;
		char num[16];
		int len;

		list_for_each_entry(p, &task_list, tasks) {
			if (p->tgid != tgid || p->pid < min || (p->state & EXIT_DEAD))
				continue;
			if (!best || p->pid < best->pid)
				best = p;
		}
		if (!best)
			break;
		len = snprintf(num, sizeof(num), "%d", best->pid);
		if (filldir(dirent, num, len, best->pid + 2, 0x30000 + best->pid, DT_DIR) < 0)
			return 0;
		f->f_pos = best->pid + 3;
	}
	f->f_pos = 2 + 0x800000;	/* past every tid */
	return 0;
}

static const struct inode_operations proc_task_inode_operations = {
	.lookup = proc_task_lookup,
};

static const struct file_operations proc_task_operations = {
	.read = generic_read_dir,
	.readdir = proc_task_readdir,
};

/* /proc/self: a link to the caller's own directory */
static struct inode *proc_self_inode(struct super_block *sb)
{
	struct inode *inode = proc_get_inode(sb, 0, NULL);
	char num[16];

	snprintf(num, sizeof(num), "%d", current->tgid);
	if (inode && proc_set_link(inode, num)) {
		iput(inode);
		return NULL;
	}
	if (inode)
		inode->i_op = &simple_symlink_inode_operations;
	return inode;
}

/* in /proc: "self", or a process by pid (zombies too, as Linux) */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	struct task_struct *task;
	struct inode *inode;
	pid_t pid;

	(void)nd;
	d->d_op = &proc_dentry_operations;
	if (d->d_name.len == 4 && !memcmp(d->d_name.name, "self", 4)) {
		inode = proc_self_inode(dir->i_sb);
		if (!inode)
			return ERR_PTR(-ENOMEM);
		d_add(d, inode);
		return NULL;
	}
	pid = name_to_int(&d->d_name);
	task = pid > 0 ? find_task_by_pid(pid) : NULL;
	/* a thread's tid finds it too, though readdir lists processes only (as Linux) */
	if (!task || (task->state & EXIT_DEAD))
		return ERR_PTR(-ENOENT);
	inode = proc_pid_make_inode(dir->i_sb, task);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = S_IFDIR | 0555;
	inode->i_nlink = 4;
	inode->i_op = &proc_tgid_base_inode_operations;
	inode->i_fop = &proc_tgid_base_operations;
	d_add(d, inode);
	return NULL;
}

/*
 * After /proc's own entries (positions below 'first'): "self", then the
 * processes in pid order. A position past "self" stands for a pid (pid +
 * first + 1), so a process exiting between two getdents calls moves no
 * other process's place, and none is listed twice or skipped.
 */
int proc_pid_readdir(struct file *f, void *dirent, filldir_t filldir, loff_t first)
{
	pid_t next;

	if (f->f_pos == first) {
		if (filldir(dirent, "self", 4, first, 0xffff0000, DT_LNK) < 0)
			return 0;
		f->f_pos++;
	}
	for (;;) {
		pid_t min = f->f_pos - first - 1;
		struct task_struct *p, *best = NULL;
		char num[16];
		int len;

		list_for_each_entry(p, &task_list, tasks) {
			if (p->pid < min || p->pid == 0 || p->pid != p->tgid ||
			    (p->state & EXIT_DEAD))
				continue;
			if (!best || p->pid < best->pid)
				best = p;
		}
		if (!best)
			break;
		next = best->pid;
		len = snprintf(num, sizeof(num), "%d", next);
		if (filldir(dirent, num, len, next + first + 1, 0x20000 + next, DT_DIR) < 0)
			return 0;
		f->f_pos = next + first + 2;
	}
	f->f_pos = first + 1 + 0x800000;	/* past every pid */
	return 0;
}

/*
 * fs/proc/root.c - a small /proc (Linux: fs/proc/root.c, base.c): "self",
 * a link to the caller's own directory, and one directory per process with
 * its "exe", a link to the program it runs. Every lookup builds its inode
 * afresh (nothing stays in the dentry cache), so the answers follow the
 * processes as they come and go.
 */
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <uapi/dirent.h>

#define PROC_SUPER_MAGIC 0x9fa0

static int proc_delete_dentry(struct dentry *d)
{
	(void)d;
	return 1;
}

static const struct dentry_operations proc_dentry_operations = {
	.d_delete = proc_delete_dentry,
};

static struct inode *proc_symlink_inode(struct super_block *sb, const char *target)
{
	struct inode *inode = new_inode(sb);
	size_t len = strlen(target);

	if (!inode)
		return NULL;
	inode->i_link = kmalloc(len + 1, GFP_KERNEL);
	if (!inode->i_link) {
		iput(inode);
		return NULL;
	}
	memcpy(inode->i_link, target, len + 1);
	inode->i_mode = S_IFLNK | 0777;
	inode->i_size = len;
	inode->i_op = &simple_symlink_inode_operations;
	return inode;
}

static pid_t name_to_pid(const struct qstr *name)
{
	pid_t pid = 0;

	for (unsigned int i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9' || pid > 1000000)
			return -1;
		pid = pid * 10 + (name->name[i] - '0');
	}
	return name->len ? pid : -1;
}

/* a live process with this pid (a zombie has no program any more) */
static struct task_struct *proc_task(pid_t pid)
{
	struct task_struct *p = pid > 0 ? find_task_by_pid(pid) : NULL;

	return p && !(p->state & (EXIT_ZOMBIE | EXIT_DEAD)) ? p : NULL;
}

/* ---- /proc/PID ---- */

/*
 * May the caller see where task p's links point? As Linux's
 * ptrace_may_access(PTRACE_MODE_READ_FSCREDS): its fsuid and fsgid must
 * match all of p's user and group ids, or it needs CAP_SYS_PTRACE (root).
 */
static int proc_access_allowed(struct task_struct *p)
{
	if (p == current || capable(CAP_SYS_PTRACE))
		return 1;
	return current->fsuid == p->uid && current->fsuid == p->euid &&
	       current->fsuid == p->suid && current->fsgid == p->gid &&
	       current->fsgid == p->egid && current->fsgid == p->sgid;
}

/* the pid's exe link: readable and followable only with that access */
static int proc_exe_check(struct dentry *d)
{
	struct task_struct *p = proc_task((pid_t)(unsigned long)d->d_inode->i_private);

	if (!p)
		return -ENOENT;
	return proc_access_allowed(p) ? 0 : -EACCES;
}

static int proc_exe_readlink(struct dentry *d, char __user *buf, int buflen)
{
	int err = proc_exe_check(d);

	return err ? err : simple_readlink(d, buf, buflen);
}

static int proc_exe_follow_link(struct dentry *d, struct nameidata *nd)
{
	(void)nd;
	return proc_exe_check(d);
}

static const struct inode_operations proc_exe_inode_operations = {
	.readlink = proc_exe_readlink,
	.follow_link = proc_exe_follow_link,
};

static struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	struct task_struct *p = proc_task((pid_t)(unsigned long)dir->i_private);
	struct inode *inode;
	char *buf, *path;

	(void)nd;
	d->d_op = &proc_dentry_operations;
	if (d->d_name.len != 3 || memcmp(d->d_name.name, "exe", 3))
		return ERR_PTR(-ENOENT);
	if (!p || !p->mm || !p->mm->exe_file)
		return ERR_PTR(-ENOENT);	/* a kernel thread runs no program */
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	path = d_path(p->mm->exe_file->f_path.dentry, p->mm->exe_file->f_path.mnt, buf, PATH_MAX);
	inode = IS_ERR_OR_NULL(path) ? NULL : proc_symlink_inode(dir->i_sb, path);
	kfree(buf);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_private = dir->i_private;	/* the pid, for the access check */
	inode->i_op = &proc_exe_inode_operations;
	d_add(d, inode);
	return NULL;
}

static int proc_pid_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	struct inode *dir = file_inode(f);

	while (f->f_pos < 3) {
		static const char *const names[] = { ".", "..", "exe" };
		static const unsigned char types[] = { DT_DIR, DT_DIR, DT_LNK };
		int i = f->f_pos;

		if (filldir(dirent, names[i], strlen(names[i]), i, dir->i_ino, types[i]) < 0)
			break;
		f->f_pos++;
	}
	return 0;
}

static const struct inode_operations proc_pid_inode_operations = {
	.lookup = proc_pid_lookup,
};

static const struct file_operations proc_pid_operations = {
	.read = generic_read_dir,
	.readdir = proc_pid_readdir,
};

/* ---- /proc ---- */

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	struct inode *inode;
	pid_t pid;

	(void)nd;
	d->d_op = &proc_dentry_operations;
	if (d->d_name.len == 4 && !memcmp(d->d_name.name, "self", 4)) {
		char num[16];

		snprintf(num, sizeof(num), "%d", current->tgid);
		inode = proc_symlink_inode(dir->i_sb, num);
		if (!inode)
			return ERR_PTR(-ENOMEM);
		d_add(d, inode);
		return NULL;
	}
	pid = name_to_pid(&d->d_name);
	if (!proc_task(pid))
		return ERR_PTR(-ENOENT);
	inode = new_inode(dir->i_sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = S_IFDIR | 0555;
	inode->i_nlink = 2;
	inode->i_private = (void *)(unsigned long)pid;
	inode->i_op = &proc_pid_inode_operations;
	inode->i_fop = &proc_pid_operations;
	d_add(d, inode);
	return NULL;
}

/* ".", "..", "self", then every process by pid; f_pos counts entries */
static int proc_root_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	struct inode *dir = file_inode(f);
	struct task_struct *p;
	loff_t n = 4;

	while (f->f_pos < 3) {
		static const char *const names[] = { ".", "..", "self" };
		static const unsigned char types[] = { DT_DIR, DT_DIR, DT_LNK };
		int i = f->f_pos;

		if (filldir(dirent, names[i], strlen(names[i]), i, dir->i_ino, types[i]) < 0)
			return 0;
		f->f_pos++;
	}
	list_for_each_entry(p, &task_list, tasks) {
		char num[16];
		int len;

		if (p->state & (EXIT_ZOMBIE | EXIT_DEAD))
			continue;
		if (n++ <= f->f_pos)
			continue;
		len = snprintf(num, sizeof(num), "%d", p->pid);
		if (filldir(dirent, num, len, f->f_pos, 1000 + p->pid, DT_DIR) < 0)
			return 0;
		f->f_pos++;
	}
	return 0;
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.read = generic_read_dir,
	.readdir = proc_root_readdir,
};

static int proc_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root;

	(void)data;
	(void)silent;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	root = new_inode(sb);
	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0555;
	root->i_nlink = 2;
	root->i_op = &proc_root_inode_operations;
	root->i_fop = &proc_root_operations;
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root) {
		iput(root);
		return -ENOMEM;
	}
	return 0;
}

static int proc_get_sb(struct file_system_type *type, int flags, const char *dev_name,
		       void *data, struct vfsmount *mnt)
{
	(void)dev_name;
	return get_sb_nodev(type, flags, data, proc_fill_super, mnt);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.get_sb = proc_get_sb,
	.kill_sb = kill_litter_super,
};

/* at boot, after the root is up: /proc, mounted */
void proc_root_init(void)
{
	long err;

	register_filesystem(&proc_fs_type);
	do_mkdirat(AT_FDCWD, "/proc", 0555);
	err = do_mount("proc", "/proc", "proc", 0, NULL);
	if (err)
		printk(KERN_ERR "proc: cannot mount /proc: %ld\n", err);
}

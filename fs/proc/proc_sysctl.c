/*
 * fs/proc/proc_sysctl.c - /proc/sys (Linux: fs/proc/proc_sysctl.c): one
 * directory per sysctl directory, one file per ctl_table entry, whose
 * reads and writes are the entry's proc_handler on a kernel copy of the
 * data. The entry's mode decides, for root too (Linux's test_perm).
 */
#include <kernel/proc_fs.h>
#include <kernel/sysctl.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/dirent.h>

#define SYSCTL_BUF_MAX	PAGE_SIZE	/* a longer write is EINVAL, as Linux's KMALLOC_MAX */

static int proc_sys_permission(struct inode *inode, int mask, struct nameidata *nd)
{
	struct ctl_table *table = PROC_I(inode)->sysctl;
	int mode;

	(void)nd;
	if (!table)
		return generic_permission(inode, mask);
	mode = table->mode;
	mode = current->euid == 0 ? mode >> 6 : mode;
	return (mask & ~mode & 7) ? -EACCES : 0;
}

static ssize_t proc_sys_call_handler(struct file *f, char __user *ubuf, size_t count,
				     loff_t *ppos, int write)
{
	struct ctl_table *table = PROC_I(file_inode(f))->sysctl;
	size_t len = count;
	char *kbuf;
	int err;

	if (*ppos < 0)
		return -EINVAL;
	if (!count)
		return 0;
	if (count >= SYSCTL_BUF_MAX) {
		if (write)
			return -EINVAL;
		len = count = SYSCTL_BUF_MAX - 1;
	}
	kbuf = kmalloc(count + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (write) {
		if (copy_from_user(kbuf, ubuf, count)) {
			kfree(kbuf);
			return -EFAULT;
		}
		kbuf[count] = '\0';
	}
	err = table->proc_handler(table, write, kbuf, &len, ppos);
	if (!err && !write && len && copy_to_user(ubuf, kbuf, len))
		err = -EFAULT;
	kfree(kbuf);
	return err ? err : (ssize_t)len;
}

static ssize_t proc_sys_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
	return proc_sys_call_handler(f, buf, count, ppos, 0);
}

static ssize_t proc_sys_write(struct file *f, const char __user *buf, size_t count, loff_t *ppos)
{
	return proc_sys_call_handler(f, (char __user *)buf, count, ppos, 1);
}

static const struct file_operations proc_sys_file_operations = {
	.read = proc_sys_read,
	.write = proc_sys_write,
};

static const struct inode_operations proc_sys_file_inode_operations = {
	.permission = proc_sys_permission,
};

/* ---- directories ---- */

static struct dentry *proc_sys_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd);
static int proc_sys_readdir(struct file *f, void *dirent, filldir_t filldir);

static const struct inode_operations proc_sys_dir_inode_operations = {
	.lookup = proc_sys_lookup,
	.permission = proc_sys_permission,
};

static const struct file_operations proc_sys_dir_operations = {
	.read = generic_read_dir,
	.readdir = proc_sys_readdir,
};

/* the n-th name of a directory: the sysctl directories in /proc/sys, else entries */
static int sysctl_nth(struct ctl_dir *dir, int n, const char **name, struct ctl_dir **sub,
		      struct ctl_table **entry)
{
	*sub = NULL;
	*entry = NULL;
	if (!dir) {
		if (n >= nr_sysctl_dirs)
			return 0;
		*sub = &sysctl_dirs[n];
		*name = sysctl_dirs[n].name;
		return 1;
	}
	for (int t = 0; t < SYSCTL_MAX_TABLES && dir->tables[t]; t++)
		for (struct ctl_table *e = dir->tables[t]; e->procname; e++)
			if (!n--) {
				*entry = e;
				*name = e->procname;
				return 1;
			}
	return 0;
}

static struct dentry *proc_sys_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	struct ctl_dir *cd = dir->i_private, *sub;
	struct ctl_table *entry;
	struct inode *inode;
	const char *name;

	(void)nd;
	d->d_op = &proc_dentry_operations;
	for (int n = 0; sysctl_nth(cd, n, &name, &sub, &entry); n++) {
		if (strlen(name) != d->d_name.len || memcmp(name, d->d_name.name, d->d_name.len))
			continue;
		inode = proc_get_inode(dir->i_sb, 0, NULL);
		if (!inode)
			return ERR_PTR(-ENOMEM);
		if (sub) {
			inode->i_mode = S_IFDIR | 0555;
			inode->i_nlink = 2;
			inode->i_private = sub;
			inode->i_op = &proc_sys_dir_inode_operations;
			inode->i_fop = &proc_sys_dir_operations;
		} else {
			inode->i_mode = S_IFREG | (entry->mode & 0777);
			PROC_I(inode)->sysctl = entry;
			inode->i_op = &proc_sys_file_inode_operations;
			inode->i_fop = &proc_sys_file_operations;
		}
		d_add(d, inode);
		return NULL;
	}
	return ERR_PTR(-ENOENT);
}

static int proc_sys_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	struct inode *dir = file_inode(f);
	struct ctl_dir *sub;
	struct ctl_table *entry;
	const char *name;

	while (f->f_pos < 2) {
		if (filldir(dirent, "..", f->f_pos + 1, f->f_pos, dir->i_ino, DT_DIR) < 0)
			return 0;
		f->f_pos++;
	}
	while (sysctl_nth(dir->i_private, f->f_pos - 2, &name, &sub, &entry)) {
		if (filldir(dirent, name, strlen(name), f->f_pos, 0x30000 + f->f_pos,
			    sub ? DT_DIR : DT_REG) < 0)
			return 0;
		f->f_pos++;
	}
	return 0;
}

void proc_sys_init(void)
{
	struct proc_dir_entry *de;

	sysctl_init();
	de = proc_mkdir("sys", NULL);
	if (!de)
		return;
	de->proc_iops = &proc_sys_dir_inode_operations;
	de->proc_fops = &proc_sys_dir_operations;
	de->data = NULL;	/* the top: the sysctl directories */
}

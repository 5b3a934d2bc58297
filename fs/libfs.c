/*
 * fs/libfs.c - the generic parts of a file system that lives in the dentry
 * cache alone (Linux: fs/libfs.c). Each name is a dentry pinned by one
 * extra reference, taken at create and dropped at unlink; a directory's
 * listing is its d_subdirs, walked with a cursor dentry so that entries
 * added or removed between getdents calls do not upset the position.
 */
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <uapi/dirent.h>

int simple_getattr(struct vfsmount *mnt, struct dentry *d, struct kstat *stat)
{
	(void)mnt;
	generic_fillattr(d->d_inode, stat);
	return 0;
}

static const struct dentry_operations simple_dentry_operations = {
	.d_delete = simple_delete_dentry,
};

/* everything that exists is in the dcache: a miss is a negative entry */
struct dentry *simple_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	(void)dir;
	(void)nd;
	if (d->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d->d_op = &simple_dentry_operations;
	d_add(d, NULL);
	return NULL;
}

int simple_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->d_inode;

	inode->i_ctime = dir->i_ctime = dir->i_mtime = CURRENT_TIME;
	inc_nlink(inode);
	igrab(inode);
	dget(d);		/* the pin */
	d_instantiate(d, inode);
	return 0;
}

int simple_empty(struct dentry *d)
{
	struct dentry *child;

	list_for_each_entry(child, &d->d_subdirs, d_child)
		if (child->d_inode && !d_unhashed(child))
			return 0;
	return 1;
}

int simple_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;

	inode->i_ctime = dir->i_ctime = dir->i_mtime = CURRENT_TIME;
	drop_nlink(inode);
	dput(d);		/* the pin */
	return 0;
}

int simple_rmdir(struct inode *dir, struct dentry *d)
{
	if (!simple_empty(d))
		return -ENOTEMPTY;
	drop_nlink(d->d_inode);	/* "." */
	simple_unlink(dir, d);
	drop_nlink(dir);	/* its ".." */
	return 0;
}

int simple_rename(struct inode *old_dir, struct dentry *old,
		  struct inode *new_dir, struct dentry *new)
{
	struct inode *inode = old->d_inode;
	int they_are_dirs = S_ISDIR(inode->i_mode);

	if (new->d_inode && !simple_empty(new))
		return -ENOTEMPTY;
	if (new->d_inode) {
		if (they_are_dirs) {
			drop_nlink(new->d_inode);
			drop_nlink(old_dir);
		}
		simple_unlink(new_dir, new);
	} else if (they_are_dirs) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	old_dir->i_ctime = old_dir->i_mtime = new_dir->i_ctime =
		new_dir->i_mtime = inode->i_ctime = CURRENT_TIME;
	return 0;
}

/* ---- directories ---- */

int dcache_dir_open(struct inode *inode, struct file *f)
{
	static const struct qstr cursor_name = { (const unsigned char *)".", 1, 0 };

	(void)inode;
	f->private_data = d_alloc(f->f_dentry, &cursor_name);
	return f->private_data ? 0 : -ENOMEM;
}

int dcache_dir_close(struct inode *inode, struct file *f)
{
	(void)inode;
	dput(f->private_data);
	return 0;
}

/* put the cursor after the n-th live entry */
static void move_cursor(struct dentry *dir, struct dentry *cursor, loff_t n)
{
	struct list_head *p;

	list_del(&cursor->d_child);
	p = dir->d_subdirs.next;
	while (n && p != &dir->d_subdirs) {
		struct dentry *next = list_entry(p, struct dentry, d_child);

		if (!d_unhashed(next) && next->d_inode)
			n--;
		p = p->next;
	}
	list_add_tail(&cursor->d_child, p);
}

loff_t dcache_dir_lseek(struct file *f, loff_t offset, int origin)
{
	switch (origin) {
	case SEEK_CUR:
		offset += f->f_pos;
		/* fall through */
	case SEEK_SET:
		if (offset >= 0)
			break;
		/* fall through */
	default:
		return -EINVAL;
	}
	if (offset != f->f_pos) {
		f->f_pos = offset;
		if (offset >= 2)
			move_cursor(f->f_dentry, f->private_data, offset - 2);
	}
	return offset;
}

static unsigned char dt_type(struct inode *inode)
{
	return (inode->i_mode >> 12) & 15;
}

int dcache_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	struct dentry *dir = f->f_dentry, *cursor = f->private_data;
	struct list_head *p, *q = &cursor->d_child;

	if (f->f_pos == 0) {
		if (filldir(dirent, ".", 1, 0, dir->d_inode->i_ino, DT_DIR) < 0)
			return 0;
		f->f_pos++;
	}
	if (f->f_pos == 1) {
		if (filldir(dirent, "..", 2, 1, dir->d_parent->d_inode->i_ino, DT_DIR) < 0)
			return 0;
		f->f_pos++;
	}
	if (f->f_pos == 2) {
		list_del(q);
		list_add(q, &dir->d_subdirs);
	}
	for (p = q->next; p != &dir->d_subdirs; p = p->next) {
		struct dentry *next = list_entry(p, struct dentry, d_child);

		if (d_unhashed(next) || !next->d_inode)
			continue;
		if (filldir(dirent, (const char *)next->d_name.name, next->d_name.len,
			    f->f_pos, next->d_inode->i_ino, dt_type(next->d_inode)) < 0)
			return 0;
		/* step the cursor over the entry just returned */
		list_del(q);
		list_add(q, p);
		p = q;
		f->f_pos++;
	}
	return 0;
}

ssize_t generic_read_dir(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	(void)f;
	(void)buf;
	(void)n;
	(void)pos;
	return -EISDIR;
}

const struct file_operations simple_dir_operations = {
	.open = dcache_dir_open,
	.release = dcache_dir_close,
	.llseek = dcache_dir_lseek,
	.read = generic_read_dir,
	.readdir = dcache_readdir,
};

const struct inode_operations simple_dir_inode_operations = {
	.lookup = simple_lookup,
};

/* ---- symlinks: the target is kept in i_link ---- */

int simple_readlink(struct dentry *d, char __user *buf, int buflen)
{
	return vfs_readlink(d, buf, buflen, d->d_inode->i_link);
}

const struct inode_operations simple_symlink_inode_operations = {
	.readlink = simple_readlink,
	.getattr = simple_getattr,
};

/*
 * A file system with one directory and no names, for inodes that only
 * files reach: sockfs (Linux's get_sb_pseudo, here without dentry ops).
 */
static int pseudo_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root;

	(void)silent;
	sb->s_magic = *(unsigned long *)data;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	root = new_inode(sb);
	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0500;
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root) {
		iput(root);
		return -ENOMEM;
	}
	return 0;
}

int get_sb_pseudo(struct file_system_type *type, unsigned long magic, struct vfsmount *mnt)
{
	return get_sb_nodev(type, 0, &magic, pseudo_fill_super, mnt);
}

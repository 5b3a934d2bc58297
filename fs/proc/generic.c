/*
 * fs/proc/generic.c - the registered part of /proc (Linux: fs/proc/generic.c,
 * fs/proc/inode.c): a tree of proc_dir_entry nodes that subsystems add files
 * to, lookup and readdir over that tree, and the inodes made from a node.
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/errno.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <uapi/dirent.h>

static unsigned int proc_next_ino = PROC_ROOT_INO + 1;

/* dentries are never kept: every walk asks again, so /proc follows the processes */
static int proc_delete_dentry(struct dentry *d)
{
	(void)d;
	return 1;
}

const struct dentry_operations proc_dentry_operations = {
	.d_delete = proc_delete_dentry,
};

static int proc_single_open(struct inode *inode, struct file *f)
{
	struct proc_dir_entry *de = PDE(inode);

	return single_open(f, de->show, de->data);
}

static const struct file_operations proc_single_fops = {
	.open = proc_single_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};

static const struct file_operations proc_dir_operations = {
	.read = generic_read_dir,
	.readdir = proc_readdir,
};

/* make inode a symlink to text (its own copy); 0 or -ENOMEM */
int proc_set_link(struct inode *inode, const char *text)
{
	size_t len = strlen(text);

	inode->i_link = kmalloc(len + 1, GFP_KERNEL);
	if (!inode->i_link)
		return -ENOMEM;
	memcpy(inode->i_link, text, len + 1);
	inode->i_size = len;
	inode->i_mode = S_IFLNK | 0777;
	return 0;
}

struct inode *proc_get_inode(struct super_block *sb, unsigned int ino, struct proc_dir_entry *de)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	if (ino)
		inode->i_ino = ino;
	PROC_I(inode)->pde = de;
	PROC_I(inode)->fd = -1;
	if (!de)
		return inode;
	inode->i_mode = de->mode;
	inode->i_nlink = de->nlink;
	inode->i_size = de->size;
	inode->i_private = de->data;
	if (S_ISLNK(de->mode) && proc_set_link(inode, de->data)) {
		iput(inode);
		return NULL;
	}
	inode->i_op = de->proc_iops;
	inode->i_fop = de->proc_fops;
	return inode;
}

static struct proc_dir_entry *proc_find(struct proc_dir_entry *dir, const char *name, unsigned int len)
{
	for (struct proc_dir_entry *de = dir->subdir; de; de = de->next)
		if (de->namelen == len && !memcmp(de->name, name, len))
			return de;
	return NULL;
}

/* a registered entry of the directory, or ENOENT */
struct dentry *proc_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	struct proc_dir_entry *de = proc_find(PDE(dir), (const char *)d->d_name.name, d->d_name.len);
	struct inode *inode;

	(void)nd;
	d->d_op = &proc_dentry_operations;
	if (!de)
		return ERR_PTR(-ENOENT);
	inode = proc_get_inode(dir->i_sb, de->low_ino, de);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_add(d, inode);
	return NULL;
}

static unsigned char proc_dtype(mode_t mode)
{
	return S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : DT_REG;
}

/*
 * ".", "..", then the entries in order; f_pos counts entries. Returns 1
 * when filldir is full, else 0 with *count the entries the directory has.
 */
static int proc_readdir_de(struct proc_dir_entry *dir, struct file *f, void *dirent,
			   filldir_t filldir, loff_t *count)
{
	struct inode *inode = file_inode(f);
	loff_t i = 2;

	while (f->f_pos < 2) {
		unsigned long ino = f->f_pos ? (dir->parent ? dir->parent->low_ino : inode->i_ino)
					     : inode->i_ino;

		if (filldir(dirent, "..", f->f_pos + 1, f->f_pos, ino, DT_DIR) < 0)
			return 1;
		f->f_pos++;
	}
	for (struct proc_dir_entry *de = dir->subdir; de; de = de->next, i++) {
		if (i < f->f_pos)
			continue;
		if (filldir(dirent, de->name, de->namelen, f->f_pos, de->low_ino,
			    proc_dtype(de->mode)) < 0)
			return 1;
		f->f_pos++;
	}
	*count = i;
	return 0;
}

int proc_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	loff_t n;

	proc_readdir_de(PDE(file_inode(f)), f, dirent, filldir, &n);
	return 0;
}

/* /proc itself: the registered entries, then one directory per process */
static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd)
{
	struct dentry *res = proc_lookup(dir, d, nd);

	if (!IS_ERR(res) || PTR_ERR(res) != -ENOENT)
		return res;
	return proc_pid_lookup(dir, d, nd);
}

static int proc_root_readdir(struct file *f, void *dirent, filldir_t filldir)
{
	loff_t n;

	if (proc_readdir_de(&proc_root, f, dirent, filldir, &n))
		return 0;
	return proc_pid_readdir(f, dirent, filldir, n);
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.read = generic_read_dir,
	.readdir = proc_root_readdir,
};

struct proc_dir_entry proc_root = {
	.low_ino = PROC_ROOT_INO,
	.namelen = 5,
	.name = "/proc",
	.mode = S_IFDIR | 0555,
	.nlink = 2,
	.proc_iops = &proc_root_inode_operations,
	.proc_fops = &proc_root_operations,
};

/* ---- registration ---- */

/* a new node named by the last component of 'name' under *parent (default /proc) */
static struct proc_dir_entry *proc_create_de(const char *name, mode_t mode,
					     struct proc_dir_entry *parent, unsigned int nlink)
{
	struct proc_dir_entry *de, **pp;
	size_t len = strlen(name);

	if (!parent)
		parent = &proc_root;
	if (!len || len > NAME_MAX || strchr(name, '/') || proc_find(parent, name, len))
		return NULL;
	de = kzalloc(sizeof(*de) + len + 1, GFP_KERNEL);
	if (!de)
		return NULL;
	memcpy(de + 1, name, len + 1);
	de->name = (const char *)(de + 1);
	de->namelen = len;
	de->mode = mode;
	de->nlink = nlink;
	de->parent = parent;
	de->low_ino = proc_next_ino++;
	if (S_ISDIR(mode)) {
		de->proc_iops = &proc_dir_inode_operations;
		de->proc_fops = &proc_dir_operations;
		parent->nlink++;
	}
	for (pp = &parent->subdir; *pp; pp = &(*pp)->next)
		;
	*pp = de;
	return de;
}

/* Linux 2.6's call: a regular file (0444 if no mode bits) or a directory */
struct proc_dir_entry *create_proc_entry(const char *name, mode_t mode,
					 struct proc_dir_entry *parent)
{
	if (S_ISDIR(mode))
		return proc_create_de(name, mode, parent, 2);
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	if (!(mode & 0777))
		mode |= 0444;
	return proc_create_de(name, mode, parent, 1);
}

struct proc_dir_entry *proc_create(const char *name, mode_t mode, struct proc_dir_entry *parent,
				   const struct file_operations *fops)
{
	struct proc_dir_entry *de = create_proc_entry(name, mode, parent);

	if (de)
		de->proc_fops = fops;
	return de;
}

struct proc_dir_entry *proc_create_single(const char *name, mode_t mode,
					  struct proc_dir_entry *parent,
					  int (*show)(struct seq_file *, void *), void *data)
{
	struct proc_dir_entry *de = proc_create(name, mode, parent, &proc_single_fops);

	if (de) {
		de->show = show;
		de->data = data;
	}
	return de;
}

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return proc_create_de(name, S_IFDIR | 0555, parent, 2);
}

struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest)
{
	struct proc_dir_entry *de = proc_create_de(name, S_IFLNK | 0777, parent, 1);
	char *copy;

	if (!de)
		return NULL;
	copy = kmalloc(strlen(dest) + 1, GFP_KERNEL);
	if (!copy) {
		remove_proc_entry(name, parent);
		return NULL;
	}
	strcpy(copy, dest);
	de->data = copy;
	de->proc_iops = &simple_symlink_inode_operations;
	return de;
}

/* unlink and free an entry (an open file of it keeps working on its own inode data) */
void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry **pp, *de;
	size_t len = strlen(name);

	if (!parent)
		parent = &proc_root;
	for (pp = &parent->subdir; (de = *pp); pp = &de->next)
		if (de->namelen == len && !memcmp(de->name, name, len))
			break;
	if (!de || de->subdir)
		return;
	*pp = de->next;
	if (S_ISDIR(de->mode))
		parent->nlink--;
	if (S_ISLNK(de->mode))
		kfree(de->data);
	kfree(de);
}

/*
 * fs/ramfs/inode.c - ramfs, the file system that is only its dentry and
 * page caches (Linux: fs/ramfs/inode.c). It is the root ("rootfs"), filled
 * from the initramfs at boot; any directory can take another ramfs mount.
 */
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/shmem.h>

#define RAMFS_MAGIC	0x858458f6

extern const struct file_operations ramfs_file_operations;
extern const struct inode_operations ramfs_file_inode_operations;
static const struct inode_operations ramfs_dir_inode_operations;
static const struct super_operations ramfs_ops;

struct inode *ramfs_get_inode(struct super_block *sb, int mode, dev_t dev)
{
	struct inode *inode;

	if (shmem_reserve_inode(sb))
		return NULL;		/* tmpfs's nr_inodes: ENOSPC */
	inode = new_inode(sb);
	if (!inode) {
		shmem_unreserve_inode(sb);
		return NULL;
	}
	inode->i_mode = mode;
	inode->i_uid = current->fsuid;
	inode->i_gid = current->fsgid;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inc_nlink(inode);	/* "." */
		break;
	case S_IFLNK:
		inode->i_op = &simple_symlink_inode_operations;
		break;
	default:
		inode->i_op = &ramfs_file_inode_operations;	/* setattr, getattr */
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

static struct inode *ramfs_new_child(struct inode *dir, int mode, dev_t dev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, mode, dev);

	if (inode && (dir->i_mode & S_ISGID)) {
		/* BSD group semantics, on request */
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			inode->i_mode |= S_ISGID;
	}
	return inode;
}

static void ramfs_attach(struct inode *dir, struct dentry *d, struct inode *inode)
{
	d_instantiate(d, inode);
	dget(d);		/* the pin: the name exists until unlink */
	dir->i_mtime = dir->i_ctime = CURRENT_TIME;
}

static int ramfs_mknod(struct inode *dir, struct dentry *d, int mode, dev_t dev)
{
	struct inode *inode = ramfs_new_child(dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	ramfs_attach(dir, d, inode);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *d, int mode)
{
	int err = ramfs_mknod(dir, d, mode | S_IFDIR, 0);

	if (!err)
		inc_nlink(dir);		/* the child's ".." */
	return err;
}

static int ramfs_create(struct inode *dir, struct dentry *d, int mode, struct nameidata *nd)
{
	(void)nd;
	return ramfs_mknod(dir, d, mode | S_IFREG, 0);
}

static int ramfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	struct inode *inode = ramfs_new_child(dir, S_IFLNK | S_IRWXUGO, 0);
	size_t len = strlen(target);

	if (!inode)
		return -ENOSPC;
	inode->i_link = kmalloc(len + 1, GFP_KERNEL);
	if (!inode->i_link) {
		inode->i_nlink = 0;
		iput(inode);
		return -ENOSPC;
	}
	memcpy(inode->i_link, target, len + 1);
	inode->i_size = len;
	ramfs_attach(dir, d, inode);
	return 0;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.create = ramfs_create,
	.lookup = simple_lookup,
	.link = simple_link,
	.unlink = simple_unlink,
	.symlink = ramfs_symlink,
	.mkdir = ramfs_mkdir,
	.rmdir = simple_rmdir,
	.mknod = ramfs_mknod,
	.rename = simple_rename,
	.getattr = simple_getattr,
};

static const struct super_operations ramfs_ops = {
	.alloc_inode = NULL,
};

static int ramfs_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *inode;

	(void)data;
	(void)silent;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_magic = RAMFS_MAGIC;
	sb->s_op = &ramfs_ops;
	inode = ramfs_get_inode(sb, S_IFDIR | 0755, 0);
	if (!inode)
		return -ENOMEM;
	sb->s_root = d_alloc_root(inode);
	if (!sb->s_root) {
		iput(inode);
		return -ENOMEM;
	}
	return 0;
}

static int ramfs_get_sb(struct file_system_type *type, int flags, const char *dev_name,
			void *data, struct vfsmount *mnt)
{
	(void)dev_name;
	return get_sb_nodev(type, flags, data, ramfs_fill_super, mnt);
}

static struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.get_sb = ramfs_get_sb,
	.kill_sb = kill_litter_super,
};

static struct file_system_type rootfs_fs_type = {
	.name = "rootfs",
	.get_sb = ramfs_get_sb,
	.kill_sb = kill_litter_super,
};

int init_ramfs_fs(void)
{
	register_filesystem(&rootfs_fs_type);
	return register_filesystem(&ramfs_fs_type);
}

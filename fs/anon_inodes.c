/*
 * fs/anon_inodes.c - files with no name and no inode of their own: epoll
 * instances today, eventfd and signalfd tomorrow (Linux: fs/anon_inodes.c).
 * They share one inode on an internal mount; each gets a dentry "anon_inode:".
 */
#include <kernel/anon_inodes.h>
#include <kernel/dcache.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mount.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#define ANON_INODE_FS_MAGIC 0x09041934

static struct vfsmount *anon_inode_mnt;
static struct inode *anon_inode_inode;

static int anon_inodefs_get_sb(struct file_system_type *type, int flags, const char *dev_name,
			       void *data, struct vfsmount *mnt)
{
	(void)dev_name;
	(void)flags;
	(void)data;
	return get_sb_pseudo(type, ANON_INODE_FS_MAGIC, mnt);
}

static struct file_system_type anon_inode_fs_type = {
	.name = "anon_inodefs",
	.get_sb = anon_inodefs_get_sb,
	.kill_sb = kill_litter_super,
};

/*
 * Mounted at boot, as Linux's fs_initcall(anon_inode_init), so the first
 * eventfd or epoll set does not look like a leak of the mount's inodes to
 * the test runner's counts; anon_inode_getfd retries if it failed then.
 */
int anon_inode_init(void)
{
	struct inode *inode;

	if (anon_inode_inode)
		return 0;
	register_filesystem(&anon_inode_fs_type);
	anon_inode_mnt = vfs_kern_mount(&anon_inode_fs_type, 0, "anon_inodefs", NULL);
	if (IS_ERR(anon_inode_mnt)) {
		anon_inode_mnt = NULL;
		return -ENOMEM;
	}
	inode = new_inode(anon_inode_mnt->mnt_sb);
	if (!inode)
		return -ENOMEM;
	/* as Linux: mode 0600 of no file type, owned by root */
	inode->i_mode = S_IRUSR | S_IWUSR;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_kernel_time();
	anon_inode_inode = inode;
	return 0;
}

/* a new fd for a new anonymous file; flags may hold O_CLOEXEC, O_NONBLOCK */
int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     int flags, struct file **filep)
{
	struct qstr this = { .name = (const unsigned char *)name, .len = strlen(name) };
	struct dentry *dentry;
	struct file *f;
	int fd, err = anon_inode_init();

	if (err)
		return err;
	fd = get_unused_fd();
	if (fd < 0)
		return fd;
	dentry = d_alloc(anon_inode_mnt->mnt_sb->s_root, &this);
	if (!dentry) {
		put_unused_fd(fd);
		return -ENOMEM;
	}
	f = get_empty_filp();
	if (!f) {
		dput(dentry);
		put_unused_fd(fd);
		return -ENFILE;
	}
	d_instantiate(dentry, igrab(anon_inode_inode));
	f->f_path.mnt = mntget(anon_inode_mnt);
	f->f_path.dentry = dentry;
	f->f_op = fops;
	f->f_flags = O_RDWR | (flags & O_NONBLOCK);
	f->f_mode = FMODE_READ | FMODE_WRITE;
	f->private_data = priv;
	if (flags & O_CLOEXEC)
		set_close_on_exec(fd, 1);
	fd_install(fd, f);
	if (filep)
		*filep = f;
	return fd;
}

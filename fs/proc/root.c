/*
 * fs/proc/root.c - the proc file system type and its mount at boot (Linux:
 * fs/proc/root.c, inode.c). The tree itself lives in generic.c (registered
 * entries), base.c (/proc/PID), proc_misc.c (system-wide files) and
 * proc_sysctl.c (/proc/sys); every subsystem registers its own files.
 */
#include <kernel/proc_fs.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/printk.h>
#include <kernel/slab.h>

#define PROC_SUPER_MAGIC 0x9fa0

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	(void)sb;
	return pi ? &pi->vfs_inode : NULL;
}

static void proc_destroy_inode(struct inode *inode)
{
	kfree(PROC_I(inode));
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.destroy_inode = proc_destroy_inode,
};

static int proc_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root;

	(void)data;
	(void)silent;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_op = &proc_sops;
	sb->s_next_ino = 1u << 20;	/* dynamic inodes, above the registered ones */
	root = proc_get_inode(sb, PROC_ROOT_INO, &proc_root);
	if (!root)
		return -ENOMEM;
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

/* at boot, after the root is up: the entries, then /proc mounted */
void proc_root_init(void)
{
	long err;

	register_filesystem(&proc_fs_type);
	proc_misc_init();
	proc_sys_init();
	sysvipc_proc_init();
	ikconfig_init();
	do_mkdirat(AT_FDCWD, "/proc", 0555);
	err = do_mount("proc", "/proc", "proc", 0, NULL);
	if (err)
		printk(KERN_ERR "proc: cannot mount /proc: %ld\n", err);
}

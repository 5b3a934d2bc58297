/*
 * fs/super.c - super blocks and the list of file-system types (Linux:
 * fs/super.c, fs/filesystems.c). Memory file systems get an anonymous
 * device number (major 0) each, as Linux's set_anon_super gives them.
 */
#include <kernel/fs.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/printk.h>

static struct file_system_type *file_systems;
static LIST_HEAD(super_blocks);
static unsigned long anon_dev_map[256 / 32];

int register_filesystem(struct file_system_type *fs)
{
	if (get_fs_type(fs->name))
		return -EBUSY;
	fs->next = file_systems;
	file_systems = fs;
	return 0;
}

struct file_system_type *get_fs_type(const char *name)
{
	for (struct file_system_type *fs = file_systems; fs; fs = fs->next)
		if (!strcmp(fs->name, name))
			return fs;
	return NULL;
}

static int get_anon_dev(dev_t *dev)
{
	for (unsigned int i = 1; i < 256; i++) {
		if (!(anon_dev_map[i / 32] & (1UL << (i % 32)))) {
			anon_dev_map[i / 32] |= 1UL << (i % 32);
			*dev = MKDEV(0, i);
			return 0;
		}
	}
	return -EMFILE;
}

static void put_anon_dev(dev_t dev)
{
	unsigned int i = MINOR(dev);

	anon_dev_map[i / 32] &= ~(1UL << (i % 32));
}

/* a new super block of this type; every mount of a nodev type gets its own */
struct super_block *sget(struct file_system_type *type, void *data)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	(void)data;
	if (!sb)
		return ERR_PTR(-ENOMEM);
	if (get_anon_dev(&sb->s_dev)) {
		kfree(sb);
		return ERR_PTR(-EMFILE);
	}
	INIT_LIST_HEAD(&sb->s_inodes);
	sb->s_type = type;
	sb->s_active = 1;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	list_add(&sb->s_list, &super_blocks);
	return sb;
}

static void generic_shutdown_super(struct super_block *sb)
{
	if (sb->s_root) {
		dput(sb->s_root);
		sb->s_root = NULL;
	}
	if (!list_empty(&sb->s_inodes))
		printk(KERN_ERR "VFS: busy inodes after unmount of %s\n", sb->s_type->name);
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	list_del(&sb->s_list);
	put_anon_dev(sb->s_dev);
	kfree(sb);
}

/* drop the extra reference that pins each file of a memory file system */
static void d_genocide(struct dentry *root)
{
	struct dentry *d, *n;

	list_for_each_entry_safe(d, n, &root->d_subdirs, d_child) {
		if (d_unhashed(d) || !d->d_inode)
			continue;
		d_genocide(d);
		dput(d);
	}
}

void kill_litter_super(struct super_block *sb)
{
	if (sb->s_root)
		d_genocide(sb->s_root);
	generic_shutdown_super(sb);
}

void deactivate_super(struct super_block *sb)
{
	if (--sb->s_active)
		return;
	sb->s_type->kill_sb(sb);
}

int get_sb_nodev(struct file_system_type *type, int flags, void *data,
		 int (*fill_super)(struct super_block *, void *, int),
		 struct vfsmount *mnt)
{
	struct super_block *sb = sget(type, data);
	int err;

	(void)flags;
	if (IS_ERR(sb))
		return PTR_ERR(sb);
	err = fill_super(sb, data, 0);
	if (err) {
		generic_shutdown_super(sb);
		return err;
	}
	mnt->mnt_sb = sb;
	mnt->mnt_root = dget(sb->s_root);
	return 0;
}

/* the registered types, newest first (/proc/filesystems walks ->next) */
struct file_system_type *first_filesystem(void)
{
	return file_systems;
}

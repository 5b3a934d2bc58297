/*
 * fs/namespace.c - the mount table and the boot-time set-up of the file
 * system (Linux: fs/namespace.c, init/do_mounts.c and init/main.c's part).
 * A vfsmount sits on a dentry of its parent mount; path walks step onto it
 * through lookup_mnt. fs_init builds the root: a ramfs ("rootfs"), the
 * initramfs unpacked into it, /dev and its device nodes.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/fs_struct.h>
#include <kernel/namei.h>
#include <kernel/boot.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <kernel/tty.h>
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>

#define MS_NOEXEC	8
#define MS_REMOUNT	32
#define MS_BIND		4096
#define MS_MOVE		8192

static LIST_HEAD(vfsmntlist);		/* every attached mount, newest first */
struct vfsmount *root_mnt;

static struct vfsmount *alloc_vfsmnt(const char *name)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);

	if (!mnt)
		return NULL;
	mnt->mnt_count = 1;
	INIT_LIST_HEAD(&mnt->mnt_hash);
	INIT_LIST_HEAD(&mnt->mnt_mounts);
	INIT_LIST_HEAD(&mnt->mnt_child);
	strlcpy(mnt->mnt_devname, name ? name : "none", sizeof(mnt->mnt_devname));
	return mnt;
}

struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *name, void *data)
{
	struct vfsmount *mnt = alloc_vfsmnt(name);
	int err;

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	err = type->get_sb(type, flags, name, data, mnt);
	if (err) {
		kfree(mnt);
		return ERR_PTR(err);
	}
	mnt->mnt_mountpoint = mnt->mnt_root;
	mnt->mnt_parent = mnt;
	return mnt;
}

void mntput(struct vfsmount *mnt)
{
	if (!mnt)
		return;
	if (--mnt->mnt_count)
		return;
	dput(mnt->mnt_root);
	deactivate_super(mnt->mnt_sb);
	kfree(mnt);
}

/* the mount on top of d in mnt, with a reference; NULL if none */
struct vfsmount *lookup_mnt(struct vfsmount *mnt, struct dentry *d)
{
	struct vfsmount *p;

	list_for_each_entry(p, &vfsmntlist, mnt_hash)
		if (p->mnt_parent == mnt && p->mnt_mountpoint == d)
			return mntget(p);
	return NULL;
}

static void attach_mnt(struct vfsmount *mnt, struct path *where)
{
	mnt->mnt_parent = mntget(where->mnt);
	mnt->mnt_mountpoint = dget(where->dentry);
	where->dentry->d_mounted++;
	list_add(&mnt->mnt_hash, &vfsmntlist);
	list_add_tail(&mnt->mnt_child, &where->mnt->mnt_mounts);
}

static void detach_mnt(struct vfsmount *mnt)
{
	struct vfsmount *parent = mnt->mnt_parent;
	struct dentry *mp = mnt->mnt_mountpoint;

	list_del_init(&mnt->mnt_hash);
	list_del_init(&mnt->mnt_child);
	mp->d_mounted--;
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	dput(mp);
	mntput(parent);
}

int do_mount(const char *dev_name, const char *dir, const char *type,
	     unsigned long flags, void *data)
{
	struct file_system_type *fs = get_fs_type(type ? type : "");
	struct nameidata nd;
	struct vfsmount *mnt;
	int err;

	if (!fs)
		return -ENODEV;
	err = path_lookup(dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &nd);
	if (err)
		return err;
	mnt = vfs_kern_mount(fs, flags, dev_name, data);
	err = PTR_ERR(mnt);
	if (IS_ERR(mnt))
		goto out;
	if (flags & MS_NOEXEC)
		mnt->mnt_flags |= MNT_NOEXEC;
	attach_mnt(mnt, &nd.path);
	err = 0;
out:
	path_release(&nd);
	return err;
}

int do_umount_path(const char *dir)
{
	struct nameidata nd;
	struct vfsmount *mnt;
	int err;

	err = path_lookup(dir, LOOKUP_FOLLOW, &nd);
	if (err)
		return err;
	mnt = nd.path.mnt;
	err = -EINVAL;
	if (nd.path.dentry != mnt->mnt_root)
		goto out;
	err = -EBUSY;
	/* the tree's reference and ours: anything more is an open file or a cwd */
	if (mnt == root_mnt || mnt->mnt_parent == mnt || !list_empty(&mnt->mnt_mounts) ||
	    mnt->mnt_count > 2)
		goto out;
	detach_mnt(mnt);
	path_release(&nd);
	mntput(mnt);		/* the tree's reference: frees the file system */
	return 0;
out:
	path_release(&nd);
	return err;
}

long sys_mount(const char __user *dev_name, const char __user *dir_name,
	       const char __user *type, unsigned long flags, void __user *data)
{
	char *dir, *fstype = NULL, *options = NULL;
	char dev[32];
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	/* only plain mounts of ramfs, tmpfs and proc: no remount, bind or move */
	if (flags & (MS_REMOUNT | MS_BIND | MS_MOVE))
		return -EINVAL;
	dir = getname(dir_name);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	err = -EFAULT;
	dev[0] = '\0';
	if (dev_name && strncpy_from_user(dev, dev_name, sizeof(dev) - 1) < 0)
		goto out;
	dev[sizeof(dev) - 1] = '\0';
	fstype = getname(type);
	err = PTR_ERR(fstype);
	if (IS_ERR(fstype)) {
		fstype = NULL;
		goto out;
	}
	/* the options string, up to a page (Linux: copy_mount_options) */
	if (data) {
		err = -ENOMEM;
		options = (char *)get_zeroed_page(GFP_KERNEL);
		if (!options)
			goto out;
		err = -EFAULT;
		if (strncpy_from_user(options, data, PAGE_SIZE - 1) < 0)
			goto out;
	}
	err = do_mount(dev, dir, fstype, flags, options);
out:
	if (options)
		free_page((unsigned long)options);
	if (fstype)
		putname(fstype);
	putname(dir);
	return err;
}

long sys_umount(const char __user *name, int flags)
{
	char *dir;
	long err;

	if (flags & ~0xf)
		return -EINVAL;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	dir = getname(name);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	err = do_umount_path(dir);
	putname(dir);
	return err;
}

long sys_oldumount(const char __user *name)
{
	return sys_umount(name, 0);
}

/* ---- boot ---- */

static void init_mount_tree(void)
{
	struct file_system_type *type = get_fs_type("rootfs");
	struct fs_struct *fs;
	struct path root;

	if (!type)
		panic("VFS: no rootfs");
	root_mnt = vfs_kern_mount(type, 0, "rootfs", NULL);
	if (IS_ERR(root_mnt))
		panic("VFS: cannot mount rootfs: %ld", PTR_ERR(root_mnt));
	fs = kzalloc(sizeof(*fs), GFP_KERNEL);
	if (!fs)
		panic("VFS: no memory for the fs_struct");
	fs->count = 1;
	fs->umask = 0022;
	root.mnt = root_mnt;
	root.dentry = root_mnt->mnt_root;
	set_fs_root(fs, &root);
	set_fs_pwd(fs, &root);
	init_task.fs = fs;
}

/* the device nodes every system has, with Linux's numbers */
static const struct {
	const char *name;
	int mode;
	unsigned int major, minor;
} dev_nodes[] = {
	{ "/dev/console", S_IFCHR | 0600, TTYAUX_MAJOR, 1 },
	{ "/dev/tty", S_IFCHR | 0666, TTYAUX_MAJOR, 0 },
	{ "/dev/tty0", S_IFCHR | 0620, TTY_MAJOR, 0 },
	{ "/dev/tty1", S_IFCHR | 0620, TTY_MAJOR, 1 },
	{ "/dev/ttyS0", S_IFCHR | 0660, TTY_MAJOR, TTY_SERIAL_MINOR },
	{ "/dev/null", S_IFCHR | 0666, 1, 3 },
	{ "/dev/zero", S_IFCHR | 0666, 1, 5 },
	{ "/dev/full", S_IFCHR | 0666, 1, 7 },
};

static void make_dev_nodes(void)
{
	long err;

	do_mkdirat(AT_FDCWD, "/dev", 0755);
	for (unsigned int i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
		err = do_mknodat(AT_FDCWD, dev_nodes[i].name, dev_nodes[i].mode,
				 new_encode_dev(MKDEV(dev_nodes[i].major, dev_nodes[i].minor)));
		if (err && err != -EEXIST)
			printk(KERN_ERR "VFS: cannot create %s: %ld\n", dev_nodes[i].name, err);
	}
	do_mkdirat(AT_FDCWD, "/tmp", 01777);
}

/* fds 0, 1 and 2 on the console, as init/main.c gives the first process */
static void open_console(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		printk(KERN_WARNING "Warning: unable to open an initial console (%ld)\n",
		       PTR_ERR(f));
		return;
	}
	for (int fd = 0; fd < 3; fd++) {
		if (get_unused_fd() != fd)
			break;
		fd_install(fd, fd ? get_file(f) : f);
	}
}

void fs_init(void)
{
	timekeeping_init();
	dcache_init();
	inode_init();
	init_ramfs_fs();
	init_mount_tree();
	init_task.files = alloc_files();
	if (!init_task.files)
		panic("VFS: no memory for the fd table");
	chr_dev_init();
	init_task.fs->umask = 0;	/* the archive's modes exactly */
	populate_rootfs();
	make_dev_nodes();
	init_task.fs->umask = 0022;
	open_console();
}

static void show_vfsmnt(struct seq_file *m, struct vfsmount *mnt, char *buf)
{
	char *path = d_path(mnt->mnt_root, mnt, buf, PATH_MAX);

	if (IS_ERR(path))
		return;
	seq_printf(m, "%s %s %s rw%s 0 0\n", mnt->mnt_devname, path, mnt->mnt_sb->s_type->name,
		   (mnt->mnt_flags & MNT_NOEXEC) ? ",noexec" : "");
}

/* /proc/mounts (Linux 2.6 kept show_vfsmnt here): the root, then oldest first */
int show_mounts(struct seq_file *m, void *v)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct vfsmount *mnt;

	(void)v;
	if (!buf)
		return -ENOMEM;
	if (root_mnt)
		show_vfsmnt(m, root_mnt, buf);
	list_for_each_entry_reverse(mnt, &vfsmntlist, mnt_hash)
		if (mnt != root_mnt)
			show_vfsmnt(m, mnt, buf);
	kfree(buf);
	return 0;
}

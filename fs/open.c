/*
 * fs/open.c - opening and closing files, and the calls that change an
 * inode through its name: truncate, access, chdir, chroot, chmod, chown,
 * statfs (Linux: fs/open.c).
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/fs_struct.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <kernel/string.h>
#include <uapi/statfs.h>
#include <kernel/locks.h>

int do_truncate(struct dentry *d, loff_t length, unsigned int time_attrs, struct file *filp)
{
	struct iattr attr;

	(void)filp;
	if (length < 0)
		return -EINVAL;
	attr.ia_size = length;
	attr.ia_valid = ATTR_SIZE | time_attrs;
	return notify_change(d, &attr);
}

static long do_sys_truncate(const char __user *path, loff_t length)
{
	struct nameidata nd;
	struct inode *inode;
	long err;

	if (length < 0)
		return -EINVAL;
	err = user_path_walk_at(AT_FDCWD, path, LOOKUP_FOLLOW, &nd);
	if (err)
		return err;
	inode = nd.path.dentry->d_inode;
	err = -EISDIR;
	if (S_ISDIR(inode->i_mode))
		goto out;
	err = -EINVAL;
	if (!S_ISREG(inode->i_mode))
		goto out;
	err = permission(inode, MAY_WRITE, &nd);
	if (err)
		goto out;
	err = do_truncate(nd.path.dentry, length, ATTR_MTIME | ATTR_CTIME, NULL);
out:
	path_release(&nd);
	return err;
}

static long do_sys_ftruncate(unsigned int fd, loff_t length)
{
	struct file *f;
	struct inode *inode;
	long err;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	inode = file_inode(f);
	err = -EINVAL;
	if (!S_ISREG(inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		goto out;
	err = do_truncate(f->f_dentry, length, ATTR_MTIME | ATTR_CTIME, f);
out:
	fput(f);
	return err;
}

long sys_truncate(const char __user *path, long length)
{
	return do_sys_truncate(path, length);
}

long sys_ftruncate(unsigned int fd, unsigned long length)
{
	return do_sys_ftruncate(fd, (long)length);
}

/* i386: the 64-bit length arrives as two registers, low half first */
long sys_truncate64(const char __user *path, unsigned long len_lo, unsigned long len_hi)
{
	return do_sys_truncate(path, ((loff_t)len_hi << 32) | len_lo);
}

long sys_ftruncate64(unsigned int fd, unsigned long len_lo, unsigned long len_hi)
{
	return do_sys_ftruncate(fd, ((loff_t)len_hi << 32) | len_lo);
}

/*
 * access() checks with the real ids, so a set-uid program can ask what its
 * invoker may do; AT_EACCESS asks with the effective ones.
 */
long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags)
{
	uid_t old_fsuid = current->fsuid;
	gid_t old_fsgid = current->fsgid;
	struct nameidata nd;
	long err;

	if (mode & ~S_IRWXO)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS)) {
		current->fsuid = current->uid;
		current->fsgid = current->gid;
	}
	err = user_path_walk_at(dfd, filename,
				((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
				((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &nd);
	if (!err) {
		if (mode)
			err = permission(nd.path.dentry->d_inode, mode, &nd);
		path_release(&nd);
	}
	current->fsuid = old_fsuid;
	current->fsgid = old_fsgid;
	return err;
}

long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	return sys_faccessat2(dfd, filename, mode, 0);
}

long sys_access(const char __user *filename, int mode)
{
	return sys_faccessat2(AT_FDCWD, filename, mode, 0);
}

static long set_pwd(struct nameidata *nd)
{
	long err = permission(nd->path.dentry->d_inode, MAY_EXEC, nd);

	if (!err)
		set_fs_pwd(current->fs, &nd->path);
	return err;
}

int vfs_chdir(const char *path)
{
	struct nameidata nd;
	int err = path_lookup(path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &nd);

	if (err)
		return err;
	err = set_pwd(&nd);
	path_release(&nd);
	return err;
}

long sys_chdir(const char __user *filename)
{
	struct nameidata nd;
	long err = user_path_walk_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &nd);

	if (err)
		return err;
	err = set_pwd(&nd);
	path_release(&nd);
	return err;
}

long sys_fchdir(unsigned int fd)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = -ENOTDIR;
	if (S_ISDIR(file_inode(f)->i_mode)) {
		err = permission(file_inode(f), MAY_EXEC, NULL);
		if (!err)
			set_fs_pwd(current->fs, &f->f_path);
	}
	fput(f);
	return err;
}

static long chmod_common(struct dentry *d, mode_t mode)
{
	struct inode *inode = d->d_inode;
	struct iattr attr;

	attr.ia_mode = (mode & S_IALLUGO) | (inode->i_mode & ~S_IALLUGO);
	attr.ia_valid = ATTR_MODE | ATTR_CTIME;
	return notify_change(d, &attr);
}

long sys_fchmodat(int dfd, const char __user *filename, mode_t mode)
{
	struct nameidata nd;
	long err = user_path_walk_at(dfd, filename, LOOKUP_FOLLOW, &nd);

	if (err)
		return err;
	err = chmod_common(nd.path.dentry, mode);
	path_release(&nd);
	return err;
}

long sys_chmod(const char __user *filename, mode_t mode)
{
	return sys_fchmodat(AT_FDCWD, filename, mode);
}

long sys_fchmod(unsigned int fd, mode_t mode)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chmod_common(f->f_dentry, mode);
	fput(f);
	return err;
}

static long chown_common(struct dentry *d, uid_t user, gid_t group)
{
	struct iattr attr;

	attr.ia_valid = ATTR_CTIME;
	if (user != (uid_t)-1) {
		attr.ia_valid |= ATTR_UID;
		attr.ia_uid = user;
	}
	if (group != (gid_t)-1) {
		attr.ia_valid |= ATTR_GID;
		attr.ia_gid = group;
	}
	return notify_change(d, &attr);
}

long sys_fchownat(int dfd, const char __user *filename, uid_t user, gid_t group, int flag)
{
	struct nameidata nd;
	long err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_walk_at(dfd, filename,
				((flag & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
				((flag & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &nd);
	if (err)
		return err;
	err = chown_common(nd.path.dentry, user, group);
	path_release(&nd);
	return err;
}

long sys_chown32(const char __user *filename, uid_t user, gid_t group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, 0);
}

long sys_lchown32(const char __user *filename, uid_t user, gid_t group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown32(unsigned int fd, uid_t user, gid_t group)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chown_common(f->f_dentry, user, group);
	fput(f);
	return err;
}

/* the 16-bit calls: 0xffff is "no change" (Linux: kernel/uid16.c) */
#define low2highuid(u) ((u) == (u16)-1 ? (uid_t)-1 : (uid_t)(u))

long sys_chown16(const char __user *filename, u16 user, u16 group)
{
	return sys_fchownat(AT_FDCWD, filename, low2highuid(user), low2highuid(group), 0);
}

long sys_lchown16(const char __user *filename, u16 user, u16 group)
{
	return sys_fchownat(AT_FDCWD, filename, low2highuid(user), low2highuid(group),
			    AT_SYMLINK_NOFOLLOW);
}

long sys_fchown16(unsigned int fd, u16 user, u16 group)
{
	return sys_fchown32(fd, low2highuid(user), low2highuid(group));
}

/* ---- open and close ---- */

int nonseekable_open(struct inode *inode, struct file *filp)
{
	(void)inode;
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

/* a file for this dentry and mount, whose references it takes over */
struct file *dentry_open(struct dentry *d, struct vfsmount *mnt, int flags)
{
	struct inode *inode = d->d_inode;
	struct file *f = get_empty_filp();
	int err;

	if (!f) {
		dput(d);
		mntput(mnt);
		return ERR_PTR(-ENFILE);
	}
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	f->f_mode = ((flags + 1) & O_ACCMODE) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if (S_ISFIFO(inode->i_mode))
		f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	f->f_path.dentry = d;
	f->f_path.mnt = mnt;
	f->f_pos = 0;
	f->f_op = inode->i_fop;
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			put_filp(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

static struct file *do_filp_open(int dfd, const char *filename, int flags, int mode)
{
	struct nameidata nd;
	int err = open_namei(dfd, filename, flags, mode, &nd);

	if (err)
		return ERR_PTR(err);
	return dentry_open(nd.path.dentry, nd.path.mnt, flags);
}

/* for the kernel itself (exec, the shell, the initramfs): a kernel path */
struct file *filp_open(const char *filename, int flags, int mode)
{
	return do_filp_open(AT_FDCWD, filename, flags, mode);
}

int filp_close(struct file *filp, void *id)
{
	int err = 0;

	if (atomic_read(&filp->f_count) <= 0) {
		printk(KERN_ERR "VFS: close: file count is 0\n");
		return 0;
	}
	if (filp->f_op && filp->f_op->flush)
		err = filp->f_op->flush(filp, id);
	locks_remove_posix(filp, id);	/* fs/locks.c: any close drops them */
	fput(filp);
	return err;
}

long do_sys_open(int dfd, const char __user *filename, int flags, int mode)
{
	char *tmp = getname(filename);
	struct file *f;
	long fd;

	if (IS_ERR(tmp))
		return PTR_ERR(tmp);
	fd = get_unused_fd_flags(flags);
	if (fd >= 0) {
		f = do_filp_open(dfd, tmp, flags, mode);
		if (IS_ERR(f)) {
			put_unused_fd(fd);
			fd = PTR_ERR(f);
		} else {
			fd_install(fd, f);
		}
	}
	putname(tmp);
	return fd;
}

long sys_open(const char __user *filename, int flags, int mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

long sys_openat(int dfd, const char __user *filename, int flags, int mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

long sys_creat(const char __user *pathname, int mode)
{
	return sys_open(pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* ---- statfs, chroot ---- */

#ifndef CAP_SYS_CHROOT
#define CAP_SYS_CHROOT 18
#endif

/* memory file systems have no fixed size: all counts 0, as Linux's simple_statfs */
static void statfs_fill(struct dentry *d, struct statfs64 *st)
{
	struct super_block *sb = d->d_sb;

	memset(st, 0, sizeof(*st));
	st->f_type = sb->s_magic;
	st->f_bsize = sb->s_blocksize;
	st->f_frsize = sb->s_blocksize;
	st->f_namelen = NAME_MAX;
	st->f_fsid[0] = sb->s_dev;
	st->f_flags = ST_VALID;
	if (sb->s_op && sb->s_op->statfs)
		sb->s_op->statfs(sb, st);
}

static long vfs_statfs(struct dentry *d, struct statfs64 __user *buf, size_t sz)
{
	struct statfs64 st;

	if (sz != sizeof(st))
		return -EINVAL;
	statfs_fill(d, &st);
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* the old 32-bit layout: EOVERFLOW for counts that do not fit (none do not, here) */
static long vfs_statfs32(struct dentry *d, struct statfs __user *buf)
{
	struct statfs64 st;
	struct statfs o;

	statfs_fill(d, &st);
	if ((st.f_blocks | st.f_bfree | st.f_bavail | st.f_files | st.f_ffree) >> 32)
		return -EOVERFLOW;
	memset(&o, 0, sizeof(o));
	o.f_type = st.f_type;
	o.f_bsize = st.f_bsize;
	o.f_blocks = (u32)st.f_blocks;
	o.f_bfree = (u32)st.f_bfree;
	o.f_bavail = (u32)st.f_bavail;
	o.f_files = (u32)st.f_files;
	o.f_ffree = (u32)st.f_ffree;
	o.f_fsid[0] = st.f_fsid[0];
	o.f_fsid[1] = st.f_fsid[1];
	o.f_namelen = st.f_namelen;
	o.f_frsize = st.f_frsize;
	o.f_flags = st.f_flags;
	return copy_to_user(buf, &o, sizeof(o)) ? -EFAULT : 0;
}

long sys_statfs(const char __user *path, struct statfs __user *buf)
{
	struct nameidata nd;
	long err = user_path_walk_at(AT_FDCWD, path, LOOKUP_FOLLOW, &nd);

	if (err)
		return err;
	err = vfs_statfs32(nd.path.dentry, buf);
	path_release(&nd);
	return err;
}

long sys_fstatfs(unsigned int fd, struct statfs __user *buf)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_statfs32(f->f_dentry, buf);
	fput(f);
	return err;
}

long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf)
{
	struct nameidata nd;
	long err = user_path_walk_at(AT_FDCWD, path, LOOKUP_FOLLOW, &nd);

	if (err)
		return err;
	err = vfs_statfs(nd.path.dentry, buf, sz);
	path_release(&nd);
	return err;
}

long sys_fstatfs64(unsigned int fd, size_t sz, struct statfs64 __user *buf)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(f->f_dentry, buf, sz);
	fput(f);
	return err;
}

long sys_chroot(const char __user *filename)
{
	struct nameidata nd;
	long err = user_path_walk_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &nd);

	if (err)
		return err;
	err = permission(nd.path.dentry->d_inode, MAY_EXEC, &nd);
	if (!err && !capable(CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err)
		set_fs_root(current->fs, &nd.path);
	path_release(&nd);
	return err;
}

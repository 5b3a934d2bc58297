/*
 * fs/stat.c - stat in its i386 forms (stat64, lstat64, fstat64,
 * fstatat64), statx, and readlink (Linux: fs/stat.c).
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>

void generic_fillattr(struct inode *inode, struct kstat *stat)
{
	stat->dev = inode->i_sb->s_dev;
	stat->ino = inode->i_ino;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->atime = inode->i_atime;
	stat->mtime = inode->i_mtime;
	stat->ctime = inode->i_ctime;
	stat->size = inode->i_size;
	stat->blocks = inode->i_blocks;
	stat->blksize = PAGE_SIZE;
}

int vfs_getattr(struct vfsmount *mnt, struct dentry *d, struct kstat *stat)
{
	struct inode *inode = d->d_inode;

	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(mnt, d, stat);
	generic_fillattr(inode, stat);
	return 0;
}

/* flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH (path "" means dfd itself) */
int vfs_stat_path(int dfd, const char *path, struct kstat *stat, int flags)
{
	struct nameidata nd;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	err = path_lookupat(dfd, path, ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
			    ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &nd);
	if (err)
		return err;
	err = vfs_getattr(nd.path.mnt, nd.path.dentry, stat);
	path_release(&nd);
	return err;
}

static int user_stat(int dfd, const char __user *filename, struct kstat *stat, int flags)
{
	char *tmp;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	tmp = getname(filename);
	if (IS_ERR(tmp)) {
		/* "" is allowed with AT_EMPTY_PATH */
		if (PTR_ERR(tmp) != -ENOENT || !(flags & AT_EMPTY_PATH))
			return PTR_ERR(tmp);
		return vfs_stat_path(dfd, "", stat, flags);
	}
	err = vfs_stat_path(dfd, tmp, stat, flags);
	putname(tmp);
	return err;
}

static int vfs_fstat(unsigned int fd, struct kstat *stat)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(f->f_vfsmnt, f->f_dentry, stat);
	fput(f);
	return err;
}

static long cp_new_stat64(struct kstat *stat, struct stat64 __user *statbuf)
{
	struct stat64 tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = new_encode_dev(stat->dev);
	tmp.st_ino = stat->ino;
	tmp.__st_ino = (unsigned long)stat->ino;
	tmp.st_mode = stat->mode;
	tmp.st_nlink = stat->nlink;
	tmp.st_uid = stat->uid;
	tmp.st_gid = stat->gid;
	tmp.st_rdev = new_encode_dev(stat->rdev);
	tmp.st_size = stat->size;
	tmp.st_blocks = stat->blocks;
	tmp.st_blksize = stat->blksize;
	tmp.st_atime = stat->atime.tv_sec;
	tmp.st_atime_nsec = stat->atime.tv_nsec;
	tmp.st_mtime = stat->mtime.tv_sec;
	tmp.st_mtime_nsec = stat->mtime.tv_nsec;
	tmp.st_ctime = stat->ctime.tv_sec;
	tmp.st_ctime_nsec = stat->ctime.tv_nsec;
	return copy_to_user(statbuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/* ---- the two older layouts: EOVERFLOW for what they cannot hold ---- */

#define MAX_NON_LFS	0x7fffffffL

static int old_valid_dev(dev_t dev)
{
	return MAJOR(dev) < 256 && MINOR(dev) < 256;
}

static u16 old_encode_dev(dev_t dev)
{
	return (u16)((MAJOR(dev) << 8) | MINOR(dev));
}

/* uids above 65535 show as the overflow uid, as Linux's high2lowuid */
static u16 high2lowuid(u32 id)
{
	return id > 0xffff ? 65534 : (u16)id;
}

/* 18, 28, 84: struct __old_kernel_stat, 16-bit device, inode and link count */
struct __old_kernel_stat {
	u16 st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
	u32 st_size, st_atime, st_mtime, st_ctime;
};

static long cp_old_stat(struct kstat *stat, struct __old_kernel_stat __user *statbuf)
{
	struct __old_kernel_stat tmp;

	if (!old_valid_dev(stat->dev) || !old_valid_dev(stat->rdev) || stat->ino > 0xffff ||
	    stat->nlink > 0xffff || stat->size > MAX_NON_LFS)
		return -EOVERFLOW;
	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = old_encode_dev(stat->dev);
	tmp.st_ino = (u16)stat->ino;
	tmp.st_mode = (u16)stat->mode;
	tmp.st_nlink = (u16)stat->nlink;
	tmp.st_uid = high2lowuid(stat->uid);
	tmp.st_gid = high2lowuid(stat->gid);
	tmp.st_rdev = old_encode_dev(stat->rdev);
	tmp.st_size = (u32)stat->size;
	tmp.st_atime = stat->atime.tv_sec;
	tmp.st_mtime = stat->mtime.tv_sec;
	tmp.st_ctime = stat->ctime.tv_sec;
	return copy_to_user(statbuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/* 106-108: i386's struct stat, 32-bit sizes */
struct old_stat32 {
	u32 st_dev, st_ino;
	u16 st_mode, st_nlink, st_uid, st_gid;
	u32 st_rdev, st_size, st_blksize, st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	u32 __unused4, __unused5;
};

static long cp_new_stat(struct kstat *stat, struct old_stat32 __user *statbuf)
{
	struct old_stat32 tmp;

	if (!old_valid_dev(stat->dev) || !old_valid_dev(stat->rdev) || stat->ino > 0xffffffffULL ||
	    stat->nlink > 0xffff || stat->size > MAX_NON_LFS)
		return -EOVERFLOW;
	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = old_encode_dev(stat->dev);
	tmp.st_ino = (u32)stat->ino;
	tmp.st_mode = (u16)stat->mode;
	tmp.st_nlink = (u16)stat->nlink;
	tmp.st_uid = high2lowuid(stat->uid);
	tmp.st_gid = high2lowuid(stat->gid);
	tmp.st_rdev = old_encode_dev(stat->rdev);
	tmp.st_size = (u32)stat->size;
	tmp.st_blksize = stat->blksize;
	tmp.st_blocks = (u32)stat->blocks;
	tmp.st_atime = stat->atime.tv_sec;
	tmp.st_atime_nsec = stat->atime.tv_nsec;
	tmp.st_mtime = stat->mtime.tv_sec;
	tmp.st_mtime_nsec = stat->mtime.tv_nsec;
	tmp.st_ctime = stat->ctime.tv_sec;
	tmp.st_ctime_nsec = stat->ctime.tv_nsec;
	return copy_to_user(statbuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/* which of the six: the layout, and lstat's no-follow; fd < 0 means by name */
static long old_stat_common(int fd, const char __user *filename, int flags, void __user *buf,
			    int newer)
{
	struct kstat stat;
	long err = fd >= 0 ? vfs_fstat(fd, &stat) : user_stat(AT_FDCWD, filename, &stat, flags);

	if (err)
		return err;
	return newer ? cp_new_stat(&stat, buf) : cp_old_stat(&stat, buf);
}

long sys_stat(const char __user *filename, void __user *statbuf)
{
	return old_stat_common(-1, filename, 0, statbuf, 0);
}

long sys_lstat(const char __user *filename, void __user *statbuf)
{
	return old_stat_common(-1, filename, AT_SYMLINK_NOFOLLOW, statbuf, 0);
}

long sys_fstat(unsigned int fd, void __user *statbuf)
{
	return (int)fd < 0 ? -EBADF : old_stat_common(fd, NULL, 0, statbuf, 0);
}

long sys_newstat(const char __user *filename, void __user *statbuf)
{
	return old_stat_common(-1, filename, 0, statbuf, 1);
}

long sys_newlstat(const char __user *filename, void __user *statbuf)
{
	return old_stat_common(-1, filename, AT_SYMLINK_NOFOLLOW, statbuf, 1);
}

long sys_newfstat(unsigned int fd, void __user *statbuf)
{
	return (int)fd < 0 ? -EBADF : old_stat_common(fd, NULL, 0, statbuf, 1);
}

long sys_stat64(const char __user *filename, struct stat64 __user *statbuf)
{
	struct kstat stat;
	long err = user_stat(AT_FDCWD, filename, &stat, 0);

	return err ? err : cp_new_stat64(&stat, statbuf);
}

long sys_lstat64(const char __user *filename, struct stat64 __user *statbuf)
{
	struct kstat stat;
	long err = user_stat(AT_FDCWD, filename, &stat, AT_SYMLINK_NOFOLLOW);

	return err ? err : cp_new_stat64(&stat, statbuf);
}

long sys_fstat64(unsigned long fd, struct stat64 __user *statbuf)
{
	struct kstat stat;
	long err = vfs_fstat(fd, &stat);

	return err ? err : cp_new_stat64(&stat, statbuf);
}

long sys_fstatat64(int dfd, const char __user *filename, struct stat64 __user *statbuf,
		   int flag)
{
	struct kstat stat;
	long err = user_stat(dfd, filename, &stat, flag);

	return err ? err : cp_new_stat64(&stat, statbuf);
}

static long cp_statx(struct kstat *stat, struct statx __user *buffer)
{
	struct statx tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.stx_mask = STATX_BASIC_STATS;
	tmp.stx_blksize = stat->blksize;
	tmp.stx_nlink = stat->nlink;
	tmp.stx_uid = stat->uid;
	tmp.stx_gid = stat->gid;
	tmp.stx_mode = stat->mode;
	tmp.stx_ino = stat->ino;
	tmp.stx_size = stat->size;
	tmp.stx_blocks = stat->blocks;
	tmp.stx_atime.tv_sec = stat->atime.tv_sec;
	tmp.stx_atime.tv_nsec = stat->atime.tv_nsec;
	tmp.stx_mtime.tv_sec = stat->mtime.tv_sec;
	tmp.stx_mtime.tv_nsec = stat->mtime.tv_nsec;
	tmp.stx_ctime.tv_sec = stat->ctime.tv_sec;
	tmp.stx_ctime.tv_nsec = stat->ctime.tv_nsec;
	tmp.stx_rdev_major = MAJOR(stat->rdev);
	tmp.stx_rdev_minor = MINOR(stat->rdev);
	tmp.stx_dev_major = MAJOR(stat->dev);
	tmp.stx_dev_minor = MINOR(stat->dev);
	return copy_to_user(buffer, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

long sys_statx(int dfd, const char __user *filename, unsigned int flags,
	       unsigned int mask, struct statx __user *buffer)
{
	struct kstat stat;
	long err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = user_stat(dfd, filename, &stat, flags);
	return err ? err : cp_statx(&stat, buffer);
}

long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz)
{
	struct nameidata nd;
	struct inode *inode;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_walk_at(dfd, pathname, 0, &nd);
	if (err)
		return err;
	inode = nd.path.dentry->d_inode;
	err = -EINVAL;
	if (inode->i_op && inode->i_op->readlink) {
		inode->i_atime = CURRENT_TIME;
		err = inode->i_op->readlink(nd.path.dentry, buf, bufsiz);
	}
	path_release(&nd);
	return err;
}

long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

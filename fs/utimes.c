/*
 * fs/utimes.c - utimensat, in its 32-bit (320) and 64-bit time (412)
 * forms (Linux: fs/utimes.c). UTIME_NOW and UTIME_OMIT per field; a NULL
 * path means the file open on dfd.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>

static int nsec_valid(long nsec)
{
	if (nsec == UTIME_OMIT || nsec == UTIME_NOW)
		return 1;
	return nsec >= 0 && nsec < NSEC_PER_SEC;
}

static long utimes_common(struct dentry *d, struct timespec *times)
{
	struct inode *inode = d->d_inode;
	struct iattr attr;
	long err;

	attr.ia_valid = ATTR_CTIME | ATTR_MTIME | ATTR_ATIME;
	if (times) {
		if (times[0].tv_nsec == UTIME_OMIT)
			attr.ia_valid &= ~ATTR_ATIME;
		else if (times[0].tv_nsec != UTIME_NOW) {
			attr.ia_atime = times[0];
			attr.ia_valid |= ATTR_ATIME_SET;
		}
		if (times[1].tv_nsec == UTIME_OMIT)
			attr.ia_valid &= ~ATTR_MTIME;
		else if (times[1].tv_nsec != UTIME_NOW) {
			attr.ia_mtime = times[1];
			attr.ia_valid |= ATTR_MTIME_SET;
		}
	}
	/* "now" for both: the owner, or anyone who may write the file */
	if (!(attr.ia_valid & (ATTR_ATIME_SET | ATTR_MTIME_SET)) &&
	    current->fsuid != inode->i_uid && !capable(CAP_FOWNER)) {
		err = permission(inode, MAY_WRITE, NULL);
		if (err)
			return err;
	}
	return notify_change(d, &attr);
}

static long do_utimes(int dfd, const char __user *filename, struct timespec *times, int flags)
{
	struct nameidata nd;
	long err;

	if (times && (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec)))
		return -EINVAL;
	if (times && times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT)
		return 0;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!filename) {
		struct file *f;

		if (flags & AT_SYMLINK_NOFOLLOW)
			return -EINVAL;
		if (dfd == AT_FDCWD)
			return -EFAULT;
		f = fget(dfd);
		if (!f)
			return -EBADF;
		err = utimes_common(f->f_dentry, times);
		fput(f);
		return err;
	}
	err = user_path_walk_at(dfd, filename,
				((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
				((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &nd);
	if (err)
		return err;
	err = utimes_common(nd.path.dentry, times);
	path_release(&nd);
	return err;
}

long sys_utimensat(int dfd, const char __user *filename, const struct timespec __user *utimes,
		   int flags)
{
	struct timespec t[2];

	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	return do_utimes(dfd, filename, utimes ? t : NULL, flags);
}

long sys_utimensat_time64(int dfd, const char __user *filename,
			  const struct timespec64 __user *utimes, int flags)
{
	struct timespec64 t64[2];
	struct timespec t[2];

	if (utimes) {
		if (copy_from_user(t64, utimes, sizeof(t64)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			t[i].tv_sec = (long)t64[i].tv_sec;
			t[i].tv_nsec = (long)t64[i].tv_nsec;
			if ((s64)t[i].tv_nsec != t64[i].tv_nsec)
				return -EINVAL;
		}
	}
	return do_utimes(dfd, filename, utimes ? t : NULL, flags);
}

/* ---- the older forms: utime (seconds), utimes and futimesat (microseconds) ---- */

struct utimbuf {
	long actime, modtime;
};

long sys_utime(const char __user *filename, struct utimbuf __user *times)
{
	struct utimbuf u;
	struct timespec t[2];

	if (!times)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(&u, times, sizeof(u)))
		return -EFAULT;
	t[0].tv_sec = u.actime;
	t[0].tv_nsec = 0;
	t[1].tv_sec = u.modtime;
	t[1].tv_nsec = 0;
	return do_utimes(AT_FDCWD, filename, t, 0);
}

long sys_futimesat(int dfd, const char __user *filename, struct timeval __user *utimes)
{
	struct timeval tv[2];
	struct timespec t[2];

	if (!utimes)
		return do_utimes(dfd, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		/* a bad tv_usec must not pass as UTIME_NOW or UTIME_OMIT */
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i].tv_sec = tv[i].tv_sec;
		t[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return do_utimes(dfd, filename, t, 0);
}

long sys_utimes(const char __user *filename, struct timeval __user *utimes)
{
	return sys_futimesat(AT_FDCWD, filename, utimes);
}

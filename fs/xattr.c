/*
 * fs/xattr.c - the twelve extended-attribute calls, {,l,f}{set,get,list,remove}xattr
 * (Linux: fs/xattr.c). No file system here keeps extended attributes (ramfs,
 * proc, pipes, as Linux's ramfs and procfs without an LSM), so after Linux's
 * argument and permission checks the answer is Linux's for such a file system:
 * EOPNOTSUPP to set, get and remove, an empty list to listxattr.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/syscalls.h>
#include <uapi/stat.h>
#include <uapi/xattr.h>

static int has_prefix(const char *name, const char *prefix)
{
	return strncmp(name, prefix, strlen(prefix)) == 0;
}

/* the name from user space: -ERANGE when empty or longer than XATTR_NAME_MAX */
static long copy_xattr_name(char *kname, const char __user *name)
{
	long n = strncpy_from_user(kname, name, XATTR_NAME_MAX + 1);

	if (n < 0)
		return n;
	if (n == 0 || n == XATTR_NAME_MAX + 1)
		return -ERANGE;
	return 0;
}

/*
 * Linux's xattr_permission: "trusted." needs CAP_SYS_ADMIN, "user." exists
 * only on regular files and directories (and a sticky directory's only for
 * its owner); a refusal reads as "no such attribute" when only reading.
 */
static long xattr_permission(struct inode *inode, const char *name, int mask)
{
	int write = mask == MAY_WRITE;

	if (has_prefix(name, XATTR_SECURITY_PREFIX) || has_prefix(name, XATTR_SYSTEM_PREFIX))
		return 0;
	if (has_prefix(name, XATTR_TRUSTED_PREFIX)) {
		if (!capable(CAP_SYS_ADMIN))
			return write ? -EPERM : -ENODATA;
		return 0;
	}
	if (has_prefix(name, XATTR_USER_PREFIX)) {
		if (!S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode))
			return write ? -EPERM : -ENODATA;
		if (S_ISDIR(inode->i_mode) && (inode->i_mode & S_ISVTX) && write &&
		    current->fsuid != inode->i_uid && !capable(CAP_FOWNER))
			return -EPERM;
	}
	return permission(inode, mask, NULL);
}

/* the security hook without an LSM (Linux: cap_inode_setxattr/removexattr) */
static long security_xattr(const char *name)
{
	if (has_prefix(name, XATTR_SECURITY_PREFIX) && strcmp(name, "security.capability") &&
	    !capable(CAP_SYS_ADMIN))
		return -EPERM;
	return 0;
}

static long do_setxattr(struct dentry *d, const char __user *name, const void __user *value,
			size_t size, int flags)
{
	char kname[XATTR_NAME_MAX + 1], chunk[256];
	long err;

	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	err = copy_xattr_name(kname, name);
	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	/* read the value as Linux does (it keeps a copy), so a bad pointer is EFAULT */
	for (size_t done = 0; done < size; done += sizeof(chunk)) {
		size_t n = size - done < sizeof(chunk) ? size - done : sizeof(chunk);

		if (copy_from_user(chunk, (const char __user *)value + done, n))
			return -EFAULT;
	}
	err = xattr_permission(d->d_inode, kname, MAY_WRITE);
	if (!err)
		err = security_xattr(kname);
	return err ? err : -EOPNOTSUPP;
}

static long do_getxattr(struct dentry *d, const char __user *name, void __user *value,
			size_t size)
{
	char kname[XATTR_NAME_MAX + 1];
	long err;

	(void)value;
	(void)size;	/* Linux clamps it to XATTR_SIZE_MAX; nothing is ever copied */
	err = copy_xattr_name(kname, name);
	if (err)
		return err;
	err = xattr_permission(d->d_inode, kname, MAY_READ);
	return err ? err : -EOPNOTSUPP;
}

/* no file system lists attributes, and no LSM adds its own: an empty list */
static long do_listxattr(struct dentry *d, char __user *list, size_t size)
{
	(void)d;
	(void)list;
	(void)size;
	return 0;
}

static long do_removexattr(struct dentry *d, const char __user *name)
{
	char kname[XATTR_NAME_MAX + 1];
	long err;

	err = copy_xattr_name(kname, name);
	if (err)
		return err;
	err = xattr_permission(d->d_inode, kname, MAY_WRITE);
	if (!err)
		err = security_xattr(kname);
	return err ? err : -EOPNOTSUPP;
}

/* the path forms: look the file up (following a last symlink or not), then act */
enum xattr_op { XA_SET, XA_GET, XA_LIST, XA_REMOVE };

static long path_xattr(const char __user *path, int follow, enum xattr_op op,
		       const char __user *name, void __user *value, size_t size, int flags)
{
	struct nameidata nd;
	long err;

	err = user_path_walk_at(AT_FDCWD, path, follow ? LOOKUP_FOLLOW : 0, &nd);
	if (err)
		return err;
	switch (op) {
	case XA_SET:
		err = do_setxattr(nd.path.dentry, name, value, size, flags);
		break;
	case XA_GET:
		err = do_getxattr(nd.path.dentry, name, value, size);
		break;
	case XA_LIST:
		err = do_listxattr(nd.path.dentry, value, size);
		break;
	default:
		err = do_removexattr(nd.path.dentry, name);
	}
	path_release(&nd);
	return err;
}

static long fd_xattr(int fd, enum xattr_op op, const char __user *name, void __user *value,
		     size_t size, int flags)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	switch (op) {
	case XA_SET:
		err = do_setxattr(f->f_dentry, name, value, size, flags);
		break;
	case XA_GET:
		err = do_getxattr(f->f_dentry, name, value, size);
		break;
	case XA_LIST:
		err = do_listxattr(f->f_dentry, value, size);
		break;
	default:
		err = do_removexattr(f->f_dentry, name);
	}
	fput(f);
	return err;
}

long sys_setxattr(const char __user *path, const char __user *name, const void __user *value,
		  size_t size, int flags)
{
	return path_xattr(path, 1, XA_SET, name, (void __user *)value, size, flags);
}

long sys_lsetxattr(const char __user *path, const char __user *name, const void __user *value,
		   size_t size, int flags)
{
	return path_xattr(path, 0, XA_SET, name, (void __user *)value, size, flags);
}

long sys_fsetxattr(int fd, const char __user *name, const void __user *value, size_t size,
		   int flags)
{
	return fd_xattr(fd, XA_SET, name, (void __user *)value, size, flags);
}

long sys_getxattr(const char __user *path, const char __user *name, void __user *value,
		  size_t size)
{
	return path_xattr(path, 1, XA_GET, name, value, size, 0);
}

long sys_lgetxattr(const char __user *path, const char __user *name, void __user *value,
		   size_t size)
{
	return path_xattr(path, 0, XA_GET, name, value, size, 0);
}

long sys_fgetxattr(int fd, const char __user *name, void __user *value, size_t size)
{
	return fd_xattr(fd, XA_GET, name, value, size, 0);
}

long sys_listxattr(const char __user *path, char __user *list, size_t size)
{
	return path_xattr(path, 1, XA_LIST, NULL, list, size, 0);
}

long sys_llistxattr(const char __user *path, char __user *list, size_t size)
{
	return path_xattr(path, 0, XA_LIST, NULL, list, size, 0);
}

long sys_flistxattr(int fd, char __user *list, size_t size)
{
	return fd_xattr(fd, XA_LIST, NULL, list, size, 0);
}

long sys_removexattr(const char __user *path, const char __user *name)
{
	return path_xattr(path, 1, XA_REMOVE, name, NULL, 0, 0);
}

long sys_lremovexattr(const char __user *path, const char __user *name)
{
	return path_xattr(path, 0, XA_REMOVE, name, NULL, 0, 0);
}

long sys_fremovexattr(int fd, const char __user *name)
{
	return fd_xattr(fd, XA_REMOVE, name, NULL, 0, 0);
}

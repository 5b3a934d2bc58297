/*
 * fs/readdir.c - directory listings (Linux: fs/readdir.c): getdents64
 * packs as many linux_dirent64 records as fit into the caller's buffer,
 * each 8-byte aligned, d_off being the position after the entry; the old
 * getdents does the same with 32-bit fields (EOVERFLOW for an inode number
 * that does not fit) and d_type in each record's last byte, and the older
 * readdir gives one entry a call.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <uapi/dirent.h>

int vfs_readdir(struct file *f, filldir_t filler, void *buf)
{
	struct inode *inode = file_inode(f);

	if (!f->f_op || !f->f_op->readdir)
		return -ENOTDIR;
	if (S_ISDIR(inode->i_mode) && !inode->i_nlink)
		return -ENOENT;		/* removed while open */
	return f->f_op->readdir(f, buf, filler);
}

struct getdents_callback64 {
	struct linux_dirent64 __user *current_dir;
	struct linux_dirent64 __user *previous;
	int count;
	int error;
};

static int filldir64(void *__buf, const char *name, int namlen, loff_t offset,
		     u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = __buf;
	struct linux_dirent64 __user *dirent;
	int reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, 8);
	struct linux_dirent64 rec;
	static const char zeros[8];

	buf->error = -EINVAL;	/* the buffer cannot hold even one entry */
	if (reclen > buf->count)
		return -EINVAL;
	dirent = buf->previous;
	if (dirent && put_user(offset, &dirent->d_off))
		goto efault;
	dirent = buf->current_dir;
	rec.d_ino = ino;
	rec.d_off = 0;
	rec.d_reclen = reclen;
	rec.d_type = d_type;
	if (copy_to_user(dirent, &rec, offsetof(struct linux_dirent64, d_name)))
		goto efault;
	if (copy_to_user(dirent->d_name, name, namlen))
		goto efault;
	/* the NUL and the padding up to the record's end */
	if (copy_to_user(dirent->d_name + namlen, zeros,
			 reclen - offsetof(struct linux_dirent64, d_name) - namlen))
		goto efault;
	buf->previous = dirent;
	buf->current_dir = (void __user *)((char __user *)dirent + reclen);
	buf->count -= reclen;
	return 0;
efault:
	buf->error = -EFAULT;
	return -EFAULT;
}

long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count)
{
	struct getdents_callback64 buf;
	struct linux_dirent64 __user *last;
	struct file *f;
	long err;

	if (!access_ok(dirent, count))
		return -EFAULT;
	f = fget(fd);
	if (!f)
		return -EBADF;
	buf.current_dir = dirent;
	buf.previous = NULL;
	buf.count = count;
	buf.error = 0;
	err = vfs_readdir(f, filldir64, &buf);
	if (err >= 0)
		err = buf.error;
	last = buf.previous;
	if (last) {
		loff_t d_off = f->f_pos;

		err = put_user(d_off, &last->d_off) ? -EFAULT : (long)(count - buf.count);
	}
	fput(f);
	return err;
}

/* ---- the old layouts: getdents (141) and readdir (89) ---- */

struct getdents_callback {
	struct linux_dirent __user *current_dir;
	struct linux_dirent __user *previous;
	int count;
	int error;
};

static int filldir(void *__buf, const char *name, int namlen, loff_t offset,
		   u64 ino, unsigned int d_type)
{
	struct getdents_callback *buf = __buf;
	struct linux_dirent __user *dirent;
	/* the name, its NUL, then the type byte, the whole long-aligned */
	int reclen = ALIGN(offsetof(struct linux_dirent, d_name) + namlen + 2, sizeof(long));
	struct linux_dirent rec;
	static const char zeros[sizeof(long) + 1];
	unsigned char type = d_type;

	buf->error = -EINVAL;
	if (reclen > buf->count)
		return -EINVAL;
	if ((unsigned long)ino != ino) {
		buf->error = -EOVERFLOW;
		return -EOVERFLOW;
	}
	dirent = buf->previous;
	if (dirent && put_user((unsigned long)offset, &dirent->d_off))
		goto efault;
	dirent = buf->current_dir;
	rec.d_ino = (unsigned long)ino;
	rec.d_off = 0;
	rec.d_reclen = reclen;
	if (copy_to_user(dirent, &rec, offsetof(struct linux_dirent, d_name)) ||
	    copy_to_user(dirent->d_name, name, namlen) ||
	    copy_to_user(dirent->d_name + namlen, zeros,
			 reclen - offsetof(struct linux_dirent, d_name) - namlen - 1) ||
	    copy_to_user((char __user *)dirent + reclen - 1, &type, 1))
		goto efault;
	buf->previous = dirent;
	buf->current_dir = (void __user *)((char __user *)dirent + reclen);
	buf->count -= reclen;
	return 0;
efault:
	buf->error = -EFAULT;
	return -EFAULT;
}

long sys_getdents(unsigned int fd, struct linux_dirent __user *dirent, unsigned int count)
{
	struct getdents_callback buf;
	struct file *f;
	long err;

	if (!access_ok(dirent, count))
		return -EFAULT;
	f = fget(fd);
	if (!f)
		return -EBADF;
	buf.current_dir = dirent;
	buf.previous = NULL;
	buf.count = count;
	buf.error = 0;
	err = vfs_readdir(f, filldir, &buf);
	if (err >= 0)
		err = buf.error;
	if (buf.previous)
		err = put_user((unsigned long)f->f_pos, &buf.previous->d_off) ? -EFAULT :
		      (long)(count - buf.count);
	fput(f);
	return err;
}

struct readdir_callback {
	struct old_linux_dirent __user *dirent;
	int result;
};

/* one entry, then refuse the next so the walk stops there (Linux: fillonedir) */
static int fillonedir(void *__buf, const char *name, int namlen, loff_t offset,
		      u64 ino, unsigned int d_type)
{
	struct readdir_callback *buf = __buf;
	struct old_linux_dirent __user *d = buf->dirent;
	unsigned long d_ino = (unsigned long)ino;
	char nul = 0;

	(void)d_type;
	if (buf->result)
		return -EINVAL;
	if (d_ino != ino) {
		buf->result = -EOVERFLOW;
		return -EOVERFLOW;
	}
	buf->result++;
	if (put_user(d_ino, &d->d_ino) || put_user((unsigned long)offset, &d->d_offset) ||
	    put_user((unsigned short)namlen, &d->d_namlen) ||
	    copy_to_user(d->d_name, name, namlen) || copy_to_user(d->d_name + namlen, &nul, 1)) {
		buf->result = -EFAULT;
		return -EFAULT;
	}
	return 0;
}

long sys_old_readdir(unsigned int fd, struct old_linux_dirent __user *dirent, unsigned int count)
{
	struct readdir_callback buf = { dirent, 0 };
	struct file *f = fget(fd);
	long err;

	(void)count;		/* one entry whatever it says, as Linux */
	if (!f)
		return -EBADF;
	err = vfs_readdir(f, fillonedir, &buf);
	if (buf.result)
		err = buf.result;
	fput(f);
	return err;
}

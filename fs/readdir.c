/*
 * fs/readdir.c - directory listings (Linux: fs/readdir.c): getdents64
 * packs as many linux_dirent64 records as fit into the caller's buffer,
 * each 8-byte aligned, d_off being the position after the entry.
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

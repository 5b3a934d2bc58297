/*
 * fs/read_write.c - read, write, their vector and positioned forms, and
 * lseek (Linux: fs/read_write.c). The sys_* calls look up the file and
 * keep f_pos; vfs_read and vfs_write check the mode and the buffer and
 * call the file's methods.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>

#define MAX_RW_COUNT	(0x7ffff000)	/* INT_MAX rounded down to a page */

loff_t generic_file_llseek(struct file *f, loff_t offset, int origin)
{
	struct inode *inode = file_inode(f);

	switch (origin) {
	case SEEK_END:
		offset += inode->i_size;
		break;
	case SEEK_CUR:
		offset += f->f_pos;
		break;
	case SEEK_SET:
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0 || offset > inode->i_sb->s_maxbytes)
		return -EINVAL;
	if (offset != f->f_pos) {
		f->f_pos = offset;
		f->f_version = 0;
	}
	return offset;
}

loff_t no_llseek(struct file *f, loff_t offset, int origin)
{
	(void)f;
	(void)offset;
	(void)origin;
	return -ESPIPE;
}

static loff_t default_llseek(struct file *f, loff_t offset, int origin)
{
	switch (origin) {
	case SEEK_END:
		offset += file_inode(f)->i_size;
		break;
	case SEEK_CUR:
		offset += f->f_pos;
		break;
	case SEEK_SET:
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0)
		return -EINVAL;
	if (offset != f->f_pos) {
		f->f_pos = offset;
		f->f_version = 0;
	}
	return offset;
}

loff_t vfs_llseek(struct file *f, loff_t offset, int origin)
{
	loff_t (*fn)(struct file *, loff_t, int) = no_llseek;

	if (f->f_mode & FMODE_LSEEK) {
		fn = default_llseek;
		if (f->f_op && f->f_op->llseek)
			fn = f->f_op->llseek;
	}
	return fn(f, offset, origin);
}

long sys_lseek(unsigned int fd, long offset, unsigned int origin)
{
	struct file *f = fget(fd);
	loff_t res;

	if (!f)
		return -EBADF;
	res = -EINVAL;
	if (origin <= SEEK_END) {
		res = vfs_llseek(f, offset, origin);
		/* the result must fit the 32-bit off_t */
		if (res >= 0 && (loff_t)(long)res != res)
			res = -EOVERFLOW;
	}
	fput(f);
	return (long)res;
}

long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		loff_t __user *result, unsigned int origin)
{
	struct file *f = fget(fd);
	loff_t res;
	long err;

	if (!f)
		return -EBADF;
	err = -EINVAL;
	if (origin > SEEK_END)
		goto out;
	res = vfs_llseek(f, ((loff_t)offset_high << 32) | offset_low, origin);
	err = (long)res;
	if (res < 0)
		goto out;
	err = copy_to_user(result, &res, sizeof(res)) ? -EFAULT : 0;
out:
	fput(f);
	return err;
}

static ssize_t rw_verify_area(struct file *f, loff_t pos, size_t count)
{
	(void)f;
	if (pos < 0 || (loff_t)(pos + count) < 0)
		return -EINVAL;
	return count > MAX_RW_COUNT ? MAX_RW_COUNT : count;
}

ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	ret = rw_verify_area(f, *pos, count);
	if (ret < 0)
		return ret;
	return f->f_op->read(f, buf, ret, pos);
}

ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	ret = rw_verify_area(f, *pos, count);
	if (ret < 0)
		return ret;
	return f->f_op->write(f, buf, ret, pos);
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	pos = f->f_pos;
	ret = vfs_read(f, buf, count, &pos);
	f->f_pos = pos;
	fput(f);
	return ret;
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *f = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	pos = f->f_pos;
	ret = vfs_write(f, buf, count, &pos);
	f->f_pos = pos;
	fput(f);
	return ret;
}

/* i386: the 64-bit position as two registers, low half first */
long sys_pread64(unsigned int fd, char __user *buf, size_t count,
		 unsigned long pos_lo, unsigned long pos_hi)
{
	loff_t pos = ((loff_t)pos_hi << 32) | pos_lo;
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -ESPIPE;
	if (f->f_mode & FMODE_PREAD)
		ret = vfs_read(f, buf, count, &pos);
	fput(f);
	return ret;
}

long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count,
		  unsigned long pos_lo, unsigned long pos_hi)
{
	loff_t pos = ((loff_t)pos_hi << 32) | pos_lo;
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -ESPIPE;
	if (f->f_mode & FMODE_PWRITE)
		ret = vfs_write(f, buf, count, &pos);
	fput(f);
	return ret;
}

/* the file's own vector method, or one read/write per segment until one falls short */
static ssize_t do_readv_writev(int type, struct file *f, const struct iovec __user *uvector,
			       unsigned long nr_segs, loff_t *pos)
{
	struct iovec *iov;
	size_t tot_len = 0;
	ssize_t ret = 0;

	/* Linux's order: the file's mode, then the vector (0 segments is 0, too many EINVAL) */
	if (!(f->f_mode & (type ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (!f->f_op || (type ? !f->f_op->write : !f->f_op->read))
		return -EINVAL;
	if (!nr_segs)
		return 0;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	iov = kmalloc(nr_segs * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(iov, uvector, nr_segs * sizeof(*iov)))
		goto out;
	ret = -EINVAL;
	for (unsigned long i = 0; i < nr_segs; i++) {
		if ((ssize_t)iov[i].iov_len < 0)
			goto out;
		tot_len += iov[i].iov_len;
		if ((ssize_t)tot_len < 0)
			goto out;
		if (!access_ok(iov[i].iov_base, iov[i].iov_len)) {
			ret = -EFAULT;
			goto out;
		}
	}
	ret = rw_verify_area(f, *pos, tot_len);
	if (ret < 0)
		goto out;
	if (type && f->f_op->writev) {
		ret = f->f_op->writev(f, iov, nr_segs, pos);
		goto out;
	}
	if (!type && f->f_op->readv) {
		ret = f->f_op->readv(f, iov, nr_segs, pos);
		goto out;
	}
	ret = 0;
	for (unsigned long i = 0; i < nr_segs; i++) {
		ssize_t n;

		if (!iov[i].iov_len)
			continue;
		if (type)
			n = f->f_op->write(f, iov[i].iov_base, iov[i].iov_len, pos);
		else
			n = f->f_op->read(f, iov[i].iov_base, iov[i].iov_len, pos);
		if (n < 0) {
			if (!ret)
				ret = n;
			break;
		}
		ret += n;
		if ((size_t)n != iov[i].iov_len)
			break;
	}
out:
	kfree(iov);
	return ret;
}

/* readv and writev at the file position, which they advance */
static long vectored_at_pos(int write, unsigned long fd, const struct iovec __user *vec,
			    unsigned long vlen)
{
	struct file *f = fget(fd);
	loff_t pos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	pos = f->f_pos;
	ret = do_readv_writev(write, f, vec, vlen, &pos);
	f->f_pos = pos;
	fput(f);
	return ret;
}

long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	return vectored_at_pos(0, fd, vec, vlen);
}

long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	return vectored_at_pos(1, fd, vec, vlen);
}

/*
 * preadv/pwritev: at a given position, which stays (ESPIPE for pipes and
 * the like); preadv2/pwritev2 take -1 for the file position and flags, of
 * which RWF_HIPRI, RWF_DSYNC and RWF_SYNC mean nothing more on ramfs; the
 * others (RWF_NOWAIT, RWF_APPEND, ...) are EOPNOTSUPP here.
 */
#define RWF_HIPRI	0x01
#define RWF_DSYNC	0x02
#define RWF_SYNC	0x04

static long vectored_at(int write, unsigned long fd, const struct iovec __user *vec,
			unsigned long vlen, loff_t pos)
{
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -ESPIPE;
	if (f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))
		ret = do_readv_writev(write, f, vec, vlen, &pos);
	fput(f);
	return ret;
}

long sys_preadv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		unsigned long pos_l, unsigned long pos_h)
{
	return vectored_at(0, fd, vec, vlen, ((loff_t)pos_h << 32) | pos_l);
}

long sys_pwritev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		 unsigned long pos_l, unsigned long pos_h)
{
	return vectored_at(1, fd, vec, vlen, ((loff_t)pos_h << 32) | pos_l);
}

static long vectored2(int write, unsigned long fd, const struct iovec __user *vec,
		      unsigned long vlen, loff_t pos, int flags)
{
	if (flags & ~(RWF_HIPRI | RWF_DSYNC | RWF_SYNC))
		return -EOPNOTSUPP;
	if (pos == -1)
		return vectored_at_pos(write, fd, vec, vlen);
	return vectored_at(write, fd, vec, vlen, pos);
}

long sys_preadv2(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		 unsigned long pos_l, unsigned long pos_h, int flags)
{
	return vectored2(0, fd, vec, vlen, ((loff_t)pos_h << 32) | pos_l, flags);
}

long sys_pwritev2(unsigned long fd, const struct iovec __user *vec, unsigned long vlen,
		  unsigned long pos_l, unsigned long pos_h, int flags)
{
	return vectored2(1, fd, vec, vlen, ((loff_t)pos_h << 32) | pos_l, flags);
}

/* read from a kernel buffer at offset: the ELF loader's way in */
int kernel_read(struct file *f, loff_t offset, char *addr, unsigned long count)
{
	mm_segment_t old = get_fs();
	loff_t pos = offset;
	int ret;

	set_fs(KERNEL_DS);
	ret = vfs_read(f, (char __user *)addr, count, &pos);
	set_fs(old);
	return ret;
}

int kernel_write(struct file *f, loff_t offset, const char *addr, unsigned long count)
{
	mm_segment_t old = get_fs();
	loff_t pos = offset;
	int ret;

	set_fs(KERNEL_DS);
	ret = vfs_write(f, (const char __user *)addr, count, &pos);
	set_fs(old);
	return ret;
}

long sys_fsync(unsigned int fd)
{
	struct file *f = fget(fd);
	long err = 0;

	if (!f)
		return -EBADF;
	if (f->f_op && f->f_op->fsync)
		err = f->f_op->fsync(f, f->f_dentry, 0);
	else if (!S_ISDIR(file_inode(f)->i_mode))
		err = -EINVAL;
	fput(f);
	return err;
}

long sys_fdatasync(unsigned int fd)
{
	return sys_fsync(fd);
}

/* everything is in memory: there is nothing to write back */
long sys_sync(void)
{
	return 0;
}

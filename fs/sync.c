/*
 * fs/sync.c - the calls that push data to disk or advise the page cache:
 * sync_file_range and syncfs (Linux: fs/sync.c), and posix_fadvise and
 * readahead (Linux keeps them in mm/fadvise.c and mm/readahead.c). Files
 * here live in memory, so each checks its arguments as Linux does and then
 * has nothing to do.
 */
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/syscalls.h>
#include <uapi/stat.h>

#define SYNC_FILE_RANGE_WAIT_BEFORE	1
#define SYNC_FILE_RANGE_WRITE		2
#define SYNC_FILE_RANGE_WAIT_AFTER	4

#define POSIX_FADV_NORMAL	0
#define POSIX_FADV_NOREUSE	5	/* the highest advice */

static loff_t arg64(unsigned long lo, unsigned long hi)
{
	return (loff_t)(((u64)hi << 32) | lo);
}

long sys_sync_file_range(int fd, unsigned long off_lo, unsigned long off_hi,
			 unsigned long nb_lo, unsigned long nb_hi, unsigned int flags)
{
	loff_t offset = arg64(off_lo, off_hi), nbytes = arg64(nb_lo, nb_hi);
	struct file *f;
	umode_t mode;
	long err = 0;

	if (flags & ~(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
		      SYNC_FILE_RANGE_WAIT_AFTER))
		return -EINVAL;
	if (offset < 0 || nbytes < 0 || offset + nbytes < offset)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	mode = file_inode(f)->i_mode;
	if (!S_ISREG(mode) && !S_ISBLK(mode) && !S_ISDIR(mode) && !S_ISLNK(mode))
		err = -ESPIPE;
	fput(f);
	return err;
}

long sys_syncfs(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

static long do_fadvise(int fd, loff_t offset, loff_t len, int advice)
{
	struct file *f = fget(fd);
	long err = 0;

	(void)offset;
	if (!f)
		return -EBADF;
	if (S_ISFIFO(file_inode(f)->i_mode))
		err = -ESPIPE;
	else if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE || len < 0)
		err = -EINVAL;
	fput(f);
	return err;
}

/* i386: fd, offset (two words), len, advice */
long sys_fadvise64(int fd, unsigned long off_lo, unsigned long off_hi, size_t len, int advice)
{
	return do_fadvise(fd, arg64(off_lo, off_hi), len, advice);
}

long sys_fadvise64_64(int fd, unsigned long off_lo, unsigned long off_hi,
		      unsigned long len_lo, unsigned long len_hi, int advice)
{
	return do_fadvise(fd, arg64(off_lo, off_hi), arg64(len_lo, len_hi), advice);
}

long sys_readahead(int fd, unsigned long off_lo, unsigned long off_hi, size_t count)
{
	struct file *f = fget(fd);
	long err = 0;

	(void)off_lo;
	(void)off_hi;
	(void)count;
	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_READ))
		err = -EBADF;
	else if (!S_ISREG(file_inode(f)->i_mode))
		err = -EINVAL;
	fput(f);
	return err;
}

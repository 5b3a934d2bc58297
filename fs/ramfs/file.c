/*
 * fs/ramfs/file.c - ramfs regular files: their data is pages in the
 * file's page index (fs/filemap.c), allocated on the first write to each;
 * a missing page is a hole and reads as zeros (Linux: fs/ramfs/
 * file-mmu.c over mm/filemap.c's generic read and write).
 */
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/shmem.h>
#include <kernel/uaccess.h>

unsigned long ramfs_pages;

static ssize_t ramfs_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
	struct inode *inode = file_inode(f);
	struct address_space *mapping = inode->i_mapping;
	loff_t pos = *ppos;
	size_t done = 0;

	/* as generic_file_read_iter: nothing asked, nothing copied, no fault */
	if (!count || pos >= inode->i_size)
		return 0;
	if ((loff_t)count > inode->i_size - pos)
		count = inode->i_size - pos;
	while (done < count) {
		unsigned long index = pos >> PAGE_SHIFT;
		unsigned int offset = pos & (PAGE_SIZE - 1);
		size_t chunk = min((size_t)(PAGE_SIZE - offset), count - done);
		struct page *page = find_get_page(mapping, index);
		unsigned long left;

		if (page)
			left = copy_to_user(buf + done, (char *)page_address(page) + offset, chunk);
		else
			left = clear_user(buf + done, chunk);
		done += chunk - left;
		pos += chunk - left;
		if (left)
			break;
	}
	*ppos = pos;
	inode->i_atime = CURRENT_TIME;
	return done ? (ssize_t)done : -EFAULT;
}

/*
 * Copy count bytes in at *ppos page by page, the limits already applied.
 * When memory runs out the bytes already copied stay and count (a short
 * write); with none copied the call fails with ENOMEM. i_size only ever
 * covers bytes that really landed.
 */
static ssize_t ramfs_copy_in(struct inode *inode, const char __user *buf, size_t count,
			     loff_t *ppos)
{
	loff_t pos = *ppos;
	size_t done = 0;
	ssize_t err = 0;

	while (done < count) {
		unsigned long index = pos >> PAGE_SHIFT;
		unsigned int offset = pos & (PAGE_SIZE - 1);
		size_t chunk = min((size_t)(PAGE_SIZE - offset), count - done);
		struct page *page = find_or_create_page(inode, index);
		unsigned long left;

		if (!page) {
			/* what Linux's ramfs says; tmpfs says ENOSPC */
			err = SHMEM_SB(inode->i_sb) ? -ENOSPC : -ENOMEM;
			break;
		}
		left = copy_from_user((char *)page_address(page) + offset, buf + done, chunk);
		done += chunk - left;
		pos += chunk - left;
		if (pos > inode->i_size)
			inode->i_size = pos;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	if (done) {
		inode->i_mtime = inode->i_ctime = CURRENT_TIME;
		*ppos = pos;
		return done;
	}
	return err;
}

static ssize_t ramfs_write(struct file *f, const char __user *buf, size_t count, loff_t *ppos)
{
	loff_t pos = *ppos;
	ssize_t err;

	if (!count)
		return 0;
	err = generic_write_checks(f, &pos, &count);
	if (err)
		return err;
	err = ramfs_copy_in(file_inode(f), buf, count, &pos);
	if (err > 0)
		*ppos = pos;
	return err;
}

/*
 * The vector as one write (Linux: generic_file_aio_write): the limits apply
 * to its whole length once, so a segment that starts at RLIMIT_FSIZE after
 * one that ended there is not a second write past it (no SIGXFSZ).
 */
static ssize_t ramfs_writev(struct file *f, const struct iovec *iov, unsigned long nr_segs,
			    loff_t *ppos)
{
	loff_t pos = *ppos;
	size_t count = 0;
	ssize_t done = 0, err;

	for (unsigned long i = 0; i < nr_segs; i++)
		count += iov[i].iov_len;	/* do_readv_writev bounded the sum */
	if (!count)
		return 0;
	err = generic_write_checks(f, &pos, &count);
	if (err)
		return err;
	for (unsigned long i = 0; i < nr_segs && count; i++) {
		size_t n = min(iov[i].iov_len, count);

		if (!n)
			continue;
		err = ramfs_copy_in(file_inode(f), iov[i].iov_base, n, &pos);
		if (err < 0)
			break;
		done += err;
		count -= err;
		if ((size_t)err < n)
			break;
	}
	if (done) {
		*ppos = pos;
		return done;
	}
	return err;
}

static int ramfs_fsync(struct file *f, struct dentry *d, int datasync)
{
	(void)f;
	(void)d;
	(void)datasync;
	return 0;
}

const struct file_operations ramfs_file_operations = {
	.llseek = generic_file_llseek,
	.read = ramfs_read,
	.write = ramfs_write,
	.writev = ramfs_writev,
	.fsync = ramfs_fsync,
	.mmap = generic_file_mmap,
};

const struct inode_operations ramfs_file_inode_operations = {
	.getattr = simple_getattr,
	.truncate = shmem_truncate,	/* tmpfs's block count; nothing on ramfs */
};

/*
 * kernel/drivers/mem.c - the memory character devices, major 1 (Linux:
 * drivers/char/mem.c): /dev/null (minor 3) swallows writes and reads as
 * empty, /dev/zero (5) reads as zeros, /dev/full (7) reads as zeros and
 * is always full. chr_dev_init also starts the tty layer, as Linux's does.
 */
#include <kernel/fs.h>
#include <kernel/tty.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>

#define MEM_MAJOR 1

static ssize_t null_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	(void)f;
	(void)buf;
	(void)n;
	(void)pos;
	return 0;
}

static ssize_t null_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	(void)f;
	(void)buf;
	(void)pos;
	return n;
}

/* seeking /dev/null or /dev/zero always lands at 0 */
static loff_t null_lseek(struct file *f, loff_t offset, int origin)
{
	(void)offset;
	(void)origin;
	return f->f_pos = 0;
}

static ssize_t zero_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	unsigned long left = clear_user(buf, n);

	(void)f;
	(void)pos;
	if (left == n && n)
		return -EFAULT;
	return n - left;
}

static ssize_t full_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	(void)f;
	(void)buf;
	(void)n;
	(void)pos;
	return -ENOSPC;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek,
	.read = null_read,
	.write = null_write,
};

static const struct file_operations zero_fops = {
	.llseek = null_lseek,
	.read = zero_read,
	.write = null_write,
};

static const struct file_operations full_fops = {
	.llseek = null_lseek,
	.read = zero_read,
	.write = full_write,
};

static int memory_open(struct inode *inode, struct file *filp)
{
	switch (MINOR(inode->i_rdev)) {
	case 3:
		filp->f_op = &null_fops;
		break;
	case 5:
		filp->f_op = &zero_fops;
		break;
	case 7:
		filp->f_op = &full_fops;
		break;
	default:
		return -ENXIO;
	}
	return 0;
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

void chr_dev_init(void)
{
	register_chrdev(MEM_MAJOR, "mem", &memory_fops);
	tty_init();
}

/*
 * fs/char_dev.c - the character-device table (Linux: fs/char_dev.c, in
 * the 2.4-style register_chrdev form): one file_operations per major; the
 * driver's open sorts out the minors. Opening a device inode lands in
 * chrdev_open, which swaps in the driver's operations.
 */
#include <kernel/fs.h>
#include <kernel/errno.h>

#define MAX_CHRDEV 256

static struct {
	const char *name;
	const struct file_operations *fops;
} chrdevs[MAX_CHRDEV];

int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	if (major >= MAX_CHRDEV || !major)
		return -EINVAL;
	if (chrdevs[major].fops)
		return -EBUSY;
	chrdevs[major].name = name;
	chrdevs[major].fops = fops;
	return 0;
}

int unregister_chrdev(unsigned int major, const char *name)
{
	(void)name;
	if (major >= MAX_CHRDEV || !chrdevs[major].fops)
		return -EINVAL;
	chrdevs[major].fops = NULL;
	chrdevs[major].name = NULL;
	return 0;
}

int chrdev_open(struct inode *inode, struct file *filp)
{
	unsigned int major = MAJOR(inode->i_rdev);

	if (major >= MAX_CHRDEV || !chrdevs[major].fops)
		return -ENXIO;
	filp->f_op = chrdevs[major].fops;
	if (filp->f_op->open)
		return filp->f_op->open(inode, filp);
	return 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

/* the driver's name for a major, or NULL: /proc/devices */
const char *chrdev_name(unsigned int major)
{
	return major < MAX_CHRDEV && chrdevs[major].fops ? chrdevs[major].name : NULL;
}

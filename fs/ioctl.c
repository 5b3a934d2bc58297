/*
 * fs/ioctl.c - the ioctl system call (Linux: fs/ioctl.c): the requests
 * every file understands are handled here, the rest go to f_op->ioctl;
 * a file without one answers ENOTTY.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <uapi/ioctls.h>

static long file_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct inode *inode = file_inode(f);

	if (cmd == FIONREAD && S_ISREG(inode->i_mode)) {
		loff_t n = inode->i_size - f->f_pos;

		return put_user((int)(n > 0 ? n : 0), (int __user *)arg);
	}
	if (f->f_op && f->f_op->ioctl)
		return f->f_op->ioctl(inode, f, cmd, arg);
	return -ENOTTY;
}

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long err = 0;
	int on;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, 1);
		break;
	case FIONCLEX:
		set_close_on_exec(fd, 0);
		break;
	case FIONBIO:
		err = get_user(on, (int __user *)arg);
		if (err)
			break;
		if (on)
			f->f_flags |= O_NONBLOCK;
		else
			f->f_flags &= ~O_NONBLOCK;
		break;
	case FIOASYNC:
		err = get_user(on, (int __user *)arg);
		if (err)
			break;
		if (f->f_op && f->f_op->fasync && (!on != !(f->f_flags & FASYNC))) {
			err = f->f_op->fasync(fd, f, on);
			if (err < 0)
				break;
			err = 0;
		}
		if (on)
			f->f_flags |= FASYNC;
		else
			f->f_flags &= ~FASYNC;
		break;
	default:
		err = file_ioctl(f, cmd, arg);
	}
	fput(f);
	return err;
}

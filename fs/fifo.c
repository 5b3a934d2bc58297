/*
 * fs/fifo.c - opening a FIFO (Linux 2.6.18: fs/fifo.c). Everything after
 * open is fs/pipe.c's; here is only the rendezvous: a reader waits for a
 * writer and a writer for a reader, unless O_NONBLOCK says otherwise. The
 * waits watch the partner's open counter, not its live count, so a partner
 * that opened and closed again in between still releases the waiter.
 */
#include <kernel/pipe_fs_i.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>

/* sleep until *cnt moves; -ERESTARTSYS on a signal */
static int wait_for_partner(struct pipe_inode_info *pipe, unsigned int *cnt)
{
	unsigned int cur = *cnt;

	while (cur == *cnt) {
		pipe_wait(pipe);
		if (signal_pending(current))
			break;
	}
	return cur == *cnt ? -ERESTARTSYS : 0;
}

static void wake_up_partner(struct pipe_inode_info *pipe)
{
	wake_up_interruptible(&pipe->wait);
}

int fifo_open(struct inode *inode, struct file *filp)
{
	struct pipe_inode_info *pipe;
	int ret;

	/*
	 * The pipe object exists while a file, or an opener here, counts in
	 * its files (fs/pipe.c's pipe_lock): taken before the mutex, so a
	 * partner's last close on another CPU cannot free it under us. Then
	 * the rendezvous under pipe->mutex, 2.6's i_mutex, which pipe_wait
	 * drops while we sleep for the partner.
	 */
	pipe = fifo_get_pipe(inode);
	if (!pipe)
		return -ENOMEM;
	mutex_lock(&pipe->mutex);
	filp->f_version = 0;
	switch (filp->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		filp->f_op = &read_pipe_fops;
		pipe->r_counter++;
		if (pipe->readers++ == 0)
			wake_up_partner(pipe);
		if (!pipe->writers) {
			if (filp->f_flags & O_NONBLOCK) {
				/* no POLLHUP until a writer has come and gone */
				filp->f_version = pipe->w_counter;
				break;
			}
			ret = wait_for_partner(pipe, &pipe->w_counter);
			if (ret)
				goto err_rd;
		}
		break;
	case FMODE_WRITE:
		ret = -ENXIO;
		if ((filp->f_flags & O_NONBLOCK) && !pipe->readers)
			goto err;
		filp->f_op = &write_pipe_fops;
		pipe->w_counter++;
		if (!pipe->writers++)
			wake_up_partner(pipe);
		if (!pipe->readers) {
			ret = wait_for_partner(pipe, &pipe->r_counter);
			if (ret)
				goto err_wr;
		}
		break;
	case FMODE_READ | FMODE_WRITE:
		/* both ends at once: nothing to wait for */
		filp->f_op = &rdwr_pipe_fops;
		pipe->readers++;
		pipe->writers++;
		pipe->r_counter++;
		pipe->w_counter++;
		if (pipe->readers == 1 || pipe->writers == 1)
			wake_up_partner(pipe);
		break;
	default:
		ret = -EINVAL;
		goto err;
	}
	mutex_unlock(&pipe->mutex);
	return 0;

err_rd:
	if (!--pipe->readers)
		wake_up_interruptible(&pipe->wait);
	goto err;
err_wr:
	if (!--pipe->writers)
		wake_up_interruptible(&pipe->wait);
err:
	mutex_unlock(&pipe->mutex);
	put_pipe_info(inode, pipe);	/* the last one out frees it */
	return ret;
}

/*
 * fs/pipe.c - pipes (Linux 2.6.18: fs/pipe.c). One pipe_inode_info serves an
 * anonymous pipe's two files and a FIFO's opens alike: a ring of 16 page
 * buffers, one wait queue for readers and writers, counts of both ends, and
 * the fasync lists that SIGIO goes to. pipe_writev and pipe_readv below follow
 * 2.6's code path for path: merging small writes into the last page, a write
 * of at most PIPE_BUF bytes never split, readers woken synchronously first.
 *
 * Locking (2.6.18's, with pipe->mutex standing for the inode's i_mutex):
 *   pipe->mutex  the ring, readers/writers, the counters, fasync lists,
 *                the size; held by read/write throughout and dropped only
 *                inside pipe_wait() (queued and asleep first, so a wake-up
 *                between the unlock and schedule() is not lost). Data are
 *                copied to and from user space under it: it is a sleeping
 *                lock. The wake-up after a read or write is done after
 *                the unlock, as 2.6's do_wakeup; the ones before sleeping
 *                and in release under it, as 2.6 does.
 *   pipe->wait   the wait queue's own lock (kernel/wait.c) for the sleepers.
 *   pipe_lock    spinlock (2.6.35+: the inode's i_lock) over a FIFO inode's
 *                i_pipe, every pipe's files count and the all_pipes list:
 *                the last file to go frees the pipe, so fifo_open can never
 *                take the mutex of a pipe being freed. Never held with
 *                anything else taken after it.
 * Order: pipe->mutex -> pipe_lock. poll takes no lock (2.6 the same): it
 * reads nrbufs/readers/writers, each one word, after queueing itself.
 */
#include <kernel/pipe_fs_i.h>
#include <kernel/errno.h>
#include <kernel/fasync.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/io.h>
#include <kernel/kshell.h>
#include <kernel/mm.h>
#include <kernel/poll.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/ioctls.h>
#include <uapi/uio.h>

#define PIPEFS_MAGIC 0x50495045
#define UIO_FASTIOV 8	/* iovecs copied on the stack before resorting to kmalloc */

static LIST_HEAD(all_pipes);		/* for the shell's "pipes", under pipe_lock */
static DEFINE_SPINLOCK(pipe_lock);

/* ---- the pipe buffers ---- */

/* F_SETPIPE_SZ's limit without CAP_SYS_RESOURCE (Linux: fs/pipe-max-size, 1 MiB) */
unsigned int pipe_max_size = 1048576;

static void anon_pipe_buf_release(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	struct page *page = buf->page;

	buf->ops = NULL;
	/* keep one page for the next write, rather than a free and an alloc */
	if (page_count(page) == 1 && !pipe->tmp_page)
		pipe->tmp_page = page;
	else
		put_page(page);
}

/* the data is in memory as soon as the buffer exists */
int generic_pipe_buf_confirm(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	(void)pipe;
	(void)buf;
	return 0;
}

/* the page is the caller's if the buffer held its only reference */
int generic_pipe_buf_steal(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	(void)pipe;
	return page_count(buf->page) == 1 ? 0 : 1;
}

void generic_pipe_buf_get(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	(void)pipe;
	get_page(buf->page);
}

const struct pipe_buf_operations anon_pipe_buf_ops = {
	.can_merge = 1,
	.confirm = generic_pipe_buf_confirm,
	.release = anon_pipe_buf_release,
	.steal = generic_pipe_buf_steal,
	.get = generic_pipe_buf_get,
};

/* O_DIRECT (Linux 3.4): a packet is never merged into */
static const struct pipe_buf_operations packet_pipe_buf_ops = {
	.can_merge = 0,
	.confirm = generic_pipe_buf_confirm,
	.release = anon_pipe_buf_release,
	.steal = generic_pipe_buf_steal,
	.get = generic_pipe_buf_get,
};

unsigned int pipe_bytes(const struct pipe_inode_info *pipe)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < pipe->nrbufs; i++)
		n += pipe->bufs[(pipe->curbuf + i) & (pipe->buffers - 1)].len;
	return n;
}

/* drop the mutex and sleep until someone wakes the pipe's queue */
void pipe_wait(struct pipe_inode_info *pipe)
{
	DEFINE_WAIT(wait);

	prepare_to_wait(&pipe->wait, &wait, TASK_INTERRUPTIBLE);
	mutex_unlock(&pipe->mutex);
	schedule();
	finish_wait(&pipe->wait, &wait);
	mutex_lock(&pipe->mutex);
}

/*
 * Kept out of line: they are where README's gdb session breaks to watch a
 * wake-up, and an inlined copy would make `finish` stop at the breakpoint
 * again instead of returning to the writer.
 */
__attribute__((noinline)) void pipe_wake_readers(struct pipe_inode_info *pipe)
{
	wake_up_interruptible(&pipe->wait);
	kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN);
}

__attribute__((noinline)) void pipe_wake_writers(struct pipe_inode_info *pipe)
{
	wake_up_interruptible(&pipe->wait);
	kill_fasync(&pipe->fasync_writers, SIGIO, POLL_OUT);
}

/* ---- iovec helpers: consume user segments as bytes move ---- */

static size_t iov_length(const struct iovec *iov, unsigned long nr)
{
	size_t len = 0;

	for (unsigned long i = 0; i < nr; i++)
		len += iov[i].iov_len;
	return len;
}

/* copy n bytes out of the iovec; returns what could not be copied */
static size_t iov_copy_from_user(void *to, struct iovec *iov, size_t n)
{
	char *dst = to;

	while (n) {
		size_t c, left;

		while (!iov->iov_len)
			iov++;
		c = min(n, iov->iov_len);
		left = copy_from_user(dst, iov->iov_base, c);
		iov->iov_base = (char *)iov->iov_base + (c - left);
		iov->iov_len -= c - left;
		dst += c - left;
		n -= c - left;
		if (left)
			return n;
	}
	return 0;
}

static size_t iov_copy_to_user(struct iovec *iov, const void *from, size_t n)
{
	const char *src = from;

	while (n) {
		size_t c, left;

		while (!iov->iov_len)
			iov++;
		c = min(n, iov->iov_len);
		left = copy_to_user(iov->iov_base, src, c);
		iov->iov_base = (char *)iov->iov_base + (c - left);
		iov->iov_len -= c - left;
		src += c - left;
		n -= c - left;
		if (left)
			return n;
	}
	return 0;
}

/* ---- read ---- */

/*
 * Faults: a buffer is consumed only as far as it reached user memory whole.
 * A copy that faults part-way consumes nothing of that buffer (the bytes
 * stay in the pipe) and counts nothing; the read returns what earlier
 * buffers gave, or EFAULT. 2.6.18 and today's Linux agree on this.
 */
static ssize_t pipe_readv(struct file *filp, const struct iovec *_iov, unsigned long nr_segs,
			  loff_t *ppos)
{
	struct pipe_inode_info *pipe = file_inode(filp)->i_pipe;
	struct iovec iov[UIO_FASTIOV], *iovp = iov;
	size_t total_len = iov_length(_iov, nr_segs);
	int do_wakeup = 0;
	ssize_t ret = 0;

	(void)ppos;
	if (!total_len)
		return 0;
	if (nr_segs > UIO_FASTIOV) {
		iovp = kmalloc(nr_segs * sizeof(*iovp), GFP_KERNEL);
		if (!iovp)
			return -ENOMEM;
	}
	memcpy(iovp, _iov, nr_segs * sizeof(*iovp));	/* we consume our copy */

	mutex_lock(&pipe->mutex);
	for (;;) {
		unsigned int bufs = pipe->nrbufs;

		if (bufs) {
			struct pipe_buffer *buf = pipe->bufs + pipe->curbuf;
			size_t chars = min((size_t)buf->len, total_len);
			int error = buf->ops->confirm(pipe, buf);

			if (!error && iov_copy_to_user(iovp, (char *)page_address(buf->page) +
						       buf->offset, chars))
				error = -EFAULT;
			if (error) {
				if (!ret)
					ret = error;
				break;
			}
			ret += chars;
			buf->offset += chars;
			buf->len -= chars;
			total_len -= chars;
			/* O_DIRECT: one packet per read; what did not fit is dropped */
			if (buf->flags & PIPE_BUF_FLAG_PACKET) {
				total_len = 0;
				buf->len = 0;
			}
			if (!buf->len) {
				buf->ops->release(pipe, buf);
				pipe->curbuf = (pipe->curbuf + 1) & (pipe->buffers - 1);
				pipe->nrbufs = --bufs;
				do_wakeup = 1;	/* writers hear only of whole freed slots */
			}
			if (!total_len)
				break;
		}
		if (bufs)
			continue;
		if (!pipe->writers)
			break;		/* end of file */
		/*
		 * 2.6 went on waiting while a writer slept in pipe_write, even with
		 * O_NONBLOCK; since 5.5 Linux returns what it has at once.
		 */
		if (ret)
			break;
		if (filp->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		if (do_wakeup) {
			wake_up_interruptible_sync(&pipe->wait);
			kill_fasync(&pipe->fasync_writers, SIGIO, POLL_OUT);
		}
		pipe_wait(pipe);
	}
	mutex_unlock(&pipe->mutex);
	if (do_wakeup)
		pipe_wake_writers(pipe);
	if (ret > 0)
		file_inode(filp)->i_atime = current_kernel_time();
	if (iovp != iov)
		kfree(iovp);
	return ret;
}

static ssize_t pipe_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	struct iovec iov = { buf, count };

	return pipe_readv(filp, &iov, 1, ppos);
}

/* ---- write ---- */

/* O_DIRECT on a pipe or FIFO: packet mode (Linux 3.4) */
static int is_packetized(struct file *filp)
{
	return (filp->f_flags & O_DIRECT) != 0;
}

/*
 * Faults: a write counts only buffers it filled whole. A page whose copy
 * faulted part-way is neither counted nor kept (it goes back to tmp_page);
 * the write returns the bytes committed before it, or EFAULT.
 */
static ssize_t pipe_writev(struct file *filp, const struct iovec *_iov, unsigned long nr_segs,
			   loff_t *ppos)
{
	struct inode *inode = file_inode(filp);
	struct pipe_inode_info *pipe = inode->i_pipe;
	struct iovec iov[UIO_FASTIOV], *iovp = iov;
	size_t total_len = iov_length(_iov, nr_segs), chars;
	int do_wakeup = 0;
	ssize_t ret = 0;

	(void)ppos;
	/* a null write moves nothing and raises no SIGPIPE */
	if (!total_len)
		return 0;
	if (nr_segs > UIO_FASTIOV) {
		iovp = kmalloc(nr_segs * sizeof(*iovp), GFP_KERNEL);
		if (!iovp)
			return -ENOMEM;
	}
	memcpy(iovp, _iov, nr_segs * sizeof(*iovp));

	mutex_lock(&pipe->mutex);
	if (!pipe->readers) {
		send_sig(SIGPIPE, current, 0);
		ret = -EPIPE;
		goto out;
	}

	/* the write's tail end (total % PAGE_SIZE) goes into the last buffer if it fits */
	chars = total_len & (PAGE_SIZE - 1);
	if (pipe->nrbufs && chars) {
		int lastbuf = (pipe->curbuf + pipe->nrbufs - 1) & (pipe->buffers - 1);
		struct pipe_buffer *buf = pipe->bufs + lastbuf;
		unsigned int offset = buf->offset + buf->len;

		if (buf->ops->can_merge && offset + chars <= PAGE_SIZE) {
			int error = buf->ops->confirm(pipe, buf);

			if (error) {
				ret = error;
				goto out;
			}
			do_wakeup = 1;
			if (iov_copy_from_user((char *)page_address(buf->page) + offset, iovp, chars)) {
				ret = -EFAULT;	/* nothing was added: len is unchanged */
				goto out;
			}
			buf->len += chars;
			total_len -= chars;
			ret = chars;
			if (!total_len)
				goto out;
		}
	}

	for (;;) {
		unsigned int bufs;

		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			if (!ret)
				ret = -EPIPE;
			break;
		}
		bufs = pipe->nrbufs;
		if (bufs < pipe->buffers) {
			int newbuf = (pipe->curbuf + bufs) & (pipe->buffers - 1);
			struct pipe_buffer *buf = pipe->bufs + newbuf;
			struct page *page = pipe->tmp_page;

			if (!page) {
				page = alloc_page(GFP_KERNEL);
				if (!page) {
					if (!ret)
						ret = -ENOMEM;
					break;
				}
				pipe->tmp_page = page;
			}
			do_wakeup = 1;
			chars = min(total_len, (size_t)PAGE_SIZE);
			if (iov_copy_from_user(page_address(page), iovp, chars)) {
				if (!ret)
					ret = -EFAULT;
				break;	/* the page stays in tmp_page, its bytes unseen */
			}
			ret += chars;
			buf->page = page;
			buf->ops = &anon_pipe_buf_ops;
			buf->offset = 0;
			buf->len = chars;
			buf->flags = 0;
			if (is_packetized(filp)) {
				buf->ops = &packet_pipe_buf_ops;
				buf->flags = PIPE_BUF_FLAG_PACKET;
			}
			pipe->nrbufs = ++bufs;
			pipe->tmp_page = NULL;
			total_len -= chars;
			if (!total_len)
				break;
			if (bufs < pipe->buffers)
				continue;
		}
		if (filp->f_flags & O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			if (!ret)
				ret = -ERESTARTSYS;
			break;
		}
		if (do_wakeup) {
			wake_up_interruptible_sync(&pipe->wait);
			kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN);
			do_wakeup = 0;
		}
		pipe->waiting_writers++;
		pipe_wait(pipe);
		pipe->waiting_writers--;
	}
out:
	mutex_unlock(&pipe->mutex);
	if (do_wakeup)
		pipe_wake_readers(pipe);
	if (ret > 0)
		inode->i_mtime = inode->i_ctime = current_kernel_time();
	if (iovp != iov)
		kfree(iovp);
	return ret;
}

static ssize_t pipe_write(struct file *filp, const char __user *buf, size_t count, loff_t *ppos)
{
	struct iovec iov = { (void __user *)buf, count };

	return pipe_writev(filp, &iov, 1, ppos);
}

static ssize_t bad_pipe_r(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	(void)filp; (void)buf; (void)count; (void)ppos;
	return -EBADF;
}

static ssize_t bad_pipe_w(struct file *filp, const char __user *buf, size_t count, loff_t *ppos)
{
	(void)filp; (void)buf; (void)count; (void)ppos;
	return -EBADF;
}

/* ---- ioctl, poll ---- */

static int pipe_ioctl(struct inode *inode, struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = inode->i_pipe;
	int count;

	(void)filp;
	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&pipe->mutex);
	count = pipe_bytes(pipe);
	mutex_unlock(&pipe->mutex);
	return put_user(count, (int __user *)arg);
}

static unsigned int pipe_poll(struct file *filp, poll_table *wait)
{
	struct pipe_inode_info *pipe = file_inode(filp)->i_pipe;
	unsigned int mask = 0, nrbufs;

	poll_wait(filp, &pipe->wait, wait);
	nrbufs = pipe->nrbufs;
	if (filp->f_mode & FMODE_READ) {
		mask = nrbufs ? POLLIN | POLLRDNORM : 0;
		/* a FIFO reader that opened before any writer sees no hang-up yet */
		if (!pipe->writers && filp->f_version != pipe->w_counter)
			mask |= POLLHUP;
	}
	if (filp->f_mode & FMODE_WRITE) {
		mask |= nrbufs < pipe->buffers ? POLLOUT | POLLWRNORM : 0;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

/* ---- fasync: which files want SIGIO ---- */

/* subscribe (or not) on the readers' list, the writers' list, or both */
static int pipe_fasync(int fd, struct file *filp, int on, int rd, int wr)
{
	struct pipe_inode_info *pipe = file_inode(filp)->i_pipe;
	int ret = 0;

	mutex_lock(&pipe->mutex);
	if (rd)
		ret = fasync_helper(fd, filp, on, &pipe->fasync_readers);
	if (wr && ret >= 0)
		ret = fasync_helper(fd, filp, on, &pipe->fasync_writers);
	mutex_unlock(&pipe->mutex);
	return ret < 0 ? ret : 0;
}

static int pipe_read_fasync(int fd, struct file *filp, int on)
{
	return pipe_fasync(fd, filp, on, 1, 0);
}

static int pipe_write_fasync(int fd, struct file *filp, int on)
{
	return pipe_fasync(fd, filp, on, 0, 1);
}

static int pipe_rdwr_fasync(int fd, struct file *filp, int on)
{
	return pipe_fasync(fd, filp, on, 1, 1);
}

/* ---- release: the last close of one open file ---- */

static int pipe_release(struct inode *inode, int decr, int decw)
{
	struct pipe_inode_info *pipe = inode->i_pipe;

	mutex_lock(&pipe->mutex);
	pipe->readers -= decr;
	pipe->writers -= decw;
	if (pipe->readers || pipe->writers) {
		wake_up_interruptible(&pipe->wait);
		kill_fasync(&pipe->fasync_readers, SIGIO, POLL_IN);
		kill_fasync(&pipe->fasync_writers, SIGIO, POLL_OUT);
	}
	mutex_unlock(&pipe->mutex);
	/* the last file frees it, unread data with it */
	put_pipe_info(inode, pipe);
	return 0;
}

static int pipe_read_release(struct inode *inode, struct file *filp)
{
	pipe_read_fasync(-1, filp, 0);
	return pipe_release(inode, 1, 0);
}

static int pipe_write_release(struct inode *inode, struct file *filp)
{
	pipe_write_fasync(-1, filp, 0);
	return pipe_release(inode, 0, 1);
}

static int pipe_rdwr_release(struct inode *inode, struct file *filp)
{
	int decr = (filp->f_mode & FMODE_READ) != 0, decw = (filp->f_mode & FMODE_WRITE) != 0;

	pipe_rdwr_fasync(-1, filp, 0);
	return pipe_release(inode, decr, decw);
}

/*
 * Anonymous pipes and FIFOs share one set of tables: fifo_open has already
 * counted the opener by the time a FIFO's file gets one of these.
 */
const struct file_operations read_pipe_fops = {
	.llseek = no_llseek,
	.read = pipe_read,
	.readv = pipe_readv,
	.write = bad_pipe_w,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_read_release,
	.fasync = pipe_read_fasync,
};

const struct file_operations write_pipe_fops = {
	.llseek = no_llseek,
	.read = bad_pipe_r,
	.write = pipe_write,
	.writev = pipe_writev,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_write_release,
	.fasync = pipe_write_fasync,
};

const struct file_operations rdwr_pipe_fops = {
	.llseek = no_llseek,
	.read = pipe_read,
	.readv = pipe_readv,
	.write = pipe_write,
	.writev = pipe_writev,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_rdwr_release,
	.fasync = pipe_rdwr_fasync,
};

/* ---- the pipe object ---- */

struct pipe_inode_info *alloc_pipe_info(struct inode *inode)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->bufs = kzalloc(PIPE_BUFFERS * sizeof(*pipe->bufs), GFP_KERNEL);
	if (!pipe->bufs) {
		kfree(pipe);
		return NULL;
	}
	pipe->buffers = PIPE_BUFFERS;
	init_waitqueue_head(&pipe->wait);
	mutex_init(&pipe->mutex);
	pipe->r_counter = pipe->w_counter = 1;
	pipe->inode = inode;
	spin_lock(&pipe_lock);
	list_add_tail(&pipe->list, &all_pipes);
	spin_unlock(&pipe_lock);
	return pipe;
}

/* 2.6.35+'s put_pipe_info: one open file less; the last one frees the pipe */
void put_pipe_info(struct inode *inode, struct pipe_inode_info *pipe)
{
	int last;

	spin_lock(&pipe_lock);
	last = !--pipe->files;
	if (last)
		inode->i_pipe = NULL;
	spin_unlock(&pipe_lock);
	if (last)
		free_pipe_info(pipe);
}

/*
 * A FIFO open's pipe, counted in files: the inode's, or a new one made
 * outside the lock (allocation may sleep) and installed unless another
 * opener got there first (2.6: the same under i_mutex; 2.6.35+: i_lock).
 */
struct pipe_inode_info *fifo_get_pipe(struct inode *inode)
{
	struct pipe_inode_info *pipe, *new = NULL;

	for (;;) {
		spin_lock(&pipe_lock);
		pipe = inode->i_pipe;
		if (pipe) {
			pipe->files++;
		} else if (new) {
			new->files = 1;
			inode->i_pipe = pipe = new;
			new = NULL;
		}
		spin_unlock(&pipe_lock);
		if (pipe)
			break;
		new = alloc_pipe_info(inode);
		if (!new)
			return NULL;
	}
	if (new)
		free_pipe_info(new);
	return pipe;
}

/* the pipe's memory and buffers; nobody else can reach it any more */
void free_pipe_info(struct pipe_inode_info *pipe)
{
	spin_lock(&pipe_lock);
	list_del(&pipe->list);
	spin_unlock(&pipe_lock);
	for (unsigned int i = 0; i < pipe->buffers; i++) {
		struct pipe_buffer *buf = pipe->bufs + i;

		if (buf->ops)
			buf->ops->release(pipe, buf);
	}
	if (pipe->tmp_page)
		put_page(pipe->tmp_page);
	kfree(pipe->bufs);
	kfree(pipe);
}

/* ---- F_GETPIPE_SZ, F_SETPIPE_SZ (Linux 2.6.35; 2.6.18 had a fixed 16 pages) ---- */

struct pipe_inode_info *get_pipe_info(struct file *file)
{
	struct inode *inode = file_inode(file);

	return S_ISFIFO(inode->i_mode) ? inode->i_pipe : NULL;
}

/* move the ring into nr_slots slots, oldest buffer first; EBUSY if the data would not fit */
static long pipe_set_size(struct pipe_inode_info *pipe, unsigned int nr_slots)
{
	struct pipe_buffer *bufs;

	if (nr_slots < pipe->nrbufs)
		return -EBUSY;
	bufs = kzalloc(nr_slots * sizeof(*bufs), GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < pipe->nrbufs; i++)
		bufs[i] = pipe->bufs[(pipe->curbuf + i) & (pipe->buffers - 1)];
	kfree(pipe->bufs);
	pipe->bufs = bufs;
	pipe->buffers = nr_slots;
	pipe->curbuf = 0;
	/* more room may let a sleeping writer on */
	wake_up_interruptible(&pipe->wait);
	return nr_slots * PAGE_SIZE;
}

/* the size a request becomes: at least a page, a power of two; 0 if too big */
static unsigned int round_pipe_size(unsigned long size)
{
	unsigned int n = PAGE_SIZE;

	if (size > (1UL << 31))
		return 0;
	while (n < size)
		n <<= 1;
	return n;
}

long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = get_pipe_info(file);
	unsigned int size;
	long ret;

	if (!pipe)
		return -EBADF;
	mutex_lock(&pipe->mutex);
	switch (cmd) {
	case F_GETPIPE_SZ:
		ret = pipe->buffers * PAGE_SIZE;
		break;
	case F_SETPIPE_SZ:
		/*
		 * Only growth past pipe_max_size needs the privilege. Linux also
		 * charges a user's pipe pages against pipe-user-pages-soft and
		 * -hard; this kernel keeps no per-user account.
		 */
		size = round_pipe_size(arg);
		ret = -EINVAL;
		if (!size)
			break;
		ret = -EPERM;
		if (size / PAGE_SIZE > pipe->buffers && size > pipe_max_size &&
		    !capable(CAP_SYS_RESOURCE))
			break;
		ret = pipe_set_size(pipe, size / PAGE_SIZE);
		break;
	default:
		ret = -EINVAL;
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

/* ---- pipefs: where anonymous pipes' inodes live ---- */

static struct vfsmount *pipe_mnt;

static int pipefs_get_sb(struct file_system_type *type, int flags, const char *dev_name,
			 void *data, struct vfsmount *mnt)
{
	(void)flags;
	(void)dev_name;
	(void)data;
	return get_sb_pseudo(type, PIPEFS_MAGIC, mnt);
}

static struct file_system_type pipe_fs_type = {
	.name = "pipefs",
	.get_sb = pipefs_get_sb,
	.kill_sb = kill_litter_super,
};

void pipe_init(void)
{
	register_filesystem(&pipe_fs_type);
	pipe_mnt = vfs_kern_mount(&pipe_fs_type, 0, "pipefs", NULL);
	if (IS_ERR(pipe_mnt))
		panic("pipe_init: cannot mount pipefs: %ld", PTR_ERR(pipe_mnt));
}

static struct inode *get_pipe_inode(void)
{
	struct inode *inode = new_inode(pipe_mnt->mnt_sb);
	struct pipe_inode_info *pipe;

	if (!inode)
		return NULL;
	pipe = alloc_pipe_info(inode);
	if (!pipe) {
		iput(inode);
		return NULL;
	}
	inode->i_pipe = pipe;
	pipe->readers = pipe->writers = 1;
	pipe->files = 2;	/* the two ends do_pipe makes */
	inode->i_fop = &rdwr_pipe_fops;
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_uid = current->fsuid;
	inode->i_gid = current->fsgid;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_kernel_time();
	return inode;
}

static struct file *pipe_file(struct dentry *dentry, int flags, mode_t mode,
			      const struct file_operations *fops)
{
	struct file *f = get_empty_filp();

	if (!f)
		return NULL;
	f->f_path.mnt = mntget(pipe_mnt);
	f->f_path.dentry = dget(dentry);
	f->f_flags = flags;
	f->f_mode = mode;		/* no FMODE_PREAD/PWRITE/LSEEK: those are ESPIPE */
	f->f_op = fops;
	f->f_pos = 0;
	f->f_version = 0;
	return f;
}

/*
 * pipe2: two files on one new pipe inode, read end first in the lowest free
 * fd. On any failure nothing is left behind.
 */
int do_pipe(int *fd, int flags)
{
	struct qstr name = { .name = (const unsigned char *)"pipe:", .len = 5 };
	struct inode *inode;
	struct dentry *dentry;
	struct file *fr = NULL, *fw = NULL;
	int fdr = -1, fdw = -1, err = -ENFILE;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	inode = get_pipe_inode();
	if (!inode)
		return -ENFILE;
	dentry = d_alloc(pipe_mnt->mnt_sb->s_root, &name);
	if (!dentry) {
		free_pipe_info(inode->i_pipe);
		inode->i_pipe = NULL;
		iput(inode);
		return -ENOMEM;
	}
	d_instantiate(dentry, inode);
	fr = pipe_file(dentry, O_RDONLY | (flags & O_NONBLOCK), FMODE_READ, &read_pipe_fops);
	/* O_DIRECT marks the writer's packets; the read end does not show it, as in Linux */
	fw = pipe_file(dentry, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)), FMODE_WRITE, &write_pipe_fops);
	dput(dentry);			/* the files hold it now */
	if (!fr || !fw)
		goto fail;
	fdr = get_unused_fd();
	if (fdr < 0) {
		err = fdr;
		goto fail;
	}
	fdw = get_unused_fd();
	if (fdw < 0) {
		err = fdw;
		goto fail;
	}
	if (flags & O_CLOEXEC) {
		set_close_on_exec(fdr, 1);
		set_close_on_exec(fdw, 1);
	}
	fd_install(fdr, fr);
	fd_install(fdw, fw);
	fd[0] = fdr;
	fd[1] = fdw;
	return 0;
fail:
	if (fdr >= 0)
		put_unused_fd(fdr);
	if (fdw >= 0)
		put_unused_fd(fdw);
	/* through fput, so the pipe's reader and writer counts drop as for a close */
	if (fr)
		fput(fr);
	else
		pipe_release(inode, 1, 0);
	if (fw)
		fput(fw);
	else
		pipe_release(inode, 0, 1);
	return err;
}

long sys_pipe2(int __user *fildes, int flags)
{
	int fd[2];
	int err = do_pipe(fd, flags);

	if (err)
		return err;
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		/* 2.6.18 leaked both fds here; later kernels close them, as we do */
		sys_close(fd[0]);
		sys_close(fd[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(int __user *fildes)
{
	return sys_pipe2(fildes, 0);
}

/* ---- the shell's view: every open pipe and FIFO, and who waits on it ---- */

static int cmd_pipes(int argc, char **argv)
{
	struct pipe_inode_info *pipe;

	(void)argc;
	(void)argv;
	printk("   INODE KIND  READERS WRITERS  BYTES BUFS WAITING\n");
	spin_lock(&pipe_lock);		/* keeps every listed pipe from being freed */
	list_for_each_entry(pipe, &all_pipes, list) {
		wait_queue_t *w;
		int n = 0;

		printk("%8lu %-5s %7u %7u %6u %4u ", pipe->inode->i_ino,
		       pipe->inode->i_sb == pipe_mnt->mnt_sb ? "pipe" : "fifo", pipe->readers,
		       pipe->writers, pipe_bytes(pipe), pipe->nrbufs);
		list_for_each_entry(w, &pipe->wait.task_list, task_list) {
			printk("%s%d", n++ ? "," : "", w->task->pid);
		}
		printk("%s\n", n ? "" : "-");
	}
	spin_unlock(&pipe_lock);
	return 0;
}
KSHELL_COMMAND(pipes, cmd_pipes, "open pipes and FIFOs: readers, writers, bytes, waiting pids");

/* ---- the wait-for graph: pipe and FIFO sleepers, and who could wake them ---- */

#include <kernel/waitgraph.h>

struct pipe_end {
	struct pipe_inode_info *pipe;
	mode_t mode;
};

static int pipe_end_match(struct file *f, void *arg)
{
	struct pipe_end *e = arg;

	return get_pipe_info(f) == e->pipe && (f->f_mode & e->mode);
}

static void pipe_waitgraph_scan(void)
{
	struct pipe_inode_info *pipe;

	spin_lock(&pipe_lock);
	list_for_each_entry(pipe, &all_pipes, list) {
		const char *kind = pipe->inode->i_sb == pipe_mnt->mnt_sb ? "pipe" : "fifo";
		unsigned long ino = pipe->inode->i_ino;
		int reading = pipe->nrbufs == 0;
		struct pipe_end end = { pipe, reading ? FMODE_WRITE : FMODE_READ };
		char what[48], wants[40];
		wait_queue_t *w;

		list_for_each_entry(w, &pipe->wait.task_list, task_list) {
			struct wg_sleeper *s;

			if (w->func != autoremove_wake_function)
				continue;	/* poll/select: other fds or a timeout may wake it */
			if (!pipe->readers || !pipe->writers) {	/* fifo.c: open waits for a partner */
				snprintf(what, sizeof(what), "open on %s:[%lu]", kind, ino);
				s = wg_add(w->task, what, "a partner to open it");
				if (s)
					wg_anyone(s, "any process may open the FIFO");
				continue;
			}
			snprintf(what, sizeof(what), "%s on %s:[%lu]", reading ? "read" : "write", kind, ino);
			snprintf(wants, sizeof(wants), "%s %s:[%lu]", reading ? "data on" : "room in",
				 kind, ino);
			s = wg_add(w->task, what, wants);
			if (!s)
				continue;
			s->role = reading ? "writer" : "reader";
			s->advice = reading ? "it will never see end of file; close fd %d before reading"
					    : "no one else will ever read; close fd %d before writing";
			snprintf(s->holds, sizeof(s->holds), "the %s end of %s:[%lu]",
				 reading ? "write" : "read", kind, ino);
			wg_file_holders(s, pipe_end_match, &end);
			/* a FIFO with a name can get a new partner from any process */
			if (kind[0] == 'f' && pipe->inode->i_nlink)
				wg_anyone(s, "any process may open the FIFO by its name");
		}
	}
	spin_unlock(&pipe_lock);
}
WAITGRAPH_KIND(pipe, pipe_waitgraph_scan);

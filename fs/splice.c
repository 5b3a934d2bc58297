/*
 * fs/splice.c - splice, tee, vmsplice and sendfile (Linux 2.6.17: fs/splice.c,
 * sendfile from fs/read_write.c). Data moves between a pipe's buffers and a
 * file, another pipe or user memory without passing through a user buffer;
 * pipe to pipe and tee hand over or share whole pipe_buffers, using the
 * get/confirm/steal/release operations of include/kernel/pipe_fs_i.h.
 *
 * Where 2.6.17 put page cache pages into the pipe, this kernel copies: the
 * ramfs page index holds its pages without a reference count a pipe could
 * share (truncate frees them outright), so file to pipe reads into fresh
 * pages (as Linux's copy_splice_read does for files without a page cache),
 * and vmsplice copies the user pages (this kernel has no get_user_pages). The
 * visible rules are today's Linux: the same buffers per page, the same waits,
 * the same errors.
 */
#include <kernel/splice.h>
#include <kernel/pipe_fs_i.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/uio.h>
#include <uapi/resource.h>

#define MAX_RW_COUNT	(0x7ffff000)	/* as fs/read_write.c */

extern const struct file_operations ramfs_file_operations;

/* ---- buffers that vmsplice made ---- */

/* only a page the user gave away (SPLICE_F_GIFT) may be stolen, as 2.6.17 */
static int user_page_pipe_buf_steal(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	if (!(buf->flags & PIPE_BUF_FLAG_GIFT))
		return 1;
	return generic_pipe_buf_steal(pipe, buf);
}

static void user_page_pipe_buf_release(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	(void)pipe;
	buf->ops = NULL;
	put_page(buf->page);
}

/* one buffer per piece of a user page: never merged into, as Linux's */
static const struct pipe_buf_operations user_page_pipe_buf_ops = {
	.can_merge = 0,
	.confirm = generic_pipe_buf_confirm,
	.release = user_page_pipe_buf_release,
	.steal = user_page_pipe_buf_steal,
	.get = generic_pipe_buf_get,
};

/* a pipe_buffer whose page another pipe's buffer shares (tee, part of a buffer moved) */
static const struct pipe_buf_operations shared_pipe_buf_ops = {
	.can_merge = 0,
	.confirm = generic_pipe_buf_confirm,
	.release = user_page_pipe_buf_release,
	.steal = generic_pipe_buf_steal,
	.get = generic_pipe_buf_get,
};

/* ---- ring helpers ---- */

static inline struct pipe_buffer *pipe_head_buf(struct pipe_inode_info *pipe)
{
	return pipe->bufs + ((pipe->curbuf + pipe->nrbufs) & (pipe->buffers - 1));
}

static inline int pipe_full(const struct pipe_inode_info *pipe)
{
	return pipe->nrbufs >= pipe->buffers;
}

/* the oldest buffer is used up: release it and move on */
static void pipe_consume_head(struct pipe_inode_info *pipe)
{
	struct pipe_buffer *buf = pipe->bufs + pipe->curbuf;

	if (buf->ops)
		buf->ops->release(pipe, buf);
	buf->ops = NULL;
	pipe->curbuf = (pipe->curbuf + 1) & (pipe->buffers - 1);
	pipe->nrbufs--;
}

/* two pipes locked in address order, so two splices the other way cannot deadlock */
static void pipe_double_lock(struct pipe_inode_info *a, struct pipe_inode_info *b)
{
	if (a > b) {
		struct pipe_inode_info *t = a;

		a = b;
		b = t;
	}
	mutex_lock(&a->mutex);
	mutex_lock(&b->mutex);
}

static void pipe_double_unlock(struct pipe_inode_info *a, struct pipe_inode_info *b)
{
	mutex_unlock(&a->mutex);
	mutex_unlock(&b->mutex);
}

/*
 * Wait, holding pipe->mutex, for a free slot: EPIPE (and SIGPIPE) with no
 * readers, EAGAIN for SPLICE_F_NONBLOCK, ERESTARTSYS on a signal.
 */
static int wait_for_space(struct pipe_inode_info *pipe, unsigned int flags)
{
	for (;;) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			return -EPIPE;
		}
		if (!pipe_full(pipe))
			return 0;
		if (flags & SPLICE_F_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		pipe->waiting_writers++;
		pipe_wait(pipe);
		pipe->waiting_writers--;
	}
}

/*
 * Wait for data to take out of the pipe (Linux: splice_from_pipe_next): 1
 * when there is some, 0 at end of file or once something has moved, else
 * -errno.
 */
static int wait_for_data(struct pipe_inode_info *pipe, unsigned int flags, size_t moved,
			 int *need_wakeup)
{
	while (!pipe->nrbufs) {
		if (!pipe->writers || moved)
			return 0;
		if (flags & SPLICE_F_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		if (*need_wakeup) {
			pipe_wake_writers(pipe);
			*need_wakeup = 0;
		}
		pipe_wait(pipe);
	}
	return 1;
}

/* ---- file to pipe ---- */

/*
 * Read up to len bytes at *ppos into the pipe's free slots, one buffer per
 * page of the file as filemap_splice_read fills them; the pipe is locked and
 * has room. Returns the bytes added, 0 at end of file, or -errno.
 */
static ssize_t file_to_pipe(struct file *in, struct pipe_inode_info *pipe, loff_t *ppos,
			    size_t len)
{
	mm_segment_t old = get_fs();
	ssize_t ret = 0;

	/* a pipe has no splice_read in Linux: pipe to pipe is splice_pipe_to_pipe */
	if (!in->f_op || !in->f_op->read || get_pipe_info(in))
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	set_fs(KERNEL_DS);
	while (len && !pipe_full(pipe)) {
		unsigned int offset = *ppos & (PAGE_SIZE - 1);
		size_t chunk = min(len, (size_t)(PAGE_SIZE - offset));
		struct page *page = alloc_page(GFP_KERNEL);
		struct pipe_buffer *buf;
		ssize_t n;

		if (!page) {
			if (!ret)
				ret = -ENOMEM;
			break;
		}
		n = in->f_op->read(in, (char __user *)page_address(page) + offset, chunk, ppos);
		if (n <= 0) {
			put_page(page);
			if (!ret)
				ret = n;
			break;
		}
		buf = pipe_head_buf(pipe);
		buf->page = page;
		buf->offset = offset;
		buf->len = n;
		buf->flags = 0;
		buf->ops = &anon_pipe_buf_ops;
		pipe->nrbufs++;
		ret += n;
		len -= n;
		if ((size_t)n < chunk)
			break;		/* end of file, or a short read */
	}
	set_fs(old);
	return ret;
}

/* Linux's splice_file_to_pipe: wait for room once, fill what is free, no more */
static ssize_t splice_file_to_pipe(struct file *in, struct pipe_inode_info *opipe, loff_t *ppos,
				   size_t len, unsigned int flags)
{
	ssize_t ret;

	mutex_lock(&opipe->mutex);
	ret = wait_for_space(opipe, flags);
	if (!ret)
		ret = file_to_pipe(in, opipe, ppos, len);
	mutex_unlock(&opipe->mutex);
	if (ret > 0)
		pipe_wake_readers(opipe);
	return ret;
}

/* ---- pipe to file ---- */

/*
 * SPLICE_F_MOVE into a ramfs file (2.6.17's pipe_to_file): a whole page
 * that the pipe may give away and whose place in the file is a hole goes
 * into the page index as it is. Anything else is copied. (Linux dropped the
 * stealing in 2.6.21 and MOVE became a hint; the result is the same.)
 */
static int steal_into_file(struct pipe_inode_info *pipe, struct pipe_buffer *buf,
			   struct file *out, loff_t pos)
{
	struct inode *inode = file_inode(out);
	struct address_space *mapping = inode->i_mapping;
	unsigned long index = pos >> PAGE_SHIFT;

	if (out->f_op != &ramfs_file_operations || !mapping)
		return 0;
	if (buf->offset || buf->len != PAGE_SIZE || (pos & (PAGE_SIZE - 1)))
		return 0;
	/* at a limit (RLIMIT_FSIZE, s_maxbytes) the copy below cuts or refuses the write */
	if (pos + PAGE_SIZE > inode->i_sb->s_maxbytes || find_get_page(mapping, index))
		return 0;
	if (current->rlim[RLIMIT_FSIZE].rlim_cur != RLIM_INFINITY &&
	    pos + PAGE_SIZE > (loff_t)current->rlim[RLIMIT_FSIZE].rlim_cur)
		return 0;
	if (buf->ops->steal(pipe, buf))
		return 0;
	if (add_to_page_cache(buf->page, mapping, index))
		return 0;
	buf->ops = NULL;	/* the page is the file's now: no release */
	buf->len = 0;
	if (pos + PAGE_SIZE > inode->i_size)
		inode->i_size = pos + PAGE_SIZE;
	inode->i_blocks = mapping->nrpages * (PAGE_SIZE / 512);
	inode->i_mtime = inode->i_ctime = CURRENT_TIME;
	return 1;
}

/*
 * Write up to len bytes from the pipe to out at *ppos, buffer by buffer,
 * waiting for data only until something has moved (Linux:
 * __splice_from_pipe over iter_file_splice_write).
 */
static ssize_t splice_pipe_to_file(struct pipe_inode_info *pipe, struct file *out, loff_t *ppos,
				   size_t len, unsigned int flags)
{
	mm_segment_t old = get_fs();
	int need_wakeup = 0;
	size_t moved = 0;
	ssize_t ret = 0;

	if (!out->f_op || !out->f_op->write)
		return -EINVAL;
	mutex_lock(&pipe->mutex);
	while (len) {
		struct pipe_buffer *buf;
		size_t chars;
		ssize_t n;

		ret = wait_for_data(pipe, flags, moved, &need_wakeup);
		if (ret <= 0)
			break;
		buf = pipe->bufs + pipe->curbuf;
		chars = min(len, (size_t)buf->len);
		ret = buf->ops->confirm(pipe, buf);
		if (ret)
			break;
		if ((flags & SPLICE_F_MOVE) && chars == PAGE_SIZE &&
		    steal_into_file(pipe, buf, out, *ppos)) {
			*ppos += PAGE_SIZE;
			n = PAGE_SIZE;
		} else {
			set_fs(KERNEL_DS);
			n = out->f_op->write(out, (const char __user *)page_address(buf->page) +
					     buf->offset, chars, ppos);
			set_fs(old);
			if (n <= 0) {
				ret = n;
				break;
			}
			buf->offset += n;
			buf->len -= n;
		}
		moved += n;
		len -= n;
		if (!buf->len) {
			pipe_consume_head(pipe);
			need_wakeup = 1;
		}
		if ((size_t)n < chars)
			break;
	}
	mutex_unlock(&pipe->mutex);
	if (need_wakeup)
		pipe_wake_writers(pipe);
	return moved ? (ssize_t)moved : ret;
}

/* ---- pipe to pipe, tee ---- */

/* wait until ipipe has data (0 also at end of file: the caller finds it empty) */
static int ipipe_prep(struct pipe_inode_info *pipe, unsigned int flags)
{
	int ret = 0;

	if (pipe->nrbufs)
		return 0;
	mutex_lock(&pipe->mutex);
	while (!pipe->nrbufs) {
		if (!pipe->writers)
			break;
		if (flags & SPLICE_F_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		pipe_wait(pipe);
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

static int opipe_prep(struct pipe_inode_info *pipe, unsigned int flags)
{
	int ret;

	if (pipe->readers && !pipe_full(pipe))
		return 0;
	mutex_lock(&pipe->mutex);
	ret = wait_for_space(pipe, flags);
	mutex_unlock(&pipe->mutex);
	return ret;
}

/*
 * Move up to len bytes of buffers from ipipe to opipe: whole buffers are
 * handed over; the last, when only part of it is wanted, is shared (get)
 * and marked unmergeable in the output, so a write there cannot overwrite
 * bytes ipipe still holds.
 */
static ssize_t splice_pipe_to_pipe(struct pipe_inode_info *ipipe, struct pipe_inode_info *opipe,
				   size_t len, unsigned int flags)
{
	int input_wakeup = 0;
	ssize_t ret;

retry:
	ret = ipipe_prep(ipipe, flags);
	if (ret)
		return ret;
	ret = opipe_prep(opipe, flags);
	if (ret)
		return ret;
	pipe_double_lock(ipipe, opipe);
	do {
		struct pipe_buffer *ibuf, *obuf;

		if (!opipe->readers) {
			send_sig(SIGPIPE, current, 0);
			if (!ret)
				ret = -EPIPE;
			break;
		}
		if (!ipipe->nrbufs && !ipipe->writers)
			break;
		if (!ipipe->nrbufs || pipe_full(opipe)) {
			if (ret)
				break;
			if (flags & SPLICE_F_NONBLOCK) {
				ret = -EAGAIN;
				break;
			}
			pipe_double_unlock(ipipe, opipe);
			goto retry;
		}
		ibuf = ipipe->bufs + ipipe->curbuf;
		obuf = pipe_head_buf(opipe);
		if (len >= ibuf->len) {
			*obuf = *ibuf;
			ibuf->ops = NULL;
			ipipe->curbuf = (ipipe->curbuf + 1) & (ipipe->buffers - 1);
			ipipe->nrbufs--;
			input_wakeup = 1;
		} else {
			ibuf->ops->get(ipipe, ibuf);
			*obuf = *ibuf;
			obuf->ops = &shared_pipe_buf_ops;
			obuf->len = len;
			ibuf->offset += len;
			ibuf->len -= len;
		}
		obuf->flags &= ~PIPE_BUF_FLAG_GIFT;	/* the gift was to the first pipe */
		opipe->nrbufs++;
		ret += obuf->len;
		len -= obuf->len;
	} while (len);
	pipe_double_unlock(ipipe, opipe);
	if (ret > 0)
		pipe_wake_readers(opipe);
	if (input_wakeup)
		pipe_wake_writers(ipipe);
	return ret;
}

/* tee: copy up to len bytes of ipipe's buffers into opipe, consuming nothing */
static ssize_t link_pipe(struct pipe_inode_info *ipipe, struct pipe_inode_info *opipe,
			 size_t len)
{
	ssize_t ret = 0;

	pipe_double_lock(ipipe, opipe);
	for (unsigned int i = 0; len && i < ipipe->nrbufs; i++) {
		struct pipe_buffer *ibuf = ipipe->bufs + ((ipipe->curbuf + i) & (ipipe->buffers - 1));
		struct pipe_buffer *obuf;

		if (!opipe->readers) {
			send_sig(SIGPIPE, current, 0);
			if (!ret)
				ret = -EPIPE;
			break;
		}
		if (pipe_full(opipe))
			break;
		obuf = pipe_head_buf(opipe);
		ibuf->ops->get(ipipe, ibuf);
		*obuf = *ibuf;
		obuf->ops = &shared_pipe_buf_ops;
		obuf->flags &= ~PIPE_BUF_FLAG_GIFT;
		if (obuf->len > len)
			obuf->len = len;
		opipe->nrbufs++;
		ret += obuf->len;
		len -= obuf->len;
	}
	pipe_double_unlock(ipipe, opipe);
	if (ret > 0)
		pipe_wake_readers(opipe);
	return ret;
}

/* ---- the system calls ---- */

/*
 * The file's side of a splice: its position from *uoff (the file must allow
 * positioned I/O, mode) or f_pos; EFAULT if unreadable, EINVAL if negative.
 */
static long splice_get_pos(struct file *f, loff_t __user *uoff, unsigned int mode, loff_t *pos)
{
	if (!uoff) {
		*pos = f->f_pos;
		return 0;
	}
	if (!(f->f_mode & mode))
		return -EINVAL;
	if (copy_from_user(pos, uoff, sizeof(*pos)))
		return -EFAULT;
	return *pos < 0 ? -EINVAL : 0;
}

/* ... and the position after it, where it came from */
static long splice_put_pos(struct file *f, loff_t __user *uoff, loff_t pos, long ret)
{
	if (!uoff)
		f->f_pos = pos;
	else if (copy_to_user(uoff, &pos, sizeof(pos)))
		ret = -EFAULT;
	return ret;
}

/*
 * The O_NONBLOCK of the pipe end counts as SPLICE_F_NONBLOCK, as since
 * Linux 5.x; 2.6.17 looked only at the flag.
 */
static long do_splice(struct file *in, loff_t __user *off_in, struct file *out,
		      loff_t __user *off_out, size_t len, unsigned int flags)
{
	struct pipe_inode_info *ipipe = get_pipe_info(in), *opipe = get_pipe_info(out);
	loff_t offset;
	long ret;

	if ((ipipe && off_in) || (opipe && off_out))
		return -ESPIPE;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (ipipe && opipe) {
		if (ipipe == opipe)
			return -EINVAL;
		if ((in->f_flags | out->f_flags) & O_NONBLOCK)
			flags |= SPLICE_F_NONBLOCK;
		return splice_pipe_to_pipe(ipipe, opipe, len, flags);
	}
	if (ipipe) {
		ret = splice_get_pos(out, off_out, FMODE_PWRITE, &offset);
		if (ret)
			return ret;
		if (out->f_flags & O_APPEND)
			return -EINVAL;
		if (in->f_flags & O_NONBLOCK)
			flags |= SPLICE_F_NONBLOCK;
		ret = splice_pipe_to_file(ipipe, out, &offset, len, flags);
		return splice_put_pos(out, off_out, offset, ret);
	}
	if (opipe) {
		ret = splice_get_pos(in, off_in, FMODE_PREAD, &offset);
		if (ret)
			return ret;
		if (out->f_flags & O_NONBLOCK)
			flags |= SPLICE_F_NONBLOCK;
		ret = splice_file_to_pipe(in, opipe, &offset, len, flags);
		return splice_put_pos(in, off_in, offset, ret);
	}
	return -EINVAL;
}

long sys_splice(int fd_in, loff_t __user *off_in, int fd_out, loff_t __user *off_out,
		size_t len, unsigned int flags)
{
	struct file *in, *out;
	long ret = -EBADF;

	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (out) {
		ret = do_splice(in, off_in, out, off_out, len, flags);
		fput(out);
	}
	fput(in);
	return ret;
}

long sys_tee(int fdin, int fdout, size_t len, unsigned int flags)
{
	struct pipe_inode_info *ipipe, *opipe;
	struct file *in, *out;
	long ret = -EBADF;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!len)
		return 0;
	in = fget(fdin);
	if (!in)
		return -EBADF;
	out = fget(fdout);
	if (!out)
		goto out_in;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto out_out;
	ipipe = get_pipe_info(in);
	opipe = get_pipe_info(out);
	ret = -EINVAL;
	if (!ipipe || !opipe || ipipe == opipe)
		goto out_out;
	if ((in->f_flags | out->f_flags) & O_NONBLOCK)
		flags |= SPLICE_F_NONBLOCK;
	ret = ipipe_prep(ipipe, flags);
	if (!ret)
		ret = opipe_prep(opipe, flags);
	if (!ret)
		ret = link_pipe(ipipe, opipe, len);
out_out:
	fput(out);
out_in:
	fput(in);
	return ret;
}

/* user memory into the pipe: one buffer per piece of a user page, as many as fit */
static long vmsplice_to_pipe(struct pipe_inode_info *pipe, struct iovec *iov,
			     unsigned long nr_segs, unsigned int flags)
{
	size_t moved = 0;
	long err;

	mutex_lock(&pipe->mutex);
	err = wait_for_space(pipe, flags);
	for (unsigned long i = 0; !err && i < nr_segs && !pipe_full(pipe); i++) {
		while (!err && iov[i].iov_len && !pipe_full(pipe)) {
			unsigned long addr = (unsigned long)iov[i].iov_base;
			unsigned int offset = addr & (PAGE_SIZE - 1);
			size_t chunk = min(iov[i].iov_len, (size_t)(PAGE_SIZE - offset));
			struct page *page = alloc_page(GFP_KERNEL);
			struct pipe_buffer *buf;

			if (!page) {
				err = -ENOMEM;
				break;
			}
			/* a piece that faults is not added: earlier pieces count */
			if (copy_from_user((char *)page_address(page) + offset, iov[i].iov_base,
					   chunk)) {
				put_page(page);
				err = -EFAULT;
				break;
			}
			buf = pipe_head_buf(pipe);
			buf->page = page;
			buf->offset = offset;
			buf->len = chunk;
			buf->flags = (flags & SPLICE_F_GIFT) ? PIPE_BUF_FLAG_GIFT : 0;
			buf->ops = &user_page_pipe_buf_ops;
			pipe->nrbufs++;
			iov[i].iov_base = (char *)iov[i].iov_base + chunk;
			iov[i].iov_len -= chunk;
			moved += chunk;
		}
	}
	mutex_unlock(&pipe->mutex);
	if (moved)
		pipe_wake_readers(pipe);
	return moved ? (long)moved : err;
}

/* the pipe into user memory: a buffer is consumed only as far as it arrived whole */
static long vmsplice_to_user(struct pipe_inode_info *pipe, struct iovec *iov,
			     unsigned long nr_segs, unsigned int flags)
{
	size_t total = 0, moved = 0;
	int need_wakeup = 0;
	long ret = 0;

	for (unsigned long i = 0; i < nr_segs; i++)
		total += iov[i].iov_len;
	mutex_lock(&pipe->mutex);
	while (total) {
		struct pipe_buffer *buf;
		size_t chars, done = 0;

		ret = wait_for_data(pipe, flags, moved, &need_wakeup);
		if (ret <= 0)
			break;
		buf = pipe->bufs + pipe->curbuf;
		chars = min(total, (size_t)buf->len);
		ret = buf->ops->confirm(pipe, buf);
		if (ret)
			break;
		/* copy segment by segment; iov is advanced only once it all arrived */
		for (unsigned long i = 0; done < chars; i++) {
			size_t c = min(chars - done, iov[i].iov_len);

			if (!c)
				continue;
			if (copy_to_user(iov[i].iov_base, (char *)page_address(buf->page) +
					 buf->offset + done, c))
				break;
			done += c;
		}
		if (done < chars) {
			ret = -EFAULT;
			break;
		}
		for (unsigned long i = 0, left = chars; left; i++) {
			size_t c = min(left, iov[i].iov_len);

			iov[i].iov_base = (char *)iov[i].iov_base + c;
			iov[i].iov_len -= c;
			left -= c;
		}
		buf->offset += chars;
		buf->len -= chars;
		moved += chars;
		total -= chars;
		if (!buf->len) {
			pipe_consume_head(pipe);
			need_wakeup = 1;
		}
	}
	mutex_unlock(&pipe->mutex);
	if (need_wakeup)
		pipe_wake_writers(pipe);
	return moved ? (long)moved : ret;
}

long sys_vmsplice(int fd, const struct iovec __user *uiov, unsigned long nr_segs,
		  unsigned int flags)
{
	struct pipe_inode_info *pipe;
	struct iovec *iov = NULL;
	size_t total = 0;
	struct file *f;
	int to_pipe;
	long ret;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -EBADF;
	if (f->f_mode & FMODE_WRITE)
		to_pipe = 1;
	else if (f->f_mode & FMODE_READ)
		to_pipe = 0;
	else
		goto out;
	/* the vector is checked as readv's (import_iovec) before the file is */
	ret = -EINVAL;
	if (nr_segs > UIO_MAXIOV)
		goto out;
	ret = 0;
	if (!nr_segs)
		goto out;
	ret = -ENOMEM;
	iov = kmalloc(nr_segs * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		goto out;
	ret = -EFAULT;
	if (copy_from_user(iov, uiov, nr_segs * sizeof(*iov)))
		goto out;
	for (unsigned long i = 0; i < nr_segs; i++) {
		ret = -EINVAL;
		if ((ssize_t)iov[i].iov_len < 0)
			goto out;
		ret = -EFAULT;
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			goto out;
		/* a total past MAX_RW_COUNT is cut there, as readv's */
		if (iov[i].iov_len > MAX_RW_COUNT - total)
			iov[i].iov_len = MAX_RW_COUNT - total;
		total += iov[i].iov_len;
	}
	ret = 0;
	if (!total)
		goto out;
	pipe = get_pipe_info(f);
	ret = -EBADF;
	if (!pipe)
		goto out;
	if (to_pipe)
		ret = vmsplice_to_pipe(pipe, iov, nr_segs, flags);
	else
		ret = vmsplice_to_user(pipe, iov, nr_segs, flags);
out:
	kfree(iov);
	fput(f);
	return ret;
}

/* ---- sendfile: file to file through a bounce page, or file to pipe ---- */

/* Linux's do_splice_direct: until count is done, the input ends or the output falls short */
static ssize_t splice_direct(struct file *in, loff_t *ppos, struct file *out, size_t count)
{
	mm_segment_t old = get_fs();
	struct page *page;
	char *kbuf;
	ssize_t ret = 0;

	if (!in->f_op || !in->f_op->read || get_pipe_info(in))
		return -EINVAL;
	if (!out->f_op || !out->f_op->write)
		return -EINVAL;
	if (out->f_flags & O_APPEND)
		return -EINVAL;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	kbuf = page_address(page);
	set_fs(KERNEL_DS);
	while (count) {
		size_t chunk = min(count, (size_t)PAGE_SIZE);
		loff_t opos = out->f_pos;
		ssize_t n = in->f_op->read(in, (char __user *)kbuf, chunk, ppos), w;

		if (n <= 0) {
			if (!ret)
				ret = n;
			break;
		}
		w = out->f_op->write(out, (const char __user *)kbuf, n, &opos);
		if (w > 0)
			out->f_pos = opos;
		if (w < n)
			*ppos -= n - (w > 0 ? w : 0);	/* what was not written was not sent */
		if (w <= 0) {
			if (!ret)
				ret = w;
			break;
		}
		ret += w;
		count -= w;
		if (w < n || (size_t)n < chunk)
			break;
	}
	set_fs(old);
	put_page(page);
	return ret;
}

static loff_t sb_maxbytes(struct file *f)
{
	loff_t m = file_inode(f)->i_sb->s_maxbytes;

	return m > 0 ? m : 0x7fffffffffffffffLL;
}

static long do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count, loff_t max)
{
	struct pipe_inode_info *opipe;
	struct file *in, *out;
	loff_t pos;
	long ret = -EBADF;

	in = fget(in_fd);
	if (!in)
		return -EBADF;
	if (!(in->f_mode & FMODE_READ))
		goto out_in;
	if (!ppos) {
		pos = in->f_pos;
	} else {
		pos = *ppos;
		ret = -ESPIPE;
		if (!(in->f_mode & FMODE_PREAD))
			goto out_in;
	}
	ret = -EINVAL;
	if (pos < 0 || (loff_t)(pos + count) < 0)
		goto out_in;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	ret = -EBADF;
	out = fget(out_fd);
	if (!out)
		goto out_in;
	if (!(out->f_mode & FMODE_WRITE))
		goto out_out;
	if (!max)
		max = min(sb_maxbytes(in), sb_maxbytes(out));
	if (pos + (loff_t)count > max) {
		ret = -EOVERFLOW;
		if (pos >= max)
			goto out_out;
		count = max - pos;
	}
	opipe = get_pipe_info(out);
	if (!opipe)
		ret = splice_direct(in, &pos, out, count);
	else
		ret = splice_file_to_pipe(in, opipe, &pos, count,
					  (out->f_flags & O_NONBLOCK) ? SPLICE_F_NONBLOCK : 0);
	if (ppos)
		*ppos = pos;
	else
		in->f_pos = pos;
	if (pos > max)
		ret = -EOVERFLOW;
out_out:
	fput(out);
out_in:
	fput(in);
	return ret;
}

#define MAX_NON_LFS	0x7fffffffLL	/* sendfile's 32-bit offset */

long sys_sendfile(int out_fd, int in_fd, long __user *offset, size_t count)
{
	loff_t pos;
	long off, ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, 0);
	if (copy_from_user(&off, offset, sizeof(off)))
		return -EFAULT;
	pos = off;
	ret = do_sendfile(out_fd, in_fd, &pos, count, MAX_NON_LFS);
	off = pos;
	if (copy_to_user(offset, &off, sizeof(off)))
		return -EFAULT;
	return ret;
}

long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count)
{
	loff_t pos;
	long ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, 0);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count, 0);
	if (copy_to_user(offset, &pos, sizeof(pos)))
		return -EFAULT;
	return ret;
}

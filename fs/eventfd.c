/*
 * fs/eventfd.c - eventfd, a 64-bit counter behind a file (Linux:
 * fs/eventfd.c): write adds to it, read takes it all (or one, with
 * EFD_SEMAPHORE) and blocks while it is 0, a write that would overflow
 * blocks; poll, select and epoll see it through its one wait queue.
 * SMP: the count is behind ctx->wqh.lock, the queue's own lock (as 2.6);
 * a writer's room check and its add are one step only under the big
 * kernel lock (2.6 does both under the lock).
 */
#include <kernel/anon_inodes.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/io.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/fcntl.h>

#define EFD_SEMAPHORE	1
#define EFD_NONBLOCK	O_NONBLOCK
#define EFD_CLOEXEC	O_CLOEXEC
#define ULLONG_MAX	(~0ULL)

struct eventfd_ctx {
	wait_queue_head_t wqh;
	u64 count;
	unsigned int flags;
};

static int eventfd_release(struct inode *inode, struct file *file)
{
	(void)inode;
	kfree(file->private_data);
	return 0;
}

static unsigned int eventfd_poll(struct file *file, poll_table *wait)
{
	struct eventfd_ctx *ctx = file->private_data;
	unsigned int events = 0;

	poll_wait(file, &ctx->wqh, wait);
	if (ctx->count > 0)
		events |= POLLIN | POLLRDNORM;
	if (ctx->count == ULLONG_MAX)
		events |= POLLERR;
	if (ULLONG_MAX - 1 > ctx->count)
		events |= POLLOUT | POLLWRNORM;
	return events;
}

static ssize_t eventfd_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct eventfd_ctx *ctx = file->private_data;
	unsigned long flags;
	u64 ucnt;
	int err;

	(void)ppos;
	if (count < sizeof(ucnt))
		return -EINVAL;
	if (!ctx->count && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	err = wait_event_interruptible(ctx->wqh, ctx->count > 0);
	if (err)
		return err;
	spin_lock_irqsave(&ctx->wqh.lock, flags);	/* the counter's lock, as 2.6 */
	ucnt = (ctx->flags & EFD_SEMAPHORE) ? 1 : ctx->count;
	ctx->count -= ucnt;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	wake_up_interruptible_all(&ctx->wqh);	/* room for writers */
	return copy_to_user(buf, &ucnt, sizeof(ucnt)) ? -EFAULT : (ssize_t)sizeof(ucnt);
}

static ssize_t eventfd_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct eventfd_ctx *ctx = file->private_data;
	unsigned long flags;
	u64 ucnt;
	int err;

	(void)ppos;
	if (count < sizeof(ucnt))
		return -EINVAL;
	if (copy_from_user(&ucnt, buf, sizeof(ucnt)))
		return -EFAULT;
	if (ucnt == ULLONG_MAX)
		return -EINVAL;
	if (ULLONG_MAX - ctx->count <= ucnt && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	err = wait_event_interruptible(ctx->wqh, ULLONG_MAX - ctx->count > ucnt);
	if (err)
		return err;
	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ctx->count += ucnt;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	wake_up_interruptible_all(&ctx->wqh);	/* something to read */
	return sizeof(ucnt);
}

static const struct file_operations eventfd_fops = {
	.release = eventfd_release,
	.poll = eventfd_poll,
	.read = eventfd_read,
	.write = eventfd_write,
	.llseek = no_llseek,
};

long sys_eventfd2(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	if (flags & ~(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->count = count;
	ctx->flags = flags;
	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx, flags & (O_CLOEXEC | O_NONBLOCK), NULL);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

long sys_eventfd(unsigned int count)
{
	return sys_eventfd2(count, 0);
}

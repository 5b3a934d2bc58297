/*
 * fs/timerfd.c - timers read through a file (Linux: fs/timerfd.c):
 * timerfd_settime arms it on CLOCK_REALTIME, CLOCK_MONOTONIC or
 * CLOCK_BOOTTIME (relative, or TFD_TIMER_ABSTIME; intervals), a read returns
 * the expiries since the last one as 8 bytes and blocks while there are
 * none; poll and epoll see it through its wait queue.
 *
 * SMP: ctx->wqh.lock, the wait queue's own lock (as 2.6), guards expires,
 * interval and ticks: the expiry (a timer callback on CPU 0) takes it and
 * wakes the queue under it; settime and read take it on any CPU. The timer
 * is stopped with try_to_del_timer_sync under it, with del_timer_sync
 * before the context is freed.
 */
#include <kernel/anon_inodes.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/io.h>
#include <kernel/poll.h>
#include <kernel/posix-timers.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <uapi/fcntl.h>

#define TFD_TIMER_ABSTIME	1
#define TFD_TIMER_CANCEL_ON_SET	2
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK

struct timerfd_ctx {
	struct timer_list t;
	wait_queue_head_t wqh;
	u64 expires, interval;		/* CLOCK_MONOTONIC ns; 0 = disarmed */
	u64 ticks;			/* expiries not yet read */
	int clockid;
};

static const struct file_operations timerfd_fops;

/* the tick, interrupts off */
static void timerfd_tmrproc(unsigned long data)
{
	struct timerfd_ctx *ctx = (struct timerfd_ctx *)data;
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	if (!ctx->expires)
		goto out;
	if (now < ctx->expires) {
		mod_timer_ns(&ctx->t, ctx->expires);
		goto out;
	}
	ctx->ticks++;
	if (ctx->interval) {
		ctx->ticks += timer_forward_ns(&ctx->expires, now, ctx->interval);
		mod_timer_ns(&ctx->t, ctx->expires);
	} else {
		ctx->expires = 0;
	}
	__wake_up_locked(&ctx->wqh, TASK_INTERRUPTIBLE, 0);
out:
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
}

static int timerfd_release(struct inode *inode, struct file *file)
{
	struct timerfd_ctx *ctx = file->private_data;

	(void)inode;
	del_timer_sync(&ctx->t);	/* the callback may be running on CPU 0 */
	kfree(ctx);
	return 0;
}

static unsigned int timerfd_poll(struct file *file, poll_table *wait)
{
	struct timerfd_ctx *ctx = file->private_data;

	poll_wait(file, &ctx->wqh, wait);
	return ctx->ticks ? POLLIN | POLLRDNORM : 0;
}

static ssize_t timerfd_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct timerfd_ctx *ctx = file->private_data;
	unsigned long flags;
	u64 ticks;
	int err;

	(void)ppos;
	if (count < sizeof(ticks))
		return -EINVAL;
	if (!ctx->ticks && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	err = wait_event_interruptible(ctx->wqh, ctx->ticks);
	if (err)
		return err;
	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ticks = ctx->ticks;
	ctx->ticks = 0;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return copy_to_user(buf, &ticks, sizeof(ticks)) ? -EFAULT : (ssize_t)sizeof(ticks);
}

static const struct file_operations timerfd_fops = {
	.release = timerfd_release,
	.poll = timerfd_poll,
	.read = timerfd_read,
	.llseek = no_llseek,
};

long sys_timerfd_create(int clockid, int flags)
{
	struct timerfd_ctx *ctx;
	int fd;

	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return -EINVAL;
	if (clockid != CLOCK_MONOTONIC && clockid != CLOCK_REALTIME && clockid != CLOCK_BOOTTIME) {
		if (clockid == CLOCK_REALTIME_ALARM || clockid == CLOCK_BOOTTIME_ALARM)
			return -EPERM;		/* CAP_WAKE_ALARM, which nobody holds here */
		return -EINVAL;
	}
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	setup_timer(&ctx->t, timerfd_tmrproc, (unsigned long)ctx);
	ctx->clockid = clockid;
	fd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx, flags, NULL);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/* the file behind fd, if it is a timerfd: EBADF, or EINVAL for another file */
static struct timerfd_ctx *timerfd_fget(int fd, struct file **fp, long *err)
{
	struct file *f = fget(fd);

	*err = -EBADF;
	if (!f)
		return NULL;
	if (f->f_op != &timerfd_fops) {
		fput(f);
		*err = -EINVAL;
		return NULL;
	}
	*fp = f;
	return f->private_data;
}

static void timerfd_get(struct timerfd_ctx *ctx, struct itimerspec64 *cur)
{
	unsigned long flags;
	u64 now = ktime_get_ns(), left = 0;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	if (ctx->expires)
		left = ctx->expires > now ? ctx->expires - now : 1;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	cur->it_value_sec = (s64)(left / NSEC_PER_SEC);
	cur->it_value_nsec = (s64)(left % NSEC_PER_SEC);
	cur->it_interval_sec = (s64)(ctx->interval / NSEC_PER_SEC);
	cur->it_interval_nsec = (s64)(ctx->interval % NSEC_PER_SEC);
}

static long do_timerfd_settime(int fd, int flags, const struct itimerspec64 *new,
			       struct itimerspec64 *old)
{
	struct timerfd_ctx *ctx;
	struct file *f;
	unsigned long irq;
	u64 value, now;
	long err;

	if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) ||
	    new->it_value_sec < 0 || new->it_value_nsec < 0 || new->it_value_nsec >= NSEC_PER_SEC ||
	    new->it_interval_sec < 0 || new->it_interval_nsec < 0 ||
	    new->it_interval_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	ctx = timerfd_fget(fd, &f, &err);
	if (!ctx)
		return err;
	if (old)
		timerfd_get(ctx, old);
	value = posix_ts64_to_ns(new->it_value_sec, new->it_value_nsec);
again:
	spin_lock_irqsave(&ctx->wqh.lock, irq);
	if (try_to_del_timer_sync(&ctx->t) < 0) {	/* its callback waits for the lock */
		spin_unlock_irqrestore(&ctx->wqh.lock, irq);
		cpu_relax();
		goto again;
	}
	ctx->ticks = 0;
	ctx->expires = 0;
	ctx->interval = 0;
	if (value) {
		now = ktime_get_ns();
		ctx->interval = posix_ts64_to_ns(new->it_interval_sec, new->it_interval_nsec);
		if (!(flags & TFD_TIMER_ABSTIME))
			value += now;
		else if (ctx->clockid == CLOCK_REALTIME)	/* kept on CLOCK_MONOTONIC */
			value = (s64)value - ktime_real_offset() > 0 ? value - ktime_real_offset() : 1;
		ctx->expires = value;
		mod_timer_ns(&ctx->t, ctx->expires);
	}
	spin_unlock_irqrestore(&ctx->wqh.lock, irq);
	fput(f);
	return 0;
}

/* the 32- and 64-bit itimerspec calls differ only in the layout copied */
static long timerfd_settime_user(int fd, int flags, const void __user *utmr, void __user *otmr,
				 int is64)
{
	struct itimerspec n32, o32;
	struct itimerspec64 n, o;
	long err;

	if (is64 ? copy_from_user(&n, utmr, sizeof(n)) : copy_from_user(&n32, utmr, sizeof(n32)))
		return -EFAULT;
	if (!is64)
		itimerspec_to64(&n32, &n);
	err = do_timerfd_settime(fd, flags, &n, otmr ? &o : NULL);
	if (err || !otmr)
		return err;
	if (is64)
		return copy_to_user(otmr, &o, sizeof(o)) ? -EFAULT : 0;
	itimerspec_from64(&o, &o32);
	return copy_to_user(otmr, &o32, sizeof(o32)) ? -EFAULT : 0;
}

static long timerfd_gettime_user(int fd, void __user *otmr, int is64)
{
	struct timerfd_ctx *ctx;
	struct itimerspec64 c;
	struct itimerspec c32;
	struct file *f;
	long err;

	ctx = timerfd_fget(fd, &f, &err);
	if (!ctx)
		return err;
	timerfd_get(ctx, &c);
	fput(f);
	if (is64)
		return copy_to_user(otmr, &c, sizeof(c)) ? -EFAULT : 0;
	itimerspec_from64(&c, &c32);
	return copy_to_user(otmr, &c32, sizeof(c32)) ? -EFAULT : 0;
}

long sys_timerfd_settime64(int fd, int flags, const struct itimerspec64 __user *utmr,
			   struct itimerspec64 __user *otmr)
{
	return timerfd_settime_user(fd, flags, utmr, otmr, 1);
}

long sys_timerfd_settime(int fd, int flags, const struct itimerspec __user *utmr,
			 struct itimerspec __user *otmr)
{
	return timerfd_settime_user(fd, flags, utmr, otmr, 0);
}

long sys_timerfd_gettime64(int fd, struct itimerspec64 __user *otmr)
{
	return timerfd_gettime_user(fd, otmr, 1);
}

long sys_timerfd_gettime(int fd, struct itimerspec __user *otmr)
{
	return timerfd_gettime_user(fd, otmr, 0);
}

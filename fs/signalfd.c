/*
 * fs/signalfd.c - signals read from a file (Linux: fs/signalfd.c). A read
 * takes the caller's pending signals that are in the file's mask, as
 * struct signalfd_siginfo, blocking while there are none; poll and epoll
 * see them. The signals are normally blocked, so no handler takes them first.
 * Every sender wakes the one queue the readers sleep on (one CPU, few readers).
 */
#include <kernel/anon_inodes.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/io.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/fcntl.h>

#define SFD_CLOEXEC	O_CLOEXEC
#define SFD_NONBLOCK	O_NONBLOCK

struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};

struct signalfd_ctx {
	sigset_t sigmask;
};

static DECLARE_WAIT_QUEUE_HEAD(signalfd_wqh);

/* kernel/signal.c, a signal was queued (interrupts off) */
void signalfd_notify(void)
{
	if (waitqueue_active(&signalfd_wqh))
		__wake_up(&signalfd_wqh, TASK_INTERRUPTIBLE, 0, NULL);
}

static int signalfd_release(struct inode *inode, struct file *file)
{
	(void)inode;
	kfree(file->private_data);
	return 0;
}

static int signals_pending_in(const sigset_t *mask)
{
	/* the thread's own signals and its process's (kill() queues on the group) */
	const sigset_t *own = &current->pending.signal;
	const sigset_t *group = &current->signal->shared_pending.signal;

	return ((own->sig[0] | group->sig[0]) & mask->sig[0]) ||
	       ((own->sig[1] | group->sig[1]) & mask->sig[1]);
}

static unsigned int signalfd_poll(struct file *file, poll_table *wait)
{
	struct signalfd_ctx *ctx = file->private_data;

	poll_wait(file, &signalfd_wqh, wait);
	return signals_pending_in(&ctx->sigmask) ? POLLIN | POLLRDNORM : 0;
}

/* Linux's signalfd_copyinfo: the fields that the siginfo's kind carries */
static void copyinfo(struct signalfd_siginfo *s, const siginfo_t *info)
{
	memset(s, 0, sizeof(*s));
	s->ssi_signo = info->si_signo;
	s->ssi_errno = info->si_errno;
	s->ssi_code = info->si_code;
	if (info->si_code == SI_TIMER) {
		s->ssi_tid = info->si_tid;
		s->ssi_overrun = info->si_overrun;
		s->ssi_ptr = (unsigned long)info->si_ptr;
		s->ssi_int = info->si_int;
	} else if (info->si_signo == SIGCHLD && info->si_code > 0) {
		s->ssi_pid = info->si_pid;
		s->ssi_uid = info->si_uid;
		s->ssi_status = info->si_status;
		s->ssi_utime = info->si_utime;
		s->ssi_stime = info->si_stime;
	} else if (info->si_code > 0 && info->si_code != SI_KERNEL &&
		   (info->si_signo == SIGSEGV || info->si_signo == SIGBUS ||
		    info->si_signo == SIGILL || info->si_signo == SIGFPE || info->si_signo == SIGTRAP)) {
		s->ssi_addr = (unsigned long)info->si_addr;
	} else if (info->si_signo == SIGIO && info->si_code > 0 && info->si_code != SI_KERNEL) {
		s->ssi_band = info->si_band;
		s->ssi_fd = info->si_fd;
	} else {
		/* kill, sigqueue and the rest: the sender, and sigqueue's value */
		s->ssi_pid = info->si_pid;
		s->ssi_uid = info->si_uid;
		s->ssi_ptr = (unsigned long)info->si_ptr;
		s->ssi_int = info->si_int;
	}
}

static ssize_t signalfd_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct signalfd_ctx *ctx = file->private_data;
	struct signalfd_siginfo s;
	ssize_t total = 0;
	sigset_t others;
	siginfo_t info;
	int err;

	(void)ppos;
	count /= sizeof(s);
	if (!count)
		return -EINVAL;
	/* dequeue_signal takes the signals outside its mask */
	others.sig[0] = ~ctx->sigmask.sig[0];
	others.sig[1] = ~ctx->sigmask.sig[1];
	while (count--) {
		unsigned long flags;
		int sig;

		spin_lock_irqsave(&current->sighand->siglock, flags);
		sig = dequeue_signal(&others, &info);
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
		if (!sig) {
			if (total || (file->f_flags & O_NONBLOCK))
				break;
			err = wait_event_interruptible(signalfd_wqh, signals_pending_in(&ctx->sigmask));
			if (err)
				return err;
			count++;
			continue;
		}
		copyinfo(&s, &info);
		if (copy_to_user(buf + total, &s, sizeof(s)))
			return total ? total : -EFAULT;
		total += sizeof(s);
	}
	return total ? total : -EAGAIN;
}

static const struct file_operations signalfd_fops = {
	.release = signalfd_release,
	.poll = signalfd_poll,
	.read = signalfd_read,
	.llseek = no_llseek,
};

long sys_signalfd4(int ufd, const sigset_t __user *user_mask, size_t sizemask, int flags)
{
	struct signalfd_ctx *ctx;
	struct file *f;
	sigset_t mask;
	int fd, err;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	err = copy_sigmask_from_user(&mask, user_mask, sizemask);
	if (err)
		return err;
	if (ufd != -1) {
		f = fget(ufd);
		if (!f)
			return -EBADF;
		if (f->f_op != &signalfd_fops) {
			fput(f);
			return -EINVAL;
		}
		((struct signalfd_ctx *)f->private_data)->sigmask = mask;
		fput(f);
		return ufd;
	}
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->sigmask = mask;
	fd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx, flags, NULL);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

long sys_signalfd(int ufd, const sigset_t __user *user_mask, size_t sizemask)
{
	return sys_signalfd4(ufd, user_mask, sizemask, 0);
}

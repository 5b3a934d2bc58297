/*
 * fs/fcntl.c - dup, dup2, dup3 and fcntl (Linux: fs/fcntl.c). Record
 * locks (F_GETLK and friends) are fs/locks.c's.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/locks.h>
#include <kernel/uaccess.h>
#include <uapi/signal.h>
#include <kernel/fasync.h>
#include <kernel/poll.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/mm.h>
#include <kernel/pipe_fs_i.h>

#define SETFL_MASK (O_APPEND | O_NONBLOCK | FASYNC | O_DIRECT | O_NOATIME)

static long dupfd(struct file *f, unsigned int start, int cloexec)
{
	int fd = alloc_fd(start, cloexec ? O_CLOEXEC : 0);

	if (fd < 0) {
		fput(f);
		return fd;
	}
	fd_install(fd, f);
	return fd;
}

long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct files_struct *files = current->files;
	struct file *f, *tofree;
	int err;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	/* Linux checks the limit before it looks at oldfd: both are EBADF */
	if (newfd >= nofile_limit())
		return -EBADF;
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	err = expand_files(files, newfd);
	if (err < 0) {
		fput(f);
		return err;
	}
	/* reserved by an open still in progress: Linux says EBUSY */
	tofree = files->fdt->fd[newfd];
	if (!tofree && fd_is_set(newfd, files->fdt->open_fds)) {
		fput(f);
		return -EBUSY;
	}
	files->fdt->fd[newfd] = f;
	fd_set_bit(newfd, files->fdt->open_fds);
	set_close_on_exec(newfd, flags & O_CLOEXEC);
	if (tofree)
		filp_close(tofree, files);
	return newfd;
}

long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd)
		return fcheck(oldfd) ? (long)newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0);
}

long sys_dup(unsigned int fildes)
{
	struct file *f = fget(fildes);

	if (!f)
		return -EBADF;
	return dupfd(f, 0, 0);
}

static long setfl(int fd, struct file *f, unsigned long arg)
{
	int err;

	if (((arg ^ f->f_flags) & FASYNC) && f->f_op && f->f_op->fasync) {
		err = f->f_op->fasync(fd, f, (arg & FASYNC) != 0);
		if (err < 0)
			return err;
	}
	f->f_flags = (arg & SETFL_MASK) | (f->f_flags & ~SETFL_MASK);
	return 0;
}

/* is there a task of that kind with that id (Linux: pid_task(pid, type)) */
static int owner_alive(pid_t pid, int type)
{
	struct task_struct *p;

	if (pid <= 0)
		return 0;
	if (type != F_OWNER_PGRP)
		return find_task_by_pid(pid) != NULL;
	list_for_each_entry(p, &task_list, tasks)
		if (p->pgrp == pid)
			return 1;
	return 0;
}

/* does any task use the id as its pid, group or session (Linux: find_vpid) */
static int pid_in_use(pid_t pid)
{
	struct task_struct *p;

	if (pid <= 0)
		return 0;
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid || p->pgrp == pid || p->session == pid)
			return 1;
	return 0;
}

/*
 * 2.6.18 took any pid; since 2.6.34 Linux says ESRCH for an id no task
 * uses, and accepts one that any task uses as pid, group or session,
 * whichever kind the owner is. Linux keeps a reference on the struct pid;
 * this kernel keeps the number, and F_GETOWN checks it is still alive.
 */
static int f_setown(struct file *f, int pid, int type)
{
	if (pid && !pid_in_use(pid))
		return -ESRCH;
	f->f_owner.pid = pid;
	f->f_owner.pid_type = type;
	f->f_owner.uid = current->uid;
	f->f_owner.euid = current->euid;
	return 0;
}

/* an owner that died and was reaped (or a group now empty) reads as 0, as since Linux 4.x */
static pid_t f_getown(struct file *f)
{
	pid_t pid = f->f_owner.pid;

	if (!owner_alive(pid, f->f_owner.pid_type))
		return 0;
	return f->f_owner.pid_type == F_OWNER_PGRP ? -pid : pid;
}

/* is64: from fcntl64, whose F_OFD_* commands take a struct flock64, as Linux's */
static long do_fcntl(int fd, unsigned int cmd, unsigned long arg, struct file *f, int is64)
{
	struct f_owner_ex owner;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* a start at or past RLIMIT_NOFILE is EINVAL; no free fd below it, EMFILE */
		if (arg >= nofile_limit())
			return -EINVAL;
		return dupfd(get_file(f), arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		return setfl(fd, f, arg);
	case F_GETOWN:
		return f_getown(f);
	case F_SETOWN:
		if ((int)arg == -0x7fffffff - 1)
			return -EINVAL;	/* INT_MIN: its negation does not exist */
		if ((int)arg < 0)
			return f_setown(f, -(int)arg, F_OWNER_PGRP);
		return f_setown(f, arg, F_OWNER_PID);
	case F_GETOWN_EX:
		owner.type = f->f_owner.pid_type;
		owner.pid = owner_alive(f->f_owner.pid, f->f_owner.pid_type) ? f->f_owner.pid : 0;
		return copy_to_user((void __user *)arg, &owner, sizeof(owner)) ? -EFAULT : 0;
	case F_SETOWN_EX:
		if (copy_from_user(&owner, (void __user *)arg, sizeof(owner)))
			return -EFAULT;
		if (owner.type != F_OWNER_TID && owner.type != F_OWNER_PID &&
		    owner.type != F_OWNER_PGRP)
			return -EINVAL;
		/* a negative pid names no task: ESRCH (2.6.32's first version said EINVAL) */
		if (owner.pid < 0)
			return -ESRCH;
		return f_setown(f, owner.pid, owner.type);
	case F_GETSIG:
		return f->f_owner.signum;
	case F_SETSIG:
		if (arg > _NSIG)
			return -EINVAL;
		f->f_owner.signum = arg;
		return 0;
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		return pipe_fcntl(f, cmd, arg);
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_GETLK64: case F_SETLK64: case F_SETLKW64:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
		return fcntl_lock(f, cmd, arg, is64);	/* fs/locks.c */
	default:
		return -EINVAL;
	}
}

static long fcntl_common(unsigned int fd, unsigned int cmd, unsigned long arg, int is64)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = do_fcntl(fd, cmd, arg, f, is64);
	fput(f);
	return err;
}

long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	return fcntl_common(fd, cmd, arg, 1);
}

long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	return fcntl_common(fd, cmd, arg, 0);
}

/* ---- SIGIO: fasync lists and the owner's signal (Linux: fs/fcntl.c) ---- */

/* si_band for each si_code of SIGPOLL, as Linux's band_table */
static const short band_table[] = {
	POLLIN | POLLRDNORM,			/* POLL_IN */
	POLLOUT | POLLWRNORM | POLLWRBAND,	/* POLL_OUT */
	POLLIN | POLLRDNORM | POLLMSG,		/* POLL_MSG */
	POLLERR,				/* POLL_ERR */
	POLLPRI | POLLRDBAND,			/* POLL_PRI */
	POLLHUP | POLLERR,			/* POLL_HUP */
};

/* may the task that set the owner signal p? recorded ids, as 2.6 checks */
static int sigio_perm(struct task_struct *p, struct fown_struct *fown)
{
	return fown->euid == 0 || fown->euid == p->suid || fown->euid == p->uid ||
	       fown->uid == p->suid || fown->uid == p->uid;
}

static void send_sigio_to_task(struct task_struct *p, struct fown_struct *fown, int fd, int band)
{
	siginfo_t si;
	int signum = fown->signum;

	if (!sigio_perm(p, fown))
		return;
	memset(&si, 0, sizeof(si));
	if (!signum) {
		si.si_signo = SIGIO;
		si.si_code = SI_KERNEL;
		send_sig_info(SIGIO, &si, p);
		return;
	}
	/* F_SETSIG: a queued signal that says which fd and why */
	si.si_signo = signum;
	si.si_code = band;
	si.si_fd = fd;
	si.si_band = band >= POLL_IN && band <= POLL_HUP ? band_table[band - POLL_IN] : 0;
	if (send_sig_info(signum, &si, p))
		send_sig(SIGIO, p, 1);
}

void send_sigio(struct fown_struct *fown, int fd, int band)
{
	struct task_struct *p;
	pid_t pid = fown->pid;

	if (!pid)
		return;
	if (fown->pid_type != F_OWNER_PGRP) {
		p = find_task_by_pid(pid);
		if (p)
			send_sigio_to_task(p, fown, fd, band);
		return;
	}
	list_for_each_entry(p, &task_list, tasks)
		if (p->pgrp == pid && !(p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
			send_sigio_to_task(p, fown, fd, band);
}

/*
 * Add (on) or remove (!on) filp on the list; returns 1 if the list changed,
 * 0 if not, -errno on failure.
 */
int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp)
{
	struct fasync_struct *fa, **fp, *new = NULL;

	if (on) {
		new = kmalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOMEM;
	}
	for (fp = fapp; (fa = *fp) != NULL; fp = &fa->fa_next) {
		if (fa->fa_file != filp)
			continue;
		if (on) {
			fa->fa_fd = fd;
			kfree(new);
			return 0;
		}
		*fp = fa->fa_next;
		kfree(fa);
		return 1;
	}
	if (!on)
		return 0;
	new->magic = FASYNC_MAGIC;
	new->fa_file = filp;
	new->fa_fd = fd;
	new->fa_next = *fapp;
	*fapp = new;
	return 1;
}

void kill_fasync(struct fasync_struct **fp, int sig, int band)
{
	for (struct fasync_struct *fa = *fp; fa; fa = fa->fa_next) {
		if (fa->magic != FASYNC_MAGIC) {
			printk(KERN_ERR "kill_fasync: bad magic number in fasync_struct!\n");
			return;
		}
		/* SIGURG has its own default path unless a queued signal was chosen */
		if (sig == SIGURG && !fa->fa_file->f_owner.signum)
			continue;
		send_sigio(&fa->fa_file->f_owner, fa->fa_fd, band);
	}
}

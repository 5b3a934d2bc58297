/*
 * fs/locks.c - advisory file locks (Linux: fs/locks.c): flock's whole-file
 * locks, owned by the open file and dropped at its last close, and fcntl's
 * POSIX record locks, owned by the process (its files_struct), dropped when
 * it closes any fd of the file, split and merged by range, with F_SETLKW's
 * deadlock detection. F_OFD_* record locks are POSIX locks owned by the open
 * file description instead: they conflict with the classic ones, and go at
 * its last close. flock and record locks hang off inode->i_flock and never
 * interact. Waiters sleep on one queue and look again at every change.
 * SMP: as in 2.6 (lock_kernel in fs/locks.c), the big kernel lock guards
 * the lists: no interrupt handler touches them; the interrupts-off
 * sections left here keep this CPU's handlers out and nothing more.
 */
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/io.h>
#include <kernel/locks.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/fcntl.h>

#define FL_POSIX	1
#define FL_FLOCK	2
#define OFFSET_MAX	0x7fffffffffffffffLL
#define MAX_DEADLK_ITERATIONS 10

struct file_lock {
	struct file_lock *fl_next;	/* the inode's list */
	void *fl_owner;			/* POSIX: files_struct; flock and OFD: the struct file */
	pid_t fl_pid;
	int fl_ofd;			/* an F_OFD_* lock: F_GETLK shows its pid as -1 */
	int fl_flags;			/* FL_POSIX or FL_FLOCK */
	int fl_type;			/* F_RDLCK, F_WRLCK */
	loff_t fl_start, fl_end;	/* inclusive; flock: 0..OFFSET_MAX */
	struct file *fl_file;
};

/* a POSIX request asleep in F_SETLKW: who it waits for, for deadlock detection */
struct lock_waiter {
	struct list_head list;
	void *owner, *blocker;
};

static DECLARE_WAIT_QUEUE_HEAD(locks_wait);
static LIST_HEAD(blocked_list);

static struct file_lock *locks_alloc_lock(void)
{
	return kzalloc(sizeof(struct file_lock), GFP_KERNEL);
}

static int locks_overlap(struct file_lock *a, struct file_lock *b)
{
	return a->fl_end >= b->fl_start && b->fl_end >= a->fl_start;
}

static int locks_conflict(struct file_lock *caller, struct file_lock *sys)
{
	if (caller->fl_flags != sys->fl_flags || caller->fl_owner == sys->fl_owner)
		return 0;
	if (caller->fl_flags == FL_POSIX && !locks_overlap(caller, sys))
		return 0;
	return caller->fl_type == F_WRLCK || sys->fl_type == F_WRLCK;
}

static struct file_lock *first_conflict(struct inode *inode, struct file_lock *req)
{
	struct file_lock *fl;

	for (fl = inode->i_flock; fl; fl = fl->fl_next)
		if (locks_conflict(req, fl))
			return fl;
	return NULL;
}

static void locks_unlink(struct inode *inode, struct file_lock *victim)
{
	struct file_lock **p;

	for (p = &inode->i_flock; *p; p = &(*p)->fl_next)
		if (*p == victim) {
			*p = victim->fl_next;
			return;
		}
}

/* kept in order of start, so F_GETLK reports the lowest conflict, as Linux does */
static void locks_insert(struct inode *inode, struct file_lock *fl)
{
	struct file_lock **p = &inode->i_flock;

	while (*p && (*p)->fl_start <= fl->fl_start)
		p = &(*p)->fl_next;
	fl->fl_next = *p;
	*p = fl;
}

/*
 * Would owner, waiting for blocker, close a circle of waiters? Follow who
 * each blocked owner waits for (Linux: posix_locks_deadlock).
 */
static int posix_locks_deadlock(void *owner, void *blocker)
{
	int i = 0;

	while (i++ < MAX_DEADLK_ITERATIONS) {
		struct lock_waiter *w, *found = NULL;

		if (blocker == owner)
			return 1;
		list_for_each_entry(w, &blocked_list, list)
			if (w->owner == blocker) {
				found = w;
				break;
			}
		if (!found)
			return 0;
		blocker = found->blocker;
	}
	return 0;
}

/* sleep until the locks change; -ERESTARTSYS on a signal */
static int locks_wait_change(void *owner, void *blocker, int posix)
{
	struct lock_waiter w = { .owner = owner, .blocker = blocker };
	DEFINE_WAIT(wait);
	int err = 0;

	if (posix)
		list_add(&w.list, &blocked_list);
	prepare_to_wait(&locks_wait, &wait, TASK_INTERRUPTIBLE);
	if (signal_pending(current))
		err = -ERESTARTSYS;
	else
		schedule();
	finish_wait(&locks_wait, &wait);
	if (posix)
		list_del(&w.list);
	if (!err && signal_pending(current))
		err = -ERESTARTSYS;
	return err;
}

/*
 * Apply a POSIX request with no conflict left: the owner's locks in the
 * range go (or shrink, or split); ones of the same type touching it merge
 * into it; then it is added, unless it is an unlock. *spare is a lock the
 * caller allocated for a split; it is taken if used.
 */
static void posix_apply(struct inode *inode, struct file_lock *req, struct file_lock **spare,
			int *used_req)
{
	struct file_lock *fl, *next;

	*used_req = 0;
	for (fl = inode->i_flock; fl; fl = next) {
		next = fl->fl_next;
		if (fl->fl_flags != FL_POSIX || fl->fl_owner != req->fl_owner)
			continue;
		if (fl->fl_type == req->fl_type) {
			/* touching or overlapping: one lock (care at the ends of the range) */
			if ((fl->fl_end < OFFSET_MAX && fl->fl_end + 1 < req->fl_start) ||
			    (req->fl_end < OFFSET_MAX && req->fl_end + 1 < fl->fl_start))
				continue;
			if (fl->fl_start < req->fl_start)
				req->fl_start = fl->fl_start;
			if (fl->fl_end > req->fl_end)
				req->fl_end = fl->fl_end;
			locks_unlink(inode, fl);
			kfree(fl);
			continue;
		}
		if (!locks_overlap(fl, req))
			continue;
		if (fl->fl_start < req->fl_start && fl->fl_end > req->fl_end) {
			struct file_lock *tail = *spare;	/* the right-hand piece */

			*spare = NULL;
			*tail = *fl;
			tail->fl_start = req->fl_end + 1;
			fl->fl_end = req->fl_start - 1;
			locks_insert(inode, tail);
		} else if (fl->fl_start < req->fl_start) {
			fl->fl_end = req->fl_start - 1;
		} else if (fl->fl_end > req->fl_end) {
			locks_unlink(inode, fl);	/* its start moves: back in order */
			fl->fl_start = req->fl_end + 1;
			locks_insert(inode, fl);
		} else {
			locks_unlink(inode, fl);
			kfree(fl);
		}
	}
	if (req->fl_type != F_UNLCK) {
		locks_insert(inode, req);
		*used_req = 1;
	}
	wake_up_interruptible_all(&locks_wait);
}

static int posix_lock_file(struct inode *inode, struct file_lock *req, int wait)
{
	struct file_lock *spare = locks_alloc_lock(), *conflict;
	unsigned long flags;
	int used, err = 0;

	if (!spare)
		return -ENOLCK;
	for (;;) {
		flags = local_irq_save();
		conflict = req->fl_type == F_UNLCK ? NULL : first_conflict(inode, req);
		if (!conflict) {
			posix_apply(inode, req, &spare, &used);
			local_irq_restore(flags);
			if (!used)
				kfree(req);
			break;
		}
		local_irq_restore(flags);
		err = -EAGAIN;
		if (!wait)
			break;
		/* OFD waiters are not followed: a description is no process (as Linux) */
		err = -EDEADLK;
		if (!req->fl_ofd && posix_locks_deadlock(req->fl_owner, conflict->fl_owner))
			break;
		err = locks_wait_change(req->fl_owner, conflict->fl_owner, !req->fl_ofd);
		if (err)
			break;
	}
	kfree(spare);
	if (err)
		kfree(req);
	return err;
}

/* ---- fcntl: F_GETLK, F_SETLK, F_SETLKW and their 64-bit forms ---- */

/* a struct flock64's range as [start, end]; Linux's flock_to_posix_lock */
static int flock_to_posix_lock(struct file *filp, struct file_lock *fl, const struct flock64 *l,
			       int ofd)
{
	loff_t start, end;

	switch (l->l_whence) {
	case SEEK_SET:
		start = 0;
		break;
	case SEEK_CUR:
		start = filp->f_pos;
		break;
	case SEEK_END:
		start = file_inode(filp)->i_size;
		break;
	default:
		return -EINVAL;
	}
	if (l->l_start > OFFSET_MAX - start)
		return -EOVERFLOW;
	start += l->l_start;
	if (start < 0)
		return -EINVAL;
	if (l->l_len > 0) {
		if (l->l_len - 1 > OFFSET_MAX - start)
			return -EOVERFLOW;
		end = start + l->l_len - 1;
	} else if (l->l_len < 0) {
		end = start - 1;
		start += l->l_len;
		if (start < 0)
			return -EINVAL;
	} else {
		end = OFFSET_MAX;
	}
	fl->fl_start = start;
	fl->fl_end = end;
	fl->fl_owner = ofd ? (void *)filp : (void *)current->files;
	fl->fl_pid = ofd ? -1 : current->tgid;
	fl->fl_ofd = ofd;
	fl->fl_file = filp;
	fl->fl_flags = FL_POSIX;
	fl->fl_type = l->l_type;
	return 0;
}

/* F_OFD_GETLK of F_UNLCK (today's Linux): the description's own lock in the range */
static struct file_lock *first_own_ofd(struct inode *inode, struct file_lock *req)
{
	struct file_lock *fl;

	for (fl = inode->i_flock; fl; fl = fl->fl_next)
		if (fl->fl_ofd && fl->fl_owner == req->fl_owner && locks_overlap(fl, req))
			return fl;
	return NULL;
}

static int fcntl_getlk(struct file *filp, struct flock64 *l, int ofd)
{
	struct file_lock req, *fl;
	unsigned long flags;
	int err;

	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK && !(ofd && l->l_type == F_UNLCK))
		return -EINVAL;
	err = flock_to_posix_lock(filp, &req, l, ofd);
	if (err)
		return err;
	flags = local_irq_save();
	if (req.fl_type == F_UNLCK)
		fl = first_own_ofd(file_inode(filp), &req);
	else
		fl = first_conflict(file_inode(filp), &req);
	if (fl) {
		l->l_type = fl->fl_type;
		l->l_whence = SEEK_SET;
		l->l_start = fl->fl_start;
		l->l_len = fl->fl_end == OFFSET_MAX ? 0 : fl->fl_end - fl->fl_start + 1;
		l->l_pid = fl->fl_pid;
	} else {
		l->l_type = F_UNLCK;
	}
	local_irq_restore(flags);
	return 0;
}

static int fcntl_setlk(struct file *filp, const struct flock64 *l, int wait, int ofd)
{
	struct file_lock *fl;
	int err;

	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK && l->l_type != F_UNLCK)
		return -EINVAL;
	if ((l->l_type == F_RDLCK && !(filp->f_mode & FMODE_READ)) ||
	    (l->l_type == F_WRLCK && !(filp->f_mode & FMODE_WRITE)))
		return -EBADF;
	fl = locks_alloc_lock();
	if (!fl)
		return -ENOLCK;
	err = flock_to_posix_lock(filp, fl, l, ofd);
	if (err) {
		kfree(fl);
		return err;
	}
	return posix_lock_file(file_inode(filp), fl, wait);
}

/*
 * fcntl's lock commands (fs/fcntl.c hands them here). F_GETLK and friends
 * take the 32-bit struct flock; the *64 ones struct flock64, and so do the
 * F_OFD_* ones from fcntl64 (fcntl64: the caller is that call). A 32-bit
 * F_GETLK answer that does not fit is EOVERFLOW. An OFD request must say
 * l_pid 0.
 */
long fcntl_lock(struct file *filp, unsigned int cmd, unsigned long arg, int fcntl64)
{
	int ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	int is64 = cmd == F_GETLK64 || cmd == F_SETLK64 || cmd == F_SETLKW64 || (ofd && fcntl64);
	struct flock64 l;
	struct flock l32;
	long err;

	if (is64) {
		if (copy_from_user(&l, (void __user *)arg, sizeof(l)))
			return -EFAULT;
	} else {
		if (copy_from_user(&l32, (void __user *)arg, sizeof(l32)))
			return -EFAULT;
		l.l_type = l32.l_type;
		l.l_whence = l32.l_whence;
		l.l_start = l32.l_start;
		l.l_len = l32.l_len;
		l.l_pid = l32.l_pid;
	}
	if (ofd && l.l_pid)
		return -EINVAL;
	switch (cmd) {
	case F_GETLK:
	case F_GETLK64:
	case F_OFD_GETLK:
		err = fcntl_getlk(filp, &l, ofd);
		if (err)
			return err;
		if (is64)
			return copy_to_user((void __user *)arg, &l, sizeof(l)) ? -EFAULT : 0;
		if (l.l_type != F_UNLCK && (l.l_start > 0x7fffffffLL || l.l_len > 0x7fffffffLL))
			return -EOVERFLOW;
		l32.l_type = l.l_type;
		l32.l_whence = l.l_whence;
		l32.l_start = (long)l.l_start;
		l32.l_len = (long)l.l_len;
		l32.l_pid = l.l_pid;
		return copy_to_user((void __user *)arg, &l32, sizeof(l32)) ? -EFAULT : 0;
	case F_SETLK:
	case F_SETLK64:
	case F_OFD_SETLK:
		return fcntl_setlk(filp, &l, 0, ofd);
	case F_SETLKW:
	case F_SETLKW64:
	case F_OFD_SETLKW:
		return fcntl_setlk(filp, &l, 1, ofd);
	}
	return -EINVAL;
}

/* close of any fd of the file: the process's POSIX locks on it go (Linux's rule) */
void locks_remove_posix(struct file *filp, void *owner)
{
	struct inode *inode;
	struct file_lock *fl, *next;
	unsigned long flags;
	int changed = 0;

	if (!filp->f_dentry || !(inode = filp->f_dentry->d_inode) || !inode->i_flock)
		return;
	flags = local_irq_save();
	for (fl = inode->i_flock; fl; fl = next) {
		next = fl->fl_next;
		if (fl->fl_flags == FL_POSIX && !fl->fl_ofd && fl->fl_owner == owner) {
			locks_unlink(inode, fl);
			kfree(fl);
			changed = 1;
		}
	}
	if (changed)
		wake_up_interruptible_all(&locks_wait);
	local_irq_restore(flags);
}

/* ---- flock(2) ---- */

/* the flock of filp; at its last close (all) its OFD record locks too */
static void flock_remove(struct inode *inode, struct file *filp, int all)
{
	struct file_lock *fl, *next;

	for (fl = inode->i_flock; fl; fl = next) {
		next = fl->fl_next;
		if (fl->fl_owner == filp && (fl->fl_flags == FL_FLOCK || (all && fl->fl_ofd))) {
			locks_unlink(inode, fl);
			kfree(fl);
			wake_up_interruptible_all(&locks_wait);
		}
	}
}

/* the file's last close: its flock and its OFD locks go */
void locks_remove_flock(struct file *filp)
{
	struct inode *inode;
	unsigned long flags;

	if (!filp->f_dentry || !(inode = filp->f_dentry->d_inode) || !inode->i_flock)
		return;
	flags = local_irq_save();
	flock_remove(inode, filp, 1);
	local_irq_restore(flags);
}

/*
 * As Linux: a change of type lets go of the old lock first (waiters may get
 * in between), then waits for the new one unless LOCK_NB.
 */
static int flock_lock_file(struct file *filp, int type, int wait)
{
	struct inode *inode = file_inode(filp);
	struct file_lock *fl, *cur;
	unsigned long flags;
	int err;

	flags = local_irq_save();
	for (cur = inode->i_flock; cur; cur = cur->fl_next)
		if (cur->fl_flags == FL_FLOCK && cur->fl_owner == filp)
			break;
	if (cur && cur->fl_type == type) {
		local_irq_restore(flags);
		return 0;
	}
	if (cur)
		flock_remove(inode, filp, 0);
	local_irq_restore(flags);
	if (type == F_UNLCK)
		return 0;
	fl = locks_alloc_lock();
	if (!fl)
		return -ENOLCK;
	fl->fl_owner = filp;
	fl->fl_file = filp;
	fl->fl_pid = current->tgid;
	fl->fl_flags = FL_FLOCK;
	fl->fl_type = type;
	fl->fl_start = 0;
	fl->fl_end = OFFSET_MAX;
	for (;;) {
		struct file_lock *c;

		flags = local_irq_save();
		c = first_conflict(inode, fl);
		if (!c) {
			locks_insert(inode, fl);
			local_irq_restore(flags);
			return 0;
		}
		local_irq_restore(flags);
		err = -EAGAIN;	/* EWOULDBLOCK */
		if (!wait)
			break;
		err = locks_wait_change(filp, c->fl_owner, 0);
		if (err)
			break;
	}
	kfree(fl);
	return err;
}

long sys_flock(unsigned int fd, unsigned int cmd)
{
	struct file *filp = fget(fd);
	int type;
	long err;

	if (!filp)
		return -EBADF;
	switch (cmd & ~LOCK_NB) {
	case LOCK_SH:
		type = F_RDLCK;
		break;
	case LOCK_EX:
		type = F_WRLCK;
		break;
	case LOCK_UN:
		type = F_UNLCK;
		break;
	default:
		fput(filp);
		return -EINVAL;
	}
	err = flock_lock_file(filp, type, !(cmd & LOCK_NB));
	fput(filp);
	return err;
}

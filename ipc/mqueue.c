/*
 * ipc/mqueue.c - POSIX message queues and the mqueue file system (Linux 2.6:
 * ipc/mqueue.c). A queue is a regular file of one single-instance file
 * system, mounted internally at boot and again at /dev/mqueue; a queue
 * descriptor is an open file of it. The ABI (error codes, the order of the
 * checks, RLIMIT_MSGQUEUE's formula) follows today's Linux.
 *
 * Locking (2.6's ipc/mqueue.c):
 *   info->lock     spinlock over a queue's messages, attr.mq_curmsgs,
 *                  qsize, the notification and both e_wait_q lists with the
 *                  ext_wait_queue entries on them. Messages are allocated and
 *                  copied in before it is taken, copied out after.
 *   mq_lock        spinlock (2.6: mq_lock, or the user_struct's counters)
 *                  over mq_users, the RLIMIT_MSGQUEUE charges and
 *                  mq_queues_count.
 * A sleeper (wq_sleep) is queued and set TASK_INTERRUPTIBLE under
 * info->lock, then sleeps unlocked. The partner that completes its transfer
 * (pipelined_send/pipelined_receive) unlinks it under the lock, sets
 * STATE_PENDING, wakes it and last sets STATE_READY; the sleeper spins while
 * it sees PENDING, so its stack cannot go before the waker is done, then
 * READY means done, anything else a relock and re-check. The descriptor's
 * file reference keeps the queue alive across the sleep.
 */
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/fs_struct.h>
#include <kernel/mqueue.h>
#include <kernel/namei.h>
#include <kernel/poll.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/slab.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <uapi/resource.h>

#define MQUEUE_MAGIC	0x19800202
#define DIRENT_SIZE	20	/* what a queue adds to the directory's size */
#define FILENT_SIZE	80	/* a queue file's size */

#define SEND		0
#define RECV		1
#define STATE_NONE	0
#define STATE_PENDING	1	/* a waker is between its wake_up_process and READY */
#define STATE_READY	2

/*
 * RLIMIT_MSGQUEUE charges, per message slot, one struct msg_msg and (for at
 * most MQ_PRIO_MAX slots) one priority-tree node. These are the sizes of an
 * x86-64 kernel, the host this ABI is checked against (an i386 Linux counts
 * 24 + 24 bytes); 2.6 charged a pointer per slot instead.
 */
#define MQ_MSG_MSG_SIZE		48
#define MQ_TREE_NODE_SIZE	48

struct mq_limits mq_limits = {
	.queues_max = 256,
	.msg_max = 10,
	.msgsize_max = 8192,
	.msg_default = 10,
	.msgsize_default = 8192,
};

/* one message; the text follows in the same allocation */
struct mq_msg {
	struct list_head m_list;
	unsigned int m_prio;
	size_t m_ts;
	char m_text[];
};

/* the bytes RLIMIT_MSGQUEUE counts, per real uid (Linux: the ucounts) */
struct mq_user {
	struct list_head list;
	uid_t uid;
	u64 bytes;
};

/* a sleeping sender or receiver, on its own stack */
struct ext_wait_queue {
	struct task_struct *task;
	struct list_head list;
	struct mq_msg *msg;	/* a sender's message, or the one handed to a receiver */
	int state;		/* STATE_READY once a partner has done the transfer */
};

struct mqueue_inode_info {
	struct inode vfs_inode;
	spinlock_t lock;
	wait_queue_head_t wait_q;	/* poll */
	struct list_head messages;	/* highest priority first, FIFO within one */
	struct mq_attr attr;
	unsigned long qsize;		/* bytes of text queued */
	struct sigevent notify;
	pid_t notify_owner;		/* thread group registered, 0 for none */
	struct list_head e_wait_q[2];	/* SEND, RECV */
	struct mq_user *user;		/* charged mq_bytes, NULL if nothing */
	u64 mq_bytes;
};

static LIST_HEAD(mq_users);		/* under mq_lock */
static unsigned int mq_queues_count;	/* under mq_lock */
static DEFINE_SPINLOCK(mq_lock);
static struct vfsmount *mqueue_mnt;
static struct super_block *mqueue_sb;
static const struct inode_operations mqueue_dir_inode_operations;
static const struct file_operations mqueue_file_operations;
static const struct super_operations mqueue_super_ops;

static inline struct mqueue_inode_info *MQUEUE_I(struct inode *inode)
{
	return container_of(inode, struct mqueue_inode_info, vfs_inode);
}

/* mq_lock held: uid's account, or spare (made before the lock) put in for it */
static struct mq_user *mq_user_get(uid_t uid, struct mq_user **spare)
{
	struct mq_user *u;

	list_for_each_entry(u, &mq_users, list)
		if (u->uid == uid)
			return u;
	u = *spare;
	if (!u)
		return NULL;
	*spare = NULL;
	u->uid = uid;
	u->bytes = 0;
	list_add(&u->list, &mq_users);
	return u;
}

/* mq_lock held: an account that drops to 0 is unlinked and returned, for kfree after the unlock */
static struct mq_user *mq_user_uncharge(struct mq_user *u, u64 bytes)
{
	u->bytes -= bytes;
	if (u->bytes)
		return NULL;
	list_del(&u->list);
	return u;
}

/* ---- the inodes ---- */

static int mq_attr_check(struct mq_attr *attr)
{
	if (attr->mq_maxmsg <= 0 || attr->mq_msgsize <= 0)
		return -EINVAL;
	if (capable(CAP_SYS_RESOURCE)) {
		if (attr->mq_maxmsg > HARD_MSGMAX || attr->mq_msgsize > HARD_MSGSIZEMAX)
			return -EINVAL;
	} else if (attr->mq_maxmsg > (long)mq_limits.msg_max ||
		   attr->mq_msgsize > (long)mq_limits.msgsize_max) {
		return -EINVAL;
	}
	return 0;
}

/* charge the creator's real uid for the queue's worst case, as Linux */
static int mq_charge(struct mqueue_inode_info *info)
{
	long maxmsg = info->attr.mq_maxmsg;
	unsigned long lim = current->rlim[RLIMIT_MSGQUEUE].rlim_cur;
	u64 bytes = (u64)maxmsg * info->attr.mq_msgsize + (u64)maxmsg * MQ_MSG_MSG_SIZE +
		    (u64)(maxmsg < MQ_PRIO_MAX ? maxmsg : MQ_PRIO_MAX) * MQ_TREE_NODE_SIZE;
	struct mq_user *spare = kzalloc(sizeof(*spare), GFP_KERNEL), *u;
	int err = 0;

	spin_lock(&mq_lock);
	u = mq_user_get(current->uid, &spare);
	if (!u) {
		err = -ENOMEM;
	} else if (lim != RLIM_INFINITY && u->bytes + bytes > lim) {
		if (!u->bytes)
			spare = mq_user_uncharge(u, 0);
		err = -EMFILE;
	} else {
		u->bytes += bytes;
		info->user = u;
		info->mq_bytes = bytes;
	}
	spin_unlock(&mq_lock);
	kfree(spare);
	return err;
}

static struct inode *mqueue_get_inode(struct super_block *sb, int mode, struct mq_attr *attr,
				      int *errp)
{
	struct inode *inode = new_inode(sb);
	struct mqueue_inode_info *info;
	int err;

	if (!inode) {
		*errp = -ENOMEM;
		return NULL;
	}
	inode->i_mode = mode;
	inode->i_uid = current->fsuid;
	inode->i_gid = current->fsgid;
	if (S_ISDIR(mode)) {
		inode->i_op = &mqueue_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inode->i_size = 2 * DIRENT_SIZE;
		inc_nlink(inode);
		return inode;
	}
	info = MQUEUE_I(inode);
	inode->i_fop = &mqueue_file_operations;
	inode->i_size = FILENT_SIZE;
	spin_lock_init(&info->lock);
	init_waitqueue_head(&info->wait_q);
	INIT_LIST_HEAD(&info->messages);
	INIT_LIST_HEAD(&info->e_wait_q[SEND]);
	INIT_LIST_HEAD(&info->e_wait_q[RECV]);
	info->attr.mq_maxmsg = mq_limits.msg_default;
	info->attr.mq_msgsize = mq_limits.msgsize_default;
	if (attr) {
		info->attr.mq_maxmsg = attr->mq_maxmsg;
		info->attr.mq_msgsize = attr->mq_msgsize;
	}
	err = mq_attr_check(&info->attr);
	if (!err)
		err = mq_charge(info);
	if (err) {
		clear_nlink(inode);	/* delete_inode undoes the queue count */
		iput(inode);
		*errp = err;
		return NULL;
	}
	return inode;
}

static struct inode *mqueue_alloc_inode(struct super_block *sb)
{
	struct mqueue_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);

	(void)sb;
	return info ? &info->vfs_inode : NULL;
}

static void mqueue_destroy_inode(struct inode *inode)
{
	kfree(MQUEUE_I(inode));
}

/* the last name and the last descriptor are gone: free the queue */
static void mqueue_delete_inode(struct inode *inode)
{
	struct mqueue_inode_info *info = MQUEUE_I(inode);
	struct mq_msg *msg, *n;

	if (!S_ISREG(inode->i_mode))
		return;
	struct mq_user *gone = NULL;

	/* the last reference: nobody else can reach the queue's own state */
	list_for_each_entry_safe(msg, n, &info->messages, m_list)
		kfree(msg);
	spin_lock(&mq_lock);
	if (info->user)
		gone = mq_user_uncharge(info->user, info->mq_bytes);
	mq_queues_count--;
	spin_unlock(&mq_lock);
	kfree(gone);
}

static int mqueue_create_attr(struct dentry *d, int mode, struct mq_attr *attr)
{
	struct inode *dir = d->d_parent->d_inode;
	struct inode *inode;
	int err;

	spin_lock(&mq_lock);
	if (mq_queues_count >= mq_limits.queues_max && !capable(CAP_SYS_RESOURCE)) {
		spin_unlock(&mq_lock);
		return -ENOSPC;
	}
	mq_queues_count++;
	spin_unlock(&mq_lock);
	inode = mqueue_get_inode(dir->i_sb, S_IFREG | (mode & S_IALLUGO), attr, &err);
	if (!inode)
		return err;
	dir->i_size += DIRENT_SIZE;
	dir->i_mtime = dir->i_ctime = dir->i_atime = CURRENT_TIME;
	d_instantiate(d, inode);
	dget(d);		/* the pin: the queue has its name until unlink */
	return 0;
}

/* open(O_CREAT) in the file system: a queue with the default sizes */
static int mqueue_create(struct inode *dir, struct dentry *d, int mode, struct nameidata *nd)
{
	(void)dir;
	(void)nd;
	return mqueue_create_attr(d, mode, NULL);
}

static int mqueue_unlink(struct inode *dir, struct dentry *d)
{
	dir->i_size -= DIRENT_SIZE;
	return simple_unlink(dir, d);
}

/* the queue file's text, as Linux's mqueue_read_file */
static ssize_t mqueue_read_file(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
	struct inode *inode = file_inode(f);
	struct mqueue_inode_info *info = MQUEUE_I(inode);
	char text[FILENT_SIZE];
	loff_t pos = *ppos;
	size_t len;

	spin_lock(&info->lock);		/* formatted into text, copied out after */
	snprintf(text, sizeof(text), "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
		 info->qsize, info->notify_owner ? info->notify.sigev_notify : 0,
		 (info->notify_owner && info->notify.sigev_notify == SIGEV_SIGNAL) ?
		 info->notify.sigev_signo : 0, info->notify_owner);
	spin_unlock(&info->lock);
	len = strlen(text);
	if (pos < 0)
		return -EINVAL;
	if ((size_t)pos >= len)
		return 0;
	if (count > len - pos)
		count = len - pos;
	if (copy_to_user(buf, text + pos, count))
		return -EFAULT;
	*ppos = pos + count;
	inode->i_atime = inode->i_ctime = CURRENT_TIME;
	return count;
}

static void remove_notification(struct mqueue_inode_info *info)
{
	info->notify_owner = 0;
}

/* any close by the registered process ends its registration */
static int mqueue_flush_file(struct file *f, void *id)
{
	struct mqueue_inode_info *info = MQUEUE_I(file_inode(f));

	(void)id;
	spin_lock(&info->lock);
	if (info->notify_owner == current->tgid)
		remove_notification(info);
	spin_unlock(&info->lock);
	return 0;
}

static unsigned int mqueue_poll_file(struct file *f, struct poll_table_struct *pt)
{
	struct mqueue_inode_info *info = MQUEUE_I(file_inode(f));
	unsigned int mask = 0;

	poll_wait(f, &info->wait_q, pt);
	spin_lock(&info->lock);
	if (info->attr.mq_curmsgs)
		mask = POLLIN | POLLRDNORM;
	if (info->attr.mq_curmsgs < info->attr.mq_maxmsg)
		mask |= POLLOUT | POLLWRNORM;
	spin_unlock(&info->lock);
	return mask;
}

static const struct file_operations mqueue_file_operations = {
	.llseek = generic_file_llseek,
	.read = mqueue_read_file,
	.poll = mqueue_poll_file,
	.flush = mqueue_flush_file,
};

static const struct inode_operations mqueue_dir_inode_operations = {
	.create = mqueue_create,
	.lookup = simple_lookup,
	.unlink = mqueue_unlink,
	.getattr = simple_getattr,
};

static const struct super_operations mqueue_super_ops = {
	.alloc_inode = mqueue_alloc_inode,
	.destroy_inode = mqueue_destroy_inode,
	.delete_inode = mqueue_delete_inode,
};

static int mqueue_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *inode;
	int err;

	(void)data;
	(void)silent;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_magic = MQUEUE_MAGIC;
	sb->s_op = &mqueue_super_ops;
	inode = mqueue_get_inode(sb, S_IFDIR | S_ISVTX | S_IRWXUGO, NULL, &err);
	if (!inode)
		return err;
	sb->s_root = d_alloc_root(inode);
	if (!sb->s_root) {
		iput(inode);
		return -ENOMEM;
	}
	return 0;
}

/* one instance (Linux: one per IPC namespace): every mount shows the same queues */
static int mqueue_get_sb(struct file_system_type *type, int flags, const char *dev_name,
			 void *data, struct vfsmount *mnt)
{
	int err;

	(void)dev_name;
	if (mqueue_sb) {
		mqueue_sb->s_active++;
		mnt->mnt_sb = mqueue_sb;
		mnt->mnt_root = dget(mqueue_sb->s_root);
		return 0;
	}
	err = get_sb_nodev(type, flags, data, mqueue_fill_super, mnt);
	if (!err)
		mqueue_sb = mnt->mnt_sb;
	return err;
}

static void mqueue_kill_sb(struct super_block *sb)
{
	mqueue_sb = NULL;
	kill_litter_super(sb);
}

static struct file_system_type mqueue_fs_type = {
	.name = "mqueue",
	.get_sb = mqueue_get_sb,
	.kill_sb = mqueue_kill_sb,
};

void mq_init(void)
{
	long err;

	register_filesystem(&mqueue_fs_type);
	mqueue_mnt = vfs_kern_mount(&mqueue_fs_type, 0, "mqueue", NULL);
	if (IS_ERR(mqueue_mnt))
		panic("mqueue: cannot mount: %ld", PTR_ERR(mqueue_mnt));
	do_mkdirat(AT_FDCWD, "/dev/mqueue", 0755);
	err = do_mount("mqueue", "/dev/mqueue", "mqueue", 0, NULL);
	if (err)
		printk(KERN_ERR "mqueue: cannot mount /dev/mqueue: %ld\n", err);
}

/* ---- the queue ---- */

/* after the last message of the same or a higher priority */
static void msg_insert(struct mq_msg *msg, struct mqueue_inode_info *info)
{
	struct list_head *pos;

	for (pos = info->messages.prev; pos != &info->messages; pos = pos->prev)
		if (list_entry(pos, struct mq_msg, m_list)->m_prio >= msg->m_prio)
			break;
	list_add(&msg->m_list, pos);
	info->attr.mq_curmsgs++;
	info->qsize += msg->m_ts;
}

static struct mq_msg *msg_get(struct mqueue_inode_info *info)
{
	struct mq_msg *msg = list_first_entry(&info->messages, struct mq_msg, m_list);

	list_del(&msg->m_list);
	info->attr.mq_curmsgs--;
	info->qsize -= msg->m_ts;
	return msg;
}

static struct ext_wait_queue *wq_get_first_waiter(struct mqueue_inode_info *info, int sr)
{
	if (list_empty(&info->e_wait_q[sr]))
		return NULL;
	return list_first_entry(&info->e_wait_q[sr], struct ext_wait_queue, list);
}

/*
 * Sleep on the SEND or RECV list until a partner completes the transfer
 * (0), a signal arrives (-ERESTARTSYS) or CLOCK_REALTIME reaches until_ns
 * (-ETIMEDOUT; 0 for no time-out). Called with info->lock held, returns
 * with it released (2.6's wq_sleep). The caller's file reference keeps the
 * queue alive. A partner that completes the transfer unlinks us first.
 */
static int wq_sleep(struct mqueue_inode_info *info, int sr, u64 until_ns,
		    struct ext_wait_queue *ewp)
{
	int ret;

	ewp->task = current;
	ewp->state = STATE_NONE;
	list_add_tail(&ewp->list, &info->e_wait_q[sr]);
	for (;;) {
		long j = MAX_SCHEDULE_TIMEOUT;

		if (until_ns) {
			u64 now = ktime_get_real_ns();	/* clock_gettime's CLOCK_REALTIME */

			ret = -ETIMEDOUT;
			if (now >= until_ns)
				break;
			/* whole jiffies rounded up, plus the tick under way */
			if (until_ns - now < (u64)(MAX_SCHEDULE_TIMEOUT - 2) * (NSEC_PER_SEC / HZ))
				j = (long)((until_ns - now + NSEC_PER_SEC / HZ - 1) /
					   (NSEC_PER_SEC / HZ)) + 1;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock(&info->lock);
		if (j == MAX_SCHEDULE_TIMEOUT)
			schedule();
		else
			schedule_timeout(j);
		__set_current_state(TASK_RUNNING);
		/* lockless: a partner between its wake-up and READY is waited for */
		while (*(volatile int *)&ewp->state == STATE_PENDING)
			cpu_relax();
		if (*(volatile int *)&ewp->state == STATE_READY)
			return 0;
		spin_lock(&info->lock);
		if (ewp->state == STATE_READY) {
			ret = 0;
			goto out_unlock;
		}
		ret = -ERESTARTSYS;
		if (signal_pending(current))
			break;
	}
	list_del(&ewp->list);
out_unlock:
	spin_unlock(&info->lock);
	return ret;
}

/* the waker's side, info->lock held: unlink, PENDING, wake, READY last */
static void wq_wake_ready(struct ext_wait_queue *ewp)
{
	list_del(&ewp->list);
	ewp->state = STATE_PENDING;
	wake_up_process(ewp->task);
	barrier();		/* x86 keeps stores in order: READY lands last */
	ewp->state = STATE_READY;
}

/* a message went into an empty queue with nobody waiting: tell the registered process */
static void __do_notify(struct mqueue_inode_info *info)
{
	if (info->notify_owner && info->attr.mq_curmsgs == 1) {
		if (info->notify.sigev_notify == SIGEV_SIGNAL && info->notify.sigev_signo) {
			siginfo_t si;
			struct {
				int pid;
				unsigned int uid;
				sigval_t value;
			} *rt = (void *)&si._sifields;

			memset(&si, 0, sizeof(si));
			si.si_signo = info->notify.sigev_signo;
			si.si_code = SI_MESGQ;
			rt->pid = current->tgid;
			rt->uid = current->uid;
			rt->value = info->notify.sigev_value;
			kill_proc_info(si.si_signo, &si, info->notify_owner);
		}
		remove_notification(info);	/* SIGEV_NONE too: it fires once */
	}
	wake_up_interruptible(&info->wait_q);
}

/* a slot freed: move the first waiting sender's message in, or wake poll */
static void pipelined_receive(struct mqueue_inode_info *info)
{
	struct ext_wait_queue *sender = wq_get_first_waiter(info, SEND);

	if (!sender) {
		wake_up_interruptible(&info->wait_q);
		return;
	}
	msg_insert(sender->msg, info);
	wq_wake_ready(sender);
}

/*
 * The queue behind a descriptor opened with every FMODE_* bit of need;
 * -EBADF for no file, another kind of file, or the wrong access mode.
 */
static struct file *mq_fget(int mqdes, mode_t need)
{
	struct file *f = mqdes < 0 ? NULL : fget(mqdes);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &mqueue_file_operations || (f->f_mode & need) != need) {
		fput(f);
		return ERR_PTR(-EBADF);
	}
	return f;
}

/*
 * An absolute time-out in: -EFAULT, -EINVAL, or 0 with *ns set; 0 in *ns
 * means none (no pointer), so a real one is never 0.
 */
static int prepare_timeout(const void __user *u, int time64, u64 *ns)
{
	s64 sec, nsec;

	*ns = 0;
	if (!u)
		return 0;
	if (time64) {
		struct timespec64 ts;

		if (copy_from_user(&ts, u, sizeof(ts)))
			return -EFAULT;
		sec = ts.tv_sec;
		nsec = ts.tv_nsec;
	} else {
		struct timespec ts;

		if (copy_from_user(&ts, u, sizeof(ts)))
			return -EFAULT;
		sec = ts.tv_sec;
		nsec = ts.tv_nsec;
	}
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (sec > (s64)(~0ULL / 2 / NSEC_PER_SEC) - 1)
		sec = (s64)(~0ULL / 2 / NSEC_PER_SEC) - 1;	/* for ever, without overflow */
	*ns = (u64)sec * NSEC_PER_SEC + nsec;
	if (!*ns)
		*ns = 1;	/* the Epoch itself: long past, still a time-out */
	return 0;
}

static long do_mq_timedsend(int mqdes, const char __user *u_msg, size_t len,
			    unsigned int prio, u64 until_ns)
{
	struct mqueue_inode_info *info;
	struct ext_wait_queue wait, *receiver;
	struct inode *inode;
	struct mq_msg *msg;
	struct file *f;
	long ret;

	if (prio >= MQ_PRIO_MAX)
		return -EINVAL;
	f = mq_fget(mqdes, FMODE_WRITE);
	if (IS_ERR(f))
		return PTR_ERR(f);
	inode = file_inode(f);
	info = MQUEUE_I(inode);
	ret = -EMSGSIZE;
	if (len > (size_t)info->attr.mq_msgsize)
		goto out_fput;
	/* the copy first, before touching the queue */
	ret = -ENOMEM;
	msg = kmalloc(sizeof(*msg) + len, GFP_KERNEL);
	if (!msg)
		goto out_fput;
	ret = -EFAULT;
	if (copy_from_user(msg->m_text, u_msg, len))
		goto out_free;
	msg->m_ts = len;
	msg->m_prio = prio;

	ret = 0;
	spin_lock(&info->lock);
	if (info->attr.mq_curmsgs == info->attr.mq_maxmsg) {
		ret = -EAGAIN;
		if (f->f_flags & O_NONBLOCK) {
			spin_unlock(&info->lock);
			goto out_free;
		}
		wait.msg = msg;
		ret = wq_sleep(info, SEND, until_ns, &wait);	/* unlocks */
		if (ret)
			goto out_free;
		goto out_fput;	/* a receiver queued it for us */
	}
	receiver = wq_get_first_waiter(info, RECV);
	if (receiver) {
		receiver->msg = msg;	/* 2.6's pipelined_send */
		wq_wake_ready(receiver);
	} else {
		msg_insert(msg, info);
		__do_notify(info);
	}
	inode->i_atime = inode->i_mtime = inode->i_ctime = CURRENT_TIME;
	spin_unlock(&info->lock);
	goto out_fput;

out_free:
	kfree(msg);
out_fput:
	fput(f);
	return ret;
}

static long do_mq_timedreceive(int mqdes, char __user *u_msg, size_t len,
			       unsigned int __user *u_prio, u64 until_ns)
{
	struct mqueue_inode_info *info;
	struct ext_wait_queue wait;
	struct inode *inode;
	struct mq_msg *msg;
	struct file *f;
	long ret;

	f = mq_fget(mqdes, FMODE_READ);
	if (IS_ERR(f))
		return PTR_ERR(f);
	inode = file_inode(f);
	info = MQUEUE_I(inode);
	ret = -EMSGSIZE;
	if (len < (size_t)info->attr.mq_msgsize)
		goto out_fput;
	spin_lock(&info->lock);
	if (info->attr.mq_curmsgs == 0) {
		ret = -EAGAIN;
		if (f->f_flags & O_NONBLOCK) {
			spin_unlock(&info->lock);
			goto out_fput;
		}
		ret = wq_sleep(info, RECV, until_ns, &wait);	/* unlocks */
		if (ret)
			goto out_fput;
		msg = wait.msg;
	} else {
		msg = msg_get(info);
		inode->i_atime = inode->i_mtime = inode->i_ctime = CURRENT_TIME;
		pipelined_receive(info);
		spin_unlock(&info->lock);
	}
	/* as Linux, a message that cannot be stored is lost */
	ret = msg->m_ts;
	if ((u_prio && put_user(msg->m_prio, u_prio)) ||
	    copy_to_user(u_msg, msg->m_text, msg->m_ts))
		ret = -EFAULT;
	kfree(msg);
out_fput:
	fput(f);
	return ret;
}

long sys_mq_timedsend(int mqdes, const char __user *msg, size_t len, unsigned int prio,
		      const struct timespec __user *abs_timeout)
{
	u64 until;
	int err = prepare_timeout(abs_timeout, 0, &until);

	return err ? err : do_mq_timedsend(mqdes, msg, len, prio, until);
}

long sys_mq_timedsend_time64(int mqdes, const char __user *msg, size_t len,
			     unsigned int prio, const struct timespec64 __user *abs_timeout)
{
	u64 until;
	int err = prepare_timeout(abs_timeout, 1, &until);

	return err ? err : do_mq_timedsend(mqdes, msg, len, prio, until);
}

long sys_mq_timedreceive(int mqdes, char __user *msg, size_t len, unsigned int __user *prio,
			 const struct timespec __user *abs_timeout)
{
	u64 until;
	int err = prepare_timeout(abs_timeout, 0, &until);

	return err ? err : do_mq_timedreceive(mqdes, msg, len, prio, until);
}

long sys_mq_timedreceive_time64(int mqdes, char __user *msg, size_t len,
				unsigned int __user *prio,
				const struct timespec64 __user *abs_timeout)
{
	u64 until;
	int err = prepare_timeout(abs_timeout, 1, &until);

	return err ? err : do_mq_timedreceive(mqdes, msg, len, prio, until);
}

/* ---- names: mq_open and mq_unlink ---- */

/* glibc strips the leading '/'; what is left must be one plain name */
static int mq_lookup(const char *name, struct dentry **dp)
{
	size_t len = strlen(name);
	struct dentry *d;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EACCES;
	d = lookup_one_len(name, mqueue_mnt->mnt_root, len);
	if (IS_ERR(d))
		return PTR_ERR(d);
	*dp = d;
	return 0;
}

static int prepare_open(struct dentry *d, int oflag, int mode, struct mq_attr *attr)
{
	static const int oflag2acc[O_ACCMODE] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE };
	struct inode *dir = d->d_parent->d_inode;
	int err;

	if (!d->d_inode) {
		if (!(oflag & O_CREAT))
			return -ENOENT;
		err = permission(dir, MAY_WRITE | MAY_EXEC, NULL);
		if (err)
			return err;
		return mqueue_create_attr(d, mode & ~current->fs->umask, attr);
	}
	if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if ((oflag & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	return permission(d->d_inode, oflag2acc[oflag & O_ACCMODE], NULL);
}

static long do_mq_open(const char __user *u_name, int oflag, int mode, struct mq_attr *attr)
{
	struct dentry *d;
	struct file *f;
	char *name;
	int fd, err;

	name = getname(u_name);
	if (IS_ERR(name))
		return PTR_ERR(name);
	/* queue descriptors are always close-on-exec, as today's Linux makes them */
	fd = err = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		goto out_putname;
	err = mq_lookup(name, &d);
	if (err)
		goto out_putfd;
	err = prepare_open(d, oflag, mode, attr);
	if (err) {
		dput(d);
		goto out_putfd;
	}
	f = dentry_open(d, mntget(mqueue_mnt), oflag);
	err = PTR_ERR(f);
	if (IS_ERR(f))
		goto out_putfd;
	fd_install(fd, f);
	err = fd;
	goto out_putname;

out_putfd:
	put_unused_fd(fd);
out_putname:
	putname(name);
	return err;
}

long sys_mq_open(const char __user *name, int oflag, int mode, struct mq_attr __user *u_attr)
{
	struct mq_attr attr;

	/* the attributes matter, and are read, only with O_CREAT */
	if (!(oflag & O_CREAT))
		u_attr = NULL;
	if (u_attr && copy_from_user(&attr, u_attr, sizeof(attr)))
		return -EFAULT;
	return do_mq_open(name, oflag, mode, u_attr ? &attr : NULL);
}

/*
 * Only the owner of a queue (or of the sticky directory) may remove it. The
 * host's mq_unlink answers EACCES for anyone else, where unlink(2) in a
 * mount of the file system answers EPERM; vfs_unlink repeats the check.
 */
static int mq_may_unlink(struct inode *dir, struct inode *inode)
{
	if (!inode)
		return -ENOENT;
	if ((dir->i_mode & S_ISVTX) && inode->i_uid != current->fsuid &&
	    dir->i_uid != current->fsuid && !capable(CAP_FOWNER))
		return -EACCES;
	return 0;
}

long sys_mq_unlink(const char __user *u_name)
{
	struct dentry *d;
	char *name;
	int err;

	name = getname(u_name);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = mq_lookup(name, &d);
	if (err)
		goto out;
	err = mq_may_unlink(mqueue_mnt->mnt_root->d_inode, d->d_inode);
	if (!err)
		err = vfs_unlink(mqueue_mnt->mnt_root->d_inode, d);
	dput(d);
out:
	putname(name);
	return err;
}

/* ---- mq_notify, mq_getsetattr ---- */

/*
 * SIGEV_THREAD needs a netlink socket, the one glibc opens. There is no
 * netlink here, so the call fails as Linux's netlink_getsockbyfd would on
 * whatever sigev_signo names: EBADF, ENOTSOCK, or EINVAL for another family.
 */
static int mq_notify_thread(const struct sigevent *n)
{
	char cookie[NOTIFY_COOKIE_LEN];
	struct file *sock;
	int err;

	if (copy_from_user(cookie, n->sigev_value.sival_ptr, sizeof(cookie)))
		return -EFAULT;
	sock = n->sigev_signo < 0 ? NULL : fget(n->sigev_signo);
	if (!sock)
		return -EBADF;
	err = S_ISSOCK(file_inode(sock)->i_mode) ? -EINVAL : -ENOTSOCK;
	fput(sock);
	return err;
}

long sys_mq_notify(int mqdes, const struct sigevent __user *u_notification)
{
	struct mqueue_inode_info *info;
	struct sigevent n;
	struct inode *inode;
	struct file *f;
	int err;

	if (u_notification) {
		if (copy_from_user(&n, u_notification, sizeof(n)))
			return -EFAULT;
		if (n.sigev_notify != SIGEV_NONE && n.sigev_notify != SIGEV_SIGNAL &&
		    n.sigev_notify != SIGEV_THREAD)
			return -EINVAL;
		if (n.sigev_notify == SIGEV_SIGNAL &&
		    (n.sigev_signo < 0 || n.sigev_signo > _NSIG))
			return -EINVAL;
		if (n.sigev_notify == SIGEV_THREAD)
			return mq_notify_thread(&n);
	}
	f = mq_fget(mqdes, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	inode = file_inode(f);
	info = MQUEUE_I(inode);
	err = 0;
	spin_lock(&info->lock);
	if (!u_notification) {
		if (info->notify_owner == current->tgid) {
			remove_notification(info);
			inode->i_atime = inode->i_ctime = CURRENT_TIME;
		}
	} else if (info->notify_owner) {
		err = -EBUSY;
	} else {
		/* sigev_signo 0 registers but sends nothing, as Linux */
		memset(&info->notify, 0, sizeof(info->notify));
		info->notify.sigev_notify = n.sigev_notify;
		if (n.sigev_notify == SIGEV_SIGNAL) {
			info->notify.sigev_signo = n.sigev_signo;
			info->notify.sigev_value = n.sigev_value;
		}
		info->notify_owner = current->tgid;
		inode->i_atime = inode->i_ctime = CURRENT_TIME;
	}
	spin_unlock(&info->lock);
	fput(f);
	return err;
}

long sys_mq_getsetattr(int mqdes, const struct mq_attr __user *u_new,
		       struct mq_attr __user *u_old)
{
	struct mq_attr new, old;
	struct inode *inode;
	struct file *f;

	if (u_new && copy_from_user(&new, u_new, sizeof(new)))
		return -EFAULT;
	if (u_new && (new.mq_flags & ~O_NONBLOCK))
		return -EINVAL;
	f = mq_fget(mqdes, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	inode = file_inode(f);
	spin_lock(&MQUEUE_I(inode)->lock);	/* 2.6 changes f_flags under it too */
	old = MQUEUE_I(inode)->attr;
	old.mq_flags = f->f_flags & O_NONBLOCK;
	if (u_new) {
		/* only O_NONBLOCK, and only this descriptor's */
		if (new.mq_flags & O_NONBLOCK)
			f->f_flags |= O_NONBLOCK;
		else
			f->f_flags &= ~O_NONBLOCK;
		inode->i_atime = inode->i_ctime = CURRENT_TIME;
	}
	spin_unlock(&MQUEUE_I(inode)->lock);
	fput(f);
	if (u_old && copy_to_user(u_old, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- the shell's view ---- */

void mq_show_all(void)
{
	struct dentry *root = mqueue_mnt->mnt_root, *d;

	printk("------ POSIX Message Queues (/dev/mqueue) --------\n");
	printk("%-20s %-6s %-6s %-5s %-9s %-9s %-8s %-8s %s\n", "name", "owner", "group",
	       "perms", "messages", "bytes", "maxmsg", "msgsize", "waiting / notify");
	list_for_each_entry(d, &root->d_subdirs, d_child) {
		struct inode *inode = d->d_inode;
		struct mqueue_inode_info *info;
		struct ext_wait_queue *w;

		if (!inode || !S_ISREG(inode->i_mode))
			continue;
		info = MQUEUE_I(inode);
		printk("/%-19s %-6u %-6u %-5o %-9ld %-9lu %-8ld %-8ld",
		       (const char *)d->d_name.name, inode->i_uid, inode->i_gid,
		       inode->i_mode & 07777, info->attr.mq_curmsgs, info->qsize,
		       info->attr.mq_maxmsg, info->attr.mq_msgsize);
		list_for_each_entry(w, &info->e_wait_q[RECV], list)
			printk(" r%d", w->task->tgid);
		list_for_each_entry(w, &info->e_wait_q[SEND], list)
			printk(" s%d", w->task->tgid);
		if (!info->notify_owner)
			printk(" notify:none");
		else if (info->notify.sigev_notify == SIGEV_SIGNAL)
			printk(" notify:signal %d to %d", info->notify.sigev_signo,
			       info->notify_owner);
		else
			printk(" notify:none-event by %d", info->notify_owner);
		printk("\n");
	}
	printk("\n");
}

/*
 * ---- the wait-for graph: while the queue has a name any process may open
 * it; once unlinked, only the holders of an open description can send (or
 * receive) ----
 */

#include <kernel/waitgraph.h>

struct mq_end {
	struct inode *inode;
	mode_t mode;
};

static int mq_end_match(struct file *f, void *arg)
{
	struct mq_end *e = arg;

	return f->f_op == &mqueue_file_operations && file_inode(f) == e->inode &&
	       (f->f_mode & e->mode);
}

static void mq_waitgraph_scan(void)
{
	struct inode *inode;

	if (!mqueue_sb)
		return;
	list_for_each_entry(inode, &mqueue_sb->s_inodes, i_sb_list) {
		struct ext_wait_queue *e;
		char what[48];

		if (!S_ISREG(inode->i_mode))
			continue;
		for (int dir = SEND; dir <= RECV; dir++)
			list_for_each_entry(e, &MQUEUE_I(inode)->e_wait_q[dir], list) {
				struct mq_end end = { inode, dir == SEND ? FMODE_READ : FMODE_WRITE };
				struct wg_sleeper *s;

				snprintf(what, sizeof(what), "%s on mqueue inode %lu",
					 dir == SEND ? "mq_timedsend" : "mq_timedreceive", inode->i_ino);
				s = wg_add(e->task, what, dir == SEND ? "room in the queue" : "a message");
				if (!s)
					continue;
				if (inode->i_nlink) {
					wg_anyone(s, "any process may open the queue");
					continue;
				}
				s->role = dir == SEND ? "receiver" : "sender";
				s->advice = dir == SEND ? "the queue is unlinked and no one else has it open to read"
							: "the queue is unlinked and no one else has it open to write";
				snprintf(s->holds, sizeof(s->holds), "unlinked mqueue inode %lu open to %s",
					 inode->i_ino, dir == SEND ? "read" : "write");
				wg_file_holders(s, mq_end_match, &end);
			}
	}
}
WAITGRAPH_KIND(mqueue, mq_waitgraph_scan);

/*
 * fs/eventpoll.c - epoll (Linux: fs/eventpoll.c). An epoll instance hooks
 * one wait_queue_t per wait queue a watched file polls on, whose func is
 * ep_poll_callback: the file's own wake-up (__wake_up_common) puts the item
 * on the ready list and wakes epoll_wait, which then asks the file's poll
 * method what it has - nothing is polled in a loop. Level-triggered items go
 * back on the ready list after being reported; edge-triggered ones wait for
 * the next wake-up; one-shot ones are disabled until EPOLL_CTL_MOD.
 *
 * SMP: ep->lock (2.6's) guards the ready list and each item's event mask;
 * ep_poll_callback takes it inside the watched file's wake-up, so the
 * order is: the file's wait queue lock, then ep->lock, then ep->wq's and
 * ep->poll_wait's locks (the wake-ups ep_set_ready does under it; a nested
 * epoll's callback then takes the outer ep->lock). The item list and the
 * file's f_ep_links change in process context only (under the big kernel
 * lock) but are changed under ep->lock too. Hooks are added and removed
 * (the wait queues' own locks) outside it.
 */
#include <kernel/anon_inodes.h>
#include <kernel/errno.h>
#include <kernel/eventpoll.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/fcntl.h>

#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLINOUT_BITS	(EPOLLIN | EPOLLOUT)
#define EPOLLEXCLUSIVE_OK_BITS (EPOLLINOUT_BITS | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | \
				EPOLLET | EPOLLEXCLUSIVE)
#define EP_MAX_NESTS	4		/* epoll sets inside epoll sets, at most this deep */
#define EP_MAX_EVENTS	(0x7fffffff / sizeof(struct epoll_event))

struct eventpoll {
	spinlock_t lock;		/* rdllist, the items' events */
	wait_queue_head_t wq;		/* epoll_wait sleeps here */
	wait_queue_head_t poll_wait;	/* poll/select/epoll on the epoll fd itself */
	struct list_head rdllist;	/* items whose file woke us */
	struct list_head items;		/* every item (Linux keeps a red-black tree) */
	struct file *file;
};

struct epitem {
	struct list_head rbn;		/* in ep->items */
	struct list_head rdllink;	/* in ep->rdllist, or empty */
	struct list_head fllink;	/* in file->f_ep_links */
	struct list_head pwqlist;	/* its eppoll_entry hooks */
	struct eventpoll *ep;
	struct file *file;
	int fd;
	int nwait;			/* hooks made; -1 when one could not be */
	struct epoll_event event;
};

/* one hook on one wait queue of the watched file */
struct eppoll_entry {
	struct list_head llink;		/* in epi->pwqlist */
	struct epitem *base;
	wait_queue_t wait;		/* func = ep_poll_callback */
	wait_queue_head_t *whead;
};

/* the poll_table handed to the watched file's poll method at EPOLL_CTL_ADD */
struct ep_pqueue {
	poll_table pt;
	struct epitem *epi;
};

static const struct file_operations eventpoll_fops;

static int is_file_epoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* what the file has now, of what the item asks for */
static unsigned int ep_item_poll(struct epitem *epi)
{
	return epi->file->f_op->poll(epi->file, NULL) & epi->event.events;
}

/* ep->lock held */
static void ep_set_ready(struct eventpoll *ep, struct epitem *epi)
{
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	if (waitqueue_active(&ep->wq))
		__wake_up(&ep->wq, TASK_INTERRUPTIBLE, 1, NULL);
	if (waitqueue_active(&ep->poll_wait))
		__wake_up(&ep->poll_wait, TASK_INTERRUPTIBLE, 1, NULL);
}

/*
 * The watched file woke its wait queue (interrupts off, inside
 * __wake_up_common): mark the item ready. A disabled one-shot item (no
 * events left) stays quiet.
 */
static int ep_poll_callback(wait_queue_t *wait, unsigned int mode, int sync, void *key)
{
	struct eppoll_entry *pwq = container_of(wait, struct eppoll_entry, wait);
	struct epitem *epi = pwq->base;
	struct eventpoll *ep = epi->ep;
	unsigned long flags;
	int ret = 0;

	(void)mode;
	(void)sync;
	(void)key;
	spin_lock_irqsave(&ep->lock, flags);
	if (epi->event.events & ~EP_PRIVATE_BITS) {
		ep_set_ready(ep, epi);
		ret = 1;
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	return ret;
}

/* the watched file's poll method names a wait queue: hook it */
static void ep_ptable_queue_proc(struct file *file, wait_queue_head_t *whead, poll_table *pt)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	struct eppoll_entry *pwq;

	(void)file;
	if (epi->nwait < 0)
		return;
	pwq = kmalloc(sizeof(*pwq), GFP_KERNEL);
	if (!pwq) {
		epi->nwait = -1;
		return;
	}
	pwq->base = epi;
	pwq->whead = whead;
	pwq->wait.flags = 0;
	pwq->wait.task = NULL;
	pwq->wait.func = ep_poll_callback;
	if (epi->event.events & EPOLLEXCLUSIVE)
		add_wait_queue_exclusive(whead, &pwq->wait);
	else
		add_wait_queue(whead, &pwq->wait);
	list_add_tail(&pwq->llink, &epi->pwqlist);
	epi->nwait++;
}

static void ep_unregister_pollwait(struct epitem *epi)
{
	while (!list_empty(&epi->pwqlist)) {
		struct eppoll_entry *pwq = list_first_entry(&epi->pwqlist, struct eppoll_entry, llink);

		list_del(&pwq->llink);
		remove_wait_queue(pwq->whead, &pwq->wait);
		kfree(pwq);
	}
}

static void ep_remove(struct epitem *epi)
{
	struct eventpoll *ep = epi->ep;
	unsigned long flags;

	ep_unregister_pollwait(epi);
	spin_lock_irqsave(&ep->lock, flags);
	list_del(&epi->fllink);
	if (!list_empty(&epi->rdllink))
		list_del(&epi->rdllink);
	list_del(&epi->rbn);
	spin_unlock_irqrestore(&ep->lock, flags);
	kfree(epi);
}

static struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->items, rbn)
		if (epi->file == file && epi->fd == fd)
			return epi;
	return NULL;
}

static int ep_insert(struct eventpoll *ep, struct epoll_event *event, struct file *tfile, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi), GFP_KERNEL);
	struct ep_pqueue epq;
	unsigned int revents;
	unsigned long flags;

	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdllink);
	INIT_LIST_HEAD(&epi->pwqlist);
	epi->ep = ep;
	epi->file = tfile;
	epi->fd = fd;
	epi->event = *event;
	spin_lock_irqsave(&ep->lock, flags);
	list_add_tail(&epi->rbn, &ep->items);
	list_add_tail(&epi->fllink, &tfile->f_ep_links);
	spin_unlock_irqrestore(&ep->lock, flags);

	/* the file hooks us on its wait queues and says what it has already */
	epq.epi = epi;
	init_poll_funcptr(&epq.pt, ep_ptable_queue_proc);
	revents = tfile->f_op->poll(tfile, &epq.pt) & epi->event.events;
	if (epi->nwait < 0) {
		ep_remove(epi);
		return -ENOMEM;
	}
	if (revents) {
		spin_lock_irqsave(&ep->lock, flags);
		ep_set_ready(ep, epi);
		spin_unlock_irqrestore(&ep->lock, flags);
	}
	return 0;
}

static int ep_modify(struct eventpoll *ep, struct epitem *epi, struct epoll_event *event)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	epi->event = *event;
	spin_unlock_irqrestore(&ep->lock, flags);
	if (ep_item_poll(epi)) {
		spin_lock_irqsave(&ep->lock, flags);
		ep_set_ready(ep, epi);
		spin_unlock_irqrestore(&ep->lock, flags);
	}
	return 0;
}

/* would adding 'to' (an epoll file) under ep close a cycle, or nest too deep? */
static int ep_loop_check_proc(struct eventpoll *ep, struct eventpoll *to, int depth)
{
	struct epitem *epi;

	if (to == ep || depth > EP_MAX_NESTS)
		return -ELOOP;
	list_for_each_entry(epi, &to->items, rbn)
		if (is_file_epoll(epi->file) &&
		    ep_loop_check_proc(ep, epi->file->private_data, depth + 1))
			return -ELOOP;
	return 0;
}

/* the file is going away (its last fput): out of every epoll set that holds it */
void eventpoll_release_file(struct file *file)
{
	while (!list_empty(&file->f_ep_links))
		ep_remove(list_first_entry(&file->f_ep_links, struct epitem, fllink));
}

static int ep_eventpoll_release(struct inode *inode, struct file *file)
{
	struct eventpoll *ep = file->private_data;

	(void)inode;
	while (!list_empty(&ep->items))
		ep_remove(list_first_entry(&ep->items, struct epitem, rbn));
	kfree(ep);
	return 0;
}

/* an epoll fd is readable when an item it holds has an event to report */
static unsigned int ep_eventpoll_poll(struct file *file, poll_table *wait)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi;

	poll_wait(file, &ep->poll_wait, wait);
	/*
	 * Not under ep->lock: an item's poll may sleep on its file's mutex. A
	 * callback on another CPU only adds to the list's tail meanwhile; items
	 * leave it in process context, which the big kernel lock serializes.
	 */
	list_for_each_entry(epi, &ep->rdllist, rdllink)
		if (ep_item_poll(epi))
			return POLLIN | POLLRDNORM;
	return 0;
}

static const struct file_operations eventpoll_fops = {
	.release = ep_eventpoll_release,
	.poll = ep_eventpoll_poll,
	.llseek = no_llseek,
};

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	struct file *file;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	spin_lock_init(&ep->lock);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	INIT_LIST_HEAD(&ep->items);
	fd = anon_inode_getfd("[eventpoll]", &eventpoll_fops, ep, flags & O_CLOEXEC, &file);
	if (fd < 0) {
		kfree(ep);
		return fd;
	}
	ep->file = file;
	return fd;
}

long sys_epoll_create1(int flags)
{
	return do_epoll_create(flags);
}

long sys_epoll_create(int size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

/* Linux's checks, in Linux's order */
long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event __user *event)
{
	struct epoll_event epds;
	struct file *file, *tfile;
	struct eventpoll *ep;
	struct epitem *epi;
	long error;

	if (op != EPOLL_CTL_DEL && copy_from_user(&epds, event, sizeof(epds)))
		return -EFAULT;
	file = fget(epfd);
	if (!file)
		return -EBADF;
	error = -EBADF;
	tfile = fget(fd);
	if (!tfile)
		goto out_fput;
	error = -EPERM;
	if (!tfile->f_op || !tfile->f_op->poll)
		goto out_tfput;
	error = -EINVAL;
	if (file == tfile || !is_file_epoll(file))
		goto out_tfput;
	if (op != EPOLL_CTL_DEL && (epds.events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			goto out_tfput;
		if (op == EPOLL_CTL_ADD && (is_file_epoll(tfile) ||
					    (epds.events & ~EPOLLEXCLUSIVE_OK_BITS)))
			goto out_tfput;
	}
	ep = file->private_data;
	if (op == EPOLL_CTL_ADD && is_file_epoll(tfile)) {
		error = ep_loop_check_proc(ep, tfile->private_data, 1);
		if (error)
			goto out_tfput;
	}
	epi = ep_find(ep, tfile, fd);
	error = -EINVAL;
	switch (op) {
	case EPOLL_CTL_ADD:
		if (!epi) {
			epds.events |= EPOLLERR | EPOLLHUP;
			error = ep_insert(ep, &epds, tfile, fd);
		} else {
			error = -EEXIST;
		}
		break;
	case EPOLL_CTL_DEL:
		if (epi) {
			ep_remove(epi);
			error = 0;
		} else {
			error = -ENOENT;
		}
		break;
	case EPOLL_CTL_MOD:
		if (epi) {
			if (!(epi->event.events & EPOLLEXCLUSIVE)) {
				epds.events |= EPOLLERR | EPOLLHUP;
				error = ep_modify(ep, epi, &epds);
			}
		} else {
			error = -ENOENT;
		}
		break;
	}
out_tfput:
	fput(tfile);
out_fput:
	fput(file);
	return error;
}

/*
 * Report what the ready items have, at most maxevents. Each is taken off
 * the ready list and asked again (it may have nothing by now); a
 * level-triggered one that had something goes back on the list.
 */
static int ep_send_events(struct eventpoll *ep, struct epoll_event __user *events, int maxevents)
{
	LIST_HEAD(again);
	int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);

	while (n < maxevents && !list_empty(&ep->rdllist)) {
		struct epitem *epi = list_first_entry(&ep->rdllist, struct epitem, rdllink);
		struct epoll_event ev;

		list_del_init(&epi->rdllink);
		spin_unlock_irqrestore(&ep->lock, flags);
		ev.events = ep_item_poll(epi);
		ev.data = epi->event.data;
		spin_lock_irqsave(&ep->lock, flags);
		if (!ev.events)
			continue;
		spin_unlock_irqrestore(&ep->lock, flags);
		if (copy_to_user(&events[n], &ev, sizeof(ev))) {
			spin_lock_irqsave(&ep->lock, flags);
			if (list_empty(&epi->rdllink))
				list_add(&epi->rdllink, &ep->rdllist);
			if (!n)
				n = -EFAULT;
			break;
		}
		spin_lock_irqsave(&ep->lock, flags);
		n++;
		if (epi->event.events & EPOLLONESHOT)
			epi->event.events &= EP_PRIVATE_BITS;
		else if (!(epi->event.events & EPOLLET) && list_empty(&epi->rdllink))
			list_add_tail(&epi->rdllink, &again);
	}
	while (!list_empty(&again))
		list_move_tail(again.next, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
	return n;
}

/* timeout in ms, -1 for ever; -EINTR when a signal comes (never restarted) */
static long ep_poll(struct eventpoll *ep, struct epoll_event __user *events, int maxevents,
		    long timeout)
{
	long jtimeout = timeout < 0 ? MAX_SCHEDULE_TIMEOUT :
			timeout ? (long)msecs_to_jiffies(timeout) + 1 : 0;
	long res;
	DEFINE_WAIT(wait);

	for (;;) {
		for (;;) {
			prepare_to_wait_exclusive(&ep->wq, &wait, TASK_INTERRUPTIBLE);
			if (!list_empty(&ep->rdllist) || !jtimeout)
				break;
			if (signal_pending(current)) {
				finish_wait(&ep->wq, &wait);
				return -EINTR;
			}
			jtimeout = schedule_timeout(jtimeout);
		}
		finish_wait(&ep->wq, &wait);
		res = ep_send_events(ep, events, maxevents);
		/* the ready items had nothing after all: sleep on, time allowing */
		if (res || !jtimeout)
			return res;
	}
}

static long do_epoll_wait(int epfd, struct epoll_event __user *events, int maxevents,
			  int timeout)
{
	struct file *file;
	long error;

	if (maxevents <= 0 || (unsigned int)maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(events, maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	file = fget(epfd);
	if (!file)
		return -EBADF;
	error = -EINVAL;
	if (is_file_epoll(file))
		error = ep_poll(file->private_data, events, maxevents, timeout);
	fput(file);
	return error;
}

long sys_epoll_wait(int epfd, struct epoll_event __user *events, int maxevents, int timeout)
{
	return do_epoll_wait(epfd, events, maxevents, timeout);
}

/* epoll_wait under a temporary signal mask; after EINTR the handler runs under it too */
long sys_epoll_pwait(int epfd, struct epoll_event __user *events, int maxevents, int timeout,
		     const sigset_t __user *sigmask, size_t sigsetsize);

/*
 * epoll_pwait2 (Linux 5.11): the timeout a timespec64, NULL for ever; the
 * wait itself counts whole milliseconds, so it is rounded up to one.
 */
long sys_epoll_pwait2(int epfd, struct epoll_event __user *events, int maxevents,
		      const struct timespec64 __user *timeout, const sigset_t __user *sigmask,
		      size_t sigsetsize)
{
	struct timespec64 ts;
	int ms = -1;

	if (timeout) {
		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000LL)
			return -EINVAL;
		if (ts.tv_sec >= 0x7fffffffLL / 1000 - 1)
			ms = 0x7fffffff;	/* about 24 days: then look again, as for ever */
		else
			ms = (int)(ts.tv_sec * 1000 + (ts.tv_nsec + 999999) / 1000000);
	}
	return sys_epoll_pwait(epfd, events, maxevents, ms, sigmask, sigsetsize);
}

long sys_epoll_pwait(int epfd, struct epoll_event __user *events, int maxevents, int timeout,
		     const sigset_t __user *sigmask, size_t sigsetsize)
{
	sigset_t mask, saved;
	long error;

	if (sigmask) {
		error = copy_sigmask_from_user(&mask, sigmask, sigsetsize);
		if (error)
			return error;
		saved = current->blocked;
		set_current_blocked(&mask);
	}
	error = do_epoll_wait(epfd, events, maxevents, timeout);
	if (!sigmask)
		return error;
	if (error == -EINTR) {
		current->saved_sigmask = saved;
		set_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
	} else {
		set_current_blocked(&saved);
	}
	return error;
}

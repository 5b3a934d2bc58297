/*
 * fs/select.c - poll, select and their p- variants (Linux: fs/select.c).
 * Each call asks every file's poll method for its ready mask, queueing the
 * caller on each file's wait queues through the poll_table as it goes; if
 * nothing is ready it sleeps until one of those queues is woken, a signal
 * arrives or the timeout passes, then asks again.
 */
#include <kernel/poll.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>

struct poll_table_entry {
	struct file *filp;
	wait_queue_t wait;
	wait_queue_head_t *wait_address;
};

#define ENTRIES_PER_PAGE ((PAGE_SIZE - sizeof(void *) - sizeof(int)) / sizeof(struct poll_table_entry))

struct poll_table_page {
	struct poll_table_page *next;
	int used;
	struct poll_table_entry entries[ENTRIES_PER_PAGE];
};

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;
	int error;
};

static void __pollwait(struct file *filp, wait_queue_head_t *wq, poll_table *p)
{
	struct poll_wqueues *pwq = container_of(p, struct poll_wqueues, pt);
	struct poll_table_page *t = pwq->table;
	struct poll_table_entry *e;

	if (!t || t->used == (int)ENTRIES_PER_PAGE) {
		struct poll_table_page *n = (void *)__get_free_page(GFP_KERNEL);

		if (!n) {
			pwq->error = -ENOMEM;
			return;
		}
		n->used = 0;
		n->next = t;
		pwq->table = t = n;
	}
	e = &t->entries[t->used++];
	e->filp = get_file(filp);
	e->wait_address = wq;
	init_waitqueue_entry(&e->wait, current);
	add_wait_queue(wq, &e->wait);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	init_poll_funcptr(&pwq->pt, __pollwait);
	pwq->table = NULL;
	pwq->error = 0;
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *t = pwq->table;

	while (t) {
		struct poll_table_page *next = t->next;

		for (int i = 0; i < t->used; i++) {
			remove_wait_queue(t->entries[i].wait_address, &t->entries[i].wait);
			fput(t->entries[i].filp);
		}
		free_page((unsigned long)t);
		t = next;
	}
	pwq->table = NULL;
}

/* timeouts in jiffies; MAX_SCHEDULE_TIMEOUT for none, 0 to just look */
static long timespec_to_timeout(s64 sec, s64 nsec)
{
	u64 j;

	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (!sec && !nsec)
		return 0;
	j = (u64)sec * HZ + (nsec + NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ);
	return j >= MAX_SCHEDULE_TIMEOUT ? MAX_SCHEDULE_TIMEOUT - 1 : (long)j + 1;
}

static void timeout_left(long timeout, s64 *sec, s64 *nsec)
{
	/* not the jiffy timespec_to_timeout added to sleep at least as asked */
	timeout--;
	if (timeout < 0)
		timeout = 0;
	*sec = timeout / HZ;
	*nsec = (s64)(timeout % HZ) * (NSEC_PER_SEC / HZ);
}

/* ---- poll ---- */

struct pollfd {
	int fd;
	short events, revents;
};

static unsigned int do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	struct file *f;
	unsigned int mask;

	if (pfd->fd < 0) {
		pfd->revents = 0;
		return 0;
	}
	f = fget(pfd->fd);
	if (!f) {
		pfd->revents = POLLNVAL;
		return 1;
	}
	mask = f->f_op && f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
	fput(f);
	/* errors and hang-ups are reported whether asked for or not */
	mask &= pfd->events | POLLERR | POLLHUP;
	pfd->revents = mask;
	return mask != 0;
}

static int do_poll(struct pollfd *fds, unsigned int nfds, long *timeout)
{
	struct poll_wqueues table;
	poll_table *pt;
	int count = 0;

	poll_initwait(&table);
	pt = &table.pt;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		for (unsigned int i = 0; i < nfds; i++)
			if (do_pollfd(&fds[i], pt))
				count++;
		pt = NULL;	/* queued once is enough */
		if (count || !*timeout || signal_pending(current) || table.error)
			break;
		*timeout = schedule_timeout(*timeout);
	}
	__set_current_state(TASK_RUNNING);
	poll_freewait(&table);
	if (!count && table.error)
		return table.error;
	if (!count && signal_pending(current))
		return -EINTR;
	return count;
}

static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, long *timeout)
{
	struct pollfd *fds;
	long ret;

	if (nfds > current->rlim[RLIMIT_NOFILE].rlim_cur || nfds > NR_OPEN)
		return -EINVAL;
	fds = kmalloc(nfds ? nfds * sizeof(*fds) : 1, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		ret = -EFAULT;
		goto out;
	}
	ret = do_poll(fds, nfds, timeout);
	/* revents go back even when a signal cut the wait short, as Linux */
	for (unsigned int i = 0; i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents)) {
			ret = -EFAULT;
			break;
		}
out:
	kfree(fds);
	return ret;
}

/*
 * A poll cut short by a signal that runs no handler (SIGSTOP, then SIGCONT)
 * goes on for the time it had left: restart_block holds the fds and the
 * deadline in jiffies (Linux 2.6.24's do_restart_poll; 2.6.18 returned
 * EINTR). With a handler it is EINTR, whatever SA_RESTART says.
 */
static long poll_restartable(struct pollfd __user *ufds, unsigned int nfds, long timeout);

static long do_restart_poll(struct restart_block *rb)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if (rb->arg3) {
		timeout = (long)(rb->arg2 - jiffies);
		if (timeout < 0)
			timeout = 0;
	}
	return poll_restartable((struct pollfd __user *)rb->arg0, rb->arg1, timeout);
}

static long poll_restartable(struct pollfd __user *ufds, unsigned int nfds, long timeout)
{
	long ret = do_sys_poll(ufds, nfds, &timeout);

	if (ret == -EINTR) {
		struct restart_block *rb = &current->restart_block;

		rb->fn = do_restart_poll;
		rb->arg0 = (unsigned long)ufds;
		rb->arg1 = nfds;
		rb->arg3 = timeout != MAX_SCHEDULE_TIMEOUT;
		rb->arg2 = jiffies + (rb->arg3 ? timeout : 0);
		ret = -ERESTART_RESTARTBLOCK;
	}
	return ret;
}

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	long timeout = timeout_msecs < 0 ? MAX_SCHEDULE_TIMEOUT :
		       timeout_msecs ? (long)min(msecs_to_jiffies(timeout_msecs) + 1,
						 (unsigned long)MAX_SCHEDULE_TIMEOUT - 1) : 0;

	return poll_restartable(ufds, nfds, timeout);
}

static long set_user_sigmask(const sigset_t __user *umask, size_t size, sigset_t *saved)
{
	sigset_t mask;

	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	sigdelset(&mask, SIGKILL);
	sigdelset(&mask, SIGSTOP);
	*saved = current->blocked;
	set_current_blocked(&mask);
	return 1;
}

/* after a p- call: the old mask returns now, or after the handler if one runs */
static void restore_user_sigmask(int changed, sigset_t *saved, long ret)
{
	if (!changed)
		return;
	if (ret == -EINTR || ret == -ERESTARTNOHAND) {
		current->saved_sigmask = *saved;
		set_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
		return;
	}
	set_current_blocked(saved);
}

static long ppoll_common(struct pollfd __user *ufds, unsigned int nfds, s64 sec, s64 nsec,
			 int has_ts, const sigset_t __user *sigmask, size_t sigsetsize,
			 s64 *left_sec, s64 *left_nsec)
{
	long timeout = MAX_SCHEDULE_TIMEOUT, ret;
	sigset_t saved;
	int changed;

	if (has_ts) {
		timeout = timespec_to_timeout(sec, nsec);
		if (timeout < 0)
			return timeout;
	}
	changed = set_user_sigmask(sigmask, sigsetsize, &saved);
	if (changed < 0)
		return changed;
	ret = do_sys_poll(ufds, nfds, &timeout);
	if (ret == -EINTR)
		ret = -ERESTARTNOHAND;
	restore_user_sigmask(changed, &saved, ret);
	timeout_left(timeout, left_sec, left_nsec);
	return ret;
}

/* 32- or 64-bit struct timespec from user space, as the caller's ABI says */
static int get_ts(const void __user *uts, int is64, s64 *sec, s64 *nsec)
{
	struct timespec t32;
	struct timespec64 t64;

	if (is64) {
		if (copy_from_user(&t64, uts, sizeof(t64)))
			return -EFAULT;
		*sec = t64.tv_sec;
		*nsec = t64.tv_nsec;
		return 0;
	}
	if (copy_from_user(&t32, uts, sizeof(t32)))
		return -EFAULT;
	*sec = t32.tv_sec;
	*nsec = t32.tv_nsec;
	return 0;
}

static void put_ts(void __user *uts, int is64, s64 sec, s64 nsec)
{
	struct timespec t32 = { (long)sec, (long)nsec };
	struct timespec64 t64 = { sec, nsec };

	/* the time left is a courtesy: a fault here changes no result */
	if (is64)
		copy_to_user(uts, &t64, sizeof(t64));
	else
		copy_to_user(uts, &t32, sizeof(t32));
}

static long do_ppoll(struct pollfd __user *ufds, unsigned int nfds, void __user *tsp, int is64,
		     const sigset_t __user *sigmask, size_t sigsetsize)
{
	s64 sec = 0, nsec = 0, ls = 0, ln = 0;
	long ret;

	if (tsp && get_ts(tsp, is64, &sec, &nsec))
		return -EFAULT;
	ret = ppoll_common(ufds, nfds, sec, nsec, tsp != NULL, sigmask, sigsetsize, &ls, &ln);
	if (tsp && ret != -EFAULT && ret != -EINVAL)
		put_ts(tsp, is64, ls, ln);
	return ret;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct timespec __user *tsp,
	       const sigset_t __user *sigmask, size_t sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, 0, sigmask, sigsetsize);
}

long sys_ppoll_time64(struct pollfd __user *ufds, unsigned int nfds, struct timespec64 __user *tsp,
		      const sigset_t __user *sigmask, size_t sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, 1, sigmask, sigsetsize);
}

/* ---- select ---- */

#define POLLIN_SET  (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET  (POLLPRI)
#define FDS_BYTES(n) ((((n) + 31) / 32) * 4)

static int max_select_fd(int n, unsigned long *in, unsigned long *out, unsigned long *ex)
{
	for (int fd = 0; fd < n; fd++) {
		unsigned long bit = 1UL << (fd % 32);
		int w = fd / 32;
		struct file *f;

		if (!((in[w] | out[w] | ex[w]) & bit))
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		fput(f);
	}
	return 0;
}

static long do_select(int n, unsigned long *in, unsigned long *out, unsigned long *ex,
		      unsigned long *rin, unsigned long *rout, unsigned long *rex, long *timeout)
{
	struct poll_wqueues table;
	poll_table *pt;
	int retval = max_select_fd(n, in, out, ex);

	if (retval)
		return retval;
	poll_initwait(&table);
	pt = &table.pt;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		retval = 0;
		for (int fd = 0; fd < n; fd++) {
			unsigned long bit = 1UL << (fd % 32);
			int w = fd / 32;
			unsigned int mask;
			struct file *f;

			if (!((in[w] | out[w] | ex[w]) & bit))
				continue;
			f = fget(fd);
			if (!f)
				continue;
			mask = f->f_op && f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
			fput(f);
			if ((mask & POLLIN_SET) && (in[w] & bit)) {
				rin[w] |= bit;
				retval++;
			}
			if ((mask & POLLOUT_SET) && (out[w] & bit)) {
				rout[w] |= bit;
				retval++;
			}
			if ((mask & POLLEX_SET) && (ex[w] & bit)) {
				rex[w] |= bit;
				retval++;
			}
		}
		pt = NULL;
		if (retval || !*timeout || signal_pending(current) || table.error)
			break;
		*timeout = schedule_timeout(*timeout);
	}
	__set_current_state(TASK_RUNNING);
	poll_freewait(&table);
	if (!retval && table.error)
		return table.error;
	if (!retval && signal_pending(current))
		return -ERESTARTNOHAND;
	return retval;
}

static long core_sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
			    unsigned long __user *exp, long *timeout)
{
	size_t size;
	unsigned long *bits;
	long ret;

	if (n < 0)
		return -EINVAL;
	/* the table's size, not RLIMIT_NOFILE: an fd opened before the limit fell is seen */
	if ((unsigned int)n > current->files->fdt->max_fds)
		n = current->files->fdt->max_fds;
	size = FDS_BYTES(n);
	bits = kzalloc(6 * size + 4, GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	ret = -EFAULT;
	if ((inp && copy_from_user(bits, inp, size)) ||
	    (outp && copy_from_user((char *)bits + size, outp, size)) ||
	    (exp && copy_from_user((char *)bits + 2 * size, exp, size)))
		goto out;
	ret = do_select(n, bits, (void *)((char *)bits + size), (void *)((char *)bits + 2 * size),
			(void *)((char *)bits + 3 * size), (void *)((char *)bits + 4 * size),
			(void *)((char *)bits + 5 * size), timeout);
	if (ret < 0)
		goto out;
	if ((inp && copy_to_user(inp, (char *)bits + 3 * size, size)) ||
	    (outp && copy_to_user(outp, (char *)bits + 4 * size, size)) ||
	    (exp && copy_to_user(exp, (char *)bits + 5 * size, size)))
		ret = -EFAULT;
out:
	kfree(bits);
	return ret;
}

struct timeval_k {
	long tv_sec, tv_usec;
};

long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval_k __user *tvp);

/* select(82), i386's first: the five arguments in one block (Linux: sys_old_select) */
struct sel_arg_struct {
	unsigned long n;
	unsigned long __user *inp, *outp, *exp;
	struct timeval_k __user *tvp;
};

long sys_old_select(struct sel_arg_struct __user *arg)
{
	struct sel_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	return sys_select((int)a.n, a.inp, a.outp, a.exp, a.tvp);
}

long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval_k __user *tvp)
{
	struct timeval_k tv;
	long timeout = MAX_SCHEDULE_TIMEOUT, ret;
	s64 s, ns;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		/*
		 * Whole seconds in tv_usec move into tv_sec, as Linux's
		 * kern_select does; a negative part is EINVAL.
		 */
		timeout = timespec_to_timeout((s64)tv.tv_sec + tv.tv_usec / 1000000,
					      (s64)(tv.tv_usec % 1000000) * 1000);
		if (timeout < 0)
			return timeout;
	}
	ret = core_sys_select(n, inp, outp, exp, &timeout);
	if (tvp) {
		timeout_left(timeout, &s, &ns);
		tv.tv_sec = s;
		tv.tv_usec = ns / 1000;
		/*
		 * Linux's rule: the time left is written back only where it
		 * can be; a timeval in read-only memory does not turn a select
		 * that worked into EFAULT.
		 */
		(void)copy_to_user(tvp, &tv, sizeof(tv));
	}
	return ret;
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len } */
struct sigset_argpack {
	const sigset_t __user *p;
	size_t size;
};

static long pselect_common(int n, unsigned long __user *inp, unsigned long __user *outp,
			   unsigned long __user *exp, s64 sec, s64 nsec, int has_ts,
			   struct sigset_argpack __user *sig, s64 *ls, s64 *ln)
{
	struct sigset_argpack pack = { NULL, 0 };
	long timeout = MAX_SCHEDULE_TIMEOUT, ret;
	sigset_t saved;
	int changed;

	if (has_ts) {
		timeout = timespec_to_timeout(sec, nsec);
		if (timeout < 0)
			return timeout;
	}
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	changed = set_user_sigmask(pack.p, pack.size, &saved);
	if (changed < 0)
		return changed;
	ret = core_sys_select(n, inp, outp, exp, &timeout);
	restore_user_sigmask(changed, &saved, ret);
	timeout_left(timeout, ls, ln);
	return ret;
}

static long do_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		       unsigned long __user *exp, void __user *tsp, int is64,
		       struct sigset_argpack __user *sig)
{
	s64 sec = 0, nsec = 0, ls = 0, ln = 0;
	long ret;

	if (tsp && get_ts(tsp, is64, &sec, &nsec))
		return -EFAULT;
	ret = pselect_common(n, inp, outp, exp, sec, nsec, tsp != NULL, sig, &ls, &ln);
	if (tsp && ret != -EFAULT && ret != -EINVAL)
		put_ts(tsp, is64, ls, ln);
	return ret;
}

long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct timespec __user *tsp,
		  struct sigset_argpack __user *sig)
{
	return do_pselect6(n, inp, outp, exp, tsp, 0, sig);
}

long sys_pselect6_time64(int n, unsigned long __user *inp, unsigned long __user *outp,
			 unsigned long __user *exp, struct timespec64 __user *tsp,
			 struct sigset_argpack __user *sig)
{
	return do_pselect6(n, inp, outp, exp, tsp, 1, sig);
}

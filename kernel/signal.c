/*
 * kernel/signal.c - sending, blocking and accepting signals (Linux:
 * kernel/signal.c). A signal is recorded in the target's pending set (with
 * its siginfo, when memory allows) and the target is woken if it sleeps
 * interruptibly; it acts on it on its way back to user mode (boot/signal.c):
 * a handler, or the default action - ignore, stop, or terminate.
 *
 * SMP: sighand->siglock (2.6's) guards what senders and the receiver share:
 * the pending queues (the task's and its group's shared one), blocked,
 * TIF_SIGPENDING, the actions, and the group stop/exit state in
 * signal_struct. Senders run on any CPU and in interrupts (itimers, POSIX
 * timers, the tty's ^C), so it is taken with interrupts off. A sighand is
 * replaced only by exec, under the old one's lock: lock_task_sighand
 * re-checks. Order: tasklist_lock, then siglock, then a parent's siglock
 * (do_notify_parent_cldstop, skipped when the parent shares the sighand),
 * then wait queue and run queue locks. kmalloc/kfree (the cache's
 * list_lock) may be called under it.
 */
#include <kernel/signal.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/posix-timers.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <kernel/time.h>

#define M(sig) (1UL << ((sig) - 1))
#define SIG_KERNEL_IGNORE_MASK	(M(SIGCONT) | M(SIGCHLD) | M(SIGWINCH) | M(SIGURG))
#define SIG_KERNEL_STOP_MASK	(M(SIGSTOP) | M(SIGTSTP) | M(SIGTTIN) | M(SIGTTOU))
#define SIG_KERNEL_ONLY_MASK	(M(SIGKILL) | M(SIGSTOP))
#define sig_kernel_ignore(sig)	((sig) < SIGRTMIN && (SIG_KERNEL_IGNORE_MASK & M(sig)))
#define sig_kernel_stop(sig)	((sig) < SIGRTMIN && (SIG_KERNEL_STOP_MASK & M(sig)))
#define sig_kernel_only(sig)	((sig) < SIGRTMIN && (SIG_KERNEL_ONLY_MASK & M(sig)))
#define valid_signal(sig)	((unsigned long)(sig) <= _NSIG)
#define MAX_QUEUED_SIGNALS	1024	/* per task: RLIMIT_SIGPENDING's part */

DEFINE_SPINLOCK(tasklist_lock);

#define cur_siglock (&current->sighand->siglock)	/* only current's exec swaps it */

/* t's sighand, locked, interrupts off: it cannot be swapped by exec meanwhile */
static struct sighand_struct *lock_task_sighand(struct task_struct *t, unsigned long *flags)
{
	for (;;) {
		struct sighand_struct *sh = t->sighand;

		spin_lock_irqsave(&sh->siglock, *flags);
		if (sh == t->sighand)
			return sh;
		spin_unlock_irqrestore(&sh->siglock, *flags);
	}
}
static int __send_signal(int sig, siginfo_t *info, struct task_struct *t, int group);

static int sig_ignored(struct task_struct *t, int sig)
{
	void *handler;

	/* a blocked signal stays pending even if ignored: it may be unignored first */
	if (sigismember(&t->blocked, sig))
		return 0;
	handler = t->sighand->action[sig - 1].sa.sa_handler;
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

static int next_signal(struct sigpending *pending, sigset_t *mask)
{
	for (int w = 0; w < _NSIG_WORDS; w++) {
		unsigned long x = pending->signal.sig[w] & ~mask->sig[w];

		if (x)
			return w * 32 + __builtin_ctzl(x) + 1;
	}
	return 0;
}

static int has_pending_signals(sigset_t *signal, sigset_t *blocked)
{
	return (signal->sig[0] & ~blocked->sig[0]) || (signal->sig[1] & ~blocked->sig[1]);
}

/* t's siglock held */
void recalc_sigpending_tsk(struct task_struct *t)
{
	/* a group stop that counts on the thread is pending: it must come and stop */
	if ((t->jobctl & JOBCTL_STOP_PENDING) ||
	    has_pending_signals(&t->pending.signal, &t->blocked) ||
	    has_pending_signals(&t->signal->shared_pending.signal, &t->blocked))
		set_tsk_thread_flag(t, TIF_SIGPENDING);
	else
		clear_tsk_thread_flag(t, TIF_SIGPENDING);
}

void recalc_sigpending(void)
{
	unsigned long flags;

	spin_lock_irqsave(cur_siglock, flags);

	recalc_sigpending_tsk(current);
	spin_unlock_irqrestore(cur_siglock, flags);
}

/* current's blocked mask becomes *set, under the siglock senders read it by */
void set_current_blocked(const sigset_t *set)
{
	unsigned long flags;

	spin_lock_irqsave(cur_siglock, flags);
	current->blocked = *set;
	recalc_sigpending_tsk(current);
	spin_unlock_irqrestore(cur_siglock, flags);
}

/* drop every queued instance of the signals in mask */
static void rm_from_queue(unsigned long mask0, struct sigpending *s)
{
	struct sigqueue *q, *n;

	s->signal.sig[0] &= ~mask0;
	list_for_each_entry_safe(q, n, &s->list, list) {
		int sig = q->info.si_signo;

		if (sig < SIGRTMIN && (mask0 & M(sig))) {
			list_del(&q->list);
			kfree(q);
			s->count--;
		}
	}
}

/* the owner's siglock held, or the queue out of every sender's reach (a released group's) */
void flush_sigqueue(struct sigpending *queue)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &queue->list, list) {
		list_del(&q->list);
		kfree(q);
	}
	sigemptyset(&queue->signal);
	queue->count = 0;
}

void flush_signals(struct task_struct *t)
{
	unsigned long flags;

	lock_task_sighand(t, &flags);
	flush_sigqueue(&t->pending);
	clear_tsk_thread_flag(t, TIF_SIGPENDING);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

/*
 * exec: caught signals go back to their default; ignored ones stay ignored.
 * The alternate stack belonged to the old image and goes too (Linux clears it
 * when exec sets up the new program).
 */
void flush_signal_handlers(struct task_struct *t)
{
	sas_ss_reset(t);
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];

		if (ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		ka->sa.sa_restorer = NULL;
		sigemptyset(&ka->sa.sa_mask);
	}
}

static void signal_wake_up(struct task_struct *t, int resume)
{
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	/* SIGKILL and SIGCONT also get a stopped task going */
	try_to_wake_up(t, TASK_INTERRUPTIBLE | (resume ? TASK_STOPPED : 0), 0);
}

static int sig_user_defined(struct task_struct *t, int sig)
{
	void *handler = t->sighand->action[sig - 1].sa.sa_handler;

	return handler != SIG_IGN && handler != SIG_DFL;
}

/*
 * Tell a stopped or continued group's parent: SIGCHLD unless it ignores
 * SIGCHLD or said SA_NOCLDSTOP, and a wake-up for its wait4/waitid in any
 * case (Linux 2.6: do_notify_parent_cldstop). tsk's siglock held; the
 * parent's is taken too, unless the two share one (CLONE_SIGHAND).
 */
static void do_notify_parent_cldstop(struct task_struct *tsk, int why)
{
	struct task_struct *leader = tsk->group_leader, *parent = leader->real_parent;
	struct k_sigaction *psig = &parent->sighand->action[SIGCHLD - 1];
	siginfo_t info = { 0 };
	unsigned long ut, st;

	thread_group_times(leader, &ut, &st);
	info.si_signo = SIGCHLD;
	info.si_code = why;
	info.si_pid = leader->pid;
	info.si_uid = leader->uid;
	info.si_utime = ut;
	info.si_stime = st;
	info.si_status = why == CLD_CONTINUED ? SIGCONT : (leader->signal->group_exit_code & 0x7f);
	if (psig->sa.sa_handler != SIG_IGN && !(psig->sa.sa_flags & SA_NOCLDSTOP) &&
	    !(parent->flags & PF_KTHREAD)) {
		if (parent->sighand != tsk->sighand) {
			unsigned long flags;

			lock_task_sighand(parent, &flags);
			__send_signal(SIGCHLD, &info, parent, 1);
			spin_unlock_irqrestore(&parent->sighand->siglock, flags);
		} else {
			__send_signal(SIGCHLD, &info, parent, 1);
		}
	}
	wake_up_interruptible_all(&parent->wait_chldexit);
}

/*
 * What stop and continue signals do the moment they are sent, to the whole
 * group (Linux 2.6: handle_stop_signal). A stop signal cancels a pending
 * SIGCONT. SIGCONT cancels pending stops, wakes every stopped thread and
 * tells the parent: CLD_CONTINUED if the group had stopped, CLD_STOPPED if
 * a stop was still under way (as if it had finished just before; today's
 * Linux). SIGKILL undoes a stop that was taken but not yet carried out.
 */
static void handle_stop_signal(int sig, struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;
	int why = 0;

	if (signal->flags & SIGNAL_GROUP_EXIT)
		return;		/* the group is dying: stops and continues no longer matter */
	if (sig_kernel_stop(sig)) {
		rm_from_queue(M(SIGCONT), &signal->shared_pending);
		t = p;
		do {
			rm_from_queue(M(SIGCONT), &t->pending);
			t = next_thread(t);
		} while (t != p);
	} else if (sig == SIGCONT) {
		if (signal->flags & SIGNAL_STOP_STOPPED)
			why = CLD_CONTINUED;
		else if (signal->group_stop_count > 0)
			why = CLD_STOPPED;
		rm_from_queue(SIG_KERNEL_STOP_MASK, &signal->shared_pending);
		signal->group_stop_count = 0;
		t = p;
		do {
			unsigned int state = TASK_STOPPED;

			t->jobctl &= ~JOBCTL_STOP_PENDING;
			rm_from_queue(SIG_KERNEL_STOP_MASK, &t->pending);
			recalc_sigpending_tsk(t);
			/* a SIGCONT handler runs before the thread is back in its own code */
			if (sig_user_defined(t, SIGCONT) && !sigismember(&t->blocked, SIGCONT)) {
				set_tsk_thread_flag(t, TIF_SIGPENDING);
				state |= TASK_INTERRUPTIBLE;
			}
			try_to_wake_up(t, state, 0);
			t = next_thread(t);
		} while (t != p);
		if (why)
			do_notify_parent_cldstop(p, why);	/* reads the stop signal first */
		/* a continue not yet reported stays so; a stop taken but not done is off */
		signal->flags &= ~(SIGNAL_STOP_STOPPED | SIGNAL_STOP_DEQUEUED);
		if (why) {
			signal->flags |= SIGNAL_STOP_CONTINUED;
			signal->group_exit_code = 0;
		}
	} else if (sig == SIGKILL) {
		signal->flags &= ~SIGNAL_STOP_MASK;
		signal->group_stop_count = 0;
		t = p;
		do {
			t->jobctl &= ~JOBCTL_STOP_PENDING;
			t = next_thread(t);
		} while (t != p);
	}
}

/*
 * A process-directed signal waits on the group's queue; wake the thread that
 * should take it: t if it does not block it, else another thread that does
 * not (Linux 2.6: complete_signal). If all block it, it stays pending.
 */
static void complete_signal(int sig, struct task_struct *p)
{
	struct task_struct *t = p;

	if (sig == SIGKILL) {	/* the whole group dies now */
		if (!thread_group_empty(p) && !(p->signal->flags & SIGNAL_GROUP_EXIT)) {
			p->signal->flags = SIGNAL_GROUP_EXIT;	/* and no stop any more */
			p->signal->group_exit_code = SIGKILL;
			zap_other_threads(p);
		}
		signal_wake_up(p, 1);
		return;
	}
	do {
		if (!sigismember(&t->blocked, sig) && !(t->state & (EXIT_ZOMBIE | EXIT_DEAD)) &&
		    !(t->flags & PF_EXITING)) {
			signal_wake_up(t, sig == SIGCONT);
			return;
		}
		t = next_thread(t);
	} while (t != p);
}

/* interrupts off; group: onto the group's shared queue */
static int __send_signal(int sig, siginfo_t *info, struct task_struct *t, int group)
{
	struct sigqueue *q;
	struct sigpending *pending = group ? &t->signal->shared_pending : &t->pending;

	if (group && (t->state & EXIT_ZOMBIE) && !thread_group_empty(t))
		t = next_thread(t);	/* a zombie leader: its live threads take it */
	if (t->state & (EXIT_ZOMBIE | EXIT_DEAD))
		return 0;
	handle_stop_signal(sig, t);	/* thread-directed ones too: job control is the group's */
	if (sig_ignored(t, sig))
		return 0;
	/* a classic signal already pending is not queued twice */
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		return 0;
	q = NULL;
	if (pending->count < MAX_QUEUED_SIGNALS)
		q = kmalloc(sizeof(*q), GFP_KERNEL);
	else if (sig >= SIGRTMIN && info && info->si_code != SI_KERNEL)
		return -EAGAIN;		/* a real-time signal needs its siginfo queued */
	if (q) {
		pending->count++;
		if (info) {
			q->info = *info;
		} else {
			memset(&q->info, 0, sizeof(q->info));
			q->info.si_code = SI_KERNEL;
		}
		q->info.si_signo = sig;
		list_add_tail(&q->list, &pending->list);
	}
	sigaddset(&pending->signal, sig);
	if (group)
		complete_signal(sig, t);
	else if (!sigismember(&t->blocked, sig) || sig == SIGKILL)
		signal_wake_up(t, sig == SIGKILL || sig == SIGCONT);
	signalfd_notify();	/* fs/signalfd.c readers look again */
	return 0;
}

static int send_signal(int sig, siginfo_t *info, struct task_struct *t)
{
	return __send_signal(sig, info, t, 0);
}

static int do_send_sig_info(int sig, siginfo_t *info, struct task_struct *p, int group)
{
	unsigned long flags;
	int ret;

	if (!valid_signal(sig))
		return -EINVAL;
	if (!sig)
		return 0;
	lock_task_sighand(p, &flags);
	ret = __send_signal(sig, info, p, group);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return ret;
}

/* the same, p's siglock already held (an itimer's expiry under it) */
int __group_send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	return __send_signal(sig, info, p, 1);
}

/* to the one thread p, its siglock already held (a POSIX timer's SIGEV_THREAD_ID) */
int __send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	return __send_signal(sig, info, p, 0);
}

/* to the process (thread group) p belongs to, from the kernel: no permission check */
int group_send_sig_info_kernel(int sig, siginfo_t *info, struct task_struct *p)
{
	return do_send_sig_info(sig, info, p, 1);
}

/* to the one thread p */
int send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	return do_send_sig_info(sig, info, p, 0);
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	siginfo_t info = { 0 };

	info.si_signo = sig;
	info.si_code = priv ? SI_KERNEL : SI_USER;
	info.si_pid = priv ? 0 : current->tgid;
	info.si_uid = current->uid;
	return send_sig_info(sig, &info, p);
}

/* a fault the task cannot ignore or block: SIGSEGV from a bad access, say */
void force_sig_info(int sig, siginfo_t *info, struct task_struct *t)
{
	unsigned long flags;
	struct k_sigaction *ka;

	lock_task_sighand(t, &flags);
	ka = &t->sighand->action[sig - 1];
	if (ka->sa.sa_handler == SIG_IGN || sigismember(&t->blocked, sig)) {
		ka->sa.sa_handler = SIG_DFL;
		sigdelset(&t->blocked, sig);
		recalc_sigpending_tsk(t);
	}
	send_signal(sig, info, t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void force_sig(int sig, struct task_struct *p)
{
	siginfo_t info = { 0 };

	info.si_signo = sig;
	info.si_code = SI_KERNEL;
	force_sig_info(sig, &info, p);
}

/* may current send a signal to t? (Linux 2.6 check_kill_permission) */
static int check_kill_permission(int sig, struct task_struct *t)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (current->euid == 0)
		return 0;
	if (sig == SIGCONT && current->session == t->session)
		return 0;
	if ((current->euid ^ t->suid) && (current->euid ^ t->uid) &&
	    (current->uid ^ t->suid) && (current->uid ^ t->uid))
		return -EPERM;
	return 0;
}

static int group_send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	int ret = check_kill_permission(sig, p);

	/* kernel threads ignore every signal user space sends them */
	if (!ret && sig && !(p->flags & PF_KTHREAD))
		ret = group_send_sig_info_kernel(sig, info, p);
	return ret;
}

/* tkill/tgkill: to that one thread */
static int specific_send_sig_info(int sig, siginfo_t *info, struct task_struct *p)
{
	int ret = check_kill_permission(sig, p);

	if (!ret && sig && !(p->flags & PF_KTHREAD))
		ret = send_sig_info(sig, info, p);
	return ret;
}

int kill_pg_info(int sig, siginfo_t *info, pid_t pgrp)
{
	struct task_struct *p;
	int found = 0, err = -ESRCH;

	unsigned long flags;

	if (pgrp <= 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		int e;

		if (p->pgrp != pgrp || !thread_group_leader(p) || (p->state & EXIT_DEAD))
			continue;	/* once per process: a zombie leader's threads take it */
		if ((p->state & EXIT_ZOMBIE) && thread_group_empty(p))
			continue;
		e = group_send_sig_info(sig, info, p);
		if (!found || e == 0) {
			err = e;
			found = 1;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

int kill_proc_info(int sig, siginfo_t *info, pid_t pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	if (!p || p == &init_task || (p->state & EXIT_DEAD))
		return -ESRCH;
	return group_send_sig_info(sig, info, p);
}

static void fill_user_info(siginfo_t *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->si_pid = current->tgid;
	info->si_uid = current->uid;
}

/* kernel-internal senders (the tty's ^C, SIGIO): no permission checks */
int kill_pg(pid_t pgrp, int sig, int priv)
{
	siginfo_t info;
	struct task_struct *p;
	int ret = -ESRCH;

	unsigned long flags;

	fill_user_info(&info, sig, priv ? SI_KERNEL : SI_USER);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->pgrp == pgrp && thread_group_leader(p) && !(p->state & EXIT_DEAD) &&
		    !((p->state & EXIT_ZOMBIE) && thread_group_empty(p)))
			ret = group_send_sig_info_kernel(sig, &info, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

int kill_proc(pid_t pid, int sig, int priv)
{
	struct task_struct *p = find_task_by_pid(pid);
	siginfo_t info;

	if (!p || p == &init_task)
		return -ESRCH;
	fill_user_info(&info, sig, priv ? SI_KERNEL : SI_USER);
	return group_send_sig_info_kernel(sig, &info, p);
}

long sys_kill(int pid, int sig)
{
	siginfo_t info;
	struct task_struct *p;
	int count = 0, err = 0;

	if (!valid_signal(sig))
		return -EINVAL;
	fill_user_info(&info, sig, SI_USER);
	if (pid > 0)
		return kill_proc_info(sig, &info, pid);
	if (pid == 0)
		return kill_pg_info(sig, &info, current->pgrp);
	if (pid < -1)
		return kill_pg_info(sig, &info, -pid);
	/* -1: everyone we may signal but init and ourselves */
	list_for_each_entry(p, &task_list, tasks) {
		int e;

		if (p->pid <= 1 || p->tgid == current->tgid || (p->flags & PF_KTHREAD) ||
		    !thread_group_leader(p) || (p->state & EXIT_DEAD) ||
		    ((p->state & EXIT_ZOMBIE) && thread_group_empty(p)))
			continue;
		e = group_send_sig_info(sig, &info, p);
		count++;
		if (e != -EPERM)
			err = e;
	}
	return count ? err : -ESRCH;
}

long sys_tgkill(int tgid, int pid, int sig)
{
	struct task_struct *p;
	siginfo_t info;

	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (!p || p->tgid != tgid || (p->state & EXIT_DEAD))
		return -ESRCH;
	fill_user_info(&info, sig, SI_TKILL);
	return specific_send_sig_info(sig, &info, p);
}

long sys_tkill(int pid, int sig)
{
	struct task_struct *p;
	siginfo_t info;

	if (pid <= 0)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (!p || (p->state & EXIT_DEAD))
		return -ESRCH;
	fill_user_info(&info, sig, SI_TKILL);
	return specific_send_sig_info(sig, &info, p);
}

/* take the next deliverable signal off current's queue; 0 if none */
static int __dequeue_signal(struct sigpending *pending, sigset_t *mask, siginfo_t *info)
{
	int sig = next_signal(pending, mask);
	struct sigqueue *q, *first = NULL;
	int more = 0;

	if (!sig)
		return 0;
	list_for_each_entry(q, &pending->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = 1;
			break;
		}
		first = q;
	}
	if (!more)
		sigdelset(&pending->signal, sig);
	if (first) {
		*info = first->info;
		list_del(&first->list);
		kfree(first);
		pending->count--;
		if (info->si_code == SI_TIMER)
			posix_timer_dequeued(info);	/* its overrun count */
	} else {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
	return sig;
}

/* the thread's own signals first, then the group's */
int dequeue_signal(sigset_t *mask, siginfo_t *info)
{
	int sig = __dequeue_signal(&current->pending, mask, info);

	if (!sig)
		sig = __dequeue_signal(&current->signal->shared_pending, mask, info);
	recalc_sigpending_tsk(current);
	/* a stop taken now is carried out unless a SIGCONT or SIGKILL comes first */
	if (sig && sig_kernel_stop(sig) && !(current->signal->flags & SIGNAL_GROUP_EXIT))
		current->signal->flags |= SIGNAL_STOP_DEQUEUED;
	return sig;
}

/* may a stopped thread go on? Only once SIGCONT or SIGKILL ended the stop */
static int group_still_stopped(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT)
		return 0;
	if (sigismember(&tsk->pending.signal, SIGKILL) ||
	    sigismember(&sig->shared_pending.signal, SIGKILL))
		return 0;
	/* a new stop that counts on us: get_signal_to_deliver takes part in it */
	if (tsk->jobctl & JOBCTL_STOP_PENDING)
		return 0;
	return (sig->flags & SIGNAL_STOP_STOPPED) || sig->group_stop_count > 0;
}

/*
 * current has done its part of a group stop (state TASK_STOPPED, interrupts
 * off since flags were saved): the last thread to stop tells the parent;
 * then sleep until SIGCONT or SIGKILL (Linux 2.6: finish_stop). A wake-up
 * from anything else puts the thread back to sleep.
 */
static void finish_stop(int stop_count, unsigned long flags)
{
	struct signal_struct *sig = current->signal;

	if (stop_count == 0) {
		sig->flags = (sig->flags & ~SIGNAL_STOP_MASK) | SIGNAL_STOP_STOPPED;
		do_notify_parent_cldstop(current, CLD_STOPPED);
	}
	for (;;) {
		spin_unlock_irqrestore(cur_siglock, flags);
		schedule();
		spin_lock_irqsave(cur_siglock, flags);
		if (!group_still_stopped(current))
			break;
		current->state = TASK_STOPPED;
	}
	spin_unlock_irqrestore(cur_siglock, flags);
}

/*
 * A stop signal's default action: stop every thread of the group. The
 * first thread to take one counts the others that still run and wakes them
 * to stop too (group_stop_count); the last to stop completes it. Returns 0
 * when a SIGCONT or SIGKILL since the dequeue cancelled it (Linux 2.6:
 * do_signal_stop). Interrupts off (flags); they are back on when it returns 1.
 */
static int do_signal_stop(int signr, unsigned long flags)
{
	struct signal_struct *sig = current->signal;
	int stop_count;

	if (!(sig->flags & SIGNAL_STOP_DEQUEUED))
		return 0;
	if (current->jobctl & JOBCTL_STOP_PENDING) {
		/* another thread's stop counts on us: join it */
		current->jobctl &= ~JOBCTL_STOP_PENDING;
		stop_count = --sig->group_stop_count;
	} else if (sig->group_stop_count > 0) {
		stop_count = sig->group_stop_count;	/* under way without us: wait with it */
	} else {
		struct task_struct *t;

		sig->group_exit_code = signr;
		stop_count = 0;
		for (t = next_thread(current); t != current; t = next_thread(t))
			if (!(t->state & (EXIT_ZOMBIE | EXIT_DEAD | TASK_STOPPED)) &&
			    !(t->flags & PF_EXITING)) {
				stop_count++;
				t->jobctl |= JOBCTL_STOP_PENDING;
				signal_wake_up(t, 0);
			}
		sig->group_stop_count = stop_count;
	}
	current->state = TASK_STOPPED;
	finish_stop(stop_count, flags);
	return 1;
}

/* a group stop is under way and current has yet to stop (Linux 2.6: handle_group_stop) */
static int handle_group_stop(unsigned long flags)
{
	struct signal_struct *sig = current->signal;
	int stop_count;

	if (sig->flags & SIGNAL_GROUP_EXIT)
		return 0;	/* the group is dying: take the SIGKILL instead */
	current->jobctl &= ~JOBCTL_STOP_PENDING;
	stop_count = --sig->group_stop_count;
	current->state = TASK_STOPPED;
	finish_stop(stop_count, flags);
	return 1;
}

/*
 * A thread on its way out (do_exit): it will take no more signals. If a
 * group stop counts on it, it stops for the count's sake; the group's
 * pending signals it may have been woken for go to a thread that stays
 * (today's Linux: exit_signals).
 */
void exit_signals(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	unsigned long flags;

	spin_lock_irqsave(cur_siglock, flags);
	struct task_struct *t;

	tsk->flags |= PF_EXITING;
	if (thread_group_empty(tsk) || (sig->flags & SIGNAL_GROUP_EXIT))
		goto out;
	if ((tsk->jobctl & JOBCTL_STOP_PENDING) && !--sig->group_stop_count) {
		sig->flags = (sig->flags & ~SIGNAL_STOP_MASK) | SIGNAL_STOP_STOPPED;
		do_notify_parent_cldstop(tsk, CLD_STOPPED);
	}
	tsk->jobctl &= ~JOBCTL_STOP_PENDING;
	for (t = next_thread(tsk); t != tsk; t = next_thread(t)) {
		if (signal_pending(t) || (t->flags & PF_EXITING) ||
		    (t->state & (EXIT_ZOMBIE | EXIT_DEAD)))
			continue;
		recalc_sigpending_tsk(t);
		if (signal_pending(t))
			signal_wake_up(t, 0);
	}
out:
	spin_unlock_irqrestore(cur_siglock, flags);
}

/*
 * The next signal with a handler to run, with its action in *ka; default
 * actions are carried out here: ignore, stop the group, or end it. Runs with
 * interrupts off (Linux's siglock) except while stopped. Returns 0 when
 * nothing is left to do.
 */
int get_signal_to_deliver(siginfo_t *info, struct k_sigaction *return_ka)
{
	unsigned long flags;

relock:
	spin_lock_irqsave(cur_siglock, flags);
	for (;;) {
		struct k_sigaction *ka;
		int sig;

		if ((current->jobctl & JOBCTL_STOP_PENDING) && handle_group_stop(flags))
			goto relock;
		sig = dequeue_signal(&current->blocked, info);
		if (!sig)
			break;
		ka = &current->sighand->action[sig - 1];
		if (ka->sa.sa_handler == SIG_IGN)
			continue;
		if (ka->sa.sa_handler != SIG_DFL) {
			*return_ka = *ka;
			if (ka->sa.sa_flags & SA_RESETHAND)
				ka->sa.sa_handler = SIG_DFL;
			spin_unlock_irqrestore(cur_siglock, flags);
			return sig;
		}
		if (sig_kernel_ignore(sig))
			continue;
		if (current == child_reaper)
			continue;	/* init takes no default action, not even SIGKILL's */
		if (sig_kernel_stop(sig)) {
			/* job-control stops do nothing in an orphaned group; SIGSTOP always does */
			if (sig != SIGSTOP && is_orphaned_pgrp(current->pgrp))
				continue;
			if (do_signal_stop(sig, flags))
				goto relock;
			continue;	/* a SIGCONT got there first */
		}
		/* terminate the group; no core files are written, so the core bit stays clear */
		spin_unlock_irqrestore(cur_siglock, flags);
		do_group_exit(sig);
	}
	spin_unlock_irqrestore(cur_siglock, flags);
	return 0;
}

/* ---- the system calls ---- */

long do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
	struct k_sigaction *k;
	unsigned long flags;

	if (!valid_signal(sig) || sig < 1 || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &current->sighand->action[sig - 1];
	spin_lock_irqsave(cur_siglock, flags);
	if (oact)
		*oact = *k;
	if (act) {
		*k = *act;
		sigdelset(&k->sa.sa_mask, SIGKILL);
		sigdelset(&k->sa.sa_mask, SIGSTOP);
		/* POSIX: setting a pending signal to be ignored discards it */
		if (k->sa.sa_handler == SIG_IGN ||
		    (k->sa.sa_handler == SIG_DFL && sig_kernel_ignore(sig))) {
			if (sig < SIGRTMIN) {
				rm_from_queue(M(sig), &current->pending);
				rm_from_queue(M(sig), &current->signal->shared_pending);
			} else {
				struct sigqueue *q, *n;

				list_for_each_entry_safe(q, n, &current->pending.list, list)
					if (q->info.si_signo == sig) {
						list_del(&q->list);
						kfree(q);
						current->pending.count--;
					}
				sigdelset(&current->pending.signal, sig);
			}
			recalc_sigpending_tsk(current);
		}
	}
	spin_unlock_irqrestore(cur_siglock, flags);
	return 0;
}

long sys_rt_sigaction(int sig, const struct sigaction __user *act,
		      struct sigaction __user *oact, size_t sigsetsize)
{
	struct k_sigaction new_ka, old_ka;
	long ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new_ka.sa, act, sizeof(new_ka.sa)))
		return -EFAULT;
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact && copy_to_user(oact, &old_ka.sa, sizeof(old_ka.sa)))
		return -EFAULT;
	return ret;
}

/*
 * signal(48), the oldest way in: a handler that is reset on delivery and
 * does not block its own signal (SA_ONESHOT | SA_NOMASK); the old handler
 * back, as Linux's i386 sys_signal. glibc's signal() uses sigaction.
 */
long sys_signal(int sig, void __user *handler)
{
	struct k_sigaction new_ka, old_ka;
	long ret;

	memset(&new_ka, 0, sizeof(new_ka));
	new_ka.sa.sa_handler = handler;
	new_ka.sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	ret = do_sigaction(sig, &new_ka, &old_ka);
	return ret ? ret : (long)old_ka.sa.sa_handler;
}

long sys_sigaction(int sig, const struct old_sigaction __user *act,
		   struct old_sigaction __user *oact)
{
	struct k_sigaction new_ka, old_ka;
	struct old_sigaction o;
	long ret;

	if (act) {
		if (copy_from_user(&o, act, sizeof(o)))
			return -EFAULT;
		memset(&new_ka, 0, sizeof(new_ka));
		new_ka.sa.sa_handler = o.sa_handler;
		new_ka.sa.sa_flags = o.sa_flags;
		new_ka.sa.sa_restorer = o.sa_restorer;
		new_ka.sa.sa_mask.sig[0] = o.sa_mask;
	}
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact) {
		o.sa_handler = old_ka.sa.sa_handler;
		o.sa_flags = old_ka.sa.sa_flags;
		o.sa_restorer = old_ka.sa.sa_restorer;
		o.sa_mask = old_ka.sa.sa_mask.sig[0];
		if (copy_to_user(oact, &o, sizeof(o)))
			return -EFAULT;
	}
	return ret;
}

static long do_sigprocmask(int how, sigset_t *set, sigset_t *oldset)
{
	unsigned long flags;

	spin_lock_irqsave(cur_siglock, flags);

	if (oldset)
		*oldset = current->blocked;
	if (set) {
		sigdelset(set, SIGKILL);
		sigdelset(set, SIGSTOP);
		switch (how) {
		case SIG_BLOCK:
			current->blocked.sig[0] |= set->sig[0];
			current->blocked.sig[1] |= set->sig[1];
			break;
		case SIG_UNBLOCK:
			current->blocked.sig[0] &= ~set->sig[0];
			current->blocked.sig[1] &= ~set->sig[1];
			break;
		case SIG_SETMASK:
			current->blocked = *set;
			break;
		default:
			spin_unlock_irqrestore(cur_siglock, flags);
			return -EINVAL;
		}
		recalc_sigpending_tsk(current);
	}
	spin_unlock_irqrestore(cur_siglock, flags);
	return 0;
}

long sys_rt_sigprocmask(int how, sigset_t __user *set, sigset_t __user *oset, size_t sigsetsize)
{
	sigset_t new, old;
	long ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (set && copy_from_user(&new, set, sizeof(new)))
		return -EFAULT;
	if (set && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	ret = do_sigprocmask(how, set ? &new : NULL, &old);
	if (!ret && oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return ret;
}

long sys_sigprocmask(int how, unsigned long __user *set, unsigned long __user *oset)
{
	sigset_t new = current->blocked, old;
	unsigned long w;
	long ret;

	if (set) {
		if (get_user(w, set))
			return -EFAULT;
		new.sig[0] = w;
		new.sig[1] = 0;
		if (how == SIG_SETMASK)
			new.sig[1] = current->blocked.sig[1];
	}
	ret = do_sigprocmask(how, set ? &new : NULL, &old);
	if (!ret && oset && put_user(old.sig[0], oset))
		return -EFAULT;
	return ret;
}

long sys_rt_sigpending(sigset_t __user *set, size_t sigsetsize)
{
	sigset_t pending;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	/* the thread's own and the group's */
	for (int w = 0; w < 2; w++)
		pending.sig[w] = (current->pending.signal.sig[w] |
				  current->signal->shared_pending.signal.sig[w]) &
				 current->blocked.sig[w];
	return copy_to_user(set, &pending, sigsetsize) ? -EFAULT : 0;
}

long sys_sigpending(unsigned long __user *set)
{
	return put_user((current->pending.signal.sig[0] |
			 current->signal->shared_pending.signal.sig[0]) & current->blocked.sig[0], set);
}

/* a signal mask from user space: EINVAL for a wrong size; SIGKILL and SIGSTOP never in it */
int copy_sigmask_from_user(sigset_t *mask, const sigset_t __user *umask, size_t size)
{
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(mask, umask, sizeof(*mask)))
		return -EFAULT;
	sigdelset(mask, SIGKILL);
	sigdelset(mask, SIGSTOP);
	return 0;
}

/* sleep with a temporary mask; the old one returns when a handler has run */
long sys_rt_sigsuspend(sigset_t __user *unewset, size_t sigsetsize)
{
	sigset_t newset;
	unsigned long flags;
	int err = copy_sigmask_from_user(&newset, unewset, sigsetsize);

	if (err)
		return err;
	spin_lock_irqsave(cur_siglock, flags);
	current->saved_sigmask = current->blocked;
	current->blocked = newset;
	recalc_sigpending_tsk(current);
	spin_unlock_irqrestore(cur_siglock, flags);
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	set_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
	return -ERESTARTNOHAND;
}

long sys_sigsuspend(int history0, int history1, unsigned long mask)
{
	sigset_t set;

	(void)history0;
	(void)history1;
	set.sig[0] = mask;
	set.sig[1] = current->blocked.sig[1];
	sigdelset(&set, SIGKILL);
	sigdelset(&set, SIGSTOP);
	spin_lock_irq(cur_siglock);
	current->saved_sigmask = current->blocked;
	current->blocked = set;
	recalc_sigpending_tsk(current);
	spin_unlock_irq(cur_siglock);
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	set_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
	return -ERESTARTNOHAND;
}

long sys_pause(void)
{
	while (!signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	return -ERESTARTNOHAND;
}

/* the two layouts of the timeout differ only in how they are copied in */
static long do_sigtimedwait(const sigset_t __user *uthese, siginfo_t __user *uinfo,
			    const void __user *uts, size_t sigsetsize, int is64)
{
	sigset_t these;
	struct timespec64 ts;
	siginfo_t info;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	int sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	sigdelset(&these, SIGKILL);
	sigdelset(&these, SIGSTOP);
	these.sig[0] = ~these.sig[0];	/* dequeue_signal takes the mask of what to skip */
	these.sig[1] = ~these.sig[1];
	if (uts) {
		if (is64) {
			if (copy_from_user(&ts, uts, sizeof(ts)))
				return -EFAULT;
		} else {
			struct timespec t32;

			if (copy_from_user(&t32, uts, sizeof(t32)))
				return -EFAULT;
			ts.tv_sec = t32.tv_sec;
			ts.tv_nsec = t32.tv_nsec;
		}
		if (ts.tv_nsec >= 1000000000L || ts.tv_nsec < 0 || ts.tv_sec < 0)
			return -EINVAL;
		if (ts.tv_sec >= (MAX_SCHEDULE_TIMEOUT - 2000) / HZ)
			timeout = MAX_SCHEDULE_TIMEOUT - 1;
		else
			timeout = ts.tv_sec * HZ + (ts.tv_nsec + 999999) / 1000000 * HZ / 1000;
		if (!timeout && (ts.tv_sec || ts.tv_nsec))
			timeout = 1;
	}
	spin_lock_irq(cur_siglock);
	sig = dequeue_signal(&these, &info);
	if (!sig && timeout) {
		/* let the awaited signals wake us while we sleep, then block them again */
		current->real_blocked = current->blocked;
		current->blocked.sig[0] &= these.sig[0];
		current->blocked.sig[1] &= these.sig[1];
		recalc_sigpending_tsk(current);
		spin_unlock_irq(cur_siglock);
		set_current_state(TASK_INTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
		spin_lock_irq(cur_siglock);
		sig = dequeue_signal(&these, &info);
		current->blocked = current->real_blocked;
		recalc_sigpending_tsk(current);
	}
	spin_unlock_irq(cur_siglock);
	if (!sig)
		return timeout ? -EINTR : -EAGAIN;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

long sys_rt_sigtimedwait(const sigset_t __user *uthese, siginfo_t __user *uinfo,
			 const struct timespec __user *uts, size_t sigsetsize)
{
	return do_sigtimedwait(uthese, uinfo, uts, sigsetsize, 0);
}

long sys_rt_sigtimedwait_time64(const sigset_t __user *uthese, siginfo_t __user *uinfo,
				const struct timespec64 __user *uts, size_t sigsetsize)
{
	return do_sigtimedwait(uthese, uinfo, uts, sigsetsize, 1);
}

/* carry on with what an interrupted call left in restart_block; once only */
long sys_restart_syscall(void)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}

/* ---- sigaltstack: the alternate signal stack ---- */

/* sp is inside the alternate stack (which grows down from sas_ss_sp + size) */
int __on_sig_stack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

/* with SS_AUTODISARM the stack is off while its handler runs: never "on" it */
int on_sig_stack(unsigned long sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return 0;
	return __on_sig_stack(sp);
}

int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

void sas_ss_reset(struct task_struct *t)
{
	t->sas_ss_sp = 0;
	t->sas_ss_size = 0;
	t->sas_ss_flags = SS_DISABLE;
}

/*
 * Linux 2.6 do_sigaltstack, with today's flag rules: the mode is 0,
 * SS_ONSTACK (taken as 0) or SS_DISABLE, plus SS_AUTODISARM; nothing may
 * change while the task runs on the stack (sp is its user stack pointer).
 */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	struct task_struct *t = current;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = (void __user *)t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned long ss_sp = (unsigned long)ss->ss_sp;
		size_t ss_size = ss->ss_size;
		unsigned int ss_flags = ss->ss_flags, ss_mode = ss_flags & ~SS_FLAG_BITS;

		if (on_sig_stack(sp))
			return -EPERM;
		if (ss_mode != SS_DISABLE && ss_mode != SS_ONSTACK && ss_mode != 0)
			return -EINVAL;
		if (ss_mode == SS_DISABLE) {
			ss_size = 0;
			ss_sp = 0;
		} else if (ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		t->sas_ss_sp = ss_sp;
		t->sas_ss_size = ss_size;
		t->sas_ss_flags = ss_flags;
	}
	return 0;
}

/* the new stack is set even when oss then faults, as Linux */
long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uoss)
{
	stack_t new, old;
	long err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, task_pt_regs(current)->esp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

/* rt_sigreturn: the stack the frame recorded; only a fault in reading it counts */
int restore_altstack(const stack_t __user *uss)
{
	stack_t new;

	if (copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	do_sigaltstack(&new, NULL, task_pt_regs(current)->esp);
	return 0;
}

/*
 * rt_sigqueueinfo: a signal with the sender's own siginfo. Linux's rule:
 * nobody, not even root, may pass a kernel-made si_code (>= 0) or SI_TKILL
 * to another process - only negative codes, as sigqueue's SI_QUEUE.
 */
static long do_rt_sigqueueinfo(pid_t tgid, pid_t pid, int sig, siginfo_t __user *uinfo)
{
	struct task_struct *p;
	siginfo_t info;

	if (copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) && pid != current->tgid)
		return -EPERM;
	info.si_signo = sig;
	if (tgid < 0)
		return kill_proc_info(sig, &info, pid);
	/* rt_tgsigqueueinfo: to that thread alone, as tgkill (Linux: do_send_specific) */
	p = find_task_by_pid(pid);
	if (!p || p->tgid != tgid || p == &init_task || (p->state & EXIT_DEAD))
		return -ESRCH;
	return specific_send_sig_info(sig, &info, p);
}

long sys_rt_sigqueueinfo(int pid, int sig, siginfo_t __user *uinfo)
{
	return do_rt_sigqueueinfo(-1, pid, sig, uinfo);
}

long sys_rt_tgsigqueueinfo(int tgid, int pid, int sig, siginfo_t __user *uinfo)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_rt_sigqueueinfo(tgid, pid, sig, uinfo);
}

/*
 * ---- the wait-for graph: pause, sigsuspend and rt_sigtimedwait ----
 * Any process of the sleeper's uid (or root) may signal it, so such a task
 * is never called deadlocked; its parent (or, for a parent, a child whose
 * exit brings SIGCHLD) is named as a hint only. What it sleeps in is the
 * system call its saved registers show.
 */
#include <kernel/waitgraph.h>
#include <uapi/unistd.h>

static void signal_waitgraph_scan(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks) {
		long nr = p->mm ? task_pt_regs(p)->orig_eax : -1;
		const char *what = nr == __NR_pause ? "pause" :
				   nr == __NR_sigsuspend || nr == __NR_rt_sigsuspend ? "sigsuspend" :
				   nr == __NR_rt_sigtimedwait ? "rt_sigtimedwait" : NULL;
		struct wg_sleeper *s;

		if (!what || p->state != TASK_INTERRUPTIBLE)
			continue;
		s = wg_add(p, what, "a signal");
		if (!s)
			continue;
		/* holds is not used for a sleeper anyone can wake: it keeps the reason */
		if (timer_pending(&p->signal->real_timer))
			snprintf(s->holds, sizeof(s->holds), "an alarm is set");
		else if (p->uid)
			snprintf(s->holds, sizeof(s->holds), "any process of uid %u or root may signal it",
				 (unsigned int)p->uid);
		else
			snprintf(s->holds, sizeof(s->holds), "any root process may signal it");
		wg_anyone(s, s->holds);
		if (!list_empty(&p->children)) {
			s->hint = list_first_entry(&p->children, struct task_struct, sibling)->pid;
			s->hint_what = "a child (SIGCHLD)";
		} else if (p->parent) {
			s->hint = p->parent->pid;
			s->hint_what = "its parent";
		}
	}
}
WAITGRAPH_KIND(signal, signal_waitgraph_scan);

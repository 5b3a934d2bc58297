/*
 * include/kernel/signal.h - signal sets, pending queues and handlers
 * (kernel/signal.c, boot/signal.c). The user-visible numbers and structures
 * are in include/uapi/signal.h.
 */
#ifndef _KERNEL_SIGNAL_H
#define _KERNEL_SIGNAL_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/spinlock.h>
#include <uapi/signal.h>

struct task_struct;
struct pt_regs;

struct sigqueue {
	struct list_head list;
	siginfo_t info;
};

struct sigpending {
	struct list_head list;		/* queued siginfo */
	sigset_t signal;
	int count;			/* entries on list: bounded */
};

struct k_sigaction {
	struct sigaction sa;
};

struct sighand_struct {
	int count;
	spinlock_t siglock;		/* kernel/signal.c: the pending queues, blocked, actions */
	struct k_sigaction action[_NSIG];
};

static inline void sigaddset(sigset_t *s, int sig) { s->sig[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32); }
static inline void sigdelset(sigset_t *s, int sig) { s->sig[(sig - 1) / 32] &= ~(1UL << ((sig - 1) % 32)); }
static inline int sigismember(const sigset_t *s, int sig) { return (s->sig[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1; }
static inline void sigemptyset(sigset_t *s) { s->sig[0] = s->sig[1] = 0; }
static inline int sigisemptyset(const sigset_t *s) { return !(s->sig[0] | s->sig[1]); }
#define sigmask(sig) (1UL << ((sig) - 1))

int send_sig(int sig, struct task_struct *p, int priv);
int send_sig_info(int sig, siginfo_t *info, struct task_struct *p);
int kill_pg(pid_t pgrp, int sig, int priv);
int kill_proc(pid_t pid, int sig, int priv);
void force_sig(int sig, struct task_struct *p);
void force_sig_info(int sig, siginfo_t *info, struct task_struct *p);
void recalc_sigpending(void);
void set_current_blocked(const sigset_t *set);	/* and recalc, under the siglock */
/* the task list against interrupt-time walkers (kill_pg from the tty); kernel/signal.c */
extern spinlock_t tasklist_lock;
void flush_signals(struct task_struct *t);
void recalc_sigpending_tsk(struct task_struct *t);	/* t's siglock held */
int __group_send_sig_info(int sig, siginfo_t *info, struct task_struct *p);	/* p's siglock held */
int __send_sig_info(int sig, siginfo_t *info, struct task_struct *p);		/* p's siglock held */
struct sigpending;
void flush_sigqueue(struct sigpending *queue);
int group_send_sig_info_kernel(int sig, siginfo_t *info, struct task_struct *p);
void flush_signal_handlers(struct task_struct *t);
void do_signal(struct pt_regs *regs);
int dequeue_signal(sigset_t *mask, siginfo_t *info);
int kill_pg_info(int sig, siginfo_t *info, pid_t pgrp);
int kill_proc_info(int sig, siginfo_t *info, pid_t pid);
void exit_sighand(struct task_struct *t);
void exit_signals(struct task_struct *tsk);	/* do_exit: PF_EXITING, and its part of a group stop */
int copy_sigmask_from_user(sigset_t *mask, const sigset_t __user *umask, size_t size);
void signalfd_notify(void);	/* fs/signalfd.c: a signal was queued */

/* the alternate signal stack (sigaltstack) of current */
int __on_sig_stack(unsigned long sp);
int on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
void sas_ss_reset(struct task_struct *t);
int restore_altstack(const stack_t __user *uss);

#endif

/*
 * boot/signal.c - delivering a signal to user code on i386 (Linux:
 * arch/i386/kernel/signal.c). The interrupted registers go into a frame on
 * the user stack, the handler runs on top of it, and its return lands on a
 * few bytes of code in the frame itself that call sigreturn, which puts the
 * registers back. glibc 2.36 sets no SA_RESTORER, so that code (Linux 2.6's
 * "retcode") is always what the handler returns to.
 */
#include <kernel/bug.h>
#include <kernel/signal.h>
#include <kernel/desc.h>
#include <kernel/errno.h>
#include <kernel/i387.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/ptrace.h>
#include <kernel/sched.h>
#include <kernel/smp_lock.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/sigcontext.h>
#include <uapi/unistd.h>

int get_signal_to_deliver(siginfo_t *info, struct k_sigaction *return_ka);

struct ucontext {
	unsigned long uc_flags;
	struct ucontext __user *uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;
};

struct sigframe {
	char __user *pretcode;
	int sig;
	struct sigcontext sc;
	unsigned long extramask[_NSIG_WORDS - 1];
	char retcode[8];
	struct _fpstate fpstate;
};

struct rt_sigframe {
	char __user *pretcode;
	int sig;
	siginfo_t __user *pinfo;
	void __user *puc;
	siginfo_t info;
	struct ucontext uc;
	char retcode[8];
	struct _fpstate fpstate;
};

/* flags user code may change through sigreturn: AC OF DF TF SF ZF AF PF CF RF */
#define FIX_EFLAGS 0x00054dd5

static const u8 retcode_sigreturn[8] = {
	0x58,				/* popl %eax: drop the signal number */
	0xb8, __NR_sigreturn, 0, 0, 0,	/* movl $__NR_sigreturn, %eax */
	0xcd, 0x80,			/* int $0x80 */
};

static const u8 retcode_rt_sigreturn[8] = {
	0xb8, __NR_rt_sigreturn & 0xff, __NR_rt_sigreturn >> 8, 0, 0,	/* movl $173, %eax */
	0xcd, 0x80,			/* int $0x80 */
	0x00,
};

static int setup_sigcontext(struct sigcontext *sc, struct _fpstate __user *fp,
			    struct pt_regs *regs, unsigned long mask)
{
	struct task_struct *tsk = current;

	memset(sc, 0, sizeof(*sc));
	sc->gs = regs->xgs;
	sc->fs = regs->xfs;
	sc->es = regs->xes;
	sc->ds = regs->xds;
	sc->edi = regs->edi;
	sc->esi = regs->esi;
	sc->ebp = regs->ebp;
	sc->esp = regs->esp;
	sc->ebx = regs->ebx;
	sc->edx = regs->edx;
	sc->ecx = regs->ecx;
	sc->eax = regs->eax;
	/* the last trap's number, error code and fault address, as Linux leaves them */
	sc->trapno = tsk->thread.trap_no;
	sc->err = tsk->thread.error_code;
	sc->eip = regs->eip;
	sc->cs = regs->xcs;
	sc->eflags = regs->eflags;
	sc->esp_at_signal = regs->esp;
	sc->ss = regs->xss;
	sc->oldmask = mask;
	sc->cr2 = tsk->thread.cr2;
	sc->fpstate = fp;
	return save_i387(fp);
}

static int valid_tls_selector(unsigned int sel)
{
	unsigned int idx = sel >> 3;

	return (sel & 7) == 3 && idx >= GDT_ENTRY_TLS_MIN &&
	       idx < GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES;
}

static int restore_sigcontext(struct pt_regs *regs, struct sigcontext __user *usc,
			      unsigned long *peax)
{
	struct sigcontext sc;

	if (copy_from_user(&sc, usc, sizeof(sc)))
		return -EFAULT;
	/* user selectors only, whatever the frame says: the flat ones, or TLS */
	regs->xgs = valid_tls_selector(sc.gs) ? sc.gs : 0;
	regs->xfs = valid_tls_selector(sc.fs) ? sc.fs : 0;
	regs->xes = __USER_DS;
	regs->xds = __USER_DS;
	regs->edi = sc.edi;
	regs->esi = sc.esi;
	regs->ebp = sc.ebp;
	regs->esp = sc.esp;
	regs->ebx = sc.ebx;
	regs->edx = sc.edx;
	regs->ecx = sc.ecx;
	regs->eip = sc.eip;
	regs->xcs = __USER_CS;
	regs->xss = __USER_DS;
	regs->eflags = (regs->eflags & ~FIX_EFLAGS) | (sc.eflags & FIX_EFLAGS);
	regs->orig_eax = -1;		/* no more system-call restarting */
	if (sc.fpstate) {
		if (restore_i387(sc.fpstate))
			return -EFAULT;
	} else {
		fpu_reset_current();
	}
	*peax = sc.eax;
	return 0;
}

/*
 * Where the frame goes: below the interrupted stack pointer, or at the top of
 * the alternate stack for an SA_ONSTACK handler when the task is not on it
 * already (nested signals stay where they are). 16-byte aligned for the
 * handler, as the i386 ABI asks: (sp + 4) % 16 == 0. A frame that would not
 * fit on the alternate stack gets none (NULL), so that delivery fails and
 * the task dies of SIGSEGV rather than overrun whatever lies below the
 * stack (today's Linux; 2.6 let it run off).
 */
static void __user *get_sigframe(struct k_sigaction *ka, struct pt_regs *regs, size_t size)
{
	unsigned long sp = regs->esp;
	int nested = on_sig_stack(sp), entering = 0;

	if ((ka->sa.sa_flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		entering = 1;
	}
	sp -= size;
	sp = ((sp + 4) & -16UL) - 4;
	if ((nested || entering) && !__on_sig_stack(sp))
		return NULL;
	return (void __user *)sp;
}

static void set_sigmask_after(int sig, struct k_sigaction *ka)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	current->blocked.sig[0] |= ka->sa.sa_mask.sig[0];
	current->blocked.sig[1] |= ka->sa.sa_mask.sig[1];
	if (!(ka->sa.sa_flags & SA_NODEFER))
		sigaddset(&current->blocked, sig);
	recalc_sigpending_tsk(current);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

static void enter_handler(struct pt_regs *regs, void __user *frame, struct k_sigaction *ka)
{
	regs->esp = (unsigned long)frame;
	regs->eip = (unsigned long)ka->sa.sa_handler;
	regs->xds = __USER_DS;
	regs->xes = __USER_DS;
	regs->xss = __USER_DS;
	regs->xcs = __USER_CS;
	regs->eflags &= ~0x100;		/* no single-stepping into the handler */
	fpu_reset_current();		/* the handler starts with a clean FPU */
}

static int setup_frame(int sig, struct k_sigaction *ka, sigset_t *set, struct pt_regs *regs)
{
	struct sigframe __user *frame = get_sigframe(ka, regs, sizeof(struct sigframe));
	struct sigframe kf;

	if (!frame)
		return -EFAULT;
	memset(&kf, 0, sizeof(kf) - sizeof(kf.fpstate));
	kf.sig = sig;
	kf.extramask[0] = set->sig[1];
	memcpy(kf.retcode, retcode_sigreturn, sizeof(kf.retcode));
	kf.pretcode = (ka->sa.sa_flags & SA_RESTORER) ? ka->sa.sa_restorer : frame->retcode;
	if (setup_sigcontext(&kf.sc, &frame->fpstate, regs, set->sig[0]))
		return -EFAULT;
	if (copy_to_user(frame, &kf, offsetof(struct sigframe, fpstate)))
		return -EFAULT;
	enter_handler(regs, frame, ka);
	regs->eax = sig;
	regs->edx = 0;
	regs->ecx = 0;
	return 0;
}

static int setup_rt_frame(int sig, struct k_sigaction *ka, siginfo_t *info, sigset_t *set,
			  struct pt_regs *regs)
{
	struct rt_sigframe __user *frame = get_sigframe(ka, regs, sizeof(struct rt_sigframe));
	struct rt_sigframe kf;

	if (!frame)
		return -EFAULT;
	memset(&kf, 0, sizeof(kf) - sizeof(kf.fpstate));
	kf.sig = sig;
	kf.pinfo = &frame->info;
	kf.puc = &frame->uc;
	kf.info = *info;
	/* the alternate stack as set, for sigreturn to put back (SS_AUTODISARM) */
	kf.uc.uc_stack.ss_sp = (void __user *)current->sas_ss_sp;
	kf.uc.uc_stack.ss_size = current->sas_ss_size;
	kf.uc.uc_stack.ss_flags = current->sas_ss_flags;
	kf.uc.uc_sigmask = *set;
	memcpy(kf.retcode, retcode_rt_sigreturn, sizeof(kf.retcode));
	kf.pretcode = (ka->sa.sa_flags & SA_RESTORER) ? ka->sa.sa_restorer : frame->retcode;
	if (setup_sigcontext(&kf.uc.uc_mcontext, &frame->fpstate, regs, set->sig[0]))
		return -EFAULT;
	if (copy_to_user(frame, &kf, offsetof(struct rt_sigframe, fpstate)))
		return -EFAULT;
	enter_handler(regs, frame, ka);
	/* the arguments are on the stack; also in registers for regparm handlers */
	regs->eax = sig;
	regs->edx = (unsigned long)&frame->info;
	regs->ecx = (unsigned long)&frame->uc;
	return 0;
}

static void handle_signal(int sig, siginfo_t *info, struct k_sigaction *ka,
			  sigset_t *oldset, struct pt_regs *regs)
{
	int err;

	/* a system call interrupted by this signal: EINTR, or run it again */
	if (regs->orig_eax >= 0) {
		switch (regs->eax) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
			regs->eax = -EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ka->sa.sa_flags & SA_RESTART)) {
				regs->eax = -EINTR;
				break;
			}
			/* fall through */
		case -ERESTARTNOINTR:
			regs->eax = regs->orig_eax;
			regs->eip -= 2;
		}
	}
	if (ka->sa.sa_flags & SA_SIGINFO)
		err = setup_rt_frame(sig, ka, info, oldset, regs);
	else
		err = setup_frame(sig, ka, oldset, regs);
	if (err) {
		/* no room for the frame: the process cannot go on (Linux: force_sigsegv) */
		if (sig == SIGSEGV)
			current->sighand->action[SIGSEGV - 1].sa.sa_handler = SIG_DFL;
		force_sig(SIGSEGV, current);
		return;
	}
	set_sigmask_after(sig, ka);
	/* the frame holds the stack as it was; sigreturn re-arms it */
	if (current->sas_ss_flags & SS_AUTODISARM)
		sas_ss_reset(current);
}

void do_signal(struct pt_regs *regs)
{
	struct k_sigaction ka;
	siginfo_t info;
	sigset_t *oldset;
	int sig;

	if (!user_mode(regs))
		return;
	oldset = test_tsk_thread_flag(current, TIF_RESTORE_SIGMASK) ?
		&current->saved_sigmask : &current->blocked;
	sig = get_signal_to_deliver(&info, &ka);
	if (sig > 0) {
		sigset_t old = *oldset;

		handle_signal(sig, &info, &ka, &old, regs);
		clear_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
		return;
	}
	recalc_sigpending();	/* nothing deliverable: the flag must not keep us looping */
	/* no handler ran: a restartable call simply starts over */
	if (regs->orig_eax >= 0) {
		if (regs->eax == -ERESTARTNOHAND || regs->eax == -ERESTARTSYS ||
		    regs->eax == -ERESTARTNOINTR) {
			regs->eax = regs->orig_eax;
			regs->eip -= 2;
		} else if (regs->eax == -ERESTART_RESTARTBLOCK) {
			regs->eax = __NR_restart_syscall;
			regs->eip -= 2;
		}
	}
	if (test_tsk_thread_flag(current, TIF_RESTORE_SIGMASK)) {
		clear_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
		current->blocked = current->saved_sigmask;
		recalc_sigpending();
	}
}

static void set_blocked(sigset_t *set)
{
	unsigned long flags;

	sigdelset(set, SIGKILL);
	sigdelset(set, SIGSTOP);
	spin_lock_irqsave(&current->sighand->siglock, flags);
	current->blocked = *set;
	recalc_sigpending_tsk(current);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

/* the handler's return: its "ret" took pretcode, retcode's "popl" took sig */
long sys_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct sigframe __user *frame = (struct sigframe __user *)(regs->esp - 8);
	unsigned long eax;
	sigset_t set;

	if (copy_from_user(&set.sig[0], &frame->sc.oldmask, sizeof(long)) ||
	    copy_from_user(&set.sig[1], &frame->extramask, sizeof(long)))
		goto badframe;
	set_blocked(&set);
	if (restore_sigcontext(regs, &frame->sc, &eax))
		goto badframe;
	return eax;
badframe:
	force_sig(SIGSEGV, current);
	return 0;
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe __user *frame = (struct rt_sigframe __user *)(regs->esp - 4);
	unsigned long eax;
	sigset_t set;

	if (copy_from_user(&set, &frame->uc.uc_sigmask, sizeof(set)))
		goto badframe;
	set_blocked(&set);
	if (restore_sigcontext(regs, &frame->uc.uc_mcontext, &eax))
		goto badframe;
	if (restore_altstack(&frame->uc.uc_stack))
		goto badframe;
	return eax;
badframe:
	force_sig(SIGSEGV, current);
	return 0;
}

/*
 * The last stop before iret to user mode, entered with interrupts off:
 * reschedule while asked to, deliver pending signals, and leave with
 * interrupts off again and the big kernel lock dropped.
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		unsigned long work = current_thread_info()->flags;

		if (work & (1UL << TIF_NEED_RESCHED)) {
			sti();
			schedule();
			cli();
			continue;
		}
		if (work & ((1UL << TIF_SIGPENDING) | (1UL << TIF_RESTORE_SIGMASK))) {
			/*
			 * Until none is left, as 2.6's work_pending loop does: a
			 * handler frame each, or a default action - the SIGSEGV
			 * forced when a frame could not be written included.
			 * Under the big kernel lock, which an interrupt from user
			 * mode arrives without.
			 */
			sti();
			if (!kernel_locked())
				lock_kernel();
			do_signal(regs);
			cli();
			continue;
		}
		break;
	}
	unlock_kernel_all();	/* user code runs without the BKL */
#if defined(CONFIG_DEBUG_SPINLOCK_SLEEP) || defined(CONFIG_DEBUG_STACKOVERFLOW)
	user_return_checks(regs);
#endif
}

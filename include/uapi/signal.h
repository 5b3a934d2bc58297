/* include/uapi/signal.h - Linux i386 signal numbers and structures (asm-i386/signal.h, siginfo.h). */
#ifndef _UAPI_SIGNAL_H
#define _UAPI_SIGNAL_H

#define _NSIG		64
#define _NSIG_WORDS	2

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_RESTORER	0x04000000

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SIG_DFL		((void *)0)
#define SIG_IGN		((void *)1)
#define SIG_ERR		((void *)-1)

typedef struct {
	unsigned long sig[_NSIG_WORDS];
} sigset_t;

/* the kernel's struct sigaction for rt_sigaction (i386) */
struct sigaction {
	void *sa_handler;
	unsigned long sa_flags;
	void *sa_restorer;
	sigset_t sa_mask;
};

/* the old one for sigaction(67) */
struct old_sigaction {
	void *sa_handler;
	unsigned long sa_mask;
	unsigned long sa_flags;
	void *sa_restorer;
};

typedef union sigval {
	int sival_int;
	void *sival_ptr;
} sigval_t;

#define SI_MAX_SIZE 128

typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[SI_MAX_SIZE / sizeof(int) - 3];
		struct {		/* kill */
			int _pid;
			unsigned int _uid;
		} _kill;
		struct {		/* SIGCHLD */
			int _pid;
			unsigned int _uid;
			int _status;
			long _utime, _stime;
		} _sigchld;
		struct {		/* SIGSEGV, SIGBUS, SIGFPE, SIGILL */
			void *_addr;
		} _sigfault;
		struct {		/* SIGIO */
			long _band;
			int _fd;
		} _sigpoll;
		struct {		/* POSIX timers, sigqueue */
			int _tid;
			int _overrun;
			sigval_t _sigval;
		} _timer;
	} _sifields;
} siginfo_t;

#define si_pid		_sifields._kill._pid
#define si_uid		_sifields._kill._uid
#define si_status	_sifields._sigchld._status
#define si_utime	_sifields._sigchld._utime
#define si_stime	_sifields._sigchld._stime
#define si_addr		_sifields._sigfault._addr
#define si_band		_sifields._sigpoll._band
#define si_fd		_sifields._sigpoll._fd
#define si_tid		_sifields._timer._tid
#define si_overrun	_sifields._timer._overrun
#define si_value	_sifields._timer._sigval
#define si_int		_sifields._timer._sigval.sival_int
#define si_ptr		_sifields._timer._sigval.sival_ptr

#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	-1	/* sigqueue */
#define SI_TIMER	-2	/* a POSIX timer expired */
#define SI_MESGQ	-3
#define SI_ASYNCIO	-4
#define SI_SIGIO	-5
#define SI_TKILL	-6

/* how a POSIX timer tells of its expiry (timer_create) */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2	/* glibc's: to the kernel, a signal */
#define SIGEV_THREAD_ID	4	/* a signal to one thread */
#define SIGEV_MAX_SIZE	64

typedef struct sigevent {
	sigval_t sigev_value;
	int sigev_signo;
	int sigev_notify;
	union {
		int _pad[SIGEV_MAX_SIZE / sizeof(int) - 3];
		int _tid;
	} _sigev_un;
} sigevent_t;
#define sigev_notify_thread_id	_sigev_un._tid
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_STOPPED	5
#define CLD_CONTINUED	6
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define ILL_ILLOPC	1	/* SIGILL */
#define ILL_ILLOPN	2
#define ILL_BADSTK	8
#define FPE_INTDIV	1	/* SIGFPE */
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define FPE_FLTSUB	8
#define BUS_ADRALN	1	/* SIGBUS */
#define BUS_ADRERR	2
#define TRAP_BRKPT	1	/* SIGTRAP */
#define TRAP_TRACE	2
#define TRAP_HWBKPT	4
#define POLL_IN		1
#define POLL_OUT	2
#define POLL_HUP	6

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	unsigned int ss_size;
} stack_t;

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)	/* today's Linux: disarm while a handler runs on it */
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

#endif

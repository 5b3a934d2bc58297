/*
 * include/kernel/sched.h - tasks and the scheduler (kernel/sched.c,
 * kernel/fork.c, kernel/exit.c). As in Linux 2.6 i386, each task has an
 * 8 KiB kernel stack with its thread_info at the bottom, so 'current' is
 * found from the stack pointer alone.
 */
#ifndef _KERNEL_SCHED_H
#define _KERNEL_SCHED_H

#include <kernel/types.h>
#include <kernel/cpumask.h>
#include <kernel/list.h>
#include <kernel/ptrace.h>
#include <kernel/signal.h>
#include <kernel/wait.h>
#include <kernel/timer.h>
#include <uapi/resource.h>

#define THREAD_SIZE	8192

/* task states: the bits try_to_wake_up matches against a wake-up's mode */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_STOPPED		4
#define EXIT_ZOMBIE		16
#define EXIT_DEAD		32

/* thread_info flags */
#define TIF_SIGPENDING		1
#define TIF_NEED_RESCHED	2
#define TIF_RESTORE_SIGMASK	3	/* sigsuspend: put saved_sigmask back on the way out */

/* task flags */
#define PF_EXITING	0x00000004
#define PF_TO_REAPER	0x00000008	/* ours: a kernel thread's child it did not start */
#define PF_DEAD		0x00000010	/* self-reaped: freed after its last switch (2.6.10's PF_DEAD) */
#define PF_KTHREAD	0x00200000

#define NGROUPS_MAX	32
#define TASK_COMM_LEN	16

/* scheduling policies (sched_setscheduler) */
#define SCHED_NORMAL		0
#define SCHED_FIFO		1
#define SCHED_RR		2
#define SCHED_BATCH		3
#define SCHED_IDLE		5
#define SCHED_DEADLINE		6
#define SCHED_RESET_ON_FORK	0x40000000

/* O(1) scheduler priorities: 0..99 real time, 100..139 nice -20..19 */
#define MAX_RT_PRIO	100
#define MAX_PRIO	(MAX_RT_PRIO + 40)
#define NICE_TO_PRIO(n)	(MAX_RT_PRIO + (n) + 20)
#define PRIO_TO_NICE(p)	((p) - MAX_RT_PRIO - 20)
#define rt_task(p)	((p)->prio < MAX_RT_PRIO)

#define KERNEL_DS	0xFFFFFFFFUL	/* every address passes access_ok */
#define USER_DS		0xC0000000UL	/* PAGE_OFFSET: user addresses only */

struct task_struct;
struct mm_struct;
struct fs_struct;
struct files_struct;
struct sem_undo_list;
struct prio_array;
struct vfork_done;

/* the tasks one user (real uid) owns, for RLIMIT_NPROC (kernel/user.c) */
struct user_struct {
	int count;			/* references: its tasks, and callers */
	int processes;			/* tasks with this real uid, zombies included */
	uid_t uid;
	struct list_head uidhash;
};

struct thread_info {
	struct task_struct *task;
	unsigned long flags;		/* TIF_* */
	unsigned long addr_limit;	/* USER_DS, or KERNEL_DS inside set_fs() */
	int cpu;			/* the CPU it runs on: smp_processor_id() */
};

union thread_union {
	struct thread_info info;
	unsigned long stack[THREAD_SIZE / sizeof(unsigned long)];
};

struct desc_struct;

/* the FPU/SSE registers as fxsave stores them */
union i387_union {
	u8 fxsave[512];
	u32 words[128];
} __aligned(16);

struct thread_struct {
	unsigned long esp;		/* kernel stack pointer while switched out */
	unsigned long esp0;		/* top of its kernel stack, for the TSS */
	struct { u32 a, b; } tls_array[3];	/* GDT entries 6-8 while it runs */
	unsigned long cr2, trap_no, error_code;	/* the last fault, for signals */
	union i387_union i387;
};

/*
 * A call interrupted with -ERESTART_RESTARTBLOCK and no handler to run goes
 * on through restart_syscall, which calls fn with what the call saved here
 * (Linux: include/linux/restart_block.h; poll's remaining time).
 */
struct restart_block {
	long (*fn)(struct restart_block *);
	unsigned long arg0, arg1, arg2, arg3;
};

/*
 * What the threads of one group share (Linux: struct signal_struct): the
 * process-directed signal queue and how the group is ending.
 */
#define SIGNAL_GROUP_EXIT	0x8	/* exit_group, a fatal signal or exec is killing the group */
struct signal_struct {
	int count;			/* tasks pointing here, zombie leader included */
	int live;			/* threads that have not yet exited */
	struct sigpending shared_pending;
	int flags;			/* SIGNAL_GROUP_EXIT, SIGNAL_STOP_* */
	int group_exit_code;		/* wait status for the whole group; the stop signal while stopped */
	struct task_struct *group_exit_task;	/* exec's de_thread waits for the others */
	/* group stop and exec's wait (threads session, issue 16) */
	int group_stop_count;		/* threads that have yet to stop for a group stop */
	int notify_count;		/* de_thread: threads to release before group_exit_task wakes;
					 * -1: waiting for the leader to become a zombie */
	unsigned long utime, stime;	/* ticks of its threads already released */
	/*
	 * The process's timers (Linux: signal_struct's), shared by its threads:
	 * kernel/itimer.c's interval timers, in ns, a zero value disarmed, and
	 * kernel/posix-timers.c's POSIX timers. Their signals go to the group.
	 */
	struct task_struct *tsk;	/* a thread to address the group by: the leader (2.6.18's) */
	u64 it_real_value, it_real_incr;	/* CLOCK_MONOTONIC expiry, interval */
	s64 it_virt_value, it_virt_incr;	/* user CPU time of the group left, interval */
	s64 it_prof_value, it_prof_incr;	/* user+system CPU time left, interval */
	struct timer_list real_timer;	/* ITIMER_REAL and alarm() */
	struct list_head posix_timers;	/* k_itimer.list */
	int nr_cpu_timers;		/* of those, on a CPU-time clock: the tick looks */
	int is_child_subreaper;		/* prctl PR_SET_CHILD_SUBREAPER: orphans below come here */
};
/* job control of the whole group (Linux 2.6: kernel/signal.c's group stop) */
#define SIGNAL_STOP_STOPPED	0x1	/* every thread has stopped: wait4 may report it */
#define SIGNAL_STOP_DEQUEUED	0x2	/* a stop signal was taken; a SIGCONT since cancels it */
#define SIGNAL_STOP_CONTINUED	0x4	/* SIGCONT resumed a stopped group: WCONTINUED reports it */
#define SIGNAL_STOP_MASK	(SIGNAL_STOP_STOPPED | SIGNAL_STOP_DEQUEUED | SIGNAL_STOP_CONTINUED)
/* task->jobctl (today's Linux): each thread does its part of a group stop once */
#define JOBCTL_STOP_PENDING	0x1

struct task_struct {
	volatile long state;		/* TASK_*, EXIT_* */
	struct thread_info *thread_info;
	unsigned long flags;		/* PF_* */

	/* the O(1) scheduler */
	int prio, static_prio;
	struct list_head run_list;
	struct prio_array *array;
	unsigned int time_slice;
	unsigned long long sched_time;	/* ticks spent running */
	unsigned int policy;		/* SCHED_NORMAL, SCHED_FIFO, SCHED_RR, ... */
	unsigned int rt_priority;	/* 1..99 for SCHED_FIFO/RR: prio = 99 - it */
	int sched_reset_on_fork;
	cpumask_t cpus_allowed;		/* sched_setaffinity: the CPUs it may run on */
	int migrate_pending;		/* off this CPU at its next switch (kernel/sched.c) */
	int lock_depth;			/* the big kernel lock: -1 not held, else nesting - 1 */
#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
	int mutex_depth;		/* mutexes held, for the return-to-user check */
	struct mutex *last_mutex;
	unsigned long last_mutex_ip;
#endif

	struct list_head tasks;		/* every task */
	pid_t pid, tgid, pgrp, session;
	struct task_struct *real_parent, *parent;
	struct list_head children, sibling;
	int exit_code, exit_signal;
	wait_queue_head_t wait_chldexit;	/* parent sleeps here in wait4 */
	char comm[TASK_COMM_LEN];
	unsigned int personality;	/* personality(2): ADDR_NO_RANDOMIZE; kept by fork and exec */

	struct mm_struct *mm, *active_mm;
	struct thread_struct thread;

	/* credentials, as 2.6 kept them: in the task */
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	int ngroups;
	gid_t groups[NGROUPS_MAX];
	struct user_struct *user;	/* of the real uid */

	struct fs_struct *fs;
	struct files_struct *files;

	/* signals */
	struct sighand_struct *sighand;
	struct signal_struct *signal;
	struct task_struct *group_leader;	/* the thread whose pid is the tgid */
	struct list_head thread_group;	/* the other threads of the group (no head) */
	sigset_t blocked, real_blocked, saved_sigmask;
	struct sigpending pending;
	unsigned long sas_ss_sp;	/* sigaltstack: the alternate signal stack */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;	/* SS_DISABLE, or as set (SS_AUTODISARM kept) */

	struct sem_undo_list *sysvsem;
	int *set_child_tid, *clear_child_tid;
	struct vfork_done *vfork_done;	/* the vfork parent waits on this */
	unsigned long long start_time;	/* jiffies at fork */
	unsigned long utime, stime;	/* ticks */
	unsigned long cutime, cstime;	/* of reaped children: the group leader's count for the group */
	struct rlimit rlim[RLIM_NLIMITS];
	int *robust_list;
	unsigned long robust_len;
	int pdeath_signal;		/* prctl(PR_SET_PDEATHSIG): sent when the parent dies */
	int dumpable;			/* prctl(PR_SET_DUMPABLE) */
	int no_new_privs;		/* prctl(PR_SET_NO_NEW_PRIVS) */
	struct restart_block restart_block;	/* how restart_syscall carries on */
	unsigned int jobctl;		/* JOBCTL_STOP_PENDING: a group stop counts on this thread */
};

static inline int thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}
static inline int thread_group_empty(const struct task_struct *p)
{
	return list_empty(&p->thread_group);
}
#define next_thread(p) list_entry((p)->thread_group.next, struct task_struct, thread_group)

static inline struct thread_info *current_thread_info(void)
{
	unsigned long esp;

	asm("movl %%esp, %0" : "=r"(esp));
	return (struct thread_info *)(esp & ~(THREAD_SIZE - 1));
}

#define current (current_thread_info()->task)

/* a task entered from user mode has its saved registers at the top of its stack */
#define task_pt_regs(t) ((struct pt_regs *)((unsigned long)(t)->thread_info + THREAD_SIZE) - 1)

static inline int test_tsk_thread_flag(struct task_struct *t, int f)
{
	return (t->thread_info->flags >> f) & 1;
}
static inline void set_tsk_thread_flag(struct task_struct *t, int f)
{
	t->thread_info->flags |= 1UL << f;
}
static inline void clear_tsk_thread_flag(struct task_struct *t, int f)
{
	t->thread_info->flags &= ~(1UL << f);
}
static inline int signal_pending(struct task_struct *t)
{
	return test_tsk_thread_flag(t, TIF_SIGPENDING);
}
static inline int need_resched(void)
{
	return test_tsk_thread_flag(current, TIF_NEED_RESCHED);
}
static inline void set_need_resched(void)
{
	set_tsk_thread_flag(current, TIF_NEED_RESCHED);
}

/* uaccess address limit: set_fs(KERNEL_DS) lets kernel buffers pass as user ones */
typedef unsigned long mm_segment_t;
static inline mm_segment_t get_fs(void) { return current_thread_info()->addr_limit; }
static inline void set_fs(mm_segment_t s) { current_thread_info()->addr_limit = s; }

/*
 * set_current_state is 2.6's set_mb: the store, then a full barrier, so a
 * sleeper's later read of its wake-up condition cannot pass the store of
 * its state (x86 may let a load pass an earlier store): a waker on another
 * CPU that changes the condition and then looks at the state (under the
 * run queue lock) either sees the sleeper asleep or is seen by it.
 * __set_current_state is the plain store, for TASK_RUNNING and for states
 * set under the lock the waker takes.
 */
#define set_current_state(s) do { current->state = (s); mb(); } while (0)
#define __set_current_state(s) (current->state = (s))

extern struct task_struct init_task;
extern union thread_union init_thread_union;
extern struct list_head task_list;	/* every task, through ->tasks */

/* kernel/sched.c */
void sched_init(void);
void schedule(void);
void yield(void);
long schedule_timeout(long timeout);	/* jiffies; returns what was left */
int schedule_timeout_pending(struct task_struct *t);	/* its timer armed (kernel/waitgraph.c) */
int wake_up_process(struct task_struct *p);
int try_to_wake_up(struct task_struct *p, unsigned int state, int sync);
void wake_up_new_task(struct task_struct *p);
void scheduler_tick(void);
void init_idle(struct task_struct *idle, int cpu);	/* cpu's run queue gets its idle task */
void cpu_idle(void) __attribute__((noreturn));	/* each CPU's idle loop */
extern struct task_struct *child_reaper;	/* init: adopts orphans (kernel/exit.c) */
struct task_struct *idle_task(int cpu);
unsigned long cpu_nr_running(int cpu);
unsigned long cpu_sched_count(int cpu);	/* schedule() calls on cpu's run queue */
int cpu_rq_locked(int cpu);
struct task_struct *cpu_curr(int cpu);
int cpu_idles(int cpu);		/* its idle task runs, nothing queued */
void sched_exit(struct task_struct *p);
void set_user_nice(struct task_struct *p, long nice);
int task_nice(const struct task_struct *p);
unsigned long nr_running(void);
unsigned long long nr_context_switches(void);
#define FSHIFT		11		/* bits of the load average's fraction */
#define FIXED_1		(1 << FSHIFT)
void get_avenrun(unsigned long *loads, unsigned long offset);

/* kernel/fork.c, kernel/exit.c, kernel/pid.c */
struct task_struct *find_task_by_pid(pid_t pid);
extern int last_pid, pid_max, pid_max_min, pid_max_max;
extern unsigned long total_forks;
pid_t kernel_thread(int (*fn)(void *), void *arg, unsigned long flags);
__attribute__((noreturn)) void do_exit(long code);
__attribute__((noreturn)) void do_group_exit(int exit_code);
int zap_other_threads(struct task_struct *p);	/* SIGKILL to the rest of p's group; how many */
void release_task(struct task_struct *p);
void wait_task_inactive(struct task_struct *p);	/* until p is off every CPU */
void sched_exec(void);				/* exec: maybe to a less loaded CPU */
int set_cpus_allowed(struct task_struct *p, cpumask_t new_mask);
extern unsigned long nr_balance_pulls;
int is_orphaned_pgrp(pid_t pgrp);	/* no member's parent could resume it */
void thread_group_times(struct task_struct *p, unsigned long *ut, unsigned long *st);
extern int max_threads;			/* the task table's size (Linux: threads-max) */
extern int nr_threads;			/* tasks that exist, zombies included */

/* kernel/user.c */
extern struct user_struct root_user;
void uid_cache_init(void);
struct user_struct *alloc_uid(uid_t uid);
void free_uid(struct user_struct *up);
int switch_uid(struct task_struct *t, uid_t uid);

/* kernel/itimer.c, kernel/posix-timers.c: the process's timers live in its signal_struct */
void it_real_fn(unsigned long data);	/* signal_struct's real_timer */
void init_itimers(struct signal_struct *sig);	/* a new process starts with none */
void exit_itimers(struct signal_struct *sig);	/* group exit and exec: its POSIX timers go */
void exit_thread_timers(struct task_struct *p);	/* a thread leaves: timers bound to it */
void itimer_tick(struct task_struct *p, int user);	/* the tick charged p */

/* credentials (Linux 2.6 kept no separate cred struct) */
#define CAP_CHOWN		0
#define CAP_DAC_OVERRIDE	1
#define CAP_DAC_READ_SEARCH	2
#define CAP_FOWNER		3
#define CAP_KILL		5
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_IPC_OWNER		15
#define CAP_SYS_RAWIO		17
#define CAP_SYS_PTRACE		19
#define CAP_SYS_ADMIN		21
#define CAP_SYS_NICE		23
#define CAP_SYS_RESOURCE	24
#define CAP_SYS_TIME		25
#define CAP_MKNOD		27

/* root holds every capability; file-system checks use the fsuid */
static inline int capable(int cap)
{
	if (cap == CAP_DAC_OVERRIDE || cap == CAP_DAC_READ_SEARCH ||
	    cap == CAP_FOWNER || cap == CAP_CHOWN || cap == CAP_MKNOD)
		return current->fsuid == 0;
	return current->euid == 0;
}

int in_group_p(gid_t gid);	/* fsgid or a supplementary group */
int in_egroup_p(gid_t gid);	/* egid or a supplementary group */

#endif

/*
 * tests/kernel/ipc_test.h - helpers shared by the System V IPC tests
 * (tests/kernel/test_ipc_*.c): kernel threads that run a job and are reaped,
 * a fork that copies the address space, letting sleepers reach their sleep.
 */
#ifndef _TESTS_IPC_TEST_H
#define _TESTS_IPC_TEST_H

#include <kernel/binfmts.h>
#include <kernel/desc.h>
#include <kernel/errno.h>
#include <kernel/fork.h>
#include <kernel/ipc.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/pgtable.h>
#include <kernel/ptrace.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/mman.h>

long do_wait(pid_t pid, int options, int __user *stat_addr, void __user *ru);
extern char kernel_thread_helper[];

/* enough yields for every runnable thread to reach its sleep */
static inline void ipc_let_others_run(void)
{
	for (int i = 0; i < 30; i++)
		yield();
}

/*
 * Long test loops give the CPU up when their time slice is over, as a long
 * kernel loop must (Linux: cond_resched). Without it a second expiry of the
 * slice would find the task on the expired array already.
 */
static inline void ipc_cond_resched(void)
{
	if (need_resched())
		schedule();
}

static inline pid_t ipc_spawn(int (*fn)(void *), void *arg)
{
	return kernel_thread(fn, arg, SIGCHLD);
}

/* wait for pid; its exit status (the thread function's return << 8, or the signal) */
static inline int ipc_reap(pid_t pid)
{
	int status = -1;

	if (do_wait(pid, 0, &status, NULL) != pid)
		return -1;
	return status;
}

/* a child running fn with a copy of the caller's address space (fork) */
static inline pid_t ipc_fork_thread(int (*fn)(void *), void *arg)
{
	struct pt_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.ebx = (unsigned long)fn;
	regs.edx = (unsigned long)arg;
	regs.xds = __KERNEL_DS;
	regs.xes = __KERNEL_DS;
	regs.orig_eax = -1;
	regs.eip = (unsigned long)kernel_thread_helper;
	regs.xcs = __KERNEL_CS;
	regs.eflags = 0x202;
	return do_fork(SIGCHLD, 0, &regs, NULL, NULL, 0);
}

/* give the current kernel thread an address space of its own (freed at exit) */
static inline int ipc_own_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return -ENOMEM;
	current->mm = current->active_mm = mm;
	switch_pgd(mm->pgd);
	return 0;
}

/* user mode: a tiny program, attached to shmid at 0x50000000 unless shmid < 0 */
long do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot);
extern void start_user_thread(struct pt_regs *regs) __attribute__((noreturn));
void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp);

#define CODE_ADDR 0x08048000UL
#define SHM_ADDR 0x50000000UL

struct uprog {
	const u8 *code;
	size_t len;
	int shmid, shmflg;
};

static __attribute__((unused)) int shm_user_prog(void *arg)
{
	struct uprog *p = arg;
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long addr;

	if (ipc_own_mm())
		return 100;
	if (IS_ERR_VALUE(do_mmap_pgoff(current->mm, CODE_ADDR, PAGE_SIZE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_FIXED, 0, NULL, NULL)))
		return 101;
	if (copy_to_user((void __user *)CODE_ADDR, p->code, p->len))
		return 102;
	do_mprotect(current->mm, CODE_ADDR, PAGE_SIZE, PROT_READ | PROT_EXEC);
	if (p->shmid >= 0 && (do_shmat(p->shmid, SHM_ADDR, p->shmflg, &addr) || addr != SHM_ADDR))
		return 103;
	if (IS_ERR_VALUE(do_mmap_pgoff(current->mm, STACK_TOP - 4 * PAGE_SIZE, 4 * PAGE_SIZE,
				       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_GROWSDOWN,
				       0, NULL, NULL)))
		return 104;
	start_thread(regs, CODE_ADDR, STACK_TOP - 16);
	set_fs(USER_DS);
	current->flags &= ~PF_KTHREAD;
	start_user_thread(regs);
}

static __attribute__((unused)) int run_uprog(const u8 *code, size_t len, int shmid, int shmflg)
{
	struct uprog p = { code, len, shmid, shmflg };
	pid_t pid = ipc_spawn(shm_user_prog, &p);

	if (pid < 0)
		return pid;
	return ipc_reap(pid);
}

#endif

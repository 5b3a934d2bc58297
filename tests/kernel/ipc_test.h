/*
 * tests/kernel/ipc_test.h - helpers shared by the System V IPC tests
 * (tests/kernel/test_ipc_*.c): kernel threads that run a job and are reaped,
 * a fork that copies the address space, letting sleepers reach their sleep.
 */
#ifndef _TESTS_IPC_TEST_H
#define _TESTS_IPC_TEST_H

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

#endif

/*
 * thread_clone_stack.c - clone with a child stack the child cannot use
 * (issue 16, bad input): a CLONE_VM child whose stack pointer is in unmapped
 * memory, in a read-only mapping or in the kernel's half faults on its first
 * push and dies of SIGSEGV, with or without a SIGSEGV handler (the handler's
 * frame cannot be written either); the parent, which shares its memory, is
 * unharmed and collects the death with wait4.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

/*
 * The raw clone system call: the child starts on 'sp' and its first
 * instruction pushes, so it faults at once; it never returns here. The
 * parent gets the pid (or -errno).
 */
static long clone_on_stack(unsigned long flags, unsigned long sp)
{
	long ret;

	asm volatile("push %%ebx\n\t"
		     "mov %1, %%ebx\n\t"
		     "int $0x80\n\t"
		     "test %%eax, %%eax\n\t"
		     "jnz 1f\n\t"
		     "push %%eax\n\t"		/* the child: faults on its stack */
		     "mov $1, %%eax\n\t"	/* not reached: exit(77) */
		     "mov $77, %%ebx\n\t"
		     "int $0x80\n"
		     "1:\tpop %%ebx"
		     : "=a"(ret)
		     : "r"(flags), "0"(SYS_clone), "c"(sp), "d"(0), "S"(0), "D"(0)
		     : "memory");
	return ret;
}

static volatile int canary = 12345;
static void on_segv(int s) { (void)s; _exit(66); }

/* clone on sp, wait for the child: its wait status, or -1 */
static int run_child(unsigned long flags, unsigned long sp)
{
	long pid = clone_on_stack(flags, sp);
	int st;

	if (pid <= 0)
		return -1;
	if (waitpid(pid, &st, __WALL) != pid)
		return -1;
	return st;
}

static int killed_by_segv(int st)
{
	return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *hole, *ro;
	unsigned long top;
	int st;

	/* an address range that was mapped and is not any more */
	hole = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, 4 * page);
	top = (unsigned long)hole + 2 * page;
	ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	st = run_child(CLONE_VM | SIGCHLD, top);
	CHECK("CLONE_VM child on an unmapped stack dies of SIGSEGV", killed_by_segv(st));
	st = run_child(CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD, top);
	CHECK("the same sharing files and fs: SIGSEGV", killed_by_segv(st));
	st = run_child(CLONE_VM | SIGCHLD, (unsigned long)ro + page);
	CHECK("on a read-only stack: SIGSEGV", killed_by_segv(st));
	st = run_child(CLONE_VM | SIGCHLD, 0xc0001000UL);
	CHECK("on a stack in the kernel's half: SIGSEGV", killed_by_segv(st));
	st = run_child(CLONE_VM | SIGCHLD, 16);
	CHECK("on a stack at address 16: SIGSEGV", killed_by_segv(st));

	/* a SIGSEGV handler cannot run without a stack: still killed, never exit 66 */
	signal(SIGSEGV, on_segv);
	st = run_child(CLONE_VM | SIGCHLD, top);
	CHECK("with a SIGSEGV handler the child is killed all the same", killed_by_segv(st));
	st = run_child(CLONE_VM | CLONE_SIGHAND | SIGCHLD, top);
	CHECK("and with the handlers shared (CLONE_SIGHAND)", killed_by_segv(st));
	signal(SIGSEGV, SIG_DFL);

	/* a clone child (exit signal 0) is waited for with __WALL */
	st = run_child(CLONE_VM, top);
	CHECK("a child that signals nobody: __WALL collects the SIGSEGV", killed_by_segv(st));

	/* the parent is unharmed */
	CHECK_EQ("the parent's memory is as it was", canary, 12345);
	CHECK_ERR("no child left over", waitpid(-1, &st, __WALL | WNOHANG), ECHILD);
	{
		pid_t p = fork();

		if (p == 0)
			_exit(5);
		waitpid(p, &st, 0);
		CHECK("the parent still forks and waits", WIFEXITED(st) && WEXITSTATUS(st) == 5);
	}
	return utest_done();
}

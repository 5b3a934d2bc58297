/*
 * tls_stale_selector.c - a process loads %fs with one of its TLS entries
 * (set_thread_area), then clears that entry with set_thread_area (the
 * empty descriptor, or all zeroes: #GP on a reload). A not-present entry
 * (#NP) cannot be made: as Linux, set_thread_area refuses it (EINVAL). The
 * kernel must survive the return to user mode that reloads the stale
 * selector: as on Linux, the process carries on, with %fs either the old
 * selector or the null one, and later system calls and a signal work. Found
 * by make fuzz SEED=18: the kernel's own fault on that reload recursed until
 * the kernel stack ran out, then triple-faulted the machine.
 */
#include "utest.h"
#include <errno.h>
#include <asm/ldt.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got_signal;

static void on_usr1(int sig)
{
	(void)sig;
	got_signal = 1;
}

static unsigned int read_fs(void)
{
	unsigned int v;

	asm volatile("movl %%fs, %0" : "=r"(v));
	return v & 0xffff;
}

/* in a child: 0 when all went as on Linux, else the step that failed */
static int stale_fs(int all_zero)
{
	struct user_desc d = { .entry_number = -1, .base_addr = 0, .limit = 0xfffff,
			       .seg_32bit = 1, .limit_in_pages = 1, .useable = 1 };
	unsigned int sel, fs;

	if (syscall(SYS_set_thread_area, &d) != 0)
		return 1;
	sel = d.entry_number * 8 + 3;
	asm volatile("movl %0, %%fs" : : "r"(sel));
	if (read_fs() != sel)
		return 2;
	if (all_zero) {
		struct user_desc zero = { .entry_number = d.entry_number };
		d = zero;
	} else {
		struct user_desc empty = { .entry_number = d.entry_number, .read_exec_only = 1,
					   .seg_not_present = 1 };
		d = empty;
	}
	if (syscall(SYS_set_thread_area, &d) != 0)	/* the return reloads %fs */
		return 3;
	for (int i = 0; i < 50; i++) {
		syscall(SYS_getpid);
		syscall(SYS_sched_yield);		/* and a context switch */
	}
	fs = read_fs();
	if (fs != sel && fs != 0)
		return 4;
	signal(SIGUSR1, on_usr1);
	kill(getpid(), SIGUSR1);
	if (!got_signal)
		return 5;
	fs = read_fs();
	if (fs != sel && fs != 0)
		return 6;
	asm volatile("movl %0, %%fs" : : "r"(0));
	return 0;
}

static int run_child(int all_zero)
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		_exit(stale_fs(all_zero));
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

int main(void)
{
	struct user_desc np = { .entry_number = -1, .limit = 0xfffff, .seg_32bit = 1,
				.limit_in_pages = 1, .seg_not_present = 1 };

	CHECK_EQ("a TLS entry cleared (empty descriptor) under the loaded %fs: the process carries on",
		 run_child(0), 0);
	CHECK_EQ("a TLS entry cleared (all zero) under the loaded %fs: the process carries on",
		 run_child(1), 0);
	CHECK_ERR("set_thread_area with a not-present descriptor gives EINVAL",
		  syscall(SYS_set_thread_area, &np), EINVAL);
	return utest_done();
}

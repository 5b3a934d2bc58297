/*
 * tests/user/proc_regress.c - regressions from the first code review, each
 * a way a user program once brought this kernel down or got Linux's answer
 * wrong: a vfork child's own child exiting, poll with a huge nfds, a sleep
 * of decades, sigtimedwait's time-out, a signal frame on a bad stack.
 */
#include "utest.h"
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

static int status_of(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void on_segv(int sig)
{
	(void)sig;
}

int main(void)
{
	pid_t pid;

	alarm(20);
	/* the grandchild of a vfork must not touch the vfork parent's kernel stack */
	pid = vfork();
	if (pid == 0) {
		if (fork() == 0) {
			struct timespec t = { 0, 20 * 1000 * 1000 };

			nanosleep(&t, NULL);
			_exit(0);
		}
		_exit(7);
	}
	CHECK_EQ("a vfork child that forks exits normally", status_of(pid), 7);
	{
		/* the grandchild exits meanwhile; on the broken kernel that was a panic */
		struct timespec t = { 0, 100 * 1000 * 1000 };

		CHECK_OK("sleeping while the orphaned grandchild exits", nanosleep(&t, NULL));
	}

	/* poll with an nfds whose array size would wrap */
	{
		struct pollfd p = { 0, POLLIN, 0 };
		volatile nfds_t huge = 0x20000001;

		CHECK_ERR("poll with nfds 0x20000001 gives EINVAL", poll(&p, huge, 0), EINVAL);
	}

	/* a child asleep for decades must not stop the parent's own short sleep */
	pid = fork();
	if (pid == 0) {
		struct timespec t = { 3000000, 0 };

		nanosleep(&t, NULL);
		_exit(0);
	}
	{
		struct timespec t = { 0, 200 * 1000 * 1000 }, a, b;

		clock_gettime(CLOCK_MONOTONIC, &a);
		nanosleep(&t, NULL);
		clock_gettime(CLOCK_MONOTONIC, &b);
		CHECK("the parent's 200 ms sleep returns while a child sleeps 3,000,000 s",
		      (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 >= 190);
		kill(pid, SIGKILL);
		CHECK_EQ("the sleeper dies of SIGKILL", status_of(pid), 128 + SIGKILL);
	}

	/* sigtimedwait that runs out of time is EAGAIN */
	{
		sigset_t set;
		struct timespec t = { 0, 50 * 1000 * 1000 };

		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		sigprocmask(SIG_BLOCK, &set, NULL);
		CHECK_ERR("sigtimedwait time-out gives EAGAIN", sigtimedwait(&set, NULL, &t), EAGAIN);
	}

	/* a SIGSEGV handler and no usable stack: the process dies of SIGSEGV */
	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, on_segv);
		__asm__ volatile("movl $16, %%esp; movl (0), %%eax" ::: "eax", "memory");
		_exit(0);
	}
	CHECK_EQ("a fault with no room for the signal frame kills with SIGSEGV",
		 status_of(pid), 128 + SIGSEGV);
	return utest_done();
}

/*
 * exhaust_stack.c - deep recursion on the user stack: with RLIMIT_STACK at
 * 1 MiB the stack grows on demand to 768 KiB of frames, and recursion
 * without end dies of SIGSEGV (the limit, not a kernel panic or a hang);
 * with the limit at 256 KiB the same 768 KiB recursion is SIGSEGV too.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "utest.h"

static int recurse(int depth)	/* about 1 KiB a frame */
{
	volatile char frame[1000];

	frame[0] = (char)depth;
	if (depth <= 1)
		return frame[0];
	return recurse(depth - 1) + frame[0];
}

/* a child with that stack limit recursing that deep: its wait status */
static int run(rlim_t limit, int depth)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit rl = { limit, limit };

		setrlimit(RLIMIT_STACK, &rl);
		recurse(depth);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

int main(void)
{
	int st;

	alarm(60);
	st = run(1 << 20, 768);
	CHECK("768 KiB of frames under a 1 MiB limit: the stack grows, exit 0",
	      WIFEXITED(st) && WEXITSTATUS(st) == 0);
	st = run(1 << 20, 1 << 20);
	CHECK("recursion without end under 1 MiB: SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = run(256 << 10, 768);
	CHECK("768 KiB of frames under a 256 KiB limit: SIGSEGV",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	return utest_done();
}

/*
 * tests/user/proc_oom.c - running out of memory is an error return or the
 * death of the process that ran out, never of anyone else: RLIMIT_AS makes
 * mmap and brk fail with ENOMEM (malloc returns NULL) and the process goes
 * on; fork of a big process still works; everything it held comes back.
 */
#include "utest.h"
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define LIMIT (48UL << 20)

/* in a child: allocate and touch 1 MiB blocks until malloc says no */
static int grab_until_null(void)
{
	size_t got = 0;

	for (int i = 0; i < 1000; i++) {
		char *p = malloc(1 << 20);

		if (!p)
			break;
		memset(p, i, 1 << 20);
		got++;
	}
	/* between 40 and 48 MiB fit under the limit (the program itself takes some) */
	return got >= 30 && got < 48 ? 0 : 1;
}

int main(void)
{
	struct rlimit as = { LIMIT, LIMIT };
	pid_t pid;
	int st;
	void *p;

	alarm(20);
	pid = fork();
	if (pid == 0) {
		if (setrlimit(RLIMIT_AS, &as))
			_exit(3);
		_exit(grab_until_null());
	}
	CHECK_EQ("malloc under RLIMIT_AS ends in NULL, not death (exit 0)",
		 waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st), 0);

	pid = fork();
	if (pid == 0) {
		if (setrlimit(RLIMIT_AS, &as))
			_exit(3);
		p = mmap(NULL, 2 * LIMIT, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		_exit(p == MAP_FAILED && errno == ENOMEM ? 0 : 1);
	}
	CHECK_EQ("mmap past RLIMIT_AS gives ENOMEM (exit 0)",
		 waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);

	pid = fork();
	if (pid == 0) {
		if (setrlimit(RLIMIT_AS, &as))
			_exit(3);
		/* brk past the limit leaves the break where it was */
		void *old = sbrk(0);
		_exit(sbrk(2 * LIMIT) == (void *)-1 && errno == ENOMEM && sbrk(0) == old ? 0 : 1);
	}
	CHECK_EQ("sbrk past RLIMIT_AS gives ENOMEM and keeps the break (exit 0)",
		 waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);

	/* a parent with 16 MiB touched can still fork; the child sees the data */
	p = mmap(NULL, 16 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("16 MiB anonymous mapping", p != MAP_FAILED);
	if (p != MAP_FAILED) {
		memset(p, 0x5a, 16 << 20);
		pid = fork();
		if (pid == 0)
			_exit(((unsigned char *)p)[(16 << 20) - 1] == 0x5a ? 0 : 1);
		CHECK_EQ("fork of a 16 MiB process works and shares the data",
			 waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
		CHECK_OK("munmap of it", munmap(p, 16 << 20));
	}
	return utest_done();
}

/*
 * tests/user/proc_oom.c - running out of memory is an error return or the
 * death of the process that ran out, never of anyone else: RLIMIT_AS makes
 * mmap and brk fail with ENOMEM (malloc returns NULL) and the process goes
 * on; fork of a big process still works; everything it held comes back.
 * And when memory does run out, the OOM killer takes the process using the
 * most of it, not whichever process faults next (Linux: select_bad_process):
 * a small process that faults with a big hog around survives, the hog dies.
 * That part needs a small machine (the guest's 256 MiB); on a big host it is
 * skipped, since it would eat the host's memory.
 */
#include "utest.h"
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
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

/* allocate and touch n MiB (0: without end), one byte to fd after each */
static void eat(unsigned long n, int fd)
{
	for (unsigned long i = 0; !n || i < n; i++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED)
			_exit(4);
		memset(p, 0x33, 1 << 20);
		if (fd >= 0 && write(fd, "m", 1) != 1)
			_exit(5);
	}
}

/* sysinfo's total, or 0 where there is none (this kernel: a small guest) */
static unsigned long long total_ram(void)
{
	struct sysinfo si;

	return sysinfo(&si) ? 0 : (unsigned long long)si.totalram * si.mem_unit;
}

static void oom_picks_the_biggest(void)
{
	unsigned long probe = 0;
	int p[2], st;
	pid_t hog, small;
	char c;

	/* how much one process can have: a probe eats until the OOM killer takes it */
	pipe(p);
	hog = fork();
	if (hog == 0) {
		close(p[0]);
		eat(0, p[1]);
		_exit(0);
	}
	close(p[1]);
	while (read(p[0], &c, 1) == 1)
		probe++;
	close(p[0]);
	waitpid(hog, &st, 0);
	CHECK("a process eating memory without end is OOM-killed (SIGKILL)",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	CHECK("after some MiB", probe > 48);
	if (probe <= 48)
		return;

	/* a hog that leaves 24 MiB free, then a small process wanting 48 */
	pipe(p);
	hog = fork();
	if (hog == 0) {
		close(p[0]);
		eat(probe - 24, -1);
		write(p[1], "r", 1);
		for (;;)
			pause();
	}
	close(p[1]);
	CHECK_EQ("the hog holds its memory", read(p[0], &c, 1), 1);
	close(p[0]);
	small = fork();
	if (small == 0) {
		eat(48, -1);
		_exit(0);
	}
	waitpid(small, &st, 0);
	CHECK("the small process that ran out survives and finishes (exit 0)",
	      WIFEXITED(st) && WEXITSTATUS(st) == 0);
	kill(hog, SIGTERM);
	waitpid(hog, &st, 0);
	CHECK("the hog, using the most memory, was the one killed (SIGKILL)",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

int main(void)
{
	struct rlimit as = { LIMIT, LIMIT };
	pid_t pid;
	int st;
	void *p;

	alarm(100);
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

	if (total_ram() && total_ram() > (1ULL << 30))
		printf("proc_oom: %llu MiB here: the OOM-killer checks run only on a machine of "
		       "1 GiB or less\n", total_ram() >> 20);
	else
		oom_picks_the_biggest();
	return utest_done();
}

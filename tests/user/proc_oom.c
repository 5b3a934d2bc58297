/*
 * tests/user/proc_oom.c - running out of memory is an error return or the
 * death of the process that ran out, never of anyone else: RLIMIT_AS makes
 * mmap and brk fail with ENOMEM (malloc returns NULL) and the process goes
 * on; fork of a big process still works; everything it held comes back.
 * And when memory does run out, the OOM killer takes the process using the
 * most of it, not whichever process faults next (Linux: select_bad_process):
 * a small process that faults with a big hog around survives, the hog dies.
 * That part needs a small machine (the guest's 256 MiB); on a big host it is
 * skipped, since it would eat the host's memory. This kernel also charges the
 * pages buffered in pipes to the processes holding them open (issue 10's rule;
 * Linux counts only RSS and page tables), checked only on this kernel.
 */
#include "utest.h"
#include <signal.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
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

/* fill pipes with 64 KiB each, as many as the fd table allows; the MiB held */
static unsigned long fill_pipes(void)
{
	static char buf[65536];
	unsigned long bytes = 0;
	int p[2];

	memset(buf, 0x44, sizeof(buf));
	while (pipe(p) == 0) {
		fcntl(p[1], F_SETFL, O_NONBLOCK);
		for (ssize_t n; (n = write(p[1], buf, sizeof(buf))) > 0;)
			bytes += n;
	}
	return bytes >> 20;
}

/*
 * Hogs of 20 MiB each and a process holding 30-odd MiB in pipe buffers (and
 * next to nothing resident) fill memory to within 8-28 MiB; a small process
 * then wants 40. The pipe holder, the biggest once its pipes count, dies.
 */
static void oom_charges_pipes(unsigned long probe)
{
	pid_t holder, small, hogs[16];
	unsigned long held = 0;
	int p[2], st, nhogs = 0;
	char c;

	pipe(p);
	holder = fork();
	if (holder == 0) {
		unsigned long mib;

		close(p[0]);
		mib = fill_pipes();
		write(p[1], &mib, sizeof(mib));
		for (;;)
			pause();
	}
	close(p[1]);
	read(p[0], &held, sizeof(held));
	close(p[0]);
	CHECK("a process holds over 24 MiB in pipe buffers", held > 24);
	/*
	 * 20 MiB hogs, then one smaller filler, so that about 16 MiB stay free:
	 * the small process (28 MiB) runs out holding less than the pipe
	 * holder, and fits once the holder is gone. Without the filler the
	 * margin left for it depends on 20 MiB steps and per-process overhead.
	 */
	while (nhogs < 16) {
		unsigned long used = nhogs * 20 + held + 16, mib;

		if (used >= probe)
			break;
		mib = probe - used < 20 ? probe - used : 20;
		pipe(p);
		hogs[nhogs] = fork();
		if (hogs[nhogs] == 0) {
			close(p[0]);
			eat(mib, -1);
			write(p[1], "r", 1);
			for (;;)
				pause();
		}
		close(p[1]);
		read(p[0], &c, 1);
		close(p[0]);
		nhogs++;
		if (mib < 20)
			break;
	}
	small = fork();
	if (small == 0) {
		eat(28, -1);
		_exit(0);
	}
	waitpid(small, &st, 0);
	CHECK("the small process that ran out survives (exit 0)", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	kill(holder, SIGTERM);
	waitpid(holder, &st, 0);
	CHECK("the pipe holder, biggest with its pipe buffers, was killed (SIGKILL)",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	for (int i = 0; i < nhogs; i++) {
		kill(hogs[i], SIGTERM);
		waitpid(hogs[i], &st, 0);
		CHECK("a hog of 20 MiB or less was spared (SIGTERM here)", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	}
}

static int this_kernel(void)
{
	struct utsname u;

	return !uname(&u) && strstr(u.release, "ipckernel");
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
	if (this_kernel())
		oom_charges_pipes(probe);
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

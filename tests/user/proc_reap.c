/*
 * proc_reap.c - every child is reaped: 100 children that their creator
 * never waits for, in three shapes - orphans that outlive their parent,
 * grandchildren that die before their parent (an orphaned zombie), and
 * CLONE_PARENT clones (the creator's parent, here us, gets them and waits) -
 * all gone afterwards: kill(pid, 0) is ESRCH, /proc/PID/exe no longer
 * resolves, nothing is left for us to wait for.
 *
 * Run by a kernel thread (this kernel's shell: our parent has no
 * /proc/PID/exe), or as "proc_reap kshell", it adds CLONE_PARENT clones of
 * our own, which belong to that kernel thread, and checks with sysinfo that
 * the free memory is back where it started once all are gone. (Not on the
 * host: there our parent is the test runner, which never waits for them,
 * and free memory moves with everything else the host runs.)
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

#define ROUNDS		33	/* of each shape: 99 children, 100 with the clone below */
#define STACK_SIZE	16384

static int quit_now(void *arg)
{
	(void)arg;
	return 0;
}

/* a CLONE_PARENT sibling of the caller, on a stack of its own (unmap it later) */
static pid_t clone_sibling(char **stackp)
{
	char *stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (stack == MAP_FAILED)
		return -1;
	if (stackp)
		*stackp = stack;
	return clone(quit_now, stack + STACK_SIZE, CLONE_PARENT | SIGCHLD, NULL);
}

static void on_signal(int sig)
{
	(void)sig;
}

static int gone(pid_t pid)
{
	char path[32], buf[64];

	if (kill(pid, 0) == 0 || errno != ESRCH)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	return readlink(path, buf, sizeof(buf)) < 0;
}

/* init reaps in its own time (a Linux host's every couple of seconds): wait up to 20 s */
static int all_gone(const pid_t *pids, int n)
{
	for (int tries = 0; tries < 2000; tries++) {
		int left = 0;

		for (int i = 0; i < n; i++)
			left += !gone(pids[i]);
		if (!left)
			return 1;
		usleep(10000);
	}
	return 0;
}

/*
 * One creator: it starts a child the way `shape` says, tells us its pid,
 * and exits without waiting for it.
 */
static pid_t make_unwaited(int shape, pid_t *child)
{
	int pfd[2], hold[2];
	pid_t m, c = -1;

	*child = -1;
	if (pipe(pfd) || pipe(hold))
		return -1;
	m = fork();
	if (m == 0) {
		close(pfd[0]);
		if (shape == 0) {		/* an orphan: outlives us until we are gone */
			c = fork();
			if (c == 0) {
				char b;

				close(hold[1]);
				read(hold[0], &b, 1);	/* EOF once the creator is dead */
				_exit(0);
			}
		} else if (shape == 1) {	/* dies first: an orphaned zombie */
			struct sigaction sa;
			sigset_t chld;

			/* caught, not SIG_DFL: this kernel drops a default-ignored
			 * signal that sigwaitinfo is waiting for */
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = on_signal;
			sigaction(SIGCHLD, &sa, NULL);
			sigemptyset(&chld);
			sigaddset(&chld, SIGCHLD);
			sigprocmask(SIG_BLOCK, &chld, NULL);
			c = fork();
			if (c == 0)
				_exit(0);
			sigwaitinfo(&chld, NULL);	/* sent once it is a zombie; we leave it */
		} else {			/* a CLONE_PARENT clone: our parent's child */
			c = clone_sibling(NULL);	/* unmapped by our exit */
		}
		write(pfd[1], &c, sizeof(c));
		_exit(0);
	}
	close(pfd[1]);
	close(hold[0]);
	close(hold[1]);
	if (m < 0 || read(pfd[0], &c, sizeof(c)) != sizeof(c))
		c = -1;
	close(pfd[0]);
	*child = c;
	return m;
}

static unsigned long long free_bytes(void)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return 0;
	return (unsigned long long)si.freeram * si.mem_unit;
}

/* clones of our own: our parent's children, which only it (or its reaper) can reap */
static void parents_share(int check)
{
	pid_t own[ROUNDS];
	char *stacks[ROUNDS];
	int n = 0;

	for (int i = 0; i < ROUNDS; i++) {
		pid_t c = clone_sibling(&stacks[n]);

		if (c > 0)
			own[n++] = c;
	}
	if (check) {
		CHECK_EQ("clones of our own, our parent's children", n, ROUNDS);
		CHECK_ERR("they are not ours to wait for", waitpid(-1, NULL, WNOHANG), ECHILD);
	}
	CHECK("the shell's share is reaped as well", all_gone(own, n));
	for (int i = 0; i < n; i++)
		munmap(stacks[i], STACK_SIZE);
}

int main(int argc, char **argv)
{
	char path[32], buf[64];
	int kshell;

	/* a parent without a program, a kernel thread: this kernel's shell */
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)getppid());
	kshell = (argc > 1 && !strcmp(argv[1], "kshell")) || readlink(path, buf, sizeof(buf)) < 0;
	pid_t orphans[ROUNDS * 2], siblings[ROUNDS];
	int n_orphans = 0, n_siblings = 0, waited = 0, creators_ok = 0, st;
	unsigned long long before, after;

	for (int i = 0; i < ROUNDS * 3; i++) {
		pid_t c = -1, m = make_unwaited(i % 3, &c);

		if (m > 0 && waitpid(m, &st, 0) == m && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			creators_ok++;
		if (c <= 0)
			continue;
		if (i % 3 == 2)
			siblings[n_siblings++] = c;
		else
			orphans[n_orphans++] = c;
	}
	CHECK_EQ("every creator exited 0", creators_ok, ROUNDS * 3);
	CHECK_EQ("each creator started its child", n_orphans + n_siblings, ROUNDS * 3);

	/* the CLONE_PARENT clones are ours to wait for */
	for (int i = 0; i < n_siblings; i++)
		if (waitpid(siblings[i], &st, 0) == siblings[i] && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0)
			waited++;
	CHECK_EQ("the creator's parent waits for its CLONE_PARENT clones", waited, ROUNDS);
	CHECK_ERR("no child of ours is left", waitpid(-1, NULL, WNOHANG), ECHILD);
	CHECK("orphans and orphaned zombies are reaped: kill ESRCH, no /proc/PID/exe",
	      all_gone(orphans, n_orphans));
	CHECK("the CLONE_PARENT clones are gone too", all_gone(siblings, n_siblings));

	if (kshell) {
		/*
		 * Once to warm up (caches grow to the peak and stay), then again
		 * measured: 33 zombies left behind would hold some 300 KiB.
		 */
		parents_share(1);
		before = free_bytes();
		parents_share(0);
		for (int tries = 0; tries < 100; tries++) {
			after = free_bytes();
			if (after + 64 * 1024 >= before)
				break;
			usleep(10000);
		}
		printf("free memory before %llu, after %llu bytes\n", before, after);
		CHECK("free memory back to where it was (within 64 KiB)", after + 64 * 1024 >= before);
	}
	return utest_done();
}

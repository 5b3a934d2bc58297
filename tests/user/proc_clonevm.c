/*
 * proc_clonevm.c - CLONE_VM children whose creators exit at once, the
 * stress-ng "dup" finding (issue 12): the creator clones a CLONE_VM |
 * CLONE_FILES child on a stack in memory shared with every later round, arms
 * a 1 ms ITIMER_REAL, blocks in open() of a FIFO until SIGALRM interrupts it,
 * kills the child, and exits. Without setitimer the creator gave up at once,
 * the next round's clone reused the stack under a child still running on it,
 * and that child died of SIGSEGV at a small address with ebp 0 (on Linux
 * too). Here each child is a CLONE_PARENT clone, so we collect its status:
 * exited or SIGKILLed, never a fault. Then a storm of CLONE_VM creators and
 * children exiting in every order on private stacks, every child running
 * to the end; when a kernel thread runs us (this kernel's shell), the free
 * memory must be back to where it was.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "utest.h"

#define RACE_ROUNDS	10000
#define STORM_ROUNDS	10000
#define STACK_SIZE	16384

struct shared {
	int fd;				/* the fd number the children race for */
	volatile int ran, finished;	/* storm children: started, reached the end */
	char fifo[64];
	unsigned long long stack[STACK_SIZE / 8];	/* the race's one clone stack */
};

static struct shared *sh;

static void on_alarm(int sig)
{
	(void)sig;
}

/* the race child: as stress-ng's, it dup2s onto the fd its creator is opening */
static int race_child(void *arg)
{
	struct shared *s = arg;
	int fd = open("/dev/null", O_RDONLY);

	if (fd >= 0 && fd != s->fd) {
		dup2(fd, s->fd);
		close(fd);
	}
	_exit(0);
}

/* the creator: returns its exit status; 3 when setitimer failed */
static int race_creator(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	pid_t c;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sh->fd = open("/dev/null", O_RDONLY);
	close(sh->fd);
	c = clone(race_child, (char *)sh->stack + sizeof(sh->stack) - 64,
		  CLONE_VM | CLONE_FILES | CLONE_PARENT | SIGCHLD, sh);
	if (c < 0)
		return 2;
	if (setitimer(ITIMER_REAL, &it, NULL))
		return 3;	/* stress-ng's _exit(1): the child is on its own */
	fd = open(sh->fifo, O_RDONLY);	/* no writer: only SIGALRM ends it */
	if (fd >= 0)
		close(fd);
	else if (errno != EINTR)
		return 4;
	kill(c, SIGKILL);
	/* a SIGCHLD child is not a __WCLONE one (and not ours): ECHILD */
	if (waitpid(c, NULL, __WCLONE) != -1 || errno != ECHILD)
		return 5;
	return 0;
}

/* a clone's end: exited 0 or SIGKILLed is fine, a fault is the bug */
static void count_clone(int st, int *faults, int *others)
{
	if (WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL)
		(*faults)++;
	else if (!WIFSIGNALED(st) && !(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		(*others)++;
}

static void race(void)
{
	int creators_ok = 0, faults = 0, others = 0, first_bad = 0, clones = 0, st;
	pid_t w;

	for (int i = 0; i < RACE_ROUNDS; i++) {
		pid_t m = fork();

		if (m == 0)
			_exit(race_creator());
		/* as stress-ng, wait for the creator only, then start the next round */
		if (waitpid(m, &st, 0) == m && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			creators_ok++;
		else if (!first_bad)
			first_bad = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		while ((w = waitpid(-1, &st, WNOHANG)) > 0) {
			clones++;
			count_clone(st, &faults, &others);
		}
	}
	while ((w = waitpid(-1, &st, 0)) > 0) {
		clones++;
		count_clone(st, &faults, &others);
	}
	if (first_bad)
		printf("first failing creator: status %d (3: setitimer failed)\n", first_bad);
	CHECK_EQ("every creator: itimer, open interrupted, kill, __WCLONE is ECHILD",
		 creators_ok, RACE_ROUNDS);
	CHECK_EQ("every clone reported to us", clones, RACE_ROUNDS);
	CHECK_EQ("no clone died of a fault (SIGSEGV on a reused stack)", faults, 0);
	CHECK_EQ("the others exited 0 or were SIGKILLed", others, 0);
}

static int storm_child(void *arg)
{
	(void)arg;
	__sync_fetch_and_add(&sh->ran, 1);
	for (volatile int i = 0; i < 200; i++)
		;
	__sync_fetch_and_add(&sh->finished, 1);
	return 0;
}

/*
 * order 0: the creator exits at once, the child (an orphan) runs on;
 * 1: the creator waits for its child; 2: CLONE_PARENT, both exit at once,
 * we wait for both; 3: the child yields first so the creator is gone.
 * Every other group of four also shares the fd table, fs, signal handlers
 * and semaphore undo list, so the last of the two to exit frees each.
 */
static int storm_creator(int order, int share_all)
{
	static char stack[STACK_SIZE] __attribute__((aligned(16)));
	int flags = CLONE_VM | SIGCHLD | (order == 2 ? CLONE_PARENT : 0) |
		    (share_all ? CLONE_FILES | CLONE_FS | CLONE_SIGHAND | CLONE_SYSVSEM : 0);
	pid_t c = clone(storm_child, stack + sizeof(stack), flags, NULL);

	if (c < 0)
		return 2;
	if (order == 1 && waitpid(c, NULL, 0) != c)
		return 3;
	if (order == 3)
		sched_yield();
	return 0;
}

static unsigned long long free_bytes(void)
{
	struct sysinfo si;

	return sysinfo(&si) ? 0 : (unsigned long long)si.freeram * si.mem_unit;
}

static void storm(int measure)
{
	int creators_ok = 0, clone_parent_ok = 0;
	unsigned long long before = free_bytes(), after = 0;

	for (int i = 0; i < STORM_ROUNDS; i++) {
		int order = i % 4, st, seen = 0, want = order == 2 ? 2 : 1;
		pid_t m = fork(), w;

		if (m == 0)
			_exit(storm_creator(order, (i / 4) % 2));
		while (seen < want && (w = waitpid(-1, &st, 0)) > 0) {
			seen++;
			if (w == m)
				creators_ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
			else
				clone_parent_ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
		}
	}
	for (int tries = 0; tries < 2000 && sh->finished < STORM_ROUNDS; tries++)
		usleep(10000);
	CHECK_EQ("storm: every creator exited 0", creators_ok, STORM_ROUNDS);
	CHECK_EQ("storm: every CLONE_PARENT child exited 0", clone_parent_ok, STORM_ROUNDS / 4);
	CHECK_EQ("storm: every child started", sh->ran, STORM_ROUNDS);
	CHECK_EQ("storm: every child ran to its end", sh->finished, STORM_ROUNDS);
	if (!measure)
		return;
	for (int tries = 0; tries < 200; tries++) {
		after = free_bytes();
		if (after + 64 * 1024 >= before)
			break;
		usleep(10000);	/* the last orphans are still being reaped */
	}
	printf("free memory before the storm %llu, after %llu bytes\n", before, after);
	CHECK("storm: free memory back to where it was (within 64 KiB)", after + 64 * 1024 >= before);
}

int main(void)
{
	char path[32], buf[64];
	int by_kthread;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		CHECK("mmap the shared page", 0);
		return utest_done();
	}
	snprintf(sh->fifo, sizeof(sh->fifo), "/tmp/proc_clonevm.%d", (int)getpid());
	unlink(sh->fifo);
	CHECK_OK("mkfifo", mkfifo(sh->fifo, 0600));
	race();
	unlink(sh->fifo);
	/* a parent without a program is a kernel thread: this kernel's shell */
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)getppid());
	by_kthread = readlink(path, buf, sizeof(buf)) < 0;
	storm(by_kthread);
	return utest_done();
}

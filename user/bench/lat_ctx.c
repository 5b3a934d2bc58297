/*
 * user/bench/lat_ctx.c - cost of a context switch: two processes take
 * turns incrementing a counter in a MAP_SHARED|MAP_ANONYMOUS page, each
 * calling sched_yield() while it is the other's turn, so on one CPU every
 * increment is one yield plus one switch. Reports elapsed time / handoffs.
 * (On several CPUs both may run at once; the figure is then a cross-CPU
 * handoff, not a switch.) Usage: lat_ctx [HANDOFFS]   prints "lat_ctx US us".
 */
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include "bench.h"

static volatile long *counter;
static pid_t child;
static pid_t parent;

/* cleanup hook: stop the child if it is still ours (see watch_child) */
static void kill_child(void)
{
	if (bench_child > 0)
		kill(bench_child, SIGKILL);
}

/*
 * Take turns until the counter reaches end: the process with parity p
 * increments when the counter's low bit equals p. The parent (p == 0) notes
 * the time when the counter reaches start, the end of the warm-up.
 */
static void play(int p, long start, long end, uint64_t *t0)
{
	long idle = 0;

	for (;;) {
		long c = __atomic_load_n(counter, __ATOMIC_ACQUIRE);

		if (c >= end)
			return;
		if ((c & 1) != p) {
			if (sched_yield() != 0)
				die("sched_yield");
			/* the child must not spin on if its parent is gone */
			if (++idle % 100000 == 0 && !t0 && getppid() != parent) {
				errno = 0;
				die("child: parent died");
			}
			continue;
		}
		idle = 0;
		if (t0 && c == start)
			*t0 = now_ns();
		__atomic_store_n(counter, c + 1, __ATOMIC_RELEASE);
	}
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 500000);
	long warm, end;
	uint64_t t0 = 0, t1;

	/* start and end even: the parent opens and times whole handoffs */
	n += n & 1;
	warm = (n / 10 + 2) & ~1L;
	end = warm + n;
	counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counter == MAP_FAILED)
		die("mmap");
	*counter = 0;
	parent = getpid();
	child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		play(1, warm, end, NULL);
		_exit(0);
	}
	bench_cleanup = kill_child;
	watch_child(child);
	play(0, warm, end, &t0);
	t1 = now_ns();
	wait_child_ok(child);
	report_lat("lat_ctx", t1 - t0, n);
	return 0;
}

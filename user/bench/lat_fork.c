/*
 * user/bench/lat_fork.c - process creation and teardown: fork, the child
 * exits at once with _exit(0), the parent waits for it.
 * Usage: lat_fork [FORKS]   prints "lat_fork US us" per fork+exit+wait.
 */
#include "bench.h"

static void forks(long count)
{
	long i;

	for (i = 0; i < count; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0)
			_exit(0);
		wait_child_ok(pid);
	}
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 10000);
	long warm = n / 10 + 1;
	uint64_t t0, t1;

	forks(warm);
	t0 = now_ns();
	forks(n);
	t1 = now_ns();
	report_lat("lat_fork", t1 - t0, n);
	return 0;
}

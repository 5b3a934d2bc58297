/*
 * user/bench/lat_pipe.c - pipe round trip: the parent writes one byte into
 * one pipe, the child reads it and writes it back through a second pipe.
 * Usage: lat_pipe [ROUND_TRIPS]   prints "lat_pipe US us" per round trip.
 */
#include "bench.h"

/* Move one byte: write it to wfd, then read it back from rfd. */
static int echo_parent(int wfd, int rfd)
{
	char c = 'x';

	if (write(wfd, &c, 1) != 1 || read(rfd, &c, 1) != 1)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 100000);
	long warm = n / 10 + 1;
	int down[2], up[2];
	uint64_t t0, t1;
	pid_t pid;
	long i;

	if (pipe(down) != 0 || pipe(up) != 0)
		die("pipe");
	pid = bench_pin_fork("lat_pipe" BENCH_NAME_SUFFIX);
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		char c;
		ssize_t r;

		close(down[1]);
		close(up[0]);
		/* echo until the parent closes its end */
		while ((r = read(down[0], &c, 1)) == 1)
			if (write(up[1], &c, 1) != 1)
				die("child write");
		if (r < 0)
			die("child read");
		_exit(0);
	}
	watch_child(pid);
	close(down[0]);
	close(up[1]);
	for (i = 0; i < warm; i++)
		if (echo_parent(down[1], up[0]) != 0)
			die("warm-up round trip");
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (echo_parent(down[1], up[0]) != 0)
			die("round trip");
	t1 = now_ns();
	close(down[1]);
	wait_child_ok(pid);
	report_lat("lat_pipe" BENCH_NAME_SUFFIX, t1 - t0, n);
	return 0;
}

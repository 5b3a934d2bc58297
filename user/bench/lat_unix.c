/*
 * user/bench/lat_unix.c - AF_UNIX round trip: the parent writes one byte into
 * its end of a stream socketpair, the child reads it and writes it back.
 * Usage: lat_unix [ROUND_TRIPS]   prints "lat_unix US us" per round trip.
 */
#include "bench.h"
#include <sys/socket.h>

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
	int sv[2];
	uint64_t t0, t1;
	pid_t pid;
	long i;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		die("socketpair");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		char c;
		ssize_t r;

		close(sv[0]);
		/* echo until the parent closes its end */
		while ((r = read(sv[1], &c, 1)) == 1)
			if (write(sv[1], &c, 1) != 1)
				die("child write");
		if (r < 0)
			die("child read");
		_exit(0);
	}
	watch_child(pid);
	close(sv[1]);
	for (i = 0; i < warm; i++)
		if (echo_parent(sv[0], sv[0]) != 0)
			die("warm-up round trip");
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (echo_parent(sv[0], sv[0]) != 0)
			die("round trip");
	t1 = now_ns();
	close(sv[0]);
	wait_child_ok(pid);
	report_lat("lat_unix", t1 - t0, n);
	return 0;
}

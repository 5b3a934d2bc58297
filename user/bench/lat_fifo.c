/*
 * user/bench/lat_fifo.c - FIFO round trip: like lat_pipe, but the two
 * channels are named FIFOs made with mkfifo (in /tmp, else the current
 * directory) and opened by name from both sides.
 * Usage: lat_fifo [ROUND_TRIPS]   prints "lat_fifo US us" per round trip.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "bench.h"

static char path_down[256], path_up[256];

static void remove_fifos(void)
{
	unlink(path_down);
	unlink(path_up);
}

/*
 * Make the two FIFOs in dir; returns 0, or -1 with errno set (and nothing
 * left behind).
 */
static int make_fifos(const char *dir)
{
	int pid = (int)getpid();

	snprintf(path_down, sizeof(path_down), "%s/lat_fifo.%d.down", dir, pid);
	snprintf(path_up, sizeof(path_up), "%s/lat_fifo.%d.up", dir, pid);
	if (mkfifo(path_down, 0600) != 0)
		return -1;
	if (mkfifo(path_up, 0600) != 0) {
		int err = errno;

		unlink(path_down);
		errno = err;
		return -1;
	}
	return 0;
}

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
	int wfd, rfd;
	uint64_t t0, t1;
	pid_t pid;
	long i;

	/* /tmp, creating it if it is missing; failing that, the cwd */
	if (make_fifos("/tmp") != 0) {
		if (errno == ENOENT)
			mkdir("/tmp", 01777);
		if (make_fifos("/tmp") != 0 && make_fifos(".") != 0)
			die("mkfifo in /tmp and .");
	}
	bench_cleanup = remove_fifos;
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		char c;
		ssize_t r;

		/* opposite order to the parent's, or both opens would block */
		rfd = open(path_down, O_RDONLY);
		if (rfd < 0)
			die("child open %s", path_down);
		wfd = open(path_up, O_WRONLY);
		if (wfd < 0)
			die("child open %s", path_up);
		while ((r = read(rfd, &c, 1)) == 1)
			if (write(wfd, &c, 1) != 1)
				die("child write");
		if (r < 0)
			die("child read");
		_exit(0);
	}
	watch_child(pid);
	wfd = open(path_down, O_WRONLY);
	if (wfd < 0)
		die("open %s", path_down);
	rfd = open(path_up, O_RDONLY);
	if (rfd < 0)
		die("open %s", path_up);
	/* both ends are open on both sides: the names are no longer needed */
	remove_fifos();
	bench_cleanup = NULL;
	for (i = 0; i < warm; i++)
		if (echo_parent(wfd, rfd) != 0)
			die("warm-up round trip");
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (echo_parent(wfd, rfd) != 0)
			die("round trip");
	t1 = now_ns();
	close(wfd);
	wait_child_ok(pid);
	report_lat("lat_fifo", t1 - t0, n);
	return 0;
}

/*
 * user/bench/bw_vmsplice.c - pipe bandwidth without read and write: the
 * parent vmsplice()s 64 KiB blocks of its memory into a pipe, the child
 * splice()s them from the pipe to /dev/null and, after each batch,
 * acknowledges over a second pipe, as bw_pipe does with write and read.
 * Usage: bw_vmsplice [BLOCKS]   prints "bw_vmsplice MIB_S MiB/s".
 */
#define _GNU_SOURCE
#include "bench.h"
#include <fcntl.h>
#include <sys/uio.h>

#define BLOCK 65536

static char buf[BLOCK] __attribute__((aligned(4096)));

/* Parent: vmsplice count blocks, then wait for the child's one-byte ack. */
static void send_batch(int wfd, int ackfd, long count)
{
	char c;

	for (long i = 0; i < count; i++) {
		size_t done = 0;

		while (done < BLOCK) {
			struct iovec iov = { buf + done, BLOCK - done };
			ssize_t w = vmsplice(wfd, &iov, 1, 0);

			if (w <= 0)
				die("vmsplice");
			done += w;
		}
	}
	if (read(ackfd, &c, 1) != 1)
		die("read ack");
}

/* Child: splice count blocks' worth of bytes to /dev/null, then ack. */
static void recv_batch(int rfd, int nullfd, int ackfd, long count)
{
	long long left = (long long)count * BLOCK;
	char c = 'a';

	while (left > 0) {
		ssize_t r = splice(rfd, NULL, nullfd, NULL, BLOCK, SPLICE_F_MOVE);

		if (r <= 0) {
			if (r == 0)
				errno = 0;
			die("child splice");
		}
		left -= r;
	}
	if (write(ackfd, &c, 1) != 1)
		die("child write ack");
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 16384);
	long warm = n / 10 + 1;
	int data[2], ack[2];
	uint64_t t0, t1;
	pid_t pid;

	memset(buf, 'b', sizeof(buf));
	if (pipe(data) != 0 || pipe(ack) != 0)
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int nullfd = open("/dev/null", O_WRONLY);

		if (nullfd < 0)
			die("open /dev/null");
		close(data[1]);
		close(ack[0]);
		recv_batch(data[0], nullfd, ack[1], warm);
		recv_batch(data[0], nullfd, ack[1], n);
		_exit(0);
	}
	watch_child(pid);
	close(data[0]);
	close(ack[1]);
	send_batch(data[1], ack[0], warm);
	t0 = now_ns();
	send_batch(data[1], ack[0], n);
	t1 = now_ns();
	close(data[1]);
	wait_child_ok(pid);
	report_bw("bw_vmsplice", t1 - t0, (double)n * BLOCK);
	return 0;
}

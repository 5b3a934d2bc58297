/*
 * user/bench/bw_unix.c - AF_UNIX stream bandwidth: the parent writes 64 KiB
 * blocks into a socketpair, the child reads them (64 KiB reads) and, after
 * each batch, acknowledges with one byte back over the same socket, so the timed span ends when the last
 * byte has been read. Usage: bw_unix [WRITES]   (WRITES blocks of 64 KiB)
 * prints "bw_unix MIB_S MiB/s".
 */
#include "bench.h"
#include <sys/socket.h>

#define BLOCK 65536

static char buf[BLOCK];

/* Parent: write count blocks, then wait for the child's one-byte ack. */
static void send_batch(int wfd, int ackfd, long count)
{
	long i;
	char c;

	for (i = 0; i < count; i++) {
		size_t done = 0;

		while (done < BLOCK) {
			ssize_t w = write(wfd, buf + done, BLOCK - done);

			if (w <= 0)
				die("write");
			done += w;
		}
	}
	if (read(ackfd, &c, 1) != 1)
		die("read ack");
}

/* Child: read count blocks' worth of bytes, then ack with one byte. */
static void recv_batch(int rfd, int ackfd, long count)
{
	long long left = (long long)count * BLOCK;
	char c = 'a';

	while (left > 0) {
		ssize_t r = read(rfd, buf, BLOCK);

		if (r <= 0) {
			if (r == 0)
				errno = 0;
			die("child read");
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
	int sv[2];
	uint64_t t0, t1;
	pid_t pid;

	memset(buf, 'b', sizeof(buf));
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		die("socketpair");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(sv[0]);
		recv_batch(sv[1], sv[1], warm);
		recv_batch(sv[1], sv[1], n);
		_exit(0);
	}
	watch_child(pid);
	close(sv[1]);
	send_batch(sv[0], sv[0], warm);
	t0 = now_ns();
	send_batch(sv[0], sv[0], n);
	t1 = now_ns();
	close(sv[0]);
	wait_child_ok(pid);
	report_bw("bw_unix", t1 - t0, (double)n * BLOCK);
	return 0;
}

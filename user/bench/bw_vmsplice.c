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
static void recv_batch(int rfd, int ackfd, long count)
{
	static int nullfd = -1;
	long long left = (long long)count * BLOCK;
	char c = 'a';

	if (nullfd < 0)
		nullfd = open("/dev/null", O_WRONLY);
	if (nullfd < 0)
		die("open /dev/null");
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
	memset(buf, 'b', sizeof(buf));
	bw_pipe_pair("bw_vmsplice", bench_iterations(argc, argv, 16384), BLOCK, send_batch,
		     recv_batch);
	return 0;
}

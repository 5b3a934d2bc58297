/*
 * user/bench/bw_pipe.c - pipe bandwidth: the parent writes 64 KiB blocks
 * into a pipe, the child reads them (64 KiB reads) and, after each batch,
 * acknowledges over a second pipe, so the timed span ends when the last
 * byte has been read. Usage: bw_pipe [WRITES]   (WRITES blocks of 64 KiB)
 * prints "bw_pipe MIB_S MiB/s".
 */
#include "bench.h"

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
	memset(buf, 'b', sizeof(buf));
	bw_pipe_pair("bw_pipe" BENCH_NAME_SUFFIX, bench_iterations(argc, argv, 16384), BLOCK, send_batch, recv_batch);
	return 0;
}

/*
 * pipe_data.c - 16 MiB through a pipe with mixed write/read sizes arrives intact
 * and in order; read returns 0 after the last writer closes; zero-length reads
 * and writes return 0 at once (no SIGPIPE even without a reader).
 */
#include "utest.h"
#include <signal.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/wait.h>

#define TOTAL	(16 * 1024 * 1024)
#define PAT	65521			/* prime period of the byte pattern */
#define MAXIO	100000			/* largest single read or write */

static unsigned char src[PAT + MAXIO];	/* src[i] = pattern byte i % PAT */
static unsigned char buf[MAXIO];
static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static void make_pattern(void)
{
	uint32_t x = 0x2545f491;
	int i;

	for (i = 0; i < PAT; i++) {
		x = x * 1103515245u + 12345u;
		src[i] = (unsigned char)(x >> 16);
	}
	for (i = PAT; i < PAT + MAXIO; i++)
		src[i] = src[i - PAT];
}

/* Child: write TOTAL bytes of the pattern with varying sizes; exit 0 only if
 * every blocking write returned its full count. */
static void writer(int fd)
{
	static const int sizes[] = { 1, 4096, 7, 65536, 4095, 100000, 4097,
				     513, 30000, 65537, 3, 12288, 8191 };
	long pos = 0;
	int i = 0, short_writes = 0;

	while (pos < TOTAL) {
		long n = sizes[i++ % (int)(sizeof(sizes) / sizeof(sizes[0]))];
		ssize_t w;

		if (n > TOTAL - pos)
			n = TOTAL - pos;
		w = write(fd, src + pos % PAT, n);
		if (w <= 0)
			_exit(3);
		if (w != n)
			short_writes++;
		pos += w;
	}
	close(fd);
	_exit(short_writes ? 2 : 0);
}

int main(void)
{
	static const int rsizes[] = { 4096, 1, 100000, 13, 65536, 5000, 333,
				      8192, 65535, 2 };
	int p[2], status, bad = 0, reads = 0;
	long got = 0;
	ssize_t r;
	pid_t pid;
	struct sigaction sa;

	alarm(20);
	make_pattern();

	/* 1. 16 MiB from a child to the parent. */
	CHECK_OK("pipe() succeeds", pipe(p));
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		writer(p[1]);
	}
	close(p[1]);
	for (;;) {
		int want = rsizes[reads % (int)(sizeof(rsizes) / sizeof(rsizes[0]))];

		r = read(p[0], buf, want);
		if (r <= 0)
			break;
		reads++;
		if (r > want || memcmp(buf, src + got % PAT, r) != 0)
			bad++;
		got += r;
	}
	CHECK_EQ("read ends with 0 (EOF) after the writer closed, not -1", r, 0);
	CHECK_EQ("all 16 MiB arrive (byte count)", got, TOTAL);
	CHECK_EQ("every chunk read matches the bytes written, in order", bad, 0);
	CHECK_EQ("read at EOF keeps returning 0", read(p[0], buf, 100), 0);
	CHECK_EQ("writer child pid reaped", waitpid(pid, &status, 0), pid);
	CHECK("every blocking write returned its full count (writer exit 0)",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(p[0]);

	/* 2. read returns what is there without waiting for the full request;
	 *    data written before the writer's close is still delivered. */
	pipe(p);
	CHECK_EQ("read of 0 bytes on an empty pipe returns 0 at once",
		 read(p[0], buf, 0), 0);
	CHECK_EQ("write of 0 bytes with a reader returns 0", write(p[1], src, 0), 0);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	CHECK_ERR("a zero-length write leaves nothing to read (EAGAIN)",
		  read(p[0], buf, 10), EAGAIN);
	write(p[1], src, 10);
	CHECK_EQ("read(4096) returns the 10 bytes available", read(p[0], buf, 4096), 10);
	write(p[1], src, 100);
	close(p[1]);
	CHECK_EQ("data written before the last writer closed is still read",
		 read(p[0], buf, 4096), 100);
	CHECK_EQ("then read returns 0 (EOF), even with O_NONBLOCK",
		 read(p[0], buf, 4096), 0);
	close(p[0]);

	/* 3. zero-length write on a pipe with no reader. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigpipe;
	sigaction(SIGPIPE, &sa, NULL);
	pipe(p);
	close(p[0]);
	CHECK_EQ("write of 0 bytes on a reader-less pipe returns 0",
		 write(p[1], src, 0), 0);
	CHECK_EQ("... and raises no SIGPIPE", sigpipes, 0);
	CHECK_ERR("a 1-byte write on the same pipe fails with EPIPE",
		  write(p[1], src, 1), EPIPE);
	CHECK_EQ("... and raises SIGPIPE once", sigpipes, 1);

	pid = fork();
	if (pid == 0) {		/* default SIGPIPE action would kill us */
		signal(SIGPIPE, SIG_DFL);
		_exit(write(p[1], src, 0) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK("with default SIGPIPE action, a 0-byte write to a reader-less pipe does not kill",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(p[1]);
	return utest_done();
}

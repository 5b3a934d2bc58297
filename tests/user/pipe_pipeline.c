/*
 * pipe_pipeline.c - pipelines from fork+dup2+execve of argv[0] in producer/
 * filter/consumer roles: data and EOF flow across exec, O_CLOEXEC ends close at
 * exec, and "endless producer | head" ends with the producer killed by SIGPIPE.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;

#define NLINES 20000

static char *self;

/* Line i of the producer's output: "i:" then i%50 letters, then '\n'. */
static int make_line(char *out, long i, int upper)
{
	int n = sprintf(out, "%ld:", i), k;
	char c = (char)((upper ? 'A' : 'a') + i % 26);

	for (k = 0; k < i % 50; k++)
		out[n++] = c;
	out[n++] = '\n';
	return n;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

/* ---- roles, each run in a freshly exec'd image ---- */

/* producer N: N lines to stdout (N < 0: forever) */
static int producer(long n)
{
	static char b[8192];
	size_t used = 0;
	long i;

	for (i = 0; n < 0 || i < n; i++) {
		used += make_line(b + used, i, 0);
		if (used > sizeof(b) - 100) {
			if (write_all(1, b, used) < 0)
				return 1;
			used = 0;
		}
	}
	return write_all(1, b, used) < 0 ? 1 : 0;
}

/* filter: stdin to stdout, lower case letters turned to upper case */
static int filter(void)
{
	static char b[5000];
	ssize_t r, i;

	while ((r = read(0, b, sizeof(b))) > 0) {
		for (i = 0; i < r; i++)
			if (b[i] >= 'a' && b[i] <= 'z')
				b[i] = (char)(b[i] - 'a' + 'A');
		if (write_all(1, b, r) < 0)
			return 1;
	}
	return r < 0 ? 1 : 0;
}

/* consumer RESFD UPPER CX0 CX1: check stdin, report on RESFD */
static int consumer(int resfd, int upper, int cx0, int cx1)
{
	static char b[3000], line[128], want[128];
	uint32_t fnv = 2166136261u;
	long lines = 0, bytes = 0, bad = 0;
	int len = 0, cloexec_gone, stdin_fifo;
	ssize_t r, i;
	struct stat st;
	char res[200];

	while ((r = read(0, b, sizeof(b))) > 0) {
		for (i = 0; i < r; i++) {
			fnv = (fnv ^ (unsigned char)b[i]) * 16777619u;
			if (len < (int)sizeof(line))
				line[len] = b[i];
			len++;
			if (b[i] == '\n') {
				int wl = make_line(want, lines, upper);

				if (wl != len || memcmp(want, line, wl) != 0)
					bad++;
				lines++;
				len = 0;
			}
		}
		bytes += r;
	}
	cloexec_gone = fcntl(cx0, F_GETFD) == -1 && errno == EBADF &&
		       fcntl(cx1, F_GETFD) == -1 && errno == EBADF;
	stdin_fifo = fstat(0, &st) == 0 && S_ISFIFO(st.st_mode);
	snprintf(res, sizeof(res), "%ld %ld %lu %ld %d %d %d\n", lines, bytes,
		 (unsigned long)fnv, bad, len, cloexec_gone, stdin_fifo);
	return write_all(resfd, res, strlen(res)) < 0 || r < 0 ? 1 : 0;
}

/* head N: read N lines from stdin, then exit without reading more */
static int head(long n)
{
	char c;
	long lines = 0;

	while (lines < n && read(0, &c, 1) == 1)
		if (c == '\n')
			lines++;
	return lines == n ? 0 : 1;
}

/* ---- the driver ---- */

/* Fork a child that makes in/out its stdin/stdout, closes the listed
 * descriptors and execs this program with the given arguments. */
static pid_t spawn(int in, int out, const int *closefds, int nclose, char **args)
{
	pid_t pid = fork();
	int i;

	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		if (in >= 0 && dup2(in, 0) < 0)
			_exit(126);
		if (out >= 0 && dup2(out, 1) < 0)
			_exit(126);
		for (i = 0; i < nclose; i++)
			close(closefds[i]);
		execve(self, args, environ);
		_exit(127);
	}
	return pid;
}

static int exited0(int status)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv)
{
	int a[2], b[2], res[2], cx[2], st1, st2, st3, got_fields;
	long lines = -1, bytes = -1, bad = -1, i, want_bytes = 0;
	unsigned long fnv = 0;
	int partial = -1, cloexec_gone = -1, stdin_fifo = -1;
	uint32_t want_fnv = 2166136261u;
	char resbuf[256], sres[16], scx0[16], scx1[16], sn[16], line[128];
	char *args[8];
	pid_t prod, filt, cons;
	ssize_t r;
	int closefds[8];

	alarm(20);
	self = argv[0];
	if (argc >= 3 && strcmp(argv[1], "producer") == 0)
		return producer(atol(argv[2]));
	if (argc >= 2 && strcmp(argv[1], "filter") == 0)
		return filter();
	if (argc >= 6 && strcmp(argv[1], "consumer") == 0)
		return consumer(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
	if (argc >= 3 && strcmp(argv[1], "head") == 0)
		return head(atol(argv[2]));

	/* 1. producer | consumer */
	pipe(a);
	pipe(res);
	pipe2(cx, O_CLOEXEC);
	snprintf(sn, sizeof(sn), "%d", NLINES);
	snprintf(sres, sizeof(sres), "%d", res[1]);
	snprintf(scx0, sizeof(scx0), "%d", cx[0]);
	snprintf(scx1, sizeof(scx1), "%d", cx[1]);
	closefds[0] = a[0];
	closefds[1] = a[1];
	closefds[2] = res[0];
	closefds[3] = res[1];
	args[0] = self;
	args[1] = "producer";
	args[2] = sn;
	args[3] = NULL;
	prod = spawn(-1, a[1], closefds, 4, args);
	args[1] = "consumer";
	args[2] = sres;
	args[3] = "0";
	args[4] = scx0;
	args[5] = scx1;
	args[6] = NULL;
	cons = spawn(a[0], -1, closefds, 3, args);	/* keeps res[1] */
	close(a[0]);
	close(a[1]);
	close(res[1]);
	close(cx[0]);
	close(cx[1]);

	for (i = 0; i < NLINES; i++) {
		int n = make_line(line, i, 0), k;

		for (k = 0; k < n; k++)
			want_fnv = (want_fnv ^ (unsigned char)line[k]) * 16777619u;
		want_bytes += n;
	}
	memset(resbuf, 0, sizeof(resbuf));
	r = read(res[0], resbuf, sizeof(resbuf) - 1);
	got_fields = sscanf(resbuf, "%ld %ld %lu %ld %d %d %d", &lines, &bytes, &fnv, &bad,
			    &partial, &cloexec_gone, &stdin_fifo);
	CHECK("the exec'd consumer reported through a pipe fd inherited across execve",
	      r > 0 && got_fields == 7);
	CHECK_EQ("the result pipe reads EOF once the consumer is gone", read(res[0], resbuf, 10), 0);
	close(res[0]);
	waitpid(prod, &st1, 0);
	waitpid(cons, &st2, 0);
	CHECK("producer (stdout = pipe) exited 0", exited0(st1));
	CHECK("consumer (stdin = pipe) exited 0 after reading EOF", exited0(st2));
	CHECK_EQ("consumer counted every line", lines, NLINES);
	CHECK_EQ("consumer counted every byte", bytes, want_bytes);
	CHECK_EQ("consumer's FNV checksum matches the producer's output", fnv, want_fnv);
	CHECK_EQ("every line arrived intact and in order", bad, 0);
	CHECK_EQ("no partial line at EOF", partial, 0);
	CHECK_EQ("O_CLOEXEC pipe ends were closed by execve", cloexec_gone, 1);
	CHECK_EQ("the consumer's stdin is a FIFO (fstat)", stdin_fifo, 1);

	/* 2. producer | filter | consumer(upper) */
	pipe(a);
	pipe(b);
	pipe(res);
	snprintf(sres, sizeof(sres), "%d", res[1]);
	closefds[0] = a[0];
	closefds[1] = a[1];
	closefds[2] = b[0];
	closefds[3] = b[1];
	closefds[4] = res[0];
	closefds[5] = res[1];
	args[1] = "producer";
	args[2] = sn;
	args[3] = NULL;
	prod = spawn(-1, a[1], closefds, 6, args);
	args[1] = "filter";
	args[2] = NULL;
	filt = spawn(a[0], b[1], closefds, 6, args);
	args[1] = "consumer";
	args[2] = sres;
	args[3] = "1";
	args[4] = "1000";
	args[5] = "1000";
	args[6] = NULL;
	cons = spawn(b[0], -1, closefds, 5, args);
	for (i = 0; i < 4; i++)
		close(closefds[i]);
	close(res[1]);
	memset(resbuf, 0, sizeof(resbuf));
	r = read(res[0], resbuf, sizeof(resbuf) - 1);
	got_fields = sscanf(resbuf, "%ld %ld %lu %ld %d %d %d", &lines, &bytes, &fnv, &bad,
			    &partial, &cloexec_gone, &stdin_fifo);
	close(res[0]);
	waitpid(prod, &st1, 0);
	waitpid(filt, &st2, 0);
	waitpid(cons, &st3, 0);
	CHECK("three-stage pipeline: all three exited 0", exited0(st1) && exited0(st2) &&
	      exited0(st3));
	CHECK("three-stage pipeline: every upper-cased line arrived in order",
	      got_fields == 7 && lines == NLINES && bytes == want_bytes && bad == 0);

	/* 3. endless producer | head 10 */
	pipe(a);
	closefds[0] = a[0];
	closefds[1] = a[1];
	args[1] = "producer";
	args[2] = "-1";
	args[3] = NULL;
	prod = spawn(-1, a[1], closefds, 2, args);
	args[1] = "head";
	args[2] = "10";
	cons = spawn(a[0], -1, closefds, 2, args);
	close(a[0]);
	close(a[1]);
	waitpid(cons, &st2, 0);
	waitpid(prod, &st1, 0);
	CHECK("head read its 10 lines and exited 0", exited0(st2));
	CHECK("the endless producer was killed by SIGPIPE after head exited",
	      WIFSIGNALED(st1) && WTERMSIG(st1) == SIGPIPE);
	return utest_done();
}

/*
 * pipe_size.c - F_GETPIPE_SZ/F_SETPIPE_SZ as today's Linux: the capacity in
 * pages rounded up to a power of two, at least one page; EBUSY when the data
 * held would not fit, EPERM past fs/pipe-max-size (1 MiB) without privilege,
 * EINVAL past 2^31, EBADF on what is not a pipe; data keeps its order across a
 * resize of a wrapped ring, and a writer asleep on a full pipe goes on when
 * the pipe grows.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int inpipe(int fd)
{
	int n = -1;

	ioctl(fd, FIONREAD, &n);
	return n;
}

/* how many bytes a non-blocking writer gets in before EAGAIN */
static int capacity(int wfd, int rfd)
{
	static char buf[4096];
	int n = 0, r, fl = fcntl(wfd, F_GETFL);
	char sink[4096];

	fcntl(wfd, F_SETFL, fl | O_NONBLOCK);
	while ((r = write(wfd, buf, sizeof(buf))) > 0)
		n += r;
	fcntl(wfd, F_SETFL, fl);
	fcntl(rfd, F_SETFL, O_NONBLOCK);
	while (read(rfd, sink, sizeof(sink)) > 0)
		;
	fcntl(rfd, F_SETFL, 0);
	return n;
}

/* root with CAP_SYS_RESOURCE (a container's root may lack it: /proc says so where it exists) */
static int has_sys_resource(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	unsigned long long cap;
	int yes = geteuid() == 0;

	if (!f)
		return yes;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &cap) == 1)
			yes = (cap >> 24) & 1;
	fclose(f);
	return yes;
}

int main(void)
{
	const char *fifo = "/tmp/pipe_size.fifo";
	int p[2], fd, ok, st;
	char buf[3 * 4096], out[3 * 4096];
	pid_t pid;

	alarm(20);
	CHECK_OK("pipe", pipe(p));
	CHECK_EQ("F_GETPIPE_SZ: 65536 on the read end", fcntl(p[0], F_GETPIPE_SZ), 65536);
	CHECK_EQ("... and on the write end", fcntl(p[1], F_GETPIPE_SZ), 65536);
	CHECK_EQ("the default pipe holds 65536 bytes", capacity(p[1], p[0]), 65536);
	fd = open("/dev/null", O_RDWR);
	CHECK_ERR("F_GETPIPE_SZ on /dev/null: EBADF", fcntl(fd, F_GETPIPE_SZ), EBADF);
	CHECK_ERR("F_SETPIPE_SZ on /dev/null: EBADF", fcntl(fd, F_SETPIPE_SZ, 4096), EBADF);
	close(fd);
	unlink(fifo);
	mkfifo(fifo, 0600);
	fd = open(fifo, O_RDWR);
	CHECK_EQ("a FIFO: 65536", fcntl(fd, F_GETPIPE_SZ), 65536);
	CHECK_EQ("a FIFO can be set to 8192", fcntl(fd, F_SETPIPE_SZ, 8192), 8192);
	close(fd);
	fd = open(fifo, O_RDWR);
	CHECK_EQ("... a new open of it starts at 65536 again", fcntl(fd, F_GETPIPE_SZ), 65536);
	close(fd);
	unlink(fifo);

	/* rounding */
	CHECK_EQ("F_SETPIPE_SZ 0 gives one page", fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
	CHECK_EQ("... F_GETPIPE_SZ says 4096", fcntl(p[0], F_GETPIPE_SZ), 4096);
	CHECK_EQ("... and it holds 4096 bytes", capacity(p[1], p[0]), 4096);
	CHECK_EQ("F_SETPIPE_SZ 1 gives one page", fcntl(p[1], F_SETPIPE_SZ, 1), 4096);
	CHECK_EQ("F_SETPIPE_SZ 4097 rounds to 8192", fcntl(p[1], F_SETPIPE_SZ, 4097), 8192);
	CHECK_EQ("F_SETPIPE_SZ 12288 rounds to 16384", fcntl(p[1], F_SETPIPE_SZ, 12288), 16384);
	CHECK_EQ("... it holds 16384", capacity(p[1], p[0]), 16384);
	CHECK_EQ("F_SETPIPE_SZ 1 MiB (the max) works", fcntl(p[1], F_SETPIPE_SZ, 1 << 20), 1 << 20);
	CHECK_EQ("... it holds 1 MiB", capacity(p[1], p[0]), 1 << 20);
	CHECK_ERR("F_SETPIPE_SZ 2^31 + 1: EINVAL", fcntl(p[1], F_SETPIPE_SZ, (1U << 31) + 1), EINVAL);
	CHECK_ERR("F_SETPIPE_SZ -1: EINVAL", fcntl(p[1], F_SETPIPE_SZ, -1), EINVAL);
	if (has_sys_resource())
		CHECK_EQ("root may go past the max: 2 MiB", fcntl(p[1], F_SETPIPE_SZ, 2 << 20),
			 2 << 20);
	else
		CHECK_ERR("without CAP_SYS_RESOURCE, 2 MiB: EPERM", fcntl(p[1], F_SETPIPE_SZ, 2 << 20),
			  EPERM);

	/* EBUSY: what is in the pipe must fit */
	CHECK_EQ("back to 65536", fcntl(p[1], F_SETPIPE_SZ, 65536), 65536);
	CHECK_EQ("two pages in", write(p[1], buf, 8192), 8192);
	CHECK_ERR("shrinking to one page with two held: EBUSY", fcntl(p[1], F_SETPIPE_SZ, 4096),
		  EBUSY);
	CHECK_EQ("... the size is unchanged", fcntl(p[0], F_GETPIPE_SZ), 65536);
	CHECK_EQ("... and so is the data", inpipe(p[0]), 8192);
	CHECK_EQ("shrinking to exactly two pages works", fcntl(p[1], F_SETPIPE_SZ, 8192), 8192);
	CHECK_ERR("... and the pipe is full now: O_NONBLOCK write EAGAIN",
		  (fcntl(p[1], F_SETFL, O_NONBLOCK), write(p[1], buf, 1)), EAGAIN);
	fcntl(p[1], F_SETFL, 0);
	CHECK_EQ("read back the 8192", read(p[0], out, sizeof(out)), 8192);

	/* a wrapped ring keeps its order across a resize */
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = 'A' + i % 23;
	CHECK_EQ("a pipe of 4 pages", fcntl(p[1], F_SETPIPE_SZ, 16384), 16384);
	write(p[1], buf, 4096 * 3);
	read(p[0], out, 4096 * 2);
	write(p[1], buf, 4096 * 2);	/* wraps: slots 3, 0, 1 in use */
	CHECK_EQ("grow the wrapped ring to 8 pages", fcntl(p[1], F_SETPIPE_SZ, 32768), 32768);
	CHECK_EQ("... all 3 pages still there", inpipe(p[0]), 3 * 4096);
	ok = read(p[0], out, 4096) == 4096 && !memcmp(out, buf + 2 * 4096, 4096) &&
	     read(p[0], out, 8192) == 8192 && !memcmp(out, buf, 8192);
	CHECK("... in their order", ok);
	write(p[1], buf, 4096 * 3);
	read(p[0], out, 4096 * 2);
	write(p[1], buf, 4096 * 2);
	CHECK_EQ("shrink a ring holding 3 pages to 4", fcntl(p[1], F_SETPIPE_SZ, 16384), 16384);
	ok = read(p[0], out, 4096) == 4096 && !memcmp(out, buf + 2 * 4096, 4096) &&
	     read(p[0], out, 8192) == 8192 && !memcmp(out, buf, 8192);
	CHECK("... in their order", ok);

	/* a writer asleep on a full pipe goes on when it grows */
	CHECK_EQ("one page", fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);
	pid = fork();
	if (pid == 0) {
		alarm(5);
		_exit(write(p[1], buf, 8192) == 8192 ? 0 : 1);
	}
	usleep(200000);
	CHECK_EQ("the writer filled the one page and sleeps", inpipe(p[0]), 4096);
	CHECK_EQ("grow to 4 pages", fcntl(p[0], F_SETPIPE_SZ, 16384), 16384);
	waitpid(pid, &st, 0);
	CHECK("... the writer finished its 8192 without a reader", WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0);
	CHECK_EQ("... 8192 in the pipe", inpipe(p[0]), 8192);
	read(p[0], out, sizeof(out));

	/* without privilege */
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		bad |= fcntl(p[1], F_SETPIPE_SZ, 1 << 20) != 1 << 20;
		errno = 0;
		bad |= (fcntl(p[1], F_SETPIPE_SZ, (1 << 20) + 1) != -1 || errno != EPERM) << 1;
		bad |= (fcntl(p[1], F_SETPIPE_SZ, 4096) != 4096) << 2;
		_exit(bad);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("uid 65534: 1 MiB ok, 1 MiB + 1 EPERM, shrinking ok (bit mask of failures)",
		 WIFEXITED(st) ? WEXITSTATUS(st) : 100, 0);
	if (has_sys_resource()) {
		CHECK_EQ("root grows the pipe to 2 MiB", fcntl(p[1], F_SETPIPE_SZ, 2 << 20), 2 << 20);
		pid = fork();
		if (pid == 0) {
			if (setgid(65534) || setuid(65534))
				_exit(2);
			/* already past the max: not growing it needs no privilege */
			_exit(fcntl(p[1], F_SETPIPE_SZ, 2 << 20) == 2 << 20 ? 0 : 1);
		}
		waitpid(pid, &st, 0);
		CHECK_EQ("uid 65534 may keep a 2 MiB pipe at 2 MiB", WIFEXITED(st) ? WEXITSTATUS(st) : 100,
			 0);
	}
	close(p[0]);
	close(p[1]);
	return utest_done();
}

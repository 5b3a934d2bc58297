/*
 * fifo_open.c - FIFO creation (mode & ~umask, EEXIST, EACCES) and open rules
 * between processes: ENXIO, EOF without POLLHUP, blocking opens waiting for a
 * partner, O_RDWR never blocking, data discarded at the last close.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

static char path[64], dir[64], inner[96];
static char buf[100000];

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int revents(int fd)
{
	struct pollfd pf = { fd, POLLIN, 0 };

	if (poll(&pf, 1, 0) < 0)
		return -1;
	return pf.revents;
}

static int exit_code(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Child: after ms, note the time on pipe tp, then open the FIFO with flags,
 * write what (if any) and close. */
static pid_t later_open(int ms, int flags, const char *what, int tp)
{
	pid_t pid = fork();

	if (pid == 0) {
		long long t;
		int fd;

		msleep(ms);
		t = now_us();
		write(tp, &t, sizeof(t));
		fd = open(path, flags);
		if (fd < 0)
			_exit(1);
		if (what && write(fd, what, strlen(what)) != (ssize_t)strlen(what))
			_exit(2);
		close(fd);
		_exit(0);
	}
	return pid;
}

int main(void)
{
	int fd, fd2, wfd, tp[2], i, bad;
	pid_t pid;
	mode_t old;
	struct stat st;
	long long t_child = 0, t_done;
	ssize_t r, got;
	char c;

	alarm(20);
	snprintf(path, sizeof(path), "/tmp/fifo_open.%d", (int)getpid());
	snprintf(dir, sizeof(dir), "/tmp/fifo_open.%d.d", (int)getpid());
	snprintf(inner, sizeof(inner), "%s/f", dir);
	unlink(path);
	pipe(tp);

	/* Creation. */
	old = umask(027);
	CHECK_OK("mkfifo succeeds", mkfifo(path, 0777));
	umask(old);
	CHECK("stat shows S_ISFIFO", stat(path, &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK_EQ("mode is 0777 & ~umask(027) = 0750", st.st_mode & 07777, 0750);
	CHECK_ERR("mkfifo on an existing name gives EEXIST", mkfifo(path, 0600), EEXIST);
	CHECK_ERR("mkfifo in a missing directory gives ENOENT",
		  mkfifo("/tmp/fifo_open.no.such.dir/f", 0600), ENOENT);
	mkdir(dir, 0755);
	pid = fork();
	if (pid == 0) {		/* exit status: bit 0 mkfifo wrong, bit 1 open wrong */
		int res = 0;

		if (setgid(65534) < 0 || setuid(65534) < 0)
			_exit(10);
		if (mkfifo(inner, 0666) == 0 || errno != EACCES)
			res |= 1;
		if (open(path, O_RDONLY | O_NONBLOCK) >= 0 || errno != EACCES)
			res |= 2;
		_exit(res);
	}
	i = exit_code(pid);
	CHECK("uid 65534: mkfifo in a root 0755 directory gives EACCES", i >= 0 && i < 4 &&
	      !(i & 1));
	CHECK("uid 65534: open of a root 0750 FIFO (no bits for others) gives EACCES",
	      i >= 0 && i < 4 && !(i & 2));
	unlink(inner);
	rmdir(dir);

	/* Non-blocking opens without a partner. */
	CHECK_ERR("open(O_WRONLY|O_NONBLOCK) with no reader gives ENXIO",
		  open(path, O_WRONLY | O_NONBLOCK), ENXIO);
	fd = open(path, O_RDONLY | O_NONBLOCK);
	CHECK("open(O_RDONLY|O_NONBLOCK) with no writer succeeds at once", fd >= 0);
	CHECK_EQ("... read returns 0 (EOF), not EAGAIN", read(fd, buf, 10), 0);
	CHECK_EQ("... poll shows no POLLHUP (no writer has come and gone)", revents(fd), 0);
	pid = fork();
	if (pid == 0) {
		wfd = open(path, O_WRONLY | O_NONBLOCK);
		_exit(wfd >= 0 && write(wfd, "abc", 3) == 3 ? 0 : 1);
	}
	CHECK_EQ("another process's O_WRONLY|O_NONBLOCK open succeeds while a reader exists",
		 exit_code(pid), 0);
	CHECK_EQ("the reader gets the 3 bytes that process wrote", read(fd, buf, 10), 3);
	CHECK_EQ("once that writer has gone, poll shows POLLHUP", revents(fd), POLLHUP);
	CHECK_EQ("... and read returns 0", read(fd, buf, 10), 0);
	close(fd);

	/* Blocking O_RDONLY waits for a writer. */
	pid = later_open(100, O_WRONLY, "x", tp[1]);
	fd = open(path, O_RDONLY);
	t_done = now_us();
	read(tp[0], &t_child, sizeof(t_child));
	CHECK("blocking open(O_RDONLY) returned only after the writer began its open",
	      fd >= 0 && t_done >= t_child);
	CHECK_EQ("... then reads the writer's byte", read(fd, buf, 10), 1);
	CHECK_EQ("the writer child succeeded", exit_code(pid), 0);
	close(fd);

	/* Blocking O_WRONLY waits for a reader. */
	pid = later_open(100, O_RDONLY, NULL, tp[1]);
	fd = open(path, O_WRONLY);
	t_done = now_us();
	read(tp[0], &t_child, sizeof(t_child));
	CHECK("blocking open(O_WRONLY) returned only after the reader began its open",
	      fd >= 0 && t_done >= t_child);
	exit_code(pid);
	close(fd);

	/* A writer that opens and closes at once releases a blocked reader. The
	 * child retries a non-blocking open until our reader is registered. */
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 1000; i++) {
			wfd = open(path, O_WRONLY | O_NONBLOCK);
			if (wfd >= 0) {
				close(wfd);
				_exit(0);
			}
			msleep(10);
		}
		_exit(1);
	}
	fd = open(path, O_RDONLY);
	CHECK("a blocked open(O_RDONLY) is released by a writer that opened and closed",
	      fd >= 0);
	CHECK_EQ("... its read returns 0 at once", read(fd, buf, 10), 0);
	CHECK_EQ("... and poll shows POLLHUP", revents(fd), POLLHUP);
	exit_code(pid);
	close(fd);

	/* O_RDWR. */
	fd = open(path, O_RDWR);
	CHECK("open(O_RDWR) with no other opener does not block", fd >= 0);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	CHECK_ERR("non-blocking read on the empty O_RDWR FIFO gives EAGAIN, never EOF",
		  read(fd, buf, 10), EAGAIN);
	CHECK_EQ("poll of the empty O_RDWR FIFO shows nothing", revents(fd), 0);
	fd2 = open(path, O_RDONLY);
	CHECK("a blocking open(O_RDONLY) succeeds at once (the O_RDWR fd is a writer)", fd2 >= 0);
	close(fd2);
	CHECK_ERR("open with access mode 3 (O_ACCMODE) gives EINVAL",
		  open(path, O_ACCMODE | O_NONBLOCK), EINVAL);

	/* Bulk data from another process. */
	pid = fork();
	if (pid == 0) {
		wfd = open(path, O_WRONLY);
		for (i = 0; i < (int)sizeof(buf); i++)
			buf[i] = (char)(i % 253);
		_exit(write(wfd, buf, sizeof(buf)) == (ssize_t)sizeof(buf) ? 0 : 1);
	}
	fd2 = open(path, O_RDONLY);	/* blocking reads below */
	got = 0;
	bad = 0;
	while (got < (ssize_t)sizeof(buf) && (r = read(fd2, buf, sizeof(buf) - got)) > 0) {
		for (i = 0; i < r; i++)
			if (buf[i] != (char)((got + i) % 253))
				bad++;
		got += r;
	}
	CHECK("100000 bytes written by another process are read intact",
	      got == (ssize_t)sizeof(buf) && bad == 0 && exit_code(pid) == 0);
	close(fd2);

	/* Data stays while any end is open; the last close discards it. */
	write(fd, "keep", 4);
	wfd = open(path, O_WRONLY);
	close(fd);
	fd = open(path, O_RDONLY | O_NONBLOCK);
	CHECK_EQ("data survives as long as one opener remains", read(fd, buf, 10), 4);
	write(wfd, "lost", 4);
	close(wfd);
	close(fd);
	fd = open(path, O_RDWR | O_NONBLOCK);
	i = -1;
	ioctl(fd, FIONREAD, &i);
	CHECK_EQ("after the last close, a reopened FIFO is empty (FIONREAD 0)", i, 0);
	CHECK_ERR("... and read gives EAGAIN", read(fd, &c, 1), EAGAIN);

	/* An unlinked FIFO keeps working for those who have it open. */
	unlink(path);
	write(fd, "gone", 4);
	CHECK_EQ("an unlinked FIFO still carries data for open descriptors", read(fd, buf, 10), 4);
	close(fd);
	close(tp[0]);
	close(tp[1]);
	return utest_done();
}

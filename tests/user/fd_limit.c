/*
 * fd_limit.c - RLIMIT_NOFILE is enforced by every call that makes a
 * descriptor: open (before the path is even looked at), FIFO opens, pipe and
 * pipe2 (no half-made pipe left behind), dup, dup2, dup3, F_DUPFD and
 * F_DUPFD_CLOEXEC, with Linux's EMFILE/EBADF/EINVAL; an fd opened before the
 * limit was lowered stays usable, and select still sees it.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>

#define LIM 16

static int set_nofile(rlim_t cur)
{
	struct rlimit r;

	getrlimit(RLIMIT_NOFILE, &r);
	r.rlim_cur = cur;
	return setrlimit(RLIMIT_NOFILE, &r);
}

/* the lowest free fd, or -1 if none below the limit */
static int lowest_free(void)
{
	int fd = dup(0);

	if (fd >= 0)
		close(fd);
	return fd;
}

/* open /dev/null until the table is full below the limit; returns how many */
static int fill(void)
{
	int n = 0;

	while (open("/dev/null", O_RDONLY) >= 0)
		n++;
	return n;
}

int main(void)
{
	const char *fifo = "/tmp/fd_limit.fifo";
	int p[2], fd, free_fd, n;
	struct rlimit orig;
	fd_set rd;
	struct timeval tv = { 0, 0 };

	alarm(20);
	getrlimit(RLIMIT_NOFILE, &orig);
	for (fd = 3; fd < 1024; fd++)
		close(fd);
	unlink(fifo);
	CHECK_OK("mkfifo", mkfifo(fifo, 0600));

	/* an fd opened high, then the limit lowered below it */
	CHECK_EQ("dup2 to fd 40 under the default limit", dup2(0, 40), 40);
	CHECK_OK("RLIMIT_NOFILE lowered to 16", set_nofile(LIM));
	n = fill();
	CHECK_EQ("open fills fds 0..15 and no more", n, LIM - 3);
	CHECK_ERR("open at the limit: EMFILE", open("/dev/null", O_RDONLY), EMFILE);
	CHECK_ERR("open of a missing file at the limit: EMFILE first",
		  open("/nonexistent/x", O_RDONLY), EMFILE);
	CHECK_ERR("open O_CREAT at the limit: EMFILE, nothing created",
		  open("/tmp/fd_limit.new", O_CREAT | O_WRONLY, 0600), EMFILE);
	CHECK_ERR("... and the file was not created", access("/tmp/fd_limit.new", F_OK), ENOENT);
	CHECK_ERR("FIFO open O_RDWR at the limit: EMFILE", open(fifo, O_RDWR), EMFILE);
	CHECK_ERR("FIFO open O_RDONLY|O_NONBLOCK at the limit: EMFILE",
		  open(fifo, O_RDONLY | O_NONBLOCK), EMFILE);
	CHECK_ERR("pipe at the limit: EMFILE", pipe(p), EMFILE);
	CHECK_ERR("pipe2(O_CLOEXEC) at the limit: EMFILE", pipe2(p, O_CLOEXEC), EMFILE);
	CHECK_ERR("dup at the limit: EMFILE", dup(0), EMFILE);
	CHECK_ERR("F_DUPFD 0 at the limit: EMFILE", fcntl(0, F_DUPFD, 0), EMFILE);
	CHECK_ERR("F_DUPFD_CLOEXEC 15 at the limit: EMFILE", fcntl(0, F_DUPFD_CLOEXEC, LIM - 1),
		  EMFILE);
	CHECK_ERR("F_DUPFD from 16 (= the limit): EINVAL", fcntl(0, F_DUPFD, LIM), EINVAL);
	CHECK_ERR("F_DUPFD_CLOEXEC from 16: EINVAL", fcntl(0, F_DUPFD_CLOEXEC, LIM), EINVAL);
	CHECK_ERR("F_DUPFD from -1: EINVAL", fcntl(0, F_DUPFD, -1), EINVAL);
	CHECK_ERR("dup2 to 16 (= the limit): EBADF", dup2(0, LIM), EBADF);
	CHECK_ERR("dup2 to 40 (open, past the limit): EBADF", dup2(0, 40), EBADF);
	CHECK_ERR("dup3 to 16: EBADF", dup3(0, LIM, 0), EBADF);
	CHECK_ERR("dup3 of a bad fd to 16: EBADF", dup3(99, LIM, 0), EBADF);
	CHECK_ERR("dup3 with a bad flag: EINVAL first", dup3(0, LIM, 1), EINVAL);
	CHECK_ERR("dup3 of an fd to itself: EINVAL", dup3(5, 5, 0), EINVAL);
	CHECK_EQ("dup2 to 15 (inside the limit, open) replaces it", dup2(0, LIM - 1), LIM - 1);
	CHECK_EQ("dup3 to 15 with O_CLOEXEC", dup3(0, LIM - 1, O_CLOEXEC), LIM - 1);
	CHECK_EQ("... sets FD_CLOEXEC", fcntl(LIM - 1, F_GETFD), FD_CLOEXEC);

	/* fd 40, past the limit, is still an open file */
	CHECK_EQ("dup2(40, 40) past the limit returns 40", dup2(40, 40), 40);
	CHECK_EQ("fcntl F_GETFD on fd 40 works", fcntl(40, F_GETFD), 0);
	FD_ZERO(&rd);
	FD_SET(40, &rd);
	CHECK_EQ("select with n = 41 past the limit sees fd 40", select(41, NULL, &rd, NULL, &tv),
		 1);

	/* one free fd: pipe must fail and leave it free */
	close(7);
	CHECK_ERR("pipe with one free fd: EMFILE", pipe(p), EMFILE);
	CHECK_EQ("... and fd 7 is still free", lowest_free(), 7);
	CHECK_ERR("pipe2(O_NONBLOCK) with one free fd: EMFILE", pipe2(p, O_NONBLOCK), EMFILE);
	CHECK_EQ("... fd 7 still free", lowest_free(), 7);
	CHECK_EQ("F_DUPFD from 3 finds fd 7", fcntl(0, F_DUPFD, 3), 7);
	CHECK_ERR("F_DUPFD from 8 finds none: EMFILE", fcntl(0, F_DUPFD, 8), EMFILE);
	close(7);
	close(12);
	p[0] = p[1] = -1;
	CHECK_OK("pipe with exactly two free fds works", pipe(p));
	CHECK("... read end 7, write end 12", p[0] == 7 && p[1] == 12);
	CHECK_EQ("... and the pipe carries data", write(p[1], "x", 1), 1);
	close(p[0]);

	/* a FIFO opened at the limit minus one works, then the table is full */
	fd = open(fifo, O_RDWR);
	CHECK_EQ("FIFO O_RDWR takes the one free fd", fd, 7);
	CHECK_ERR("FIFO O_WRONLY|O_NONBLOCK then: EMFILE, not ENXIO or success",
		  open(fifo, O_WRONLY | O_NONBLOCK), EMFILE);
	close(fd);

	/* limit 0: nothing can be made */
	CHECK_OK("RLIMIT_NOFILE 0", set_nofile(0));
	CHECK_ERR("open with limit 0: EMFILE", open("/dev/null", O_RDONLY), EMFILE);
	CHECK_ERR("pipe with limit 0: EMFILE", pipe(p), EMFILE);
	CHECK_ERR("F_DUPFD 0 with limit 0: EINVAL", fcntl(0, F_DUPFD, 0), EINVAL);
	CHECK_ERR("dup2 to 0 with limit 0: EBADF", dup2(1, 0), EBADF);
	CHECK_EQ("write on fd 1 still works", write(1, "", 0), 0);

	/* back to the original limit: everything opens again */
	CHECK_OK("limit restored", setrlimit(RLIMIT_NOFILE, &orig));
	free_fd = fcntl(0, F_DUPFD, LIM);
	CHECK_EQ("F_DUPFD from 16 works again and gives 16", free_fd, LIM);
	for (fd = 3; fd < 1024; fd++)
		close(fd);
	unlink(fifo);
	return utest_done();
}

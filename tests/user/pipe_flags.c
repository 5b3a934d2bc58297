/*
 * pipe_flags.c - pipe2 sets O_NONBLOCK / FD_CLOEXEC on both ends, rejects other
 * flags with EINVAL, gives EFAULT for a bad array without leaking fds, and
 * returns the two lowest free fds, read end first.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

/* The lowest free descriptor (probe with dup of stdout, then close it). */
static int lowest_free(void)
{
	int fd = dup(1);

	close(fd);
	return fd;
}

/* The two lowest free descriptors. */
static void lowest_two(int *a, int *b)
{
	*a = dup(1);
	*b = dup(1);
	close(*a);
	close(*b);
}

int main(void)
{
	int p[2], q[2], r[2], low, low2, on;
	int *volatile nullp = NULL;
	int *ro, *gone;

	alarm(20);
	lowest_two(&low, &low2);

	/* Default flags. */
	CHECK_OK("pipe() succeeds", pipe(p));
	CHECK_EQ("read end opened O_RDONLY", fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ("write end opened O_WRONLY", fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK("pipe(): neither end is O_NONBLOCK",
	      !(fcntl(p[0], F_GETFL) & O_NONBLOCK) && !(fcntl(p[1], F_GETFL) & O_NONBLOCK));
	CHECK("pipe(): neither end is close-on-exec",
	      fcntl(p[0], F_GETFD) == 0 && fcntl(p[1], F_GETFD) == 0);
	CHECK("pipe() returns the two lowest free fds, read end first",
	      p[0] == low && p[1] == low2);

	/* O_NONBLOCK is per file description; FD_CLOEXEC per descriptor. */
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	CHECK("F_SETFL O_NONBLOCK on the read end leaves the write end blocking",
	      (fcntl(p[0], F_GETFL) & O_NONBLOCK) && !(fcntl(p[1], F_GETFL) & O_NONBLOCK));
	q[0] = dup(p[0]);
	CHECK("a dup shares O_NONBLOCK", fcntl(q[0], F_GETFL) & O_NONBLOCK);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	CHECK_EQ("a dup does not share FD_CLOEXEC", fcntl(q[0], F_GETFD), 0);
	fcntl(q[0], F_SETFL, 0);
	CHECK("clearing O_NONBLOCK through the dup clears it on the original",
	      !(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	on = 1;
	ioctl(p[1], FIONBIO, &on);
	CHECK("ioctl FIONBIO(1) sets O_NONBLOCK", fcntl(p[1], F_GETFL) & O_NONBLOCK);
	fcntl(p[0], F_SETFL, O_RDWR);
	CHECK_EQ("F_SETFL cannot change the access mode", fcntl(p[0], F_GETFL) & O_ACCMODE,
		 O_RDONLY);
	close(q[0]);
	close(p[0]);
	close(p[1]);

	/* pipe2 flags. */
	CHECK_OK("pipe2(O_NONBLOCK) succeeds", pipe2(p, O_NONBLOCK));
	CHECK("pipe2(O_NONBLOCK): both ends are O_NONBLOCK",
	      (fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[1], F_GETFL) & O_NONBLOCK));
	CHECK("pipe2(O_NONBLOCK): neither end is close-on-exec",
	      fcntl(p[0], F_GETFD) == 0 && fcntl(p[1], F_GETFD) == 0);
	close(p[0]);
	close(p[1]);
	CHECK_OK("pipe2(O_CLOEXEC) succeeds", pipe2(p, O_CLOEXEC));
	CHECK("pipe2(O_CLOEXEC): both descriptors have FD_CLOEXEC",
	      fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	CHECK("pipe2(O_CLOEXEC): neither end is O_NONBLOCK",
	      !(fcntl(p[0], F_GETFL) & O_NONBLOCK) && !(fcntl(p[1], F_GETFL) & O_NONBLOCK));
	close(p[0]);
	close(p[1]);
	pipe2(p, O_CLOEXEC | O_NONBLOCK);
	CHECK("pipe2(O_CLOEXEC|O_NONBLOCK) sets both on both ends",
	      fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC &&
	      (fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[1], F_GETFL) & O_NONBLOCK));
	close(p[0]);
	close(p[1]);
	CHECK_ERR("pipe2(O_APPEND) gives EINVAL", pipe2(p, O_APPEND), EINVAL);
	CHECK_ERR("pipe2(O_WRONLY) gives EINVAL", pipe2(p, O_WRONLY), EINVAL);
	CHECK_ERR("pipe2(O_NONBLOCK|O_TRUNC) gives EINVAL", pipe2(p, O_NONBLOCK | O_TRUNC),
		  EINVAL);
	CHECK_EQ("a failed pipe2 used up no descriptor", lowest_free(), low);

	/* Bad array. */
	CHECK_ERR("pipe(NULL) gives EFAULT", pipe(nullp), EFAULT);
	gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, 4096);
	CHECK_ERR("pipe() into an unmapped page gives EFAULT", pipe(gone), EFAULT);
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK_ERR("pipe() into a read-only page gives EFAULT", pipe(ro), EFAULT);
	CHECK_ERR("pipe2(bad, O_CLOEXEC) gives EFAULT", pipe2(ro, O_CLOEXEC), EFAULT);
	munmap(ro, 4096);
	CHECK_EQ("the EFAULT failures leaked no descriptor", lowest_free(), low);

	/* Lowest free fds, with holes. */
	pipe(p);
	pipe(q);
	close(p[0]);
	close(q[0]);
	pipe(r);
	CHECK("with two holes, pipe() fills them: read end in the lower one",
	      r[0] == p[0] && r[1] == q[0]);
	close(r[0]);
	close(r[1]);
	close(p[1]);
	close(q[1]);
	return utest_done();
}

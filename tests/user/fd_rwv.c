/*
 * fd_rwv.c - readv/writev check their arguments in Linux's order: a bad fd,
 * then the wrong mode (EBADF even for 0 segments or more than UIO_MAXIOV),
 * then the vector (0 segments is 0, over 1024 EINVAL, an unreadable array
 * EFAULT, a negative length EINVAL), then the file (EISDIR for a directory).
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <sys/uio.h>

int main(void)
{
	static struct iovec iov[1100];
	struct iovec bad[2];
	struct iovec *volatile unreadable = (struct iovec *)8;
	volatile int zero = 0, many = 1025, all = 1024;
	char b[16];
	int p[2], d;

	alarm(20);
	for (int i = 0; i < 1100; i++)
		iov[i] = (struct iovec){ b, 0 };
	iov[0].iov_len = 1;
	bad[0] = (struct iovec){ b, (size_t)-1 };
	bad[1] = (struct iovec){ b, 1 };
	CHECK_OK("pipe", pipe(p));
	d = open("/tmp", O_RDONLY | O_DIRECTORY);

	CHECK_ERR("readv of a bad fd with 1025 segments: EBADF", readv(99, iov, many), EBADF);
	CHECK_ERR("readv of a write end, 0 segments: EBADF", readv(p[1], iov, zero), EBADF);
	CHECK_ERR("readv of a write end, 1025 segments: EBADF", readv(p[1], iov, many), EBADF);
	CHECK_ERR("readv of a write end, unreadable vector: EBADF", readv(p[1], unreadable, 1), EBADF);
	CHECK_ERR("readv of a write end, negative length: EBADF", readv(p[1], bad, 2), EBADF);
	CHECK_ERR("writev to a read end, 0 segments: EBADF", writev(p[0], iov, zero), EBADF);
	CHECK_ERR("writev to a read end, 1025 segments: EBADF", writev(p[0], iov, many), EBADF);
	CHECK_ERR("writev to a read end, unreadable vector: EBADF", writev(p[0], unreadable, 1),
		  EBADF);
	CHECK_ERR("writev to an O_RDONLY directory, 0 segments: EBADF", writev(d, iov, zero), EBADF);

	CHECK_EQ("readv of a read end, 0 segments: 0", readv(p[0], iov, zero), 0);
	CHECK_ERR("readv, 1025 segments: EINVAL", readv(p[0], iov, many), EINVAL);
	CHECK_ERR("readv, -1 segments: EINVAL", readv(p[0], iov, -many / many), EINVAL);
	CHECK_ERR("readv, unreadable vector: EFAULT", readv(p[0], unreadable, 1), EFAULT);
	CHECK_ERR("readv, a negative length: EINVAL", readv(p[0], bad, 2), EINVAL);
	CHECK_EQ("writev, 0 segments: 0", writev(p[1], iov, zero), 0);
	CHECK_ERR("writev, 1025 segments: EINVAL", writev(p[1], iov, many), EINVAL);
	CHECK_ERR("writev, a negative length: EINVAL", writev(p[1], bad, 2), EINVAL);
	CHECK_EQ("writev of 1024 segments (one byte in all)", writev(p[1], iov, all), 1);
	CHECK_EQ("readv of 1024 segments gets it", readv(p[0], iov, all), 1);
	CHECK_EQ("readv of a directory, 0 segments: 0", readv(d, iov, zero), 0);
	CHECK_ERR("readv of a directory, 1 segment: EISDIR", readv(d, iov, 1), EISDIR);
	CHECK_ERR("readv of a directory, 1025 segments: EINVAL", readv(d, iov, many), EINVAL);
	close(d);
	close(p[0]);
	close(p[1]);
	return utest_done();
}

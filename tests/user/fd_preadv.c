/*
 * fd_preadv.c - preadv/pwritev (333/334) at a position that the file
 * offset never sees, preadv2/pwritev2 (378/379) with -1 for the file
 * offset and their flags; negative positions, pipes, bad fds, modes,
 * vectors and flags.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include "utest.h"

#define PATH "/tmp/fd_preadv.tmp"

static long pv(long nr, int fd, struct iovec *v, int n, long long pos)
{
	return syscall(nr, fd, v, n, (unsigned long)pos, (unsigned long)((unsigned long long)pos >> 32));
}

static long pv2(long nr, int fd, struct iovec *v, int n, long long pos, int flags)
{
	return syscall(nr, fd, v, n, (unsigned long)pos, (unsigned long)((unsigned long long)pos >> 32),
		       flags);
}

int main(void)
{
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644), p[2], wo;
	char a[4], b[6];
	struct iovec v[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct iovec w[2] = { { "XY", 2 }, { "Z", 1 } };

	write(fd, "0123456789abcdefghij", 20);
	lseek(fd, 3, SEEK_SET);
	CHECK_EQ("preadv of 4+6 bytes at 5", pv(SYS_preadv, fd, v, 2, 5), 10);
	CHECK("it read 5678 and 9abcde", !memcmp(a, "5678", 4) && !memcmp(b, "9abcde", 6));
	CHECK_EQ("the file offset stays at 3", lseek(fd, 0, SEEK_CUR), 3);
	CHECK_EQ("preadv at 16: short, 4 bytes", pv(SYS_preadv, fd, v, 2, 16), 4);
	CHECK_EQ("preadv at the end: 0", pv(SYS_preadv, fd, v, 2, 20), 0);
	CHECK_EQ("pwritev of 2+1 bytes at 10", pv(SYS_pwritev, fd, w, 2, 10), 3);
	CHECK_EQ("the offset still 3", lseek(fd, 0, SEEK_CUR), 3);
	pv(SYS_preadv, fd, v, 1, 8);
	CHECK("the file now has 89XY at 8", !memcmp(a, "89XY", 4));
	CHECK_EQ("pwritev past the end grows the file", pv(SYS_pwritev, fd, w, 2, 30), 3);
	CHECK_EQ("to 33 bytes", lseek(fd, 0, SEEK_END), 33);
	lseek(fd, 3, SEEK_SET);

	CHECK_EQ("preadv2 at -1 reads at the file offset", pv2(SYS_preadv2, fd, v, 1, -1, 0), 4);
	CHECK("3456", !memcmp(a, "3456", 4));
	CHECK_EQ("and moves it to 7", lseek(fd, 0, SEEK_CUR), 7);
	CHECK_EQ("preadv2 at 0 with RWF_HIPRI", pv2(SYS_preadv2, fd, v, 1, 0, 1), 4);
	CHECK("0123, offset still 7", !memcmp(a, "0123", 4) && lseek(fd, 0, SEEK_CUR) == 7);
	CHECK_EQ("pwritev2 at -1 with RWF_DSYNC writes at the offset",
		 pv2(SYS_pwritev2, fd, w, 1, -1, 2), 2);
	CHECK_EQ("and moves it to 9", lseek(fd, 0, SEEK_CUR), 9);
	CHECK_EQ("pwritev2 with RWF_SYNC at 0", pv2(SYS_pwritev2, fd, w, 1, 0, 4), 2);
	CHECK_ERR("preadv2 with an unknown flag: EOPNOTSUPP",
		  pv2(SYS_preadv2, fd, v, 1, 0, 0x10000), EOPNOTSUPP);
	CHECK_ERR("pwritev2 with an unknown flag: EOPNOTSUPP",
		  pv2(SYS_pwritev2, fd, w, 1, 0, 0x10000), EOPNOTSUPP);
	CHECK_ERR("preadv2 at -2: EINVAL", pv2(SYS_preadv2, fd, v, 1, -2, 0), EINVAL);

	CHECK_ERR("preadv at a negative position: EINVAL", pv(SYS_preadv, fd, v, 2, -1), EINVAL);
	CHECK_ERR("pwritev at a negative position: EINVAL", pv(SYS_pwritev, fd, w, 2, -5), EINVAL);
	CHECK_ERR("preadv of a bad fd: EBADF", pv(SYS_preadv, 999, v, 2, 0), EBADF);
	CHECK_ERR("preadv of a bad vector: EFAULT", pv(SYS_preadv, fd, (void *)16, 2, 0), EFAULT);
	v[1].iov_base = (void *)16;
	CHECK_ERR("preadv into a bad buffer: EFAULT", pv(SYS_preadv, fd, v + 1, 1, 0), EFAULT);
	v[1].iov_base = b;
	CHECK_ERR("preadv of 1025 segments: EINVAL", pv(SYS_preadv, fd, v, 1025, 0), EINVAL);
	CHECK_EQ("preadv of 0 segments: 0", pv(SYS_preadv, fd, v, 0, 0), 0);
	wo = open(PATH, O_WRONLY);
	CHECK_ERR("preadv of a write-only fd: EBADF", pv(SYS_preadv, wo, v, 2, 0), EBADF);
	pipe(p);
	CHECK_ERR("preadv of a pipe: ESPIPE", pv(SYS_preadv, p[0], v, 2, 0), ESPIPE);
	CHECK_ERR("pwritev of a pipe: ESPIPE", pv(SYS_pwritev, p[1], w, 2, 0), ESPIPE);
	CHECK_EQ("pwritev2 at -1 on a pipe writes", pv2(SYS_pwritev2, p[1], w, 2, -1, 0), 3);
	CHECK_EQ("preadv2 at -1 on a pipe reads", pv2(SYS_preadv2, p[0], v, 1, -1, 0), 3);
	close(p[0]);
	close(p[1]);
	close(wo);
	close(fd);
	unlink(PATH);
	return utest_done();
}

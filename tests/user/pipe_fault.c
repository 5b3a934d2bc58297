/*
 * pipe_fault.c - pipe reads and writes that fault part-way: EFAULT when
 * nothing moved, otherwise only what was committed is counted; a page buffer
 * that faulted part-way is neither counted nor kept, and data a read could
 * not deliver stays in the pipe. readv/writev with a bad segment in the
 * middle, zero-length and bad segments, and the merge into the last page.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>

static long pg;

static int inpipe(int fd)
{
	int n = -1;

	ioctl(fd, FIONREAD, &n);
	return n;
}

/* read everything and check it is the byte pattern c */
static int drain_is(int fd, int want, char c)
{
	static char buf[1 << 17];
	int n = 0, r;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	while ((r = read(fd, buf + n, sizeof(buf) - n)) > 0)
		n += r;
	fcntl(fd, F_SETFL, 0);
	for (int i = 0; i < n; i++)
		if (buf[i] != c)
			return 0;
	return n == want;
}

int main(void)
{
	int p[2];
	char *m, *hole, small[64];
	struct iovec iov[3];

	alarm(20);
	pg = sysconf(_SC_PAGESIZE);
	/* three pages: data, hole (PROT_NONE), data */
	m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hole = m + pg;
	memset(m, 'a', 3 * pg);
	mprotect(hole, pg, PROT_NONE);
	CHECK_OK("pipe", pipe(p));

	/* write: source partly unmapped */
	CHECK_ERR("write of 100 bytes from a hole: EFAULT", write(p[1], hole, 100), EFAULT);
	CHECK_EQ("... nothing in the pipe", inpipe(p[0]), 0);
	CHECK_ERR("write of 200 crossing into the hole (one page buffer): EFAULT",
		  write(p[1], hole - 100, 200), EFAULT);
	CHECK_EQ("... the part-faulted page is not kept", inpipe(p[0]), 0);
	CHECK_EQ("write of pg+100 bytes ending in the hole counts the first page only",
		 write(p[1], hole - pg, pg + 100), pg);
	CHECK_EQ("... and only that page is in the pipe", inpipe(p[0]), pg);
	CHECK("... all of it the source's bytes", drain_is(p[0], pg, 'a'));
	CHECK_EQ("write of 3 pages with the middle one a hole: the first page", write(p[1], m, 3 * pg),
		 pg);
	CHECK("... and only it", drain_is(p[0], pg, 'a'));

	/* the merge into the last page */
	CHECK_EQ("10 bytes in", write(p[1], m, 10), 10);
	CHECK_ERR("a 100-byte write merging into that page, ending in a hole: EFAULT",
		  write(p[1], hole - 50, 100), EFAULT);
	CHECK_EQ("... the 10 bytes alone stay", inpipe(p[0]), 10);
	CHECK_EQ("a good write merges after them", write(p[1], m, 10), 10);
	CHECK("... 20 bytes, unmixed", drain_is(p[0], 20, 'a'));

	/* writev: a bad segment in the middle */
	iov[0] = (struct iovec){ m, 10 };
	iov[1] = (struct iovec){ hole, 10 };
	iov[2] = (struct iovec){ m + 2 * pg, 10 };
	CHECK_ERR("writev good/bad/good in one page: EFAULT", writev(p[1], iov, 3), EFAULT);
	CHECK_EQ("... nothing in the pipe", inpipe(p[0]), 0);
	iov[0] = (struct iovec){ m, pg };
	CHECK_EQ("writev of a full page, then a bad segment: that page counts", writev(p[1], iov, 3),
		 pg);
	CHECK("... and only that page is there", drain_is(p[0], pg, 'a'));
	iov[1] = (struct iovec){ hole, 0 };
	CHECK_EQ("writev with a zero-length segment at a bad address is fine", writev(p[1], iov, 3),
		 pg + 10);
	CHECK("... both good segments arrived", drain_is(p[0], pg + 10, 'a'));
	iov[0] = (struct iovec){ NULL, 0 };
	iov[1] = (struct iovec){ hole, 0 };
	CHECK_EQ("writev of only empty segments at bad addresses: 0", writev(p[1], iov, 2), 0);
	iov[0] = (struct iovec){ NULL, 1 };
	CHECK_ERR("writev of one byte at NULL: EFAULT", writev(p[1], iov, 1), EFAULT);
	CHECK_EQ("write of 0 bytes at a hole: 0", write(p[1], hole, 0), 0);

	/* read: destination partly unmapped */
	CHECK_EQ("100 bytes in", write(p[1], m, 100), 100);
	CHECK_ERR("read of 100 into the hole: EFAULT", read(p[0], hole, 100), EFAULT);
	CHECK_EQ("... all 100 bytes stay", inpipe(p[0]), 100);
	CHECK_ERR("read of 100 ending in the hole: EFAULT", read(p[0], hole - 50, 100), EFAULT);
	CHECK_EQ("... all 100 bytes stay, none half-delivered", inpipe(p[0]), 100);
	CHECK_EQ("read of 50 into good memory takes 50", read(p[0], small, 50), 50);
	CHECK_EQ("... 50 left", inpipe(p[0]), 50);
	CHECK("... drained", drain_is(p[0], 50, 'a'));

	/* a read over two buffers that faults in the second */
	CHECK_EQ("one page in", write(p[1], m, pg), pg);
	CHECK_EQ("and 100 more bytes (a second buffer)", write(p[1], m, 100), 100);
	CHECK_EQ("read of pg+100 ending 50 bytes into the hole: the first buffer",
		 read(p[0], hole - pg, pg + 100), pg);
	CHECK_EQ("... the second buffer stays whole", inpipe(p[0]), 100);
	CHECK("... drained", drain_is(p[0], 100, 'a'));

	/* readv with a bad segment in the middle */
	CHECK_EQ("30 bytes in", write(p[1], m, 30), 30);
	iov[0] = (struct iovec){ small, 10 };
	iov[1] = (struct iovec){ hole, 10 };
	iov[2] = (struct iovec){ small + 20, 10 };
	CHECK_ERR("readv good/bad/good from one buffer: EFAULT", readv(p[0], iov, 3), EFAULT);
	CHECK_EQ("... all 30 bytes stay", inpipe(p[0]), 30);
	iov[1] = (struct iovec){ hole, 0 };
	CHECK_EQ("readv with the bad segment empty: 20", readv(p[0], iov, 3), 20);
	CHECK_EQ("... 10 left", inpipe(p[0]), 10);
	CHECK_EQ("read of 0 into a hole: 0", read(p[0], hole, 0), 0);
	CHECK_EQ("... still 10", inpipe(p[0]), 10);
	CHECK("... drained", drain_is(p[0], 10, 'a'));

	/* a full pipe, then a fault on the read of everything */
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	int total = 0, r;
	while ((r = write(p[1], m, pg)) > 0)
		total += r;
	CHECK("the pipe filled", total >= 16 * pg);
	CHECK_ERR("read of the full pipe into the hole: EFAULT", read(p[0], hole, total), EFAULT);
	CHECK_EQ("... the pipe is still full", inpipe(p[0]), total);
	CHECK("... drained", drain_is(p[0], total, 'a'));
	CHECK_EQ("a page in again", write(p[1], m, pg), pg);
	CHECK_ERR("then 1 byte from a hole (a new buffer): EFAULT", write(p[1], hole, 1), EFAULT);
	CHECK_EQ("... one page in the pipe", inpipe(p[0]), pg);
	munmap(m, 3 * pg);
	close(p[0]);
	close(p[1]);
	return utest_done();
}

/*
 * mmap_msync: msync's flag and range checks (EINVAL, ENOMEM for a hole),
 * madvise(MADV_DONTNEED) on private anonymous, private file, shared file
 * and shared anonymous mappings, and mincore's residency bytes and errors
 * (mm/msync.c, mm/madvise.c, mm/mincore.c).
 */
#include "utest.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096

int main(void)
{
	char path[64], buf[4], *p, *a, *s, *sa;
	unsigned char vec[8];
	int fd;

	snprintf(path, sizeof(path), "/tmp/mmap_msync.%d", (int)getpid());
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK_OK("create", fd);
	CHECK_OK("size", ftruncate(fd, 4 * PG));
	s = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("map shared", s != MAP_FAILED);
	if (s == MAP_FAILED)
		return utest_done();

	/* msync */
	s[0] = 'S';
	CHECK_OK("MS_SYNC", msync(s, 4 * PG, MS_SYNC));
	CHECK_OK("MS_ASYNC", msync(s, PG, MS_ASYNC));
	CHECK_OK("MS_INVALIDATE", msync(s, PG, MS_INVALIDATE));
	CHECK_OK("MS_SYNC|MS_INVALIDATE", msync(s, PG, MS_SYNC | MS_INVALIDATE));
	CHECK_OK("length 0", msync(s, 0, MS_SYNC));
	CHECK_OK("an unaligned length is rounded", msync(s, 10, MS_SYNC));
	CHECK_ERR("MS_SYNC|MS_ASYNC: EINVAL", msync(s, PG, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_ERR("an unknown flag: EINVAL", msync(s, PG, 8), EINVAL);
	CHECK_ERR("an unaligned start: EINVAL", msync(s + 1, PG, MS_SYNC), EINVAL);
	CHECK_OK("munmap a page in the middle", munmap(s + PG, PG));
	CHECK_ERR("a range with a hole: ENOMEM", msync(s, 4 * PG, MS_SYNC), ENOMEM);
	CHECK_ERR("only the hole: ENOMEM", msync(s + PG, PG, MS_SYNC), ENOMEM);
	CHECK_ERR("wrapping: ENOMEM", msync(s, 0UL - (unsigned long)s + PG, MS_SYNC), ENOMEM);
	CHECK_ERR("madvise over a hole: ENOMEM", madvise(s, 4 * PG, MADV_WILLNEED), ENOMEM);
	CHECK_ERR("mincore over a hole: ENOMEM", mincore(s, 4 * PG, vec), ENOMEM);
	pread(fd, buf, 1, 0);
	CHECK_EQ("the store is in the file", buf[0], 'S');

	/* mincore */
	a = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	a[0] = 1;
	a[2 * PG] = 1;
	CHECK_OK("mincore", mincore(a, 4 * PG, vec));
	CHECK("touched anonymous pages are resident, others not",
	      (vec[0] & 1) && !(vec[1] & 1) && (vec[2] & 1) && !(vec[3] & 1));
	CHECK_OK("mincore of the file mapping", mincore(s, PG, vec));
	CHECK("its page is resident", vec[0] & 1);
	CHECK_ERR("mincore unaligned: EINVAL", mincore(a + 1, PG, vec), EINVAL);
	CHECK_ERR("mincore with a bad vector: EFAULT", mincore(a, PG, (unsigned char *)8), EFAULT);
	CHECK_ERR("mincore in the kernel's range: ENOMEM", mincore((void *)0xFFFFF000, PG, vec), ENOMEM);

	/* madvise(MADV_DONTNEED) */
	CHECK_OK("MADV_DONTNEED private anonymous", madvise(a, 4 * PG, MADV_DONTNEED));
	CHECK_EQ("the page comes back zeroed", a[0], 0);
	CHECK_OK("mincore", mincore(a, 4 * PG, vec));
	CHECK("dropped pages are not resident", !(vec[2] & 1));
	s[3 * PG] = 'T';
	CHECK_OK("MADV_DONTNEED shared file", madvise(s + 3 * PG, PG, MADV_DONTNEED));
	CHECK_EQ("the file's bytes come back", s[3 * PG], 'T');
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	p[0] = 'P';
	CHECK_OK("MADV_DONTNEED private file", madvise(p, PG, MADV_DONTNEED));
	CHECK_EQ("the private copy is gone: the file's byte again", p[0], 'S');
	sa = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	sa[0] = 'A';
	CHECK_OK("MADV_DONTNEED shared anonymous", madvise(sa, PG, MADV_DONTNEED));
	CHECK_EQ("the shared page comes back", sa[0], 'A');
	CHECK_OK("MADV_WILLNEED", madvise(a, PG, MADV_WILLNEED));
	CHECK_ERR("madvise unaligned: EINVAL", madvise(a + 1, PG, MADV_DONTNEED), EINVAL);
	CHECK_ERR("an unknown advice: EINVAL", madvise(a, PG, 12345), EINVAL);
	CHECK_ERR("MADV_FREE of a file mapping: EINVAL", madvise(s, PG, MADV_FREE), EINVAL);
	CHECK_OK("MADV_FREE of private anonymous memory", madvise(a, PG, MADV_FREE));
	munmap(sa, PG);
	munmap(p, PG);
	munmap(a, 4 * PG);
	munmap(s, 4 * PG);
	close(fd);
	unlink(path);
	return utest_done();
}

/*
 * fs_read_partial.c - a read that faults part-way returns the bytes it copied,
 * as Linux does, and EFAULT only when it copied nothing: read, pread, readv of
 * a regular file into a buffer running into an unmapped page, and getrandom.
 * Up to a page boundary the count is exact; where the fault is mid-copy Linux
 * promises only a short count (x86-64 is exact to the byte, i386 Linux stops
 * up to 63 bytes short), so those checks ask for a count in range, bytes that
 * match it and an offset moved by it.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include "utest.h"

#define PAGE 4096

int main(void)
{
	char path[64], data[2 * PAGE], *m;
	struct iovec iov[2];
	int fd, i;
	ssize_t n;

	alarm(20);
	snprintf(path, sizeof(path), "/tmp/fs_read_partial_%d", (int)getpid());
	for (i = 0; i < (int)sizeof(data); i++)
		data[i] = 'a' + i % 26;
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK_EQ("write an 8 KiB file", write(fd, data, sizeof(data)), sizeof(data));

	/* two pages, the second unmapped */
	m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(m + PAGE, PAGE);

	lseek(fd, 0, SEEK_SET);
	CHECK_EQ("read of 8 KiB into 1 good page returns 4096", read(fd, m, 2 * PAGE), PAGE);
	CHECK("and the page holds the file's first 4096 bytes", !memcmp(m, data, PAGE));
	CHECK_EQ("the file offset moved by 4096", lseek(fd, 0, SEEK_CUR), PAGE);
	lseek(fd, 0, SEEK_SET);
	n = read(fd, m + 100, 2 * PAGE);
	CHECK("read of 8 KiB starting 100 bytes into the good page returns up to 3996",
	      n > 0 && n <= PAGE - 100);
	CHECK("those bytes are the file's", n > 0 && !memcmp(m + 100, data, n));
	CHECK_EQ("the file offset moved by what was returned", lseek(fd, 0, SEEK_CUR), n);
	lseek(fd, PAGE - 100, SEEK_SET);
	CHECK_ERR("read into the unmapped page alone is EFAULT", read(fd, m + PAGE, 10), EFAULT);
	CHECK_EQ("and leaves the offset alone", lseek(fd, 0, SEEK_CUR), PAGE - 100);
	n = pread(fd, m, 2 * PAGE, 10);
	CHECK("pread of 8 KiB at offset 10 into 1 good page returns up to 4096", n > 0 && n <= PAGE);
	CHECK("with the file's bytes from 10", n > 0 && !memcmp(m, data + 10, n));
	CHECK_EQ("pread of 8 KiB at offset 4096 into 1 good page returns 4096",
		 pread(fd, m, 2 * PAGE, PAGE), PAGE);

	lseek(fd, 0, SEEK_SET);
	iov[0].iov_base = m;
	iov[0].iov_len = PAGE / 2;
	iov[1].iov_base = m + PAGE / 2;
	iov[1].iov_len = PAGE + PAGE / 2;
	CHECK_EQ("readv whose second vector runs into the hole returns 4096", readv(fd, iov, 2), PAGE);
	CHECK_EQ("the offset moved by 4096", lseek(fd, 0, SEEK_CUR), PAGE);

	CHECK_EQ("getrandom of 8 KiB into 1 good page returns 4096",
		 syscall(SYS_getrandom, m, 2 * PAGE, 0), PAGE);
	n = syscall(SYS_getrandom, m + 10, 2 * PAGE, 0);
	CHECK("getrandom of 8 KiB starting 10 bytes in returns up to 4086", n > 0 && n <= PAGE - 10);
	CHECK_ERR("getrandom into the unmapped page alone is EFAULT",
		  syscall(SYS_getrandom, m + PAGE, 16, 0), EFAULT);
	close(fd);
	unlink(path);
	return utest_done();
}

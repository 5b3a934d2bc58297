/*
 * proc_efault.c - bad user pointers make system calls fail with EFAULT instead of
 * crashing the caller or the kernel: kernel-half, NULL, unmapped, read-only and
 * PROT_NONE buffers, strings running into an unmapped page. Where glibc would copy
 * through the pointer itself (stat, clock_gettime), the raw system call is used.
 */
#include <fcntl.h>
#include <stdint.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "utest.h"

#define PAGE 4096
#define KERNEL_ADDR ((void *)0xC0000000)	/* the kernel half of a 3/1 split */

static void *volatile null_ptr;		/* NULL, hidden from the compiler's checks */

int main(void)
{
	char path[64], buf[2 * PAGE], *m, *unmapped, *ro, *none, *edge;
	int p[2], fd, fd_before, fd_after;
	long r;

	alarm(20);
	snprintf(path, sizeof(path), "/tmp/proc_efault_%d", (int)getpid());

	/* Four pages: [0] rw, [1] read-only, [2] PROT_NONE, [3] unmapped. */
	m = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		CHECK("mmap of 4 scratch pages", 0);
		return utest_done();
	}
	memset(m, 'x', 4 * PAGE);
	ro = m + PAGE;
	none = m + 2 * PAGE;
	unmapped = m + 3 * PAGE;
	mprotect(ro, PAGE, PROT_READ);
	mprotect(none, PAGE, PROT_NONE);
	munmap(unmapped, PAGE);

	/* write() from bad buffers. */
	pipe(p);
	CHECK_ERR("write to a pipe from 0xC0000000 gives EFAULT", write(p[1], KERNEL_ADDR, 10), EFAULT);
	CHECK_ERR("write to a pipe from NULL gives EFAULT", write(p[1], null_ptr, 10), EFAULT);
	CHECK_ERR("write to a pipe from an unmapped page gives EFAULT",
		  write(p[1], unmapped, 10), EFAULT);
	CHECK_ERR("write to a pipe from a PROT_NONE page gives EFAULT", write(p[1], none, 10), EFAULT);
	CHECK_EQ("write from a read-only page is fine", write(p[1], ro, 10), 10);
	CHECK_EQ("the failed writes put nothing in the pipe: only those 10 bytes are there",
		 read(p[0], buf, sizeof(buf)), 10);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK_ERR("write to a /tmp file from 0xC0000000 gives EFAULT",
		  write(fd, KERNEL_ADDR, 10), EFAULT);
	CHECK_EQ("and leaves the file empty", lseek(fd, 0, SEEK_END), 0);

	/* read() into bad buffers: the data stays in the pipe. */
	write(p[1], "0123456789", 10);
	CHECK_ERR("read from a pipe with data into NULL gives EFAULT", read(p[0], null_ptr, 10), EFAULT);
	CHECK_ERR("read into 0xC0000000 gives EFAULT", read(p[0], KERNEL_ADDR, 10), EFAULT);
	CHECK_ERR("read into a read-only page gives EFAULT (the kernel honours write protection)",
		  read(p[0], ro, 10), EFAULT);
	CHECK_EQ("the read-only page was not modified", ro[0], 'x');
	memset(buf, 0, sizeof(buf));
	CHECK_EQ("the data is not lost: the next read gets all 10 bytes",
		 read(p[0], buf, sizeof(buf)), 10);
	CHECK("and they are the bytes written", !memcmp(buf, "0123456789", 10));

	/* A buffer that runs from a good page into the PROT_NONE one. */
	memset(buf, 'b', sizeof(buf));
	write(p[1], buf, PAGE);
	write(p[1], buf, PAGE);
	r = read(p[0], ro - PAGE, 2 * PAGE);	/* page 0 is writable, page 1 is not */
	CHECK_EQ("a read spanning a writable and a read-only page returns the first page's 4096 bytes",
		 r, PAGE);
	CHECK_EQ("the remaining 4096 bytes are still in the pipe", read(p[0], buf, sizeof(buf)), PAGE);
	close(p[0]);
	close(p[1]);

	/* pipe(NULL): EFAULT and no descriptors leaked. */
	fd_before = dup(0);
	close(fd_before);
	CHECK_ERR("pipe(NULL) gives EFAULT", pipe(null_ptr), EFAULT);
	CHECK_ERR("pipe into a read-only page gives EFAULT", pipe((int *)ro), EFAULT);
	fd_after = dup(0);
	close(fd_after);
	CHECK_EQ("the failed pipe calls leaked no descriptors", fd_after, fd_before);

	/* Paths. */
	CHECK_ERR("open with path pointer 1 gives EFAULT", open((char *)1, O_RDONLY), EFAULT);
	CHECK_ERR("open with a kernel-half path pointer gives EFAULT",
		  open(KERNEL_ADDR, O_RDONLY), EFAULT);
	edge = none - 4;
	mprotect(ro, PAGE, PROT_READ | PROT_WRITE);
	memcpy(edge, "/tmp", 4);	/* no terminating NUL before the PROT_NONE page */
	CHECK_ERR("open of a path that runs into a PROT_NONE page gives EFAULT",
		  open(edge, O_RDONLY), EFAULT);
	edge[3] = '\0';
	CHECK_ERR("the same path NUL-terminated in time is looked up: /tm is ENOENT",
		  open(edge, O_RDONLY), ENOENT);
	CHECK_ERR("unlink with a bad path pointer gives EFAULT", unlink(KERNEL_ADDR), EFAULT);

	/* Output structures, through the raw system calls. */
	CHECK_ERR("stat64 into an unmapped buffer gives EFAULT",
		  syscall(SYS_stat64, "/tmp", unmapped), EFAULT);
	CHECK_ERR("fstat64 into 0xC0000000 gives EFAULT", syscall(SYS_fstat64, fd, KERNEL_ADDR), EFAULT);
	CHECK_ERR("clock_gettime into an unmapped buffer gives EFAULT",
		  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, unmapped), EFAULT);
	CHECK_ERR("clock_gettime into NULL gives EFAULT",
		  syscall(SYS_clock_gettime, CLOCK_REALTIME, null_ptr), EFAULT);
	CHECK_ERR("nanosleep reading its request from an unmapped page gives EFAULT",
		  syscall(SYS_nanosleep, unmapped, NULL), EFAULT);
	CHECK_ERR("execve with a bad path pointer gives EFAULT",
		  syscall(SYS_execve, KERNEL_ADDR, NULL, NULL), EFAULT);

	close(fd);
	unlink(path);
	munmap(m, 3 * PAGE);
	return utest_done();
}

/*
 * fs_select_rotimeout.c - select and pselect6 with their timeout in read-only
 * memory succeed: Linux writes the time left back only where it can (its
 * fs/select.c says so), it never turns a finished select into EFAULT.
 */
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include "utest.h"

#define PAGE 4096

int main(void)
{
	struct timeval *tv;
	struct timespec *ts;
	fd_set rd;
	char *m, c;
	int p[2];

	alarm(20);
	m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	tv = (struct timeval *)m;
	ts = (struct timespec *)(m + 64);
	tv->tv_sec = 0;
	tv->tv_usec = 20000;
	ts->tv_sec = 0;
	ts->tv_nsec = 20000000;
	mprotect(m, PAGE, PROT_READ);
	pipe(p);

	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_EQ("select timing out, with its timeval read-only, returns 0",
		 syscall(SYS__newselect, p[0] + 1, &rd, NULL, NULL, tv), 0);
	CHECK_EQ("the read-only timeval is unchanged", tv->tv_usec, 20000);
	write(p[1], "x", 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_EQ("select with a ready fd and a read-only timeval returns 1",
		 syscall(SYS__newselect, p[0] + 1, &rd, NULL, NULL, tv), 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_EQ("pselect6 with a ready fd and a read-only timespec returns 1",
		 syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, ts, NULL), 1);
	CHECK_EQ("drain the pipe", read(p[0], &c, 1), 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	CHECK_EQ("pselect6 timing out, with its timespec read-only, returns 0",
		 syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, ts, NULL), 0);
	CHECK_ERR("a timeval in unmapped memory is still EFAULT",
		  syscall(SYS__newselect, 0, NULL, NULL, NULL, (void *)(m + 2 * PAGE)), EFAULT);
	return utest_done();
}

/*
 * user/bench/lat_syscall.c - cost of the cheapest system call: getppid
 * (i386 number 64) entered directly with "int $0x80", so the figure is the
 * kernel entry and exit path, whatever the C library would use.
 * Usage: lat_syscall [ITERATIONS]   prints "lat_syscall US us".
 */
#include "bench.h"

static inline long sys_getppid(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "0"(64L) : "memory");
	return ret;
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 5000000);
	long warm = n / 10 + 1;
	long want = getppid();
	uint64_t t0, t1;
	long i;

	if (sys_getppid() != want) {
		errno = 0;
		die("int $0x80 getppid returned %ld, libc getppid %ld",
		    sys_getppid(), want);
	}
	for (i = 0; i < warm; i++)
		sys_getppid();
	t0 = now_ns();
	for (i = 0; i < n; i++)
		sys_getppid();
	t1 = now_ns();
	report_lat("lat_syscall", t1 - t0, n);
	return 0;
}

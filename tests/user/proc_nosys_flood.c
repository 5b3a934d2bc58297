/*
 * proc_nosys_flood.c - calling system calls that do not exist is cheap and
 * quiet: ENOSYS for an unused number (222) and for one past the table's end,
 * and 100,000 such calls take about as long as 100,000 getppid calls (the
 * kernel logs each number once, rate limited; a log line per call would
 * make them thousands of times slower and flood the console). Times are
 * compared within this program, never against fixed figures.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "utest.h"

#define CALLS 100000
#define NR_UNUSED 222		/* never assigned on i386 */
#define NR_BEYOND 9999		/* past every table */

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* the fastest of 5 runs of CALLS calls of nr, in ns */
static long long time_calls(long nr)
{
	long long best = -1;

	for (int run = 0; run < 5; run++) {
		long long t0 = now_ns();

		for (int i = 0; i < CALLS; i++)
			syscall(nr);
		t0 = now_ns() - t0;
		if (best < 0 || t0 < best)
			best = t0;
	}
	return best;
}

int main(void)
{
	long long real, unused, beyond;

	errno = 0;
	CHECK_EQ("unused number returns -1", syscall(NR_UNUSED), -1);
	CHECK_EQ("unused number is ENOSYS", errno, ENOSYS);
	errno = 0;
	CHECK_EQ("number past the table returns -1", syscall(NR_BEYOND), -1);
	CHECK_EQ("number past the table is ENOSYS", errno, ENOSYS);

	real = time_calls(SYS_getppid);
	unused = time_calls(NR_UNUSED);
	beyond = time_calls(NR_BEYOND);
	printf("# %d calls: getppid %lld us, unused %lld us, beyond the table %lld us\n",
	       CALLS, real / 1000, unused / 1000, beyond / 1000);
	CHECK("100,000 unused-number calls cost under 5x as many getppid calls",
	      unused < 5 * real);
	CHECK("100,000 past-the-table calls cost under 5x as many getppid calls",
	      beyond < 5 * real);
	return utest_done();
}

/*
 * user/bench/cpus.c - the CPUs a benchmark run has, for make bench SMP=N:
 * prints "cpus online N affinity M" (sysconf(_SC_NPROCESSORS_ONLN), as nproc
 * --all shows, and the CPUs of this process's mask, as nproc shows).
 */
#define _GNU_SOURCE
#include <sched.h>
#include "bench.h"

int main(void)
{
	cpu_set_t set;
	int mask = 0;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		mask = CPU_COUNT(&set);
	printf("cpus online %ld affinity %d\n", sysconf(_SC_NPROCESSORS_ONLN), mask);
	return 0;
}

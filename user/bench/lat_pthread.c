/*
 * user/bench/lat_pthread.c - pthread_create + pthread_join of a thread that
 * returns at once: clone(CLONE_THREAD...), the thread's exit and the
 * CLONE_CHILD_CLEARTID futex wake the join sleeps on.
 * Usage: lat_pthread [CYCLES]   prints "lat_pthread US us".
 */
#include <pthread.h>
#include "bench.h"

static void *nothing(void *arg)
{
	return arg;
}

static void cycles(long n)
{
	pthread_t t;

	for (long i = 0; i < n; i++)
		if (pthread_create(&t, NULL, nothing, NULL) || pthread_join(t, NULL))
			die("pthread_create/join");
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 10000);
	uint64_t t0, t1;

	cycles(n / 10 + 1);
	t0 = now_ns();
	cycles(n);
	t1 = now_ns();
	report_lat("lat_pthread", t1 - t0, n);
	return 0;
}

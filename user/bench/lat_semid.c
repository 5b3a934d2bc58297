/*
 * user/bench/lat_semid.c - System V id lookup with many live objects: 10,000
 * semaphore sets exist, and one semop (never blocking: +1, then -1) on the
 * newest is timed. With O(1) id lookup it costs what lat_sem's semop costs
 * with one set. Usage: lat_semid [SEMOPS]   prints "lat_semid US us".
 */
#include <sys/ipc.h>
#include <sys/sem.h>
#include "bench.h"

#ifndef NSETS
#define NSETS 10000	/* -DNSETS=1 for the one-set baseline */
#endif

static int ids[NSETS], nids;

static void remove_sets(void)
{
	while (nids > 0)
		semctl(ids[--nids], 0, IPC_RMID);
}

static void semops(int id, long count)
{
	struct sembuf sb = { .sem_num = 0, .sem_op = 1, .sem_flg = IPC_NOWAIT };
	long i;

	for (i = 0; i < count; i++) {
		sb.sem_op = (i & 1) ? -1 : 1;
		if (semop(id, &sb, 1) != 0)
			die("semop");
	}
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 200000);
	uint64_t t0, t1;

	bench_cleanup = remove_sets;
	while (nids < NSETS) {
		ids[nids] = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
		if (ids[nids] < 0)
			die("semget number %d", nids + 1);
		nids++;
	}
	semops(ids[NSETS - 1], n / 10 + 2);	/* warm-up, an even count */
	t0 = now_ns();
	semops(ids[NSETS - 1], n);
	t1 = now_ns();
	remove_sets();
	report_lat("lat_semid", t1 - t0, n);
	return 0;
}

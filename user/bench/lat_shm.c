/*
 * user/bench/lat_shm.c - cost of a SysV shared memory segment's whole life:
 * shmget(IPC_PRIVATE, 64 KiB) + shmat + write one byte in each page +
 * shmdt + shmctl(IPC_RMID), per cycle.
 * Usage: lat_shm [CYCLES]   prints "lat_shm US us" per cycle.
 */
#include <sys/ipc.h>
#include <sys/shm.h>
#include "bench.h"

#define SEG_SIZE 65536
#define PAGE 4096

static int shmid = -1;

static void remove_seg(void)
{
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);
}

static void cycles(long count)
{
	long i;
	int off;

	for (i = 0; i < count; i++) {
		volatile char *p;

		shmid = shmget(IPC_PRIVATE, SEG_SIZE, IPC_CREAT | 0600);
		if (shmid < 0)
			die("shmget");
		p = shmat(shmid, NULL, 0);
		if (p == (void *)-1)
			die("shmat");
		for (off = 0; off < SEG_SIZE; off += PAGE)
			p[off] = (char)i;
		if (shmdt((const void *)p) != 0)
			die("shmdt");
		if (shmctl(shmid, IPC_RMID, NULL) != 0)
			die("shmctl IPC_RMID");
		shmid = -1;
	}
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 10000);
	long warm = n / 10 + 1;
	uint64_t t0, t1;

	bench_cleanup = remove_seg;
	cycles(warm);
	t0 = now_ns();
	cycles(n);
	t1 = now_ns();
	report_lat("lat_shm", t1 - t0, n);
	return 0;
}

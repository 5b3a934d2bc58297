/*
 * user/bench/lat_sem.c - SysV semaphore round trip: a set of two
 * semaphores; the parent ups semaphore 0 and waits on 1, the child waits on
 * 0 and ups 1. Usage: lat_sem [ROUND_TRIPS]   prints "lat_sem US us".
 */
#include <sys/ipc.h>
#include <sys/sem.h>
#include "bench.h"

static int semid = -1;

static void remove_set(void)
{
	if (semid >= 0)
		semctl(semid, 0, IPC_RMID);
}

/* semop with one operation: op on semaphore num */
static int sem_do(unsigned short num, short op)
{
	struct sembuf sb = { .sem_num = num, .sem_op = op, .sem_flg = 0 };
	int r;

	while ((r = semop(semid, &sb, 1)) != 0 && errno == EINTR)
		;
	return r;
}

static void round_trips(long count)
{
	long i;

	for (i = 0; i < count; i++)
		if (sem_do(0, 1) != 0 || sem_do(1, -1) != 0)
			die("semop");
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 100000);
	long warm = n / 10 + 1;
	uint64_t t0, t1;
	pid_t pid;
	long i;

	semid = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	if (semid < 0)
		die("semget");
	bench_cleanup = remove_set;	/* also in the child: wakes the parent */
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		for (i = 0; i < warm + n; i++)
			if (sem_do(0, -1) != 0 || sem_do(1, 1) != 0)
				die("child semop");
		_exit(0);
	}
	watch_child(pid);
	round_trips(warm);
	t0 = now_ns();
	round_trips(n);
	t1 = now_ns();
	wait_child_ok(pid);
	remove_set();
	report_lat("lat_sem", t1 - t0, n);
	return 0;
}

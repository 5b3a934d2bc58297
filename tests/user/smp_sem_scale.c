/*
 * smp_sem_scale.c - semop without the big kernel lock: two worker processes
 * pinned to different CPUs, each on its OWN semaphore set, so nothing but
 * the kernel's locking can keep them apart. Each one's counts must come out
 * exact (with SEM_UNDO adjustments that go back to 0 when it exits). In this
 * kernel (kernel.nobkl and kernel.sem_overlaps exist) it also shows that the
 * calls really overlap: with kernel.nobkl=1 a semop finds the other CPU
 * inside semop (waiting up to 10 s for it), with kernel.nobkl=0 (every call
 * under the BKL) never. The semops per second of both phases are notes,
 * never checked: a timed figure depends on the host.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>

#include "utest.h"
#include "smp_util.h"

#define NW	2		/* workers, one per CPU */
#define MINOPS	4000		/* semop pairs each does at least */
#define WINDOW_MS 700		/* and for at least this long */

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* a sysctl's integer value, or -1 when there is no such file (the Linux host) */
static long read_sysctl(const char *path)
{
	char buf[32];

	if (utest_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return strtol(buf, NULL, 10);
}

static int write_sysctl(const char *path, long v)
{
	char buf[32];
	int fd = open(path, O_WRONLY), len, ok;

	if (fd < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "%ld\n", v);
	ok = write(fd, buf, len) == len;
	close(fd);
	return ok ? 0 : -1;
}

static int op(int id, int sem, int delta, int flags)
{
	struct sembuf b = { (unsigned short)sem, (short)delta, (short)flags };
	int r;

	while ((r = semop(id, &b, 1)) < 0 && errno == EINTR)
		;
	return r;
}

/*
 * On its own set: sem 0 goes up then down (with SEM_UNDO), a token moves
 * from sem 2 to sem 1 and back by two-op semops that must never block
 * (IPC_NOWAIT: a wrong value is EAGAIN, not a hang). At the end the worker
 * takes sem 0 once more with SEM_UNDO and exits: its exit gives it back.
 * count: rounds done; bad: a semop that failed or a value wrong at the end.
 */
static void worker(int i, int id, struct smp_report *r, volatile int *go)
{
	struct sembuf there[2] = { { 2, -1, IPC_NOWAIT }, { 1, 1, IPC_NOWAIT } };
	struct sembuf back[2] = { { 1, -1, IPC_NOWAIT }, { 2, 1, IPC_NOWAIT } };
	long end;

	smp_worker_start(r, i);
	while (!*go)
		;
	end = now_ms() + WINDOW_MS;
	while (r->count < MINOPS || now_ms() < end) {
		if (op(id, 0, 1, SEM_UNDO) || op(id, 0, -1, SEM_UNDO))
			r->bad++;
		if (semop(id, there, 2) || semop(id, back, 2))
			r->bad++;
		r->count++;
	}
	if (semctl(id, 0, GETVAL) != 0 || semctl(id, 1, GETVAL) != 0 ||
	    semctl(id, 2, GETVAL) != 1 || op(id, 0, 1, SEM_UNDO))
		r->bad++;
	smp_worker_end(r);
	_exit(0);
}

/* one phase: NW workers on their own sets; semops per second in all, or -1 */
static double phase(const char *what, struct smp_report *rep, volatile int *go, int *distinct)
{
	int ids[NW];
	pid_t pids[NW];
	long t0, t1;
	double ops = 0;

	*go = 0;
	memset(rep, 0, sizeof(*rep) * NW);
	for (int i = 0; i < NW; i++) {
		unsigned short init[3] = { 0, 0, 1 };
		union semun arg = { .array = init };

		ids[i] = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
		CHECK("semget", ids[i] >= 0);
		CHECK_OK("SETALL", semctl(ids[i], 0, SETALL, arg));
		pids[i] = fork();
		if (pids[i] == 0)
			worker(i, ids[i], &rep[i], go);
		CHECK("fork", pids[i] > 0);
	}
	usleep(100000);		/* both pinned and spinning on go */
	t0 = now_ms();
	*go = 1;
	for (int i = 0; i < NW; i++) {
		int st;

		CHECK("worker exits 0", waitpid(pids[i], &st, 0) == pids[i] && WIFEXITED(st) &&
		      WEXITSTATUS(st) == 0);
	}
	t1 = now_ms();
	for (int i = 0; i < NW; i++) {
		char msg[80];

		snprintf(msg, sizeof(msg), "%s: worker %d's own set exact, no semop failed", what, i);
		CHECK_EQ(msg, rep[i].bad, 0);
		CHECK_EQ("SEM_UNDO adjustment gone with the worker", semctl(ids[i], 0, GETVAL), 0);
		ops += rep[i].count * 4.0;	/* four semop calls a round */
		CHECK_OK("IPC_RMID", semctl(ids[i], 0, IPC_RMID));
	}
	{
		unsigned long long seen = 0;

		*distinct = 0;
		for (int i = 0; i < NW; i++)
			if (rep[i].pinned >= 0 && rep[i].ran_on >= 0)
				seen |= 1ULL << rep[i].ran_on;
		for (int c = 0; c < 64; c++)
			*distinct += !!(seen & (1ULL << c));
	}
	CHECK_EQ("pinned workers stayed on their CPUs", smp_summary(what, rep, NW), 0);
	return t1 > t0 ? ops * 1000.0 / (t1 - t0) : -1;
}

int main(void)
{
	const char *nobkl_path = "/proc/sys/kernel/nobkl";
	const char *ovl_path = "/proc/sys/kernel/sem_overlaps";
	struct smp_report *rep = smp_reports(NW + 1);
	volatile int *go;
	long nobkl = read_sysctl(nobkl_path), before, after;
	int distinct;
	double with_bkl = -1, without = -1;

	CHECK("shared page", rep != NULL);
	if (!rep)
		return 1;
	go = (volatile int *)&rep[NW];
	smp_cpus();

	if (nobkl < 0 || smp_ncpu < 2 || geteuid() != 0) {
		/* the Linux host, one CPU, or no right to switch: correctness only */
		without = phase("own sets", rep, go, &distinct);
		printf("note: %.0f semop/s with 2 workers (no kernel.nobkl switch here)\n", without);
		goto out;
	}

	CHECK_OK("kernel.nobkl=0", write_sysctl(nobkl_path, 0));
	before = read_sysctl(ovl_path);
	with_bkl = phase("under the BKL", rep, go, &distinct);
	after = read_sysctl(ovl_path);
	CHECK_EQ("under the BKL no two CPUs are inside semop at once", after - before, 0);

	CHECK_OK("kernel.nobkl=1", write_sysctl(nobkl_path, 1));
	before = read_sysctl(ovl_path);
	without = phase("without the BKL", rep, go, &distinct);
	after = read_sysctl(ovl_path);
	/* pinned to two CPUs: rerun (up to 10 s in all) until an overlap is seen */
	for (int tries = 0; distinct >= 2 && after == before && tries < 10; tries++) {
		phase("without the BKL, again", rep, go, &distinct);
		after = read_sysctl(ovl_path);
	}
	if (distinct >= 2)
		CHECK("without the BKL, two CPUs were inside semop at once", after > before);
	else
		printf("note: the workers did not run on two CPUs: no overlap check\n");
	printf("note: %ld semops found the other CPU inside semop\n", after - before);
	write_sysctl(nobkl_path, nobkl);
	printf("note: %.0f semop/s under the BKL, %.0f semop/s without (2 workers, own sets)\n",
	       with_bkl, without);
out:
	return utest_done();
}

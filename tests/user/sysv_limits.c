/*
 * sysv_limits.c - today's System V IPC limits (issue 12): IPC_INFO,
 * SEM_INFO, MSG_INFO and SHM_INFO report what a Linux 6.x host reports
 * (its /proc/sys/kernel values where it has them, today's defaults
 * otherwise), and the limits hold for real: 10,000 live semaphore sets and
 * 10,000 live queues with the newest usable, ids in the lowest free slot,
 * semget with SEMMSL semaphores, GETALL/SETALL over all of them, semop with
 * SEMOPM operations, a segment bigger than 2.6.18's 32 MiB SHMMAX.
 */
#define _GNU_SOURCE
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <unistd.h>

#include "utest.h"

#define MANY 10000

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

/* /proc/sys/kernel/NAME's numbers into v[] (the host); 0 when absent (this kernel) */
static int sysctl(const char *name, unsigned long long *v, int n)
{
	char path[64];
	FILE *f;
	int got = 0;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (got < n && fscanf(f, "%llu", &v[got]) == 1)
		got++;
	fclose(f);
	return got == n;
}

static void info_values(void)
{
	unsigned long long sem[4] = { 32000, 1024000000, 500, 32000 };
	unsigned long long mni = 32000, max = 8192, mnb = 16384, shmmni = 4096;
	unsigned long long shmall = 0xfeffffffULL;
	struct seminfo si;
	struct msginfo mi;
	struct shminfo shi;
	union semun a = { .__buf = &si };
	char what[96];

	sysctl("sem", sem, 4);
	sysctl("msgmni", &mni, 1);
	sysctl("msgmax", &max, 1);
	sysctl("msgmnb", &mnb, 1);
	sysctl("shmmni", &shmmni, 1);
	if (sysctl("shmall", &shmall, 1))
		shmall &= 0xffffffffULL;	/* an i386 unsigned long */

	CHECK_OK("semctl IPC_INFO", semctl(0, 0, IPC_INFO, a));
	snprintf(what, sizeof(what), "IPC_INFO: semmsl %llu, semmns %llu, semopm %llu, semmni %llu",
		 sem[0], sem[1], sem[2], sem[3]);
	CHECK(what, si.semmsl == (int)sem[0] && si.semmns == (int)sem[1] &&
	      si.semopm == (int)sem[2] && si.semmni == (int)sem[3]);
	CHECK_EQ("IPC_INFO: semvmx", si.semvmx, 32767);
	CHECK_EQ("IPC_INFO: semmnu is SEMMNS", si.semmnu, 1024000000);
	CHECK_EQ("IPC_INFO: semmap is SEMMNS", si.semmap, 1024000000);
	CHECK_EQ("IPC_INFO: semume is SEMOPM", si.semume, 500);
	CHECK_EQ("IPC_INFO: semusz", si.semusz, 20);
	CHECK_EQ("IPC_INFO: semaem", si.semaem, 32767);
	CHECK_OK("semctl SEM_INFO", semctl(0, 0, SEM_INFO, a));
	CHECK_EQ("SEM_INFO: semmni as IPC_INFO", si.semmni, (int)sem[3]);

	CHECK_OK("msgctl IPC_INFO", msgctl(0, IPC_INFO, (struct msqid_ds *)&mi));
	CHECK_EQ("IPC_INFO: msgmni", mi.msgmni, mni);
	CHECK_EQ("IPC_INFO: msgmax", mi.msgmax, max);
	CHECK_EQ("IPC_INFO: msgmnb", mi.msgmnb, mnb);
	CHECK_EQ("IPC_INFO: msgpool (KiB) is MSGMNI * MSGMNB / 1024", mi.msgpool, 512000);
	CHECK_EQ("IPC_INFO: msgmap", mi.msgmap, 16384);
	CHECK_EQ("IPC_INFO: msgtql", mi.msgtql, 16384);
	CHECK_EQ("IPC_INFO: msgssz", mi.msgssz, 16);
	CHECK_EQ("IPC_INFO: msgseg, clamped to its short", mi.msgseg, 65535);

	CHECK_OK("shmctl IPC_INFO", shmctl(0, IPC_INFO, (struct shmid_ds *)&shi));
	CHECK_EQ("IPC_INFO: shmmax, as an i386 program sees it", shi.shmmax, 0x7fffffff);
	CHECK_EQ("IPC_INFO: shmmin", shi.shmmin, 1);
	CHECK_EQ("IPC_INFO: shmmni", shi.shmmni, shmmni);
	CHECK_EQ("IPC_INFO: shmseg is shmmni", shi.shmseg, shmmni);
	CHECK_EQ("IPC_INFO: shmall (pages)", shi.shmall, shmall);
}

/* MANY live sets: ids rise slot by slot, the newest answers, all go again */
static void many_sets(void)
{
	static int ids[MANY];
	int n, bad = 0, badop = 0, rm = 0;
	struct sembuf op = { 0, 1, 0 };
	union semun a;
	struct seminfo si;

	static unsigned char slot_used[32768];
	int before;

	/* system-wide count: other programs' sets are the baseline */
	a.__buf = &si;
	before = semctl(0, 0, SEM_INFO, a) >= 0 ? si.semusz : -1;
	for (n = 0; n < MANY; n++) {
		ids[n] = semget(IPC_PRIVATE, 1, 0600);
		if (ids[n] < 0)
			break;
		/* id = seq * 32768 + slot, one set per slot */
		if (slot_used[ids[n] % 32768]++)
			bad++;
	}
	CHECK_EQ("10000 semaphore sets live at once (2.6.18 stopped at 128)", n, MANY);
	CHECK_EQ("each in its own slot (id % 32768)", bad, 0);
	CHECK_OK("semop on the newest set", n ? semop(ids[n - 1], &op, 1) : -1);
	CHECK_EQ("... and its value", n ? semctl(ids[n - 1], 0, GETVAL) : -1, 1);
	a.__buf = &si;
	CHECK_EQ("SEM_INFO counts them (semusz)", semctl(0, 0, SEM_INFO, a) >= 0 ? si.semusz - before : -1,
		 n);
	for (int i = 0; i < n; i++) {
		if (semctl(ids[i], 0, IPC_RMID) != 0)
			rm++;
		else if (semop(ids[i], &op, 1) != -1 || (errno != EINVAL && errno != EIDRM))
			badop++;
	}
	CHECK_EQ("all removed", rm, 0);
	CHECK_EQ("a removed set's id is refused", badop, 0);
}

static void many_queues(void)
{
	static int ids[MANY];
	struct { long mtype; char t[8]; } m = { 7, "newest" };
	int n, rm = 0;

	for (n = 0; n < MANY; n++) {
		ids[n] = msgget(IPC_PRIVATE, 0600);
		if (ids[n] < 0)
			break;
	}
	CHECK_EQ("10000 message queues live at once (2.6.18 stopped at 16)", n, MANY);
	CHECK_OK("msgsnd to the newest", n ? msgsnd(ids[n - 1], &m, 7, IPC_NOWAIT) : -1);
	memset(&m, 0, sizeof(m));
	CHECK_EQ("msgrcv from it", n ? msgrcv(ids[n - 1], &m, 8, 0, IPC_NOWAIT) : -1, 7);
	for (int i = 0; i < n; i++)
		rm += msgctl(ids[i], IPC_RMID, NULL) != 0;
	CHECK_EQ("all removed", rm, 0);
}

static void big_objects(void)
{
	static unsigned short vals[32000];
	static struct sembuf ops[501];
	union semun a = { .array = vals };
	int id, bad = 0;
	void *p;

	id = semget(IPC_PRIVATE, 32000, 0600);
	CHECK("semget with SEMMSL (32000) semaphores", id >= 0);
	for (int i = 0; i < 32000; i++)
		vals[i] = i % 30000;
	CHECK_OK("SETALL over 32000", semctl(id, 0, SETALL, a));
	memset(vals, 0, sizeof(vals));
	CHECK_OK("GETALL over 32000", semctl(id, 0, GETALL, a));
	for (int i = 0; i < 32000; i++)
		bad += vals[i] != i % 30000;
	CHECK_EQ("GETALL gives back what SETALL set", bad, 0);
	CHECK_EQ("GETVAL of the last", semctl(id, 31999, GETVAL), 31999 % 30000);
	for (int i = 0; i < 500; i++)
		ops[i] = (struct sembuf){ (unsigned short)(i * 64), 1, 0 };
	CHECK_OK("semop with SEMOPM (500) operations", semop(id, ops, 500));
	CHECK_EQ("... each applied", semctl(id, 499 * 64, GETVAL), (499 * 64) % 30000 + 1);
	CHECK_ERR("semop with 501 is E2BIG", semop(id, ops, 501), E2BIG);
	semctl(id, 0, IPC_RMID);

	/* 2.6.18 refused anything over 32 MiB */
	id = shmget(IPC_PRIVATE, 40 << 20, 0600);
	CHECK("shmget of 40 MiB", id >= 0);
	p = shmat(id, NULL, 0);
	CHECK("attach it", p != (void *)-1);
	if (p != (void *)-1) {
		((char *)p)[(40 << 20) - 1] = 1;	/* one page touched */
		shmdt(p);
	}
	shmctl(id, IPC_RMID, NULL);
}

int main(void)
{
	info_values();
	many_sets();
	many_queues();
	big_objects();
	return utest_done();
}

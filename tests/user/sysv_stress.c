/*
 * sysv_stress.c - creates and removes 2000 System V objects of each kind one
 * after another (semaphore sets, 4 KiB segments attached, touched and
 * detached, queues carrying one message): every call succeeds, so ids and
 * resources are recycled, and a re-created object never repeats the last id.
 */
#define _GNU_SOURCE
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <unistd.h>

#include "utest.h"

#define ROUNDS 2000

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static void stress_sem(void)
{
	int i, id, prev = -1, bad_get = 0, bad_op = 0, bad_rm = 0, same = 0;
	struct sembuf up = { 1, 3, 0 }, down = { 1, -3, IPC_NOWAIT };

	for (i = 0; i < ROUNDS; i++) {
		id = semget(IPC_PRIVATE, 2, 0600);
		if (id < 0) {
			bad_get++;
			continue;
		}
		if (id == prev)
			same++;
		prev = id;
		if (semop(id, &up, 1) != 0 || semctl(id, 1, GETVAL) != 3 ||
		    semop(id, &down, 1) != 0 || semctl(id, 1, GETVAL) != 0)
			bad_op++;
		if (semctl(id, 0, IPC_RMID) != 0)
			bad_rm++;
	}
	CHECK_EQ("2000 semget calls all succeed", bad_get, 0);
	CHECK_EQ("semop/GETVAL on each set behave", bad_op, 0);
	CHECK_EQ("2000 semctl IPC_RMID calls all succeed", bad_rm, 0);
	CHECK_EQ("a re-created set never gets the id just removed", same, 0);
}

static void stress_shm(void)
{
	int i, id, prev = -1, bad_get = 0, bad_at = 0, bad_data = 0, bad_dt = 0, bad_rm = 0;
	int same = 0;
	struct shmid_ds ds;
	unsigned char *p;

	for (i = 0; i < ROUNDS; i++) {
		id = shmget(IPC_PRIVATE, 4096, 0600);
		if (id < 0) {
			bad_get++;
			continue;
		}
		if (id == prev)
			same++;
		prev = id;
		p = shmat(id, NULL, 0);
		if (p == (void *)-1) {
			bad_at++;
		} else {
			/* fresh segments are zero; touch the first and last byte */
			if (p[0] != 0 || p[4095] != 0)
				bad_data++;
			p[0] = (unsigned char)i;
			p[4095] = (unsigned char)(i >> 3);
			if (p[0] != (unsigned char)i || p[4095] != (unsigned char)(i >> 3))
				bad_data++;
			memset(&ds, 0, sizeof(ds));
			if (shmctl(id, IPC_STAT, &ds) != 0 || ds.shm_nattch != 1)
				bad_data++;
			if (shmdt(p) != 0)
				bad_dt++;
		}
		if (shmctl(id, IPC_RMID, NULL) != 0)
			bad_rm++;
	}
	CHECK_EQ("2000 shmget calls all succeed", bad_get, 0);
	CHECK_EQ("2000 shmat calls all succeed", bad_at, 0);
	CHECK_EQ("each segment starts zeroed, keeps what is written, shows nattch 1", bad_data, 0);
	CHECK_EQ("2000 shmdt calls all succeed", bad_dt, 0);
	CHECK_EQ("2000 shmctl IPC_RMID calls all succeed", bad_rm, 0);
	CHECK_EQ("a re-created segment never gets the id just removed", same, 0);
}

static void stress_msg(void)
{
	int i, id, prev = -1, bad_get = 0, bad_snd = 0, bad_rcv = 0, bad_rm = 0, same = 0;
	struct {
		long mtype;
		char mtext[32];
	} m;

	for (i = 0; i < ROUNDS; i++) {
		id = msgget(IPC_PRIVATE, 0600);
		if (id < 0) {
			bad_get++;
			continue;
		}
		if (id == prev)
			same++;
		prev = id;
		m.mtype = 1 + i;
		snprintf(m.mtext, sizeof(m.mtext), "message %d", i);
		if (msgsnd(id, &m, strlen(m.mtext) + 1, IPC_NOWAIT) != 0)
			bad_snd++;
		memset(&m, 0, sizeof(m));
		if (msgrcv(id, &m, sizeof(m.mtext), 0, IPC_NOWAIT) < 0 || m.mtype != 1 + i ||
		    atoi(m.mtext + 8) != i)
			bad_rcv++;
		if (msgctl(id, IPC_RMID, NULL) != 0)
			bad_rm++;
	}
	CHECK_EQ("2000 msgget calls all succeed", bad_get, 0);
	CHECK_EQ("2000 msgsnd calls all succeed", bad_snd, 0);
	CHECK_EQ("2000 msgrcv calls return the message sent", bad_rcv, 0);
	CHECK_EQ("2000 msgctl IPC_RMID calls all succeed", bad_rm, 0);
	CHECK_EQ("a re-created queue never gets the id just removed", same, 0);
}

/* several live at once, removed in reverse order, then one more cycle */
static void stress_leftover(void)
{
	int i, id, ok = 1, ids[8];

	for (i = 0; i < 8; i++)
		ids[i] = semget(IPC_PRIVATE, 1, 0600);
	for (i = 7; i >= 0; i--)
		if (ids[i] < 0 || semctl(ids[i], 0, IPC_RMID) != 0)
			ok = 0;
	id = semget(IPC_PRIVATE, 1, 0600);
	if (id < 0 || semctl(id, 0, IPC_RMID) != 0)
		ok = 0;
	CHECK("eight live sets removed in reverse order, then one more cycle", ok);
}

int main(void)
{
	alarm(20);
	stress_sem();
	stress_shm();
	stress_msg();
	stress_leftover();
	return utest_done();
}

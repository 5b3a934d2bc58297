/*
 * sysv_ids.c - System V IPC keys and ids, the same rules for semaphore sets,
 * shared memory segments and message queues: IPC_PRIVATE/IPC_CREAT/IPC_EXCL,
 * stale ids after IPC_RMID, *_STAT (index -> id) versus IPC_STAT (id -> 0),
 * the IPC_INFO return value, unknown commands and negative ids (EINVAL).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "utest.h"

#define IDX(id) ((id) % 32768)

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

/* big enough for every *_ds and *info structure */
union anybuf {
	struct semid_ds sem;
	struct shmid_ds shm;
	struct msqid_ds msg;
	struct seminfo seminfo;
	struct shminfo shminfo;
	struct msginfo msginfo;
	char pad[256];
};

static union anybuf buf;

/* One object kind: how to create it and run a control command on it. */
struct kind {
	const char *name;
	int stat_cmd;			/* SEM_STAT, SHM_STAT or MSG_STAT */
	int (*get)(key_t key, int flg);
	int (*ctl)(int id, int cmd);
};

static int sem_get(key_t key, int flg) { return semget(key, 1, flg); }
static int shm_get(key_t key, int flg) { return shmget(key, 4096, flg); }
static int msg_get(key_t key, int flg) { return msgget(key, flg); }

static int sem_ctl(int id, int cmd)
{
	union semun arg;

	memset(&buf, 0, sizeof(buf));
	arg.buf = &buf.sem;
	return semctl(id, 0, cmd, arg);
}

static int shm_ctl(int id, int cmd)
{
	memset(&buf, 0, sizeof(buf));
	return shmctl(id, cmd, &buf.shm);
}

static int msg_ctl(int id, int cmd)
{
	memset(&buf, 0, sizeof(buf));
	return msgctl(id, cmd, &buf.msg);
}

static const struct kind kinds[3] = {
	{ "semget", SEM_STAT, sem_get, sem_ctl },
	{ "shmget", SHM_STAT, shm_get, shm_ctl },
	{ "msgget", MSG_STAT, msg_get, msg_ctl },
};

/* check texts carry the kind's name */
static char text[200];
static const char *T(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return text;
}

/* key of the permission structure filled by IPC_STAT */
static key_t stat_key(int k)
{
	switch (k) {
	case 0: return buf.sem.sem_perm.__key;
	case 1: return buf.shm.shm_perm.__key;
	default: return buf.msg.msg_perm.__key;
	}
}

static unsigned stat_mode(int k)
{
	switch (k) {
	case 0: return buf.sem.sem_perm.mode;
	case 1: return buf.shm.shm_perm.mode;
	default: return buf.msg.msg_perm.mode;
	}
}

/* -1 with errno EINVAL or EIDRM: what a stale id gives */
static int stale(long r)
{
	return r == -1 && (errno == EINVAL || errno == EIDRM);
}

/* a key nobody uses yet: derived from the pid, moved on if taken */
static key_t fresh_key(const struct kind *K, int salt)
{
	key_t key = 0x51000000 | ((getpid() & 0xffff) << 8) | (salt << 4);
	int i;

	for (i = 0; i < 16; i++, key++) {
		errno = 0;
		if (K->get(key, 0) == -1 && errno == ENOENT)
			return key;
	}
	return key;
}

static void test_kind(int k)
{
	const struct kind *K = &kinds[k];
	int a, b, c, id, re, r, e, i;
	key_t key;

	/* IPC_PRIVATE always creates a new object */
	a = K->get(IPC_PRIVATE, IPC_CREAT | 0600);
	b = K->get(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600);
	c = K->get(IPC_PRIVATE, 0600);
	CHECK(T("%s: IPC_PRIVATE creates objects, with or without IPC_CREAT/IPC_EXCL", K->name),
	      a >= 0 && b >= 0 && c >= 0);
	CHECK(T("%s: each IPC_PRIVATE call gives a distinct id", K->name),
	      a != b && b != c && a != c);
	if (a >= 0) {
		r = K->ctl(a, IPC_STAT);
		CHECK_EQ(T("%s: IPC_STAT of an IPC_PRIVATE object returns 0", K->name), r, 0);
		CHECK_EQ(T("%s: IPC_STAT shows key 0 (IPC_PRIVATE)", K->name), stat_key(k), 0);
	}
	if (b >= 0)
		K->ctl(b, IPC_RMID);
	if (c >= 0)
		K->ctl(c, IPC_RMID);

	/* key rules */
	key = fresh_key(K, k);
	CHECK_ERR(T("%s: missing key without IPC_CREAT gives ENOENT", K->name),
		  K->get(key, 0600), ENOENT);
	CHECK_ERR(T("%s: missing key with IPC_EXCL but no IPC_CREAT gives ENOENT", K->name),
		  K->get(key, IPC_EXCL | 0600), ENOENT);
	id = K->get(key, IPC_CREAT | IPC_EXCL | 0640);
	CHECK_OK(T("%s: IPC_CREAT|IPC_EXCL on a missing key creates", K->name), id);
	CHECK_ERR(T("%s: IPC_CREAT|IPC_EXCL on an existing key gives EEXIST", K->name),
		  K->get(key, IPC_CREAT | IPC_EXCL | 0640), EEXIST);
	CHECK_EQ(T("%s: IPC_CREAT on an existing key returns its id", K->name),
		 K->get(key, IPC_CREAT | 0600), id);
	CHECK_EQ(T("%s: flag 0 on an existing key returns its id", K->name),
		 K->get(key, 0), id);
	CHECK_EQ(T("%s: the id is found again by key with matching mode bits", K->name),
		 K->get(key, 0640), id);

	/* IPC_STAT takes an id and returns 0 */
	r = K->ctl(id, IPC_STAT);
	CHECK_EQ(T("%s: IPC_STAT by id returns 0", K->name), r, 0);
	CHECK_EQ(T("%s: IPC_STAT reports the key", K->name), stat_key(k), key);
	CHECK_EQ(T("%s: IPC_STAT reports mode 0640", K->name), stat_mode(k) & 0777, 0640);

	/* *_STAT takes a slot index and returns the full id */
	r = K->ctl(IDX(id), K->stat_cmd);
	CHECK_EQ(T("%s: *_STAT of index id%%32768 returns the id", K->name), r, id);
	CHECK_EQ(T("%s: *_STAT reports the key", K->name), stat_key(k), key);

	/* IPC_INFO returns the highest used index: at least ours */
	r = K->ctl(0, IPC_INFO);
	CHECK(T("%s: IPC_INFO returns an index >= our object's index", K->name),
	      r >= IDX(id));

	/* unknown command, negative id */
	CHECK_ERR(T("%s: an unknown ctl command gives EINVAL", K->name),
		  K->ctl(id, 99), EINVAL);
	CHECK_ERR(T("%s: IPC_STAT with id -1 gives EINVAL", K->name),
		  K->ctl(-1, IPC_STAT), EINVAL);
	CHECK_ERR(T("%s: IPC_RMID with id -1 gives EINVAL", K->name),
		  K->ctl(-1, IPC_RMID), EINVAL);

	/* removal: the id goes stale, the key disappears */
	CHECK_EQ(T("%s: IPC_RMID returns 0", K->name), K->ctl(id, IPC_RMID), 0);
	errno = 0;
	r = K->ctl(id, IPC_STAT);
	CHECK(T("%s: IPC_STAT of a removed id gives EINVAL or EIDRM", K->name), stale(r));
	errno = 0;
	r = K->ctl(id, IPC_RMID);
	CHECK(T("%s: IPC_RMID of a removed id gives EINVAL or EIDRM", K->name), stale(r));
	CHECK_ERR(T("%s: the removed object's key is gone (ENOENT)", K->name),
		  K->get(key, 0), ENOENT);

	/*
	 * Re-create objects until one lands in the removed object's slot (Linux
	 * 2.6 takes the lowest free slot; newer kernels cycle through up to
	 * 32768 slots). It must get a different id, and the old id stays stale.
	 */
	re = -1;
	for (i = 0; i < 33000; i++) {
		re = K->get(IPC_PRIVATE, 0600);
		if (re < 0 || IDX(re) == IDX(id))
			break;
		K->ctl(re, IPC_RMID);
	}
	CHECK(T("%s: a later object reuses the removed object's slot", K->name),
	      re >= 0 && IDX(re) == IDX(id));
	if (re >= 0 && IDX(re) == IDX(id)) {
		CHECK(T("%s: the object in the reused slot has a different id", K->name),
		      re != id);
		errno = 0;
		r = K->ctl(id, IPC_STAT);
		CHECK(T("%s: the old id stays stale (EINVAL or EIDRM) after slot reuse", K->name),
		      stale(r));
		errno = 0;
		r = K->ctl(IDX(re), IPC_STAT);
		e = errno;
		CHECK(T("%s: IPC_STAT takes an id, not a bare index", K->name),
		      re == IDX(re) || (r == -1 && (e == EINVAL || e == EIDRM)));
		CHECK_EQ(T("%s: *_STAT of the reused index returns the new id", K->name),
			 K->ctl(IDX(re), K->stat_cmd), re);
	}
	if (re >= 0)
		K->ctl(re, IPC_RMID);
	if (a >= 0)
		K->ctl(a, IPC_RMID);
}

int main(void)
{
	int id, k;

	alarm(20);
	for (k = 0; k < 3; k++)
		test_kind(k);

	/* calls other than *ctl also reject negative ids */
	{
		struct sembuf op = { 0, 1, 0 };
		long mt[2] = { 1, 0 };

		CHECK_ERR("semop with id -1 gives EINVAL", semop(-1, &op, 1), EINVAL);
		CHECK_ERR("shmat with id -1 gives EINVAL", (long)shmat(-1, NULL, 0), EINVAL);
		CHECK_ERR("msgsnd with id -1 gives EINVAL", msgsnd(-1, mt, 1, IPC_NOWAIT), EINVAL);
		CHECK_ERR("msgrcv with id -1 gives EINVAL",
			  msgrcv(-1, mt, 1, 0, IPC_NOWAIT), EINVAL);
	}

	/* through ipc(), semctl with a NULL union pointer is EINVAL, even IPC_RMID */
	id = semget(IPC_PRIVATE, 1, 0600);
	if (id >= 0) {
		CHECK_ERR("ipc(SEMCTL) with a NULL argument pointer gives EINVAL for IPC_RMID",
			  syscall(SYS_ipc, 3, id, 0, IPC_RMID | 0x100, NULL), EINVAL);
		CHECK_EQ("the set survives that failed IPC_RMID",
			 semctl(id, 0, GETVAL), 0);
		semctl(id, 0, IPC_RMID);
	}

	/* through ipc(), shmat stores the address in user memory and returns 0 */
	id = shmget(IPC_PRIVATE, 4096, 0600);
	if (id >= 0) {
		unsigned long addr = 0;
		long r = syscall(SYS_ipc, 21, id, 0, (long)&addr, NULL);

		CHECK_EQ("ipc(SHMAT) returns 0", r, 0);
		CHECK("ipc(SHMAT) stores the attach address", addr != 0 && addr % 4096 == 0);
		if (addr) {
			*(volatile int *)addr = 7;
			CHECK_EQ("the stored address is the attachment", shmdt((void *)addr), 0);
		}
		shmctl(id, IPC_RMID, NULL);
	}
	return utest_done();
}

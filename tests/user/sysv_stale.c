/*
 * tests/user/sysv_stale.c - ids of every age as today's Linux answers them:
 * a stale id whose slot holds a newer object is EINVAL (2.6: EIDRM) for
 * every call of every kind, as are empty slots, future sequence numbers and
 * negative ids, and none of it touches the newer object; SEM_STAT/SHM_STAT/
 * MSG_STAT take an index or a full id (of any age), *_STAT_ANY skip the
 * read check; IPC_SET with uid or gid (uid_t)-1 is EINVAL and changes
 * nothing (issue 13, today's ABI).
 */
#define _GNU_SOURCE
#include "utest.h"
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>

#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY 20
#endif
#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY 15
#endif
#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY 13
#endif

#define IDX(id) ((id) % 32768)

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

enum { SEM, SHM, MSG };
static const char *kname[] = { "sem", "shm", "msg" };

static int mk(int k, int mode)
{
	switch (k) {
	case SEM: return semget(IPC_PRIVATE, 2, IPC_CREAT | mode);
	case SHM: return shmget(IPC_PRIVATE, 4096, IPC_CREAT | mode);
	default: return msgget(IPC_PRIVATE, IPC_CREAT | mode);
	}
}

static int rm(int k, int id)
{
	switch (k) {
	case SEM: return semctl(id, 0, IPC_RMID);
	case SHM: return shmctl(id, IPC_RMID, NULL);
	default: return msgctl(id, IPC_RMID, NULL);
	}
}

static union {
	struct semid_ds sem;
	struct shmid_ds shm;
	struct msqid_ds msg;
} ds;

static int stat_cmd(int k, int id, int cmd)
{
	switch (k) {
	case SEM: return semctl(id, 0, cmd, (union semun){ .buf = &ds.sem });
	case SHM: return shmctl(id, cmd, &ds.shm);
	default: return msgctl(id, cmd, &ds.msg);
	}
}

static const int STAT[] = { SEM_STAT, SHM_STAT, MSG_STAT };
static const int STAT_ANY[] = { SEM_STAT_ANY, SHM_STAT_ANY, MSG_STAT_ANY };

static char what[160];
#define T(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

/* every call of kind k on id: each must fail with EINVAL */
static void every_call_einval(int k, int id, const char *age)
{
	unsigned short vals[2] = { 1, 1 };
	struct sembuf op = { 0, 1, IPC_NOWAIT }, undo = { 0, 1, SEM_UNDO | IPC_NOWAIT };
	struct { long mtype; char t[8]; } m = { 1, "x" };

	memset(&ds, 0, sizeof(ds));
	switch (k) {
	case SEM:
		CHECK_ERR(T("sem %s: semop", age), semop(id, &op, 1), EINVAL);
		CHECK_ERR(T("sem %s: semop with SEM_UNDO", age), semop(id, &undo, 1), EINVAL);
		CHECK_ERR(T("sem %s: semtimedop", age),
			  semtimedop(id, &op, 1, &(struct timespec){ 0, 1000 }), EINVAL);
		CHECK_ERR(T("sem %s: IPC_STAT", age), stat_cmd(SEM, id, IPC_STAT), EINVAL);
		ds.sem.sem_perm.mode = 0600;
		CHECK_ERR(T("sem %s: IPC_SET", age), stat_cmd(SEM, id, IPC_SET), EINVAL);
		CHECK_ERR(T("sem %s: GETVAL", age), semctl(id, 0, GETVAL), EINVAL);
		CHECK_ERR(T("sem %s: GETPID", age), semctl(id, 0, GETPID), EINVAL);
		CHECK_ERR(T("sem %s: GETNCNT", age), semctl(id, 0, GETNCNT), EINVAL);
		CHECK_ERR(T("sem %s: GETZCNT", age), semctl(id, 0, GETZCNT), EINVAL);
		CHECK_ERR(T("sem %s: GETALL", age), semctl(id, 0, GETALL, vals), EINVAL);
		CHECK_ERR(T("sem %s: SETVAL", age), semctl(id, 0, SETVAL, 1), EINVAL);
		/* the value is checked before the id, but after semid < 0 */
		CHECK_ERR(T("sem %s: SETVAL out of range", age),
			  semctl(id, 0, SETVAL, 40000), id < 0 ? EINVAL : ERANGE);
		CHECK_ERR(T("sem %s: SETALL", age), semctl(id, 0, SETALL, vals), EINVAL);
		CHECK_ERR(T("sem %s: IPC_RMID", age), semctl(id, 0, IPC_RMID), EINVAL);
		break;
	case SHM:
		CHECK_ERR(T("shm %s: shmat", age), (long)shmat(id, NULL, 0), EINVAL);
		CHECK_ERR(T("shm %s: IPC_STAT", age), stat_cmd(SHM, id, IPC_STAT), EINVAL);
		ds.shm.shm_perm.mode = 0600;
		CHECK_ERR(T("shm %s: IPC_SET", age), stat_cmd(SHM, id, IPC_SET), EINVAL);
		CHECK_ERR(T("shm %s: SHM_LOCK", age), shmctl(id, SHM_LOCK, NULL), EINVAL);
		CHECK_ERR(T("shm %s: SHM_UNLOCK", age), shmctl(id, SHM_UNLOCK, NULL), EINVAL);
		CHECK_ERR(T("shm %s: IPC_RMID", age), shmctl(id, IPC_RMID, NULL), EINVAL);
		break;
	default:
		CHECK_ERR(T("msg %s: msgsnd", age), msgsnd(id, &m, 1, IPC_NOWAIT), EINVAL);
		CHECK_ERR(T("msg %s: msgrcv", age), msgrcv(id, &m, 8, 0, IPC_NOWAIT), EINVAL);
		CHECK_ERR(T("msg %s: IPC_STAT", age), stat_cmd(MSG, id, IPC_STAT), EINVAL);
		ds.msg.msg_perm.mode = 0600;
		ds.msg.msg_qbytes = 100;
		CHECK_ERR(T("msg %s: IPC_SET", age), stat_cmd(MSG, id, IPC_SET), EINVAL);
		CHECK_ERR(T("msg %s: IPC_RMID", age), msgctl(id, IPC_RMID, NULL), EINVAL);
		break;
	}
}

/* the newer object in the slot is as it was */
static int untouched(int k, int id)
{
	struct { long mtype; char t[8]; } m;

	if (stat_cmd(k, id, IPC_STAT))
		return 0;
	switch (k) {
	case SEM:
		return semctl(id, 0, GETVAL) == 0 && semctl(id, 0, GETPID) == 0 &&
		       ds.sem.sem_otime == 0;
	case SHM:
		return ds.shm.shm_nattch == 0 && !(ds.shm.shm_perm.mode & SHM_LOCKED) &&
		       ds.shm.shm_atime == 0;
	default:
		return ds.msg.msg_qnum == 0 && ds.msg.msg_qbytes != 100 &&
		       msgrcv(id, &m, 8, 0, IPC_NOWAIT) == -1 && errno == ENOMSG;
	}
}

static void ages(int k)
{
	int id = mk(k, 0600), re = -1, i;

	CHECK(T("%s: an object", kname[k]), id >= 0);
	if (id < 0)
		return;
	CHECK_OK(T("%s: removed", kname[k]), rm(k, id));
	every_call_einval(k, id, "removed id, empty slot");

	/* a newer object in the same slot (today's kernels cycle through the slots) */
	for (i = 0; i < 33000; i++) {
		re = mk(k, 0600);
		if (re < 0 || IDX(re) == IDX(id))
			break;
		rm(k, re);
	}
	CHECK(T("%s: a newer object reuses the slot", kname[k]), re >= 0 && IDX(re) == IDX(id));
	if (re < 0 || IDX(re) != IDX(id))
		return;
	every_call_einval(k, id, "stale id, slot reused");
	CHECK(T("%s: the newer object was not touched", kname[k]), untouched(k, re));
	/* a future sequence number in the same slot */
	if (re + 32768 > re)
		every_call_einval(k, re + 32768, "future sequence number");
	every_call_einval(k, 0x7fffffff, "the largest id");
	every_call_einval(k, -1, "-1");
	CHECK(T("%s: still untouched", kname[k]), untouched(k, re));

	/* *_STAT: an index, the full id, the stale id, an id past the table */
	CHECK_EQ(T("%s: *_STAT of the index", kname[k]), stat_cmd(k, IDX(re), STAT[k]), re);
	CHECK_EQ(T("%s: *_STAT of the full id", kname[k]), stat_cmd(k, re, STAT[k]), re);
	CHECK_EQ(T("%s: *_STAT of the stale id names the slot's object", kname[k]),
		 stat_cmd(k, id, STAT[k]), re);
	CHECK_EQ(T("%s: *_STAT_ANY of the index", kname[k]), stat_cmd(k, IDX(re), STAT_ANY[k]), re);
	CHECK_EQ(T("%s: *_STAT_ANY of the full id", kname[k]), stat_cmd(k, re, STAT_ANY[k]), re);
	CHECK_ERR(T("%s: *_STAT of -1", kname[k]), stat_cmd(k, -1, STAT[k]), EINVAL);
	CHECK_ERR(T("%s: *_STAT_ANY of -1", kname[k]), stat_cmd(k, -1, STAT_ANY[k]), EINVAL);
	CHECK_ERR(T("%s: *_STAT of an empty slot", kname[k]),
		  stat_cmd(k, IDX(re) == 32767 ? 0 : 32767, STAT[k]), EINVAL);
	CHECK_ERR(T("%s: IPC_STAT of the bare index (an id with sequence 0)", kname[k]),
		  re == IDX(re) ? (errno = EINVAL, -1) : stat_cmd(k, IDX(re), IPC_STAT), EINVAL);
	rm(k, re);
	CHECK_ERR(T("%s: *_STAT once the slot is empty again", kname[k]),
		  stat_cmd(k, re, STAT[k]), EINVAL);
}

/* the read check: *_STAT and IPC_STAT refuse, *_STAT_ANY does not */
static void stat_any_unprivileged(void)
{
	int ids[3], st;
	pid_t pid;

	for (int k = 0; k < 3; k++)
		ids[k] = mk(k, 0600);
	pid = fork();
	if (pid == 0) {
		utest_passed = utest_failed = 0;
		if (setgid(65534) || setuid(65534))
			_exit(2);
		for (int k = 0; k < 3; k++) {
			CHECK_ERR(T("%s, uid 65534: IPC_STAT of root's 0600 object", kname[k]),
				  stat_cmd(k, ids[k], IPC_STAT), EACCES);
			CHECK_ERR(T("%s, uid 65534: *_STAT", kname[k]),
				  stat_cmd(k, IDX(ids[k]), STAT[k]), EACCES);
			CHECK_EQ(T("%s, uid 65534: *_STAT_ANY shows it", kname[k]),
				 stat_cmd(k, IDX(ids[k]), STAT_ANY[k]), ids[k]);
			CHECK_EQ(T("%s, uid 65534: *_STAT_ANY's owner", kname[k]),
				 k == SEM ? ds.sem.sem_perm.uid : k == SHM ? ds.shm.shm_perm.uid :
				 ds.msg.msg_perm.uid, 0);
		}
		_exit(utest_failed ? 1 : 0);	/* the parent counts this part once */
	}
	waitpid(pid, &st, 0);
	CHECK("the uid 65534 part passed", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	for (int k = 0; k < 3; k++)
		rm(k, ids[k]);
}

/* IPC_SET with uid or gid -1: EINVAL, nothing changes */
static void set_minus_one(int k)
{
	int id = mk(k, 0640);

	CHECK(T("%s: an object", kname[k]), id >= 0);
	for (int which = 0; which < 2; which++) {
		stat_cmd(k, id, IPC_STAT);
		switch (k) {
		case SEM:
			ds.sem.sem_perm.mode = 0600;
			if (which) ds.sem.sem_perm.gid = -1; else ds.sem.sem_perm.uid = -1;
			break;
		case SHM:
			ds.shm.shm_perm.mode = 0600;
			if (which) ds.shm.shm_perm.gid = -1; else ds.shm.shm_perm.uid = -1;
			break;
		default:
			ds.msg.msg_perm.mode = 0600;
			ds.msg.msg_qbytes = 100;
			if (which) ds.msg.msg_perm.gid = -1; else ds.msg.msg_perm.uid = -1;
			break;
		}
		CHECK_ERR(T("%s: IPC_SET with %s -1", kname[k], which ? "gid" : "uid"),
			  stat_cmd(k, id, IPC_SET), EINVAL);
		stat_cmd(k, id, IPC_STAT);
		switch (k) {
		case SEM:
			CHECK(T("sem: nothing changed (%s)", which ? "gid" : "uid"),
			      ds.sem.sem_perm.mode == 0640 && ds.sem.sem_perm.uid == 0 &&
			      ds.sem.sem_perm.gid == 0);
			break;
		case SHM:
			CHECK(T("shm: nothing changed (%s)", which ? "gid" : "uid"),
			      (ds.shm.shm_perm.mode & 0777) == 0640 && ds.shm.shm_perm.uid == 0 &&
			      ds.shm.shm_perm.gid == 0);
			break;
		default:
			CHECK(T("msg: nothing changed, msg_qbytes neither (%s)", which ? "gid" : "uid"),
			      ds.msg.msg_perm.mode == 0640 && ds.msg.msg_perm.uid == 0 &&
			      ds.msg.msg_perm.gid == 0 && ds.msg.msg_qbytes == 16384);
			break;
		}
	}
	/* 65535 and 4294967294 are ids like any other */
	stat_cmd(k, id, IPC_STAT);
	switch (k) {
	case SEM: ds.sem.sem_perm.uid = 4294967294u; ds.sem.sem_perm.gid = 65535; break;
	case SHM: ds.shm.shm_perm.uid = 4294967294u; ds.shm.shm_perm.gid = 65535; break;
	default: ds.msg.msg_perm.uid = 4294967294u; ds.msg.msg_perm.gid = 65535; break;
	}
	CHECK_OK(T("%s: IPC_SET uid 4294967294, gid 65535", kname[k]), stat_cmd(k, id, IPC_SET));
	stat_cmd(k, id, IPC_STAT);
	CHECK_EQ(T("%s: the uid reads back", kname[k]), k == SEM ? ds.sem.sem_perm.uid :
		 k == SHM ? ds.shm.shm_perm.uid : ds.msg.msg_perm.uid, 4294967294u);
	rm(k, id);
}

/* msg: the msg_qbytes limit is checked before the ids, as msgctl_down */
static void msg_set_order(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		int id;

		utest_passed = utest_failed = 0;
		if (setgid(65534) || setuid(65534))
			_exit(2);
		id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
		msgctl(id, IPC_STAT, &ds.msg);
		ds.msg.msg_qbytes = 16385;
		ds.msg.msg_perm.uid = -1;
		CHECK_ERR("uid 65534: msg_qbytes over MSGMNB and uid -1: EPERM first",
			  msgctl(id, IPC_SET, &ds.msg), EPERM);
		ds.msg.msg_qbytes = 100;
		CHECK_ERR("uid 65534: msg_qbytes 100 and uid -1: EINVAL",
			  msgctl(id, IPC_SET, &ds.msg), EINVAL);
		msgctl(id, IPC_STAT, &ds.msg);
		CHECK_EQ("msg_qbytes unchanged", ds.msg.msg_qbytes, 16384);
		msgctl(id, IPC_RMID, NULL);
		_exit(utest_failed ? 1 : 0);	/* the parent counts this part once */
	}
	waitpid(pid, &st, 0);
	CHECK("the uid 65534 msgctl part passed", WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(void)
{
	for (int k = 0; k < 3; k++)
		ages(k);
	stat_any_unprivileged();
	for (int k = 0; k < 3; k++)
		set_minus_one(k);
	msg_set_order();
	return utest_done();
}

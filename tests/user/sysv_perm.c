/*
 * sysv_perm.c - System V IPC permissions between two users: objects made by
 * root with mode 0600 refuse uid 65534 (EACCES for access, EPERM for IPC_SET
 * and IPC_RMID), 0666 objects serve it, and IPC_SET never changes cuid/cgid.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define NOBODY 65534

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

struct mbuf {
	long mtype;
	char mtext[16];
};

/*
 * The unprivileged child runs the calls and records each result in shared
 * memory; the parent turns every record into one check.
 */
#define MAXREC 80
enum { WANT_OK, WANT_EQ, WANT_ERR };
struct rec {
	const char *what;	/* string literal: same address in the parent */
	int how;		/* WANT_OK, WANT_EQ (value), WANT_ERR (errno) */
	long want;
	long ret;
	int err;
};
struct recs {
	int n;
	struct rec r[MAXREC];
};
static struct recs *R;

static void record(const char *what, int how, long want, long ret, int err)
{
	if (R->n < MAXREC) {
		R->r[R->n].what = what;
		R->r[R->n].how = how;
		R->r[R->n].want = want;
		R->r[R->n].ret = ret;
		R->r[R->n].err = err;
		R->n++;
	}
}

#define EXPECT_(how, what, call, want) do {			\
	errno = 0;						\
	long _r = (long)(call);					\
	record((what), (how), (want), _r, errno);		\
} while (0)
#define EXPECT_OK(what, call)		EXPECT_(WANT_OK, what, call, 0)
#define EXPECT_EQ(what, call, val)	EXPECT_(WANT_EQ, what, call, val)
#define EXPECT_ERR(what, call, err)	EXPECT_(WANT_ERR, what, call, err)

static int replay_i;
static long replay(void)
{
	errno = R->r[replay_i].err;
	return R->r[replay_i].ret;
}

/* objects made by root */
static int sem600, sem666, sem640, shm600, shm666, msg600, msg666, semkey;
static key_t key;

static int become_nobody(void)
{
	return setgid(NOBODY) == 0 && setuid(NOBODY) == 0 && geteuid() == NOBODY;
}

static void child(void)
{
	struct sembuf up = { 0, 1, 0 }, zero = { 0, 0, 0 };
	struct semid_ds sds;
	struct shmid_ds hds;
	struct msqid_ds qds;
	struct mbuf m = { 1, "hello" };
	union semun arg;
	void *p;

	if (!become_nobody()) {
		record("child dropped to uid/gid 65534", WANT_OK, 0, -1, errno);
		return;
	}
	memset(&sds, 0, sizeof(sds));
	arg.buf = &sds;

	/* semaphores, mode 0600 owned by root */
	EXPECT_ERR("nobody: semop (alter) on a 0600 set gives EACCES",
		   semop(sem600, &up, 1), EACCES);
	EXPECT_ERR("nobody: semop wait-for-zero (read) on a 0600 set gives EACCES",
		   semop(sem600, &zero, 1), EACCES);
	EXPECT_ERR("nobody: GETVAL on a 0600 set gives EACCES",
		   semctl(sem600, 0, GETVAL), EACCES);
	arg.val = 1;
	EXPECT_ERR("nobody: SETVAL on a 0600 set gives EACCES",
		   semctl(sem600, 0, SETVAL, arg), EACCES);
	arg.buf = &sds;
	EXPECT_ERR("nobody: semctl IPC_STAT on a 0600 set gives EACCES",
		   semctl(sem600, 0, IPC_STAT, arg), EACCES);
	EXPECT_ERR("nobody: SEM_STAT on a 0600 set's index gives EACCES",
		   semctl(sem600 % 32768, 0, SEM_STAT, arg), EACCES);
	sds.sem_perm.uid = NOBODY;
	sds.sem_perm.gid = NOBODY;
	sds.sem_perm.mode = 0666;
	EXPECT_ERR("nobody: semctl IPC_SET on root's set gives EPERM",
		   semctl(sem600, 0, IPC_SET, arg), EPERM);
	EXPECT_ERR("nobody: semctl IPC_RMID on root's set gives EPERM",
		   semctl(sem600, 0, IPC_RMID, arg), EPERM);

	/* the get rules by key */
	EXPECT_EQ("nobody: semget(existing key, 0, 0) returns the id of a 0600 set",
		  semget(key, 0, 0), semkey);
	EXPECT_ERR("nobody: semget(existing key, 0, 0600) gives EACCES",
		   semget(key, 0, 0600), EACCES);
	EXPECT_ERR("nobody: semget(existing key, 0, 0004) gives EACCES",
		   semget(key, 0, 0004), EACCES);
	EXPECT_ERR("nobody: IPC_CREAT|IPC_EXCL on root's key gives EEXIST, not EACCES",
		   semget(key, 1, IPC_CREAT | IPC_EXCL | 0600), EEXIST);

	/* group class: mode 0640, group 65534 */
	EXPECT_EQ("nobody: group read bit allows GETVAL on a 0640 set of its group",
		  semctl(sem640, 0, GETVAL), 1);
	EXPECT_ERR("nobody: no group write bit: semop (alter) gives EACCES",
		   semop(sem640, &up, 1), EACCES);

	/* semaphores, mode 0666 */
	EXPECT_OK("nobody: semop (alter) on a 0666 set succeeds",
		  semop(sem666, &up, 1));
	EXPECT_EQ("nobody: GETVAL on a 0666 set succeeds", semctl(sem666, 0, GETVAL), 1);
	EXPECT_OK("nobody: semctl IPC_STAT on a 0666 set succeeds",
		  semctl(sem666, 0, IPC_STAT, arg));
	sds.sem_perm.mode = 0600;
	EXPECT_ERR("nobody: semctl IPC_SET on root's 0666 set still gives EPERM",
		   semctl(sem666, 0, IPC_SET, arg), EPERM);
	EXPECT_ERR("nobody: semctl IPC_RMID on root's 0666 set still gives EPERM",
		   semctl(sem666, 0, IPC_RMID, arg), EPERM);

	/* shared memory */
	EXPECT_ERR("nobody: shmat read/write of a 0600 segment gives EACCES",
		   (long)shmat(shm600, NULL, 0), EACCES);
	EXPECT_ERR("nobody: shmat SHM_RDONLY of a 0600 segment gives EACCES",
		   (long)shmat(shm600, NULL, SHM_RDONLY), EACCES);
	EXPECT_ERR("nobody: shmctl IPC_STAT on a 0600 segment gives EACCES",
		   shmctl(shm600, IPC_STAT, &hds), EACCES);
	memset(&hds, 0, sizeof(hds));
	hds.shm_perm.uid = NOBODY;
	hds.shm_perm.mode = 0666;
	EXPECT_ERR("nobody: shmctl IPC_SET on root's segment gives EPERM",
		   shmctl(shm600, IPC_SET, &hds), EPERM);
	EXPECT_ERR("nobody: shmctl IPC_RMID on root's segment gives EPERM",
		   shmctl(shm600, IPC_RMID, NULL), EPERM);
	p = shmat(shm666, NULL, 0);
	EXPECT_OK("nobody: shmat of a 0666 segment succeeds", (long)p);
	if (p != (void *)-1) {
		strcpy((char *)p, "from nobody");
		EXPECT_OK("nobody: shmdt of its attachment succeeds", shmdt(p));
	}
	EXPECT_OK("nobody: shmctl IPC_STAT on a 0666 segment succeeds",
		  shmctl(shm666, IPC_STAT, &hds));
	EXPECT_ERR("nobody: shmctl IPC_RMID on root's 0666 segment still gives EPERM",
		   shmctl(shm666, IPC_RMID, NULL), EPERM);

	/* message queues */
	EXPECT_ERR("nobody: msgsnd to a 0600 queue gives EACCES",
		   msgsnd(msg600, &m, 6, IPC_NOWAIT), EACCES);
	EXPECT_ERR("nobody: msgrcv from a 0600 queue gives EACCES",
		   msgrcv(msg600, &m, sizeof(m.mtext), 0, IPC_NOWAIT), EACCES);
	EXPECT_ERR("nobody: msgctl IPC_STAT on a 0600 queue gives EACCES",
		   msgctl(msg600, IPC_STAT, &qds), EACCES);
	memset(&qds, 0, sizeof(qds));
	qds.msg_perm.uid = NOBODY;
	qds.msg_perm.mode = 0666;
	qds.msg_qbytes = 100;
	EXPECT_ERR("nobody: msgctl IPC_SET on root's queue gives EPERM",
		   msgctl(msg600, IPC_SET, &qds), EPERM);
	EXPECT_ERR("nobody: msgctl IPC_RMID on root's queue gives EPERM",
		   msgctl(msg600, IPC_RMID, NULL), EPERM);
	m.mtype = 1;
	EXPECT_OK("nobody: msgsnd to a 0666 queue succeeds",
		  msgsnd(msg666, &m, 6, IPC_NOWAIT));
	EXPECT_EQ("nobody: msgrcv from a 0666 queue succeeds (gets root's 4 bytes)",
		  msgrcv(msg666, &m, sizeof(m.mtext), 2, IPC_NOWAIT), 4);
	EXPECT_OK("nobody: msgctl IPC_STAT on a 0666 queue succeeds",
		  msgctl(msg666, IPC_STAT, &qds));
	EXPECT_ERR("nobody: msgctl IPC_RMID on root's 0666 queue still gives EPERM",
		   msgctl(msg666, IPC_RMID, NULL), EPERM);
}

/* second child: after root hands the set over with IPC_SET uid, nobody owns it */
static void child_owner(void)
{
	struct semid_ds sds;
	union semun arg;

	if (!become_nobody()) {
		record("child dropped to uid/gid 65534", WANT_OK, 0, -1, errno);
		return;
	}
	memset(&sds, 0, sizeof(sds));
	arg.buf = &sds;
	EXPECT_OK("new owner (uid set by IPC_SET): IPC_STAT succeeds",
		  semctl(semkey, 0, IPC_STAT, arg));
	sds.sem_perm.mode = 0604;
	EXPECT_OK("new owner: IPC_SET succeeds", semctl(semkey, 0, IPC_SET, arg));
	EXPECT_OK("new owner: IPC_RMID succeeds", semctl(semkey, 0, IPC_RMID, arg));
}

static void run_child(void (*fn)(void), const char *fork_what, const char *exit_what)
{
	int st = -1, i;
	pid_t pid;

	R->n = 0;
	pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	CHECK_OK(fork_what, pid);
	waitpid(pid, &st, 0);
	CHECK(exit_what, WIFEXITED(st) && WEXITSTATUS(st) == 0);
	for (i = 0; i < R->n; i++) {
		struct rec *r = &R->r[i];

		replay_i = i;
		if (r->how == WANT_OK)
			CHECK_OK(r->what, replay());
		else if (r->how == WANT_EQ)
			CHECK_EQ(r->what, replay(), r->want);
		else
			CHECK_ERR(r->what, replay(), r->want);
	}
}

int main(void)
{
	struct semid_ds sds;
	struct shmid_ds hds;
	struct msqid_ds qds;
	struct mbuf m = { 2, "root" };
	union semun arg;
	char *p;
	int i;

	alarm(20);
	R = mmap(NULL, sizeof(*R), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (R == MAP_FAILED) {
		CHECK_OK("mmap of the shared result page", -1);
		return utest_done();
	}

	key = 0x52000000 | ((getpid() & 0xffff) << 4);
	for (i = 0; i < 16 && (semkey = semget(key, 1, IPC_CREAT | IPC_EXCL | 0600)) < 0; i++)
		key++;
	sem600 = semkey;
	sem666 = semget(IPC_PRIVATE, 1, 0666);
	sem640 = semget(IPC_PRIVATE, 1, 0640);
	shm600 = shmget(IPC_PRIVATE, 4096, 0600);
	shm666 = shmget(IPC_PRIVATE, 4096, 0666);
	msg600 = msgget(IPC_PRIVATE, 0600);
	msg666 = msgget(IPC_PRIVATE, 0666);
	CHECK("root creates the test objects",
	      sem600 >= 0 && sem666 >= 0 && sem640 >= 0 && shm600 >= 0 &&
	      shm666 >= 0 && msg600 >= 0 && msg666 >= 0);

	/* put sem640 in group 65534 */
	memset(&sds, 0, sizeof(sds));
	arg.buf = &sds;
	semctl(sem640, 0, IPC_STAT, arg);
	sds.sem_perm.gid = NOBODY;
	CHECK_EQ("root: IPC_SET of the group on a set returns 0",
		 semctl(sem640, 0, IPC_SET, arg), 0);
	arg.val = 1;
	semctl(sem640, 0, SETVAL, arg);
	msgsnd(msg666, &m, 4, IPC_NOWAIT);

	run_child(child, "fork of the unprivileged child",
		  "the unprivileged child exits normally");

	/* what the child did on the 0666 objects is visible, the 0600 ones are untouched */
	CHECK_EQ("the 0600 set is unchanged by nobody", semctl(sem600, 0, GETVAL), 0);
	CHECK_EQ("the 0666 set was raised by nobody's semop", semctl(sem666, 0, GETVAL), 1);
	p = shmat(shm666, NULL, SHM_RDONLY);
	CHECK("root reads what nobody wrote into the 0666 segment",
	      p != (void *)-1 && strcmp(p, "from nobody") == 0);
	if (p != (void *)-1)
		shmdt(p);
	CHECK_EQ("root receives nobody's message",
		 msgrcv(msg666, &m, sizeof(m.mtext), 1, IPC_NOWAIT), 6);

	/* IPC_SET by the owner: uid and mode change, cuid/cgid and upper bits never */
	memset(&sds, 0, sizeof(sds));
	arg.buf = &sds;
	semctl(semkey, 0, IPC_STAT, arg);
	sds.sem_perm.uid = NOBODY;
	sds.sem_perm.gid = NOBODY;
	sds.sem_perm.mode = 07644;
	CHECK_EQ("root: semctl IPC_SET returns 0", semctl(semkey, 0, IPC_SET, arg), 0);
	memset(&sds, 0, sizeof(sds));
	semctl(semkey, 0, IPC_STAT, arg);
	CHECK_EQ("sem IPC_SET changes uid", sds.sem_perm.uid, NOBODY);
	CHECK_EQ("sem IPC_SET changes gid", sds.sem_perm.gid, NOBODY);
	CHECK_EQ("sem IPC_SET keeps cuid", sds.sem_perm.cuid, 0);
	CHECK_EQ("sem IPC_SET keeps cgid", sds.sem_perm.cgid, 0);
	CHECK_EQ("sem IPC_SET sets only the 0777 mode bits", sds.sem_perm.mode, 0644);

	memset(&hds, 0, sizeof(hds));
	shmctl(shm600, IPC_STAT, &hds);
	hds.shm_perm.uid = NOBODY;
	hds.shm_perm.mode = 03640;	/* SHM_DEST|SHM_LOCKED must not stick */
	CHECK_EQ("root: shmctl IPC_SET returns 0", shmctl(shm600, IPC_SET, &hds), 0);
	memset(&hds, 0, sizeof(hds));
	shmctl(shm600, IPC_STAT, &hds);
	CHECK_EQ("shm IPC_SET changes uid", hds.shm_perm.uid, NOBODY);
	CHECK_EQ("shm IPC_SET keeps cuid", hds.shm_perm.cuid, 0);
	CHECK_EQ("shm IPC_SET keeps cgid", hds.shm_perm.cgid, 0);
	CHECK_EQ("shm IPC_SET cannot set SHM_DEST/SHM_LOCKED", hds.shm_perm.mode, 0640);

	memset(&qds, 0, sizeof(qds));
	msgctl(msg600, IPC_STAT, &qds);
	qds.msg_perm.uid = NOBODY;
	qds.msg_perm.mode = 04606;
	CHECK_EQ("root: msgctl IPC_SET returns 0", msgctl(msg600, IPC_SET, &qds), 0);
	memset(&qds, 0, sizeof(qds));
	msgctl(msg600, IPC_STAT, &qds);
	CHECK_EQ("msg IPC_SET changes uid", qds.msg_perm.uid, NOBODY);
	CHECK_EQ("msg IPC_SET keeps cuid", qds.msg_perm.cuid, 0);
	CHECK_EQ("msg IPC_SET sets only the 0777 mode bits", qds.msg_perm.mode, 0606);

	/* now nobody is an owner of semkey */
	run_child(child_owner, "fork of the new-owner child",
		  "the new-owner child exits normally");
	errno = 0;
	i = semctl(semkey, 0, GETVAL);
	CHECK("the set removed by its new owner is gone",
	      i == -1 && (errno == EINVAL || errno == EIDRM));

	semctl(sem666, 0, IPC_RMID);
	semctl(sem640, 0, IPC_RMID);
	shmctl(shm600, IPC_RMID, NULL);
	shmctl(shm666, IPC_RMID, NULL);
	msgctl(msg600, IPC_RMID, NULL);
	msgctl(msg666, IPC_RMID, NULL);
	if (i != -1)
		semctl(semkey, 0, IPC_RMID);
	munmap(R, sizeof(*R));
	return utest_done();
}

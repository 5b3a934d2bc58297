/*
 * tests/user/sysv_oldabi.c - the old (non-IPC_64, libc5) layouts, reached
 * through ipc() with a cmd lacking IPC_64: their
 * 16-bit uid, gid, cuid and cgid show an id above 65535 as the overflow id
 * 65534, as Linux's high2lowuid does (issue 13 item 8), for IPC_STAT and
 * *_STAT of all three kinds; ids that fit show as they are; the IPC_64
 * layout keeps the full id; an old IPC_SET stores its 16-bit ids as given.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define IPCCALL_SEMCTL 3
#define IPCCALL_MSGCTL 14
#define IPCCALL_SHMCTL 24

/* the i386 old layouts (include/linux/{ipc,sem,shm,msg}.h) */
struct old_ipc_perm {
	int32_t key;
	uint16_t uid, gid, cuid, cgid, mode, seq;
};
struct old_semid_ds {
	struct old_ipc_perm sem_perm;
	int32_t sem_otime, sem_ctime;
	uint32_t base, pending, pending_last, undo;
	uint16_t sem_nsems;
};
struct old_shmid_ds {
	struct old_ipc_perm shm_perm;
	int32_t shm_segsz, shm_atime, shm_dtime, shm_ctime;
	uint16_t shm_cpid, shm_lpid, shm_nattch, pad;
	uint32_t unused2, unused3;
};
struct old_msqid_ds {
	struct old_ipc_perm msg_perm;
	uint32_t first, last;
	int32_t msg_stime, msg_rtime, msg_ctime;
	uint32_t msg_lcbytes, msg_lqbytes;
	uint16_t msg_cbytes, msg_qnum, msg_qbytes, msg_lspid, msg_lrpid;
};
_Static_assert(sizeof(struct old_ipc_perm) == 16, "old ipc_perm");
_Static_assert(sizeof(struct old_semid_ds) == 44, "old semid_ds");
_Static_assert(sizeof(struct old_shmid_ds) == 48, "old shmid_ds");
_Static_assert(sizeof(struct old_msqid_ds) == 56, "old msqid_ds");

enum { SEM, SHM, MSG };
static const char *kname[] = { "sem", "shm", "msg" };

static union {
	struct old_semid_ds sem;
	struct old_shmid_ds shm;
	struct old_msqid_ds msg;
	char raw[64];
} old;

static struct old_ipc_perm *old_perm(int k)
{
	return k == SEM ? &old.sem.sem_perm : k == SHM ? &old.shm.shm_perm : &old.msg.msg_perm;
}

/* an old-layout control call: through ipc() (via 0) or the direct call (via 1) */
static long old_ctl(int k, int id, int cmd, int via)
{
	void *p = &old;

	memset(&old, 0x5a, sizeof(old));
	switch (k) {
	case SEM:
		if (via)
			return syscall(SYS_semctl, id, 0, cmd, p);
		return syscall(SYS_ipc, IPCCALL_SEMCTL, id, 0, cmd, &p);
	case SHM:
		if (via)
			return syscall(SYS_shmctl, id, cmd, p);
		return syscall(SYS_ipc, IPCCALL_SHMCTL, id, cmd, 0, p);
	default:
		if (via)
			return syscall(SYS_msgctl, id, cmd, p);
		return syscall(SYS_ipc, IPCCALL_MSGCTL, id, cmd, 0, p);
	}
}

/* an old-layout IPC_SET of the ids and mode */
static long old_set(int k, int id, unsigned uid, unsigned gid)
{
	void *p = &old;

	if (old_ctl(k, id, IPC_STAT, 0) < 0)
		return -1;
	old_perm(k)->uid = uid;
	old_perm(k)->gid = gid;
	switch (k) {
	case SEM: return syscall(SYS_ipc, IPCCALL_SEMCTL, id, 0, IPC_SET, &p);
	case SHM: return syscall(SYS_ipc, IPCCALL_SHMCTL, id, IPC_SET, 0, p);
	default: return syscall(SYS_ipc, IPCCALL_MSGCTL, id, IPC_SET, 0, p);
	}
}

static int mk(int k)
{
	switch (k) {
	case SEM: return semget(IPC_PRIVATE, 1, IPC_CREAT | 0644);
	case SHM: return shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0644);
	default: return msgget(IPC_PRIVATE, IPC_CREAT | 0644);
	}
}

static void rm(int k, int id)
{
	if (k == SEM)
		semctl(id, 0, IPC_RMID);
	else if (k == SHM)
		shmctl(id, IPC_RMID, NULL);
	else
		msgctl(id, IPC_RMID, NULL);
}

/* IPC_64 IPC_SET of uid and gid, and the IPC_64 read back */
static int set64(int k, int id, unsigned uid, unsigned gid)
{
	struct semid_ds s;
	struct shmid_ds h;
	struct msqid_ds m;

	switch (k) {
	case SEM:
		semctl(id, 0, IPC_STAT, &s);
		s.sem_perm.uid = uid;
		s.sem_perm.gid = gid;
		return semctl(id, 0, IPC_SET, &s);
	case SHM:
		shmctl(id, IPC_STAT, &h);
		h.shm_perm.uid = uid;
		h.shm_perm.gid = gid;
		return shmctl(id, IPC_SET, &h);
	default:
		msgctl(id, IPC_STAT, &m);
		m.msg_perm.uid = uid;
		m.msg_perm.gid = gid;
		return msgctl(id, IPC_SET, &m);
	}
}

static unsigned uid64(int k, int id)
{
	struct semid_ds s;
	struct shmid_ds h;
	struct msqid_ds m;

	switch (k) {
	case SEM: semctl(id, 0, IPC_STAT, &s); return s.sem_perm.uid;
	case SHM: shmctl(id, IPC_STAT, &h); return h.shm_perm.uid;
	default: msgctl(id, IPC_STAT, &m); return m.msg_perm.uid;
	}
}

static char what[160];
#define T(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

static void owner_ids(int k)
{
	static const struct { unsigned id, shown; } cases[] = {
		{ 0, 0 }, { 1000, 1000 }, { 65534, 65534 }, { 65535, 65535 },
		{ 65536, 65534 }, { 100000, 65534 }, { 4294967294u, 65534 },
	};
	int id = mk(k);

	CHECK(T("%s: an object", kname[k]), id >= 0);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned u = cases[i].id, g = cases[i].id == 0 ? 7 : cases[i].id;

		CHECK_OK(T("%s: IPC_SET uid %u", kname[k], u), set64(k, id, u, g));
		/*
		 * Through ipc() only: an x86-64 host's direct calls always use
		 * IPC_64 (compat_ipc_parse_version), a native i386 Linux's
		 * parse the version as ipc() does, and so does this kernel.
		 */
		for (int via = 0; via < 1; via++) {
			const char *how = "ipc()";

			CHECK_OK(T("%s: old IPC_STAT through %s", kname[k], how),
				 old_ctl(k, id, IPC_STAT, via));
			CHECK_EQ(T("%s %s: old uid of %u", kname[k], how, u), old_perm(k)->uid,
				 cases[i].shown);
			CHECK_EQ(T("%s %s: old gid of %u", kname[k], how, g), old_perm(k)->gid,
				 g == 7 ? 7 : cases[i].shown);
			CHECK_EQ(T("%s %s: old cuid (root)", kname[k], how), old_perm(k)->cuid, 0);
		}
		CHECK_EQ(T("%s: the old *_STAT shows the overflow id too", kname[k]),
			 old_ctl(k, id % 32768, k == SEM ? SEM_STAT : k == SHM ? SHM_STAT : MSG_STAT,
				 0), id);
		CHECK_EQ(T("%s: old *_STAT uid of %u", kname[k], u), old_perm(k)->uid,
			 cases[i].shown);
		CHECK_EQ(T("%s: IPC_64 keeps uid %u", kname[k], u), uid64(k, id), u);
	}
	/* an old IPC_SET stores the 16-bit id it was given */
	CHECK_OK(T("%s: old IPC_SET of uid 65535, gid 65534", kname[k]),
		 old_set(k, id, 65535, 65534));
	CHECK_EQ(T("%s: IPC_64 reads uid 65535", kname[k]), uid64(k, id), 65535);
	CHECK_OK(T("%s: old IPC_SET of uid 1234", kname[k]), old_set(k, id, 1234, 0));
	CHECK_EQ(T("%s: IPC_64 reads uid 1234", kname[k]), uid64(k, id), 1234);
	rm(k, id);
}

/* the creator's ids: cuid and cgid above 65535 overflow as well */
static void creator_ids(void)
{
	int ids[3], pfd[2], st;
	pid_t pid;

	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		if (setgid(70000) || setuid(100000))
			_exit(2);
		for (int k = 0; k < 3; k++)
			ids[k] = mk(k);
		_exit(write(pfd[1], ids, sizeof(ids)) == sizeof(ids) ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK("uid 100000 created three objects",
	      WIFEXITED(st) && !WEXITSTATUS(st) && read(pfd[0], ids, sizeof(ids)) == sizeof(ids));
	close(pfd[0]);
	close(pfd[1]);
	for (int k = 0; k < 3; k++) {
		CHECK_OK(T("%s: old IPC_STAT", kname[k]), old_ctl(k, ids[k], IPC_STAT, 0));
		CHECK_EQ(T("%s: old cuid of 100000", kname[k]), old_perm(k)->cuid, 65534);
		CHECK_EQ(T("%s: old cgid of 70000", kname[k]), old_perm(k)->cgid, 65534);
		CHECK_EQ(T("%s: old uid of 100000", kname[k]), old_perm(k)->uid, 65534);
		CHECK_EQ(T("%s: old mode", kname[k]), old_perm(k)->mode & 0777, 0644);
		CHECK_EQ(T("%s: IPC_64 uid 100000", kname[k]), uid64(k, ids[k]), 100000);
		rm(k, ids[k]);
	}
}

/* the old layouts' other 16-bit fields, within range */
static void other_fields(void)
{
	int sem = semget(IPC_PRIVATE, 300, IPC_CREAT | 0600);
	int msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct { long mtype; char t[100]; } m = { 1, "" };

	CHECK_OK("old sem IPC_STAT", old_ctl(SEM, sem, IPC_STAT, 0));
	CHECK_EQ("old sem_nsems", old.sem.sem_nsems, 300);
	for (int i = 0; i < 3; i++)
		msgsnd(msq, &m, 100, 0);
	CHECK_OK("old msg IPC_STAT", old_ctl(MSG, msq, IPC_STAT, 0));
	CHECK_EQ("old msg_qnum", old.msg.msg_qnum, 3);
	CHECK_EQ("old msg_cbytes", old.msg.msg_cbytes, 300);
	CHECK_EQ("old msg_qbytes", old.msg.msg_qbytes, 16384);
	CHECK_EQ("old msg_lspid", old.msg.msg_lspid, getpid() & 0xffff);
	semctl(sem, 0, IPC_RMID);
	msgctl(msq, IPC_RMID, NULL);
}

int main(void)
{
	for (int k = 0; k < 3; k++)
		owner_ids(k);
	creator_ids();
	other_fields();
	return utest_done();
}

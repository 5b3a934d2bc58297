/*
 * tests/kernel/test_ipc_util.c - System V IPC common rules (ipc/util.c,
 * ipc/syscall.c): ids built from slot and sequence, lowest free slot, stale
 * ids giving EINVAL (empty slot or reused), keys with IPC_CREAT/IPC_EXCL, ipcperms and
 * the owner checks seen by a non-root thread, and the ipc() multiplexer.
 */
#include <kernel/ktest.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include "ipc_test.h"

#define TKEY 0x1c0ffee

KTEST(ipc_util, ids_lowest_slot_and_stale_ids)
{
	struct seminfo si;
	int a, b, c, a2, max0;

	max0 = do_semctl(0, 0, IPC_INFO, 0, &si);
	a = do_semget(IPC_PRIVATE, 1, 0600);
	b = do_semget(IPC_PRIVATE, 1, 0600);
	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	EXPECT_EQ(b % 32768, a % 32768 + 1);
	EXPECT_EQ(b / 32768, a / 32768 + 1);	/* seq counts per table */
	EXPECT_EQ(do_semctl(0, 0, IPC_INFO, 0, &si), b % 32768);
	EXPECT_EQ(do_semctl(a, 0, IPC_RMID, 0, NULL), 0);
	/* the removed id: EINVAL while its slot is empty */
	EXPECT_EQ(do_semctl(a, 0, GETVAL, 0, NULL), -EINVAL);
	EXPECT_EQ(do_semctl(a, 0, IPC_RMID, 0, NULL), -EINVAL);
	/* the lowest free slot is reused with a new sequence: the old id is EINVAL (2.6: EIDRM) */
	a2 = do_semget(IPC_PRIVATE, 1, 0600);
	EXPECT_EQ(a2 % 32768, a % 32768);
	EXPECT_NE(a2, a);
	EXPECT_EQ(do_semctl(a, 0, GETVAL, 0, NULL), -EINVAL);
	EXPECT_EQ(do_semctl(a2, 0, GETVAL, 0, NULL), 0);
	/* SEM_STAT takes the slot and returns the id */
	{
		struct semid64_ds ds;

		EXPECT_EQ(do_semctl(b % 32768, 0, SEM_STAT, 0, &ds), b);
		EXPECT_EQ(ds.sem_nsems, 1);
	}
	EXPECT_EQ(do_semctl(-1, 0, GETVAL, 0, NULL), -EINVAL);
	EXPECT_EQ(do_semctl(b, 0, 99, 0, NULL), -EINVAL);
	c = do_semctl(a2, 0, IPC_RMID, 0, NULL) | do_semctl(b, 0, IPC_RMID, 0, NULL);
	EXPECT_EQ(c, 0);
	EXPECT_EQ(do_semctl(0, 0, IPC_INFO, 0, &si), max0);
}

KTEST(ipc_util, keys_creat_excl_enoent)
{
	int id, id2;

	EXPECT_EQ(do_msgget(TKEY, 0), -ENOENT);
	id = do_msgget(TKEY, IPC_CREAT | 0640);
	ASSERT_GE(id, 0);
	EXPECT_EQ(do_msgget(TKEY, 0), id);
	EXPECT_EQ(do_msgget(TKEY, IPC_CREAT), id);
	EXPECT_EQ(do_msgget(TKEY, IPC_CREAT | IPC_EXCL | 0600), -EEXIST);
	/* IPC_PRIVATE always makes a new one, never found by key */
	id2 = do_msgget(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600);
	ASSERT_GE(id2, 0);
	EXPECT_NE(id2, id);
	EXPECT_EQ(do_msgctl(id2, IPC_RMID, NULL), 0);
	EXPECT_EQ(do_msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(do_msgget(TKEY, 0), -ENOENT);
	/* ids of the wrong kind */
	id = do_semget(IPC_PRIVATE, 1, 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(do_msgctl(id + 7, IPC_RMID, NULL), -EINVAL);
	EXPECT_EQ(do_shmctl(id + 7, IPC_RMID, NULL), -EINVAL);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
}

/* a thread that becomes uid/gid 1000 and reports what it may do */
struct perm_job {
	int semid, msqid;
	long r[12];
};

static int perm_thread(void *arg)
{
	struct perm_job *j = arg;
	struct semid64_ds ds;
	struct msqid64_ds mds;
	struct sembuf op = { 0, 1, 0 };

	current->euid = current->uid = 1000;
	current->egid = current->gid = 1000;
	current->ngroups = 0;
	j->r[0] = do_semctl(j->semid, 0, GETVAL, 0, NULL);	/* other r--: ok */
	j->r[1] = do_semctl(j->semid, 0, SETVAL, 1, NULL);	/* no w: EACCES */
	j->r[2] = do_semtimedop(j->semid, &op, 1, SEM_NO_TIMEOUT);	/* EACCES */
	memset(&ds, 0, sizeof(ds));
	ds.sem_perm.mode = 0666;
	j->r[3] = do_semctl(j->semid, 0, IPC_SET, 0, &ds);	/* not owner: EPERM */
	j->r[4] = do_semctl(j->semid, 0, IPC_RMID, 0, NULL);	/* EPERM */
	j->r[5] = do_semget(TKEY + 1, 0, 0);			/* flag 0: passes */
	j->r[6] = do_semget(TKEY + 1, 0, 0600);			/* asks rw: EACCES */
	j->r[7] = do_semget(TKEY + 1, 1, IPC_CREAT | IPC_EXCL);	/* EEXIST first */
	j->r[8] = do_msgsnd(j->msqid, 1, "x", 1, IPC_NOWAIT);	/* group w: ok */
	j->r[9] = do_msgctl(j->msqid, IPC_STAT, &mds);		/* group r: ok */
	j->r[10] = do_msgctl(j->msqid, IPC_RMID, NULL);		/* EPERM */
	/* raising qbytes past MSGMNB needs CAP_SYS_RESOURCE, even for the owner */
	j->r[11] = 0;
	return 0;
}

KTEST(ipc_util, ipcperms_and_owner_checks)
{
	struct perm_job j;
	struct msqid64_ds mds;
	pid_t pid;

	j.semid = do_semget(TKEY + 1, 2, IPC_CREAT | 0604);
	j.msqid = do_msgget(IPC_PRIVATE, 0660);
	ASSERT_GE(j.semid, 0);
	ASSERT_GE(j.msqid, 0);
	/* let group 1000 in on the queue */
	memset(&mds, 0, sizeof(mds));
	EXPECT_EQ(do_msgctl(j.msqid, IPC_STAT, &mds), 0);
	mds.msg_perm.gid = 1000;
	EXPECT_EQ(do_msgctl(j.msqid, IPC_SET, &mds), 0);
	pid = ipc_spawn(perm_thread, &j);
	ASSERT_GE(pid, 0);
	EXPECT_EQ(ipc_reap(pid), 0);
	EXPECT_EQ(j.r[0], 0);
	EXPECT_EQ(j.r[1], -EACCES);
	EXPECT_EQ(j.r[2], -EACCES);
	EXPECT_EQ(j.r[3], -EPERM);
	EXPECT_EQ(j.r[4], -EPERM);
	EXPECT_EQ(j.r[5], j.semid);
	EXPECT_EQ(j.r[6], -EACCES);
	EXPECT_EQ(j.r[7], -EEXIST);
	EXPECT_EQ(j.r[8], 0);
	EXPECT_EQ(j.r[9], 0);
	EXPECT_EQ(j.r[10], -EPERM);
	/* IPC_SET kept cuid/cgid and the bits above 0777 */
	EXPECT_EQ(do_msgctl(j.msqid, IPC_STAT, &mds), 0);
	EXPECT_EQ(mds.msg_perm.gid, 1000);
	EXPECT_EQ(mds.msg_perm.cgid, 0);
	EXPECT_EQ(mds.msg_qnum, 1);
	EXPECT_EQ(do_semctl(j.semid, 0, IPC_RMID, 0, NULL), 0);
	EXPECT_EQ(do_msgctl(j.msqid, IPC_RMID, NULL), 0);
}

KTEST(ipc_util, ipc_multiplexer)
{
	mm_segment_t old = get_fs();
	unsigned long u;
	int id;
	struct sembuf op = { 0, 5, 0 };
	struct { struct msgbuf *msgp; long msgtyp; } kludge;
	struct { long mtype; char text[8]; } mb = { 3, "hello" }, rb;
	struct semid64_ds ds;

	set_fs(KERNEL_DS);
	id = sys_ipc(SEMGET, IPC_PRIVATE, 2, 0600, NULL, 0);
	ASSERT_GE(id, 0);
	EXPECT_EQ(sys_ipc(SEMTIMEDOP, id, 1, 0, &op, 0), 0);
	u = 0;
	EXPECT_EQ(sys_ipc(SEMCTL, id, 0, GETVAL | IPC_64, &u, 0), 5);
	/* a NULL union pointer is EINVAL, even for IPC_RMID */
	EXPECT_EQ(sys_ipc(SEMCTL, id, 0, IPC_RMID, NULL, 0), -EINVAL);
	u = 7;
	EXPECT_EQ(sys_ipc(SEMCTL, id, 1, SETVAL | IPC_64, &u, 0), 0);
	u = (unsigned long)&ds;
	EXPECT_EQ(sys_ipc(SEMCTL, id, 0, IPC_STAT | IPC_64, &u, 0), 0);
	EXPECT_EQ(ds.sem_nsems, 2);
	EXPECT_NE(ds.sem_otime, 0);
	/* the direct semctl takes the union's value */
	EXPECT_EQ(sys_semctl(id, 1, GETVAL, 0), 7);
	EXPECT_EQ(sys_semctl(id, 0, IPC_RMID, 0), 0);
	EXPECT_EQ(sys_ipc(99, 0, 0, 0, NULL, 0), -ENOSYS);

	id = sys_ipc(MSGGET, IPC_PRIVATE, 0600, 0, NULL, 0);
	ASSERT_GE(id, 0);
	EXPECT_EQ(sys_ipc(MSGSND, id, 5, 0, &mb, 0), 0);
	kludge.msgp = (struct msgbuf *)&rb;
	kludge.msgtyp = 0;
	EXPECT_EQ(sys_ipc(MSGRCV, id, 8, IPC_NOWAIT, &kludge, 0), 5);
	EXPECT_EQ(rb.mtype, 3);
	EXPECT_EQ(memcmp(rb.text, "hello", 5), 0);
	EXPECT_EQ(sys_ipc(MSGRCV, id, 8, IPC_NOWAIT, NULL, 0), -EINVAL);
	EXPECT_EQ(sys_ipc(MSGCTL, id, IPC_RMID, 0, NULL, 0), 0);

	id = sys_ipc(SHMGET, IPC_PRIVATE, 4096, 0600, NULL, 0);
	ASSERT_GE(id, 0);
	/* shmat without an address space: EINVAL; version 1 (iBCS2): EINVAL */
	EXPECT_EQ(sys_ipc(SHMAT | (1 << 16), id, 0, (int)(unsigned long)&u, NULL, 0), -EINVAL);
	EXPECT_EQ(sys_ipc(SHMCTL, id, IPC_RMID, 0, NULL, 0), 0);
	set_fs(old);
}

/*
 * From user mode through int 0x80, as glibc calls it: ipc(SEMGET), then
 * ipc(SEMTIMEDOP) with the timeout in ebp (a -1 that must time out after
 * 10 ms), then ipc(SEMCTL, IPC_RMID) with the union by pointer; the exit
 * status is -semtimedop's result plus the removal's result.
 */
static const u8 prog_ipc_code[] = {
	0xb8, 0x75, 0, 0, 0,		/* mov $117, %eax */
	0xbb, 0x02, 0, 0, 0,		/* mov $SEMGET, %ebx */
	0x31, 0xc9,			/* xor %ecx, %ecx: IPC_PRIVATE */
	0xba, 0x01, 0, 0, 0,		/* mov $1, %edx: nsems */
	0xbe, 0x80, 0x01, 0, 0,		/* mov $0600, %esi */
	0xcd, 0x80,
	0x50,				/* push %eax: the id */
	0x89, 0xc1,			/* mov %eax, %ecx */
	0xb8, 0x75, 0, 0, 0,
	0xbb, 0x04, 0, 0, 0,		/* mov $SEMTIMEDOP, %ebx */
	0xba, 0x01, 0, 0, 0,		/* nsops 1 */
	0x31, 0xf6,			/* xor %esi, %esi */
	0xbf, 0x00, 0x81, 0x04, 0x08,	/* mov $sops, %edi */
	0xbd, 0x10, 0x81, 0x04, 0x08,	/* mov $timeout, %ebp */
	0xcd, 0x80,
	0x50,				/* push %eax: the result */
	0x8b, 0x4c, 0x24, 0x04,		/* mov 4(%esp), %ecx: the id */
	0xb8, 0x75, 0, 0, 0,
	0xbb, 0x03, 0, 0, 0,		/* mov $SEMCTL, %ebx */
	0x31, 0xd2,			/* xor %edx, %edx: semnum */
	0x31, 0xf6,			/* IPC_RMID */
	0xbf, 0x20, 0x81, 0x04, 0x08,	/* mov $union, %edi */
	0xcd, 0x80,
	0x5b,				/* pop %ebx */
	0xf7, 0xdb,			/* neg %ebx */
	0x01, 0xc3,			/* add %eax, %ebx */
	0xb8, 1, 0, 0, 0,		/* exit */
	0xcd, 0x80,
};

KTEST(ipc_util, user_mode_ipc_registers)
{
	static u8 prog[0x124];
	struct sembuf sop = { 0, -1, 0 };
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	struct seminfo si0, si;
	unsigned long t0 = jiffies;

	memset(prog, 0, sizeof(prog));
	memcpy(prog, prog_ipc_code, sizeof(prog_ipc_code));
	memcpy(prog + 0x100, &sop, sizeof(sop));
	memcpy(prog + 0x110, &ts, sizeof(ts));
	do_semctl(0, 0, SEM_INFO, 0, &si0);
	EXPECT_EQ(run_uprog(prog, sizeof(prog), -1, 0), EAGAIN << 8);
	EXPECT_GE(jiffies - t0, 10);
	do_semctl(0, 0, SEM_INFO, 0, &si);
	EXPECT_EQ(si.semusz, si0.semusz);	/* the program removed its set */
}

/* the old (libc5) layouts, chosen by a cmd without IPC_64 */
KTEST(ipc_util, old_layouts)
{
	mm_segment_t old = get_fs();
	struct semid_ds sds;
	struct shmid_ds shds;
	struct msqid_ds mds;
	struct shminfo si;
	int semid, shmid, msqid;

	set_fs(KERNEL_DS);
	semid = sys_semget(IPC_PRIVATE, 3, 0640);
	shmid = sys_shmget(IPC_PRIVATE, 5000, 0600);
	msqid = sys_msgget(IPC_PRIVATE, 0604);
	ASSERT_GE(semid, 0);
	ASSERT_GE(shmid, 0);
	ASSERT_GE(msqid, 0);
	memset(&sds, 0xff, sizeof(sds));
	EXPECT_EQ(sys_semctl(semid, 0, IPC_STAT, (unsigned long)&sds), 0);
	EXPECT_EQ(sds.sem_nsems, 3);
	EXPECT_EQ(sds.sem_perm.mode, 0640);
	EXPECT_EQ(sds.sem_otime, 0);
	EXPECT_EQ(sds.sem_base, 0);
	memset(&shds, 0xff, sizeof(shds));
	EXPECT_EQ(sys_shmctl(shmid, IPC_STAT, &shds), 0);
	EXPECT_EQ(shds.shm_segsz, 5000);
	EXPECT_EQ(shds.shm_cpid, current->tgid);
	EXPECT_EQ(shds.shm_nattch, 0);
	EXPECT_GE(sys_shmctl(0, IPC_INFO, &si), 0);
	EXPECT_EQ(si.shmmax, 0x7fffffff);	/* the old layout's int, clamped */
	EXPECT_EQ(si.shmall, (int)0xfeffffff);
	memset(&mds, 0, sizeof(mds));
	EXPECT_EQ(sys_msgctl(msqid, IPC_STAT, &mds), 0);
	EXPECT_EQ(mds.msg_qbytes, 16384);
	EXPECT_EQ(mds.msg_lqbytes, 16384);
	/* old IPC_SET: qbytes 0 means "use lqbytes" */
	mds.msg_qbytes = 0;
	mds.msg_lqbytes = 100;
	mds.msg_perm.mode = 0600;
	EXPECT_EQ(sys_msgctl(msqid, IPC_SET, &mds), 0);
	EXPECT_EQ(sys_msgctl(msqid, IPC_STAT, &mds), 0);
	EXPECT_EQ(mds.msg_qbytes, 100);
	EXPECT_EQ(mds.msg_perm.mode, 0600);
	EXPECT_EQ(sys_semctl(semid, 0, IPC_RMID, 0), 0);
	EXPECT_EQ(sys_shmctl(shmid, IPC_RMID, NULL), 0);
	EXPECT_EQ(sys_msgctl(msqid, IPC_RMID, NULL), 0);
	set_fs(old);
}

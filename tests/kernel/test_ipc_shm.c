/*
 * tests/kernel/test_ipc_shm.c - System V shared memory (ipc/shm.c): shmget
 * size rules, attach and detach in kernel threads with address spaces of
 * their own, shm_nattch through attach, fork and exit, the address rules,
 * deferred removal, the shmctl commands, SHM_LOCK's per-user accounting,
 * and a user-mode write through a
 * SHM_RDONLY attachment dying of SIGSEGV.
 */
#include <kernel/ktest.h>
#include <kernel/shmem.h>
#include <kernel/uaccess.h>
#include "ipc_test.h"

static int nattch(int id)
{
	struct shmid64_ds ds;

	if (do_shmctl(id, IPC_STAT, &ds))
		return -1;
	return ds.shm_nattch;
}

static int lpid(int id)
{
	struct shmid64_ds ds;

	if (do_shmctl(id, IPC_STAT, &ds))
		return -1;
	return ds.shm_lpid;
}

KTEST(ipc_shm, shmget_size_rules)
{
	struct shmid64_ds ds;
	int id;

	EXPECT_EQ(do_shmget(IPC_PRIVATE, 0, 0600), -EINVAL);
	EXPECT_EQ(do_shmget(IPC_PRIVATE, init_ipc_ns.shm_ctlmax + 1, 0600), -EINVAL);
	EXPECT_EQ(do_shmget(IPC_PRIVATE, (size_t)-1, 0600), -EINVAL);
	id = do_shmget(0x5a5a, 5000, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(do_shmget(0x5a5a, 8192, IPC_CREAT | 0600), -EINVAL);
	EXPECT_EQ(do_shmget(0x5a5a, 4000, 0), id);
	EXPECT_EQ(do_shmget(0x5a5a, 0, 0), id);
	EXPECT_EQ(do_shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_segsz, 5000);		/* as asked, not 8192 */
	EXPECT_EQ(ds.shm_cpid, current->tgid);
	EXPECT_EQ(ds.shm_lpid, 0);
	EXPECT_EQ(ds.shm_atime, 0);
	EXPECT_NE(ds.shm_ctime, 0);
	EXPECT_EQ(ds.shm_nattch, 0);
	EXPECT_EQ(do_shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(do_shmctl(id, IPC_STAT, &ds), -EINVAL);	/* gone at once */
}

/* a thread with its own address space, running checks against id */
struct shm_job {
	struct ktest_ctx *t;
	int id;
	volatile int stage;	/* the parent steps it on */
	unsigned long addr;
	pid_t forker;
};

static int fork_child(void *arg)
{
	struct shm_job *j = arg;
	struct ktest_ctx *__t = j->t;
	u32 v = 0;

	/* the child sees the parent's data at the same address */
	EXPECT_EQ(copy_from_user(&v, (void __user *)j->addr, 4), 0);
	EXPECT_EQ(v, 0xfeedf00d);
	return 0;
}

static int attach_thread(void *arg)
{
	struct shm_job *j = arg;
	struct ktest_ctx *__t = j->t;
	unsigned long a, b, c;
	u32 v = 0xfeedf00d, w = 0;
	pid_t child;

	if (ipc_own_mm())
		return 1;
	/* kernel-chosen address; attach and data */
	EXPECT_EQ(do_shmat(j->id, 0, 0, &a), 0);
	EXPECT_EQ(nattch(j->id), 1);
	EXPECT_EQ(lpid(j->id), current->tgid);
	EXPECT_EQ(copy_to_user((void __user *)a, &v, 4), 0);
	/* a second attachment sees the same page */
	EXPECT_EQ(do_shmat(j->id, 0, SHM_RDONLY, &b), 0);
	EXPECT_NE(a, b);
	EXPECT_EQ(nattch(j->id), 2);
	EXPECT_EQ(copy_from_user(&w, (void __user *)b, 4), 0);
	EXPECT_EQ(w, v);
	EXPECT_EQ(do_mprotect(current->mm, b, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE), -EACCES);
	/* address rules */
	EXPECT_EQ(do_shmat(j->id, 0x60000123, 0, &c), -EINVAL);	/* unaligned */
	EXPECT_EQ(do_shmat(j->id, 0x60000123, SHM_RND, &c), 0);
	EXPECT_EQ(c, 0x60000000);
	EXPECT_EQ(do_shmat(j->id, 0x60001000, 0, &c), -EINVAL);	/* overlaps */
	EXPECT_EQ(do_shmat(j->id, 0x60001000, SHM_REMAP, &c), 0);	/* replaces */
	EXPECT_EQ(do_shmat(j->id, 0, SHM_REMAP, &c), -EINVAL);
	EXPECT_EQ(do_shmat(j->id, 0xc0000000, 0, &c), -EINVAL);	/* kernel */
	EXPECT_EQ(do_shmat(j->id, 0xfffff000, SHM_REMAP, &c), -EINVAL);
	EXPECT_EQ(do_shmat(j->id + 1, 0, 0, &c), -EINVAL);		/* no such id */
	/* 0x60000000 was split by the remap: 0x60000000 (1 page) + 0x60001000 (2) */
	EXPECT_EQ(nattch(j->id), 4);
	EXPECT_EQ(do_shmdt(0x60000800), -EINVAL);
	EXPECT_EQ(do_shmdt(0x60002000), -EINVAL);	/* not a segment start */
	EXPECT_EQ(do_shmdt(0x60001000), 0);
	EXPECT_EQ(do_shmdt(0x60000000), 0);
	EXPECT_EQ(do_shmdt(0x60000000), -EINVAL);
	EXPECT_EQ(nattch(j->id), 2);
	EXPECT_EQ(do_shmdt(b), 0);
	EXPECT_EQ(nattch(j->id), 1);

	/* fork: the child's copy counts, lpid is the parent; its exit detaches */
	j->addr = a;
	child = ipc_fork_thread(fork_child, j);
	EXPECT_GT(child, 0);
	EXPECT_EQ(nattch(j->id), 2);
	EXPECT_EQ(lpid(j->id), current->tgid);
	EXPECT_EQ(ipc_reap(child), 0);
	EXPECT_EQ(nattch(j->id), 1);
	EXPECT_EQ(lpid(j->id), child);
	j->forker = current->tgid;
	/* wait for the parent's removal, then exit still attached */
	j->stage = 1;
	while (j->stage == 1)
		yield();
	EXPECT_EQ(do_shmat(j->id, 0, 0, &c), 0);	/* a SHM_DEST segment: by id */
	EXPECT_EQ(nattch(j->id), 2);
	return 0;
}

KTEST(ipc_shm, attach_fork_detach_and_deferred_removal)
{
	struct shm_job j;
	struct shmid64_ds ds;
	unsigned long tot0, tot1;
	struct shm_info si;
	pid_t pid;

	memset(&j, 0, sizeof(j));
	j.t = __t;
	do_shmctl(0, SHM_INFO, &si);
	tot0 = si.shm_tot;
	j.id = do_shmget(0x5a5b, 3 * 4096, IPC_CREAT | 0600);
	ASSERT_GE(j.id, 0);
	do_shmctl(0, SHM_INFO, &si);
	tot1 = si.shm_tot;
	EXPECT_EQ(tot1, tot0 + 3);
	pid = ipc_spawn(attach_thread, &j);
	ASSERT_GE(pid, 0);
	while (!j.stage)
		yield();
	/* remove while attached: deferred, the key turns private */
	EXPECT_EQ(do_shmctl(j.id, IPC_RMID, NULL), 0);
	EXPECT_EQ(do_shmget(0x5a5b, 0, 0), -ENOENT);
	EXPECT_EQ(do_shmctl(j.id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_perm.key, 0);
	EXPECT_EQ(ds.shm_perm.mode, 0600 | SHM_DEST);
	EXPECT_EQ(ds.shm_nattch, 1);
	j.stage = 2;
	EXPECT_EQ(ipc_reap(pid), 0);
	/* the thread's exit detached it all: the segment is gone */
	EXPECT_EQ(do_shmctl(j.id, IPC_STAT, &ds), -EINVAL);
	do_shmctl(0, SHM_INFO, &si);
	EXPECT_EQ(si.shm_tot, tot0);
}

KTEST(ipc_shm, shmctl_commands)
{
	struct shminfo64 info;
	struct shm_info si;
	struct shmid64_ds ds;
	int id = do_shmget(IPC_PRIVATE, 4096, 0640), max;

	ASSERT_GE(id, 0);
	max = do_shmctl(0, IPC_INFO, &info);
	EXPECT_GE(max, id % 32768);
	EXPECT_EQ(info.shmmax, 0xfeffffffUL);	/* ULONG_MAX - (1 << 24), today's */
	EXPECT_EQ(info.shmmin, 1);
	EXPECT_EQ(info.shmmni, 4096);
	EXPECT_EQ(info.shmseg, 4096);
	EXPECT_EQ(info.shmall, 0xfeffffffUL);
	EXPECT_EQ(do_shmctl(0, SHM_INFO, &si), max);
	EXPECT_GE(si.used_ids, 1);
	EXPECT_EQ(do_shmctl(id % 32768, SHM_STAT, &ds), id);
	EXPECT_EQ(ds.shm_segsz, 4096);
	EXPECT_EQ(do_shmctl(4095, SHM_STAT, &ds), -EINVAL);
	EXPECT_EQ(do_shmctl(id, SHM_LOCK, NULL), 0);
	EXPECT_EQ(do_shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_perm.mode, 0640 | SHM_LOCKED);
	EXPECT_EQ(do_shmctl(id, SHM_UNLOCK, NULL), 0);
	ds.shm_perm.mode = 0604;
	ds.shm_perm.gid = 7;
	EXPECT_EQ(do_shmctl(id, IPC_SET, &ds), 0);
	EXPECT_EQ(do_shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_perm.mode, 0604);
	EXPECT_EQ(ds.shm_perm.gid, 7);
	EXPECT_EQ(ds.shm_perm.cgid, current->egid);
	EXPECT_EQ(do_shmctl(id, 99, &ds), -EINVAL);
	EXPECT_EQ(do_shmctl(id, -1, &ds), -EINVAL);
	EXPECT_EQ(do_shmctl(-1, IPC_STAT, &ds), -EINVAL);
	EXPECT_EQ(do_shmctl(id, IPC_RMID, NULL), 0);
}

/* SHM_LOCK's running total per user comes back to what it was (no leak) */
KTEST(ipc_shm, shm_lock_accounting)
{
	unsigned long base = user_shm_locked(current->uid);
	int a = do_shmget(IPC_PRIVATE, 3 * 4096 + 1, 0600);
	int b = do_shmget(IPC_PRIVATE, 4096, 0600);

	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	EXPECT_EQ(do_shmctl(a, SHM_LOCK, NULL), 0);
	EXPECT_EQ(user_shm_locked(current->uid), base + 4);
	EXPECT_EQ(do_shmctl(a, SHM_LOCK, NULL), 0);	/* twice charges once */
	EXPECT_EQ(user_shm_locked(current->uid), base + 4);
	EXPECT_EQ(do_shmctl(b, SHM_LOCK, NULL), 0);
	EXPECT_EQ(user_shm_locked(current->uid), base + 5);
	EXPECT_EQ(do_shmctl(a, SHM_UNLOCK, NULL), 0);
	EXPECT_EQ(do_shmctl(a, SHM_UNLOCK, NULL), 0);
	EXPECT_EQ(user_shm_locked(current->uid), base + 1);
	EXPECT_EQ(do_shmctl(b, IPC_RMID, NULL), 0);	/* destroying a locked one gives back */
	EXPECT_EQ(user_shm_locked(current->uid), base);
	EXPECT_EQ(do_shmctl(a, IPC_RMID, NULL), 0);
}

/* movl $0x41, SHM_ADDR; exit(0) */
static const u8 prog_write[] = {
	0xc7, 0x05, 0x00, 0x00, 0x00, 0x50, 0x41, 0, 0, 0,
	0xb8, 1, 0, 0, 0, 0x31, 0xdb, 0xcd, 0x80,
};
/* exit(*SHM_ADDR) */
static const u8 prog_read[] = {
	0x8b, 0x1d, 0x00, 0x00, 0x00, 0x50,
	0xb8, 1, 0, 0, 0, 0xcd, 0x80,
};

KTEST(ipc_shm, user_mode_rdonly_write_is_sigsegv)
{
	struct shmid64_ds ds;
	int id = do_shmget(IPC_PRIVATE, 4096, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(run_uprog(prog_write, sizeof(prog_write), id, SHM_RDONLY), SIGSEGV);
	EXPECT_EQ(nattch(id), 0);
	EXPECT_EQ(run_uprog(prog_write, sizeof(prog_write), id, 0), 0);
	EXPECT_EQ(run_uprog(prog_read, sizeof(prog_read), id, SHM_RDONLY), 0x41 << 8);
	EXPECT_EQ(do_shmctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.shm_nattch, 0);
	EXPECT_NE(ds.shm_atime, 0);
	EXPECT_NE(ds.shm_dtime, 0);
	EXPECT_EQ(do_shmctl(id, IPC_RMID, NULL), 0);
}

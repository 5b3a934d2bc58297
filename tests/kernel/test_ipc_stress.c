/*
 * tests/kernel/test_ipc_stress.c - 10,000 objects of each System V IPC kind
 * created, used and removed: the free page count and the *_INFO usage
 * figures must come back to where they started, and the kernel stays up
 * after a run of bad arguments.
 */
#include <kernel/ktest.h>
#include <kernel/timer.h>
#include <kernel/slab.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include "ipc_test.h"

#define ROUNDS 10000
#define SHM_CYCLES 1000UL

/* a thread with its own address space: shmget + shmat + touch + shmdt + RMID */
static int shm_cycles(void *arg)
{
	int rounds = (int)(unsigned long)arg, bad = 0;

	if (ipc_own_mm())
		return 1;
	for (int i = 0; i < rounds; i++) {
		ipc_cond_resched();
		unsigned long a;
		u32 v = i;
		int id = do_shmget(IPC_PRIVATE, 1 + (i % 3) * 4096, 0600);

		if (id < 0)
			return 2;
		bad += do_shmat(id, 0, 0, &a) != 0;
		bad += copy_to_user((void __user *)a, &v, 4) != 0;
		bad += do_shmctl(id, IPC_RMID, NULL) != 0;	/* deferred */
		bad += do_shmdt(a) != 0;			/* the last detach frees it */
	}
	return bad ? 3 : 0;
}

KTEST(ipc_stress, ten_thousand_shm_segments)
{
	unsigned long pages = nr_free_pages();
	struct shm_info si0, si;
	int bad = 0;
	pid_t pid;

	do_shmctl(0, SHM_INFO, &si0);
	for (int i = 0; i < ROUNDS; i++) {
		ipc_cond_resched();
		int id = do_shmget(IPC_PRIVATE, 1 + i % 70000, 0600);

		if (id < 0) {
			bad++;
			break;
		}
		bad += do_shmctl(id, IPC_RMID, NULL) != 0;
	}
	EXPECT_EQ(bad, 0);
	pid = ipc_spawn(shm_cycles, (void *)SHM_CYCLES);
	ASSERT_GE(pid, 0);
	EXPECT_EQ(ipc_reap(pid), 0);
	do_shmctl(0, SHM_INFO, &si);
	EXPECT_EQ(si.used_ids, si0.used_ids);
	EXPECT_EQ(si.shm_tot, si0.shm_tot);
	EXPECT_EQ(si.shm_rss, si0.shm_rss);
	EXPECT_EQ(nr_free_pages(), pages);
}

KTEST(ipc_stress, ten_thousand_semaphore_sets)
{
	unsigned long pages = nr_free_pages();
	struct seminfo si0, si;
	struct sembuf op = { 0, 1, 0 };
	int bad = 0;

	do_semctl(0, 0, SEM_INFO, 0, &si0);
	for (int i = 0; i < ROUNDS; i++) {
		ipc_cond_resched();
		/* 1..250 semaphores (2.6.18's SEMMSL): 32000 would only be slower */
		int id = do_semget(IPC_PRIVATE, 1 + i % 250, 0600);

		if (id < 0) {
			bad++;
			break;
		}
		op.sem_num = i % (1 + i % 250);
		bad += do_semtimedop(id, &op, 1, SEM_NO_TIMEOUT) != 0;
		bad += do_semctl(id, 0, IPC_RMID, 0, NULL) != 0;
	}
	EXPECT_EQ(bad, 0);
	do_semctl(0, 0, SEM_INFO, 0, &si);
	EXPECT_EQ(si.semusz, si0.semusz);
	EXPECT_EQ(si.semaem, si0.semaem);
	EXPECT_EQ(nr_free_pages(), pages);
}

/*
 * Every set the limit allows (SEMMNI, 32000), then ENOSPC: the id table
 * grows from its 16 built-in slots to 32768 on the way, each id is
 * seq * 32768 + the lowest free slot, and everything (the table too) goes
 * back when the sets go.
 */
KTEST(ipc_stress, semaphore_limits)
{
	unsigned long pages = nr_free_pages();
	int *ids = kmalloc((SEMMNI + 1) * sizeof(int), GFP_KERNEL);
	struct seminfo si;
	int n = 0, err, bad = 0;

	ASSERT_NOT_NULL(ids);
	do_semctl(0, 0, SEM_INFO, 0, &si);	/* semusz: sets in use */
	for (;;) {
		ipc_cond_resched();
		err = do_semget(IPC_PRIVATE, 1, 0600);
		if (err < 0)
			break;
		bad += n > 0 && err % 32768 <= ids[n - 1] % 32768;
		ids[n++] = err;
	}
	EXPECT_EQ(err, -ENOSPC);
	EXPECT_EQ(n, SEMMNI - si.semusz);
	EXPECT_EQ(bad, 0);
	/* the newest set answers at once; a freed middle slot is reused first */
	EXPECT_EQ(do_semctl(ids[n - 1], 0, GETVAL, 0, NULL), 0);
	EXPECT_EQ(do_semctl(ids[n / 2], 0, IPC_RMID, 0, NULL), 0);
	err = do_semget(IPC_PRIVATE, 1, 0600);
	EXPECT_EQ(err % 32768, ids[n / 2] % 32768);
	EXPECT_NE(err, ids[n / 2]);
	EXPECT_EQ(do_semctl(ids[n / 2], 0, GETVAL, 0, NULL), -EINVAL);
	ids[n / 2] = err;
	while (n > 0) {
		ipc_cond_resched();
		EXPECT_EQ(do_semctl(ids[--n], 0, IPC_RMID, 0, NULL), 0);
	}
	kfree(ids);
	EXPECT_EQ(nr_free_pages(), pages);
}

/* the limits are variables (the later sysctls): a lowered msgmni holds at once */
KTEST(ipc_stress, lowered_limit)
{
	int saved = init_ipc_ns.msg_ctlmni, ids[40], n = 0, err;
	struct msginfo mi;

	do_msgctl(0, MSG_INFO, &mi);	/* msgpool: queues in use */
	init_ipc_ns.msg_ctlmni = 20 + mi.msgpool;
	do_msgctl(0, IPC_INFO, &mi);
	EXPECT_EQ(mi.msgmni, init_ipc_ns.msg_ctlmni);
	for (;;) {
		err = do_msgget(IPC_PRIVATE, 0600);
		if (err < 0 || n == 40)
			break;
		ids[n++] = err;
	}
	init_ipc_ns.msg_ctlmni = saved;
	EXPECT_EQ(err, -ENOSPC);
	EXPECT_EQ(n, 20);
	while (n > 0)
		EXPECT_EQ(do_msgctl(ids[--n], IPC_RMID, NULL), 0);
}

KTEST(ipc_stress, ten_thousand_message_queues)
{
	unsigned long pages = nr_free_pages();
	struct msginfo mi0, mi;
	char buf[64];
	long type;
	int bad = 0, *ids = kmalloc((MSGMNI + 1) * sizeof(int), GFP_KERNEL), n = 0, err;

	do_msgctl(0, MSG_INFO, &mi0);
	for (int i = 0; i < ROUNDS; i++) {
		ipc_cond_resched();
		int id = do_msgget(IPC_PRIVATE, 0600);

		if (id < 0) {
			bad++;
			break;
		}
		bad += do_msgsnd(id, 1 + i % 7, "stress", 6, IPC_NOWAIT) != 0;
		bad += do_msgsnd(id, 2, buf, i % 64, IPC_NOWAIT) != 0;
		if (i & 1)
			bad += do_msgrcv(id, &type, buf, sizeof(buf), 0, IPC_NOWAIT) != 6;
		bad += do_msgctl(id, IPC_RMID, NULL) != 0;	/* frees what is left */
	}
	EXPECT_EQ(bad, 0);
	/* MSGMNI (32000) queues, then ENOSPC */
	ASSERT_NOT_NULL(ids);
	for (;;) {
		ipc_cond_resched();
		err = do_msgget(IPC_PRIVATE, 0600);
		if (err < 0)
			break;
		ids[n++] = err;
	}
	EXPECT_EQ(err, -ENOSPC);
	EXPECT_GE(n, MSGMNI - 16);	/* less only what other tests left */
	while (n > 0) {
		ipc_cond_resched();
		EXPECT_EQ(do_msgctl(ids[--n], IPC_RMID, NULL), 0);
	}
	kfree(ids);
	do_msgctl(0, MSG_INFO, &mi);
	EXPECT_EQ(mi.msgpool, mi0.msgpool);
	EXPECT_EQ(mi.msgmap, mi0.msgmap);
	EXPECT_EQ(mi.msgtql, mi0.msgtql);
	EXPECT_EQ(nr_free_pages(), pages);
}

KTEST(ipc_stress, bad_arguments_change_nothing)
{
	unsigned long pages = nr_free_pages();
	mm_segment_t old = get_fs();
	struct sembuf sops[2] = { { 0, 1, 0 }, { 1, -1, IPC_NOWAIT } };
	int semid = do_semget(IPC_PRIVATE, 2, 0600);
	int msqid = do_msgget(IPC_PRIVATE, 0600);
	int shmid = do_shmget(IPC_PRIVATE, 4096, 0600);

	ASSERT_GE(semid, 0);
	ASSERT_GE(msqid, 0);
	ASSERT_GE(shmid, 0);
	/* user-space entry points with user limits: kernel pointers are EFAULT */
	set_fs(USER_DS);
	EXPECT_EQ(sys_semtimedop(semid, (void __user *)0xc0001000, 1, NULL), -EFAULT);
	EXPECT_EQ(sys_semtimedop(semid, NULL, 1, NULL), -EFAULT);
	EXPECT_EQ(sys_semctl(semid, 0, GETALL | IPC_64, 0xc0000000), -EFAULT);
	EXPECT_EQ(sys_semctl(semid, 0, SETALL | IPC_64, 0), -EFAULT);
	EXPECT_EQ(sys_semctl(semid, 0, IPC_STAT | IPC_64, 16), -EFAULT);
	EXPECT_EQ(sys_msgsnd(msqid, (void __user *)0xc0000000, 4, 0), -EFAULT);
	EXPECT_EQ(sys_msgsnd(msqid, NULL, 4, 0), -EFAULT);
	EXPECT_EQ(sys_msgrcv(msqid, NULL, 4, 0, IPC_NOWAIT), -ENOMSG);
	EXPECT_EQ(sys_msgctl(msqid, IPC_STAT | IPC_64, NULL), -EFAULT);
	EXPECT_EQ(sys_msgctl(msqid, IPC_SET | IPC_64, (void __user *)0xc0000000), -EFAULT);
	EXPECT_EQ(sys_shmctl(shmid, IPC_STAT | IPC_64, (void __user *)0xc0000000), -EFAULT);
	EXPECT_EQ(sys_shmctl(shmid, SHM_INFO, NULL), -EFAULT);
	EXPECT_EQ(sys_ipc(SEMCTL, semid, 0, GETVAL, (void __user *)0xc0000000, 0), -EFAULT);
	EXPECT_EQ(sys_ipc(MSGRCV, msqid, 4, 0, (void __user *)0xc0000000, 0), -EFAULT);
	set_fs(old);
	/* nothing half-done: a failed semop changes no value */
	EXPECT_EQ(do_semtimedop(semid, sops, 2, SEM_NO_TIMEOUT), -EAGAIN);
	EXPECT_EQ(do_semctl(semid, 0, GETVAL, 0, NULL), 0);
	EXPECT_EQ(do_semtimedop(semid, sops, 0x7fffffff, SEM_NO_TIMEOUT), -E2BIG);
	EXPECT_EQ(sys_semtimedop(semid, sops, (unsigned)-1, NULL), -E2BIG);	/* nsops is unsigned */
	EXPECT_EQ(do_semget(IPC_PRIVATE, 0x7fffffff, 0600), -EINVAL);
	EXPECT_EQ(do_shmget(IPC_PRIVATE, 0xff000000u, 0600), -EINVAL);	/* > SHMMAX */
	EXPECT_EQ(do_shmget(IPC_PRIVATE, 0x80000000u, 0600), -ENOMEM);	/* > RAM */
	EXPECT_EQ(do_msgsnd(msqid, 1, "", (size_t)-1, 0), -EINVAL);
	EXPECT_EQ(do_semctl(semid, 0, IPC_RMID, 0, NULL), 0);
	EXPECT_EQ(do_msgctl(msqid, IPC_RMID, NULL), 0);
	EXPECT_EQ(do_shmctl(shmid, IPC_RMID, NULL), 0);
	EXPECT_EQ(nr_free_pages(), pages);
}

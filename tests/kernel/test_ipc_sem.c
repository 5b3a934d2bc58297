/*
 * tests/kernel/test_ipc_sem.c - System V semaphores (ipc/sem.c): semop
 * all-or-nothing with roll-back, the argument errors, IPC_NOWAIT, sleepers
 * woken by update_queue in Linux's order, timeouts, EIDRM and EINTR for
 * sleepers, SEM_UNDO applied when a thread exits, and the semctl commands.
 */
#include <kernel/ktest.h>
#include <kernel/time.h>
#include "ipc_test.h"

/* one semop run by a kernel thread, and what came of it */
struct semop_job {
	int semid;
	struct sembuf sops[4];
	int nsops;
	long timeout;
	int exit_after;		/* SEM_UNDO tests: return at once, through do_exit */
	volatile long result;
	volatile int done;
	volatile int order;
};

static volatile int done_seq;

static int semop_thread(void *arg)
{
	struct semop_job *j = arg;

	j->result = do_semtimedop(j->semid, j->sops, j->nsops, j->timeout);
	j->order = ++done_seq;
	j->done = 1;
	return 0;
}

static pid_t start_semop(struct semop_job *j, int semid, int num, int op, int flg)
{
	memset(j, 0, sizeof(*j));
	j->semid = semid;
	j->sops[0].sem_num = num;
	j->sops[0].sem_op = op;
	j->sops[0].sem_flg = flg;
	j->nsops = 1;
	j->timeout = SEM_NO_TIMEOUT;
	return ipc_spawn(semop_thread, j);
}

static int getval(int id, int n)
{
	return do_semctl(id, n, GETVAL, 0, NULL);
}

KTEST(ipc_sem, semget_rules)
{
	int id;

	EXPECT_EQ(do_semget(IPC_PRIVATE, -1, 0600), -EINVAL);
	EXPECT_EQ(do_semget(IPC_PRIVATE, init_ipc_ns.sc_semmsl + 1, 0600), -EINVAL);
	EXPECT_EQ(do_semget(IPC_PRIVATE, 0, 0600), -EINVAL);
	id = do_semget(0x5e3a, 3, IPC_CREAT | 0600);
	ASSERT_GE(id, 0);
	EXPECT_EQ(do_semget(0x5e3a, 4, 0), -EINVAL);	/* more than it has */
	EXPECT_EQ(do_semget(0x5e3a, 0, 0), id);
	EXPECT_EQ(do_semget(0x5e3a, 2, 0), id);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
}

KTEST(ipc_sem, semop_atomic_and_argument_errors)
{
	static struct sembuf sops[SEMOPM + 1];	/* 3 KiB: not on the stack */
	struct semid64_ds ds;
	int id = do_semget(IPC_PRIVATE, 3, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_STAT, 0, &ds), 0);
	EXPECT_EQ(ds.sem_otime, 0);		/* no semop yet */
	EXPECT_NE(ds.sem_ctime, 0);
	memset(sops, 0, sizeof(sops));
	EXPECT_EQ(do_semtimedop(id, sops, SEMOPM, SEM_NO_TIMEOUT), 0);	/* 500 wait-for-zero */
	EXPECT_EQ(do_semtimedop(id, sops, 0, SEM_NO_TIMEOUT), -EINVAL);
	EXPECT_EQ(do_semtimedop(id, sops, SEMOPM + 1, SEM_NO_TIMEOUT), -E2BIG);
	EXPECT_EQ(do_semtimedop(-1, sops, 1, SEM_NO_TIMEOUT), -EINVAL);
	sops[0].sem_num = 3;
	EXPECT_EQ(do_semtimedop(id, sops, 1, SEM_NO_TIMEOUT), -EFBIG);

	/* +1 +2 then a -1 on the empty third: nothing applied, EAGAIN */
	sops[0] = (struct sembuf){ 0, 1, 0 };
	sops[1] = (struct sembuf){ 1, 2, 0 };
	sops[2] = (struct sembuf){ 2, -1, IPC_NOWAIT };
	EXPECT_EQ(do_semtimedop(id, sops, 3, SEM_NO_TIMEOUT), -EAGAIN);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(getval(id, 1), 0);
	/* IPC_NOWAIT on another op than the blocking one does not count: it
	 * would sleep, so test that with a thread below; here the ops repeat a
	 * semaphore and apply cumulatively */
	sops[0] = (struct sembuf){ 0, 2, 0 };
	sops[1] = (struct sembuf){ 0, -1, 0 };
	sops[2] = (struct sembuf){ 0, -1, 0 };
	EXPECT_EQ(do_semtimedop(id, sops, 3, SEM_NO_TIMEOUT), 0);
	EXPECT_EQ(getval(id, 0), 0);
	/* ERANGE past SEMVMX, and again nothing applied */
	EXPECT_EQ(do_semctl(id, 1, SETVAL, SEMVMX, NULL), 0);
	sops[0] = (struct sembuf){ 0, 1, 0 };
	sops[1] = (struct sembuf){ 1, 1, 0 };
	EXPECT_EQ(do_semtimedop(id, sops, 2, SEM_NO_TIMEOUT), -ERANGE);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(getval(id, 1), SEMVMX);
	EXPECT_EQ(do_semctl(id, 0, SETVAL, SEMVMX + 1, NULL), -ERANGE);
	EXPECT_EQ(do_semctl(id, 0, SETVAL, -1, NULL), -ERANGE);
	/* a wait-for-zero success sets sem_otime */
	sops[0] = (struct sembuf){ 2, 0, 0 };
	EXPECT_EQ(do_semtimedop(id, sops, 1, SEM_NO_TIMEOUT), 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_STAT, 0, &ds), 0);
	EXPECT_NE(ds.sem_otime, 0);
	EXPECT_EQ(do_semctl(id, 2, GETPID, 0, NULL), current->tgid);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
}

KTEST(ipc_sem, blocked_multi_op_is_invisible_then_completes)
{
	struct semop_job j;
	pid_t pid;
	int id = do_semget(IPC_PRIVATE, 3, 0600);

	ASSERT_GE(id, 0);
	memset(&j, 0, sizeof(j));
	j.semid = id;
	j.sops[0] = (struct sembuf){ 0, 1, 0 };
	j.sops[1] = (struct sembuf){ 1, 1, 0 };
	j.sops[2] = (struct sembuf){ 2, -1, 0 };
	j.nsops = 3;
	j.timeout = SEM_NO_TIMEOUT;
	pid = ipc_spawn(semop_thread, &j);
	ASSERT_GE(pid, 0);
	ipc_let_others_run();
	EXPECT_EQ(j.done, 0);
	EXPECT_EQ(getval(id, 0), 0);		/* the first two are not visible */
	EXPECT_EQ(getval(id, 1), 0);
	EXPECT_EQ(do_semctl(id, 2, GETNCNT, 0, NULL), 1);
	EXPECT_EQ(do_semctl(id, 2, GETZCNT, 0, NULL), 0);
	/* SETVAL lets it through: done on its behalf before it even runs */
	EXPECT_EQ(do_semctl(id, 2, SETVAL, 1, NULL), 0);
	EXPECT_EQ(getval(id, 2), 0);
	EXPECT_EQ(getval(id, 0), 1);
	EXPECT_EQ(do_semctl(id, 2, GETPID, 0, NULL), pid);
	EXPECT_EQ(ipc_reap(pid), 0);
	EXPECT_EQ(j.result, 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
}

KTEST(ipc_sem, update_queue_wake_order)
{
	struct semop_job dec1, dec2, zero;
	pid_t p1, p2, pz;
	int id = do_semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	done_seq = 0;
	p1 = start_semop(&dec1, id, 0, -1, 0);
	ipc_let_others_run();
	p2 = start_semop(&dec2, id, 0, -1, 0);
	ipc_let_others_run();
	/* value 0: the waiter-for-zero succeeds at once */
	pz = start_semop(&zero, id, 0, 0, 0);
	ipc_let_others_run();
	EXPECT_EQ(zero.done, 1);
	EXPECT_EQ(do_semctl(id, 0, GETNCNT, 0, NULL), 2);
	/* +1: the first decrementer (FIFO), not the second */
	{
		struct sembuf up = { 0, 1, 0 };

		EXPECT_EQ(do_semtimedop(id, &up, 1, SEM_NO_TIMEOUT), 0);
	}
	ipc_let_others_run();
	EXPECT_EQ(dec1.done, 1);
	EXPECT_EQ(dec2.done, 0);
	/* SETVAL runs update_queue too */
	EXPECT_EQ(do_semctl(id, 0, SETVAL, 1, NULL), 0);
	ipc_let_others_run();
	EXPECT_EQ(dec2.done, 1);
	EXPECT_GT(dec2.order, dec1.order);
	EXPECT_EQ(ipc_reap(p1), 0);
	EXPECT_EQ(ipc_reap(p2), 0);
	EXPECT_EQ(ipc_reap(pz), 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
}

KTEST(ipc_sem, zero_waiters_first_and_rescan)
{
	struct semop_job zero, dec;
	pid_t pz, pd;
	int id = do_semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(do_semctl(id, 0, SETVAL, 1, NULL), 0);
	done_seq = 0;
	/* the decrementer of 2 sleeps first, then a zero-waiter (at the head) */
	pd = start_semop(&dec, id, 0, -2, 0);
	ipc_let_others_run();
	pz = start_semop(&zero, id, 0, 0, 0);
	ipc_let_others_run();
	EXPECT_EQ(do_semctl(id, 0, GETZCNT, 0, NULL), 1);
	EXPECT_EQ(do_semctl(id, 0, GETNCNT, 0, NULL), 1);
	/* +1 makes 2: the decrementer takes it to 0 and the rescan from the
	 * head lets the zero-waiter through too, all before either runs */
	EXPECT_EQ(do_semctl(id, 0, SETVAL, 2, NULL), 0);
	EXPECT_EQ(getval(id, 0), 0);
	EXPECT_EQ(do_semctl(id, 0, GETZCNT, 0, NULL), 0);
	ipc_let_others_run();
	EXPECT_EQ(dec.result, 0);
	EXPECT_EQ(zero.result, 0);
	EXPECT_EQ(ipc_reap(pd), 0);
	EXPECT_EQ(ipc_reap(pz), 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
}

KTEST(ipc_sem, nowait_timeout_eidrm_eintr)
{
	struct semop_job a, b, c;
	struct sembuf op = { 0, -1, IPC_NOWAIT };
	unsigned long t0;
	pid_t pa, pb, pc;
	int id = do_semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(do_semtimedop(id, &op, 1, SEM_NO_TIMEOUT), -EAGAIN);
	/* a timeout of 0 tries once */
	op.sem_flg = 0;
	EXPECT_EQ(do_semtimedop(id, &op, 1, 0), -EAGAIN);
	/* 50 ms */
	t0 = jiffies;
	pa = start_semop(&a, id, 0, -1, 0);
	a.timeout = 50;
	ipc_let_others_run();
	EXPECT_EQ(ipc_reap(pa), 0);
	EXPECT_EQ(a.result, -EAGAIN);
	EXPECT_GE(jiffies - t0, 50);
	EXPECT_EQ(do_semctl(id, 0, GETNCNT, 0, NULL), 0);
	/* a signal: EINTR, and it leaves the queue */
	pb = start_semop(&b, id, 0, -1, 0);
	ipc_let_others_run();
	EXPECT_EQ(b.done, 0);
	EXPECT_EQ(send_sig(SIGUSR1, find_task_by_pid(pb), 1), 0);
	EXPECT_EQ(ipc_reap(pb), 0);
	EXPECT_EQ(b.result, -EINTR);
	EXPECT_EQ(do_semctl(id, 0, GETNCNT, 0, NULL), 0);
	/* removal: EIDRM */
	pc = start_semop(&c, id, 0, -1, 0);
	ipc_let_others_run();
	EXPECT_EQ(c.done, 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
	EXPECT_EQ(ipc_reap(pc), 0);
	EXPECT_EQ(c.result, -EIDRM);
}

/* SEM_UNDO: a thread does its ops, more on request, then exits through do_exit */
struct undo_job {
	int semid;
	struct sembuf sops[2];
	int nsops;
	volatile long result, result2;
	volatile int go2;	/* run sops[1] alone now */
	volatile int wait;	/* hold on until the parent says so */
};

static int undo_thread(void *arg)
{
	struct undo_job *j = arg;

	j->result = do_semtimedop(j->semid, j->sops, j->nsops, SEM_NO_TIMEOUT);
	while (j->wait) {
		if (j->go2) {
			j->result2 = do_semtimedop(j->semid, &j->sops[1], 1, SEM_NO_TIMEOUT);
			j->go2 = 0;
		}
		yield();
	}
	do_exit(0);
}

KTEST(ipc_sem, sem_undo_at_exit)
{
	struct undo_job j;
	pid_t pid;
	int id = do_semget(IPC_PRIVATE, 2, 0600);

	ASSERT_GE(id, 0);
	/* -1 on a semaphore of 3 and +2 on the other, both with SEM_UNDO */
	EXPECT_EQ(do_semctl(id, 0, SETVAL, 3, NULL), 0);
	memset(&j, 0, sizeof(j));
	j.semid = id;
	j.sops[0] = (struct sembuf){ 0, -1, SEM_UNDO };
	j.sops[1] = (struct sembuf){ 1, 2, SEM_UNDO };
	j.nsops = 2;
	pid = ipc_spawn(undo_thread, &j);
	ASSERT_GE(pid, 0);
	EXPECT_EQ(ipc_reap(pid), 0);
	EXPECT_EQ(j.result, 0);
	EXPECT_EQ(getval(id, 0), 3);
	EXPECT_EQ(getval(id, 1), 0);
	EXPECT_EQ(do_semctl(id, 0, GETPID, 0, NULL), pid);	/* the exiting one */

	/* +5 undo, SETVAL 0 (clears the adjustment), +3 undo, exit: 0 */
	memset(&j, 0, sizeof(j));
	j.semid = id;
	j.sops[0] = (struct sembuf){ 1, 5, SEM_UNDO };
	j.sops[1] = (struct sembuf){ 1, 3, SEM_UNDO };
	j.nsops = 1;
	j.wait = 1;
	pid = ipc_spawn(undo_thread, &j);
	ASSERT_GE(pid, 0);
	ipc_let_others_run();
	EXPECT_EQ(getval(id, 1), 5);
	EXPECT_EQ(do_semctl(id, 1, SETVAL, 0, NULL), 0);
	j.go2 = 1;
	ipc_let_others_run();
	EXPECT_EQ(j.result2, 0);
	EXPECT_EQ(getval(id, 1), 3);
	j.wait = 0;
	EXPECT_EQ(ipc_reap(pid), 0);
	EXPECT_EQ(getval(id, 1), 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
}

KTEST(ipc_sem, sem_undo_clamps_and_wakes)
{
	struct undo_job j;
	struct semop_job w;
	pid_t pid, pw;
	int id = do_semget(IPC_PRIVATE, 1, 0600);

	ASSERT_GE(id, 0);
	/* the thread takes 2 with undo; the test drops the value to 0; at exit
	 * +2 is applied; a waiter for 1 gets through */
	EXPECT_EQ(do_semctl(id, 0, SETVAL, 4, NULL), 0);
	memset(&j, 0, sizeof(j));
	j.semid = id;
	j.sops[0] = (struct sembuf){ 0, -2, SEM_UNDO };
	j.nsops = 1;
	j.wait = 1;
	pid = ipc_spawn(undo_thread, &j);
	ipc_let_others_run();
	EXPECT_EQ(getval(id, 0), 2);
	pw = start_semop(&w, id, 0, -3, 0);
	ipc_let_others_run();
	EXPECT_EQ(w.done, 0);
	j.wait = 0;
	EXPECT_EQ(ipc_reap(pid), 0);
	ipc_let_others_run();
	EXPECT_EQ(w.done, 1);
	EXPECT_EQ(getval(id, 0), 1);
	EXPECT_EQ(ipc_reap(pw), 0);

	/* +3 with undo, then someone takes 2: exit would make it -2, clamped to 0 */
	memset(&j, 0, sizeof(j));
	j.semid = id;
	j.sops[0] = (struct sembuf){ 0, 3, SEM_UNDO };
	j.nsops = 1;
	j.wait = 1;
	EXPECT_EQ(do_semctl(id, 0, SETVAL, 0, NULL), 0);
	pid = ipc_spawn(undo_thread, &j);
	ipc_let_others_run();
	EXPECT_EQ(getval(id, 0), 3);
	{
		struct sembuf take = { 0, -2, 0 };

		EXPECT_EQ(do_semtimedop(id, &take, 1, SEM_NO_TIMEOUT), 0);
	}
	j.wait = 0;
	EXPECT_EQ(ipc_reap(pid), 0);
	EXPECT_EQ(getval(id, 0), 0);
	/* and at the top: -2 with undo from SEMVMX, +2 by someone, exit clamps */
	EXPECT_EQ(do_semctl(id, 0, SETVAL, SEMVMX, NULL), 0);
	memset(&j, 0, sizeof(j));
	j.semid = id;
	j.sops[0] = (struct sembuf){ 0, -2, SEM_UNDO };
	j.nsops = 1;
	j.wait = 1;
	pid = ipc_spawn(undo_thread, &j);
	ipc_let_others_run();
	{
		struct sembuf give = { 0, 2, 0 };

		EXPECT_EQ(do_semtimedop(id, &give, 1, SEM_NO_TIMEOUT), 0);
	}
	j.wait = 0;
	EXPECT_EQ(ipc_reap(pid), 0);
	EXPECT_EQ(getval(id, 0), SEMVMX);

	/* removal invalidates the undo entries: exit applies nothing, frees all */
	EXPECT_EQ(do_semctl(id, 0, SETVAL, 0, NULL), 0);
	memset(&j, 0, sizeof(j));
	j.semid = id;
	j.sops[0] = (struct sembuf){ 0, 1, SEM_UNDO };
	j.nsops = 1;
	j.wait = 1;
	pid = ipc_spawn(undo_thread, &j);
	ipc_let_others_run();
	EXPECT_EQ(j.result, 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
	j.wait = 0;
	EXPECT_EQ(ipc_reap(pid), 0);
}

KTEST(ipc_sem, semctl_commands)
{
	unsigned short vals[4] = { 1, 2, 3, 4 }, out[4];
	struct semid64_ds ds;
	struct seminfo si;
	int id = do_semget(IPC_PRIVATE, 4, 0640), max;

	ASSERT_GE(id, 0);
	EXPECT_EQ(do_semctl(id, 0, SETVAL, 9, NULL), 0);
	EXPECT_EQ(do_semctl(id, 0, SETALL, 0, vals), 0);
	EXPECT_EQ(do_semctl(id, 0, GETPID, 0, NULL), current->tgid);	/* SETVAL's */
	memset(out, 0, sizeof(out));
	EXPECT_EQ(do_semctl(id, 0, GETALL, 0, out), 0);
	EXPECT_EQ(memcmp(out, vals, sizeof(vals)), 0);
	EXPECT_EQ(do_semctl(id, 4, GETVAL, 0, NULL), -EINVAL);
	EXPECT_EQ(do_semctl(id, -1, GETVAL, 0, NULL), -EINVAL);
	vals[2] = SEMVMX + 1;
	EXPECT_EQ(do_semctl(id, 0, SETALL, 0, vals), -ERANGE);
	EXPECT_EQ(getval(id, 2), 3);		/* nothing changed */
	EXPECT_EQ(do_semctl(id, 0, IPC_STAT, 0, &ds), 0);
	EXPECT_EQ(ds.sem_nsems, 4);
	EXPECT_EQ(ds.sem_perm.mode, 0640);
	EXPECT_EQ(ds.sem_perm.uid, current->euid);
	ds.sem_perm.mode = 07600;
	ds.sem_perm.uid = 42;
	EXPECT_EQ(do_semctl(id, 0, IPC_SET, 0, &ds), 0);
	EXPECT_EQ(do_semctl(id, 0, IPC_STAT, 0, &ds), 0);
	EXPECT_EQ(ds.sem_perm.mode, 0600);
	EXPECT_EQ(ds.sem_perm.uid, 42);
	EXPECT_EQ(ds.sem_perm.cuid, current->euid);
	max = do_semctl(0, 0, SEM_INFO, 0, &si);
	EXPECT_GE(max, id % 32768);
	EXPECT_GE(si.semusz, 1);
	EXPECT_GE(si.semaem, 4);
	EXPECT_EQ(do_semctl(0, 0, IPC_INFO, 0, &si), max);
	/* today's defaults, as a Linux 6.x host reports them */
	EXPECT_EQ(si.semmni, 32000);
	EXPECT_EQ(si.semmns, 1024000000);
	EXPECT_EQ(si.semmsl, 32000);
	EXPECT_EQ(si.semopm, 500);
	EXPECT_EQ(si.semvmx, 32767);
	EXPECT_EQ(si.semmnu, 1024000000);
	EXPECT_EQ(si.semmap, 1024000000);
	EXPECT_EQ(si.semume, 500);
	EXPECT_EQ(si.semusz, 20);
	EXPECT_EQ(si.semaem, 32767);
	EXPECT_EQ(do_semctl(id, 0, IPC_RMID, 0, NULL), 0);
}

/*
 * The classic bounded buffer: 4 producers and 4 consumers on a ring of 8
 * slots guarded by a semaphore set {mutex, empty, full}; yields inside the
 * critical section force interleaving. Every item is seen exactly once.
 */
#define BB_SLOTS	8
#define BB_ITEMS	300	/* per producer */
#define BB_THREADS	4

static struct {
	int semid;
	int ring[BB_SLOTS];
	int in, out;
	unsigned char seen[BB_THREADS * BB_ITEMS];
	int bad;
} bb;

static void bb_op(int num, int op)
{
	struct sembuf s = { num, op, 0 };

	if (do_semtimedop(bb.semid, &s, 1, SEM_NO_TIMEOUT))
		bb.bad++;
}

static int bb_producer(void *arg)
{
	int base = (int)(unsigned long)arg * BB_ITEMS;

	for (int i = 0; i < BB_ITEMS; i++) {
		bb_op(1, -1);		/* empty */
		bb_op(0, -1);		/* mutex */
		bb.ring[bb.in] = base + i;
		yield();
		bb.in = (bb.in + 1) % BB_SLOTS;
		bb_op(0, 1);
		bb_op(2, 1);		/* full */
	}
	return 0;
}

static int bb_consumer(void *arg)
{
	(void)arg;
	for (int i = 0; i < BB_ITEMS; i++) {
		int item;

		bb_op(2, -1);
		bb_op(0, -1);
		item = bb.ring[bb.out];
		yield();
		bb.out = (bb.out + 1) % BB_SLOTS;
		bb_op(0, 1);
		bb_op(1, 1);
		if (item < 0 || item >= BB_THREADS * BB_ITEMS)
			bb.bad++;
		else
			bb.seen[item]++;
	}
	return 0;
}

KTEST(ipc_sem, bounded_buffer_4_producers_4_consumers)
{
	unsigned short init[3] = { 1, BB_SLOTS, 0 };
	pid_t pids[2 * BB_THREADS];
	int once = 0;

	memset(&bb, 0, sizeof(bb));
	bb.semid = do_semget(IPC_PRIVATE, 3, 0600);
	ASSERT_GE(bb.semid, 0);
	EXPECT_EQ(do_semctl(bb.semid, 0, SETALL, 0, init), 0);
	for (int i = 0; i < BB_THREADS; i++) {
		pids[2 * i] = ipc_spawn(bb_consumer, NULL);
		pids[2 * i + 1] = ipc_spawn(bb_producer, (void *)(unsigned long)i);
	}
	for (int i = 0; i < 2 * BB_THREADS; i++)
		EXPECT_EQ(ipc_reap(pids[i]), 0);
	for (int i = 0; i < BB_THREADS * BB_ITEMS; i++)
		once += bb.seen[i] == 1;
	EXPECT_EQ(once, BB_THREADS * BB_ITEMS);
	EXPECT_EQ(bb.bad, 0);
	EXPECT_EQ(do_semctl(bb.semid, 1, GETVAL, 0, NULL), BB_SLOTS);
	EXPECT_EQ(do_semctl(bb.semid, 0, IPC_RMID, 0, NULL), 0);
}

/* five philosophers take both forks in one semop: no deadlock */
#define PHILO		5
#define PHILO_MEALS	200

static int philo_semid;
static volatile int meals[PHILO];

static int philosopher(void *arg)
{
	int i = (int)(unsigned long)arg;
	struct sembuf take[2] = { { i, -1, 0 }, { (i + 1) % PHILO, -1, 0 } };
	struct sembuf put[2] = { { i, 1, 0 }, { (i + 1) % PHILO, 1, 0 } };

	for (int m = 0; m < PHILO_MEALS; m++) {
		if (do_semtimedop(philo_semid, take, 2, SEM_NO_TIMEOUT))
			return 1;
		meals[i]++;
		yield();
		if (do_semtimedop(philo_semid, put, 2, SEM_NO_TIMEOUT))
			return 2;
		yield();
	}
	return 0;
}

KTEST(ipc_sem, dining_philosophers_finish)
{
	unsigned short forks[PHILO] = { 1, 1, 1, 1, 1 };
	pid_t pids[PHILO];

	philo_semid = do_semget(IPC_PRIVATE, PHILO, 0600);
	ASSERT_GE(philo_semid, 0);
	EXPECT_EQ(do_semctl(philo_semid, 0, SETALL, 0, forks), 0);
	for (int i = 0; i < PHILO; i++) {
		meals[i] = 0;
		pids[i] = ipc_spawn(philosopher, (void *)(unsigned long)i);
	}
	for (int i = 0; i < PHILO; i++)
		EXPECT_EQ(ipc_reap(pids[i]), 0);
	for (int i = 0; i < PHILO; i++) {
		EXPECT_EQ(meals[i], PHILO_MEALS);
		EXPECT_EQ(do_semctl(philo_semid, i, GETVAL, 0, NULL), 1);
	}
	EXPECT_EQ(do_semctl(philo_semid, 0, IPC_RMID, 0, NULL), 0);
}

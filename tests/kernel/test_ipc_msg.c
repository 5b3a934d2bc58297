/*
 * tests/kernel/test_ipc_msg.c - System V message queues (ipc/msg.c): FIFO
 * order, every msgtyp mode, E2BIG and MSG_NOERROR, ENOMSG, the qbytes limit
 * on bytes and on the message count, blocked senders and receivers woken by
 * removal (EIDRM), signals, the pipelined hand-over, and msgctl.
 */
#include <kernel/ktest.h>
#include "ipc_test.h"

static int send(int id, long type, const char *text, int flg)
{
	return do_msgsnd(id, type, text, strlen(text), flg);
}

/* receive one message; its type in *type, its text NUL-terminated in buf */
static long recv(int id, long typ, char *buf, size_t sz, int flg, long *type)
{
	long n = do_msgrcv(id, type, buf, sz, typ, flg);

	if (n >= 0)
		buf[n] = 0;
	return n;
}

KTEST(ipc_msg, order_and_msgtyp_modes)
{
	char buf[64];
	long type;
	int id = do_msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(send(id, 3, "c1", 0), 0);
	EXPECT_EQ(send(id, 1, "a1", 0), 0);
	EXPECT_EQ(send(id, 2, "b1", 0), 0);
	EXPECT_EQ(send(id, 1, "a2", 0), 0);
	EXPECT_EQ(send(id, 5, "e1", 0), 0);
	EXPECT_EQ(send(id, 3, "c2", 0), 0);
	/* > 0: the first of that type */
	EXPECT_EQ(recv(id, 3, buf, 63, IPC_NOWAIT, &type), 2);
	EXPECT_EQ(strcmp(buf, "c1"), 0);
	/* > 0 with MSG_EXCEPT: the first of another type */
	EXPECT_EQ(recv(id, 1, buf, 63, IPC_NOWAIT | MSG_EXCEPT, &type), 2);
	EXPECT_EQ(strcmp(buf, "b1"), 0);
	EXPECT_EQ(type, 2);
	/* < 0: the lowest type up to |typ|, the oldest of it */
	EXPECT_EQ(recv(id, -4, buf, 63, IPC_NOWAIT, &type), 2);
	EXPECT_EQ(strcmp(buf, "a1"), 0);
	EXPECT_EQ(recv(id, -4, buf, 63, IPC_NOWAIT, &type), 2);
	EXPECT_EQ(strcmp(buf, "a2"), 0);
	EXPECT_EQ(recv(id, -4, buf, 63, IPC_NOWAIT, &type), 2);
	EXPECT_EQ(strcmp(buf, "c2"), 0);
	EXPECT_EQ(recv(id, -4, buf, 63, IPC_NOWAIT, &type), -ENOMSG);
	EXPECT_EQ(recv(id, 7, buf, 63, IPC_NOWAIT, &type), -ENOMSG);
	/* 0: the first; MSG_EXCEPT is ignored for 0 */
	EXPECT_EQ(recv(id, 0, buf, 63, IPC_NOWAIT | MSG_EXCEPT, &type), 2);
	EXPECT_EQ(strcmp(buf, "e1"), 0);
	EXPECT_EQ(recv(id, 0, buf, 63, IPC_NOWAIT, &type), -ENOMSG);
	EXPECT_EQ(do_msgctl(id, IPC_RMID, NULL), 0);
}

KTEST(ipc_msg, e2big_noerror_and_bad_arguments)
{
	struct msqid64_ds ds;
	char buf[16];
	long type;
	int id = do_msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	EXPECT_EQ(send(id, 0, "x", 0), -EINVAL);
	EXPECT_EQ(send(id, -5, "x", 0), -EINVAL);
	EXPECT_EQ(do_msgsnd(id, 1, buf, MSGMAX + 1, 0), -EINVAL);
	EXPECT_EQ(do_msgsnd(-1, 1, buf, 1, 0), -EINVAL);
	EXPECT_EQ(send(id, 4, "0123456789", 0), 0);
	/* too small: E2BIG and the message stays */
	EXPECT_EQ(recv(id, 0, buf, 4, IPC_NOWAIT, &type), -E2BIG);
	EXPECT_EQ(do_msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qnum, 1);
	EXPECT_EQ(ds.msg_cbytes, 10);
	EXPECT_EQ(ds.msg_lrpid, 0);
	/* MSG_NOERROR truncates and removes it */
	EXPECT_EQ(recv(id, 0, buf, 4, IPC_NOWAIT | MSG_NOERROR, &type), 4);
	EXPECT_EQ(strcmp(buf, "0123"), 0);
	EXPECT_EQ(do_msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qnum, 0);
	EXPECT_EQ(ds.msg_cbytes, 0);
	EXPECT_EQ(ds.msg_lrpid, current->tgid);
	EXPECT_NE(ds.msg_rtime, 0);
	/* size 0 consumes a message */
	EXPECT_EQ(send(id, 1, "", 0), 0);
	EXPECT_EQ(recv(id, 0, buf, 0, IPC_NOWAIT, &type), 0);
	EXPECT_EQ(do_msgrcv(id, &type, buf, (size_t)-1, 0, IPC_NOWAIT), -EINVAL);
	EXPECT_EQ(do_msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(send(id, 1, "x", 0), -EINVAL);
}

/* a thread blocked in msgsnd or msgrcv */
struct msg_job {
	int id;
	long typ;
	int flg;
	size_t sz;
	char text[32];
	long type;
	volatile long result;
	volatile int done;
};

static int sender_thread(void *arg)
{
	struct msg_job *j = arg;

	j->result = do_msgsnd(j->id, j->typ, j->text, j->sz, j->flg);
	j->done = 1;
	return 0;
}

static int receiver_thread(void *arg)
{
	struct msg_job *j = arg;

	j->result = do_msgrcv(j->id, &j->type, j->text, j->sz, j->typ, j->flg);
	j->done = 1;
	return 0;
}

KTEST(ipc_msg, full_queue_blocks_sender_then_eidrm)
{
	struct msqid64_ds ds;
	struct msg_job s1, s2;
	char buf[16];
	long type;
	pid_t p1, p2;
	int id = do_msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	/* qbytes 2 also bounds the count: two 0-byte messages fill it */
	EXPECT_EQ(do_msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qbytes, MSGMNB);
	ds.msg_qbytes = 2;
	EXPECT_EQ(do_msgctl(id, IPC_SET, &ds), 0);
	EXPECT_EQ(send(id, 1, "", 0), 0);
	EXPECT_EQ(send(id, 1, "", 0), 0);
	EXPECT_EQ(send(id, 1, "", IPC_NOWAIT), -EAGAIN);
	memset(&s1, 0, sizeof(s1));
	s1.id = id;
	s1.typ = 9;
	s1.sz = 0;
	p1 = ipc_spawn(sender_thread, &s1);
	ipc_let_others_run();
	EXPECT_EQ(s1.done, 0);
	/* a receive makes room and wakes it */
	EXPECT_EQ(recv(id, 0, buf, 8, IPC_NOWAIT, &type), 0);
	ipc_let_others_run();
	EXPECT_EQ(s1.done, 1);
	EXPECT_EQ(s1.result, 0);
	EXPECT_EQ(ipc_reap(p1), 0);
	EXPECT_EQ(do_msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qnum, 2);
	EXPECT_EQ(ds.msg_lspid, p1);
	/* a blocked sender: a signal gives ERESTARTNOHAND, removal EIDRM */
	memset(&s2, 0, sizeof(s2));
	s2.id = id;
	s2.typ = 1;
	p2 = ipc_spawn(sender_thread, &s2);
	ipc_let_others_run();
	EXPECT_EQ(send_sig(SIGUSR1, find_task_by_pid(p2), 1), 0);
	EXPECT_EQ(ipc_reap(p2), 0);
	EXPECT_EQ(s2.result, -ERESTARTNOHAND);
	memset(&s2, 0, sizeof(s2));
	s2.id = id;
	s2.typ = 1;
	p2 = ipc_spawn(sender_thread, &s2);
	ipc_let_others_run();
	EXPECT_EQ(s2.done, 0);
	EXPECT_EQ(do_msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(ipc_reap(p2), 0);
	EXPECT_EQ(s2.result, -EIDRM);
}

KTEST(ipc_msg, pipelined_send_and_receiver_wakeups)
{
	struct msqid64_ds ds;
	struct msg_job r1, r2, r3;
	pid_t p1, p2, p3;
	int id = do_msgget(IPC_PRIVATE, 0600);

	ASSERT_GE(id, 0);
	/* r1 wants type 5 with room for 2 bytes, r2 any type with 16 */
	memset(&r1, 0, sizeof(r1));
	r1.id = id;
	r1.typ = 5;
	r1.sz = 2;
	p1 = ipc_spawn(receiver_thread, &r1);
	memset(&r2, 0, sizeof(r2));
	r2.id = id;
	r2.typ = 0;
	r2.sz = 16;
	p2 = ipc_spawn(receiver_thread, &r2);
	ipc_let_others_run();
	/* a 4-byte type 5: too big for r1 (E2BIG), handed to r2 directly */
	EXPECT_EQ(send(id, 5, "abcd", 0), 0);
	EXPECT_EQ(do_msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(ds.msg_qnum, 0);		/* it never entered the queue */
	EXPECT_EQ(ds.msg_lrpid, p2);		/* set at send time */
	EXPECT_NE(ds.msg_rtime, 0);
	EXPECT_EQ(ipc_reap(p1), 0);
	EXPECT_EQ(ipc_reap(p2), 0);
	EXPECT_EQ(r1.result, -E2BIG);
	EXPECT_EQ(r2.result, 4);
	EXPECT_EQ(r2.type, 5);
	EXPECT_EQ(memcmp(r2.text, "abcd", 4), 0);
	/* a signal: ERESTARTNOHAND; removal: EIDRM */
	memset(&r3, 0, sizeof(r3));
	r3.id = id;
	r3.sz = 16;
	p3 = ipc_spawn(receiver_thread, &r3);
	ipc_let_others_run();
	EXPECT_EQ(send_sig(SIGUSR1, find_task_by_pid(p3), 1), 0);
	EXPECT_EQ(ipc_reap(p3), 0);
	EXPECT_EQ(r3.result, -ERESTARTNOHAND);
	/* IPC_SET wakes receivers to re-check; they go back to sleep */
	memset(&r3, 0, sizeof(r3));
	r3.id = id;
	r3.sz = 16;
	p3 = ipc_spawn(receiver_thread, &r3);
	ipc_let_others_run();
	EXPECT_EQ(do_msgctl(id, IPC_STAT, &ds), 0);
	EXPECT_EQ(do_msgctl(id, IPC_SET, &ds), 0);
	ipc_let_others_run();
	EXPECT_EQ(r3.done, 0);
	EXPECT_EQ(do_msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(ipc_reap(p3), 0);
	EXPECT_EQ(r3.result, -EIDRM);
}

static int qbytes_thread(void *arg)
{
	struct msqid64_ds *ds = arg;
	int id = ds->msg_perm.key;

	current->euid = current->uid = 1000;
	ds->msg_qbytes = MSGMNB + 1;
	return -do_msgctl(id, IPC_SET, ds);
}

KTEST(ipc_msg, msgctl_commands)
{
	struct msqid64_ds ds;
	struct msginfo mi;
	int id = do_msgget(IPC_PRIVATE, 0600), max;
	pid_t pid;

	ASSERT_GE(id, 0);
	EXPECT_EQ(send(id, 1, "hello", 0), 0);
	max = do_msgctl(0, IPC_INFO, &mi);
	EXPECT_GE(max, id % 32768);
	/* today's defaults, as a Linux 6.x host reports them */
	EXPECT_EQ(mi.msgmni, 32000);
	EXPECT_EQ(mi.msgmax, 8192);
	EXPECT_EQ(mi.msgmnb, 16384);
	EXPECT_EQ(mi.msgpool, 512000);
	EXPECT_EQ(mi.msgmap, 16384);
	EXPECT_EQ(mi.msgtql, 16384);
	EXPECT_EQ(mi.msgssz, 16);
	EXPECT_EQ(mi.msgseg, 65535);
	EXPECT_EQ(do_msgctl(0, MSG_INFO, &mi), max);
	EXPECT_GE(mi.msgpool, 1);	/* queues in use */
	EXPECT_GE(mi.msgmap, 1);	/* messages */
	EXPECT_GE(mi.msgtql, 5);	/* bytes */
	EXPECT_EQ(do_msgctl(id % 32768, MSG_STAT, &ds), id);
	EXPECT_EQ(ds.msg_qnum, 1);
	EXPECT_EQ(ds.msg_cbytes, 5);
	EXPECT_EQ(ds.msg_lspid, current->tgid);
	EXPECT_NE(ds.msg_stime, 0);
	/* root may raise qbytes past MSGMNB; the owner who is not root may not */
	ds.msg_qbytes = MSGMNB * 2;
	EXPECT_EQ(do_msgctl(id, IPC_SET, &ds), 0);
	ds.msg_perm.uid = 1000;
	ds.msg_perm.key = id;	/* the id, for the thread */
	EXPECT_EQ(do_msgctl(id, IPC_SET, &ds), 0);
	pid = ipc_spawn(qbytes_thread, &ds);
	EXPECT_EQ(ipc_reap(pid), EPERM);
	EXPECT_EQ(do_msgctl(id, 42, &ds), -EINVAL);
	EXPECT_EQ(do_msgctl(-1, IPC_STAT, &ds), -EINVAL);
	EXPECT_EQ(do_msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(do_msgctl(id, IPC_STAT, &ds), -EINVAL);
}

/*
 * tests/user/sysv_msgabi.c - message queues as today's Linux answers them
 * (issue 13): msgsnd reads mtype before anything else (EFAULT for a NULL
 * buffer whatever else is wrong); msgctl looks the id up before it touches
 * the buffer; msgrcv with msgtyp LONG_MIN behaves as -LONG_MAX, queued or
 * asleep; MSG_COPY with IPC_NOWAIT copies the message at a position and
 * leaves it queued (EINVAL without IPC_NOWAIT or with MSG_EXCEPT).
 */
#define _GNU_SOURCE
#include "utest.h"
#include <limits.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

/* the control calls with a NULL buffer go raw: glibc converts the layouts itself */
#define IPCCALL_SEMCTL 3
#define IPCCALL_MSGCTL 14
#define IPCCALL_SHMCTL 24
#define IPC_64 0x100

static long raw_msgctl(int id, int cmd, void *buf)
{
	return syscall(SYS_ipc, IPCCALL_MSGCTL, id, cmd | IPC_64, 0, buf);
}

static long raw_shmctl(int id, int cmd, void *buf)
{
	return syscall(SYS_ipc, IPCCALL_SHMCTL, id, cmd | IPC_64, 0, buf);
}

static long raw_semctl(int id, int cmd, void *buf)
{
	return syscall(SYS_ipc, IPCCALL_SEMCTL, id, 0, cmd | IPC_64, &buf);
}

struct mbuf {
	long mtype;
	char text[128];
};

static void on_usr1(int sig)
{
	(void)sig;
}

static int send(int id, long type, const char *text)
{
	struct mbuf m = { type, "" };

	strcpy(m.text, text);
	return msgsnd(id, &m, strlen(text), IPC_NOWAIT);
}

static long qnum(int id)
{
	struct msqid_ds ds;

	return msgctl(id, IPC_STAT, &ds) ? -1 : (long)ds.msg_qnum;
}

/* a removed queue's id (its slot may or may not be reused) */
static int removed_id(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);

	msgctl(id, IPC_RMID, NULL);
	return id;
}

static void msgsnd_order(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600), old = removed_id();
	struct mbuf m = { 1, "hello" };
	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct mbuf *edge;

	CHECK("a queue", id >= 0);
	CHECK_ERR("NULL buffer", msgsnd(id, NULL, 5, 0), EFAULT);
	CHECK_ERR("NULL buffer, id -1: EFAULT first", msgsnd(-1, NULL, 5, 0), EFAULT);
	CHECK_ERR("NULL buffer, a removed id: EFAULT first", msgsnd(old, NULL, 5, 0), EFAULT);
	CHECK_ERR("NULL buffer, size past MSGMAX: EFAULT first", msgsnd(id, NULL, 8193, 0), EFAULT);
	CHECK_ERR("NULL buffer, size -1: EFAULT first", msgsnd(id, NULL, (size_t)-1, 0), EFAULT);
	CHECK_ERR("a good buffer, id -1", msgsnd(-1, &m, 5, 0), EINVAL);
	CHECK_ERR("a good buffer, a removed id", msgsnd(old, &m, 5, 0), EINVAL);
	CHECK_ERR("size 8193", msgsnd(id, &m, 8193, 0), EINVAL);
	CHECK_ERR("size -1", msgsnd(id, &m, (size_t)-1, 0), EINVAL);
	m.mtype = 0;
	CHECK_ERR("mtype 0", msgsnd(id, &m, 5, 0), EINVAL);
	m.mtype = LONG_MIN;
	CHECK_ERR("mtype LONG_MIN", msgsnd(id, &m, 5, 0), EINVAL);
	m.mtype = LONG_MAX;
	CHECK_OK("mtype LONG_MAX", msgsnd(id, &m, 5, 0));
	CHECK_OK("size 0", msgsnd(id, &m, 0, 0));
	/* mtype readable, the text not: EFAULT and nothing queued */
	if (page != MAP_FAILED) {
		munmap(page + 4096, 4096);
		edge = (struct mbuf *)(page + 4096 - sizeof(long) - 2);
		edge->mtype = 3;
		CHECK_ERR("text running into an unmapped page", msgsnd(id, edge, 10, 0), EFAULT);
		CHECK_OK("the 2 bytes that are mapped", msgsnd(id, edge, 2, 0));
		munmap(page, 4096);
	}
	CHECK_EQ("three messages queued", qnum(id), 3);
	msgctl(id, IPC_RMID, NULL);
}

static void msgctl_order(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600), old = removed_id();
	int sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600), shm;

	CHECK("a queue", id >= 0);
	CHECK_ERR("IPC_STAT of a removed id, NULL buffer: EINVAL", raw_msgctl(old, IPC_STAT, NULL),
		  EINVAL);
	CHECK_ERR("IPC_STAT of id -1, NULL buffer", raw_msgctl(-1, IPC_STAT, NULL), EINVAL);
	CHECK_ERR("IPC_STAT of a live id, NULL buffer: EFAULT", raw_msgctl(id, IPC_STAT, NULL), EFAULT);
	CHECK_ERR("MSG_STAT of an empty slot, NULL buffer: EINVAL",
		  raw_msgctl(old % 32768 == 32767 ? 0 : 32767, MSG_STAT, NULL), EINVAL);
	CHECK_ERR("MSG_STAT of a live slot, NULL buffer: EFAULT", raw_msgctl(id % 32768, MSG_STAT, NULL),
		  EFAULT);
	CHECK_ERR("IPC_INFO, NULL buffer", raw_msgctl(0, IPC_INFO, NULL), EFAULT);
	CHECK_ERR("MSG_INFO, NULL buffer", raw_msgctl(0, MSG_INFO, NULL), EFAULT);
	CHECK_ERR("IPC_SET of a removed id, NULL buffer: EFAULT (read first)",
		  raw_msgctl(old, IPC_SET, NULL), EFAULT);
	CHECK_ERR("an unknown command", raw_msgctl(id, 99, NULL), EINVAL);
	CHECK_ERR("IPC_RMID of a removed id", msgctl(old, IPC_RMID, NULL), EINVAL);
	/* the same order in semctl and shmctl */
	semctl(sem, 0, IPC_RMID);
	CHECK_ERR("semctl IPC_STAT of a removed id, NULL buffer",
		  raw_semctl(sem, IPC_STAT, NULL), EINVAL);
	shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	CHECK_ERR("shmctl IPC_STAT of a live id, NULL buffer", raw_shmctl(shm, IPC_STAT, NULL), EFAULT);
	shmctl(shm, IPC_RMID, NULL);
	CHECK_ERR("shmctl IPC_STAT of a removed id, NULL buffer", raw_shmctl(shm, IPC_STAT, NULL),
		  EINVAL);
	msgctl(id, IPC_RMID, NULL);
}

static void long_min(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600), st;
	struct mbuf m;
	pid_t pid;

	CHECK("a queue", id >= 0);
	CHECK_ERR("LONG_MIN on an empty queue", msgrcv(id, &m, 128, LONG_MIN, IPC_NOWAIT), ENOMSG);
	send(id, 5, "five");
	send(id, LONG_MAX, "max");
	send(id, 1, "one");
	send(id, 3, "three");
	CHECK_EQ("LONG_MIN takes the lowest type", msgrcv(id, &m, 128, LONG_MIN, IPC_NOWAIT), 3);
	CHECK_EQ("type 1", m.mtype, 1);
	CHECK_EQ("-LONG_MAX the same way", msgrcv(id, &m, 128, -LONG_MAX, IPC_NOWAIT), 5);
	CHECK_EQ("type 3", m.mtype, 3);
	CHECK_EQ("LONG_MIN with MSG_EXCEPT: still the lowest",
		 msgrcv(id, &m, 128, LONG_MIN, IPC_NOWAIT | MSG_EXCEPT), 4);
	CHECK_EQ("type 5", m.mtype, 5);
	CHECK_EQ("LONG_MIN reaches type LONG_MAX", msgrcv(id, &m, 128, LONG_MIN, IPC_NOWAIT), 3);
	CHECK_EQ("type LONG_MAX", m.mtype, LONG_MAX);

	/* a receiver asleep with LONG_MIN takes the next message of any type */
	pid = fork();
	if (pid == 0) {
		struct mbuf r;
		long n;

		alarm(5);	/* a sleeper that never matches fails, not hangs */
		n = msgrcv(id, &r, 128, LONG_MIN, 0);

		_exit(n == 4 && r.mtype == 77 ? 0 : 1);
	}
	usleep(100000);
	send(id, 77, "late");
	waitpid(pid, &st, 0);
	CHECK("the LONG_MIN sleeper got the message", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ("queue empty", qnum(id), 0);

	/* a signal at the LONG_MIN sleeper's blocking point: EINTR, the queue intact */
	pid = fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_usr1 };
		struct mbuf r;

		sigaction(SIGUSR1, &sa, NULL);
		alarm(5);
		_exit(msgrcv(id, &r, 128, LONG_MIN, 0) == -1 && errno == EINTR ? 0 : 1);
	}
	usleep(100000);
	kill(pid, SIGUSR1);
	waitpid(pid, &st, 0);
	CHECK("a signal wakes the LONG_MIN sleeper with EINTR", WIFEXITED(st) && !WEXITSTATUS(st));
	CHECK_OK("the queue still works", send(id, 2, "x"));
	CHECK_EQ("one message", qnum(id), 1);
	msgctl(id, IPC_RMID, NULL);
}

static void msg_copy(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600), old = removed_id(), st;
	struct msqid_ds ds;
	struct mbuf m;
	pid_t pid;
	const int C = MSG_COPY | IPC_NOWAIT;

	CHECK("a queue", id >= 0);
	CHECK_ERR("MSG_COPY on an empty queue", msgrcv(id, &m, 128, 0, C), ENOMSG);
	send(id, 1, "one");
	send(id, 2, "two2");
	send(id, 3, "three");
	send(id, 9, "");
	CHECK_ERR("MSG_COPY without IPC_NOWAIT", msgrcv(id, &m, 128, 0, MSG_COPY), EINVAL);
	CHECK_ERR("MSG_COPY with MSG_EXCEPT", msgrcv(id, &m, 128, 0, C | MSG_EXCEPT), EINVAL);
	CHECK_EQ("position 0", msgrcv(id, &m, 128, 0, C), 3);
	CHECK("position 0 is 'one', type 1", m.mtype == 1 && !memcmp(m.text, "one", 3));
	CHECK_EQ("position 1", msgrcv(id, &m, 128, 1, C), 4);
	CHECK("position 1 is 'two2'", m.mtype == 2 && !memcmp(m.text, "two2", 4));
	CHECK_EQ("position 2", msgrcv(id, &m, 128, 2, C), 5);
	CHECK_EQ("position 3, empty", msgrcv(id, &m, 128, 3, C), 0);
	CHECK_EQ("its type", m.mtype, 9);
	CHECK_ERR("position 4: past the end", msgrcv(id, &m, 128, 4, C), ENOMSG);
	CHECK_ERR("position -1", msgrcv(id, &m, 128, -1, C), ENOMSG);
	CHECK_ERR("position LONG_MIN", msgrcv(id, &m, 128, LONG_MIN, C), ENOMSG);
	CHECK_ERR("too small a buffer", msgrcv(id, &m, 2, 0, C), E2BIG);
	CHECK_ERR("too small with MSG_NOERROR: EINVAL (the copy must fit)",
		  msgrcv(id, &m, 2, 0, C | MSG_NOERROR), EINVAL);
	CHECK_EQ("a buffer of exactly 3", msgrcv(id, &m, 3, 0, C), 3);
	CHECK_OK("IPC_STAT", msgctl(id, IPC_STAT, &ds));
	CHECK_EQ("all four still queued", ds.msg_qnum, 4);
	CHECK_EQ("msg_cbytes unchanged", ds.msg_cbytes, 12);
	CHECK_EQ("msg_lrpid never set by a copy", ds.msg_lrpid, 0);
	CHECK_EQ("msg_rtime never set by a copy", ds.msg_rtime, 0);
	CHECK_ERR("MSG_COPY into NULL", msgrcv(id, NULL, 128, 0, C), EFAULT);
	CHECK_ERR("MSG_COPY into NULL of a removed id: EFAULT first", msgrcv(old, NULL, 128, 0, C),
		  EFAULT);
	CHECK_ERR("MSG_COPY of a removed id", msgrcv(old, &m, 128, 0, C), EINVAL);
	CHECK_ERR("MSG_COPY of id -1 into NULL: EINVAL first", msgrcv(-1, NULL, 128, 0, C), EINVAL);
	CHECK_ERR("MSG_COPY with size -1", msgrcv(id, &m, (size_t)-1, 0, C), EINVAL);
	CHECK_EQ("a normal msgrcv takes position 0", msgrcv(id, &m, 128, 0, IPC_NOWAIT), 3);
	CHECK_EQ("now position 0 is 'two2'", msgrcv(id, &m, 128, 0, C), 4);
	CHECK_EQ("three left", qnum(id), 3);

	pid = fork();
	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		_exit(msgrcv(id, &m, 128, 0, C) == -1 && errno == EACCES ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK("uid 65534 may not copy from a 0600 queue", WIFEXITED(st) && !WEXITSTATUS(st));
	msgctl(id, IPC_RMID, NULL);
}

int main(void)
{
	msgsnd_order();
	msgctl_order();
	long_min();
	msg_copy();
	return utest_done();
}

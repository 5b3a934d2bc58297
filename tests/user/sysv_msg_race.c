/*
 * sysv_msg_race.c - the msgrcv use-after-free (issue 10): IPC_SET wakes the
 * sleeping receivers and senders of a queue, IPC_RMID removes it before they
 * run, and a new queue takes the same slot with tagged messages. Every
 * sleeper must end in EIDRM (or with the message handed to it before the
 * removal), never with the newer queue's message and never asleep for ever.
 * With 1, 8 and 64 sleepers of each kind, then the race 10,000 times as
 * uid 65534, the attacker of the report.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"
#include "race_util.h"

#define ROUNDS 10000
#define TAG_NEW "NEWQ"		/* only the newer queue carries this */

struct mbuf {
	long mtype;
	char mtext[64];
};

static int set_qbytes(int q, unsigned long n)
{
	struct msqid_ds ds;

	if (msgctl(q, IPC_STAT, &ds) < 0)
		return -1;
	ds.msg_qbytes = n;
	return msgctl(q, IPC_SET, &ds);
}

static long qnum(int q)
{
	struct msqid_ds ds;

	return msgctl(q, IPC_STAT, &ds) < 0 ? -1 : (long)ds.msg_qnum;
}

static int snd(int q, long type, const char *text, int flg)
{
	struct mbuf m = { type, "" };

	strncpy(m.mtext, text, sizeof(m.mtext) - 1);
	return msgsnd(q, &m, strlen(m.mtext), flg);
}

/* let every runnable child run until it sleeps */
static void settle(int yields, long ns)
{
	struct timespec ts = { 0, ns };

	for (int i = 0; i < yields; i++)
		sched_yield();
	if (ns)
		nanosleep(&ts, NULL);
}

/*
 * The outcome of one sleeper, as one byte: 'E' EIDRM, 'M' a message of the
 * newer queue, 'P' the promised message, 'm' another message, 'I' EINVAL,
 * 'x' anything else.
 */
static char rcv_outcome(int q, long type, long promised)
{
	struct mbuf m;
	long n;

	memset(&m, 0, sizeof(m));
	n = msgrcv(q, &m, sizeof(m.mtext) - 1, type, 0);
	if (n >= 0) {
		char want[16];

		if (!strcmp(m.mtext, TAG_NEW))
			return 'M';
		snprintf(want, sizeof(want), "for%ld", promised);
		return promised && !strcmp(m.mtext, want) ? 'P' : 'm';
	}
	return errno == EIDRM ? 'E' : errno == EINVAL ? 'I' : 'x';
}

static char snd_outcome(int q)
{
	if (snd(q, 1, "late", 0) == 0)
		return 's';
	return errno == EIDRM ? 'E' : errno == EINVAL ? 'I' : 'x';
}

/*
 * n receivers (waiting for type 2) and n senders (the queue is full) asleep
 * on one queue; IPC_SET then IPC_RMID at once, then a newer queue in the
 * same slot holding type-2 messages tagged TAG_NEW.
 */
static void set_then_rmid(int n)
{
	int res[2], q, q2, i;
	pid_t pids[128];
	char out[128], what[96];

	if (pipe(res) < 0)
		return;
	q = msgget(IPC_PRIVATE, 0600);
	set_qbytes(q, 1);
	snd(q, 1, "x", IPC_NOWAIT);	/* one byte fills it */
	for (i = 0; i < 2 * n; i++) {
		if ((pids[i] = fork()) == 0) {
			char c = i < n ? rcv_outcome(q, 2, 0) : snd_outcome(q);

			write(res[1], &c, 1);
			_exit(0);
		}
	}
	snprintf(what, sizeof(what), "%d receivers and %d senders asleep (state S)", n, n);
	CHECK(what, wait_children_asleep(pids, 2 * n));
	CHECK_OK("IPC_SET with every sleeper asleep", set_qbytes(q, 1));
	CHECK_OK("IPC_RMID right after", msgctl(q, IPC_RMID, NULL));
	q2 = msgget(IPC_PRIVATE, 0600);
	/* here the same slot (lowest free); Linux 6.x allocates slots cyclically */
	printf("# newer queue in slot %d, removed one in %d\n", q2 % 32768, q % 32768);
	for (i = 0; i < n; i++)
		snd(q2, 2, TAG_NEW, IPC_NOWAIT);
	i = collect(res[0], out, 2 * n);
	snprintf(what, sizeof(what), "%d receivers and %d senders all woke", n, n);
	CHECK_EQ(what, i, 2 * n);
	snprintf(what, sizeof(what), "%d receivers and %d senders: each got EIDRM", n, n);
	CHECK_EQ(what, count(out, i, 'E'), 2 * n);
	snprintf(what, sizeof(what), "%d sleepers: none took the newer queue's message", 2 * n);
	CHECK_EQ(what, count(out, i, 'M'), 0);
	CHECK_EQ("the newer queue still holds all its messages", qnum(q2), n);
	msgctl(q2, IPC_RMID, NULL);
	close_results(res, 2 * n);
}

/*
 * n receivers, each handed its own message by msgsnd, then IPC_SET and
 * IPC_RMID before any of them runs: each keeps the message it was promised.
 */
static void promised_then_rmid(int n)
{
	int res[2], q, q2, i;
	pid_t pids[128];
	char out[128], what[96], text[16];

	if (pipe(res) < 0)
		return;
	q = msgget(IPC_PRIVATE, 0600);
	for (i = 0; i < n; i++) {
		if ((pids[i] = fork()) == 0) {
			char c = rcv_outcome(q, i + 1, i + 1);

			write(res[1], &c, 1);
			_exit(0);
		}
	}
	snprintf(what, sizeof(what), "%d receivers asleep (state S)", n);
	CHECK(what, wait_children_asleep(pids, n));
	for (i = 0; i < n; i++) {
		snprintf(text, sizeof(text), "for%d", i + 1);
		snd(q, i + 1, text, IPC_NOWAIT);
	}
	set_qbytes(q, 16384);
	msgctl(q, IPC_RMID, NULL);
	q2 = msgget(IPC_PRIVATE, 0600);
	for (i = 0; i < n; i++)
		snd(q2, i + 1, TAG_NEW, IPC_NOWAIT);
	i = collect(res[0], out, n);
	snprintf(what, sizeof(what), "%d receivers handed a message, then IPC_SET+RMID: "
		 "each keeps its own", n);
	CHECK_EQ(what, count(out, i, 'P'), n);
	if (count(out, i, 'P') != n)	/* 'I': a receiver that reached msgrcv only after the RMID */
		printf("# outcomes: %.*s\n", i, out);
	msgctl(q2, IPC_RMID, NULL);
	close_results(res, n);
}

/*
 * The race ROUNDS times with two receivers and one sender that live across
 * rounds: the queue id of each round comes through the 'go' pipe (4-byte
 * writes, so each child reads one id whole).
 */
#define RACERS 3
static int race_rounds(void)
{
	int go[2], res[2], bad = 0, eidrm = 0, i, r;
	char out[RACERS];

	if (pipe(go) < 0 || pipe(res) < 0)
		return -1;
	for (i = 0; i < RACERS; i++) {
		if (fork() == 0) {
			int q;

			close(go[1]);
			while (read(go[0], &q, sizeof(q)) == sizeof(q) && q >= 0) {
				char c = i ? rcv_outcome(q, 2, 0) : snd_outcome(q);

				write(res[1], &c, 1);
			}
			_exit(0);
		}
	}
	for (r = 0; r < ROUNDS; r++) {
		int q = msgget(IPC_PRIVATE, 0600), q2, ids[RACERS];

		set_qbytes(q, 1);
		snd(q, 1, "x", IPC_NOWAIT);
		for (i = 0; i < RACERS; i++)
			ids[i] = q;
		write(go[1], ids, sizeof(ids));
		settle(r & 1 ? 3 : 1, 0);	/* sometimes not all asleep yet */
		set_qbytes(q, 1);
		msgctl(q, IPC_RMID, NULL);
		q2 = msgget(IPC_PRIVATE, 0600);
		snd(q2, 2, TAG_NEW, IPC_NOWAIT);
		snd(q2, 2, TAG_NEW, IPC_NOWAIT);
		if (collect(res[0], out, RACERS) != RACERS) {
			bad++;
			break;
		}
		eidrm += count(out, RACERS, 'E');
		/* a child that ran only after the removal sees EINVAL or EIDRM */
		bad += RACERS - count(out, RACERS, 'E') - count(out, RACERS, 'I');
		if (qnum(q2) != 2)
			bad++;
		msgctl(q2, IPC_RMID, NULL);
	}
	close(go[1]);
	reap_all(RACERS);
	printf("# %d rounds, %d EIDRM of %d outcomes\n", r, eidrm, r * RACERS);
	fflush(stdout);
	return bad;
}

int main(void)
{
	int n[] = { 1, 8, 64 };

	setvbuf(stdout, NULL, _IOLBF, 0);	/* no buffered text copied by fork */
	signal(SIGALRM, SIG_DFL);
	for (int i = 0; i < 3; i++)
		set_then_rmid(n[i]);
	for (int i = 0; i < 3; i++)
		promised_then_rmid(n[i]);

	/* the attacker: an unprivileged user racing its own queues */
	CHECK("10000 rounds of IPC_SET+IPC_RMID against sleepers as uid 65534: "
	      "only EIDRM/EINVAL, never the newer queue's message", as_nobody(race_rounds));
	return utest_done();
}

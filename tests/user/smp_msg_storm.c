/*
 * smp_msg_storm.c - msgsnd/msgrcv storms from every CPU: several senders and
 * several receivers on one queue, pinned where the kernel can pin, the queue
 * cut to a few KiB so that senders sleep on a full queue and receivers on an
 * empty one. Round 1: each receiver takes one mtype only (msgtyp > 0); round
 * 2: receivers take any message (msgtyp 0) or the lowest type first
 * (msgtyp < 0) or all but one type (MSG_EXCEPT). Every message carries its
 * sender, sequence number, length and a checksum: none may be lost, repeated,
 * corrupted, or delivered out of its sender's order within its type.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>

#include "utest.h"
#include "smp_util.h"

#define NMSG	600		/* messages per sender and round; a multiple of every NTYPES */
#define MAXS	8
#define NTYPES	4		/* mtypes 1..NTYPES */
#define MAXTEXT	512

struct msg {
	long mtype;
	struct {
		int sender, seq, len;
		uint32_t csum;
		unsigned char data[MAXTEXT];
	} t;
};

#define HEAD	(4 * (int)sizeof(int))

static int qid, nsend, nrecv;

static uint32_t fnv(const unsigned char *p, int n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static int msg_len(int s, int seq) { return (int)(((unsigned)seq * 40503u + (unsigned)s * 977u) % MAXTEXT); }

/* what every receiver reports: per sender and type, the next seq it expects */
struct tally {
	long got, bad, order;
	unsigned long long sum;
	int last[MAXS][NTYPES + 1];
};

static void sender(int s, struct smp_report *r)
{
	static struct msg m;

	smp_worker_start(r, s);
	for (int seq = 0; seq < NMSG; seq++) {
		int len = msg_len(s, seq);

		m.mtype = 1 + (seq + s) % NTYPES;
		m.t.sender = s;
		m.t.seq = seq;
		m.t.len = len;
		for (int i = 0; i < len; i++)
			m.t.data[i] = (unsigned char)(s * 13 + seq * 7 + i);
		m.t.csum = fnv(m.t.data, len) ^ (uint32_t)seq * 31u ^ (uint32_t)s;
		while (msgsnd(qid, &m, HEAD + len, 0) < 0)
			if (errno != EINTR) {
				r->bad++;
				break;
			}
		r->count++;
		r->sum += (unsigned long long)m.t.csum;
	}
	smp_worker_end(r);
	_exit(0);
}

/* take messages with msgtyp/flags until `quota` are in, or (quota -1) until IPC_RMID */
static void receiver(int i, long msgtyp, int flags, long quota, struct smp_report *r,
		     struct tally *t)
{
	static struct msg m;

	smp_worker_start(r, nsend + i);
	for (int s = 0; s < MAXS; s++)
		for (int y = 0; y <= NTYPES; y++)
			t->last[s][y] = -1;
	while (quota < 0 || t->got < quota) {
		ssize_t n = msgrcv(qid, &m, sizeof(m.t), msgtyp, flags);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* the stop: EIDRM asleep at the removal, EINVAL when calling after it */
			if ((errno != EIDRM && errno != EINVAL) || quota >= 0)
				t->bad++;
			break;
		}
		if (n != HEAD + m.t.len || m.t.sender < 0 || m.t.sender >= nsend ||
		    m.mtype < 1 || m.mtype > NTYPES ||
		    m.t.csum != (fnv(m.t.data, m.t.len) ^ (uint32_t)m.t.seq * 31u ^ (uint32_t)m.t.sender) ||
		    m.mtype != 1 + (m.t.seq + m.t.sender) % NTYPES || m.t.len != msg_len(m.t.sender, m.t.seq)) {
			t->bad++;
			continue;
		}
		/* one sender's messages of one type leave the queue in the order they came */
		if (m.t.seq <= t->last[m.t.sender][m.mtype])
			t->order++;
		t->last[m.t.sender][m.mtype] = m.t.seq;
		t->got++;
		t->sum += (unsigned long long)m.t.csum;
	}
	smp_worker_end(r);
	_exit(0);
}

struct rspec {
	long msgtyp;
	int flags;
	long quota;		/* -1: until the stop message */
};

static void round_(const char *what, const struct rspec *spec)
{
	struct smp_report *r = smp_reports(nsend + nrecv);
	struct tally *t = mmap(NULL, sizeof(struct tally) * nrecv, PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t spid[MAXS];
	struct msqid_ds ds;
	unsigned long long sent = 0, recvd = 0;
	long got = 0, bad = 0, order = 0, sbad = 0;
	int i, st, failed = 0, stops = 0;
	char msg[200];

	qid = msgget(IPC_PRIVATE, 0600);
	if (qid < 0 || !r || t == MAP_FAILED) {
		CHECK("msgget and the report pages", 0);
		return;
	}
	msgctl(qid, IPC_STAT, &ds);
	ds.msg_qbytes = 4096;		/* a few messages: senders sleep, receivers sleep */
	snprintf(msg, sizeof(msg), "%s: msg_qbytes cut to 4096", what);
	CHECK_OK(msg, msgctl(qid, IPC_SET, &ds));
	for (i = 0; i < nrecv; i++) {
		pid_t pid = fork();

		if (pid == 0)
			receiver(i, spec[i].msgtyp, spec[i].flags, spec[i].quota, &r[nsend + i], &t[i]);
		failed += pid < 0;
		stops += spec[i].quota < 0;
	}
	for (i = 0; i < nsend; i++) {
		spid[i] = fork();
		if (spid[i] == 0)
			sender(i, &r[i]);
		failed += spid[i] < 0;
	}
	for (i = 0; i < nsend; i++)
		if (waitpid(spid[i], &st, 0) != spid[i] || !WIFEXITED(st) || WEXITSTATUS(st))
			failed++;
	/* all sent; once the queue is empty, the receivers without a quota are stopped by IPC_RMID */
	for (i = 0; i < 20000 && msgctl(qid, IPC_STAT, &ds) == 0 && ds.msg_qnum; i++)
		usleep(1000);
	snprintf(msg, sizeof(msg), "%s: the queue drains", what);
	CHECK_EQ(msg, msgctl(qid, IPC_STAT, &ds) == 0 ? (long)ds.msg_qnum : -1, 0);
	if (stops)
		msgctl(qid, IPC_RMID, NULL);
	for (i = 0; i < nrecv; i++)
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			failed++;
	snprintf(msg, sizeof(msg), "%s: %d senders and %d receivers exited 0", what, nsend, nrecv);
	CHECK_EQ(msg, failed, 0);
	for (i = 0; i < nsend; i++) {
		sent += r[i].sum;
		sbad += r[i].bad + (r[i].count != NMSG);
	}
	for (i = 0; i < nrecv; i++) {
		got += t[i].got;
		bad += t[i].bad;
		order += t[i].order;
		recvd += t[i].sum;
	}
	snprintf(msg, sizeof(msg), "%s: every msgsnd succeeded", what);
	CHECK_EQ(msg, sbad, 0);
	snprintf(msg, sizeof(msg), "%s: no message corrupted (length, checksum, type) and no msgrcv failed", what);
	CHECK_EQ(msg, bad, 0);
	snprintf(msg, sizeof(msg), "%s: every message received once: %ld", what, (long)nsend * NMSG);
	CHECK_EQ(msg, got, (long)nsend * NMSG);
	snprintf(msg, sizeof(msg), "%s: the checksums received add up to those sent", what);
	CHECK(msg, sent == recvd);
	snprintf(msg, sizeof(msg), "%s: one sender's messages of one type came in order", what);
	CHECK_EQ(msg, order, 0);
	snprintf(msg, sizeof(msg), "%s: every pinned worker ran on its own CPU", what);
	CHECK_EQ(msg, smp_summary(what, r, nsend + nrecv), 0);
	if (!stops)
		msgctl(qid, IPC_RMID, NULL);
	munmap(r, sizeof(*r) * (nsend + nrecv));
	munmap(t, sizeof(*t) * nrecv);
}

int main(void)
{
	struct rspec one[NTYPES], mixed[NTYPES];
	int w = smp_workers(MAXS);

	alarm(100);
	nsend = w;
	nrecv = NTYPES;
	/* round 1: receiver i takes type i + 1 only, and knows how many there are */
	for (int i = 0; i < NTYPES; i++)
		one[i] = (struct rspec){ i + 1, 0, (long)nsend * NMSG / NTYPES };
	round_("msgtyp > 0", one);
	/* round 2: any, lowest type first, all but type 1, all but type 4: until stopped */
	mixed[0] = (struct rspec){ 0, 0, -1 };
	mixed[1] = (struct rspec){ -NTYPES, 0, -1 };
	mixed[2] = (struct rspec){ 1, MSG_EXCEPT, -1 };
	mixed[3] = (struct rspec){ NTYPES, MSG_EXCEPT, -1 };
	round_("msgtyp 0, < 0, MSG_EXCEPT", mixed);
	return utest_done();
}

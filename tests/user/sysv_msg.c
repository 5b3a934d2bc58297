/*
 * sysv_msg.c - System V message queues: FIFO order, every msgtyp selection,
 * E2BIG/MSG_NOERROR, ENOMSG/EAGAIN, the msg_qbytes bound on bytes and count,
 * EIDRM/EINTR for sleepers, argument errors from the IPC_INFO limits,
 * msg_qbytes privilege and every msgctl command with its counters.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define NOBODY 65534

struct mbuf {
	long mtype;
	char mtext[8200];
};

static struct msginfo lim;
static struct mbuf m;

static int snd(int q, long type, const char *text, int flg)
{
	m.mtype = type;
	strcpy(m.mtext, text);
	return msgsnd(q, &m, strlen(text), flg);
}

/* receive; returns the length, fills m */
static long rcv(int q, long typ, size_t sz, int flg)
{
	memset(&m, 0, sizeof(m));
	return msgrcv(q, &m, sz, typ, flg);
}

static int q_stat(int q, struct msqid_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	return msgctl(q, IPC_STAT, ds);
}

static long qnum(int q)
{
	struct msqid_ds ds;

	return q_stat(q, &ds) < 0 ? -1 : (long)ds.msg_qnum;
}

static int set_qbytes(int q, unsigned long n)
{
	struct msqid_ds ds;

	q_stat(q, &ds);
	ds.msg_qbytes = n;
	return msgctl(q, IPC_SET, &ds);
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/*
 * A child that reports (one byte on its pipe) right before a blocking call,
 * then exits with 0 or the call's errno (and writes "d" on success). The
 * parent collects the "b" bytes of a group of such children and then naps
 * SETTLE_MS once, which gives them all time to fall asleep in their calls.
 */
#define SETTLE_MS 200
enum { K_SEND, K_RECV };
struct blocker {
	pid_t pid;
	int fd;			/* the parent's read end */
};

static struct blocker spawn_blocker(int kind, int q, long typ, void (*setup)(void))
{
	struct blocker b = { -1, -1 };
	int fd[2];
	char c;

	if (pipe(fd) < 0)
		return b;
	b.pid = fork();
	if (b.pid == 0) {
		alarm(20);	/* never outlive a lost parent */
		close(fd[0]);
		if (setup)
			setup();
		write(fd[1], "b", 1);
		if (kind == K_SEND) {
			m.mtype = typ;
			if (msgsnd(q, &m, 1, 0) < 0)
				_exit(errno);
		} else {
			if (msgrcv(q, &m, sizeof(m.mtext), typ, 0) < 0)
				_exit(errno);
			if (m.mtype != typ && typ > 0)
				_exit(99);
		}
		write(fd[1], "d", 1);
		_exit(0);
	}
	close(fd[1]);
	read(fd[0], &c, 1);
	b.fd = fd[0];
	return b;
}

/* has the child written its "done" byte yet? */
static int done_yet(struct blocker *b)
{
	struct pollfd p = { b->fd, POLLIN, 0 };

	return poll(&p, 1, 0) == 1;
}

static int finish(struct blocker *b)
{
	int r = reap(b->pid);	/* reap first: the child may still write "d" */

	close(b->fd);
	return r;
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1 = 1; }

static void install_usr1(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
}

static void test_order_types(int q)
{
	const char *words[5] = { "m0", "m1", "m2", "m3", "m4" };
	int i, ok = 1;

	for (i = 0; i < 5; i++)
		snd(q, 1, words[i], 0);
	for (i = 0; i < 5; i++)
		if (rcv(q, 0, 100, IPC_NOWAIT) != 2 || strcmp(m.mtext, words[i]) != 0)
			ok = 0;
	CHECK("messages come out in the order they were sent", ok);

	/* queue: a3 b1 c2 d1 e5 f2 */
	snd(q, 3, "a", 0);
	snd(q, 1, "b", 0);
	snd(q, 2, "c", 0);
	snd(q, 1, "d", 0);
	snd(q, 5, "e", 0);
	snd(q, 2, "f", 0);
	CHECK_EQ("six messages queued", qnum(q), 6);
	rcv(q, -2, 100, IPC_NOWAIT);
	CHECK("msgtyp -2 takes the lowest type <= 2, oldest first: b(1)",
	      m.mtype == 1 && strcmp(m.mtext, "b") == 0);
	rcv(q, -2, 100, IPC_NOWAIT);
	CHECK("msgtyp -2 again: d(1)", m.mtype == 1 && strcmp(m.mtext, "d") == 0);
	rcv(q, -4, 100, IPC_NOWAIT);
	CHECK("msgtyp -4: the lowest type present is 2, oldest: c(2)",
	      m.mtype == 2 && strcmp(m.mtext, "c") == 0);
	rcv(q, 2, 100, IPC_NOWAIT | MSG_EXCEPT);
	CHECK("msgtyp 2 with MSG_EXCEPT: first message of another type, a(3)",
	      m.mtype == 3 && strcmp(m.mtext, "a") == 0);
	rcv(q, 5, 100, IPC_NOWAIT);
	CHECK("msgtyp 5: first message of type 5, e", m.mtype == 5 && strcmp(m.mtext, "e") == 0);
	CHECK_ERR("msgtyp 4 with none queued gives ENOMSG under IPC_NOWAIT",
		  rcv(q, 4, 100, IPC_NOWAIT), ENOMSG);
	CHECK_ERR("msgtyp -1 with only type 2 queued gives ENOMSG",
		  rcv(q, -1, 100, IPC_NOWAIT), ENOMSG);
	CHECK_ERR("msgtyp 2 with MSG_EXCEPT and only type 2 queued gives ENOMSG",
		  rcv(q, 2, 100, IPC_NOWAIT | MSG_EXCEPT), ENOMSG);
	snd(q, 7, "g", 0);
	rcv(q, 0, 100, IPC_NOWAIT | MSG_EXCEPT);
	CHECK("MSG_EXCEPT is ignored with msgtyp 0: the first message, f(2)",
	      m.mtype == 2 && strcmp(m.mtext, "f") == 0);
	CHECK_EQ("msgtyp 0 returns the length", rcv(q, 0, 100, IPC_NOWAIT), 1);
	CHECK("msgtyp 0: the next message, g(7)", m.mtype == 7 && strcmp(m.mtext, "g") == 0);
	CHECK_ERR("msgrcv on an empty queue with IPC_NOWAIT gives ENOMSG",
		  rcv(q, 0, 100, IPC_NOWAIT), ENOMSG);
}

static void test_sizes(int q)
{
	CHECK_EQ("msgsnd of 10 bytes returns 0", snd(q, 1, "0123456789", 0), 0);
	CHECK_ERR("msgrcv with a 5-byte buffer gives E2BIG", rcv(q, 0, 5, IPC_NOWAIT), E2BIG);
	CHECK_EQ("...and the message stays queued", qnum(q), 1);
	CHECK_EQ("MSG_NOERROR truncates to 5 bytes", rcv(q, 0, 5, IPC_NOWAIT | MSG_NOERROR), 5);
	CHECK("the truncated text is the first 5 bytes",
	      memcmp(m.mtext, "01234", 5) == 0 && m.mtext[5] == 0);
	CHECK_EQ("...and the message is removed", qnum(q), 0);
	snd(q, 1, "xyz", 0);
	CHECK_EQ("msgrcv of size 0 with MSG_NOERROR returns 0", rcv(q, 0, 0, MSG_NOERROR), 0);
	CHECK_EQ("...and consumes the message", qnum(q), 0);
	CHECK_EQ("a 0-byte message can be sent", snd(q, 4, "", 0), 0);
	CHECK_EQ("and received with a 0-byte buffer", rcv(q, 0, 0, IPC_NOWAIT), 0);
	CHECK_EQ("...keeping its type", m.mtype, 4);

	m.mtype = 0;
	CHECK_ERR("mtype 0 gives EINVAL", msgsnd(q, &m, 1, IPC_NOWAIT), EINVAL);
	m.mtype = -3;
	CHECK_ERR("mtype -3 gives EINVAL", msgsnd(q, &m, 1, IPC_NOWAIT), EINVAL);
	m.mtype = 1;
	if (lim.msgmax + 1 <= (int)sizeof(m.mtext)) {
		CHECK_ERR("msgsz = msgmax + 1 gives EINVAL",
			  msgsnd(q, &m, lim.msgmax + 1, IPC_NOWAIT), EINVAL);
		memset(m.mtext, 'z', lim.msgmax);
		CHECK_EQ("msgsz = msgmax is accepted", msgsnd(q, &m, lim.msgmax, IPC_NOWAIT), 0);
		CHECK_EQ("...and received whole", rcv(q, 0, sizeof(m.mtext), IPC_NOWAIT),
			 lim.msgmax);
	}
	CHECK_ERR("msgsnd with a negative size gives EINVAL", msgsnd(q, &m, (size_t)-1, 0),
		  EINVAL);
	CHECK_ERR("msgrcv with a negative size gives EINVAL",
		  msgrcv(q, &m, (size_t)-1, 0, IPC_NOWAIT), EINVAL);
}

/* msg_qbytes bounds bytes and message count */
static void test_full(int q)
{
	struct msqid_ds ds;

	/* byte bound */
	CHECK_EQ("root lowers msg_qbytes to 10", set_qbytes(q, 10), 0);
	q_stat(q, &ds);
	CHECK_EQ("IPC_STAT shows msg_qbytes 10", ds.msg_qbytes, 10);
	snd(q, 1, "12345678", 0);
	CHECK_ERR("a 3-byte send that would pass msg_qbytes gives EAGAIN with IPC_NOWAIT",
		  snd(q, 1, "abc", IPC_NOWAIT), EAGAIN);
	CHECK_EQ("a 2-byte send that fits exactly succeeds", snd(q, 1, "ab", IPC_NOWAIT), 0);
	rcv(q, 0, 100, 0);
	rcv(q, 0, 100, 0);

	/* count bound: qbytes 2, two 1-byte messages */
	set_qbytes(q, 2);
	snd(q, 1, "a", 0);
	snd(q, 1, "b", 0);
	CHECK_ERR("with qbytes 2 and two queued messages a 0-byte send gives EAGAIN",
		  snd(q, 1, "", IPC_NOWAIT), EAGAIN);
	rcv(q, 0, 100, 0);
	snd(q, 1, "", 0);
	CHECK_EQ("after one receive a 0-byte send fits (cbytes 1, qnum 2)", qnum(q), 2);
	CHECK_ERR("with two messages queued (1 byte in all) another 0-byte send gives EAGAIN",
		  snd(q, 1, "", IPC_NOWAIT), EAGAIN);
}

/*
 * Sleepers. q is full from test_full (qbytes 2, two messages). Two rounds,
 * one settling nap each.
 */
static void test_blocking(int q)
{
	int q2 = msgget(IPC_PRIVATE, 0600), q3 = msgget(IPC_PRIVATE, 0600);
	int q4 = msgget(IPC_PRIVATE, 0600), st;
	struct blocker full1, full2, s2, r2, intr, stop;
	struct msqid_ds ds;

	/* q2 full too: qbytes 1 and one message */
	set_qbytes(q2, 1);
	snd(q2, 1, "x", 0);

	/* round 1 */
	full1 = spawn_blocker(K_SEND, q, 3, NULL);
	s2 = spawn_blocker(K_SEND, q2, 2, NULL);
	r2 = spawn_blocker(K_RECV, q2, 9, NULL);
	intr = spawn_blocker(K_RECV, q3, 1, install_usr1);
	stop = spawn_blocker(K_RECV, q4, 1, NULL);
	nap_ms(SETTLE_MS);

	CHECK("a sender on a full queue sleeps", !done_yet(&full1));
	rcv(q, 0, 100, 0);
	CHECK_EQ("a receive lets the sleeping sender finish", finish(&full1), 0);
	CHECK_EQ("its message is queued", qnum(q), 2);

	CHECK("a sender and a receiver sleep on another queue",
	      !done_yet(&s2) && !done_yet(&r2));
	CHECK_EQ("IPC_RMID with sleepers returns 0", msgctl(q2, IPC_RMID, NULL), 0);
	CHECK_EQ("the sleeping sender gets EIDRM", finish(&s2), EIDRM);
	CHECK_EQ("the sleeping receiver gets EIDRM", finish(&r2), EIDRM);

	kill(intr.pid, SIGUSR1);
	CHECK_EQ("msgrcv interrupted by a SA_RESTART handler fails with EINTR",
		 finish(&intr), EINTR);

	kill(stop.pid, SIGSTOP);
	CHECK("a sleeping receiver stops on SIGSTOP",
	      waitpid(stop.pid, &st, WUNTRACED) == stop.pid && WIFSTOPPED(st));
	kill(stop.pid, SIGCONT);

	/* round 2 */
	full2 = spawn_blocker(K_SEND, q, 4, NULL);
	nap_ms(SETTLE_MS);

	CHECK("after SIGCONT the receiver sleeps again instead of failing", !done_yet(&stop));
	/* a message for a sleeping receiver bypasses the queue */
	CHECK_EQ("msgsnd to the sleeping receiver returns 0", snd(q4, 1, "hi", 0), 0);
	q_stat(q4, &ds);
	CHECK_EQ("the handed-over message never shows in msg_qnum", ds.msg_qnum, 0);
	CHECK_EQ("msg_lrpid is the receiver as soon as msgsnd returns", ds.msg_lrpid, stop.pid);
	CHECK("msg_rtime is set by then", ds.msg_rtime != 0);
	CHECK_EQ("the restarted msgrcv gets the message", finish(&stop), 0);

	CHECK("another sender on the full queue sleeps", !done_yet(&full2));
	CHECK_EQ("IPC_SET raising msg_qbytes returns 0", set_qbytes(q, lim.msgmnb), 0);
	CHECK_EQ("raising msg_qbytes lets the sleeping sender finish", finish(&full2), 0);
	CHECK_EQ("three messages queued now", qnum(q), 3);

	msgctl(q3, IPC_RMID, NULL);
	msgctl(q4, IPC_RMID, NULL);
}

/* as uid 65534, on a queue it owns: raising qbytes above msgmnb is EPERM */
static void test_qbytes_priv(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		int q;

		alarm(20);
		if (setgid(NOBODY) || setuid(NOBODY))
			_exit(10);
		q = msgget(IPC_PRIVATE, 0600);
		if (q < 0)
			_exit(11);
		errno = 0;
		if (set_qbytes(q, lim.msgmnb + 1) != -1 || errno != EPERM) {
			msgctl(q, IPC_RMID, NULL);
			_exit(12);
		}
		if (set_qbytes(q, lim.msgmnb - 1) != 0) {
			msgctl(q, IPC_RMID, NULL);
			_exit(13);
		}
		_exit(msgctl(q, IPC_RMID, NULL) == 0 ? 0 : 14);
	}
	CHECK_EQ("unprivileged owner: qbytes above msgmnb gives EPERM, lowering works",
		 reap(pid), 0);
}

static void test_ctl(void)
{
	struct msqid_ds ds;
	struct msginfo mi;
	time_t t0 = time(NULL);
	int q = msgget(IPC_PRIVATE, 0640), r;
	pid_t pid;

	CHECK_EQ("IPC_STAT of a new queue returns 0", q_stat(q, &ds), 0);
	CHECK_EQ("new queue: mode", ds.msg_perm.mode & 0777, 0640);
	CHECK_EQ("new queue: msg_qbytes is msgmnb", ds.msg_qbytes, lim.msgmnb);
	CHECK("new queue: msg_qnum, msg_cbytes, lspid, lrpid are 0",
	      ds.msg_qnum == 0 && ds.__msg_cbytes == 0 && ds.msg_lspid == 0 && ds.msg_lrpid == 0);
	CHECK("new queue: msg_stime and msg_rtime 0, msg_ctime now",
	      ds.msg_stime == 0 && ds.msg_rtime == 0 && ds.msg_ctime >= t0 - 1);

	pid = fork();
	if (pid == 0) {
		m.mtype = 1;
		_exit(msgsnd(q, &m, 100, 0) == 0 && msgsnd(q, &m, 20, 0) == 0 ? 0 : 1);
	}
	CHECK_EQ("a child sends 100 and 20 bytes", reap(pid), 0);
	q_stat(q, &ds);
	CHECK_EQ("msg_qnum 2", ds.msg_qnum, 2);
	CHECK_EQ("msg_cbytes 120", ds.__msg_cbytes, 120);
	CHECK_EQ("msg_lspid is the sending child", ds.msg_lspid, pid);
	CHECK_EQ("msg_lrpid still 0", ds.msg_lrpid, 0);
	CHECK("msg_stime set", ds.msg_stime >= t0 - 1);

	memset(&mi, 0, sizeof(mi));
	r = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
	CHECK("MSG_INFO returns an index >= ours", r >= q % 32768);
	CHECK("MSG_INFO: msgpool (queues in use) counts ours", mi.msgpool >= 1);
	CHECK("MSG_INFO: msgmap (messages queued) counts our 2", mi.msgmap >= 2);
	CHECK("MSG_INFO: msgtql (bytes queued) counts our 120", mi.msgtql >= 120);
	CHECK_EQ("MSG_INFO: msgmax as in IPC_INFO", mi.msgmax, lim.msgmax);

	rcv(q, 0, 200, 0);
	q_stat(q, &ds);
	CHECK_EQ("after a receive: msg_qnum 1", ds.msg_qnum, 1);
	CHECK_EQ("after a receive: msg_cbytes 20", ds.__msg_cbytes, 20);
	CHECK_EQ("after a receive: msg_lrpid is the receiver", ds.msg_lrpid, getpid());
	CHECK("after a receive: msg_rtime set", ds.msg_rtime >= t0 - 1);

	ds.msg_perm.mode = 0600;
	ds.msg_qbytes = 1000;
	CHECK_EQ("IPC_SET returns 0", msgctl(q, IPC_SET, &ds), 0);
	q_stat(q, &ds);
	CHECK_EQ("IPC_SET changed the mode", ds.msg_perm.mode & 0777, 0600);
	CHECK_EQ("IPC_SET changed msg_qbytes", ds.msg_qbytes, 1000);
	CHECK_EQ("IPC_SET kept the queued message", ds.msg_qnum, 1);

	memset(&ds, 0, sizeof(ds));
	r = msgctl(q % 32768, MSG_STAT, &ds);
	CHECK_EQ("MSG_STAT of the index returns the id", r, q);
	CHECK_EQ("MSG_STAT fills msg_qnum", ds.msg_qnum, 1);

	memset(&mi, 0, sizeof(mi));
	r = msgctl(0, IPC_INFO, (struct msqid_ds *)&mi);
	CHECK("IPC_INFO returns an index >= ours", r >= q % 32768);
	CHECK("IPC_INFO: msgmax, msgmnb, msgmni positive",
	      mi.msgmax > 0 && mi.msgmnb > 0 && mi.msgmni > 0);

	CHECK_EQ("IPC_RMID with a message queued returns 0", msgctl(q, IPC_RMID, NULL), 0);
	errno = 0;
	r = q_stat(q, &ds);
	CHECK("IPC_STAT after IPC_RMID gives EINVAL or EIDRM",
	      r == -1 && (errno == EINVAL || errno == EIDRM));
}

int main(void)
{
	int q;

	alarm(20);
	CHECK_OK("msgctl IPC_INFO", msgctl(0, IPC_INFO, (struct msqid_ds *)&lim));
	q = msgget(IPC_PRIVATE, 0600);
	CHECK_OK("msgget", q);
	if (q < 0)
		return utest_done();
	test_order_types(q);
	test_sizes(q);
	test_full(q);
	test_blocking(q);
	msgctl(q, IPC_RMID, NULL);
	test_qbytes_priv();
	test_ctl();
	return utest_done();
}

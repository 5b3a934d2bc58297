/*
 * mq_notify: one registration per queue (EBUSY for another process), a
 * SIGEV_SIGNAL with SI_MESGQ, the value, the sender's pid and uid, fired
 * once and only when a message lands in an empty queue that no receiver is
 * waiting on; SIGEV_NONE; unregistering with NULL and by closing; the
 * SIGEV_THREAD answers of the system call without a netlink socket.
 */
#include <sys/socket.h>
#include "mq_util.h"

static volatile int hits;
static volatile siginfo_t last;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	hits++;
	last = *si;
}

/* the queue file's text, through a second mqueue mount */
static int other_can_register(int mqd)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sigevent sev;

		memset(&sev, 0, sizeof(sev));
		sev.sigev_notify = SIGEV_NONE;
		if (mq_notify(mqd, &sev) == 0)
			_exit(0);
		_exit(errno == EBUSY ? 1 : 2);
	}
	return mq_wait_child(pid);	/* 0: it could, 1: EBUSY */
}

int main(void)
{
	char name[64], buf[64];
	struct mq_attr a = mq_sizes(4, 64);
	struct sigevent sev;
	struct sigaction sa;
	unsigned int prio;
	sigset_t usr1;
	int mqd;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);

	mq_name(name, sizeof(name), "notify");
	mqd = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	CHECK_OK("mq_open", mqd);
	if (mqd < 0)
		return utest_done();

	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_int = 4242;
	CHECK_OK("register SIGEV_SIGNAL", mq_notify(mqd, &sev));
	CHECK_ERR("a second registration by the same process: EBUSY", mq_notify(mqd, &sev), EBUSY);
	CHECK_EQ("another process gets EBUSY", other_can_register(mqd), 1);

	/* a child sends: the signal carries its pid */
	pid = fork();
	if (pid == 0)
		_exit(mq_send(mqd, "m1", 3, 0) == 0 ? 0 : 1);
	mq_wait_child(pid);
	for (int i = 0; i < 100 && !hits; i++)
		usleep(10000);
	CHECK_EQ("the signal came once", hits, 1);
	CHECK_EQ("si_signo", last.si_signo, SIGUSR1);
	CHECK_EQ("si_code is SI_MESGQ", last.si_code, SI_MESGQ);
	CHECK_EQ("si_value is the registered one", last.si_value.sival_int, 4242);
	CHECK_EQ("si_pid is the sender's", last.si_pid, pid);
	CHECK_EQ("si_uid is the sender's", last.si_uid, getuid());
	CHECK_EQ("it is removed after firing: another process may register",
		 other_can_register(mqd), 0);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	/* the child's SIGEV_NONE registration was dropped with its exit (close) */
	CHECK_EQ("... and the child's registration ended when it closed the queue",
		 other_can_register(mqd), 0);

	/* only when the queue goes from empty to non-empty */
	hits = 0;
	mq_send(mqd, "a", 2, 0);
	CHECK_OK("register with a message already queued", mq_notify(mqd, &sev));
	mq_send(mqd, "b", 2, 0);
	usleep(50000);
	CHECK_EQ("a send to a non-empty queue does not notify", hits, 0);
	CHECK_EQ("... and the registration stays", other_can_register(mqd), 1);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	mq_send(mqd, "c", 2, 0);
	for (int i = 0; i < 100 && !hits; i++)
		usleep(10000);
	CHECK_EQ("the empty -> non-empty send notifies", hits, 1);
	CHECK_EQ("si_pid is ours this time", last.si_pid, getpid());
	mq_send(mqd, "d", 2, 0);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	mq_send(mqd, "e", 2, 0);
	usleep(50000);
	CHECK_EQ("once only: the next empty -> non-empty send is silent", hits, 1);
	mq_receive(mqd, buf, sizeof(buf), &prio);

	/* not while a receiver is waiting */
	hits = 0;
	CHECK_OK("register again", mq_notify(mqd, &sev));
	pid = fork();
	if (pid == 0) {
		ssize_t n = mq_receive(mqd, buf, sizeof(buf), &prio);

		_exit(n == 5 ? 0 : 1);
	}
	usleep(300 * 1000);
	mq_send(mqd, "rcv!", 5, 0);
	CHECK_EQ("the waiting receiver got the message", mq_wait_child(pid), 0);
	usleep(50000);
	CHECK_EQ("no signal: a receiver was waiting", hits, 0);
	CHECK_EQ("the registration is still there", other_can_register(mqd), 1);
	mq_send(mqd, "now", 4, 0);
	for (int i = 0; i < 100 && !hits; i++)
		usleep(10000);
	CHECK_EQ("the next send into the empty queue notifies", hits, 1);
	mq_receive(mqd, buf, sizeof(buf), &prio);

	/* unregistering */
	CHECK_OK("register", mq_notify(mqd, &sev));
	CHECK_OK("unregister with NULL", mq_notify(mqd, NULL));
	CHECK_OK("unregistering with nothing registered is 0", mq_notify(mqd, NULL));
	CHECK_EQ("after NULL another process may register", other_can_register(mqd), 0);
	hits = 0;
	CHECK_OK("register", mq_notify(mqd, &sev));
	int dup_fd = dup(mqd);
	close(dup_fd);
	CHECK_EQ("closing any descriptor of the queue unregisters", other_can_register(mqd), 0);
	mq_send(mqd, "x", 2, 0);
	usleep(50000);
	CHECK_EQ("... and nothing fires", hits, 0);
	mq_receive(mqd, buf, sizeof(buf), &prio);

	/* SIGEV_NONE: registers, fires nothing, goes away when a message comes */
	sev.sigev_notify = SIGEV_NONE;
	CHECK_OK("SIGEV_NONE registers", mq_notify(mqd, &sev));
	CHECK_EQ("... and holds the queue", other_can_register(mqd), 1);
	mq_send(mqd, "y", 2, 0);
	usleep(50000);
	CHECK_EQ("no signal for SIGEV_NONE", hits, 0);
	CHECK_EQ("the message removed it", other_can_register(mqd), 0);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	/* sigev_signo 0 registers and sends nothing */
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = 0;
	CHECK_OK("SIGEV_SIGNAL with signal 0 is accepted", mq_notify(mqd, &sev));
	mq_send(mqd, "z", 2, 0);
	usleep(50000);
	CHECK_EQ("... sends nothing, and is removed", other_can_register(mqd), 0);
	mq_receive(mqd, buf, sizeof(buf), &prio);

	/* bad notifications */
	sev.sigev_notify = 7;
	CHECK_ERR("sigev_notify 7: EINVAL", mq_notify(mqd, &sev), EINVAL);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = 65;
	CHECK_ERR("signal 65: EINVAL", mq_notify(mqd, &sev), EINVAL);
	sev.sigev_signo = -1;
	CHECK_ERR("signal -1: EINVAL", mq_notify(mqd, &sev), EINVAL);
	CHECK_ERR("a bad sigevent pointer: EFAULT", syscall(SYS_mq_notify, mqd, (void *)4), EFAULT);
	sev.sigev_signo = SIGUSR1;
	CHECK_ERR("a bad descriptor: EBADF", mq_notify(999, &sev), EBADF);
	CHECK_ERR("a pipe: EBADF", mq_notify(0 + STDIN_FILENO + 1000, NULL), EBADF);

	/* SIGEV_THREAD, straight to the system call: sigev_signo names the netlink socket */
	int p[2], cookie[8] = { 0 };
	if (pipe(p) != 0)
		p[0] = p[1] = -1;
	sev.sigev_notify = SIGEV_THREAD;
	sev.sigev_value.sival_ptr = cookie;
	sev.sigev_signo = 999;
	CHECK_ERR("SIGEV_THREAD with no such socket fd: EBADF", syscall(SYS_mq_notify, mqd, &sev),
		  EBADF);
	sev.sigev_signo = p[0];
	CHECK_ERR("SIGEV_THREAD with a pipe for the socket: ENOTSOCK",
		  syscall(SYS_mq_notify, mqd, &sev), ENOTSOCK);
	sev.sigev_value.sival_ptr = (void *)4;
	CHECK_ERR("SIGEV_THREAD with a bad cookie pointer: EFAULT",
		  syscall(SYS_mq_notify, mqd, &sev), EFAULT);
	CHECK_ERR("mq_notify on a pipe: EBADF", mq_notify(p[0], NULL), EBADF);
	CHECK_EQ("none of them registered anything", other_can_register(mqd), 0);

	mq_close(mqd);
	CHECK_OK("mq_unlink", mq_unlink(name));
	return utest_done();
}

/*
 * mq_block: sleeping on POSIX message queues. A full queue holds a sender
 * until a receive makes room (its message then queued in order); an empty
 * one holds a receiver until a send hands it a message; absolute
 * CLOCK_REALTIME time-outs both ways, also one already past; O_NONBLOCK
 * both ways, set at open and by mq_setattr; EINTR from a handler without
 * SA_RESTART, and a restarted receive with it.
 */
#include "mq_util.h"

static volatile int got_alarm;

static void on_alarm(int sig)
{
	(void)sig;
	got_alarm++;
}

static void handler(int restart)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);
}

int main(void)
{
	char name[64], buf[128];
	struct mq_attr a = mq_sizes(2, 128), g;
	struct timespec t0, abs;
	unsigned int prio;
	int mqd, wr, rd;
	pid_t pid;
	long ms;

	mq_name(name, sizeof(name), "block");
	mqd = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	CHECK_OK("mq_open", mqd);
	if (mqd < 0)
		return utest_done();

	/* a full queue blocks the sender until a receive */
	mq_send(mqd, "one", 4, 1);
	mq_send(mqd, "two", 4, 1);
	pid = fork();
	if (pid == 0) {
		/* the child's mq_send sleeps; it reports when it returns */
		int r = mq_send(mqd, "three", 6, 9);

		_exit(r == 0 ? 0 : 1);
	}
	usleep(300 * 1000);
	CHECK_EQ("the sender is still asleep after 300 ms", waitpid(pid, NULL, WNOHANG), 0);
	mq_getattr(mqd, &g);
	CHECK_EQ("the queue is still full", g.mq_curmsgs, 2);
	CHECK_EQ("a receive takes the oldest message", mq_receive(mqd, buf, sizeof(buf), &prio), 4);
	CHECK("... which is \"one\"", !strcmp(buf, "one"));
	CHECK_EQ("the sender's mq_send returns 0", mq_wait_child(pid), 0);
	mq_getattr(mqd, &g);
	CHECK_EQ("its message took the freed slot", g.mq_curmsgs, 2);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	CHECK("the woken sender's priority-9 message comes first", prio == 9 && !strcmp(buf, "three"));
	mq_receive(mqd, buf, sizeof(buf), &prio);
	CHECK("then \"two\"", prio == 1 && !strcmp(buf, "two"));

	/* an empty queue blocks the receiver until a send */
	pid = fork();
	if (pid == 0) {
		ssize_t n = mq_receive(mqd, buf, sizeof(buf), &prio);

		_exit(n == 5 && prio == 3 && !strcmp(buf, "wake") ? 0 : 1);
	}
	usleep(300 * 1000);
	CHECK_EQ("the receiver is still asleep after 300 ms", waitpid(pid, NULL, WNOHANG), 0);
	CHECK_OK("send to the sleeping receiver", mq_send(mqd, "wake", 5, 3));
	CHECK_EQ("the receiver got that message", mq_wait_child(pid), 0);
	mq_getattr(mqd, &g);
	CHECK_EQ("it went straight to the receiver: the queue is empty", g.mq_curmsgs, 0);

	/* time-outs: receive on an empty queue */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	abs = mq_abs_ms(200);
	CHECK_ERR("mq_timedreceive on an empty queue: ETIMEDOUT",
		  mq_timedreceive(mqd, buf, sizeof(buf), &prio, &abs), ETIMEDOUT);
	ms = mq_elapsed_ms(&t0);
	CHECK("... after the 200 ms asked for", ms >= 190 && ms < 2000);
	abs = mq_abs_ms(-1000);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_ERR("an absolute time already past: ETIMEDOUT", 
		  mq_timedreceive(mqd, buf, sizeof(buf), &prio, &abs), ETIMEDOUT);
	abs.tv_sec = 0;
	abs.tv_nsec = 0;
	CHECK_ERR("the Epoch itself: ETIMEDOUT", mq_timedreceive(mqd, buf, sizeof(buf), &prio, &abs),
		  ETIMEDOUT);
	CHECK("... at once", mq_elapsed_ms(&t0) < 100);
	/* time-outs: send on a full queue */
	mq_send(mqd, "a", 2, 0);
	mq_send(mqd, "b", 2, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	abs = mq_abs_ms(200);
	CHECK_ERR("mq_timedsend on a full queue: ETIMEDOUT", mq_timedsend(mqd, "c", 2, 0, &abs),
		  ETIMEDOUT);
	ms = mq_elapsed_ms(&t0);
	CHECK("... after the 200 ms asked for", ms >= 190 && ms < 2000);
	abs = mq_abs_ms(-1000);
	CHECK_ERR("mq_timedsend, time already past: ETIMEDOUT", mq_timedsend(mqd, "c", 2, 0, &abs),
		  ETIMEDOUT);
	/* a past time is no error while nothing has to wait */
	CHECK_EQ("mq_timedreceive with a past time and a message waiting succeeds",
		 mq_timedreceive(mqd, buf, sizeof(buf), &prio, &abs), 2);
	CHECK_OK("mq_timedsend with a past time and room succeeds",
		 mq_timedsend(mqd, "c", 2, 0, &abs));
	abs.tv_nsec = 1000000000;
	CHECK_ERR("tv_nsec of 1e9 is EINVAL even with room", mq_timedsend(mqd, "c", 2, 0, &abs),
		  EINVAL);
	abs.tv_nsec = -1;
	CHECK_ERR("negative tv_nsec is EINVAL even with a message",
		  mq_timedreceive(mqd, buf, sizeof(buf), &prio, &abs), EINVAL);
	/* a time-out far away does not fire while a partner comes */
	pid = fork();
	if (pid == 0) {
		usleep(200 * 1000);
		mq_receive(mqd, buf, sizeof(buf), &prio);
		_exit(0);
	}
	abs = mq_abs_ms(10000);
	CHECK_OK("a timed send waits for the receive that makes room",
		 mq_timedsend(mqd, "d", 2, 0, &abs));
	mq_wait_child(pid);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	mq_receive(mqd, buf, sizeof(buf), &prio);

	/* O_NONBLOCK both ways */
	wr = mq_open(name, O_WRONLY | O_NONBLOCK);
	rd = mq_open(name, O_RDONLY | O_NONBLOCK);
	CHECK_ERR("O_NONBLOCK receive on an empty queue: EAGAIN",
		  mq_receive(rd, buf, sizeof(buf), &prio), EAGAIN);
	mq_send(wr, "1", 2, 0);
	mq_send(wr, "2", 2, 0);
	CHECK_ERR("O_NONBLOCK send on a full queue: EAGAIN", mq_send(wr, "3", 2, 0), EAGAIN);
	mq_getattr(wr, &g);
	CHECK_EQ("mq_getattr shows O_NONBLOCK", g.mq_flags, O_NONBLOCK);
	mq_getattr(mqd, &g);
	CHECK_EQ("... only on that descriptor", g.mq_flags, 0);
	mq_receive(rd, buf, sizeof(buf), &prio);
	mq_receive(rd, buf, sizeof(buf), &prio);
	/* mq_setattr turns it on and off */
	struct mq_attr nb = mq_sizes(99, 99), old;
	nb.mq_flags = O_NONBLOCK;
	nb.mq_curmsgs = 5;
	CHECK_OK("mq_setattr O_NONBLOCK", mq_setattr(mqd, &nb, &old));
	CHECK_EQ("the old flags come back", old.mq_flags, 0);
	CHECK_ERR("now mq_receive is EAGAIN", mq_receive(mqd, buf, sizeof(buf), &prio), EAGAIN);
	CHECK_EQ("fcntl sees O_NONBLOCK", fcntl(mqd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	mq_getattr(mqd, &g);
	CHECK("mq_setattr changed nothing but the flag",
	      g.mq_maxmsg == 2 && g.mq_msgsize == 128 && g.mq_curmsgs == 0);
	nb.mq_flags = 0;
	mq_setattr(mqd, &nb, NULL);
	mq_getattr(mqd, &g);
	CHECK_EQ("and off again", g.mq_flags, 0);
	close(wr);
	close(rd);

	/* EINTR without SA_RESTART */
	handler(0);
	alarm(1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_ERR("a signal ends a blocked receive with EINTR",
		  mq_receive(mqd, buf, sizeof(buf), &prio), EINTR);
	CHECK("... after the alarm", got_alarm == 1 && mq_elapsed_ms(&t0) >= 500);
	mq_send(mqd, "x", 2, 0);
	mq_send(mqd, "y", 2, 0);
	alarm(1);
	CHECK_ERR("... and a blocked send", mq_send(mqd, "z", 2, 0), EINTR);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	/* with SA_RESTART the receive goes on and gets the message sent later */
	handler(1);
	pid = fork();
	if (pid == 0) {
		usleep(1600 * 1000);
		mq_send(mqd, "late", 5, 4);
		_exit(0);
	}
	alarm(1);
	CHECK_EQ("with SA_RESTART the receive is restarted and gets the late message",
		 mq_receive(mqd, buf, sizeof(buf), &prio), 5);
	CHECK("... after the handler ran", got_alarm == 3 && prio == 4);
	mq_wait_child(pid);

	mq_close(mqd);
	CHECK_OK("mq_unlink", mq_unlink(name));
	return utest_done();
}

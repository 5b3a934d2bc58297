/*
 * mq_poll: a queue descriptor under poll and select: readable while a
 * message waits, writable while there is room, and a sleeping poll woken
 * by another process's send or receive.
 */
#include <poll.h>
#include <sys/select.h>
#include "mq_util.h"

static short revents(int fd, short events, int timeout)
{
	struct pollfd p = { fd, events, 0 };

	if (poll(&p, 1, timeout) < 0)
		return -1;
	return p.revents;
}

int main(void)
{
	char name[64], buf[64];
	struct mq_attr a = mq_sizes(2, 64);
	struct timespec t0;
	unsigned int prio;
	int mqd, rd;
	pid_t pid;
	fd_set r, w;
	struct timeval tv = { 0, 0 };

	mq_name(name, sizeof(name), "poll");
	mqd = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	CHECK_OK("mq_open", mqd);
	if (mqd < 0)
		return utest_done();

	CHECK_EQ("empty: writable only", revents(mqd, POLLIN | POLLOUT, 0), POLLOUT);
	mq_send(mqd, "a", 2, 0);
	CHECK_EQ("one message: readable and writable", revents(mqd, POLLIN | POLLOUT, 0),
		 POLLIN | POLLOUT);
	CHECK_EQ("POLLRDNORM and POLLWRNORM too",
		 revents(mqd, POLLRDNORM | POLLWRNORM, 0), POLLRDNORM | POLLWRNORM);
	mq_send(mqd, "b", 2, 0);
	CHECK_EQ("full: readable only", revents(mqd, POLLIN | POLLOUT, 0), POLLIN);
	/* a read-only descriptor polls the same: poll does not look at the mode */
	rd = mq_open(name, O_RDONLY);
	CHECK_EQ("a read-only descriptor of the full queue: POLLIN", revents(rd, POLLIN | POLLOUT, 0),
		 POLLIN);

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(mqd, &r);
	FD_SET(mqd, &w);
	CHECK_EQ("select on the full queue: one descriptor ready", select(mqd + 1, &r, &w, NULL, &tv), 1);
	CHECK("... for reading, not writing", FD_ISSET(mqd, &r) && !FD_ISSET(mqd, &w));

	/* a sleeping POLLOUT woken by a receive in another process */
	pid = fork();
	if (pid == 0) {
		usleep(300 * 1000);
		mq_receive(rd, buf, sizeof(buf), &prio);
		_exit(0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ("poll for POLLOUT sleeps until the receive", revents(mqd, POLLOUT, 5000), POLLOUT);
	CHECK("... which came after about 300 ms", mq_elapsed_ms(&t0) >= 250);
	mq_wait_child(pid);
	mq_receive(mqd, buf, sizeof(buf), &prio);
	CHECK_EQ("empty again", revents(mqd, POLLIN, 0), 0);

	/* a sleeping POLLIN woken by a send */
	pid = fork();
	if (pid == 0) {
		usleep(300 * 1000);
		mq_send(mqd, "c", 2, 0);
		_exit(0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ("poll for POLLIN sleeps until the send", revents(rd, POLLIN, 5000), POLLIN);
	CHECK("... which came after about 300 ms", mq_elapsed_ms(&t0) >= 250);
	mq_wait_child(pid);

	/* select with a timeout on an empty queue */
	mq_receive(mqd, buf, sizeof(buf), &prio);
	FD_ZERO(&r);
	FD_SET(rd, &r);
	tv.tv_sec = 0;
	tv.tv_usec = 200 * 1000;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ("select for reading an empty queue times out", select(rd + 1, &r, NULL, NULL, &tv), 0);
	CHECK("... after 200 ms", mq_elapsed_ms(&t0) >= 190);
	pid = fork();
	if (pid == 0) {
		usleep(200 * 1000);
		mq_send(mqd, "d", 2, 0);
		_exit(0);
	}
	FD_ZERO(&r);
	FD_SET(rd, &r);
	tv.tv_sec = 5;
	tv.tv_usec = 0;
	CHECK_EQ("select wakes for the send", select(rd + 1, &r, NULL, NULL, &tv), 1);
	CHECK("... on the queue", FD_ISSET(rd, &r));
	mq_wait_child(pid);

	close(rd);
	mq_close(mqd);
	CHECK_OK("mq_unlink", mq_unlink(name));
	return utest_done();
}

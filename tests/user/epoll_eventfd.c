/*
 * epoll_eventfd.c - eventfd: the counter written and read, EFD_SEMAPHORE,
 * EFD_NONBLOCK's EAGAIN, a blocking read woken by another process's write
 * and broken by a signal, the overflow limit; eventfd under poll and epoll
 * (edge-triggered: one event per write); bad flags, sizes and pointers.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "utest.h"

static void on_alarm(int sig) { (void)sig; }

int main(void)
{
	uint64_t v = 0;
	int fd = eventfd(3, 0), nb, sem, ep, n;
	struct pollfd pfd;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 1 }, evs[2];
	pid_t pid;

	CHECK("eventfd", fd >= 0);
	CHECK_EQ("read takes the whole count", read(fd, &v, 8), 8);
	CHECK_EQ("3", v, 3);
	v = 5;
	CHECK_EQ("write adds", write(fd, &v, 8), 8);
	write(fd, &v, 8);
	read(fd, &v, 8);
	CHECK_EQ("5 + 5", v, 10);
	CHECK_ERR("a 4-byte read: EINVAL", read(fd, &v, 4), EINVAL);
	CHECK_ERR("a 4-byte write: EINVAL", write(fd, &v, 4), EINVAL);
	v = UINT64_MAX;
	CHECK_ERR("writing 2^64-1: EINVAL", write(fd, &v, 8), EINVAL);
	CHECK_ERR("writing from a bad address: EFAULT", syscall(SYS_write, fd, (void *)8, 8), EFAULT);

	nb = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	CHECK_EQ("EFD_CLOEXEC", fcntl(nb, F_GETFD), FD_CLOEXEC);
	CHECK_ERR("EFD_NONBLOCK, count 0: read EAGAIN", read(nb, &v, 8), EAGAIN);
	v = UINT64_MAX - 1;
	CHECK_EQ("up to the largest count", write(nb, &v, 8), 8);
	v = 1;
	CHECK_ERR("one more would overflow: EAGAIN", write(nb, &v, 8), EAGAIN);
	pfd.fd = nb;
	pfd.events = POLLIN | POLLOUT;
	CHECK_EQ("poll: readable, not writable", poll(&pfd, 1, 0) == 1 ? pfd.revents : -1, POLLIN);
	read(nb, &v, 8);
	CHECK_EQ("empty: poll says writable only", poll(&pfd, 1, 0) == 1 ? pfd.revents : -1, POLLOUT);

	sem = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	read(sem, &v, 8);
	CHECK_EQ("EFD_SEMAPHORE: a read takes 1", v, 1);
	read(sem, &v, 8);
	CHECK_ERR("twice, then EAGAIN", read(sem, &v, 8), EAGAIN);
	CHECK_ERR("unknown flag: EINVAL", eventfd(0, 0x10), EINVAL);
	CHECK_ERR("eventfd2 with a bad flag: EINVAL", syscall(SYS_eventfd2, 0, 0x100), EINVAL);

	/* blocking: woken by another process, broken by a signal */
	pid = fork();
	if (pid == 0) {
		uint64_t one = 7;

		usleep(50000);
		write(fd, &one, 8);
		_exit(0);
	}
	v = 0;
	CHECK_EQ("a blocking read waits for the write", read(fd, &v, 8), 8);
	CHECK_EQ("7", v, 7);
	waitpid(pid, NULL, 0);
	{
		struct sigaction sa;
		struct itimerval t = { { 0, 0 }, { 0, 30000 } };

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sigaction(SIGALRM, &sa, NULL);
		setitimer(ITIMER_REAL, &t, NULL);
		CHECK_ERR("a signal breaks it: EINTR", read(fd, &v, 8), EINTR);
	}

	/* epoll, edge-triggered: each write is an edge */
	ep = epoll_create1(0);
	CHECK_OK("epoll_ctl ADD an eventfd", epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	CHECK_EQ("nothing yet", epoll_wait(ep, evs, 2, 0), 0);
	pid = fork();
	if (pid == 0) {
		uint64_t one = 1;

		usleep(30000);
		write(fd, &one, 8);
		_exit(0);
	}
	n = epoll_wait(ep, evs, 2, 5000);
	CHECK("another process's write wakes epoll_wait", n == 1 && evs[0].data.u64 == 1 &&
	      evs[0].events == EPOLLIN);
	waitpid(pid, NULL, 0);
	CHECK_EQ("edge-triggered: not again", epoll_wait(ep, evs, 2, 0), 0);
	v = 1;
	write(fd, &v, 8);
	CHECK_EQ("a second write, a second edge", epoll_wait(ep, evs, 2, 0), 1);
	read(fd, &v, 8);
	close(ep);
	close(fd);
	close(nb);
	close(sem);
	return utest_done();
}

/*
 * epoll_pipes.c - epoll over 64 pipes, level- and edge-triggered; one-shot
 * items re-armed by EPOLL_CTL_MOD; EPOLLOUT and EPOLLHUP; a FIFO; a watched
 * file's last close taking it out of the set; waiting with and without a
 * timeout, woken by another process's write; maxevents smaller than what is
 * ready; epoll_pwait's mask; epoll fds inside epoll fds (and the loops that
 * are refused); every error epoll_create/ctl/wait give for bad input.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

#define NP 64

static int rd[NP], wr[NP];

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int add(int ep, int fd, unsigned int events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* a bit per pipe index reported */
static unsigned long long wait_mask(int ep, int timeout, int *n)
{
	struct epoll_event evs[NP];
	unsigned long long m = 0;

	*n = epoll_wait(ep, evs, NP, timeout);
	for (int i = 0; i < *n; i++)
		if (evs[i].data.u64 < NP)
			m |= 1ULL << evs[i].data.u64;
	return m;
}

static void drain(int fd)
{
	char buf[4096];
	int fl = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	fcntl(fd, F_SETFL, fl);
}

static void level_triggered(void)
{
	int ep = epoll_create(1), n;
	unsigned long long m;
	char c;

	CHECK("epoll_create", ep >= 0);
	for (int i = 0; i < NP; i++)
		if (add(ep, rd[i], EPOLLIN, i))
			CHECK("add a pipe", 0);
	m = wait_mask(ep, 0, &n);
	CHECK_EQ("64 empty pipes: nothing", n, 0);
	write(wr[3], "a", 1);
	write(wr[17], "b", 1);
	write(wr[63], "cc", 2);
	m = wait_mask(ep, 0, &n);
	CHECK_EQ("three pipes written: three events", n, 3);
	CHECK("the right three", m == ((1ULL << 3) | (1ULL << 17) | (1ULL << 63)));
	m = wait_mask(ep, 0, &n);
	CHECK("level-triggered: reported again while data stays",
	      n == 3 && m == ((1ULL << 3) | (1ULL << 17) | (1ULL << 63)));
	read(rd[17], &c, 1);
	m = wait_mask(ep, 0, &n);
	CHECK("a pipe read empty drops out", n == 2 && m == ((1ULL << 3) | (1ULL << 63)));
	{
		struct epoll_event evs[2];
		unsigned long long seen = 0;

		write(wr[40], "d", 1);
		n = epoll_wait(ep, evs, 2, 0);
		CHECK_EQ("maxevents 2 of 3 ready: 2", n, 2);
		for (int i = 0; i < n; i++)
			seen |= 1ULL << evs[i].data.u64;
		n = epoll_wait(ep, evs, 2, 0);
		for (int i = 0; i < n; i++)
			seen |= 1ULL << evs[i].data.u64;
		CHECK("the next call gets the one left over first",
		      seen == ((1ULL << 3) | (1ULL << 63) | (1ULL << 40)));
		CHECK_EQ("events EPOLLIN", evs[0].events, EPOLLIN);
	}
	drain(rd[3]);
	drain(rd[63]);
	drain(rd[40]);
	m = wait_mask(ep, 0, &n);
	CHECK_EQ("all drained: nothing", n, 0);
	close(ep);
}

static void edge_triggered(void)
{
	int ep = epoll_create1(0), n;
	unsigned long long m;

	for (int i = 0; i < NP; i++)
		add(ep, rd[i], EPOLLIN | EPOLLET, i);
	write(wr[5], "a", 1);
	write(wr[6], "a", 1);
	m = wait_mask(ep, 0, &n);
	CHECK("edge-triggered: the two pipes written", n == 2 && m == ((1ULL << 5) | (1ULL << 6)));
	m = wait_mask(ep, 0, &n);
	CHECK_EQ("and not again while nothing new comes", n, 0);
	write(wr[5], "b", 1);
	m = wait_mask(ep, 0, &n);
	CHECK("a new write is a new edge", n == 1 && m == (1ULL << 5));
	for (int i = 0; i < NP; i++)
		write(wr[i], "z", 1);
	m = wait_mask(ep, 0, &n);
	CHECK("all 64 written: 64 edges", n == NP && m == ~0ULL);
	m = wait_mask(ep, 0, &n);
	CHECK_EQ("then quiet", n, 0);
	for (int i = 0; i < NP; i++)
		drain(rd[i]);
	close(ep);
}

static void blocking_waits(void)
{
	int ep = epoll_create1(0), n;
	unsigned long long m;
	double t0;
	pid_t pid;

	for (int i = 0; i < NP; i++)
		add(ep, rd[i], EPOLLIN, i);
	t0 = now_s();
	m = wait_mask(ep, 100, &n);
	CHECK_EQ("a 100 ms wait with nothing: 0", n, 0);
	CHECK("after 100 ms", now_s() - t0 >= 0.095);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		write(wr[42], "x", 1);
		_exit(0);
	}
	t0 = now_s();
	m = wait_mask(ep, -1, &n);
	CHECK("an endless wait woken by another process's write", n == 1 && m == (1ULL << 42));
	CHECK("not before it wrote", now_s() - t0 >= 0.04);
	waitpid(pid, NULL, 0);
	drain(rd[42]);
	close(ep);
}

static void oneshot_out_hup(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC), p[2], n;
	struct epoll_event ev, evs[4];
	char buf[4096];

	CHECK_EQ("EPOLL_CLOEXEC sets FD_CLOEXEC", fcntl(ep, F_GETFD), FD_CLOEXEC);
	add(ep, rd[0], EPOLLIN | EPOLLONESHOT, 0);
	write(wr[0], "a", 1);
	CHECK_EQ("one-shot: reported once", epoll_wait(ep, evs, 4, 0), 1);
	CHECK_EQ("then disabled though the data stays", epoll_wait(ep, evs, 4, 0), 0);
	write(wr[0], "b", 1);
	CHECK_EQ("even after more data", epoll_wait(ep, evs, 4, 0), 0);
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u64 = 0;
	CHECK_OK("EPOLL_CTL_MOD re-arms it", epoll_ctl(ep, EPOLL_CTL_MOD, rd[0], &ev));
	CHECK_EQ("reported again", epoll_wait(ep, evs, 4, 0), 1);
	drain(rd[0]);
	epoll_ctl(ep, EPOLL_CTL_DEL, rd[0], NULL);

	pipe(p);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	add(ep, p[1], EPOLLOUT | EPOLLET, 100);
	n = epoll_wait(ep, evs, 4, 0);
	CHECK("an empty pipe's write end: EPOLLOUT", n == 1 && evs[0].events == EPOLLOUT);
	memset(buf, 'x', sizeof(buf));
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	CHECK_EQ("full: nothing", epoll_wait(ep, evs, 4, 0), 0);
	read(p[0], buf, sizeof(buf));
	n = epoll_wait(ep, evs, 4, 0);
	CHECK("room again: EPOLLOUT", n == 1 && (evs[0].events & EPOLLOUT));
	epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL);
	add(ep, p[1], EPOLLOUT, 100);
	add(ep, p[0], EPOLLIN, 101);
	close(p[0]);	/* its last reference: out of the set by itself */
	n = epoll_wait(ep, evs, 4, 0);
	CHECK("reader gone: the write end has EPOLLERR, unasked",
	      n == 1 && evs[0].data.u64 == 100 && (evs[0].events & EPOLLERR));
	close(p[1]);
	CHECK_EQ("both ends closed: the set is empty", epoll_wait(ep, evs, 4, 0), 0);

	pipe(p);
	add(ep, p[0], EPOLLIN, 7);
	close(p[1]);
	n = epoll_wait(ep, evs, 4, 0);
	CHECK("writer gone: the read end has EPOLLHUP, unasked",
	      n == 1 && evs[0].data.u64 == 7 && (evs[0].events & EPOLLHUP));
	{
		int d = dup(p[0]);

		close(p[0]);	/* a dup still holds the file: it stays watched */
		CHECK_EQ("closing one of two fds of a file keeps it", epoll_wait(ep, evs, 4, 0), 1);
		close(d);
		CHECK_EQ("closing the last drops it", epoll_wait(ep, evs, 4, 0), 0);
	}
	close(ep);
}

static void fifo_nested_pwait(void)
{
	char path[64];
	int f, ep = epoll_create1(0), outer = epoll_create1(0), n;
	struct epoll_event evs[4];
	struct pollfd pfd;

	snprintf(path, sizeof(path), "/tmp/epoll_fifo_%d", (int)getpid());
	mkfifo(path, 0600);
	f = open(path, O_RDWR | O_NONBLOCK);
	CHECK_OK("add a FIFO", add(ep, f, EPOLLIN, 9));
	CHECK_EQ("an empty FIFO: nothing", epoll_wait(ep, evs, 4, 0), 0);
	write(f, "q", 1);
	n = epoll_wait(ep, evs, 4, 0);
	CHECK("written: EPOLLIN", n == 1 && evs[0].data.u64 == 9);

	CHECK_OK("an epoll fd inside another", add(outer, ep, EPOLLIN, 1000));
	n = epoll_wait(outer, evs, 4, 0);
	CHECK("the outer set sees the inner one ready", n == 1 && evs[0].data.u64 == 1000);
	pfd.fd = ep;
	pfd.events = POLLIN;
	CHECK_EQ("poll on the epoll fd: readable", poll(&pfd, 1, 0), 1);
	drain(f);
	CHECK_EQ("drained: the outer set is quiet", epoll_wait(outer, evs, 4, 0), 0);
	CHECK_EQ("and poll says so", poll(&pfd, 1, 0), 0);
	{
		pid_t pid = fork();

		if (pid == 0) {
			usleep(30000);
			write(f, "r", 1);
			_exit(0);
		}
		n = epoll_wait(outer, evs, 4, 5000);
		CHECK("a write through the FIFO wakes the outer set's sleeper", n == 1);
		waitpid(pid, NULL, 0);
	}

	CHECK_ERR("an epoll fd added to itself: EINVAL", add(ep, ep, EPOLLIN, 0), EINVAL);
	CHECK_ERR("a cycle (inner holds outer): ELOOP", add(ep, outer, EPOLLIN, 0), ELOOP);
	close(f);
	unlink(path);
	close(outer);
	close(ep);
}

static volatile int usr1;
static void on_usr1(int sig) { (void)sig; usr1++; }

static void pwait_and_signals(void)
{
	int ep = epoll_create1(0), n;
	struct epoll_event evs[4];
	sigset_t block, empty, cur;
	struct sigaction sa;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigemptyset(&empty);
	add(ep, rd[1], EPOLLIN, 1);
	pid = fork();
	if (pid == 0) {
		usleep(30000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	errno = 0;
	n = epoll_pwait(ep, evs, 4, 5000, &empty);
	CHECK("epoll_pwait: SIGUSR1, blocked outside, gets through: EINTR", n == -1 && errno == EINTR);
	CHECK_EQ("its handler ran", usr1, 1);
	sigprocmask(SIG_SETMASK, NULL, &cur);
	CHECK("and the old mask is back", sigismember(&cur, SIGUSR1));
	waitpid(pid, NULL, 0);
	{
		struct itimerval v = { { 0, 0 }, { 0, 20000 } };

		setitimer(ITIMER_REAL, &v, NULL);
		errno = 0;
		n = epoll_wait(ep, evs, 4, 5000);
		CHECK("epoll_wait broken by a timer, SA_RESTART or not: EINTR", n == -1 && errno == EINTR);
	}
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	signal(SIGALRM, SIG_DFL);
	CHECK_ERR("epoll_pwait with a bad sigsetsize: EINVAL",
		  syscall(SYS_epoll_pwait, ep, evs, 4, 0, &empty, 4), EINVAL);
	close(ep);
}

static void bad_input(void)
{
	int ep = epoll_create1(0), ep2 = epoll_create1(0), ep3 = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN }, evs[4];
	char path[64];
	int f;

	CHECK_ERR("epoll_create(0): EINVAL", epoll_create(0), EINVAL);
	CHECK_ERR("epoll_create(-1): EINVAL", epoll_create(-1), EINVAL);
	CHECK_ERR("epoll_create1 with an unknown flag: EINVAL", epoll_create1(1), EINVAL);
	CHECK_OK("add", epoll_ctl(ep, EPOLL_CTL_ADD, rd[2], &ev));
	CHECK_ERR("add twice: EEXIST", epoll_ctl(ep, EPOLL_CTL_ADD, rd[2], &ev), EEXIST);
	CHECK_ERR("mod of what is not there: ENOENT", epoll_ctl(ep, EPOLL_CTL_MOD, rd[3], &ev), ENOENT);
	CHECK_ERR("del of what is not there: ENOENT", epoll_ctl(ep, EPOLL_CTL_DEL, rd[3], &ev), ENOENT);
	CHECK_ERR("unknown op: EINVAL", epoll_ctl(ep, 99, rd[2], &ev), EINVAL);
	CHECK_ERR("bad epfd: EBADF", epoll_ctl(999, EPOLL_CTL_ADD, rd[2], &ev), EBADF);
	CHECK_ERR("bad target fd: EBADF", epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), EBADF);
	CHECK_ERR("epfd not an epoll fd: EINVAL", epoll_ctl(rd[0], EPOLL_CTL_ADD, rd[2], &ev), EINVAL);
	CHECK_ERR("event at a bad address: EFAULT",
		  epoll_ctl(ep, EPOLL_CTL_ADD, rd[4], (struct epoll_event *)8), EFAULT);
	CHECK_ERR("no event for ADD: EFAULT", epoll_ctl(ep, EPOLL_CTL_ADD, rd[4], NULL), EFAULT);
	snprintf(path, sizeof(path), "/tmp/epoll_reg_%d", (int)getpid());
	f = open(path, O_CREAT | O_RDWR, 0600);
	CHECK_ERR("a regular file (no poll): EPERM", epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev), EPERM);
	close(f);
	unlink(path);

	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	CHECK_ERR("EPOLLEXCLUSIVE with EPOLLONESHOT: EINVAL",
		  (ev.events |= EPOLLONESHOT, epoll_ctl(ep, EPOLL_CTL_ADD, rd[5], &ev)), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	CHECK_ERR("EPOLLEXCLUSIVE on an epoll fd: EINVAL", epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev), EINVAL);
	CHECK_OK("EPOLLEXCLUSIVE on a pipe", epoll_ctl(ep, EPOLL_CTL_ADD, rd[5], &ev));
	CHECK_ERR("EPOLL_CTL_MOD with EPOLLEXCLUSIVE: EINVAL", epoll_ctl(ep, EPOLL_CTL_MOD, rd[5], &ev), EINVAL);
	ev.events = EPOLLIN;
	CHECK_ERR("EPOLL_CTL_MOD of an exclusive item: EINVAL", epoll_ctl(ep, EPOLL_CTL_MOD, rd[5], &ev), EINVAL);
	write(wr[5], "e", 1);
	CHECK_EQ("an exclusive item still reports", epoll_wait(ep, evs, 4, 0), 1);
	drain(rd[5]);

	/* ep -> ep2 -> ep3: then ep3 -> ep would close the loop */
	CHECK_OK("nest ep2 in ep", epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &(struct epoll_event){ .events = EPOLLIN }));
	CHECK_OK("nest ep3 in ep2", epoll_ctl(ep2, EPOLL_CTL_ADD, ep3, &(struct epoll_event){ .events = EPOLLIN }));
	CHECK_ERR("ep in ep3, a three-step cycle: ELOOP",
		  epoll_ctl(ep3, EPOLL_CTL_ADD, ep, &(struct epoll_event){ .events = EPOLLIN }), ELOOP);

	CHECK_ERR("maxevents 0: EINVAL", epoll_wait(ep, evs, 0, 0), EINVAL);
	CHECK_ERR("maxevents -1: EINVAL", syscall(SYS_epoll_wait, ep, evs, -1, 0), EINVAL);
	CHECK_ERR("maxevents huge: EINVAL", syscall(SYS_epoll_wait, ep, evs, 0x7fffffff / 12 + 1, 0), EINVAL);
	CHECK_ERR("epoll_wait on a pipe: EINVAL", epoll_wait(rd[0], evs, 4, 0), EINVAL);
	CHECK_ERR("epoll_wait on a bad fd: EBADF", epoll_wait(999, evs, 4, 0), EBADF);
	write(wr[2], "f", 1);
	CHECK_ERR("events at a bad user address, one ready: EFAULT", syscall(SYS_epoll_wait, ep, (void *)8, 4, 0), EFAULT);
	CHECK_EQ("the event is not lost", epoll_wait(ep, evs, 4, 0) >= 1, 1);
	drain(rd[2]);
	close(ep3);
	close(ep2);
	close(ep);
}

int main(void)
{
	for (int i = 0; i < NP; i++) {
		int p[2];

		if (pipe(p)) {
			CHECK("64 pipes", 0);
			return utest_done();
		}
		rd[i] = p[0];
		wr[i] = p[1];
	}
	level_triggered();
	edge_triggered();
	blocking_waits();
	oneshot_out_hup();
	fifo_nested_pwait();
	pwait_and_signals();
	bad_input();
	return utest_done();
}

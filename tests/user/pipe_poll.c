/*
 * pipe_poll.c - poll/select/ppoll/pselect on pipes: readiness (full -> no
 * POLLOUT, no writers -> POLLHUP, no readers -> POLLERR), time-outs, wake-ups,
 * argument errors (EINVAL, POLLNVAL, EBADF), EINTR even with SA_RESTART.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>

static char buf[70000];
static volatile sig_atomic_t usr1;

static void on_usr1(int sig)
{
	(void)sig;
	usr1++;
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* revents of one fd polled with timeout 0, or -1 on error */
static int poll1(int fd, short events)
{
	struct pollfd pf = { fd, events, 0 };

	if (poll(&pf, 1, 0) < 0)
		return -1;
	return pf.revents;
}

/* 1 = readable (rd) / writable (!rd) by select with a zero timeout */
static int select1(int fd, int rd)
{
	fd_set s;
	struct timeval tv = { 0, 0 };
	int n;

	FD_ZERO(&s);
	FD_SET(fd, &s);
	n = select(fd + 1, rd ? &s : NULL, rd ? NULL : &s, NULL, &tv);
	return n < 0 ? -1 : n == 1 && FD_ISSET(fd, &s);
}

static void handle_usr1(int restart)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGUSR1, &sa, NULL);
}

/* A child that sends SIGUSR1 to us every 30 ms until killed. */
static pid_t pester(void)
{
	pid_t parent = getpid(), c = fork();

	if (c == 0) {
		alarm(20);
		for (;;) {
			msleep(30);
			if (kill(parent, SIGUSR1) < 0)
				_exit(0);
		}
	}
	return c;
}

static void stop(pid_t c)
{
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
}

int main(void)
{
	int p[2], q[2], n, status;
	struct pollfd pf[3];
	struct rlimit rl;
	volatile nfds_t nfds;
	long long t0, t1;
	pid_t pid;
	fd_set rs;
	struct timeval tv;
	struct timespec ts;
	sigset_t set, empty, old, cur;

	alarm(20);
	memset(buf, 'p', sizeof(buf));
	pipe(p);

	/* Readiness of an ordinary pipe. */
	CHECK_EQ("empty pipe: read end has no events", poll1(p[0], POLLIN), 0);
	CHECK_EQ("empty pipe: write end is POLLOUT", poll1(p[1], POLLOUT), POLLOUT);
	CHECK_EQ("empty pipe: select says not readable", select1(p[0], 1), 0);
	CHECK_EQ("empty pipe: select says writable", select1(p[1], 0), 1);
	write(p[1], "x", 1);
	CHECK_EQ("after a write: read end is POLLIN|POLLRDNORM",
		 poll1(p[0], POLLIN | POLLRDNORM), POLLIN | POLLRDNORM);
	CHECK_EQ("after a write: select says readable", select1(p[0], 1), 1);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	CHECK_EQ("full pipe: write end has no POLLOUT", poll1(p[1], POLLOUT | POLLWRNORM), 0);
	CHECK_EQ("full pipe: select says not writable", select1(p[1], 0), 0);
	read(p[0], buf, 100);
	CHECK_EQ("full pipe with a partly read page: still no POLLOUT", poll1(p[1], POLLOUT), 0);
	read(p[0], buf, 4096);
	CHECK_EQ("once a page is freed: POLLOUT", poll1(p[1], POLLOUT), POLLOUT);

	/* Writer-less and reader-less pipes. */
	close(p[1]);
	CHECK_EQ("no writers, data left: POLLIN|POLLHUP", poll1(p[0], POLLIN), POLLIN | POLLHUP);
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	CHECK_EQ("no writers, empty: POLLHUP even when not asked for", poll1(p[0], POLLIN), POLLHUP);
	CHECK_EQ("no writers: select says readable", select1(p[0], 1), 1);
	close(p[0]);
	pipe(p);
	close(p[0]);
	CHECK_EQ("no readers: write end is POLLOUT|POLLERR", poll1(p[1], POLLOUT), POLLOUT | POLLERR);
	CHECK_EQ("no readers: select says writable", select1(p[1], 0), 1);
	close(p[1]);

	/* Time-outs. */
	pipe(p);
	pf[0].fd = p[0];
	pf[0].events = POLLIN;
	t0 = now_ms();
	n = poll(pf, 1, 100);
	t1 = now_ms();
	CHECK_EQ("poll with a 100 ms time-out on an empty pipe returns 0", n, 0);
	CHECK(">= 95 ms passed before the poll time-out", t1 - t0 >= 95);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	tv.tv_sec = 0;
	tv.tv_usec = 50000;
	t0 = now_ms();
	n = select(p[0] + 1, &rs, NULL, NULL, &tv);
	t1 = now_ms();
	CHECK("select with a 50 ms time-out returns 0 after >= 45 ms", n == 0 && t1 - t0 >= 45);
	CHECK("... and clears the fd set and the remaining time",
	      !FD_ISSET(p[0], &rs) && tv.tv_sec == 0 && tv.tv_usec == 0);

	/* Wake-ups of a blocked poll. */
	pid = fork();
	if (pid == 0) {
		msleep(50);
		write(p[1], "y", 1);
		_exit(0);
	}
	n = poll(pf, 1, 5000);
	CHECK("blocked poll wakes with POLLIN when another process writes",
	      n == 1 && pf[0].revents == POLLIN);
	waitpid(pid, &status, 0);
	read(p[0], buf, 1);
	pid = fork();
	if (pid == 0) {		/* the last writer goes away */
		msleep(50);
		_exit(0);
	}
	close(p[1]);
	n = poll(pf, 1, 5000);
	CHECK("blocked poll wakes with POLLHUP when the last writer exits",
	      n == 1 && pf[0].revents == POLLHUP);
	waitpid(pid, &status, 0);
	close(p[0]);
	pipe2(p, O_NONBLOCK);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	pid = fork();
	if (pid == 0) {
		msleep(50);
		read(p[0], buf, 4096);
		_exit(0);
	}
	pf[0].fd = p[1];
	pf[0].events = POLLOUT;
	n = poll(pf, 1, 5000);
	CHECK("blocked poll on a full pipe wakes with POLLOUT when a page is read",
	      n == 1 && pf[0].revents == POLLOUT);
	waitpid(pid, &status, 0);
	close(p[0]);
	close(p[1]);

	/* Argument errors. */
	pipe(p);
	pipe(q);
	close(q[0]);
	close(q[1]);		/* q[0], q[1] are now closed descriptor numbers */
	pf[0].fd = p[0];
	pf[0].events = POLLIN;
	nfds = (nfds_t)-1;
	CHECK_ERR("poll with nfds = (nfds_t)-1 gives EINVAL", poll(pf, nfds, 0), EINVAL);
	getrlimit(RLIMIT_NOFILE, &rl);
	nfds = rl.rlim_cur + 1;
	CHECK_ERR("poll with nfds = RLIMIT_NOFILE + 1 gives EINVAL", poll(pf, nfds, 0), EINVAL);
	pf[0].fd = q[0];
	pf[0].events = POLLIN;
	pf[1].fd = -1;
	pf[1].events = POLLIN;
	pf[2].fd = p[1];
	pf[2].events = POLLOUT;
	n = poll(pf, 3, 0);
	CHECK_EQ("poll of {closed fd, -1, writable} counts 2 ready", n, 2);
	CHECK_EQ("a closed fd reports POLLNVAL", pf[0].revents, POLLNVAL);
	CHECK_EQ("a negative fd is ignored (revents 0)", pf[1].revents, 0);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	FD_SET(q[0], &rs);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	CHECK_ERR("select with a closed fd in the set gives EBADF",
		  select(q[0] + 1, &rs, NULL, NULL, &tv), EBADF);

	/* Signals end a blocked poll/select, SA_RESTART or not. */
	handle_usr1(0);
	pf[0].fd = p[0];
	pf[0].events = POLLIN;
	pid = pester();
	CHECK_ERR("a handled signal ends a blocked poll with EINTR", poll(pf, 1, 10000), EINTR);
	stop(pid);
	handle_usr1(1);
	pid = pester();
	CHECK_ERR("poll is not restarted after a SA_RESTART handler (EINTR)",
		  poll(pf, 1, 10000), EINTR);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	CHECK_ERR("select is not restarted after a SA_RESTART handler (EINTR)",
		  select(p[0] + 1, &rs, NULL, NULL, NULL), EINTR);
	stop(pid);

	/* ppoll and pselect: readiness, time-out, temporary signal mask. */
	write(p[1], "z", 1);
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	n = ppoll(pf, 1, &ts, NULL);
	CHECK("ppoll reports POLLIN on a pipe with data", n == 1 && pf[0].revents == POLLIN);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	n = pselect(p[0] + 1, &rs, NULL, NULL, &ts, NULL);
	CHECK("pselect reports the pipe readable", n == 1 && FD_ISSET(p[0], &rs));
	read(p[0], buf, 1);
	ts.tv_nsec = 50 * 1000000L;
	t0 = now_ms();
	n = ppoll(pf, 1, &ts, NULL);
	t1 = now_ms();
	CHECK("ppoll with a 50 ms time-out returns 0 after >= 45 ms", n == 0 && t1 - t0 >= 45);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &set, &old);
	usr1 = 0;
	kill(getpid(), SIGUSR1);	/* stays pending */
	ts.tv_sec = 10;
	CHECK_ERR("ppoll with a mask unblocking a pending signal gives EINTR",
		  ppoll(pf, 1, &ts, &empty), EINTR);
	CHECK_EQ("... the handler ran once", usr1, 1);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	CHECK("... and the old mask is back afterwards", sigismember(&cur, SIGUSR1));
	kill(getpid(), SIGUSR1);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	CHECK_ERR("pselect with a mask unblocking a pending signal gives EINTR",
		  pselect(p[0] + 1, &rs, NULL, NULL, &ts, &empty), EINTR);
	CHECK_EQ("... the handler ran again", usr1, 2);
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(p[0]);
	close(p[1]);
	return utest_done();
}

/*
 * fd_owner.c - F_SETOWN/F_SETOWN_EX/F_GETOWN as today's Linux: a negative
 * owner naming any id in use is accepted, INT_MIN is EINVAL, an id nobody
 * uses ESRCH, F_SETOWN_EX with a negative pid ESRCH; F_GETOWN answers 0 once
 * the owner has died and been reaped (a zombie still counts); and SIGIO's
 * si_band carries Linux's band_table bits (POLLWRBAND with POLL_OUT).
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

static volatile int got_code, got_fd;
static volatile long got_band;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_code = si->si_code;
	got_band = si->si_band;
	got_fd = si->si_fd;
}

static int getown_ex(int fd, struct f_owner_ex *o)
{
	o->type = -1;
	o->pid = -1;
	return fcntl(fd, F_GETOWN_EX, o);
}

int main(void)
{
	int p[2], st;
	struct f_owner_ex o;
	struct sigaction sa;
	pid_t child;
	char buf[4096] = { 0 };

	alarm(20);
	CHECK_OK("pipe", pipe(p));
	CHECK_EQ("a new file has no owner", fcntl(p[0], F_GETOWN), 0);
	CHECK_OK("F_SETOWN getpid()", fcntl(p[0], F_SETOWN, getpid()));
	CHECK_EQ("F_GETOWN gives it back", fcntl(p[0], F_GETOWN), getpid());
	CHECK_OK("F_SETOWN -getpgrp()", fcntl(p[0], F_SETOWN, -getpgrp()));
	CHECK_EQ("F_GETOWN gives the group, negative", fcntl(p[0], F_GETOWN), -getpgrp());
	CHECK_OK("F_GETOWN_EX", getown_ex(p[0], &o));
	CHECK("... type F_OWNER_PGRP, the group id", o.type == F_OWNER_PGRP && o.pid == getpgrp());
	CHECK_ERR("F_SETOWN INT_MIN: EINVAL", fcntl(p[0], F_SETOWN, INT_MIN), EINVAL);
	CHECK_EQ("... the owner is unchanged", fcntl(p[0], F_GETOWN), -getpgrp());
	CHECK_ERR("F_SETOWN -INT_MAX (nobody): ESRCH", fcntl(p[0], F_SETOWN, -INT_MAX), ESRCH);
	CHECK_ERR("F_SETOWN INT_MAX (nobody): ESRCH", fcntl(p[0], F_SETOWN, INT_MAX), ESRCH);
	CHECK_OK("F_SETOWN 0 clears", fcntl(p[0], F_SETOWN, 0));
	CHECK_EQ("... F_GETOWN 0", fcntl(p[0], F_GETOWN), 0);

	/* a negative owner naming a pid that is no group */
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	CHECK_OK("F_SETOWN -(a child's pid, not a group leader) is accepted",
		 fcntl(p[0], F_SETOWN, -child));
	CHECK_EQ("... but no group has that id: F_GETOWN 0", fcntl(p[0], F_GETOWN), 0);
	CHECK_OK("F_SETOWN the child", fcntl(p[0], F_SETOWN, child));
	CHECK_EQ("F_GETOWN: the child", fcntl(p[0], F_GETOWN), child);
	kill(child, SIGKILL);
	usleep(100000);
	CHECK_EQ("the child died, not reaped: still the owner", fcntl(p[0], F_GETOWN), child);
	waitpid(child, &st, 0);
	CHECK_EQ("reaped: F_GETOWN 0", fcntl(p[0], F_GETOWN), 0);
	CHECK_OK("F_GETOWN_EX after the reap", getown_ex(p[0], &o));
	CHECK("... type F_OWNER_PID, pid 0", o.type == F_OWNER_PID && o.pid == 0);
	CHECK_ERR("F_SETOWN the reaped pid: ESRCH", fcntl(p[0], F_SETOWN, child), ESRCH);

	/* F_SETOWN_EX */
	o.type = F_OWNER_PID;
	o.pid = -1;
	CHECK_ERR("F_SETOWN_EX pid -1: ESRCH", fcntl(p[0], F_SETOWN_EX, &o), ESRCH);
	o.pid = -getpid();
	CHECK_ERR("F_SETOWN_EX pid -getpid(): ESRCH", fcntl(p[0], F_SETOWN_EX, &o), ESRCH);
	o.type = 3;
	o.pid = getpid();
	CHECK_ERR("F_SETOWN_EX type 3: EINVAL", fcntl(p[0], F_SETOWN_EX, &o), EINVAL);
	o.type = F_OWNER_TID;
	CHECK_OK("F_SETOWN_EX F_OWNER_TID getpid()", fcntl(p[0], F_SETOWN_EX, &o));
	CHECK_EQ("... F_GETOWN says the pid", fcntl(p[0], F_GETOWN), getpid());
	CHECK_OK("F_GETOWN_EX", getown_ex(p[0], &o));
	CHECK("... F_OWNER_TID, getpid()", o.type == F_OWNER_TID && o.pid == getpid());
	o.type = F_OWNER_PGRP;
	o.pid = 0;
	CHECK_OK("F_SETOWN_EX pid 0 clears", fcntl(p[0], F_SETOWN_EX, &o));
	CHECK_EQ("... F_GETOWN 0", fcntl(p[0], F_GETOWN), 0);
	CHECK_ERR("F_SETOWN_EX with a bad pointer: EFAULT", fcntl(p[0], F_SETOWN_EX, (void *)8),
		  EFAULT);
	CHECK_ERR("F_GETOWN_EX with a bad pointer: EFAULT", fcntl(p[0], F_GETOWN_EX, (void *)8),
		  EFAULT);

	/* si_band from band_table */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGRTMIN, &sa, NULL);
	fcntl(p[0], F_SETOWN, getpid());
	fcntl(p[1], F_SETOWN, getpid());
	fcntl(p[0], F_SETSIG, SIGRTMIN);
	fcntl(p[1], F_SETSIG, SIGRTMIN);
	fcntl(p[0], F_SETFL, O_ASYNC);
	got_code = 0;
	write(p[1], "x", 1);
	CHECK_EQ("a write: POLL_IN to the read end's owner", got_code, POLL_IN);
	CHECK_EQ("... si_band POLLIN|POLLRDNORM", got_band, POLLIN | POLLRDNORM);
	CHECK_EQ("... si_fd the read end", got_fd, p[0]);
	fcntl(p[0], F_SETFL, 0);
	read(p[0], buf, 1);
	fcntl(p[1], F_SETFL, O_ASYNC);
	write(p[1], buf, 4096);
	got_code = 0;
	read(p[0], buf, 4096);
	CHECK_EQ("a read that frees a page: POLL_OUT to the write end's owner", got_code, POLL_OUT);
	CHECK_EQ("... si_band POLLOUT|POLLWRNORM|POLLWRBAND", got_band,
		 POLLOUT | POLLWRNORM | POLLWRBAND);
	CHECK_EQ("... si_fd the write end", got_fd, p[1]);
	got_code = 0;
	close(p[0]);
	CHECK_EQ("closing the read end: POLL_OUT to the writer too", got_code, POLL_OUT);
	close(p[1]);
	return utest_done();
}

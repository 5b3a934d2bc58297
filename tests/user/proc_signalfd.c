/*
 * proc_signalfd.c - signalfd: blocked signals read as signalfd_siginfo
 * (sender, sigqueue value, a POSIX timer's id), several in one read, only
 * those in the mask, SFD_NONBLOCK's EAGAIN, a blocking read woken by
 * another process's kill, the mask changed through the same fd, epoll on
 * it; bad sizes, flags and fds.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

int main(void)
{
	sigset_t m;
	struct signalfd_siginfo si[4];
	union sigval v = { .sival_int = 77 };
	int fd, ep, n, p[2];
	pid_t pid;

	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigaddset(&m, SIGRTMIN);
	sigaddset(&m, SIGUSR2);
	sigprocmask(SIG_BLOCK, &m, NULL);
	sigdelset(&m, SIGUSR2);		/* blocked, but not the fd's */
	fd = signalfd(-1, &m, SFD_NONBLOCK);
	CHECK("signalfd", fd >= 0);
	CHECK_ERR("nothing pending, SFD_NONBLOCK: EAGAIN", read(fd, si, sizeof(si)), EAGAIN);
	kill(getpid(), SIGUSR1);
	CHECK_EQ("a kill to ourselves: one siginfo", read(fd, si, sizeof(si)), sizeof(si[0]));
	CHECK("SIGUSR1 from us", si[0].ssi_signo == SIGUSR1 && si[0].ssi_code == SI_USER &&
	      si[0].ssi_pid == (unsigned)getpid() && si[0].ssi_uid == getuid());
	sigqueue(getpid(), SIGRTMIN, v);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	n = read(fd, si, sizeof(si));
	CHECK_EQ("two in one read (SIGUSR2 is not the fd's)", n, 2 * (int)sizeof(si[0]));
	CHECK("lowest first: SIGUSR1, then SIGRTMIN with its value",
	      si[0].ssi_signo == SIGUSR1 && (int)si[1].ssi_signo == SIGRTMIN &&
	      si[1].ssi_code == SI_QUEUE && si[1].ssi_int == 77);
	{
		sigset_t pend;

		sigpending(&pend);
		CHECK("SIGUSR2 still pending", sigismember(&pend, SIGUSR2));
	}
	CHECK_ERR("a read shorter than one siginfo: EINVAL", read(fd, si, 100), EINVAL);

	/* a POSIX timer's signal through it */
	{
		struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN };
		struct itimerspec t = { { 0, 0 }, { 0, 10000000 } };
		timer_t tid;
		int id = -1;

		syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id);
		tid = (timer_t)(long)id;
		(void)tid;
		syscall(SYS_timer_settime, id, 0, &t, NULL);
		ep = epoll_create1(0);
		epoll_ctl(ep, EPOLL_CTL_ADD, fd, &(struct epoll_event){ .events = EPOLLIN });
		CHECK_EQ("epoll_wait sees the timer's signal", epoll_wait(ep, &(struct epoll_event){ 0 }, 1, 5000), 1);
		n = read(fd, si, sizeof(si));
		CHECK("read: SI_TIMER with the timer's id", n == sizeof(si[0]) && si[0].ssi_code == SI_TIMER &&
		      (int)si[0].ssi_tid == id);
		syscall(SYS_timer_delete, id);
		close(ep);
	}

	/* blocking: another process's kill wakes the read */
	CHECK_EQ("the mask changed through the fd", signalfd(fd, &m, 0), fd);
	fcntl(fd, F_SETFL, 0);
	pipe(p);
	pid = fork();
	if (pid == 0) {
		usleep(50000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	n = read(fd, si, sizeof(si));
	CHECK("a blocking read woken by the child's kill", n == sizeof(si[0]) && si[0].ssi_signo == SIGUSR1 &&
	      (pid_t)si[0].ssi_pid == pid);
	waitpid(pid, NULL, 0);

	CHECK_ERR("sizemask 4: EINVAL", syscall(SYS_signalfd4, -1, &m, 4, 0), EINVAL);
	CHECK_ERR("unknown flag: EINVAL", syscall(SYS_signalfd4, -1, &m, 8, 1), EINVAL);
	CHECK_ERR("mask at a bad address: EFAULT", syscall(SYS_signalfd4, -1, (void *)8, 8, 0), EFAULT);
	CHECK_ERR("a bad fd: EBADF", signalfd(99, &m, 0), EBADF);
	CHECK_ERR("an fd that is no signalfd: EINVAL", signalfd(p[0], &m, 0), EINVAL);
	{
		int c = signalfd(-1, &m, SFD_CLOEXEC);

		CHECK_EQ("SFD_CLOEXEC", fcntl(c, F_GETFD), FD_CLOEXEC);
		close(c);
	}
	close(p[0]);
	close(p[1]);
	close(fd);
	return utest_done();
}

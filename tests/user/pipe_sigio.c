/*
 * pipe_sigio.c - SIGIO goes to the F_SETOWN owner once F_SETFL/FIOASYNC turn on
 * O_ASYNC (not open(O_ASYNC), not without an owner): on data for the read end,
 * on freed room for the write end; F_SETSIG picks the signal and its siginfo.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static volatile sig_atomic_t sigio, usr1, usr1_code, usr1_fd, usr1_band;
static sigset_t io_set;

static void on_sigio(int sig)
{
	(void)sig;
	sigio++;
}

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	usr1++;
	usr1_code = si->si_code;
	usr1_fd = si->si_fd;
	usr1_band = si->si_band;
}

/* Hold SIGIO and SIGUSR1 pending; release() delivers them (one each at most). */
static void hold(void)
{
	sigio = 0;
	usr1 = 0;
	sigprocmask(SIG_BLOCK, &io_set, NULL);
}

static void release(void)
{
	sigprocmask(SIG_UNBLOCK, &io_set, NULL);
}

/* A child process writes n bytes to fd and exits; wait for it. */
static void child_write(int fd, int n)
{
	static char b[4096];
	pid_t pid = fork();

	if (pid == 0)
		_exit(write(fd, b, n) == n ? 0 : 1);
	waitpid(pid, NULL, 0);
}

static int arm(int fd)
{
	return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC);
}

int main(void)
{
	int p[2], fd, wfd, on;
	pid_t pid;
	char path[64], b[4096];
	struct sigaction sa;

	alarm(20);
	sigemptyset(&io_set);
	sigaddset(&io_set, SIGIO);
	sigaddset(&io_set, SIGUSR1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigio;
	sigaction(SIGIO, &sa, NULL);
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);

	/* Read end armed with F_SETOWN + F_SETFL(O_ASYNC). */
	pipe(p);
	CHECK_EQ("F_GETOWN of a new pipe is 0", fcntl(p[0], F_GETOWN), 0);
	CHECK_OK("F_SETOWN(getpid()) on the read end", fcntl(p[0], F_SETOWN, getpid()));
	CHECK_EQ("F_GETOWN returns the owner pid", fcntl(p[0], F_GETOWN), getpid());
	CHECK_OK("F_SETFL O_ASYNC on the read end", arm(p[0]));
	CHECK("F_GETFL shows O_ASYNC", fcntl(p[0], F_GETFL) & O_ASYNC);
	hold();
	child_write(p[1], 10);
	release();
	CHECK_EQ("a child's write sends SIGIO to the read end's owner", sigio, 1);
	read(p[0], b, sizeof(b));
	hold();
	close(p[1]);
	release();
	CHECK_EQ("closing the last writer sends SIGIO to the read end's owner", sigio, 1);
	close(p[0]);

	/* Write end armed: SIGIO when a reader frees a page. */
	pipe(p);
	write(p[1], b, 4096);
	fcntl(p[1], F_SETOWN, getpid());
	arm(p[1]);
	hold();
	write(p[1], b, 100);
	release();
	CHECK_EQ("writing to a pipe does not signal the armed write end", sigio, 0);
	hold();
	pid = fork();
	if (pid == 0)
		_exit(read(p[0], b, 4096) == 4096 ? 0 : 1);
	waitpid(pid, NULL, 0);
	release();
	CHECK_EQ("a child reading a whole page sends SIGIO to the write end's owner", sigio, 1);
	close(p[0]);
	close(p[1]);

	/* No owner: nothing is sent. */
	pipe(p);
	arm(p[0]);
	hold();
	child_write(p[1], 10);
	release();
	CHECK_EQ("O_ASYNC without F_SETOWN sends no SIGIO", sigio, 0);
	fcntl(p[0], F_SETOWN, getpid());
	fcntl(p[0], F_SETFL, 0);
	hold();
	child_write(p[1], 10);
	release();
	CHECK_EQ("F_SETOWN with O_ASYNC turned off again sends no SIGIO", sigio, 0);
	on = 1;
	CHECK_OK("ioctl FIOASYNC(1)", ioctl(p[0], FIOASYNC, &on));
	hold();
	child_write(p[1], 10);
	release();
	CHECK_EQ("ioctl FIOASYNC arms SIGIO like F_SETFL", sigio, 1);
	CHECK("... and F_GETFL shows O_ASYNC", fcntl(p[0], F_GETFL) & O_ASYNC);

	/* F_SETSIG: another signal, with siginfo. */
	CHECK_OK("F_SETSIG(SIGUSR1)", fcntl(p[0], F_SETSIG, SIGUSR1));
	CHECK_EQ("F_GETSIG returns SIGUSR1", fcntl(p[0], F_GETSIG), SIGUSR1);
	hold();
	child_write(p[1], 10);
	release();
	CHECK("with F_SETSIG(SIGUSR1), SIGUSR1 arrives instead of SIGIO", usr1 == 1 && sigio == 0);
	CHECK_EQ("... its si_code is POLL_IN", usr1_code, POLL_IN);
	CHECK_EQ("... its si_fd is the read end", usr1_fd, p[0]);
	CHECK("... its si_band includes POLLIN", usr1_band & POLLIN);
	close(p[0]);
	close(p[1]);

	/* FIFO opened with O_ASYNC: open() does not arm it. */
	snprintf(path, sizeof(path), "/tmp/pipe_sigio.%d", (int)getpid());
	unlink(path);
	mkfifo(path, 0600);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_ASYNC);
	wfd = open(path, O_WRONLY);
	CHECK("open(O_ASYNC) of a FIFO: F_GETFL shows O_ASYNC", fcntl(fd, F_GETFL) & O_ASYNC);
	fcntl(fd, F_SETOWN, getpid());
	hold();
	child_write(wfd, 10);
	release();
	CHECK_EQ("open(O_ASYNC) + F_SETOWN does not arm SIGIO", sigio, 0);
	fcntl(fd, F_SETFL, O_NONBLOCK | O_ASYNC);
	hold();
	child_write(wfd, 10);
	release();
	CHECK_EQ("F_SETFL with O_ASYNC already in f_flags does not arm it either", sigio, 0);
	close(fd);
	close(wfd);
	unlink(path);

	/* Modern Linux (the host) checks the owner exists; 2.6.18 accepted any pid. */
	pipe(p);
	CHECK_ERR("F_SETOWN to a nonexistent pid gives ESRCH (modern Linux)",
		  fcntl(p[0], F_SETOWN, 0x3ffffff0), ESRCH);
	close(p[0]);
	close(p[1]);
	return utest_done();
}

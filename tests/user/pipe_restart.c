/*
 * pipe_restart.c - a blocked pipe read/write or FIFO open that moved no data is
 * restarted after a SA_RESTART handler and fails with EINTR without one; a write
 * that moved data returns its count; ignored signals and stop/cont never interrupt.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

static volatile sig_atomic_t usr1;
static char buf[100000];

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

static void handle_usr1(int restart)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGUSR1, &sa, NULL);
	usr1 = 0;
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

static void reap(pid_t c, int kill_it)
{
	if (kill_it)
		kill(c, SIGKILL);
	waitpid(c, NULL, 0);
}

/* A child that sends SIGUSR1 to us twice, 40 ms apart, then runs action. */
static pid_t signal_then(void (*action)(int), int fd)
{
	pid_t parent = getpid(), c = fork();

	if (c == 0) {
		msleep(40);
		kill(parent, SIGUSR1);
		msleep(40);
		kill(parent, SIGUSR1);
		msleep(40);
		action(fd);
		_exit(0);
	}
	return c;
}

static void put5(int fd)
{
	write(fd, "hello", 5);
}

static void drain_65546(int fd)
{
	size_t got = 0;
	ssize_t r;

	while (got < 65546 && (r = read(fd, buf, 65546 - got)) > 0)
		got += r;
}

static const char *fifo_path;

static void open_writer(int fd)
{
	(void)fd;
	close(open(fifo_path, O_WRONLY));
}

static void fill(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while (write(fd, buf, 4096) > 0)
		;
	fcntl(fd, F_SETFL, fl);
}

int main(void)
{
	int p[2], fd, status;
	pid_t c, s;
	char path[64];
	struct sigaction sa;

	alarm(20);

	/* Blocked read. */
	pipe(p);
	handle_usr1(1);
	c = signal_then(put5, p[1]);
	CHECK_EQ("SA_RESTART: a blocked read survives two signals and returns the data",
		 read(p[0], buf, 100), 5);
	CHECK_EQ("... and the handler ran twice", usr1, 2);
	reap(c, 0);
	handle_usr1(0);
	c = pester();
	CHECK_ERR("no SA_RESTART: a blocked read fails with EINTR", read(p[0], buf, 100), EINTR);
	reap(c, 1);
	CHECK("... after the handler ran", usr1 >= 1);

	/* Ignored signals and stop/continue do not interrupt a blocked read.
	 * The reader is a child S, so that stopping it bothers no shell. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGUSR2, &sa, NULL);
	s = fork();
	if (s == 0)
		_exit(read(p[0], buf, 100) == 5 ? 0 : 1);
	c = fork();
	if (c == 0) {
		msleep(40);
		kill(s, SIGUSR2);
		msleep(40);
		kill(s, SIGSTOP);
		msleep(40);
		kill(s, SIGCONT);
		msleep(40);
		write(p[1], "hello", 5);
		_exit(0);
	}
	waitpid(s, &status, 0);
	reap(c, 0);
	CHECK("a blocked read survives an ignored signal and SIGSTOP/SIGCONT",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(p[0]);
	close(p[1]);

	/* Blocked write on a full pipe, nothing written yet. */
	pipe(p);
	fill(p[1]);
	handle_usr1(0);
	c = pester();
	CHECK_ERR("no SA_RESTART: a writer blocked on a full pipe fails with EINTR",
		  write(p[1], buf, 10), EINTR);
	reap(c, 1);
	handle_usr1(1);
	c = signal_then(drain_65546, p[0]);
	CHECK_EQ("SA_RESTART: the blocked writer is restarted and completes when drained",
		 write(p[1], buf, 10), 10);
	CHECK_EQ("... and the handler ran twice", usr1, 2);
	reap(c, 0);
	close(p[0]);
	close(p[1]);

	/* Blocked write that already moved data: partial count. */
	pipe(p);
	handle_usr1(0);
	c = pester();
	CHECK_EQ("no SA_RESTART: a 100000-byte write interrupted when full returns 65536",
		 write(p[1], buf, 100000), 65536);
	reap(c, 1);
	close(p[0]);
	close(p[1]);
	pipe(p);
	handle_usr1(1);
	c = pester();
	CHECK_EQ("SA_RESTART: the interrupted partial write also returns 65536 (no restart)",
		 write(p[1], buf, 100000), 65536);
	reap(c, 1);
	close(p[0]);
	close(p[1]);

	/* Blocked FIFO open. */
	snprintf(path, sizeof(path), "/tmp/pipe_restart.%d", (int)getpid());
	fifo_path = path;
	unlink(path);
	mkfifo(path, 0600);
	handle_usr1(0);
	c = pester();
	CHECK_ERR("no SA_RESTART: a blocked FIFO open(O_RDONLY) fails with EINTR",
		  open(path, O_RDONLY), EINTR);
	reap(c, 1);
	handle_usr1(1);
	c = signal_then(open_writer, -1);
	fd = open(path, O_RDONLY);
	CHECK("SA_RESTART: the blocked FIFO open is restarted and succeeds", fd >= 0);
	CHECK_EQ("... and the handler ran twice", usr1, 2);
	reap(c, 0);
	close(fd);
	unlink(path);
	return utest_done();
}

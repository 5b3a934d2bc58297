/*
 * fifo_race.c - the last close of a FIFO while an opener sleeps (issue 10's
 * audit of sleepers holding freed objects): the partner opens and closes at
 * once, before the sleeping opener runs; the opener's own count keeps the
 * pipe alive, so it opens and then sees EOF (reader) or EPIPE (writer). An
 * opener killed or interrupted in its sleep leaves nothing behind: the next
 * non-blocking writer gets ENXIO. Each case 1,000 times.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "utest.h"

#define ROUNDS 1000

static char path[64];

static void settle(void)
{
	for (int i = 0; i < 3; i++)
		sched_yield();
}

/* the child's exit status: 0 when it opened and saw what it should */
static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* a reader asleep in open; a writer opens and closes before it runs */
static int reader_sees_eof(void)
{
	int bad = 0;

	for (int r = 0; r < ROUNDS; r++) {
		pid_t pid = fork();
		char c;

		if (pid == 0) {
			int fd = open(path, O_RDONLY);

			_exit(fd < 0 ? 2 : read(fd, &c, 1) == 0 ? 0 : 3);
		}
		settle();
		close(open(path, O_WRONLY));
		bad += reap(pid) != 0;
	}
	return bad;
}

/* a writer asleep in open; a reader opens and closes before it runs */
static int writer_sees_epipe(void)
{
	int bad = 0, sync[2];

	if (pipe(sync))
		return -1;
	for (int r = 0; r < ROUNDS; r++) {
		pid_t pid = fork();
		char c;

		if (pid == 0) {
			int fd = open(path, O_WRONLY);

			/* write only once the reader is surely gone (an SMP host) */
			if (fd < 0 || read(sync[0], &c, 1) != 1)
				_exit(2);
			signal(SIGPIPE, SIG_IGN);
			_exit(write(fd, "x", 1) == -1 && errno == EPIPE ? 0 : 3);
		}
		settle();
		close(open(path, O_RDONLY));
		write(sync[1], "g", 1);
		bad += reap(pid) != 0;
	}
	close(sync[0]);
	close(sync[1]);
	return bad;
}

static void on_usr1(int sig) { (void)sig; }

/*
 * A reader asleep in open is killed (odd rounds) or interrupted by a
 * handled signal, EINTR (even rounds); then no reader is left: ENXIO.
 */
static int dead_opener_leaves_nothing(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };	/* no SA_RESTART */
	int bad = 0;

	sigaction(SIGUSR1, &sa, NULL);	/* inherited by each child */
	for (int r = 0; r < ROUNDS; r++) {
		pid_t pid = fork();
		int fd, st;

		if (pid == 0) {
			fd = open(path, O_RDONLY);
			_exit(fd == -1 && errno == EINTR ? 0 : 4);
		}
		settle();
		/* again until it is gone: a signal before the open only runs the handler */
		while (waitpid(pid, &st, WNOHANG) == 0) {
			struct timespec ts = { 0, 1000000 };

			kill(pid, r & 1 ? SIGKILL : SIGUSR1);
			nanosleep(&ts, NULL);
		}
		st = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		/* 0: it was interrupted in open; 128 + 9: killed */
		bad += st != (r & 1 ? 128 + SIGKILL : 0);
		fd = open(path, O_WRONLY | O_NONBLOCK);
		bad += !(fd == -1 && errno == ENXIO);
		if (fd >= 0)
			close(fd);
	}
	return bad;
}

int main(void)
{
	snprintf(path, sizeof(path), "/tmp/fifo_race.%d", (int)getpid());
	unlink(path);
	if (mkfifo(path, 0600)) {
		CHECK("mkfifo", 0);
		return utest_done();
	}
	CHECK_EQ("1000 sleeping readers, writer opens and closes at once: each opens, EOF",
		 reader_sees_eof(), 0);
	CHECK_EQ("1000 sleeping writers, reader opens and closes at once: each opens, EPIPE",
		 writer_sees_epipe(), 0);
	CHECK_EQ("1000 sleeping readers killed or interrupted: EINTR, then ENXIO for a writer",
		 dead_opener_leaves_nothing(), 0);
	unlink(path);
	return utest_done();
}

/*
 * user/deadlock_demo.c - the IPC mistakes the kshell's "waits -d" explains:
 *   selfpipe  a reader that still holds its own write end
 *   cross     two processes, each reading the other's pipe before writing
 *   philo     three philosophers, each taking its left fork with SEM_UNDO
 *   pipeline  a | b | c where b never closes the write end of its input
 *   nap       a reader whose writer merely sleeps (no deadlock)
 *   many N    N readers of one pipe whose writer sleeps (no deadlock)
 * Each sets the situation up, says "ready", and hangs (but nap, in 60 s).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>

static void ready(const char *what)
{
	printf("deadlock_demo %s: ready\n", what);
	fflush(stdout);
}

static void drain(int fd)
{
	char buf[64];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

static int selfpipe(void)
{
	int p[2];

	if (pipe(p))
		return 1;
	write(p[1], "x", 1);
	ready("selfpipe");
	drain(p[0]);		/* the bug: p[1] is still open here */
	return 0;
}

static int cross(void)
{
	int a[2], b[2];
	char c;

	if (pipe(a) || pipe(b))
		return 1;
	if (fork() == 0) {
		read(b[0], &c, 1);	/* waits for the parent's message first */
		write(a[1], "x", 1);
		_exit(0);
	}
	ready("cross");
	read(a[0], &c, 1);		/* ... and the parent waits for the child's */
	write(b[1], "x", 1);
	return 0;
}

static int philo(void)
{
	int n = 3, id = semget(IPC_PRIVATE, n, 0600);
	struct sembuf one = { 0, 1, 0 };

	if (id < 0)
		return 1;
	for (int i = 0; i < n; i++) {
		one.sem_num = i;
		semop(id, &one, 1);
	}
	for (int i = 0; i < n; i++)
		if (fork() == 0) {
			struct sembuf left = { i, -1, SEM_UNDO }, right = { (i + 1) % n, -1, SEM_UNDO };

			semop(id, &left, 1);
			usleep(300000);	/* every philosopher has its left fork now */
			semop(id, &right, 1);
			_exit(0);
		}
	ready("philo");
	while (wait(NULL) > 0)
		;
	return 0;
}

static int pipeline(void)
{
	int in[2], out[2];

	if (pipe(in) || pipe(out))
		return 1;
	if (fork() == 0) {		/* a: writes and exits */
		close(out[0]);
		close(out[1]);
		close(in[0]);
		write(in[1], "data\n", 5);
		_exit(0);
	}
	if (fork() == 0) {		/* b: forgets to close in[1] */
		close(out[0]);
		drain(in[0]);
		write(out[1], "done\n", 5);
		_exit(0);
	}
	if (fork() == 0) {		/* c */
		close(in[0]);
		close(in[1]);
		close(out[1]);
		drain(out[0]);
		_exit(0);
	}
	close(in[0]);
	close(in[1]);
	close(out[0]);
	close(out[1]);
	ready("pipeline");
	while (wait(NULL) > 0)
		;
	return 0;
}

static int nap(void)
{
	int p[2];

	if (pipe(p))
		return 1;
	if (fork() == 0) {
		close(p[0]);
		sleep(60);	/* nanosleep: it will write, just not yet */
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	ready("nap");
	drain(p[0]);
	wait(NULL);
	return 0;
}

static int many(int n)
{
	int p[2], made = 0;

	if (pipe(p))
		return 1;
	for (; made < n; made++) {
		pid_t pid = fork();

		if (pid < 0)
			break;
		if (pid == 0) {
			close(p[1]);
			drain(p[0]);
			_exit(0);
		}
	}
	close(p[0]);
	printf("deadlock_demo many: %d readers\n", made);
	ready("many");
	sleep(60);
	close(p[1]);
	while (wait(NULL) > 0)
		;
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	if (!strcmp(m, "selfpipe"))
		return selfpipe();
	if (!strcmp(m, "cross"))
		return cross();
	if (!strcmp(m, "philo"))
		return philo();
	if (!strcmp(m, "pipeline"))
		return pipeline();
	if (!strcmp(m, "nap"))
		return nap();
	if (!strcmp(m, "many") && argc > 2)
		return many(atoi(argv[2]));
	fprintf(stderr, "usage: deadlock_demo selfpipe|cross|philo|pipeline|nap|many N\n");
	return 2;
}

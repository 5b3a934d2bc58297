/*
 * thread_stop.c - job control of a thread group (issue 16): SIGSTOP,
 * SIGTSTP and a thread-directed stop stop every thread, the parent hears of
 * it once (SIGCHLD with CLD_STOPPED, wait4 WUNTRACED, waitid WSTOPPED) when
 * all have stopped; SIGCONT resumes them all (CLD_CONTINUED, WCONTINUED);
 * threads asleep in read, semop and futex stop and carry on; SIGKILL ends a
 * stopped group.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

/* what the child's threads show the parent, in MAP_SHARED memory */
struct shared {
	volatile unsigned long busy[2];	/* two spinning threads' counters */
	volatile int woke_read, woke_semop, woke_futex;
	volatile int started;
	volatile uint32_t futex_word;
	volatile int stopper_ready;
	volatile int cont_handled;
	volatile int semop_eintr;
};
static struct shared *sh;
static int pipefd[2], semid;

static void *spin(void *a)
{
	int i = (int)(long)a;

	__atomic_add_fetch(&sh->started, 1, __ATOMIC_SEQ_CST);
	for (;;)
		sh->busy[i]++;
	return NULL;
}
static void *reader(void *a)
{
	char c;

	(void)a;
	__atomic_add_fetch(&sh->started, 1, __ATOMIC_SEQ_CST);
	if (read(pipefd[0], &c, 1) == 1)
		sh->woke_read = 1;
	for (;;)
		pause();
	return NULL;
}
static void *semopper(void *a)
{
	struct sembuf op = { 0, -1, 0 };

	(void)a;
	__atomic_add_fetch(&sh->started, 1, __ATOMIC_SEQ_CST);
	/* signal(7): on Linux a semop stopped and continued fails with EINTR, no handler needed */
	while (semop(semid, &op, 1) == -1 && errno == EINTR)
		sh->semop_eintr++;
	sh->woke_semop = 1;
	for (;;)
		pause();
	return NULL;
}
static void *futexer(void *a)
{
	(void)a;
	__atomic_add_fetch(&sh->started, 1, __ATOMIC_SEQ_CST);
	while (sh->futex_word == 0)
		syscall(SYS_futex, &sh->futex_word, FUTEX_WAIT, 0, NULL, NULL, 0);
	sh->woke_futex = 1;
	for (;;)
		pause();
	return NULL;
}

#define NTHREADS 6	/* main + 2 spinners + reader + semop + futex */

/* the child: the threads above, main asleep */
static void group_child(void)
{
	pthread_t t;

	pthread_create(&t, NULL, spin, (void *)0);
	pthread_create(&t, NULL, spin, (void *)1);
	pthread_create(&t, NULL, reader, NULL);
	pthread_create(&t, NULL, semopper, NULL);
	pthread_create(&t, NULL, futexer, NULL);
	for (;;)
		pause();
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int wait_started(int n)
{
	for (int i = 0; i < 5000 && sh->started < n; i++)
		sleep_ms(1);
	return sh->started >= n;
}

/* the state letter of every thread of pid in /proc/PID/task/TID/stat; "" if unreadable */
static int task_states(pid_t pid, char *out, int max)
{
	char path[300];
	DIR *d;
	struct dirent *e;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d)) && n < max - 1) {
		char buf[256], *p;
		int fd, len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/stat", pid, e->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = 0;
		p = strrchr(buf, ')');
		if (p && p[1] == ' ')
			out[n++] = p[2];
	}
	out[n] = 0;
	closedir(d);
	return n;
}

static int all_are(const char *states, char c)
{
	if (!*states)
		return 0;
	for (; *states; states++)
		if (*states != c)
			return 0;
	return 1;
}

static volatile int chld_stopped, chld_continued;
static volatile pid_t chld_pid;
static volatile int chld_status;
static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code == CLD_STOPPED) {
		chld_stopped++;
		chld_status = si->si_status;
	} else if (si->si_code == CLD_CONTINUED) {
		chld_continued++;
	}
	chld_pid = si->si_pid;
}

/* the counters of both spinners move on within a second */
static int both_advance(void)
{
	unsigned long a = sh->busy[0], b = sh->busy[1];

	for (int i = 0; i < 1000; i++) {
		if (sh->busy[0] != a && sh->busy[1] != b)
			return 1;
		sleep_ms(1);
	}
	return 0;
}

/* the stopper thread: stops the group with a signal to itself only (tgkill) */
static void *stopper(void *a)
{
	(void)a;
	sh->stopper_ready = 1;
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGSTOP);
	for (;;)
		sh->busy[1]++;
	return NULL;
}
static void on_cont(int s) { (void)s; sh->cont_handled++; }

int main(void)
{
	struct sigaction sa;
	sigset_t chld, old;
	siginfo_t si;
	char states[64];
	pid_t pid;
	int st;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || pipe(pipefd))
		return 1;
	semid = semget(IPC_PRIVATE, 1, 0600);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);

	/* 1: SIGSTOP to a group of six threads */
	pid = fork();
	if (pid == 0)
		group_child();
	CHECK("the child's threads run", wait_started(NTHREADS - 1));
	sleep_ms(50);	/* the three sleepers reach their sleep */
	CHECK("both spinners advance", both_advance());
	kill(pid, SIGSTOP);
	CHECK_EQ("wait4 WUNTRACED reports the stopped group", waitpid(pid, &st, WUNTRACED), pid);
	CHECK("WIFSTOPPED with WSTOPSIG SIGSTOP", WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	CHECK_EQ("and the group has six threads", task_states(pid, states, sizeof(states)), NTHREADS);
	CHECK("when wait4 reports it, every thread is stopped (T)", all_are(states, 'T'));
	{
		unsigned long a = sh->busy[0], b = sh->busy[1];

		sleep_ms(200);
		CHECK("a busy thread's counter does not move while the group is stopped",
		      sh->busy[0] == a && sh->busy[1] == b);
	}
	sigprocmask(SIG_BLOCK, &chld, &old);
	CHECK_EQ("one SIGCHLD for the whole group's stop", chld_stopped, 1);
	CHECK_EQ("its si_status is SIGSTOP", chld_status, SIGSTOP);
	CHECK_EQ("its si_pid is the process", chld_pid, pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_EQ("the stop is reported once", waitpid(pid, &st, WUNTRACED | WNOHANG), 0);

	/* the sleepers were woken to stop: they must be asleep where they were once resumed */
	kill(pid, SIGCONT);
	CHECK_EQ("wait4 WCONTINUED reports the continue", waitpid(pid, &st, WCONTINUED), pid);
	CHECK("WIFCONTINUED", WIFCONTINUED(st));
	CHECK("SIGCONT resumes both spinners", both_advance());
	for (int i = 0; i < 1000 && !chld_continued; i++)
		sleep_ms(1);
	CHECK_EQ("SIGCHLD with CLD_CONTINUED", chld_continued, 1);
	sleep_ms(50);
	CHECK("the sleepers still sleep after the stop (read, semop, futex restarted)",
	      !sh->woke_read && !sh->woke_semop && !sh->woke_futex);
	{
		struct sembuf up = { 0, 1, 0 };

		write(pipefd[1], "x", 1);
		semop(semid, &up, 1);
		sh->futex_word = 1;
		syscall(SYS_futex, &sh->futex_word, FUTEX_WAKE, 1, NULL, NULL, 0);
		for (int i = 0; i < 2000 && !(sh->woke_read && sh->woke_semop && sh->woke_futex); i++)
			sleep_ms(1);
		CHECK("after SIGCONT, the read returns the byte", sh->woke_read);
		CHECK("after SIGCONT, semop completes", sh->woke_semop);
		CHECK_EQ("the stopped semop failed with EINTR once (Linux's exception to restarting)",
			 sh->semop_eintr, 1);
		CHECK("after SIGCONT, FUTEX_WAIT is woken", sh->woke_futex);
	}

	/* 2: waitid WSTOPPED / WCONTINUED, by SIGTSTP in a process group of its own */
	chld_stopped = chld_continued = 0;
	setpgid(pid, pid);
	kill(pid, SIGTSTP);
	memset(&si, 0, sizeof(si));
	CHECK_EQ("waitid WSTOPPED", waitid(P_PID, pid, &si, WSTOPPED), 0);
	CHECK("CLD_STOPPED, si_status SIGTSTP, si_pid the process",
	      si.si_code == CLD_STOPPED && si.si_status == SIGTSTP && si.si_pid == pid);
	task_states(pid, states, sizeof(states));
	CHECK("SIGTSTP stops every thread", all_are(states, 'T'));
	kill(pid, SIGCONT);
	memset(&si, 0, sizeof(si));
	CHECK_EQ("waitid WCONTINUED", waitid(P_PID, pid, &si, WCONTINUED), 0);
	CHECK("CLD_CONTINUED, si_status SIGCONT", si.si_code == CLD_CONTINUED && si.si_status == SIGCONT);

	/* a second SIGCONT before the parent looked keeps the continue to report */
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGCONT);
	sleep_ms(20);
	kill(pid, SIGCONT);
	CHECK_EQ("SIGCONT twice: WCONTINUED still reports it", waitpid(pid, &st, WCONTINUED | WNOHANG), pid);
	CHECK("and once", WIFCONTINUED(st) && waitpid(pid, &st, WCONTINUED | WNOHANG) == 0);

	/* 3: SIGKILL ends a stopped group */
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	CHECK("stopped again", WIFSTOPPED(st));
	kill(pid, SIGKILL);
	CHECK_EQ("SIGKILL reaches the stopped group", waitpid(pid, &st, 0), pid);
	CHECK("killed by SIGKILL", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	/* 4: a thread stops itself (tgkill SIGSTOP): the group stops; SIGCONT runs the handler once */
	memset((void *)sh, 0, sizeof(*sh));
	chld_stopped = 0;
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		signal(SIGCONT, on_cont);
		pthread_create(&t, NULL, spin, (void *)0);
		while (!sh->started)
			sleep_ms(1);
		pthread_create(&t, NULL, stopper, NULL);
		for (;;)
			pause();
	}
	CHECK_EQ("a thread-directed SIGSTOP stops the group", waitpid(pid, &st, WUNTRACED), pid);
	CHECK("WSTOPSIG SIGSTOP", WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	task_states(pid, states, sizeof(states));
	CHECK("all three threads stopped", strlen(states) == 3 && all_are(states, 'T'));
	{
		unsigned long a = sh->busy[0];

		sleep_ms(100);
		CHECK("the other thread's counter does not move", sh->busy[0] == a);
	}
	kill(pid, SIGCONT);
	CHECK("both threads run again", both_advance());
	for (int i = 0; i < 1000 && !sh->cont_handled; i++)
		sleep_ms(1);
	CHECK_EQ("the SIGCONT handler ran once", sh->cont_handled, 1);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	CHECK("and SIGKILL ends it", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	/* 5: SA_NOCLDSTOP: no SIGCHLD, wait4 still reports */
	sa.sa_flags |= SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	chld_stopped = 0;
	memset((void *)sh, 0, sizeof(*sh));
	pid = fork();
	if (pid == 0)
		group_child();
	wait_started(NTHREADS - 1);
	kill(pid, SIGSTOP);
	CHECK_EQ("SA_NOCLDSTOP: wait4 still reports the stop", waitpid(pid, &st, WUNTRACED), pid);
	sleep_ms(20);
	CHECK_EQ("SA_NOCLDSTOP: no SIGCHLD for it", chld_stopped, 0);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);

	semctl(semid, 0, IPC_RMID);
	return utest_done();
}

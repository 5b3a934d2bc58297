/*
 * thread_group.c - thread groups (issue 16): clone's refused flag
 * combinations and clone3's ENOSYS, exit_group with threads asleep in read,
 * semop and msgrcv, a process-directed signal taken by the one thread that
 * does not block it, a fatal signal killing the group, wait4 seeing the
 * leader only once the group is gone, execve from a non-leader thread, and a
 * CLONE_SYSVSEM undo list applied once at group exit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

static long raw_clone(unsigned long flags)
{
	return syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);
}

static int pipefd[2], semid, msqid;

static void *read_pipe(void *a) { char c; (void)a; read(pipefd[0], &c, 1); return NULL; }
static void *do_semop(void *a)
{
	struct sembuf op = { 0, -1, 0 };
	(void)a;
	semop(semid, &op, 1);
	return NULL;
}
static void *do_msgrcv(void *a)
{
	struct { long t; char b[8]; } m;
	(void)a;
	msgrcv(msqid, &m, sizeof(m.b), 0, 0);
	return NULL;
}

/* child: three threads asleep, then exit_group(7) from another thread */
static void *exiter(void *a) { (void)a; usleep(100000); syscall(SYS_exit_group, 7); return NULL; }

static int exit_group_case(void)
{
	pid_t pid = fork();
	int st = 0;

	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, read_pipe, NULL);
		pthread_create(&t, NULL, do_semop, NULL);
		pthread_create(&t, NULL, do_msgrcv, NULL);
		pthread_create(&t, NULL, exiter, NULL);
		pause();
		_exit(1);
	}
	waitpid(pid, &st, 0);
	return st;
}

static volatile pid_t handled_by;
static pid_t unblocked_tid;
static volatile int ready;
static void on_usr1(int s) { (void)s; handled_by = syscall(SYS_gettid); }
static void *unblocker(void *a)
{
	sigset_t m;
	(void)a;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &m, NULL);
	unblocked_tid = syscall(SYS_gettid);
	ready = 1;
	while (!handled_by)
		usleep(1000);
	return NULL;
}

static pid_t blocked_tid;
static volatile int blocker_got;
static void *blocker(void *a)
{
	sigset_t m;
	siginfo_t si;
	struct timespec ts = { 5, 0 };

	(void)a;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &m, NULL);
	blocked_tid = syscall(SYS_gettid);
	ready = 1;
	while (ready != 2)
		usleep(1000);
	if (sigtimedwait(&m, &si, &ts) == SIGUSR2 && si.si_code == SI_QUEUE)
		blocker_got = si.si_value.sival_int;
	return NULL;
}

static void *leader_exit_sleeper(void *a) { (void)a; usleep(300000); return (void *)0; }

static char exe[4096] = "/proc/self/exe";	/* our path: a zombie leader has no exe link */
static void *execer(void *a)
{
	(void)a;
	usleep(50000);
	execl(exe, "thread_group", "exec-child", NULL);
	_exit(99);
}

static int sid;
static void *undo_thread(void *a)
{
	struct sembuf op = { 0, -2, SEM_UNDO };

	(void)a;
	semop(sid, &op, 1);
	return NULL;
}

static void *sleeper(void *a) { (void)a; for (;;) pause(); return NULL; }
static void *spinner(void *a) { for (;;) (*(volatile int *)&ready)++; return a; }

int main(int argc, char **argv)
{
	int st;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return 33;
	{
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		if (n > 0)
			exe[n] = 0;
	}

	CHECK_ERR("CLONE_THREAD without CLONE_SIGHAND", raw_clone(CLONE_THREAD | CLONE_VM), EINVAL);
	CHECK_ERR("CLONE_SIGHAND without CLONE_VM", raw_clone(CLONE_SIGHAND), EINVAL);
	errno = 0;
	CHECK("clone3: ENOSYS here (glibc falls back to clone), EINVAL for size 0 on Linux",
	      syscall(435, NULL, 0) == -1 && (errno == ENOSYS || errno == EINVAL));

	/* exit_group with threads asleep in read, semop, msgrcv */
	pipe(pipefd);
	semid = semget(IPC_PRIVATE, 1, 0600);
	msqid = msgget(IPC_PRIVATE, 0600);
	st = exit_group_case();
	CHECK("exit_group: the group exits with its code", WIFEXITED(st) && WEXITSTATUS(st) == 7);
	{
		struct semid_ds ds;
		union { int v; struct semid_ds *b; } arg = { .b = &ds };
		struct msqid_ds mds;

		semctl(semid, 0, IPC_STAT, arg);
		msgctl(msqid, IPC_STAT, &mds);
		CHECK_EQ("no semop waiter left", semctl(semid, 0, GETNCNT), 0);
		CHECK_EQ("no msgrcv waiter left", mds.msg_qnum, 0);
	}

	/* a process-directed signal goes to the one thread not blocking it */
	{
		sigset_t m;
		pthread_t t;

		signal(SIGUSR1, on_usr1);
		sigemptyset(&m);
		sigaddset(&m, SIGUSR1);
		pthread_sigmask(SIG_BLOCK, &m, NULL);
		pthread_create(&t, NULL, unblocker, NULL);
		while (!ready)
			usleep(1000);
		kill(getpid(), SIGUSR1);
		pthread_join(t, NULL);
		CHECK_EQ("kill(getpid()) handled by the unblocking thread", handled_by, unblocked_tid);
		pthread_sigmask(SIG_UNBLOCK, &m, NULL);
	}

	/* tgkill to one thread */
	{
		pthread_t t;

		handled_by = 0;
		ready = 0;
		pthread_create(&t, NULL, unblocker, NULL);
		while (!ready)
			usleep(1000);
		CHECK_OK("tgkill", syscall(SYS_tgkill, getpid(), unblocked_tid, SIGUSR1));
		pthread_join(t, NULL);
		CHECK_EQ("tgkill reaches that thread", handled_by, unblocked_tid);
		CHECK_ERR("tgkill with the wrong tgid", syscall(SYS_tgkill, getpid() + 100000, unblocked_tid, 0), ESRCH);
	}

	/* thread-directed stays with its thread even when it blocks it and others do not */
	{
		pthread_t t;
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		si.si_code = SI_QUEUE;
		si.si_value.sival_int = 77;
		handled_by = 0;
		ready = 0;
		signal(SIGUSR2, on_usr1);
		pthread_create(&t, NULL, blocker, NULL);
		while (!ready)
			usleep(1000);
		CHECK_OK("rt_tgsigqueueinfo to a thread that blocks it",
			 syscall(SYS_rt_tgsigqueueinfo, getpid(), blocked_tid, SIGUSR2, &si));
		usleep(50000);
		ready = 2;
		pthread_join(t, NULL);
		CHECK_EQ("no other thread took it", handled_by, 0);
		CHECK_EQ("it was pending on that thread, with its value", blocker_got, 77);
		signal(SIGUSR2, SIG_DFL);
	}

	/* a fatal signal kills the whole group */
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, sleeper, NULL);
		pause();
		_exit(1);
	}
	usleep(100000);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	CHECK("SIGTERM kills the group", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);

	/* the leader exits first; wait4 sees it only once the last thread is gone */
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, leader_exit_sleeper, NULL);
		syscall(SYS_exit, 5);	/* this thread only */
	}
	usleep(100000);
	CHECK_EQ("wait4 WNOHANG: the group still runs", waitpid(pid, &st, WNOHANG), 0);
	CHECK_EQ("wait4 then collects the group", waitpid(pid, &st, 0), pid);
	CHECK_EQ("the status is the last thread's exit (glibc: exit(0))", st, 0);

	/* execve from a thread that is not the leader: it takes the pid */
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, execer, NULL);
		for (;;)
			pause();
	}
	CHECK_EQ("exec from a non-leader: wait4 finds the pid", waitpid(pid, &st, 0), pid);
	CHECK("the new program ran and exited 33", WIFEXITED(st) && WEXITSTATUS(st) == 33);

	/* execve from a thread after the leader has exited: de_thread finds a zombie leader */
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, execer, NULL);
		pthread_exit(NULL);	/* the leader goes first */
	}
	CHECK_EQ("exec after the leader exited: wait4 finds the pid", waitpid(pid, &st, 0), pid);
	CHECK("the new program ran and exited 33 (leader gone)", WIFEXITED(st) && WEXITSTATUS(st) == 33);

	/* execve from the leader while threads spin, sleep in read and in pause */
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, read_pipe, NULL);
		pthread_create(&t, NULL, spinner, NULL);
		pthread_create(&t, NULL, spinner, NULL);
		usleep(50000);
		execl("/proc/self/exe", "thread_group", "exec-child", NULL);
		_exit(99);
	}
	CHECK_EQ("exec from the leader with four threads: wait4 finds it", waitpid(pid, &st, 0), pid);
	CHECK("the new program ran and exited 33 (threads killed first)", WIFEXITED(st) && WEXITSTATUS(st) == 33);

	/* CLONE_SYSVSEM (glibc's threads): one undo list, applied once at group exit */
	{
		pthread_t t;

		sid = semget(IPC_PRIVATE, 1, 0600);
		semctl(sid, 0, SETVAL, 10);
		pid = fork();
		if (pid == 0) {
			struct sembuf op = { 0, -1, SEM_UNDO };

			semop(sid, &op, 1);
			pthread_create(&t, NULL, undo_thread, NULL);
			pthread_join(t, NULL);
			/* the thread's -2 is not undone at its exit */
			_exit(semctl(sid, 0, GETVAL) == 7 ? 0 : 1);
		}
		waitpid(pid, &st, 0);
		CHECK("a thread's exit leaves the shared undo list alone", WIFEXITED(st) && WEXITSTATUS(st) == 0);
		CHECK_EQ("the group's exit undoes both, once", semctl(sid, 0, GETVAL), 10);
		semctl(sid, 0, IPC_RMID);
	}
	semctl(semid, 0, IPC_RMID);
	msgctl(msqid, IPC_RMID, NULL);
	return utest_done();
}

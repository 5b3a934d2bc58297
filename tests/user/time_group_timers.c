/*
 * time_group_timers.c - timers belong to the process, not the thread (Linux
 * keeps them in signal_struct): an interval or POSIX timer armed by a thread
 * outlives it and its signal goes to whichever thread does not block it;
 * ITIMER_VIRTUAL/PROF and CLOCK_PROCESS_CPUTIME_ID count every thread's CPU
 * time, CLOCK_THREAD_CPUTIME_ID the one thread's; SIGEV_THREAD_ID names a
 * thread of the caller's group (others EINVAL) and only that thread is told;
 * glibc's SIGEV_THREAD; a fork child has none, exec from a thread keeps the
 * interval timers and drops the POSIX ones.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "utest.h"

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }

static volatile pid_t got_tid;		/* who took the last signal */
static volatile int got_count;
static volatile int got_overrun;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)sig; (void)uc;
	got_tid = gettid_();
	got_count++;
	if (si->si_code == SI_TIMER)
		got_overrun = si->si_overrun;
}

static void handle(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(sig, &sa, NULL);
}

static void block(int sig, int how)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	pthread_sigmask(how, &s, NULL);
}

static double ts_s(const struct timespec *t) { return t->tv_sec + t->tv_nsec / 1e9; }

static double clock_s(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return ts_s(&t);
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

/* wait (at most ms) until got_count reaches n */
static void wait_count(int n, long ms)
{
	while (got_count < n && ms-- > 0)
		sleep_ms(1);
}

/* ---- 1. ITIMER_REAL armed by a thread that exits ---- */

static void *arm_real(void *a)
{
	struct itimerval v = { { 0, 0 }, { 0, 100000 } };	/* 100 ms */

	(void)a;
	setitimer(ITIMER_REAL, &v, NULL);
	return NULL;
}

static void itimer_outlives_thread(void)
{
	pthread_t t;
	struct itimerval o;

	handle(SIGALRM);
	got_count = 0;
	got_tid = 0;
	pthread_create(&t, NULL, arm_real, NULL);
	pthread_join(t, NULL);
	getitimer(ITIMER_REAL, &o);
	CHECK("ITIMER_REAL armed by another thread reads back in main",
	      o.it_value.tv_sec == 0 && o.it_value.tv_usec > 0);
	wait_count(1, 2000);
	CHECK_EQ("its SIGALRM arrives after the arming thread exited", got_count, 1);
	CHECK_EQ("main, the only thread left, takes it", got_tid, gettid_());
}

/* ---- 2. the signal goes to a thread that does not block it ---- */

static volatile int stop_waiter;
static volatile pid_t waiter_tid;

static void *waiter(void *a)
{
	int sig = (int)(long)a;

	waiter_tid = gettid_();
	block(sig, SIG_UNBLOCK);
	while (!stop_waiter)
		sleep_ms(1);
	return NULL;
}

static void start_waiter(pthread_t *t, int sig)
{
	stop_waiter = 0;
	waiter_tid = 0;
	pthread_create(t, NULL, waiter, (void *)(long)sig);
	while (!waiter_tid)
		sleep_ms(1);
}

static void stop_waiter_thread(pthread_t t)
{
	stop_waiter = 1;
	pthread_join(t, NULL);
}

static void group_delivery(void)
{
	pthread_t t;
	struct itimerval v = { { 0, 20000 }, { 0, 20000 } };	/* 20 ms, re-armed */
	struct itimerval off = { { 0, 0 }, { 0, 0 } };

	block(SIGALRM, SIG_BLOCK);	/* main blocks it; the waiter inherits that, then unblocks */
	start_waiter(&t, SIGALRM);
	got_count = 0;
	got_tid = 0;
	setitimer(ITIMER_REAL, &v, NULL);
	wait_count(3, 3000);
	setitimer(ITIMER_REAL, &off, NULL);
	CHECK("an interval ITIMER_REAL keeps firing (3 SIGALRM)", got_count >= 3);
	CHECK_EQ("the thread that does not block SIGALRM takes it", got_tid, waiter_tid);
	stop_waiter_thread(t);
	block(SIGALRM, SIG_UNBLOCK);
}

/* ---- 3. ITIMER_PROF / ITIMER_VIRTUAL count the whole group's CPU time ---- */

static volatile int burning;

static void *burner(void *a)
{
	(void)a;
	while (burning)
		;
	return NULL;
}

static void cpu_itimers(int which, int sig, const char *what)
{
	pthread_t t;
	struct itimerval v = { { 0, 0 }, { 0, 100000 } };	/* 100 ms of CPU */
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	char msg[128];

	handle(sig);
	got_count = 0;
	burning = 1;
	pthread_create(&t, NULL, burner, NULL);
	setitimer(which, &v, NULL);
	/* main only sleeps: a timer counting main's time alone would never run out */
	wait_count(1, 5000);
	burning = 0;
	pthread_join(t, NULL);
	setitimer(which, &off, NULL);
	snprintf(msg, sizeof(msg), "%s counts another thread's CPU time (the signal came)", what);
	CHECK(msg, got_count >= 1);
	signal(sig, SIG_DFL);
}

/* ---- 4. process and thread CPU clocks ---- */

static double burned_thread_s;

static void *burn_150(void *a)
{
	(void)a;
	while (clock_s(CLOCK_THREAD_CPUTIME_ID) < 0.15)
		;
	burned_thread_s = clock_s(CLOCK_THREAD_CPUTIME_ID);
	return NULL;
}

static void cpu_clocks(void)
{
	pthread_t t;
	double p0 = clock_s(CLOCK_PROCESS_CPUTIME_ID), m0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
	double p1, m1;

	pthread_create(&t, NULL, burn_150, NULL);
	pthread_join(t, NULL);
	p1 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
	m1 = clock_s(CLOCK_THREAD_CPUTIME_ID);
	CHECK("CLOCK_PROCESS_CPUTIME_ID counts a (finished) thread's 150 ms",
	      p1 - p0 >= burned_thread_s - 0.02);
	CHECK("CLOCK_THREAD_CPUTIME_ID of main does not", m1 - m0 < 0.1);
}

/* clock_nanosleep on the process's CPU clock returns once another thread has burnt it */
static void cpu_clock_sleep(void)
{
	pthread_t t;
	struct timespec ts, rel = { 0, 100000000 };
	clockid_t pc;
	int r;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	ts.tv_nsec += 100000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	burning = 1;
	pthread_create(&t, NULL, burner, NULL);
	r = clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME, &ts, NULL);
	CHECK_EQ("clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME) returns", r, 0);
	CHECK("once the process's CPU time got there", clock_s(CLOCK_PROCESS_CPUTIME_ID) >= ts_s(&ts) - 0.002);
	r = clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &rel, NULL);
	CHECK_EQ("and a relative 100 ms of it", r, 0);
	burning = 0;
	pthread_join(t, NULL);
	CHECK_EQ("CLOCK_THREAD_CPUTIME_ID cannot be slept on: EINVAL",
		 clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &rel, NULL), EINVAL);
	pthread_getcpuclockid(pthread_self(), &pc);
	CHECK_EQ("nor a thread's clock from pthread_getcpuclockid",
		 clock_nanosleep(pc, 0, &rel, NULL), EINVAL);
	clock_getcpuclockid(0, &pc);
	CHECK_OK("clock_getcpuclockid(0)'s clock reads", clock_gettime(pc, &ts));
	CHECK("as the process clock does", fabs(ts_s(&ts) - clock_s(CLOCK_PROCESS_CPUTIME_ID)) < 0.05);
}

/* ---- 5. POSIX timers: the process's, signal to the group ---- */

static timer_t made_timer;
static int made_ok;

static void *make_timer(void *a)
{
	struct sigevent ev;
	struct itimerspec its = { { 0, 0 }, { 0, 100000000 } };	/* 100 ms */

	(void)a;
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	made_ok = timer_create(CLOCK_MONOTONIC, &ev, &made_timer) == 0 &&
		  timer_settime(made_timer, 0, &its, NULL) == 0;
	return NULL;
}

static void posix_timer_outlives_thread(void)
{
	pthread_t t;
	struct itimerspec cur;

	handle(SIGUSR1);
	got_count = 0;
	got_tid = 0;
	pthread_create(&t, NULL, make_timer, NULL);
	pthread_join(t, NULL);
	CHECK("a thread creates and arms a POSIX timer", made_ok);
	CHECK_OK("main reads it after the thread exited", timer_gettime(made_timer, &cur));
	CHECK("and it is still armed", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0);
	wait_count(1, 2000);
	CHECK_EQ("its signal arrives after the creating thread exited", got_count, 1);
	CHECK_EQ("main takes it", got_tid, gettid_());
	CHECK_OK("main deletes it", timer_delete(made_timer));
}

static void posix_group_delivery(void)
{
	pthread_t t;
	timer_t id;
	struct sigevent ev;
	struct itimerspec its = { { 0, 20000000 }, { 0, 20000000 } };

	handle(SIGUSR1);
	block(SIGUSR1, SIG_BLOCK);
	start_waiter(&t, SIGUSR1);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	got_count = 0;
	got_tid = 0;
	timer_create(CLOCK_MONOTONIC, &ev, &id);
	timer_settime(id, 0, &its, NULL);
	wait_count(3, 3000);
	timer_delete(id);
	CHECK("a SIGEV_SIGNAL interval timer fires 3 times", got_count >= 3);
	CHECK_EQ("the thread not blocking the signal takes it", got_tid, waiter_tid);
	stop_waiter_thread(t);
	block(SIGUSR1, SIG_UNBLOCK);
}

/* a process-CPU-clock timer runs out on another thread's CPU time */
static void posix_process_cpu_timer(void)
{
	pthread_t t;
	timer_t id;
	struct sigevent ev;
	struct itimerspec its = { { 0, 0 }, { 0, 100000000 } };

	handle(SIGUSR2);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR2;
	got_count = 0;
	CHECK_OK("timer_create(CLOCK_PROCESS_CPUTIME_ID)",
		 timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &id));
	timer_settime(id, 0, &its, NULL);
	burning = 1;
	pthread_create(&t, NULL, burner, NULL);
	wait_count(1, 5000);
	burning = 0;
	pthread_join(t, NULL);
	CHECK("it runs out on another thread's CPU time", got_count >= 1);
	timer_delete(id);
}

/* ---- 6. SIGEV_THREAD_ID ---- */

static void *thread_id_target(void *a)
{
	(void)a;
	waiter_tid = gettid_();
	while (!stop_waiter)
		sleep_ms(1);
	return NULL;
}

static pid_t cpu_timer_tid;
static timer_t cpu_timer;
static void *make_thread_cpu_timer(void *a)
{
	struct sigevent ev;

	(void)a;
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_NONE;
	cpu_timer_tid = gettid_();
	timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &cpu_timer);
	return NULL;
}

static void sigev_thread_id(void)
{
	pthread_t t;
	timer_t id;
	struct sigevent ev;
	struct itimerspec its = { { 0, 20000000 }, { 0, 20000000 } }, cur;
	pid_t child;
	int st;

	handle(SIGUSR1);
	stop_waiter = 0;
	waiter_tid = 0;
	pthread_create(&t, NULL, thread_id_target, NULL);
	while (!waiter_tid)
		sleep_ms(1);

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID | SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_notify_thread_id = waiter_tid;
	got_count = 0;
	got_tid = 0;
	CHECK_OK("timer_create(SIGEV_THREAD_ID) naming a thread of ours",
		 timer_create(CLOCK_MONOTONIC, &ev, &id));
	timer_settime(id, 0, &its, NULL);
	/* main does not block SIGUSR1: a group-directed signal could come here */
	wait_count(4, 3000);
	its.it_value.tv_nsec = its.it_interval.tv_nsec = 0;
	timer_settime(id, 0, &its, NULL);
	CHECK("it fires 4 times", got_count >= 4);
	CHECK_EQ("only the named thread is told", got_tid, waiter_tid);
	stop_waiter = 1;
	pthread_join(t, NULL);
	/* the named thread has gone: the timer is still the process's */
	CHECK_OK("the timer outlives its target thread (timer_gettime)", timer_gettime(id, &cur));
	its.it_value.tv_nsec = 10000000;
	got_count = 0;
	CHECK_OK("and can be armed again", timer_settime(id, 0, &its, NULL));
	sleep_ms(100);
	CHECK_EQ("but tells nobody", got_count, 0);
	CHECK_OK("and is deleted", timer_delete(id));

	ev.sigev_notify_thread_id = 0;
	CHECK_ERR("SIGEV_THREAD_ID tid 0: EINVAL", timer_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.sigev_notify_thread_id = -5;
	CHECK_ERR("SIGEV_THREAD_ID tid -5: EINVAL", timer_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.sigev_notify_thread_id = waiter_tid;	/* reaped by now */
	CHECK_ERR("SIGEV_THREAD_ID of an exited thread: EINVAL",
		  timer_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	ev.sigev_notify_thread_id = child;
	CHECK_ERR("SIGEV_THREAD_ID of another process: EINVAL",
		  timer_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	kill(child, SIGKILL);
	waitpid(child, &st, 0);
	ev.sigev_notify = SIGEV_THREAD_ID | SIGEV_NONE;	/* only with SIGEV_SIGNAL (0) */
	ev.sigev_notify_thread_id = gettid_();
	CHECK_ERR("SIGEV_THREAD_ID | SIGEV_NONE: EINVAL",
		  timer_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.sigev_notify = SIGEV_THREAD_ID | SIGEV_SIGNAL;
	ev.sigev_signo = 0;
	CHECK_ERR("SIGEV_THREAD_ID with signal 0: EINVAL",
		  timer_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev.sigev_signo = SIGUSR1;
	CHECK_OK("SIGEV_THREAD_ID naming main itself",
		 timer_create(CLOCK_MONOTONIC, &ev, &id));
	timer_delete(id);

	/* a timer on a thread's CPU clock whose thread is gone */
	pthread_create(&t, NULL, make_thread_cpu_timer, NULL);
	pthread_join(t, NULL);
	its.it_value.tv_sec = 1;
	CHECK_ERR("timer_settime on a CPU-clock timer of an exited thread: ESRCH",
		  timer_settime(cpu_timer, 0, &its, NULL), ESRCH);
	CHECK_OK("it can still be deleted", timer_delete(cpu_timer));
}

/* ---- churn: threads making timers aimed at themselves, exiting with them armed ---- */

#define CHURN_THREADS 4
#define CHURN_ROUNDS 50
static timer_t churn_left[CHURN_THREADS];
static int churn_bad;

static void *churner(void *a)
{
	int me = (int)(long)a, i;
	struct sigevent ev;
	struct itimerspec its = { { 0, 1000000 }, { 0, 1000000 } };	/* every 1 ms */
	timer_t id;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID | SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR2;
	ev.sigev_notify_thread_id = gettid_();
	for (i = 0; i < CHURN_ROUNDS; i++) {
		if (timer_create(CLOCK_MONOTONIC, &ev, &id) || timer_settime(id, 0, &its, NULL)) {
			churn_bad++;
			break;
		}
		sleep_ms(1);
		if (timer_delete(id))
			churn_bad++;
	}
	/* one left armed as the thread exits: the process keeps it, silent */
	timer_create(CLOCK_MONOTONIC, &ev, &churn_left[me]);
	timer_settime(churn_left[me], 0, &its, NULL);
	return NULL;
}

static void churn(void)
{
	pthread_t t[CHURN_THREADS];
	struct itimerspec cur;
	int i, ok = 1;

	handle(SIGUSR2);
	for (i = 0; i < CHURN_THREADS; i++)
		pthread_create(&t[i], NULL, churner, (void *)(long)i);
	for (i = 0; i < CHURN_THREADS; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ("4 threads x 50 create/arm/delete of a 1 ms SIGEV_THREAD_ID timer", churn_bad, 0);
	for (i = 0; i < CHURN_THREADS; i++)
		for (int j = 0; j < i; j++)
			ok &= churn_left[i] != churn_left[j];
	CHECK("the timers left by the threads have distinct ids", ok);
	sleep_ms(20);
	for (i = 0; i < CHURN_THREADS; i++)
		ok &= timer_gettime(churn_left[i], &cur) == 0 && timer_delete(churn_left[i]) == 0;
	CHECK("they outlive their threads and are deleted by main", ok);
	signal(SIGUSR2, SIG_DFL);
}

/* ---- 7. glibc's SIGEV_THREAD: a helper thread and SIGEV_THREAD_ID underneath ---- */

static volatile int thread_calls;
static volatile pid_t thread_call_tid;
static void on_expiry(union sigval v)
{
	thread_calls += v.sival_int;
	thread_call_tid = gettid_();
}

static void sigev_thread(void)
{
	timer_t id;
	struct sigevent ev;
	struct itimerspec its = { { 0, 20000000 }, { 0, 20000000 } };
	int i;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_notify_function = on_expiry;
	ev.sigev_value.sival_int = 1;
	CHECK_OK("timer_create(SIGEV_THREAD) through glibc",
		 timer_create(CLOCK_MONOTONIC, &ev, &id));
	CHECK_OK("timer_settime of it", timer_settime(id, 0, &its, NULL));
	for (i = 0; i < 3000 && thread_calls < 3; i++)
		sleep_ms(1);
	CHECK_OK("timer_delete of it", timer_delete(id));
	CHECK("the function ran 3 times", thread_calls >= 3);
	CHECK("in another thread", thread_call_tid && thread_call_tid != gettid_());
}

/* ---- 8. fork and exec ---- */

static void fork_child_has_none(void)
{
	timer_t id;
	struct sigevent ev;
	struct itimerspec its = { { 5, 0 }, { 5, 0 } }, cur;
	struct itimerval v = { { 0, 0 }, { 5, 0 } };
	pid_t pid;
	int st;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_NONE;
	timer_create(CLOCK_MONOTONIC, &ev, &id);
	timer_settime(id, 0, &its, NULL);
	setitimer(ITIMER_REAL, &v, NULL);
	setitimer(ITIMER_VIRTUAL, &v, NULL);
	pid = fork();
	if (pid == 0) {
		struct itimerval r, vt;
		int bad = timer_gettime(id, &cur) == -1 && errno == EINVAL;

		getitimer(ITIMER_REAL, &r);
		getitimer(ITIMER_VIRTUAL, &vt);
		_exit(!(bad && !r.it_value.tv_sec && !r.it_value.tv_usec &&
			!vt.it_value.tv_sec && !vt.it_value.tv_usec));
	}
	waitpid(pid, &st, 0);
	CHECK("a fork child has no POSIX timer and no interval timer",
	      WIFEXITED(st) && WEXITSTATUS(st) == 0);
	timer_delete(id);
	v.it_value.tv_sec = 0;
	setitimer(ITIMER_REAL, &v, NULL);
	setitimer(ITIMER_VIRTUAL, &v, NULL);
}

/* the image exec'd by a thread of a threaded process */
static int exec_check(void)
{
	struct itimerval r;
	struct itimerspec cur;

	getitimer(ITIMER_REAL, &r);
	if (!(r.it_value.tv_sec >= 5 && r.it_value.tv_sec <= 7 && r.it_interval.tv_sec == 3))
		return 1;
	/* timer id 0 was the old image's: gone */
	if (!(timer_gettime((timer_t)0, &cur) == -1 && errno == EINVAL))
		return 2;
	return 0;
}

static const char *self;
static void *exec_from_thread(void *a)
{
	(void)a;
	execl(self, self, "exec-check", (char *)NULL);
	_exit(99);
}

static void exec_keeps_itimers(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct itimerval v = { { 3, 0 }, { 7, 0 } };
		struct sigevent ev;
		timer_t id;
		pthread_t t;

		memset(&ev, 0, sizeof(ev));
		ev.sigev_notify = SIGEV_NONE;
		if (timer_create(CLOCK_MONOTONIC, &ev, &id))
			_exit(98);
		setitimer(ITIMER_REAL, &v, NULL);
		pthread_create(&t, NULL, exec_from_thread, NULL);
		for (;;)
			pause();
	}
	waitpid(pid, &st, 0);
	CHECK("exec by a non-leader thread keeps ITIMER_REAL and drops the POSIX timers",
	      WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-check"))
		return exec_check();
	self = argv[0];
	itimer_outlives_thread();
	group_delivery();
	cpu_itimers(ITIMER_PROF, SIGPROF, "ITIMER_PROF");
	cpu_itimers(ITIMER_VIRTUAL, SIGVTALRM, "ITIMER_VIRTUAL");
	cpu_clocks();
	cpu_clock_sleep();
	posix_timer_outlives_thread();
	posix_group_delivery();
	posix_process_cpu_timer();
	sigev_thread_id();
	sigev_thread();
	churn();
	fork_child_has_none();
	exec_keeps_itimers();
	return utest_done();
}

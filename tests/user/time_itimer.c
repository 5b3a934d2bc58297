/*
 * time_itimer.c - setitimer/getitimer and alarm: the three timers, their
 * signals and re-arming, ITIMER_REAL shared with alarm, kept across exec and
 * cleared in a fork child; an interval timer breaking a blocking pipe read,
 * msgrcv and semop with EINTR, and the read restarted under SA_RESTART while
 * the System V calls are not (Linux never restarts them); bad arguments.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

static volatile int alarms, vtalrms, profs;
static int wake_fd = -1;	/* the handler writes here after 'wake_after' signals */
static int wake_after;

static void on_alarm(int sig)
{
	(void)sig;
	if (++alarms == wake_after && wake_fd >= 0) {
		struct itimerval off = { { 0, 0 }, { 0, 0 } };

		setitimer(ITIMER_REAL, &off, NULL);
		write(wake_fd, "x", 1);
	}
}
static void on_vtalrm(int sig) { (void)sig; vtalrms++; }
static void on_prof(int sig) { (void)sig; profs++; }

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double tv_s(const struct timeval *tv)
{
	return tv->tv_sec + tv->tv_usec / 1e6;
}

static void set_real(long sec, long usec, long isec, long iusec)
{
	struct itimerval v = { { isec, iusec }, { sec, usec } };

	setitimer(ITIMER_REAL, &v, NULL);
}

static void bad_arguments(void)
{
	struct itimerval v = { { 0, 0 }, { 1, 0 } }, o;

	CHECK_ERR("setitimer which=3: EINVAL", setitimer(3, &v, NULL), EINVAL);
	CHECK_ERR("setitimer which=-1: EINVAL", setitimer(-1, &v, NULL), EINVAL);
	CHECK_ERR("getitimer which=3: EINVAL", getitimer(3, &o), EINVAL);
	v.it_value.tv_usec = 1000000;
	CHECK_ERR("it_value.tv_usec 1000000: EINVAL", setitimer(ITIMER_REAL, &v, NULL), EINVAL);
	v.it_value.tv_usec = -1;
	CHECK_ERR("it_value.tv_usec -1: EINVAL", setitimer(ITIMER_REAL, &v, NULL), EINVAL);
	v.it_value.tv_usec = 0;
	v.it_value.tv_sec = -1;
	CHECK_ERR("it_value.tv_sec -1: EINVAL", setitimer(ITIMER_REAL, &v, NULL), EINVAL);
	v.it_value.tv_sec = 1;
	v.it_interval.tv_usec = 2000000;
	CHECK_ERR("it_interval.tv_usec 2000000: EINVAL", setitimer(ITIMER_VIRTUAL, &v, NULL), EINVAL);
	v.it_interval.tv_usec = 0;
	v.it_interval.tv_sec = -5;
	CHECK_ERR("it_interval.tv_sec -5: EINVAL", setitimer(ITIMER_PROF, &v, NULL), EINVAL);
	CHECK_ERR("setitimer value at a bad address: EFAULT",
		  syscall(SYS_setitimer, ITIMER_REAL, (void *)8, NULL), EFAULT);
	CHECK_ERR("getitimer to a bad address: EFAULT",
		  syscall(SYS_getitimer, ITIMER_REAL, (void *)8), EFAULT);
	getitimer(ITIMER_REAL, &o);
	CHECK("nothing armed by the refused calls", !o.it_value.tv_sec && !o.it_value.tv_usec);
	/* a huge value is fine: it just never comes */
	v.it_interval.tv_sec = 0;
	v.it_value.tv_sec = 0x7fffffff;
	CHECK_OK("setitimer 2^31-1 seconds", setitimer(ITIMER_REAL, &v, NULL));
	getitimer(ITIMER_REAL, &o);
	CHECK("getitimer reads it back", o.it_value.tv_sec > 0x7fffff00);
	set_real(0, 0, 0, 0);
}

static void reading_back(void)
{
	struct itimerval v, o;
	int w;

	for (w = ITIMER_REAL; w <= ITIMER_PROF; w++) {
		getitimer(w, &o);
		CHECK("a fresh process has no timer", !o.it_value.tv_sec && !o.it_value.tv_usec &&
		      !o.it_interval.tv_sec && !o.it_interval.tv_usec);
	}
	set_real(1, 500000, 0, 250000);
	getitimer(ITIMER_REAL, &o);
	CHECK("ITIMER_REAL counts down from 1.5 s", tv_s(&o.it_value) <= 1.5 && tv_s(&o.it_value) > 1.3);
	CHECK_EQ("and keeps its interval", o.it_interval.tv_usec, 250000);
	v = (struct itimerval){ { 0, 0 }, { 0, 0 } };
	CHECK_OK("disarm, asking for the old value", setitimer(ITIMER_REAL, &v, &o));
	CHECK("the old value came back", tv_s(&o.it_value) <= 1.5 && tv_s(&o.it_value) > 1.3);
	getitimer(ITIMER_REAL, &o);
	CHECK("disarmed", !o.it_value.tv_sec && !o.it_value.tv_usec);

	/* alarm is ITIMER_REAL in seconds */
	CHECK_EQ("alarm(5) with nothing pending returns 0", alarm(5), 0);
	getitimer(ITIMER_REAL, &o);
	CHECK("getitimer sees alarm's 5 s", tv_s(&o.it_value) <= 5.0 && tv_s(&o.it_value) > 4.8);
	set_real(3, 0, 0, 0);
	CHECK_EQ("alarm(0) returns what setitimer left (3 s)", alarm(0), 3);
	set_real(0, 200000, 0, 0);
	CHECK_EQ("alarm rounds 0.2 s left up to 1", alarm(0), 1);
	set_real(2, 700000, 0, 0);
	CHECK_EQ("alarm rounds 2.7 s left to 3", alarm(0), 3);

	v = (struct itimerval){ { 0, 0 }, { 2, 0 } };
	setitimer(ITIMER_VIRTUAL, &v, NULL);
	getitimer(ITIMER_VIRTUAL, &o);
	CHECK("ITIMER_VIRTUAL reads back 2 s (and up to a tick)", tv_s(&o.it_value) <= 2.0101 && tv_s(&o.it_value) > 1.8);
	setitimer(ITIMER_PROF, &v, NULL);
	getitimer(ITIMER_PROF, &o);
	CHECK("ITIMER_PROF reads back 2 s (and up to a tick)", tv_s(&o.it_value) <= 2.0101 && tv_s(&o.it_value) > 1.8);
	w = fork();
	if (w == 0) {
		int bad = 0;

		for (int i = ITIMER_REAL; i <= ITIMER_PROF; i++) {
			getitimer(i, &o);
			bad |= o.it_value.tv_sec || o.it_value.tv_usec;
		}
		_exit(bad);
	}
	set_real(4, 0, 0, 0);
	{
		int st;

		waitpid(w, &st, 0);
		CHECK("a fork child starts with no timer armed", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	getitimer(ITIMER_VIRTUAL, &o);
	CHECK("the parent keeps its ITIMER_VIRTUAL", o.it_value.tv_sec || o.it_value.tv_usec);
	v = (struct itimerval){ { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_VIRTUAL, &v, NULL);
	setitimer(ITIMER_PROF, &v, NULL);
	setitimer(ITIMER_REAL, &v, NULL);
}

static void interval_rearms(void)
{
	double t0 = now_s();

	handle(SIGALRM, on_alarm, 0);
	alarms = 0;
	set_real(0, 10000, 0, 10000);
	while (alarms < 5 && now_s() - t0 < 5)
		pause();
	set_real(0, 0, 0, 0);
	CHECK_EQ("a 10 ms interval timer fires again and again", alarms >= 5, 1);
	CHECK("five periods take at least 45 ms", now_s() - t0 >= 0.045);

	/* CPU-time timers tick only while we run */
	handle(SIGVTALRM, on_vtalrm, 0);
	handle(SIGPROF, on_prof, 0);
	{
		struct itimerval v = { { 0, 5000 }, { 0, 5000 } };

		setitimer(ITIMER_VIRTUAL, &v, NULL);
		setitimer(ITIMER_PROF, &v, NULL);
	}
	t0 = now_s();
	while ((vtalrms < 3 || profs < 3) && now_s() - t0 < 10)
		;
	{
		struct itimerval v = { { 0, 0 }, { 0, 0 } };

		setitimer(ITIMER_VIRTUAL, &v, NULL);
		setitimer(ITIMER_PROF, &v, NULL);
	}
	CHECK("spinning in user mode: SIGVTALRM, re-armed", vtalrms >= 3);
	CHECK("and SIGPROF", profs >= 3);
	vtalrms = 0;
	set_real(0, 0, 0, 0);
	{
		struct itimerval v = { { 0, 0 }, { 0, 20000 } };

		setitimer(ITIMER_VIRTUAL, &v, NULL);
		usleep(100000);		/* asleep: no CPU time, no SIGVTALRM */
		CHECK_EQ("ITIMER_VIRTUAL does not run while we sleep", vtalrms, 0);
		v.it_value.tv_usec = 0;
		setitimer(ITIMER_VIRTUAL, &v, NULL);
	}
}

static void breaks_blocking_calls(void)
{
	int p[2], q, s;
	char c;
	long r;
	struct { long mtype; char t[8]; } m;
	struct sembuf down = { 0, -1, 0 };

	pipe(p);
	handle(SIGALRM, on_alarm, 0);
	alarms = 0;
	set_real(0, 20000, 0, 20000);
	errno = 0;
	r = read(p[0], &c, 1);
	CHECK_EQ("pipe read broken by the interval timer: -1", r, -1);
	CHECK_EQ("with EINTR", errno, EINTR);

	q = msgget(IPC_PRIVATE, 0600);
	errno = 0;
	r = msgrcv(q, &m, sizeof(m.t), 0, 0);
	CHECK_EQ("msgrcv broken: -1", r, -1);
	CHECK_EQ("with EINTR", errno, EINTR);

	s = semget(IPC_PRIVATE, 1, 0600);
	errno = 0;
	r = semop(s, &down, 1);
	CHECK_EQ("semop broken: -1", r, -1);
	CHECK_EQ("with EINTR", errno, EINTR);

	/* SA_RESTART: the read goes on until the handler, the 6th time, writes */
	handle(SIGALRM, on_alarm, SA_RESTART);
	alarms = 0;
	wake_fd = p[1];
	wake_after = 6;
	set_real(0, 5000, 0, 5000);
	r = read(p[0], &c, 1);
	CHECK_EQ("SA_RESTART: the read restarts until data comes", r, 1);
	CHECK("through six SIGALRMs", alarms >= 6);
	wake_fd = -1;

	/* Linux never restarts the System V calls */
	alarms = 0;
	set_real(0, 20000, 0, 20000);
	errno = 0;
	r = msgrcv(q, &m, sizeof(m.t), 0, 0);
	CHECK("msgrcv with SA_RESTART: still EINTR", r == -1 && errno == EINTR);
	errno = 0;
	r = semop(s, &down, 1);
	CHECK("semop with SA_RESTART: still EINTR", r == -1 && errno == EINTR);
	set_real(0, 0, 0, 0);
	CHECK("the timer kept firing meanwhile", alarms >= 2);
	msgctl(q, IPC_RMID, NULL);
	semctl(s, 0, IPC_RMID);
	close(p[0]);
	close(p[1]);
	handle(SIGALRM, SIG_DFL, 0);
}

/* exec keeps the interval timers: the new image reads ITIMER_REAL and ITIMER_PROF */
static int exec_child(void)
{
	struct itimerval o, p;

	getitimer(ITIMER_REAL, &o);
	getitimer(ITIMER_PROF, &p);
	return !(tv_s(&o.it_value) > 5 && tv_s(&o.it_value) <= 7 &&
		 o.it_interval.tv_sec == 1 && tv_s(&p.it_value) > 5);
}

static void across_exec(const char *self)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct itimerval v = { { 1, 0 }, { 7, 0 } };

		setitimer(ITIMER_REAL, &v, NULL);
		v.it_value.tv_sec = 9;
		setitimer(ITIMER_PROF, &v, NULL);
		execl(self, self, "exec-child", (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	CHECK("exec keeps ITIMER_REAL (value and interval) and ITIMER_PROF",
	      WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return exec_child();
	alarm(0);
	bad_arguments();
	reading_back();
	interval_rearms();
	breaks_blocking_calls();
	across_exec(argv[0]);
	return utest_done();
}

/*
 * time_posix_timers.c - timer_create/settime/gettime/getoverrun/delete on
 * CLOCK_REALTIME, CLOCK_MONOTONIC and the CPU clocks: the siginfo a timer's
 * signal carries, overruns while the signal waits, TIMER_ABSTIME, intervals,
 * SIGEV_NONE; bad ids, another process's id, bad times and events; timers
 * gone after fork and exec; clock_nanosleep with TIMER_ABSTIME; setting the
 * clock only as root. The timer calls go through syscall() (the kernel's ids
 * and layouts) and once through glibc.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

#define NOBODY 65534

struct kspec { long isec, insec, vsec, vnsec; };	/* struct itimerspec, 32-bit */

static long t_create(int clock, struct sigevent *ev, int *id)
{
	return syscall(SYS_timer_create, clock, ev, id);
}

static long t_set(int id, int flags, long vsec, long vnsec, long isec, long insec)
{
	struct kspec s = { isec, insec, vsec, vnsec };

	return syscall(SYS_timer_settime, id, flags, &s, NULL);
}

static long t_get(int id, struct kspec *s)
{
	return syscall(SYS_timer_gettime, id, s);
}

static double now_s(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct sigevent sig_event(int sig, int value)
{
	struct sigevent ev;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = sig;
	ev.sigev_value.sival_int = value;
	return ev;
}

/* wait for a blocked signal, at most 'sec' seconds */
static int wait_sig(int sig, siginfo_t *info, int sec)
{
	sigset_t s;
	struct timespec ts = { sec, 0 };

	sigemptyset(&s);
	sigaddset(&s, sig);
	return sigtimedwait(&s, info, &ts);
}

static void signals_and_overruns(void)
{
	struct sigevent ev = sig_event(SIGRTMIN, 42);
	siginfo_t info;
	struct kspec s;
	int id = -1, id2 = -1;
	double t0;

	CHECK_OK("timer_create CLOCK_MONOTONIC, SIGEV_SIGNAL", t_create(CLOCK_MONOTONIC, &ev, &id));
	CHECK("an id of 0 or more", id >= 0);
	CHECK_OK("t_get of a new timer", t_get(id, &s));
	CHECK("a new timer is disarmed", !s.vsec && !s.vnsec && !s.isec && !s.insec);
	t0 = now_s(CLOCK_MONOTONIC);
	CHECK_OK("arm for 30 ms", t_set(id, 0, 0, 30000000, 0, 0));
	t_get(id, &s);
	CHECK("gettime: at most 30 ms left", !s.vsec && s.vnsec > 0 && s.vnsec <= 30000000);
	CHECK_EQ("its signal comes", wait_sig(SIGRTMIN, &info, 5), SIGRTMIN);
	CHECK("no sooner than 30 ms", now_s(CLOCK_MONOTONIC) - t0 >= 0.029);
	CHECK_EQ("si_code SI_TIMER", info.si_code, SI_TIMER);
	CHECK_EQ("si_value from the sigevent", info.si_value.sival_int, 42);
	CHECK_EQ("si_timerid the kernel's id", info.si_timerid, id);
	CHECK_EQ("si_overrun 0", info.si_overrun, 0);
	t_get(id, &s);
	CHECK("a one-shot timer is disarmed once it fired", !s.vsec && !s.vnsec);

	/* 1 ms periods while the signal stays blocked: one signal, the rest overruns */
	CHECK_OK("arm a 1 ms interval", t_set(id, 0, 0, 1000000, 0, 1000000));
	usleep(200000);
	CHECK_EQ("one signal for the lot", wait_sig(SIGRTMIN, &info, 5), SIGRTMIN);
	CHECK("si_overrun counts the expiries missed (>= 100 in 200 ms)", info.si_overrun >= 100);
	CHECK_EQ("timer_getoverrun agrees", syscall(SYS_timer_getoverrun, id), info.si_overrun);
	t_get(id, &s);
	CHECK_EQ("gettime shows the interval", s.insec, 1000000);
	CHECK("and a value within it", !s.vsec && s.vnsec > 0 && s.vnsec <= 1000000);
	CHECK_OK("disarm", t_set(id, 0, 0, 0, 0, 1000000));
	t_get(id, &s);
	CHECK("disarmed: no value, no interval", !s.vsec && !s.vnsec && !s.isec && !s.insec);
	while (wait_sig(SIGRTMIN, &info, 0) > 0)
		;

	/* a second timer, absolute time on CLOCK_REALTIME */
	ev = sig_event(SIGRTMIN + 1, 7);
	CHECK_OK("timer_create CLOCK_REALTIME", t_create(CLOCK_REALTIME, &ev, &id2));
	CHECK("a different id", id2 != id);
	{
		struct timespec now;
		long ns;

		clock_gettime(CLOCK_REALTIME, &now);
		ns = now.tv_nsec + 40000000;
		t0 = now_s(CLOCK_MONOTONIC);
		CHECK_OK("TIMER_ABSTIME: now + 40 ms", t_set(id2, TIMER_ABSTIME, now.tv_sec + ns / 1000000000,
							      ns % 1000000000, 0, 0));
		CHECK_EQ("it fires", wait_sig(SIGRTMIN + 1, &info, 5), SIGRTMIN + 1);
		CHECK("at the time asked", now_s(CLOCK_MONOTONIC) - t0 >= 0.035);
		CHECK_EQ("with its own value", info.si_value.sival_int, 7);
		CHECK_OK("TIMER_ABSTIME in the past", t_set(id2, TIMER_ABSTIME, now.tv_sec - 10, 0, 0, 0));
		CHECK_EQ("fires at once", wait_sig(SIGRTMIN + 1, &info, 1), SIGRTMIN + 1);
	}
	CHECK_OK("timer_delete", syscall(SYS_timer_delete, id2));
	CHECK_ERR("a deleted id: EINVAL", t_get(id2, &s), EINVAL);
	CHECK_OK("timer_delete the first", syscall(SYS_timer_delete, id));
}

static void sigev_none_and_cpu_clocks(void)
{
	struct sigevent ev;
	struct kspec s;
	siginfo_t info;
	int id = -1, id2 = -1, n;
	double t0;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_NONE;
	CHECK_OK("SIGEV_NONE timer", t_create(CLOCK_MONOTONIC, &ev, &id));
	t_set(id, 0, 0, 10000000, 0, 0);
	usleep(30000);
	t_get(id, &s);
	CHECK("SIGEV_NONE: expired without a signal", !s.vsec && !s.vnsec);
	CHECK_EQ("nothing queued", wait_sig(SIGALRM, &info, 0), -1);
	t_set(id, 0, 5, 0, 0, 0);
	t_get(id, &s);
	CHECK("SIGEV_NONE keeps time too", s.vsec == 4 || (s.vsec == 5 && !s.vnsec));
	syscall(SYS_timer_delete, id);

	ev = sig_event(SIGRTMIN + 2, 0);
	CHECK_OK("CLOCK_PROCESS_CPUTIME_ID timer", t_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &id));
	CHECK_OK("CLOCK_THREAD_CPUTIME_ID timer", t_create(CLOCK_THREAD_CPUTIME_ID, &ev, &id2));
	t_set(id, 0, 0, 20000000, 0, 20000000);
	usleep(100000);
	CHECK_EQ("asleep: the CPU clock timer does not fire", wait_sig(SIGRTMIN + 2, &info, 0), -1);
	t0 = now_s(CLOCK_MONOTONIC);
	n = 0;
	while (n < 3 && now_s(CLOCK_MONOTONIC) - t0 < 10) {
		sigset_t p;

		sigpending(&p);
		if (sigismember(&p, SIGRTMIN + 2) && wait_sig(SIGRTMIN + 2, &info, 0) > 0)
			n++;
	}
	CHECK_EQ("spinning: the process CPU clock timer fires, interval re-armed", n, 3);
	CHECK("and costs at least 60 ms of CPU", now_s(CLOCK_PROCESS_CPUTIME_ID) >= 0.055);
	t_set(id, 0, 0, 0, 0, 0);
	t_set(id2, 0, 0, 10000000, 0, 0);
	t0 = now_s(CLOCK_MONOTONIC);
	while (now_s(CLOCK_MONOTONIC) - t0 < 10) {
		sigset_t p;

		sigpending(&p);
		if (sigismember(&p, SIGRTMIN + 2))
			break;
	}
	CHECK_EQ("the thread CPU clock timer too", wait_sig(SIGRTMIN + 2, &info, 0), SIGRTMIN + 2);
	syscall(SYS_timer_delete, id);
	syscall(SYS_timer_delete, id2);
}

static void bad_input(void)
{
	struct sigevent ev = sig_event(SIGRTMIN, 0);
	struct kspec s = { 0, 0, 1, 0 };
	int id = -1, other = -1;
	pid_t pid;
	int st;

	CHECK_ERR("settime of an id never made: EINVAL", t_set(12345, 0, 1, 0, 0, 0), EINVAL);
	CHECK_ERR("gettime of -1: EINVAL", t_get(-1, &s), EINVAL);
	CHECK_ERR("getoverrun of 999: EINVAL", syscall(SYS_timer_getoverrun, 999), EINVAL);
	CHECK_ERR("delete of 999: EINVAL", syscall(SYS_timer_delete, 999), EINVAL);
	CHECK_ERR("unknown clock: EINVAL", t_create(99, &ev, &id), EINVAL);
	CHECK_ERR("CLOCK_MONOTONIC_RAW has no timers: EOPNOTSUPP",
		  t_create(CLOCK_MONOTONIC_RAW, &ev, &id), EOPNOTSUPP);
	ev.sigev_notify = 99;
	CHECK_ERR("unknown sigev_notify: EINVAL", t_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev = sig_event(0, 0);
	CHECK_ERR("signal 0: EINVAL", t_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev = sig_event(65, 0);
	CHECK_ERR("signal 65: EINVAL", t_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev = sig_event(SIGRTMIN, 0);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev._sigev_un._tid = 999999;
	CHECK_ERR("SIGEV_THREAD_ID of no thread: EINVAL", t_create(CLOCK_MONOTONIC, &ev, &id), EINVAL);
	ev._sigev_un._tid = getpid();
	CHECK_OK("SIGEV_THREAD_ID of our own (only) thread", t_create(CLOCK_MONOTONIC, &ev, &id));
	syscall(SYS_timer_delete, id);
	ev = sig_event(SIGRTMIN, 0);
	CHECK_ERR("sigevent at a bad address: EFAULT", t_create(CLOCK_MONOTONIC, (void *)8, &id), EFAULT);
	CHECK_ERR("id to a bad address: EFAULT", t_create(CLOCK_MONOTONIC, &ev, (void *)8), EFAULT);

	t_create(CLOCK_MONOTONIC, &ev, &id);
	CHECK_ERR("tv_nsec 1000000000: EINVAL", t_set(id, 0, 0, 1000000000, 0, 0), EINVAL);
	CHECK_ERR("tv_nsec -1: EINVAL", t_set(id, 0, 0, -1, 0, 0), EINVAL);
	CHECK_ERR("tv_sec -1: EINVAL", t_set(id, 0, -1, 0, 0, 0), EINVAL);
	CHECK_ERR("a negative interval: EINVAL", t_set(id, 0, 1, 0, -1, 0), EINVAL);
	CHECK_ERR("an interval's tv_nsec 2e9: EINVAL", t_set(id, 0, 1, 0, 0, 2000000000), EINVAL);
	CHECK_ERR("no new setting: EINVAL", syscall(SYS_timer_settime, id, 0, NULL, NULL), EINVAL);
	CHECK_ERR("new setting at a bad address: EFAULT",
		  syscall(SYS_timer_settime, id, 0, (void *)8, NULL), EFAULT);
	CHECK_ERR("gettime to a bad address: EFAULT", t_get(id, (void *)8), EFAULT);
	CHECK_OK("2^31-1 seconds is allowed", t_set(id, 0, 0x7fffffff, 0, 0x7fffffff, 0));
	t_get(id, &s);
	CHECK("and reads back", s.vsec > 0x7fffff00 && s.isec == 0x7fffffff);

	/* another process's timers are not ours: a child has none, and its ids are not ours */
	pid = fork();
	if (pid == 0) {
		struct kspec k;
		int mine = -1, bad = 0;

		bad |= t_get(id, &k) != -1 || errno != EINVAL;
		bad |= syscall(SYS_timer_delete, id) != -1 || errno != EINVAL;
		t_create(CLOCK_MONOTONIC, &ev, &mine);
		t_set(mine, 0, 100, 0, 0, 0);
		_exit(bad ? 1 : mine + 10);
	}
	waitpid(pid, &st, 0);
	CHECK("a fork child has none of its parent's timers", WIFEXITED(st) && WEXITSTATUS(st) >= 10);
	other = WIFEXITED(st) ? WEXITSTATUS(st) - 10 : -1;
	if (other != id)
		CHECK_ERR("the child's own id means nothing here", t_get(other, &s), EINVAL);
	else
		CHECK_OK("the child's id is our own timer's", t_get(other, &s));
	CHECK_OK("ours still stands", t_get(id, &s));
	syscall(SYS_timer_delete, id);
}

/* exec: the new image has no POSIX timers (argv[2] is the id it had) */
static int exec_child(const char *idstr)
{
	struct kspec s;

	return syscall(SYS_timer_gettime, atoi(idstr), &s) == -1 && errno == EINVAL ? 0 : 1;
}

static void across_exec(const char *self)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct sigevent ev = sig_event(SIGRTMIN, 0);
		char buf[16];
		int id = -1;

		t_create(CLOCK_MONOTONIC, &ev, &id);
		t_set(id, 0, 100, 0, 0, 0);
		snprintf(buf, sizeof(buf), "%d", id);
		execl(self, self, "exec-child", buf, (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	CHECK("exec drops the POSIX timers", WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void through_glibc(void)
{
	struct sigevent ev = sig_event(SIGRTMIN, 5);
	struct itimerspec v = { { 0, 0 }, { 0, 20000000 } }, o;
	timer_t t;
	siginfo_t info;

	CHECK_OK("glibc timer_create", timer_create(CLOCK_MONOTONIC, &ev, &t));
	CHECK_OK("glibc timer_settime (the time64 call)", timer_settime(t, 0, &v, NULL));
	CHECK_OK("glibc timer_gettime", timer_gettime(t, &o));
	CHECK("reads back at most 20 ms", !o.it_value.tv_sec && o.it_value.tv_nsec <= 20000000);
	CHECK_EQ("the signal", wait_sig(SIGRTMIN, &info, 5), SIGRTMIN);
	CHECK_EQ("glibc timer_getoverrun", timer_getoverrun(t), 0);
	CHECK_OK("glibc timer_delete", timer_delete(t));
	/* no sigevent: SIGALRM with the id as its value */
	{
		int id = -1;

		CHECK_OK("NULL sigevent", t_create(CLOCK_MONOTONIC, NULL, &id));
		t_set(id, 0, 0, 5000000, 0, 0);
		CHECK_EQ("SIGALRM by default", wait_sig(SIGALRM, &info, 5), SIGALRM);
		CHECK_EQ("carrying the id as its value", info.si_value.sival_int, id);
		syscall(SYS_timer_delete, id);
	}
}

static void on_usr1(int sig) { (void)sig; }

static void abs_sleep_and_settime(void)
{
	struct timespec ts, now;
	double t0;
	int r;
	pid_t pid;
	int st;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	t0 = now_s(CLOCK_MONOTONIC);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	CHECK_EQ("clock_nanosleep TIMER_ABSTIME", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), 0);
	CHECK("until the time given", now_s(CLOCK_MONOTONIC) - t0 >= 0.049);
	ts.tv_sec = 0;		/* long past, even just after boot */
	ts.tv_nsec = 1;
	CHECK_EQ("a time past: at once", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), 0);
	{
		struct sigaction sa;
		struct itimerval v = { { 0, 0 }, { 0, 20000 } };

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		sigaction(SIGALRM, &sa, NULL);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 5;
		setitimer(ITIMER_REAL, &v, NULL);
		r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL);
		CHECK_EQ("an absolute sleep broken by a signal: EINTR", r, EINTR);
		signal(SIGALRM, SIG_DFL);
	}

	/* setting the clock */
	clock_gettime(CLOCK_REALTIME, &now);
	CHECK_ERR("clock_settime CLOCK_MONOTONIC: EINVAL", clock_settime(CLOCK_MONOTONIC, &now), EINVAL);
	ts = now;
	ts.tv_nsec = 1000000000;
	CHECK_ERR("clock_settime tv_nsec 1e9: EINVAL", syscall(SYS_clock_settime, CLOCK_REALTIME, &ts), EINVAL);
	CHECK_ERR("clock_settime from a bad address: EFAULT",
		  syscall(SYS_clock_settime, CLOCK_REALTIME, (void *)8), EFAULT);
	CHECK_ERR("stime from a bad address: EFAULT", syscall(SYS_stime, (void *)8), EFAULT);
	clock_gettime(CLOCK_REALTIME, &now);
	CHECK_OK("root sets CLOCK_REALTIME (to what it reads)", clock_settime(CLOCK_REALTIME, &now));
	CHECK("and the clock goes on from there", now_s(CLOCK_REALTIME) - (now.tv_sec + now.tv_nsec / 1e9) < 1.0 &&
	      now_s(CLOCK_REALTIME) >= now.tv_sec);
	pid = fork();
	if (pid == 0) {
		struct timeval tv;
		long t;
		int bad = 0;

		setgid(NOBODY);
		setuid(NOBODY);
		clock_gettime(CLOCK_REALTIME, &now);
		bad |= (clock_settime(CLOCK_REALTIME, &now) != -1 || errno != EPERM) << 0;
		gettimeofday(&tv, NULL);
		bad |= (syscall(SYS_settimeofday, &tv, NULL) != -1 || errno != EPERM) << 1;
		t = time(NULL);
		bad |= (syscall(SYS_stime, &t) != -1 || errno != EPERM) << 2;
		bad |= (syscall(SYS_clock_settime, CLOCK_PROCESS_CPUTIME_ID, &now) != -1 || errno != EINVAL) << 3;
		tv.tv_usec = 1000000;
		bad |= (syscall(SYS_settimeofday, &tv, NULL) != -1 || errno != EINVAL) << 4;
		_exit(bad);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("as a user: EPERM from clock_settime, settimeofday, stime; EINVAL for a CPU clock or a bad time",
		 WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
}

int main(int argc, char **argv)
{
	sigset_t s;

	if (argc > 2 && !strcmp(argv[1], "exec-child"))
		return exec_child(argv[2]);
	sigemptyset(&s);
	for (int i = 0; i < 3; i++)
		sigaddset(&s, SIGRTMIN + i);
	sigaddset(&s, SIGALRM);
	sigprocmask(SIG_BLOCK, &s, NULL);
	signals_and_overruns();
	sigev_none_and_cpu_clocks();
	bad_input();
	across_exec(argv[0]);
	through_glibc();
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	abs_sleep_and_settime();
	return utest_done();
}

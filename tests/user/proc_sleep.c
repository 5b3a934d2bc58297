/*
 * proc_sleep.c - clocks and timed sleeps: nanosleep lasts at least what was asked
 * (CLOCK_MONOTONIC), the wall clock is a plausible date and time()/gettimeofday()/
 * CLOCK_REALTIME agree, bad timespecs give EINVAL, alarm() fires SIGALRM on time.
 */
#include <signal.h>
#include <time.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "utest.h"

static volatile sig_atomic_t n_alrm;

static void on_alrm(int sig)
{
	(void)sig;
	n_alrm++;
}

static long long ms_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000LL + (b->tv_nsec - a->tv_nsec) / 1000000;
}

int main(void)
{
	struct timespec t0, t1, rt, req, rem, res;
	struct timeval tv;
	struct sigaction sa;
	long long ms;
	time_t now;
	int r, e, ok, i;
	pid_t watchdog;

	alarm(20);

	/* CLOCK_MONOTONIC never goes backwards over a few reads. */
	ok = 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 100; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (t1.tv_sec < t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec < t0.tv_nsec))
			ok = 0;
		t0 = t1;
	}
	CHECK("100 consecutive CLOCK_MONOTONIC reads never go backwards", ok);
	CHECK("CLOCK_MONOTONIC tv_nsec is within [0, 1e9)", t1.tv_nsec >= 0 && t1.tv_nsec < 1000000000);
	CHECK_OK("clock_getres(CLOCK_MONOTONIC) succeeds", clock_getres(CLOCK_MONOTONIC, &res));
	CHECK("and reports a resolution between 1 ns and 10 ms",
	      res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000);
	CHECK_ERR("clock_gettime of an unknown clock id gives EINVAL",
		  clock_gettime((clockid_t)12345, &t0), EINVAL);

	/* nanosleep(50 ms). */
	req.tv_sec = 0;
	req.tv_nsec = 50 * 1000000;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = nanosleep(&req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = ms_between(&t0, &t1);
	CHECK_EQ("nanosleep(50 ms) returns 0", r, 0);
	CHECK("it lasts at least 50 ms on CLOCK_MONOTONIC", ms >= 50);
	CHECK("and less than 2 s", ms < 2000);
	req.tv_sec = 0;
	req.tv_nsec = 0;
	CHECK_EQ("nanosleep of zero time returns 0", nanosleep(&req, NULL), 0);

	/* Bad requests. */
	req.tv_sec = 0;
	req.tv_nsec = 1000000000;
	CHECK_ERR("nanosleep with tv_nsec = 1e9 gives EINVAL", nanosleep(&req, &rem), EINVAL);
	req.tv_nsec = -1;
	CHECK_ERR("nanosleep with tv_nsec = -1 gives EINVAL", nanosleep(&req, &rem), EINVAL);
	req.tv_sec = -1;
	req.tv_nsec = 0;
	CHECK_ERR("nanosleep with tv_sec = -1 gives EINVAL", nanosleep(&req, &rem), EINVAL);

	/* The wall clock. */
	clock_gettime(CLOCK_REALTIME, &rt);
	CHECK("CLOCK_REALTIME is after 2020-01-01", rt.tv_sec > 1577836800);
	CHECK("CLOCK_REALTIME tv_nsec is within [0, 1e9)", rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000);
	now = time(NULL);
	gettimeofday(&tv, NULL);
	CHECK("time() is after 2020-01-01", now > 1577836800);
	CHECK("time() and gettimeofday() agree within 2 s",
	      tv.tv_sec - now >= -2 && tv.tv_sec - now <= 2);
	CHECK("gettimeofday() and CLOCK_REALTIME agree within 2 s",
	      tv.tv_sec - rt.tv_sec >= -2 && tv.tv_sec - rt.tv_sec <= 2);
	CHECK("gettimeofday tv_usec is within [0, 1e6)", tv.tv_usec >= 0 && tv.tv_usec < 1000000);

	/* alarm(): remaining seconds, cancelling, and delivery. */
	alarm(5);
	CHECK_EQ("alarm(0) after alarm(5) returns the 5 seconds left", alarm(0), 5);
	CHECK_EQ("a second alarm(0) returns 0: no alarm was pending", alarm(0), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alrm;
	sigaction(SIGALRM, &sa, NULL);
	watchdog = fork();		/* alarm(20) is gone: kill us if pause() hangs */
	if (watchdog == 0) {
		req.tv_sec = 10;
		req.tv_nsec = 0;
		nanosleep(&req, NULL);
		kill(getppid(), SIGKILL);
		_exit(0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	alarm(1);
	errno = 0;
	r = pause();
	e = errno;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	kill(watchdog, SIGKILL);
	waitpid(watchdog, NULL, 0);
	ms = ms_between(&t0, &t1);
	CHECK("pause() returns -1 EINTR after the SIGALRM handler ran",
	      r == -1 && e == EINTR && n_alrm == 1);
	CHECK("alarm(1) fires after at least 0.9 s", ms >= 900);
	CHECK("and within 3 s", ms <= 3000);
	CHECK_EQ("once fired, no alarm is pending: alarm(0) returns 0", alarm(0), 0);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGALRM, &sa, NULL);

	return utest_done();
}

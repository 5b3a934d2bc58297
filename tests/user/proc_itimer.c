/*
 * proc_itimer.c - setitimer and getitimer: ITIMER_REAL's SIGALRM, once and
 * with an interval; getitimer's view of value and interval; disarming; alarm
 * sharing ITIMER_REAL; ITIMER_VIRTUAL and ITIMER_PROF counting CPU time;
 * no inheritance across fork; EINVAL for a bad timer or microseconds.
 */
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "utest.h"

static volatile int alarms, vtalarms, profs;

static void on_signal(int sig)
{
	if (sig == SIGALRM)
		alarms++;
	else if (sig == SIGVTALRM)
		vtalarms++;
	else if (sig == SIGPROF)
		profs++;
}

int main(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 20000 } }, got;
	struct sigaction sa;
	pid_t p;
	int st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGVTALRM, &sa, NULL);
	sigaction(SIGPROF, &sa, NULL);

	CHECK_OK("setitimer(ITIMER_REAL, 20 ms)", setitimer(ITIMER_REAL, &it, NULL));
	CHECK_OK("getitimer", getitimer(ITIMER_REAL, &got));
	CHECK("value pending, at most 20 ms", (got.it_value.tv_sec == 0 && got.it_value.tv_usec > 0 &&
					       got.it_value.tv_usec <= 20000));
	CHECK("no interval", got.it_interval.tv_sec == 0 && got.it_interval.tv_usec == 0);
	while (!alarms)
		pause();
	CHECK_EQ("one SIGALRM", alarms, 1);
	getitimer(ITIMER_REAL, &got);
	CHECK("then disarmed", got.it_value.tv_sec == 0 && got.it_value.tv_usec == 0);

	alarms = 0;
	it.it_interval.tv_usec = 5000;
	it.it_value.tv_usec = 5000;
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &got);
	CHECK_EQ("the interval reads back", got.it_interval.tv_usec, 5000);
	while (alarms < 5)
		pause();
	it.it_interval.tv_usec = it.it_value.tv_usec = 0;
	CHECK_OK("disarm", setitimer(ITIMER_REAL, &it, &got));
	CHECK_EQ("the old interval comes back", got.it_interval.tv_usec, 5000);
	st = alarms;
	usleep(30000);
	CHECK_EQ("an interval timer fires again and again, and stops when disarmed", alarms, st);

	alarm(10);
	getitimer(ITIMER_REAL, &got);
	CHECK("alarm() shows in ITIMER_REAL", got.it_value.tv_sec >= 9 && got.it_value.tv_sec <= 10);
	CHECK_EQ("alarm(0) returns what was left", alarm(0), 10);

	/* not inherited: the child's timers start disarmed */
	it.it_value.tv_sec = 5;
	setitimer(ITIMER_REAL, &it, NULL);
	p = fork();
	if (p == 0) {
		getitimer(ITIMER_REAL, &got);
		_exit(got.it_value.tv_sec || got.it_value.tv_usec);
	}
	waitpid(p, &st, 0);
	CHECK_EQ("fork: the child has no timer", st, 0);
	it.it_value.tv_sec = 0;
	setitimer(ITIMER_REAL, &it, NULL);

	/* CPU time: spin until 30 ms of it have gone by */
	it.it_value.tv_usec = 30000;
	CHECK_OK("setitimer(ITIMER_VIRTUAL)", setitimer(ITIMER_VIRTUAL, &it, NULL));
	CHECK_OK("setitimer(ITIMER_PROF)", setitimer(ITIMER_PROF, &it, NULL));
	for (long long i = 0; (!vtalarms || !profs) && i < 20000000000LL; i++)
		;
	CHECK_EQ("SIGVTALRM after 30 ms of user time", vtalarms, 1);
	CHECK_EQ("SIGPROF after 30 ms of CPU time", profs, 1);

	CHECK_ERR("an unknown timer: EINVAL", setitimer(3, &it, NULL), EINVAL);
	CHECK_ERR("getitimer of an unknown timer: EINVAL", getitimer(7, &got), EINVAL);
	it.it_value.tv_usec = 1000000;
	CHECK_ERR("a million microseconds: EINVAL", setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	return utest_done();
}

/*
 * thread_times.c - CPU time of a thread group (issue 16): what a thread
 * spends stays the process's after the thread is gone (getrusage
 * RUSAGE_SELF, times, /proc/PID/stat), RUSAGE_THREAD and task/TID/stat are
 * one thread's, a reaped child's threads count in wait4's rusage and in
 * RUSAGE_CHILDREN, whichever thread reaped it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include "utest.h"

#define BURN_MS 200
#define SEEN_MS 150	/* what must show of it: ticks are coarse */

static long ms_of(struct timeval tv) { return tv.tv_sec * 1000 + tv.tv_usec / 1000; }

/* spin until this thread has used ms of CPU */
static void burn(long ms)
{
	struct timespec ts;

	do
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < ms);
}

static void *burner(void *a) { (void)a; burn(BURN_MS); return NULL; }

static pthread_barrier_t bar;
static pid_t burner_tid;
static void *burn_and_wait(void *a)
{
	(void)a;
	burner_tid = syscall(SYS_gettid);
	burn(BURN_MS);
	pthread_barrier_wait(&bar);	/* main looks at our stat */
	pthread_barrier_wait(&bar);
	return NULL;
}

/* utime + stime of a stat file, in clock ticks */
static long stat_ticks(const char *path)
{
	char buf[1024], *p;
	FILE *f = fopen(path, "r");
	unsigned long ut = 0, st = 0;
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return ut + st;
}

static pid_t reaped_child;
static long reaped_ms = -1;
static void *reaper(void *a)
{
	struct rusage ru;
	int st;

	(void)a;
	if (wait4(reaped_child, &st, 0, &ru) == reaped_child)
		reaped_ms = ms_of(ru.ru_utime) + ms_of(ru.ru_stime);
	return NULL;
}

/* a child whose second thread burns, then exits 0 */
static pid_t burning_child(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, burner, NULL);
		pthread_join(t, NULL);
		exit(0);
	}
	return pid;
}

int main(void)
{
	long hz = sysconf(_SC_CLK_TCK);
	struct rusage ru;
	struct tms tm;
	pthread_t t;
	char path[64];
	long before;
	int st;

	/* a thread's time is the process's, live and after it is gone */
	pthread_barrier_init(&bar, NULL, 2);
	pthread_create(&t, NULL, burn_and_wait, NULL);
	pthread_barrier_wait(&bar);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", burner_tid);
	CHECK("task/TID/stat: the thread's own time", stat_ticks(path) >= SEEN_MS * hz / 1000);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", getpid());
	CHECK("task/PID/stat: the main thread's, which did not burn", stat_ticks(path) < SEEN_MS * hz / 1000);
	CHECK("/proc/self/stat: the whole process's", stat_ticks("/proc/self/stat") >= SEEN_MS * hz / 1000);
	pthread_barrier_wait(&bar);
	pthread_join(t, NULL);
	CHECK_OK("getrusage(RUSAGE_SELF)", getrusage(RUSAGE_SELF, &ru));
	CHECK("RUSAGE_SELF keeps a joined thread's time", ms_of(ru.ru_utime) + ms_of(ru.ru_stime) >= SEEN_MS);
	times(&tm);
	CHECK("times() too", tm.tms_utime + tm.tms_stime >= SEEN_MS * hz / 1000);
	CHECK("and /proc/self/stat", stat_ticks("/proc/self/stat") >= SEEN_MS * hz / 1000);
	CHECK_OK("getrusage(RUSAGE_THREAD)", getrusage(RUSAGE_THREAD, &ru));
	CHECK("RUSAGE_THREAD is the main thread's alone", ms_of(ru.ru_utime) + ms_of(ru.ru_stime) < SEEN_MS);

	/* a child's threads: in wait4's rusage and RUSAGE_CHILDREN */
	pid_t pid = burning_child();

	CHECK_EQ("wait4 a child whose thread burned", wait4(pid, &st, 0, &ru), pid);
	CHECK("wait4's rusage counts the child's threads", ms_of(ru.ru_utime) + ms_of(ru.ru_stime) >= SEEN_MS);
	getrusage(RUSAGE_CHILDREN, &ru);
	before = ms_of(ru.ru_utime) + ms_of(ru.ru_stime);
	CHECK("RUSAGE_CHILDREN has it", before >= SEEN_MS);
	times(&tm);
	CHECK("times() tms_cutime + tms_cstime has it", tm.tms_cutime + tm.tms_cstime >= SEEN_MS * hz / 1000);

	/* reaped by another thread: still the process's children's time */
	reaped_child = burning_child();
	pthread_create(&t, NULL, reaper, NULL);
	pthread_join(t, NULL);
	CHECK("a thread's wait4 sees the child's threads' time", reaped_ms >= SEEN_MS);
	getrusage(RUSAGE_CHILDREN, &ru);
	CHECK("RUSAGE_CHILDREN in the main thread counts what another thread reaped",
	      ms_of(ru.ru_utime) + ms_of(ru.ru_stime) >= before + SEEN_MS);
	CHECK_ERR("getrusage(2): EINVAL", getrusage(2, &ru), EINVAL);
	return utest_done();
}

/*
 * thread_pthread.c - a static pthreads program: mutex, condition variable,
 * join and detached threads, a barrier, thread ids, and 1,000 create/join
 * cycles without a leak (issue 16).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "utest.h"

#define NTHREADS 8
#define NINCR 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *incr(void *arg)
{
	(void)arg;
	for (int i = 0; i < NINCR; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int turn, rounds_done;
#define ROUNDS 500

static void *pong(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < ROUNDS; i++) {
		while (turn != 1)
			pthread_cond_wait(&cond, &lock);
		turn = 0;
		rounds_done++;
		pthread_cond_signal(&cond);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static pid_t child_tid, child_pid;
static void *ids(void *arg)
{
	(void)arg;
	child_tid = syscall(SYS_gettid);
	child_pid = getpid();
	return (void *)42;
}

static pthread_barrier_t barrier;
static int before, after_ok = 1;
static void *at_barrier(void *arg)
{
	(void)arg;
	__atomic_fetch_add(&before, 1, __ATOMIC_SEQ_CST);
	pthread_barrier_wait(&barrier);
	if (__atomic_load_n(&before, __ATOMIC_SEQ_CST) != 4)
		after_ok = 0;
	return NULL;
}

static int detached_ran;
static void *detached(void *arg)
{
	(void)arg;
	__atomic_store_n(&detached_ran, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void *nothing(void *arg) { return arg; }

static long count_tasks(void)
{
	/* threads-in-use figure both kernels give: /proc/loadavg's 4th field */
	FILE *f = fopen("/proc/loadavg", "r");
	double a, b, c;
	int run, total = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%lf %lf %lf %d/%d", &a, &b, &c, &run, &total) != 5)
		total = -1;
	fclose(f);
	return total;
}

static int status_threads(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	int n = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

int main(void)
{
	pthread_t t[NTHREADS];
	void *ret;
	int ok = 1;

	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, incr, NULL))
			ok = 0;
	CHECK("pthread_create of 8 threads", ok);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ("counter under a mutex", counter, (long)NTHREADS * NINCR);

	pthread_create(&t[0], NULL, pong, NULL);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < ROUNDS; i++) {
		turn = 1;
		pthread_cond_signal(&cond);
		while (turn != 0)
			pthread_cond_wait(&cond, &lock);
	}
	pthread_mutex_unlock(&lock);
	pthread_join(t[0], NULL);
	CHECK_EQ("condvar ping-pong rounds", rounds_done, ROUNDS);

	CHECK_EQ("pthread_join", pthread_create(&t[0], NULL, ids, NULL) ||
		 pthread_join(t[0], &ret), 0);
	CHECK_EQ("pthread_join returns the thread's value", (long)ret, 42);
	CHECK_EQ("getpid in a thread is the tgid", child_pid, getpid());
	CHECK("gettid in a thread is its own", child_tid > 0 && child_tid != getpid());
	CHECK_EQ("gettid of the main thread is the pid", syscall(SYS_gettid), getpid());

	pthread_barrier_init(&barrier, NULL, 4);
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, at_barrier, NULL);
	at_barrier(NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	CHECK("pthread_barrier: nobody passes before all arrive", after_ok);
	pthread_barrier_destroy(&barrier);

	{
		pthread_attr_t a;

		pthread_attr_init(&a);
		pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
		CHECK_EQ("detached thread created", pthread_create(&t[0], &a, detached, NULL), 0);
		for (int i = 0; i < 200 && !__atomic_load_n(&detached_ran, __ATOMIC_SEQ_CST); i++)
			usleep(5000);
		CHECK("detached thread ran", detached_ran);
		CHECK_EQ("a detached thread cannot be joined", pthread_join(t[0], NULL) != 0, 1);
		pthread_attr_destroy(&a);
	}

	{
		long base, now;
		int fails = 0;

		usleep(50000);	/* the detached one is surely gone */
		base = count_tasks();
		for (int i = 0; i < 1000; i++)
			if (pthread_create(&t[0], NULL, nothing, NULL) || pthread_join(t[0], NULL))
				fails++;
		usleep(20000);
		now = count_tasks();
		CHECK_EQ("1,000 create/join cycles", fails, 0);
		/* the host runs other things: a leak of 1,000 tasks is what must not happen */
		CHECK("task count back to baseline", base > 0 && now < base + 50);
		CHECK_EQ("Threads: 1 in /proc/self/status", status_threads(), 1);
	}
	return utest_done();
}

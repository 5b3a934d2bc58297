/*
 * smp_futex_counter.c - glibc's futex-based pthread mutex and condition
 * variable across threads on every CPU (one per CPU, at least 4, each pinned
 * where the kernel can pin): a counter under a mutex stays exact and its
 * critical section is never entered twice; a bounded buffer with a condition
 * variable each way hands every item over exactly once; a token passed round
 * a ring of threads by pthread_cond_broadcast visits each in turn.
 */
#define _GNU_SOURCE
#include <pthread.h>

#include "utest.h"
#include "smp_util.h"

#define MAXT	16
#define K	20000		/* mutex rounds per thread */
#define ITEMS	6000		/* per producer */
#define QLEN	8
#define LAPS	300

static int nt;
static struct smp_report rep[MAXT];

/* ---- a counter under a mutex ---- */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter, inside, overlaps;

static void *count_thread(void *arg)
{
	int i = (int)(long)arg;

	smp_worker_start(&rep[i], i);
	for (int k = 0; k < K; k++) {
		pthread_mutex_lock(&mu);
		if (inside++)
			overlaps++;
		long c = counter;	/* read-modify-write: only the mutex makes it exact */
		for (volatile int s = 0; s < 5; s++)
			;
		counter = c + 1;
		inside--;
		pthread_mutex_unlock(&mu);
	}
	smp_worker_end(&rep[i]);
	return NULL;
}

/* ---- a bounded buffer: producers and consumers, two condition variables ---- */
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t notfull = PTHREAD_COND_INITIALIZER, notempty = PTHREAD_COND_INITIALIZER;
static long q[QLEN], qhead, qtail, consumed, qsum_in, qsum_out;
static int producers_left;
static unsigned char *seen;

static void *producer(void *arg)
{
	int i = (int)(long)arg;

	smp_worker_start(&rep[i], i);
	for (long k = 0; k < ITEMS; k++) {
		long item = (long)i * ITEMS + k;

		pthread_mutex_lock(&qmu);
		while (qtail - qhead == QLEN)
			pthread_cond_wait(&notfull, &qmu);
		q[qtail++ % QLEN] = item;
		qsum_in += item;
		pthread_cond_signal(&notempty);
		pthread_mutex_unlock(&qmu);
	}
	pthread_mutex_lock(&qmu);
	producers_left--;
	pthread_cond_broadcast(&notempty);
	pthread_mutex_unlock(&qmu);
	smp_worker_end(&rep[i]);
	return NULL;
}

static void *consumer(void *arg)
{
	int i = (int)(long)arg;

	smp_worker_start(&rep[i], i);
	for (;;) {
		long item;

		pthread_mutex_lock(&qmu);
		while (qtail == qhead && producers_left)
			pthread_cond_wait(&notempty, &qmu);
		if (qtail == qhead) {
			pthread_mutex_unlock(&qmu);
			break;
		}
		item = q[qhead++ % QLEN];
		qsum_out += item;
		consumed++;
		if (seen[item]++)
			rep[i].bad++;	/* handed over twice */
		pthread_cond_signal(&notfull);
		pthread_mutex_unlock(&qmu);
	}
	smp_worker_end(&rep[i]);
	return NULL;
}

/* ---- a ring: thread i waits for turn == i, then passes the turn on ---- */
static pthread_mutex_t rmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rcv = PTHREAD_COND_INITIALIZER;
static int turn;
static long visits, out_of_turn;

static void *ring_thread(void *arg)
{
	int i = (int)(long)arg;

	smp_worker_start(&rep[i], i);
	for (int lap = 0; lap < LAPS; lap++) {
		pthread_mutex_lock(&rmu);
		while (turn % nt != i)
			pthread_cond_wait(&rcv, &rmu);
		if (turn != lap * nt + i)
			out_of_turn++;
		visits++;
		turn++;
		pthread_cond_broadcast(&rcv);
		pthread_mutex_unlock(&rmu);
	}
	smp_worker_end(&rep[i]);
	return NULL;
}

static int run(void *(*fn)(void *), int from, int n, pthread_t *t)
{
	int failed = 0;

	for (int i = from; i < from + n; i++)
		failed += pthread_create(&t[i], NULL, fn, (void *)(long)i) != 0;
	return failed;
}

static int join(int n, pthread_t *t)
{
	int failed = 0;

	for (int i = 0; i < n; i++)
		failed += pthread_join(t[i], NULL) != 0;
	return failed;
}

int main(void)
{
	pthread_t t[MAXT];
	int half, failed;
	long bad = 0;
	char msg[160];

	alarm(100);
	nt = smp_workers(MAXT);
	half = nt / 2;

	memset(rep, 0, sizeof(rep));
	failed = run(count_thread, 0, nt, t);
	failed += join(nt, t);
	snprintf(msg, sizeof(msg), "%d threads created and joined (counter)", nt);
	CHECK_EQ(msg, failed, 0);
	snprintf(msg, sizeof(msg), "the counter under the mutex is exact: %d x %d", nt, K);
	CHECK_EQ(msg, counter, (long)nt * K);
	CHECK_EQ("the mutex never let two threads in", overlaps, 0);
	CHECK_EQ("counter: every pinned thread ran on its own CPU", smp_summary("mutex", rep, nt), 0);

	memset(rep, 0, sizeof(rep));
	seen = calloc((size_t)half * ITEMS, 1);
	producers_left = half;
	failed = run(consumer, half, nt - half, t);
	failed += run(producer, 0, half, t);
	failed += join(nt, t);
	snprintf(msg, sizeof(msg), "%d producers and %d consumers created and joined", half, nt - half);
	CHECK_EQ(msg, failed, 0);
	for (int i = 0; i < nt; i++)
		bad += rep[i].bad;
	CHECK_EQ("no item was consumed twice", bad, 0);
	CHECK_EQ("every item was consumed", consumed, (long)half * ITEMS);
	CHECK("the items out add up to the items in", qsum_in == qsum_out && qhead == qtail);
	CHECK_EQ("buffer: every pinned thread ran on its own CPU", smp_summary("condvar", rep, nt), 0);
	free(seen);

	memset(rep, 0, sizeof(rep));
	failed = run(ring_thread, 0, nt, t);
	failed += join(nt, t);
	CHECK_EQ("ring threads created and joined", failed, 0);
	snprintf(msg, sizeof(msg), "the turn went round %d threads %d times", nt, LAPS);
	CHECK_EQ(msg, visits, (long)nt * LAPS);
	CHECK_EQ("every thread had its turn in order", out_of_turn, 0);
	CHECK_EQ("ring: every pinned thread ran on its own CPU", smp_summary("ring", rep, nt), 0);
	return utest_done();
}

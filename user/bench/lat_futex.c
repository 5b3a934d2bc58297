/*
 * user/bench/lat_futex.c - futex round trip between two processes over a
 * MAP_SHARED page: the parent sets a word and FUTEX_WAKEs the child, which
 * answers on a second word. Also the uncontended pair of calls a lock makes
 * when it races (FUTEX_WAKE with nobody waiting, FUTEX_WAIT on a changed
 * value). Usage: lat_futex [ROUND_TRIPS]
 * prints "lat_futex US us" and "lat_futex_uncontended US us".
 */
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "bench.h"

static volatile uint32_t *word;	/* word[0]: parent to child, word[16]: back */

static long futex(volatile uint32_t *w, int op, uint32_t val)
{
	return syscall(SYS_futex, w, op, val, NULL, NULL, 0);
}

/* wait until *w becomes want */
static void await(volatile uint32_t *w, uint32_t want)
{
	uint32_t v;

	while ((v = __atomic_load_n(w, __ATOMIC_ACQUIRE)) != want)
		if (futex(w, FUTEX_WAIT, v) && errno != EAGAIN && errno != EINTR)
			die("futex wait");
}

static void post(volatile uint32_t *w, uint32_t v)
{
	__atomic_store_n(w, v, __ATOMIC_RELEASE);
	if (futex(w, FUTEX_WAKE, 1) < 0)
		die("futex wake");
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 100000);
	long warm = n / 10 + 1;
	uint64_t t0, t1;
	uint32_t seq = 0;
	pid_t pid;

	word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (word == MAP_FAILED)
		die("mmap");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		for (uint32_t i = 1; i <= (uint32_t)(warm + n); i++) {
			await(&word[0], i);
			post(&word[16], i);
		}
		_exit(0);
	}
	watch_child(pid);
	for (long i = 0; i < warm; i++) {
		post(&word[0], ++seq);
		await(&word[16], seq);
	}
	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		post(&word[0], ++seq);
		await(&word[16], seq);
	}
	t1 = now_ns();
	wait_child_ok(pid);
	report_lat("lat_futex", t1 - t0, n);

	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		futex(&word[32], FUTEX_WAKE, 1);
		futex(&word[32], FUTEX_WAIT, 1);	/* the word is 0: EAGAIN at once */
	}
	t1 = now_ns();
	report_lat("lat_futex_uncontended", t1 - t0, n);
	return 0;
}

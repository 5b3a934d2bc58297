/*
 * proc_futex.c - futex FUTEX_WAIT and FUTEX_WAKE, and what glibc builds on
 * them: gethostid() and pthread_once() in a static program (glibc aborts
 * on ENOSYS from FUTEX_WAKE); a CLONE_VM child and its creator meeting on a
 * private futex; two processes meeting on a shared futex in MAP_SHARED
 * memory, and not meeting on a private one; CLONE_CHILD_CLEARTID waking a
 * joiner; EAGAIN, ETIMEDOUT, EINTR and SA_RESTART, EINVAL, EFAULT, ENOSYS.
 * The bitset forms (absolute timeouts on either clock, wake by mask), and
 * glibc's semaphores on them: sem_timedwait, a process-shared sem_wait.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

#define STACK_SIZE 65536

static long futex3(volatile uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts,
		   uint32_t val3)
{
	/* the 32-bit time call (240) that glibc falls back to, and FUTEX_WAKE always uses */
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, val3);
}

static long futex(volatile uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts)
{
	return futex3(uaddr, op, val, ts, 0);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* the clock's time ns nanoseconds from now */
static struct timespec clock_in(clockid_t clock, long ns)
{
	struct timespec t;

	clock_gettime(clock, &t);
	t.tv_nsec += ns;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

static int once_calls;

static void once_init(void)
{
	once_calls++;
}

static volatile uint32_t word;
static volatile long child_result = -1000;

static int vm_child(void *arg)
{
	(void)arg;
	child_result = futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL);
	return 0;
}

static int cleartid_child(void *arg)
{
	(void)arg;
	usleep(20000);
	return 0;
}

/* wake until someone was woken: the waiter, with the word unchanged, is asleep by then */
static long wake_one(volatile uint32_t *w, int op)
{
	long r = 0;

	for (int i = 0; i < 2000 && r == 0; i++) {
		r = futex(w, op, 1, NULL);
		if (r == 0)
			usleep(1000);
	}
	return r;
}

static volatile int got_signal;

static void on_usr1(int sig)
{
	(void)sig;
	got_signal = 1;
}

/* a child waits untimed; SIGUSR1 comes; then a wake: what does the wait return? */
static long wait_through_signal(int flags, volatile uint32_t *w)
{
	struct sigaction sa;
	int pfd[2], st;
	long r = -1000;
	pid_t p;

	*w = 0;
	pipe(pfd);
	p = fork();
	if (p == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		sa.sa_flags = flags;
		sigaction(SIGUSR1, &sa, NULL);
		r = futex(w, FUTEX_WAIT, 0, NULL);
		r = r < 0 ? -errno : r;
		if (r == 0 && !got_signal)
			r = -1001;
		write(pfd[1], &r, sizeof(r));
		_exit(0);
	}
	close(pfd[1]);
	usleep(50000);			/* asleep by now: the wake below would not count otherwise */
	kill(p, SIGUSR1);
	usleep(50000);
	wake_one(w, FUTEX_WAKE);	/* harmless if it has left already */
	read(pfd[0], &r, sizeof(r));
	close(pfd[0]);
	waitpid(p, &st, 0);
	return r;
}

int main(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	volatile uint32_t *shared;
	static volatile pid_t tid;
	char *stack;
	long id1, id2, r;
	double t0;
	pid_t p, c;
	int st;

	/* what glibc reaches through pthread_once: these abort without FUTEX_WAKE */
	id1 = gethostid();
	id2 = gethostid();
	CHECK("gethostid() returns, twice the same", id1 == id2);
	CHECK_OK("pthread_once", pthread_once(&once, once_init));
	pthread_once(&once, once_init);
	CHECK_EQ("pthread_once runs its function once", once_calls, 1);

	word = 1;
	CHECK_ERR("FUTEX_WAIT on a different value: EAGAIN", futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL),
		  EAGAIN);
	t0 = now();
	CHECK_ERR("FUTEX_WAIT with a 20 ms timeout: ETIMEDOUT", futex(&word, FUTEX_WAIT_PRIVATE, 1, &ts),
		  ETIMEDOUT);
	CHECK("and it waited the 20 ms", now() - t0 >= 0.019);
	CHECK_EQ("FUTEX_WAKE with nobody waiting: 0", futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL), 0);
	CHECK_ERR("unaligned: EINVAL", futex((uint32_t *)((char *)&word + 1), FUTEX_WAIT, 1, NULL),
		  EINVAL);
	CHECK_ERR("unaligned FUTEX_WAKE: EINVAL",
		  futex((uint32_t *)((char *)&word + 2), FUTEX_WAKE, 1, NULL), EINVAL);
	CHECK_ERR("FUTEX_WAIT on NULL: EFAULT", futex(NULL, FUTEX_WAIT, 0, NULL), EFAULT);
	CHECK_ERR("FUTEX_WAIT on a kernel address: EFAULT",
		  futex((uint32_t *)0xc0001000, FUTEX_WAIT_PRIVATE, 0, NULL), EFAULT);
	CHECK_ERR("a bad timeout pointer: EFAULT",
		  futex(&word, FUTEX_WAIT_PRIVATE, 1, (struct timespec *)1), EFAULT);
	ts.tv_nsec = 1000000000;
	CHECK_ERR("a timeout of a billion ns: EINVAL", futex(&word, FUTEX_WAIT_PRIVATE, 1, &ts),
		  EINVAL);
	ts.tv_nsec = 20 * 1000 * 1000;
	CHECK_ERR("an unknown operation: ENOSYS", futex(&word, 99, 0, NULL), ENOSYS);
	CHECK_ERR("FUTEX_FD (gone since 2.6.26): ENOSYS", futex(&word, FUTEX_FD, 0, NULL), ENOSYS);
	CHECK_ERR("FUTEX_WAIT with FUTEX_CLOCK_REALTIME: ENOSYS",
		  futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, &ts), ENOSYS);

	/* a CLONE_VM child sleeps on a private futex; we wake it */
	word = 0;
	stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	c = clone(vm_child, stack + STACK_SIZE, CLONE_VM | SIGCHLD, NULL);
	CHECK("clone(CLONE_VM)", c > 0);
	CHECK_EQ("FUTEX_WAKE_PRIVATE wakes the CLONE_VM child", wake_one(&word, FUTEX_WAKE_PRIVATE), 1);
	waitpid(c, &st, 0);
	CHECK_EQ("whose FUTEX_WAIT returned 0", child_result, 0);

	/* CLONE_CHILD_CLEARTID: the kernel clears the tid and wakes the joiner */
	tid = 1;
	c = clone(cleartid_child, stack + STACK_SIZE, CLONE_VM | CLONE_CHILD_SETTID |
		  CLONE_CHILD_CLEARTID | SIGCHLD, NULL, NULL, NULL, &tid);
	t0 = now();
	ts.tv_sec = 5;
	ts.tv_nsec = 0;
	while ((r = tid) != 0 && now() - t0 < 5)
		futex((volatile uint32_t *)&tid, FUTEX_WAIT, r, &ts);
	CHECK("CLONE_CHILD_CLEARTID: tid cleared and the joiner woken at its exit",
	      tid == 0 && now() - t0 < 4);
	waitpid(c, &st, 0);
	munmap(stack, STACK_SIZE);

	/* two processes, one MAP_SHARED word: a shared futex meets, a private one does not */
	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*shared = 0;
	p = fork();
	if (p == 0)
		_exit(futex(shared, FUTEX_WAIT, 0, NULL) == 0 ? 0 : 1);
	CHECK_EQ("a shared futex in MAP_SHARED memory wakes the other process",
		 wake_one(shared, FUTEX_WAKE), 1);
	waitpid(p, &st, 0);
	CHECK_EQ("whose FUTEX_WAIT returned 0", st, 0);
	*shared = 0;
	p = fork();
	if (p == 0) {
		struct timespec t = { 0, 300 * 1000 * 1000 };

		_exit(futex(shared, FUTEX_WAIT_PRIVATE, 0, &t) == -1 && errno == ETIMEDOUT ? 0 : 1);
	}
	usleep(100000);
	CHECK_EQ("a private futex is per address space: nobody to wake here",
		 futex(shared, FUTEX_WAKE_PRIVATE, 1, NULL), 0);
	waitpid(p, &st, 0);
	CHECK_EQ("and the other process times out", st, 0);

	CHECK_EQ("a signal with a handler ends an untimed wait: EINTR",
		 wait_through_signal(0, shared), -EINTR);
	CHECK_EQ("with SA_RESTART the wait goes on, and a wake ends it: 0",
		 wait_through_signal(SA_RESTART, shared), 0);

	/* the bitset forms: absolute timeouts, wake by mask */
	*shared = 0;
	CHECK_ERR("FUTEX_WAIT_BITSET with an empty bitset: EINVAL",
		  futex3(shared, FUTEX_WAIT_BITSET, 0, NULL, 0), EINVAL);
	CHECK_ERR("FUTEX_WAKE_BITSET with an empty bitset: EINVAL",
		  futex3(shared, FUTEX_WAKE_BITSET, 1, NULL, 0), EINVAL);
	ts = clock_in(CLOCK_MONOTONIC, 20 * 1000 * 1000);
	t0 = now();
	CHECK_ERR("FUTEX_WAIT_BITSET until CLOCK_MONOTONIC + 20 ms: ETIMEDOUT",
		  futex3(shared, FUTEX_WAIT_BITSET, 0, &ts, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	CHECK("at 20 ms, not before", now() - t0 >= 0.019 && now() - t0 < 1);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec -= 1;
	CHECK_ERR("FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, a time past: ETIMEDOUT",
		  futex3(shared, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &ts,
			 FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	CHECK_ERR("and the value is checked first: EAGAIN",
		  futex3(shared, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &ts,
			 FUTEX_BITSET_MATCH_ANY), EAGAIN);
	p = fork();
	if (p == 0)
		_exit(futex3(shared, FUTEX_WAIT_BITSET, 0, NULL, 1) == 0 ? 0 : 1);
	usleep(100000);
	CHECK_EQ("FUTEX_WAKE_BITSET with another bit wakes nobody",
		 futex3(shared, FUTEX_WAKE_BITSET, 1, NULL, 2), 0);
	CHECK_EQ("with the waiter's bit, it wakes", futex3(shared, FUTEX_WAKE_BITSET, 1, NULL, 3), 1);
	waitpid(p, &st, 0);
	CHECK_EQ("whose FUTEX_WAIT_BITSET returned 0", st, 0);

	/* glibc's semaphores sit on FUTEX_WAIT_BITSET and FUTEX_WAKE */
	{
		sem_t *sem = (sem_t *)(shared + 64);

		CHECK_OK("sem_init, process-shared", sem_init(sem, 1, 0));
		ts = clock_in(CLOCK_REALTIME, 30 * 1000 * 1000);
		t0 = now();
		CHECK_ERR("sem_timedwait on 0 for 30 ms: ETIMEDOUT", sem_timedwait(sem, &ts), ETIMEDOUT);
		CHECK("after the 30 ms", now() - t0 >= 0.025);
		p = fork();
		if (p == 0)
			_exit(sem_wait(sem) == 0 ? 0 : 1);
		usleep(100000);		/* asleep in the kernel by now */
		CHECK_OK("sem_post", sem_post(sem));
		waitpid(p, &st, 0);
		CHECK_EQ("a sem_wait in another process returns", st, 0);
	}
	return utest_done();
}

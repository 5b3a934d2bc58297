/*
 * futex_robust.c - robust and process-shared pthread objects in SysV shared
 * memory (issue 16): a robust mutex whose owner process is killed gives
 * EOWNERDEAD to the waiter (woken by the exit-time walk); a process-shared
 * mutex and condition variable between two processes that map one segment
 * at different addresses; get_robust_list; robust lists that loop or point
 * into the kernel do not stop an exit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

struct shared {
	pthread_mutex_t m;
	pthread_cond_t c;
	int turn, rounds;
	pthread_mutex_t robust;
};

/* the segment again, at an address that differs from the one fork gave */
static struct shared *reattach(int id, struct shared *old)
{
	struct shared *s = shmat(id, NULL, 0);

	shmdt(old);
	return s;
}

int main(void)
{
	int id = shmget(IPC_PRIVATE, 8192, 0600);
	struct shared *s = shmat(id, NULL, 0);
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;
	int pfd[2], st;
	pid_t owner, waiter;
	char c;

	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&s->m, &ma);
	pthread_condattr_init(&ca);
	pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
	pthread_cond_init(&s->c, &ca);
	pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&s->robust, &ma);

	/* robust: the owner dies holding it; the blocked waiter gets EOWNERDEAD */
	pipe(pfd);
	owner = fork();
	if (owner == 0) {
		pthread_mutex_lock(&s->robust);
		write(pfd[1], "x", 1);
		for (;;)
			pause();
	}
	read(pfd[0], &c, 1);
	waiter = fork();
	if (waiter == 0) {
		struct shared *t = reattach(id, s);
		int r;

		alarm(10);
		r = pthread_mutex_lock(&t->robust);	/* blocks: the owner holds it */
		if (r == EOWNERDEAD) {
			pthread_mutex_consistent(&t->robust);
			pthread_mutex_unlock(&t->robust);
		}
		_exit(r == EOWNERDEAD ? 0 : 1);
	}
	usleep(200000);		/* the waiter is asleep in the futex */
	kill(owner, SIGKILL);
	waitpid(owner, &st, 0);
	waitpid(waiter, &st, 0);
	CHECK("the waiter got EOWNERDEAD when the owner was killed", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ("made consistent, the mutex works again", pthread_mutex_lock(&s->robust), 0);
	pthread_mutex_unlock(&s->robust);

	/* process-shared mutex + condvar ping-pong, the other side at another address */
	s->turn = 0;
	s->rounds = 0;
	waiter = fork();
	if (waiter == 0) {
		struct shared *t = reattach(id, s);

		alarm(20);
		pthread_mutex_lock(&t->m);
		for (int i = 0; i < 200; i++) {
			while (t->turn != 1)
				pthread_cond_wait(&t->c, &t->m);
			t->turn = 0;
			t->rounds++;
			pthread_cond_broadcast(&t->c);
		}
		pthread_mutex_unlock(&t->m);
		_exit(0);
	}
	pthread_mutex_lock(&s->m);
	for (int i = 0; i < 200; i++) {
		s->turn = 1;
		pthread_cond_broadcast(&s->c);
		while (s->turn != 0)
			pthread_cond_wait(&s->c, &s->m);
	}
	pthread_mutex_unlock(&s->m);
	waitpid(waiter, &st, 0);
	CHECK("pshared condvar partner exited cleanly", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ("200 rounds across two addresses", s->rounds, 200);

	/* get_robust_list: glibc registered one for this thread */
	{
		void *head = NULL;
		size_t len = 0;

		CHECK_OK("get_robust_list(0)", syscall(SYS_get_robust_list, 0, &head, &len));
		CHECK("a head, 12 bytes long on i386", head != NULL && len == 12);
		CHECK_ERR("get_robust_list of nobody", syscall(SYS_get_robust_list, 999999, &head, &len), ESRCH);
		CHECK_ERR("get_robust_list to an unmapped pointer", syscall(SYS_get_robust_list, 0, (void *)8, &len), EFAULT);
		CHECK_ERR("set_robust_list with a wrong length", syscall(SYS_set_robust_list, head, 24), EINVAL);
	}

	/* bad robust lists: a loop, and a head in the kernel; the exits still finish */
	{
		static uint32_t loop[4];
		pid_t k = fork();

		if (k == 0) {
			loop[0] = (uint32_t)(uintptr_t)&loop[3];	/* head.next -> entry */
			loop[1] = 0;					/* futex_offset */
			loop[2] = 0;					/* nothing pending */
			loop[3] = (uint32_t)(uintptr_t)&loop[3];	/* entry -> itself */
			syscall(SYS_set_robust_list, loop, 12);
			_exit(5);
		}
		waitpid(k, &st, 0);
		CHECK("a looping robust list: the exit finishes", WIFEXITED(st) && WEXITSTATUS(st) == 5);
		k = fork();
		if (k == 0) {
			syscall(SYS_set_robust_list, (void *)0xc0001000, 12);
			_exit(6);
		}
		waitpid(k, &st, 0);
		CHECK("a robust list in the kernel: the exit finishes", WIFEXITED(st) && WEXITSTATUS(st) == 6);
	}
	/* the exit-time walk stops after Linux's ROBUST_LIST_LIMIT, 2,048 entries */
	{
		enum { N = 2100 };
		struct ent { uint32_t next, word; } *e;
		uint32_t *head;
		int died = 0, first_alive = -1;
		pid_t k;

		e = mmap(NULL, (N + 2) * sizeof(*e), PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		head = (uint32_t *)&e[N];
		k = fork();
		if (k == 0) {
			for (int i = 0; i < N; i++) {
				e[i].next = i + 1 < N ? (uint32_t)(uintptr_t)&e[i + 1] : (uint32_t)(uintptr_t)head;
				e[i].word = getpid();	/* held by us */
			}
			head[0] = (uint32_t)(uintptr_t)&e[0];
			head[1] = offsetof(struct ent, word);
			head[2] = 0;
			syscall(SYS_set_robust_list, head, 12);
			_exit(7);
		}
		waitpid(k, &st, 0);
		for (int i = 0; i < N; i++) {
			if (e[i].word & FUTEX_OWNER_DIED)
				died++;
			else if (first_alive < 0)
				first_alive = i;
		}
		CHECK("a 2,100-entry robust list: the exit finishes", WIFEXITED(st) && WEXITSTATUS(st) == 7);
		CHECK_EQ("2,048 of its locks are marked FUTEX_OWNER_DIED", died, 2048);
		CHECK_EQ("the walk stopped at entry 2,048", first_alive, 2048);
		munmap(e, (N + 2) * sizeof(*e));
	}
	shmdt(s);
	shmctl(id, IPC_RMID, NULL);
	return utest_done();
}

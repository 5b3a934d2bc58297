/*
 * mmap_ltp: the Linux Test Project library's pattern: a temporary
 * directory, a results file in it mapped MAP_SHARED by a parent and its
 * forked children, each child adding to a counter in it under a System V
 * semaphore. Needs file mappings shared across fork (mm/mmap.c, fs/filemap.c).
 */
#include "utest.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN	8
#define ROUNDS		200

struct results {
	int passed;
	int counter;
};

int main(void)
{
	char dir[] = "/tmp/ltpXXXXXX", file[64];
	struct sembuf down = { 0, -1, SEM_UNDO }, up = { 0, 1, SEM_UNDO };
	struct results *r;
	int fd, semid, ok = 1;

	CHECK("mkdtemp", mkdtemp(dir) != NULL);
	snprintf(file, sizeof(file), "%s/ipc_results", dir);
	fd = open(file, O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK_OK("create the results file", fd);
	CHECK_OK("size it", ftruncate(fd, 4096));
	r = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("map it MAP_SHARED", r != MAP_FAILED);
	if (r == MAP_FAILED)
		return utest_done();
	semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	CHECK_OK("semget", semid);
	CHECK_OK("semaphore to 1", semctl(semid, 0, SETVAL, 1));
	for (int i = 0; i < CHILDREN; i++) {
		if (fork() == 0) {
			for (int j = 0; j < ROUNDS; j++) {
				if (semop(semid, &down, 1))
					_exit(1);
				int v = r->counter;

				if (j % 16 == 0)
					sched_yield();	/* invite a race the semaphore must stop */
				r->counter = v + 1;
				if (semop(semid, &up, 1))
					_exit(1);
			}
			__sync_fetch_and_add(&r->passed, 1);
			_exit(0);
		}
	}
	for (int i = 0; i < CHILDREN; i++) {
		int st;

		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			ok = 0;
	}
	CHECK("every child exited 0", ok);
	CHECK_EQ("the children's results reached the parent's mapping", r->passed, CHILDREN);
	CHECK_EQ("the counter saw every increment", r->counter, CHILDREN * ROUNDS);
	{
		struct results back;

		CHECK_EQ("read the file", pread(fd, &back, sizeof(back), 0), (long)sizeof(back));
		CHECK_EQ("the file holds the count", back.counter, CHILDREN * ROUNDS);
	}
	semctl(semid, 0, IPC_RMID);
	munmap(r, 4096);
	close(fd);
	unlink(file);
	CHECK_OK("remove the directory", rmdir(dir));
	return utest_done();
}

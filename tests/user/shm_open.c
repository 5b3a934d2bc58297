/*
 * shm_open: POSIX shared memory and semaphores through glibc unchanged
 * (tmpfs at /dev/shm, mm/shmem.c; file mappings, mm/mmap.c; futexes keyed
 * by the file): shm_open/ftruncate/mmap/shm_unlink between unrelated
 * processes (a freshly exec'd program), named semaphores between
 * processes, contended, and sem_init(pshared=1) in MAP_SHARED memory.
 */
#include "utest.h"
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char shm_name[64], sem_name[64];

/* the exec'd half: map the object by name, check and answer */
static int peer(const char *name)
{
	int fd = shm_open(name, O_RDWR, 0);
	char *p;

	if (fd < 0)
		return 2;
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 3;
	if (strcmp(p, "hello from the creator"))
		return 4;
	strcpy(p + 4096, "hello back");
	return 0;
}

int main(int argc, char **argv)
{
	int fd, st;
	char *p;
	pid_t pid;
	sem_t *s;

	if (argc == 3 && !strcmp(argv[1], "peer"))
		return peer(argv[2]);
	snprintf(shm_name, sizeof(shm_name), "/utest_shm.%d", (int)getpid());
	snprintf(sem_name, sizeof(sem_name), "/utest_sem.%d", (int)getpid());

	fd = shm_open(shm_name, O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK_OK("shm_open O_CREAT|O_EXCL", fd);
	CHECK_ERR("again with O_EXCL: EEXIST", shm_open(shm_name, O_CREAT | O_EXCL | O_RDWR, 0600), EEXIST);
	CHECK_OK("ftruncate", ftruncate(fd, 8192));
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("mmap it", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return utest_done();
	strcpy(p, "hello from the creator");
	pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", argv[0], "peer", shm_name, (char *)NULL);
		execl(argv[0], argv[0], "peer", shm_name, (char *)NULL);
		_exit(9);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("an exec'd program opened, mapped and checked it", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	CHECK("its answer is in our mapping", !strcmp(p + 4096, "hello back"));
	CHECK_OK("shm_unlink", shm_unlink(shm_name));
	CHECK_ERR("opening it now: ENOENT", shm_open(shm_name, O_RDWR, 0), ENOENT);
	CHECK_ERR("unlinking again: ENOENT", shm_unlink(shm_name), ENOENT);
	CHECK("the mapping outlives the name", !strcmp(p, "hello from the creator"));
	munmap(p, 8192);
	close(fd);

	/* named semaphores: a child waits (contended), the parent posts */
	s = sem_open(sem_name, O_CREAT | O_EXCL, 0600, 0);
	CHECK("sem_open O_CREAT", s != SEM_FAILED);
	if (s != SEM_FAILED) {
		pid = fork();
		if (pid == 0) {
			sem_t *c = sem_open(sem_name, 0);

			if (c == SEM_FAILED)
				_exit(2);
			for (int i = 0; i < 50; i++)
				if (sem_wait(c))
					_exit(3);
			sem_close(c);
			_exit(0);
		}
		for (int i = 0; i < 50; i++) {
			if (i % 10 == 0)
				usleep(20000);	/* let the child block in FUTEX_WAIT */
			sem_post(s);
		}
		waitpid(pid, &st, 0);
		CHECK_EQ("the child took 50 posts, blocking for most", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
		{
			int v = -1;

			sem_getvalue(s, &v);
			CHECK_EQ("the value is back to 0", v, 0);
		}
		CHECK_OK("sem_close", sem_close(s));
		CHECK_OK("sem_unlink", sem_unlink(sem_name));
		CHECK_ERR("sem_open of the unlinked name: ENOENT", (long)sem_open(sem_name, 0) == (long)SEM_FAILED ? -1 : 0, ENOENT);
	}

	/* unnamed, process-shared, in MAP_SHARED memory: ping-pong */
	{
		sem_t *pair = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		int rounds = 200;

		CHECK_OK("sem_init pshared=1", sem_init(&pair[0], 1, 0));
		CHECK_OK("sem_init pshared=1", sem_init(&pair[1], 1, 0));
		pid = fork();
		if (pid == 0) {
			for (int i = 0; i < rounds; i++) {
				if (sem_wait(&pair[0]))
					_exit(1);
				sem_post(&pair[1]);
			}
			_exit(0);
		}
		int ok = 1;

		for (int i = 0; i < rounds && ok; i++) {
			struct timespec ts;

			sem_post(&pair[0]);
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 10;
			ok = sem_timedwait(&pair[1], &ts) == 0;
		}
		waitpid(pid, &st, 0);
		CHECK("200 ping-pongs through pshared semaphores", ok && WIFEXITED(st) && !WEXITSTATUS(st));
		sem_destroy(&pair[0]);
		sem_destroy(&pair[1]);
		munmap(pair, 4096);
	}
	return utest_done();
}

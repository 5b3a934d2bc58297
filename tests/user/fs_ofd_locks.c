/*
 * fs_ofd_locks.c - open file description locks (F_OFD_SETLK, F_OFD_SETLKW,
 * F_OFD_GETLK): owned by the description, so two open()s in one process
 * conflict while dup'd and inherited fds share the lock; they conflict with
 * classic POSIX locks both ways, F_GETLK shows their pid as -1, l_pid must be
 * 0, and they go at the description's last close, not at the close of any fd.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

#define PATH "/tmp/fs_ofd_locks.tmp"

static int lk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock l;

	memset(&l, 0, sizeof(l));
	l.l_type = type;
	l.l_whence = SEEK_SET;
	l.l_start = start;
	l.l_len = len;
	return fcntl(fd, cmd, &l);
}

/* what F_OFD_GETLK (or F_GETLK) says about a lock at [start, start+len) */
static struct flock getlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock l;

	memset(&l, 0, sizeof(l));
	l.l_type = type;
	l.l_whence = SEEK_SET;
	l.l_start = start;
	l.l_len = len;
	if (fcntl(fd, cmd, &l))
		l.l_type = -1;
	return l;
}

/* in a child process: can it take a classic write lock on the range? 1 yes, 0 EAGAIN */
static int child_can_lock(off_t start, off_t len)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		int fd = open(PATH, O_RDWR);
		int r = lk(fd, F_SETLK, F_WRLCK, start, len);

		_exit(r == 0 ? 1 : errno == EAGAIN ? 0 : 2);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}

static void one_process(void)
{
	int a = open(PATH, O_RDWR), b = open(PATH, O_RDWR), d;
	struct flock g;

	CHECK_OK("F_OFD_SETLK write lock on description A", lk(a, F_OFD_SETLK, F_WRLCK, 0, 100));
	CHECK_ERR("description B of the same process conflicts: EAGAIN",
		  lk(b, F_OFD_SETLK, F_WRLCK, 50, 10), EAGAIN);
	CHECK_ERR("so does a read lock from B", lk(b, F_OFD_SETLK, F_RDLCK, 99, 1), EAGAIN);
	CHECK_OK("B outside the range", lk(b, F_OFD_SETLK, F_WRLCK, 100, 10));
	d = dup(a);
	CHECK_OK("a dup of A shares the lock (same owner): re-lock as read",
		 lk(d, F_OFD_SETLK, F_RDLCK, 0, 100));
	CHECK_OK("B may now read-lock it", lk(b, F_OFD_SETLK, F_RDLCK, 10, 10));
	CHECK_OK("B lets go", lk(b, F_OFD_SETLK, F_UNLCK, 0, 0));
	CHECK_OK("A write again", lk(a, F_OFD_SETLK, F_WRLCK, 0, 100));

	g = getlk(b, F_OFD_GETLK, F_RDLCK, 0, 0);
	CHECK("F_OFD_GETLK from B finds A's write lock at 0 len 100",
	      g.l_type == F_WRLCK && g.l_start == 0 && g.l_len == 100 && g.l_whence == SEEK_SET);
	CHECK_EQ("its l_pid is -1", g.l_pid, -1);
	g = getlk(a, F_OFD_GETLK, F_WRLCK, 0, 0);
	CHECK_EQ("F_OFD_GETLK from A itself: F_UNLCK", g.l_type, F_UNLCK);
	g = getlk(a, F_OFD_GETLK, F_UNLCK, 50, 1);
	CHECK("F_OFD_GETLK of F_UNLCK on A reports A's own lock (today's Linux)",
	      g.l_type == F_WRLCK && g.l_start == 0 && g.l_len == 100 && g.l_pid == -1);
	g = getlk(b, F_OFD_GETLK, F_UNLCK, 0, 0);
	CHECK_EQ("on B, which holds none: F_UNLCK", g.l_type, F_UNLCK);
	g = getlk(b, F_GETLK, F_WRLCK, 0, 0);
	CHECK("classic F_GETLK of the process sees the OFD lock, pid -1",
	      g.l_type == F_WRLCK && g.l_pid == -1);

	/* classic and OFD locks conflict, in one process too */
	CHECK_ERR("classic F_SETLK over A's OFD lock: EAGAIN", lk(b, F_SETLK, F_WRLCK, 0, 1), EAGAIN);
	CHECK_OK("classic F_SETLK beside it", lk(b, F_SETLK, F_WRLCK, 200, 10));
	CHECK_ERR("an OFD lock over the process's classic lock: EAGAIN",
		  lk(a, F_OFD_SETLK, F_WRLCK, 205, 1), EAGAIN);
	g = getlk(a, F_OFD_GETLK, F_WRLCK, 200, 1);
	CHECK("F_OFD_GETLK reports the classic lock with the process's pid",
	      g.l_type == F_WRLCK && g.l_pid == getpid());
	lk(b, F_SETLK, F_UNLCK, 200, 10);

	/* closing a dup does not release, nor does closing another description */
	close(d);
	CHECK_EQ("after close of A's dup, a child still cannot lock", child_can_lock(0, 1), 0);
	close(b);
	CHECK_EQ("nor after close of description B", child_can_lock(0, 1), 0);
	/* partial unlock splits it */
	CHECK_OK("unlock 10..19 of A's lock", lk(a, F_OFD_SETLK, F_UNLCK, 10, 10));
	CHECK_EQ("a child may lock 10..19", child_can_lock(10, 10), 1);
	CHECK_EQ("not 5", child_can_lock(5, 1), 0);
	CHECK_EQ("not 50", child_can_lock(50, 1), 0);
	close(a);
	CHECK_EQ("the last close of A releases it", child_can_lock(0, 100), 1);
}

/* a classic lock goes at any close by the process; an OFD lock does not */
static void close_rules(void)
{
	int a = open(PATH, O_RDWR), b = open(PATH, O_RDWR);

	lk(a, F_SETLK, F_WRLCK, 0, 10);
	close(b);
	CHECK_EQ("classic: closing another fd of the file releases it", child_can_lock(0, 10), 1);
	b = open(PATH, O_RDWR);
	lk(a, F_OFD_SETLK, F_WRLCK, 0, 10);
	close(b);
	CHECK_EQ("OFD: closing another fd of the file does not", child_can_lock(0, 10), 0);
	close(a);
}

static void inherited(void)
{
	int a = open(PATH, O_RDWR), p[2];
	pid_t pid;
	int st;
	char c;

	lk(a, F_OFD_SETLK, F_WRLCK, 0, 10);
	pipe(p);
	pid = fork();
	if (pid == 0) {
		int ok = lk(a, F_OFD_SETLK, F_WRLCK, 0, 20) == 0;	/* same description */

		close(a);	/* the parent still holds it open */
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK("a fork child shares the description's lock (extends it to 20)",
	      WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ("its close of the fd does not release it", child_can_lock(15, 1), 0);

	/* F_OFD_SETLKW waits for another description's lock */
	pid = fork();
	if (pid == 0) {
		int b = open(PATH, O_RDWR);

		write(p[1], "r", 1);
		if (lk(b, F_OFD_SETLKW, F_WRLCK, 0, 1))
			_exit(2);
		write(p[1], "g", 1);
		_exit(0);
	}
	read(p[0], &c, 1);
	{
		struct timespec ts = { 0, 100000000 };

		nanosleep(&ts, NULL);
	}
	CHECK_OK("the child is blocked in F_OFD_SETLKW; the parent unlocks",
		 lk(a, F_OFD_SETLK, F_UNLCK, 0, 0));
	c = 0;
	read(p[0], &c, 1);
	CHECK_EQ("the child then gets the lock", c, 'g');
	waitpid(pid, &st, 0);
	CHECK("and exits 0", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(a);
	close(p[0]);
	close(p[1]);
}

static void bad_input(void)
{
	int a = open(PATH, O_RDWR), ro = open(PATH, O_RDONLY);
	struct flock l;

	memset(&l, 0, sizeof(l));
	l.l_type = F_WRLCK;
	l.l_pid = getpid();
	CHECK_ERR("F_OFD_SETLK with l_pid set: EINVAL", fcntl(a, F_OFD_SETLK, &l), EINVAL);
	CHECK_ERR("F_OFD_SETLKW with l_pid set: EINVAL", fcntl(a, F_OFD_SETLKW, &l), EINVAL);
	CHECK_ERR("F_OFD_GETLK with l_pid set: EINVAL", fcntl(a, F_OFD_GETLK, &l), EINVAL);
	l.l_pid = 0;
	l.l_type = F_UNLCK;
	CHECK_ERR("classic F_GETLK of F_UNLCK: EINVAL", fcntl(a, F_GETLK, &l), EINVAL);
	l.l_type = 7;
	CHECK_ERR("F_OFD_SETLK of type 7: EINVAL", fcntl(a, F_OFD_SETLK, &l), EINVAL);
	l.l_type = F_WRLCK;
	l.l_whence = 9;
	CHECK_ERR("bad l_whence: EINVAL", fcntl(a, F_OFD_SETLK, &l), EINVAL);
	l.l_whence = SEEK_SET;
	l.l_start = INT64_MAX;
	l.l_len = 2;
	CHECK_ERR("a range past off_t: EOVERFLOW", fcntl(a, F_OFD_SETLK, &l), EOVERFLOW);
	l.l_start = 5;
	l.l_len = -10;
	CHECK_ERR("a negative length before 0: EINVAL", fcntl(a, F_OFD_SETLK, &l), EINVAL);
	CHECK_ERR("write lock on a read-only description: EBADF",
		  lk(ro, F_OFD_SETLK, F_WRLCK, 0, 1), EBADF);
	CHECK_ERR("bad pointer: EFAULT", fcntl(a, F_OFD_SETLK, (void *)16), EFAULT);
	CHECK_ERR("F_OFD_GETLK to a bad pointer: EFAULT", fcntl(a, F_OFD_GETLK, (void *)16), EFAULT);
	CHECK_ERR("a closed fd: EBADF", lk(999, F_OFD_SETLK, F_WRLCK, 0, 1), EBADF);
	close(a);
	close(ro);
}

int main(void)
{
	int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);

	write(fd, "0123456789", 10);
	close(fd);
	one_process();
	close_rules();
	inherited();
	bad_input();
	unlink(PATH);
	return utest_done();
}

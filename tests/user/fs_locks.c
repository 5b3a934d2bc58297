/*
 * fs_locks.c - flock between open files, processes and across fork, released
 * at the last close; fcntl record locks: conflicts between processes only,
 * F_GETLK's answer, ranges split by an unlock, every lock of a process gone
 * when it closes any fd of the file, F_SETLKW waiting and its EDEADLK;
 * bad types, ranges and modes. Children report through a pipe.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "utest.h"

static char path[64];

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* fcntl64 with struct flock64, straight to the kernel */
static long lk(int fd, int cmd, int type, long long start, long long len)
{
	struct flock64 fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	return syscall(SYS_fcntl64, fd, cmd, &fl);
}

/* F_GETLK64: the conflicting lock (type, start, len, pid), or type F_UNLCK */
static struct flock64 getlk(int fd, int type, long long start, long long len)
{
	struct flock64 fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	if (syscall(SYS_fcntl64, fd, F_GETLK64, &fl))
		fl.l_type = -1;
	return fl;
}

static void put(int fd, long v) { write(fd, &v, sizeof(v)); }
static long get(int fd)
{
	long v;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? v : -99999;
}

static void flocks(void)
{
	int f1 = open(path, O_RDWR), f2 = open(path, O_RDONLY), d, p[2], q[2], st;
	pid_t pid;
	double t0;

	CHECK_OK("LOCK_EX", flock(f1, LOCK_EX));
	CHECK_OK("LOCK_EX again on the same file: fine", flock(f1, LOCK_EX));
	CHECK_ERR("another open file: LOCK_EX|LOCK_NB is EWOULDBLOCK", flock(f2, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_ERR("and LOCK_SH|LOCK_NB", flock(f2, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	CHECK_OK("LOCK_UN", flock(f1, LOCK_UN));
	CHECK_OK("then LOCK_SH on the other", flock(f2, LOCK_SH | LOCK_NB));
	CHECK_OK("shared with LOCK_SH on the first", flock(f1, LOCK_SH | LOCK_NB));
	CHECK_ERR("upgrading to LOCK_EX while shared: EWOULDBLOCK", flock(f1, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_OK("LOCK_UN", flock(f2, LOCK_UN));
	CHECK_OK("alone now: LOCK_EX", flock(f1, LOCK_EX | LOCK_NB));
	d = dup(f1);
	close(f1);
	CHECK_ERR("closing one of two fds of the file keeps the lock", flock(f2, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	close(d);
	CHECK_OK("the last close releases it", flock(f2, LOCK_EX | LOCK_NB));
	flock(f2, LOCK_UN);
	CHECK_ERR("flock of a bad fd: EBADF", flock(99, LOCK_EX), EBADF);
	CHECK_ERR("flock with no operation: EINVAL", flock(f2, 0), EINVAL);
	CHECK_ERR("flock LOCK_NB alone: EINVAL", flock(f2, LOCK_NB), EINVAL);

	/* between processes: the child holds it 100 ms, we wait */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		int f = open(path, O_RDWR);

		flock(f, LOCK_EX);
		put(p[1], 1);
		usleep(100000);
		_exit(0);		/* exit closes it: released */
	}
	get(p[0]);
	CHECK_ERR("another process's LOCK_EX: EWOULDBLOCK", flock(f2, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	t0 = now_s();
	CHECK_OK("a blocking LOCK_SH waits for it", flock(f2, LOCK_SH));
	CHECK("until the holder exits", now_s() - t0 >= 0.05);
	waitpid(pid, NULL, 0);
	flock(f2, LOCK_UN);

	/* fork: the child's fd is the same open file, so the same lock */
	f1 = open(path, O_RDWR);
	flock(f1, LOCK_EX);
	pipe(q);
	pid = fork();
	if (pid == 0) {
		int other = open(path, O_RDONLY), r = 0;

		r |= flock(f1, LOCK_EX | LOCK_NB) != 0;			/* ours too */
		r |= (flock(other, LOCK_EX | LOCK_NB) != -1 || errno != EWOULDBLOCK) << 1;
		close(f1);						/* the parent's fd remains */
		r |= (flock(other, LOCK_EX | LOCK_NB) != -1 || errno != EWOULDBLOCK) << 2;
		put(q[1], r);
		get(p[0]);						/* the parent closed */
		r = flock(other, LOCK_EX | LOCK_NB) ? -errno : 0;
		put(q[1], r);
		_exit(0);
	}
	CHECK_EQ("after fork: the child shares the lock; another open file is refused, also after "
		 "the child closes its copy", get(q[0]), 0);
	close(f1);
	put(p[1], 1);
	CHECK_EQ("the parent's close (the last) releases it", get(q[0]), 0);
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(f2);
}

static void on_alarm(int sig) { (void)sig; }

static void record_locks(void)
{
	int fd = open(path, O_RDWR), ro = open(path, O_RDONLY), wo = open(path, O_WRONLY);
	int p[2], q[2], st;
	struct flock64 fl;
	pid_t pid, me = getpid();
	double t0;

	CHECK_OK("F_SETLK64 F_WRLCK [0,100)", lk(fd, F_SETLK64, F_WRLCK, 0, 100));
	fl = getlk(fd, F_WRLCK, 0, 0);
	CHECK_EQ("our own locks never conflict with us: F_UNLCK", fl.l_type, F_UNLCK);
	pipe(p);
	pipe(q);
	pid = fork();
	if (pid == 0) {
		int f = open(path, O_RDWR);
		struct flock64 g;

		g = getlk(f, F_RDLCK, 50, 10);
		put(q[1], g.l_type);
		put(q[1], g.l_start);
		put(q[1], g.l_len);
		put(q[1], g.l_pid);
		put(q[1], lk(f, F_SETLK64, F_RDLCK, 50, 10) ? -errno : 0);
		put(q[1], lk(f, F_SETLK64, F_WRLCK, 100, 10) ? -errno : 0);
		get(p[0]);		/* the parent unlocked [40,60) */
		put(q[1], getlk(f, F_WRLCK, 40, 20).l_type);
		g = getlk(f, F_WRLCK, 60, 40);
		put(q[1], g.l_start);
		put(q[1], g.l_len);
		put(q[1], getlk(f, F_WRLCK, 20, 0).l_start);
		get(p[0]);		/* the parent closed another fd of the file */
		put(q[1], getlk(f, F_WRLCK, 0, 0).l_type == F_UNLCK ? 0 : 1);
		_exit(0);
	}
	CHECK_EQ("F_GETLK in another process: the conflicting F_WRLCK", get(q[0]), F_WRLCK);
	CHECK_EQ("its start", get(q[0]), 0);
	CHECK_EQ("its length", get(q[0]), 100);
	CHECK_EQ("its owner's pid", get(q[0]), me);
	CHECK_EQ("F_SETLK over it: EAGAIN", get(q[0]), -EAGAIN);
	CHECK_EQ("beside it: granted", get(q[0]), 0);
	CHECK_OK("unlock the middle [40,60)", lk(fd, F_SETLK64, F_UNLCK, 40, 20));
	put(p[1], 1);
	CHECK_EQ("the hole is free", get(q[0]), F_UNLCK);
	CHECK_EQ("the right-hand piece starts at 60", get(q[0]), 60);
	CHECK_EQ("and is 40 long", get(q[0]), 40);
	CHECK_EQ("the left-hand piece starts at 0", get(q[0]), 0);
	{
		int other = open(path, O_RDONLY);

		close(other);	/* any close of the file drops all our locks on it */
	}
	put(p[1], 1);
	CHECK_EQ("closing any fd of the file releases the process's locks", get(q[0]), 0);
	waitpid(pid, &st, 0);

	/* F_SETLKW waits; an unlock in the holder lets it in */
	pid = fork();
	if (pid == 0) {
		int f = open(path, O_RDWR);

		lk(f, F_SETLK64, F_WRLCK, 0, 10);
		put(q[1], 1);
		usleep(100000);
		lk(f, F_SETLK64, F_UNLCK, 0, 10);
		usleep(200000);
		_exit(0);
	}
	get(q[0]);
	t0 = now_s();
	CHECK_OK("F_SETLKW waits for the holder", lk(fd, F_SETLKW64, F_WRLCK, 5, 1));
	CHECK("until it unlocks", now_s() - t0 >= 0.05);
	waitpid(pid, &st, 0);
	lk(fd, F_SETLK64, F_UNLCK, 0, 0);

	/* deadlock: we hold A and want B; the child holds B and waits for A */
	CHECK_OK("lock A", lk(fd, F_SETLK64, F_WRLCK, 0, 1));
	pid = fork();
	if (pid == 0) {
		int f = open(path, O_RDWR);

		lk(f, F_SETLK64, F_WRLCK, 1, 1);
		put(q[1], 1);
		put(q[1], lk(f, F_SETLKW64, F_WRLCK, 0, 1) ? -errno : 0);
		_exit(0);
	}
	get(q[0]);
	usleep(100000);		/* the child is asleep on A by now */
	CHECK_ERR("F_SETLKW on B would close the circle: EDEADLK", lk(fd, F_SETLKW64, F_WRLCK, 1, 1), EDEADLK);
	CHECK_OK("unlock A", lk(fd, F_SETLK64, F_UNLCK, 0, 1));
	CHECK_EQ("the child gets A", get(q[0]), 0);
	waitpid(pid, &st, 0);

	/* a signal breaks F_SETLKW: EINTR without SA_RESTART */
	pid = fork();
	if (pid == 0) {
		int f = open(path, O_RDWR);

		lk(f, F_SETLK64, F_WRLCK, 0, 0);
		put(q[1], 1);
		get(p[0]);
		_exit(0);
	}
	get(q[0]);
	{
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sigaction(SIGALRM, &sa, NULL);
		alarm(1);
		CHECK_ERR("F_SETLKW broken by a signal: EINTR", lk(fd, F_SETLKW64, F_RDLCK, 0, 1), EINTR);
		signal(SIGALRM, SIG_DFL);
	}
	put(p[1], 1);
	waitpid(pid, &st, 0);

	/* bad input */
	CHECK_ERR("l_type 7: EINVAL", lk(fd, F_SETLK64, 7, 0, 1), EINVAL);
	fl = (struct flock64){ .l_type = F_RDLCK, .l_whence = 5 };
	CHECK_ERR("l_whence 5: EINVAL", syscall(SYS_fcntl64, fd, F_SETLK64, &fl), EINVAL);
	CHECK_ERR("a start before 0: EINVAL", lk(fd, F_SETLK64, F_RDLCK, -1, 1), EINVAL);
	CHECK_ERR("a negative length reaching before 0: EINVAL", lk(fd, F_SETLK64, F_RDLCK, 2, -5), EINVAL);
	CHECK_OK("a negative length within the file", lk(fd, F_SETLK64, F_RDLCK, 5, -5));
	CHECK_ERR("a range past the largest offset: EOVERFLOW",
		  lk(fd, F_SETLK64, F_RDLCK, 0x7fffffffffffffffLL, 2), EOVERFLOW);
	CHECK_ERR("F_RDLCK on a write-only fd: EBADF", lk(wo, F_SETLK64, F_RDLCK, 0, 1), EBADF);
	CHECK_ERR("F_WRLCK on a read-only fd: EBADF", lk(ro, F_SETLK64, F_WRLCK, 0, 1), EBADF);
	CHECK_ERR("F_GETLK of F_UNLCK: EINVAL", syscall(SYS_fcntl64, fd, F_GETLK64,
		  &(struct flock64){ .l_type = F_UNLCK }), EINVAL);
	CHECK_ERR("struct flock at a bad address: EFAULT", syscall(SYS_fcntl64, fd, F_SETLK64, (void *)8), EFAULT);

	/* the 32-bit struct flock cannot report a lock past 2 GiB */
	lk(fd, F_SETLK64, F_UNLCK, 0, 0);
	pid = fork();
	if (pid == 0) {
		int f = open(path, O_RDWR);

		lk(f, F_SETLK64, F_WRLCK, 0x80000000LL, 10);
		put(q[1], 1);
		get(p[0]);
		_exit(0);
	}
	get(q[0]);
	{
		struct { short type, whence; long start, len; int pid; } f32 = { F_WRLCK, SEEK_SET, 0, 0, 0 };

		CHECK_ERR("F_GETLK (32-bit) of a lock past 2 GiB: EOVERFLOW",
			  syscall(SYS_fcntl64, fd, F_GETLK, &f32), EOVERFLOW);
		f32 = (typeof(f32)){ F_WRLCK, SEEK_SET, 0, 100, 0 };
		CHECK_OK("F_GETLK (32-bit) of a free range", syscall(SYS_fcntl64, fd, F_GETLK, &f32));
		CHECK_EQ("F_UNLCK", f32.type, F_UNLCK);
		f32 = (typeof(f32)){ F_WRLCK, SEEK_SET, 0, 100, 0 };
		CHECK_OK("F_SETLK (32-bit)", syscall(SYS_fcntl64, fd, F_SETLK, &f32));
	}
	put(p[1], 1);
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	close(fd);
	close(ro);
	close(wo);
}

int main(void)
{
	int fd;

	snprintf(path, sizeof(path), "/tmp/fs_locks_%d", (int)getpid());
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(fd, "0123456789", 10);
	close(fd);
	flocks();
	record_locks();
	unlink(path);
	return utest_done();
}

/*
 * mmap_file: mmap of regular files (mm/mmap.c, fs/filemap.c): shared
 * mappings and read/write see the same pages, private ones copy on write,
 * SIGBUS past EOF and after ftruncate, fork, mprotect splits, the file
 * kept alive by its mappings, Linux's errors for bad input, shared futexes
 * keyed by the file, and no page leaked over many map/unmap cycles.
 */
#define _GNU_SOURCE
#define _LARGEFILE64_SOURCE
#include "utest.h"
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG 4096

static char path[64];
static sigjmp_buf jb;
static volatile int got_bus;

static void on_bus(int sig)
{
	(void)sig;
	got_bus = 1;
	siglongjmp(jb, 1);
}

/* 1 if reading *p raises SIGBUS */
static int touch_bus(volatile char *p, int write)
{
	got_bus = 0;
	if (!sigsetjmp(jb, 1)) {
		if (write)
			*p = 1;
		else
			(void)*p;
	}
	return got_bus;
}

static int make_file(const char *name, size_t size, int fill)
{
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char buf[PG];

	memset(buf, fill, sizeof(buf));
	for (size_t done = 0; fd >= 0 && done < size; done += PG)
		if (write(fd, buf, size - done < PG ? size - done : PG) < 0)
			return -1;
	return fd;
}

static void test_shared(void)
{
	int fd = make_file(path, 3 * PG, 'a'), fd2;
	char buf[16];
	char *p, *q;
	pid_t pid;
	int st;

	p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("MAP_SHARED of a file succeeds", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	CHECK_EQ("the mapping shows the file's bytes", p[5], 'a');
	p[PG + 7] = 'X';
	CHECK_EQ("pread after a store through the mapping", pread(fd, buf, 1, PG + 7), 1);
	CHECK_EQ("it reads the stored byte", buf[0], 'X');
	CHECK_EQ("pwrite", pwrite(fd, "W", 1, 2 * PG + 1), 1);
	CHECK_EQ("the mapping sees the write at once", p[2 * PG + 1], 'W');

	/* a second open and mapping, at a page offset, sees the same page */
	fd2 = open(path, O_RDWR);
	q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, PG);
	CHECK("a second mapping at offset one page", q != MAP_FAILED);
	if (q != MAP_FAILED) {
		CHECK_EQ("it sees the first mapping's store", q[7], 'X');
		q[8] = 'Y';
		CHECK_EQ("and the first sees its store", p[PG + 8], 'Y');
		munmap(q, PG);
	}
	close(fd2);

	/* fork: the child's stores land in the parent's pages */
	pid = fork();
	if (pid == 0) {
		p[9] = 'C';
		_exit(p[PG + 7] == 'X' ? 0 : 1);
	}
	CHECK_EQ("the child saw the parent's page", waitpid(pid, &st, 0) == pid && WIFEXITED(st) ?
		 WEXITSTATUS(st) : -1, 0);
	CHECK_EQ("the parent sees the child's store", p[9], 'C');

	/* an unrelated process (exec'd is not needed: a fresh open after fork) */
	pid = fork();
	if (pid == 0) {
		int f = open(path, O_RDWR);
		char *r = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);

		if (r == MAP_FAILED)
			_exit(2);
		r[10] = 'U';
		_exit(0);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("a store through another process's own mapping shows", p[10], 'U');
	munmap(p, 3 * PG);
	close(fd);
	unlink(path);
}

static void test_private(void)
{
	int fd = make_file(path, 2 * PG, 'b');
	char buf[4];
	char *p;
	pid_t pid;
	int st;

	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK("MAP_PRIVATE of a file", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	CHECK_EQ("private mapping reads the file", p[1], 'b');
	pwrite(fd, "Z", 1, PG + 3);
	CHECK_EQ("a write to the file shows before the page is copied", p[PG + 3], 'Z');
	p[0] = 'P';
	pread(fd, buf, 1, 0);
	CHECK_EQ("a private store does not reach the file", buf[0], 'b');
	pwrite(fd, "Q", 1, 1);
	CHECK_EQ("after the copy the file's writes no longer show", p[1], 'b');
	pid = fork();
	if (pid == 0) {
		p[PG] = 'K';
		_exit(p[0] == 'P' ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("the child inherits the private copy", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	CHECK_EQ("the child's store stays in the child", p[PG], 'b');
	pread(fd, buf, 1, PG);
	CHECK_EQ("and out of the file", buf[0], 'b');
	munmap(p, 2 * PG);
	close(fd);
	unlink(path);
}

static void test_eof(void)
{
	int fd = make_file(path, PG + 100, 'c');
	char *p;

	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("mapping longer than the file", p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	CHECK_EQ("last byte of the file", p[PG + 99], 'c');
	CHECK_EQ("the partial last page is zero past EOF", p[PG + 100], 0);
	CHECK_EQ("up to its end", p[2 * PG - 1], 0);
	CHECK("a whole page past EOF raises SIGBUS", touch_bus(p + 2 * PG, 0));
	CHECK("a write there too", touch_bus(p + 3 * PG + 5, 1));
	CHECK_OK("ftruncate to 10 bytes", ftruncate(fd, 10));
	CHECK("after ftruncate the second page is SIGBUS", touch_bus(p + PG, 0));
	CHECK_EQ("the first page is zero past the new EOF", p[10], 0);
	CHECK_EQ("and keeps its bytes before it", p[9], 'c');
	CHECK_OK("ftruncate back up", ftruncate(fd, 2 * PG));
	CHECK_EQ("the page comes back as zeros", p[PG + 1], 0);
	munmap(p, 4 * PG);
	close(fd);
	unlink(path);
}

static void test_split_and_life(void)
{
	int fd = make_file(path, 4 * PG, 'd');
	char *p, buf[2];

	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		CHECK("map", 0);
		return;
	}
	CHECK_OK("mprotect the middle read-only", mprotect(p + PG, 2 * PG, PROT_READ));
	p[0] = '0';
	p[3 * PG] = '3';
	CHECK_EQ("the read-only part still reads", p[PG + 5], 'd');
	pread(fd, buf, 1, 3 * PG);
	CHECK_EQ("the upper piece still writes the file at its offset", buf[0], '3');
	CHECK_OK("mprotect it back", mprotect(p + PG, 2 * PG, PROT_READ | PROT_WRITE));
	p[2 * PG] = '2';
	pread(fd, buf, 1, 2 * PG);
	CHECK_EQ("the middle writes at its offset", buf[0], '2');
	CHECK_OK("munmap the second page", munmap(p + PG, PG));
	p[2 * PG + 1] = 'x';
	pread(fd, buf, 1, 2 * PG + 1);
	CHECK_EQ("the piece after the hole keeps its offset", buf[0], 'x');

	/* close and unlink: the mapping keeps the file */
	close(fd);
	unlink(path);
	CHECK_EQ("after close and unlink the pages are still there", p[0], '0');
	p[1] = 'L';
	CHECK_EQ("and writable", p[1], 'L');
	munmap(p, 4 * PG);

	/* a read-only file: shared write refused, mprotect up too */
	fd = make_file(path, PG, 'e');
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK_ERR("PROT_WRITE|MAP_SHARED on O_RDONLY: EACCES",
		  mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EACCES);
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK("PROT_READ|MAP_SHARED on O_RDONLY", p != MAP_FAILED);
	CHECK_ERR("mprotect it writable: EACCES", mprotect(p, PG, PROT_READ | PROT_WRITE), EACCES);
	munmap(p, PG);
	p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK("PROT_WRITE|MAP_PRIVATE on O_RDONLY", p != MAP_FAILED);
	if (p != MAP_FAILED) {
		p[0] = 'w';
		CHECK_EQ("private write works", p[0], 'w');
		munmap(p, PG);
	}
	close(fd);
	fd = open(path, O_WRONLY);
	CHECK_ERR("O_WRONLY file: EACCES", mmap(NULL, PG, PROT_WRITE, MAP_SHARED, fd, 0), EACCES);
	close(fd);
	unlink(path);
}

static void test_bad(void)
{
	int fd = make_file(path, PG, 'f'), pfd[2];
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	char fifo[80];
	char *p;

	CHECK_ERR("fd not open: EBADF", mmap(NULL, PG, PROT_READ, MAP_SHARED, 555, 0), EBADF);
	CHECK_ERR("fd -1 without MAP_ANONYMOUS: EBADF", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	CHECK_ERR("a directory: ENODEV", mmap(NULL, PG, PROT_READ, MAP_SHARED, dfd, 0), ENODEV);
	CHECK_OK("pipe", pipe(pfd));
	CHECK_ERR("a pipe's read end: ENODEV", mmap(NULL, PG, PROT_READ, MAP_SHARED, pfd[0], 0), ENODEV);
	CHECK_ERR("a pipe's write end: EACCES", mmap(NULL, PG, PROT_READ, MAP_SHARED, pfd[1], 0), EACCES);
	snprintf(fifo, sizeof(fifo), "%s.fifo", path);
	mkfifo(fifo, 0600);
	{
		int ffd = open(fifo, O_RDWR);

		CHECK_ERR("a FIFO: ENODEV", mmap(NULL, PG, PROT_READ, MAP_SHARED, ffd, 0), ENODEV);
		close(ffd);
	}
	unlink(fifo);
	CHECK_ERR("length 0: EINVAL", mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
	CHECK_ERR("unaligned offset: EINVAL", mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 100), EINVAL);
	CHECK_ERR("no MAP_SHARED or MAP_PRIVATE: EINVAL", mmap(NULL, PG, PROT_READ, 0, fd, 0), EINVAL);
	/* MAP_SHARED|MAP_PRIVATE is MAP_SHARED_VALIDATE: shared, unknown flags refused */
	{
		char *v = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_PRIVATE, fd, 0);

		CHECK("MAP_SHARED_VALIDATE of a file maps it", v != MAP_FAILED);
		if (v != MAP_FAILED) {
			char c = 0;

			v[7] = 'V';
			CHECK("... shared: a store shows in pread", pread(fd, &c, 1, 7) == 1 && c == 'V');
			munmap(v, PG);
		}
	}
	CHECK_ERR("MAP_SHARED_VALIDATE with MAP_SYNC (no DAX): EOPNOTSUPP",
		  mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_PRIVATE | 0x80000, fd, 0), EOPNOTSUPP);
	CHECK_ERR("MAP_SHARED_VALIDATE with an unknown flag: EOPNOTSUPP",
		  mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_PRIVATE | 0x400000, fd, 0), EOPNOTSUPP);
	CHECK_OK("plain MAP_SHARED ignores the unknown flag",
		 munmap(mmap(NULL, PG, PROT_READ, MAP_SHARED | 0x400000, fd, 0), PG));
	CHECK_ERR("MAP_SHARED_VALIDATE of anonymous memory: EINVAL",
		  mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	/* the page offset + pages overflows 32 bits: EOVERFLOW on an i386 kernel
	 * (a 64-bit kernel's pgoff does not overflow: it maps) */
	{
		struct utsname u;
		void *r;

		uname(&u);
		errno = 0;
		r = mmap64(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0xFFFFFFFF000LL);
		if (strcmp(u.machine, "x86_64"))
			CHECK("offset + length overflows: EOVERFLOW", r == MAP_FAILED && errno == EOVERFLOW);
		else if (r != MAP_FAILED)
			munmap(r, 2 * PG);
	}
	CHECK_ERR("MAP_FIXED at an unaligned address: EINVAL",
		  mmap((void *)0x10000100, PG, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0), EINVAL);
	CHECK_ERR("MAP_FIXED reaching past the top of user space: ENOMEM",
		  mmap((void *)0xFFFFF000, 2 * PG, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0), ENOMEM);
	CHECK_ERR("a length past the address space: ENOMEM",
		  mmap(NULL, 0xFFFFF000, PROT_READ, MAP_SHARED, fd, 0), ENOMEM);
	p = mmap((void *)0xC0000000, PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK("a hint in the kernel's range is ignored, not an error", p != MAP_FAILED);
	if (p != MAP_FAILED)
		munmap(p, PG);
	p = mmap((void *)0x50000000, PG, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
	CHECK("MAP_FIXED of a file", p == (void *)0x50000000);
	if (p != MAP_FAILED) {
		CHECK_EQ("reads it", p[0], 'f');
		munmap(p, PG);
	}
	close(pfd[0]);
	close(pfd[1]);
	close(dfd);
	close(fd);
	unlink(path);
}

/* shared futexes in a file: two opens, two processes, one key */
static void test_futex(void)
{
	int fd = make_file(path, PG, 0), st;
	uint32_t *w = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	pid_t pid;

	if (w == MAP_FAILED) {
		CHECK("map", 0);
		return;
	}
	pid = fork();
	if (pid == 0) {
		int f = open(path, O_RDWR);
		uint32_t *v = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);

		v[1] = 1;	/* ready */
		while (__atomic_load_n(&v[0], __ATOMIC_SEQ_CST) == 0)
			syscall(SYS_futex, &v[0], FUTEX_WAIT, 0, NULL, NULL, 0);
		_exit(v[0] == 7 ? 0 : 1);
	}
	while (!__atomic_load_n(&w[1], __ATOMIC_SEQ_CST))
		usleep(1000);
	usleep(50000);		/* let it sleep in FUTEX_WAIT */
	__atomic_store_n(&w[0], 7, __ATOMIC_SEQ_CST);
	CHECK_EQ("FUTEX_WAKE through another open's mapping wakes the waiter",
		 syscall(SYS_futex, &w[0], FUTEX_WAKE, 1, NULL, NULL, 0), 1);
	waitpid(pid, &st, 0);
	CHECK_EQ("the waiter saw the value", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	munmap(w, PG);
	close(fd);
	unlink(path);
}

static void test_cycles(void)
{
	int fd = make_file(path, 1 << 20, 'g'), ok = 1;

	for (int i = 0; i < 1000 && ok; i++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       i & 1 ? MAP_SHARED : MAP_PRIVATE, fd, 0);

		if (p == MAP_FAILED) {
			ok = 0;
			break;
		}
		for (int off = 0; off < 1 << 20; off += 64 * PG)
			p[off + (i & 63)] += 1;
		ok = munmap(p, 1 << 20) == 0;
	}
	CHECK("1000 map/touch/unmap cycles of a 1 MiB file", ok);
	/* unlink while mapped, then unmap: the pages go with it */
	{
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

		close(fd);
		unlink(path);
		if (p != MAP_FAILED) {
			p[12345] = 1;
			munmap(p, 1 << 20);
		}
		CHECK("unlinked mapped file unmapped", p != MAP_FAILED);
	}
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_bus };

	sigaction(SIGBUS, &sa, NULL);
	snprintf(path, sizeof(path), "/tmp/mmap_file.%d", (int)getpid());
	test_shared();
	test_private();
	test_eof();
	test_split_and_life();
	test_bad();
	test_futex();
	test_cycles();
	return utest_done();
}

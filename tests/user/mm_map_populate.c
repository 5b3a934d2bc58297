/*
 * mm_map_populate.c - mmap's MAP_POPULATE and MAP_LOCKED: the pages are
 * there at once (mincore) without a touch, MAP_NONBLOCK turns populating
 * off; a MAP_LOCKED region is locked (VmLck), counts against
 * RLIMIT_MEMLOCK like mlock (EAGAIN past it, EPERM at limit 0, for a user
 * without CAP_IPC_LOCK), and munmap gives the budget back; after
 * mlockall(MCL_FUTURE) every new mapping is locked and populated.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "utest.h"

#define P 4096
#define PATH "/tmp/mm_map_populate.tmp"

static long vmlck(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmLck: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* how many of n pages at p are resident */
static int resident(void *p, int n)
{
	unsigned char v[64];
	int i, r = 0;

	if (mincore(p, (size_t)n * P, v))
		return -1;
	for (i = 0; i < n; i++)
		r += v[i] & 1;
	return r;
}

static void *map(size_t len, int flags)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

static void populate(void)
{
	char *p = map(16 * P, 0), *q;
	int fd, i, ok = 1;

	CHECK_EQ("a plain anonymous mapping has no page yet", resident(p, 16), 0);
	munmap(p, 16 * P);
	p = map(16 * P, MAP_POPULATE);
	CHECK("MAP_POPULATE mmap succeeds", p != MAP_FAILED);
	CHECK_EQ("MAP_POPULATE: all 16 pages resident before any touch", resident(p, 16), 16);
	for (i = 0; i < 16 * P; i++)
		ok &= p[i] == 0;
	CHECK("and they read as zeros", ok);
	munmap(p, 16 * P);
	p = map(16 * P, MAP_POPULATE | MAP_NONBLOCK);
	CHECK_EQ("MAP_POPULATE | MAP_NONBLOCK: nothing faulted in", resident(p, 16), 0);
	munmap(p, 16 * P);
	p = mmap(NULL, 8 * P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	CHECK_EQ("shared anonymous MAP_POPULATE: 8 pages resident", resident(p, 8), 8);
	munmap(p, 8 * P);

	fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	for (i = 0; i < 4; i++) {
		char page[P];

		memset(page, 'a' + i, P);
		write(fd, page, P);
	}
	q = mmap(NULL, 4 * P, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	CHECK("MAP_POPULATE of a file", q != MAP_FAILED);
	CHECK_EQ("its pages are resident", resident(q, 4), 4);
	CHECK("and hold the file", q[0] == 'a' && q[3 * P + 7] == 'd');
	munmap(q, 4 * P);
	/* a mapping reaching past the file's end: the pages past it are not faulted, no SIGBUS */
	q = mmap(NULL, 8 * P, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	CHECK("MAP_POPULATE past the end of the file still maps", q != MAP_FAILED);
	CHECK_EQ("the 4 pages of the file are resident", resident(q, 4), 4);
	munmap(q, 8 * P);
	close(fd);
	unlink(PATH);
}

static void locked_root(void)
{
	long base = vmlck();
	char *p = map(8 * P, MAP_LOCKED);

	CHECK("MAP_LOCKED mmap (root)", p != MAP_FAILED);
	CHECK_EQ("VmLck grows by 32 kB", vmlck() - base, 32);
	CHECK_EQ("all 8 pages resident at once", resident(p, 8), 8);
	CHECK_OK("munlock of it", munlock(p, 8 * P));
	CHECK_EQ("VmLck back", vmlck(), base);
	munmap(p, 8 * P);
	p = map(8 * P, MAP_LOCKED);
	munmap(p, 8 * P);
	CHECK_EQ("munmap of a locked region gives VmLck back", vmlck(), base);
}

/* without CAP_IPC_LOCK; the exit status counts failures */
static void as_user(void)
{
	struct rlimit r = { 4 * P, 4 * P };
	char *p, *q, *m;

	m = map(4 * P, 0);
	if (setrlimit(RLIMIT_MEMLOCK, &r) || setuid(65534))
		_exit(100);
	CHECK_ERR("user: MAP_LOCKED of 8 pages past RLIMIT_MEMLOCK 4: EAGAIN",
		  map(8 * P, MAP_LOCKED), EAGAIN);
	p = map(3 * P, MAP_LOCKED);
	CHECK("user: MAP_LOCKED of 3 pages fits", p != MAP_FAILED);
	CHECK_EQ("user: VmLck 12 kB", vmlck(), 12);
	CHECK_ERR("user: 2 more MAP_LOCKED pages: EAGAIN (they count together)",
		  map(2 * P, MAP_LOCKED), EAGAIN);
	CHECK_ERR("user: mlock of 2 more pages: ENOMEM (mlock counts them too)",
		  mlock(m, 2 * P), ENOMEM);
	q = map(P, MAP_LOCKED);
	CHECK("user: the fourth page fits", q != MAP_FAILED);
	CHECK_OK("user: munmap of the 3 pages", munmap(p, 3 * P));
	CHECK_OK("user: then mlock of 2 pages fits", mlock(m, 2 * P));
	munmap(q, P);
	munlock(m, 2 * P);
	r.rlim_cur = 0;
	setrlimit(RLIMIT_MEMLOCK, &r);
	CHECK_ERR("user: MAP_LOCKED with RLIMIT_MEMLOCK 0: EPERM", map(P, MAP_LOCKED), EPERM);
	p = map(P, MAP_POPULATE);
	CHECK("user: MAP_POPULATE needs no lock budget", p != MAP_FAILED);
	_exit(utest_failed);
}

static void mcl_future(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		char *p;

		if (mlockall(MCL_FUTURE))
			_exit(10);
		p = map(4 * P, 0);
		if (p == MAP_FAILED)
			_exit(11);
		if (resident(p, 4) != 4)
			_exit(12);
		if (vmlck() < 16)
			_exit(13);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("after mlockall(MCL_FUTURE) a new mapping is locked and populated",
		 WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
}

int main(void)
{
	pid_t pid;
	int st;

	populate();
	if (getuid() == 0) {
		locked_root();
		mcl_future();
		pid = fork();
		if (pid == 0) {
			utest_passed = utest_failed = 0;
			as_user();
		}
		waitpid(pid, &st, 0);
		CHECK_EQ("the user checks all passed", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	}
	return utest_done();
}

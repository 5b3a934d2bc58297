/*
 * mm_mlock.c - mlock, munlock, mlockall, munlockall, mlock2: VmLck in
 * /proc/self/status follows them, holes are ENOMEM, bad flags EINVAL, and a
 * user without CAP_IPC_LOCK meets RLIMIT_MEMLOCK (EPERM at 0, ENOMEM past
 * it). Locks are not inherited across fork.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

#define P 4096L

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

static int set_memlock(rlim_t bytes)
{
	struct rlimit r = { bytes, bytes };

	return setrlimit(RLIMIT_MEMLOCK, &r);
}

/* the checks for a user without CAP_IPC_LOCK; the exit status counts failures */
static void as_user(void)
{
	char *p = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (set_memlock(2 * P) || setuid(65534))
		_exit(100);
	CHECK_OK("user: mlock 2 pages within RLIMIT_MEMLOCK", mlock(p, 2 * P));
	CHECK_OK("user: the same 2 pages again are not charged twice", mlock(p, 2 * P));
	CHECK_ERR("user: a third page: ENOMEM", mlock(p + 2 * P, P), ENOMEM);
	CHECK_ERR("user: mlockall(MCL_CURRENT) past the limit: ENOMEM", mlockall(MCL_CURRENT), ENOMEM);
	CHECK_OK("user: munlock", munlock(p, 2 * P));
	CHECK_OK("user: now the third page fits", mlock(p + 2 * P, P));
	CHECK_OK("user: RLIMIT_MEMLOCK 0", set_memlock(0));
	CHECK_ERR("user: mlock with RLIMIT_MEMLOCK 0: EPERM", mlock(p, P), EPERM);
	CHECK_ERR("user: mlockall with RLIMIT_MEMLOCK 0: EPERM", mlockall(MCL_CURRENT), EPERM);
	CHECK_OK("user: munlock needs no limit", munlock(p, 4 * P));
	_exit(utest_failed);
}

int main(void)
{
	long base = vmlck();
	char *p = mmap(NULL, 8 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int st;

	CHECK_EQ("VmLck starts at 0", base, 0L);
	CHECK_OK("mlock 4 pages", mlock(p + 1, 4 * P - 1));	/* rounded out to pages */
	CHECK_EQ("VmLck 16 kB", vmlck(), 16L);
	CHECK("the pages are there and usable", (p[0] = 1, p[4 * P - 1] = 2, p[0] == 1));
	CHECK_OK("mlock overlapping the locked part", mlock(p + 2 * P, 4 * P));
	CHECK_EQ("VmLck 24 kB", vmlck(), 24L);
	CHECK_OK("munlock the middle", munlock(p + 2 * P, 2 * P));
	CHECK_EQ("VmLck 16 kB again", vmlck(), 16L);
	CHECK_OK("mlock of length 0", mlock(p, 0));

	pid_t pid = fork();
	if (pid == 0)
		_exit(vmlck() == 0 ? 0 : 1);
	waitpid(pid, &st, 0);
	CHECK("a fork child has nothing locked", WIFEXITED(st) && WEXITSTATUS(st) == 0);

	CHECK_OK("munlock all of it", munlock(p, 8 * P));
	CHECK_EQ("VmLck 0", vmlck(), 0L);
	munmap(p + 6 * P, 2 * P);
	CHECK_ERR("mlock over a hole: ENOMEM", mlock(p + 4 * P, 4 * P), ENOMEM);
	CHECK_ERR("munlock over a hole: ENOMEM", munlock(p + 4 * P, 4 * P), ENOMEM);
	CHECK_ERR("mlock of nothing mapped: ENOMEM", mlock(p + 6 * P, P), ENOMEM);
	munlock(p, 6 * P);

	CHECK_ERR("mlockall(0): EINVAL", mlockall(0), EINVAL);
	CHECK_ERR("mlockall(MCL_ONFAULT) alone: EINVAL", mlockall(MCL_ONFAULT), EINVAL);
	CHECK_ERR("mlockall unknown flag: EINVAL", mlockall(8), EINVAL);
	CHECK_ERR("mlock2 unknown flag: EINVAL", syscall(SYS_mlock2, p, P, 2), EINVAL);
	CHECK_OK("mlock2 MLOCK_ONFAULT", syscall(SYS_mlock2, p, P, MLOCK_ONFAULT));
	CHECK_EQ("VmLck 4 kB", vmlck(), 4L);
	CHECK_OK("munlockall", munlockall());
	CHECK_EQ("VmLck 0 after munlockall", vmlck(), 0L);

	CHECK_OK("mlockall(MCL_CURRENT | MCL_FUTURE)", mlockall(MCL_CURRENT | MCL_FUTURE));
	long all = vmlck();
	CHECK("everything is locked", all > 24);
	char *q = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK_EQ("a new mapping is locked (MCL_FUTURE)", vmlck(), all + 16);
	CHECK_OK("munlockall", munlockall());
	CHECK_EQ("VmLck 0 again", vmlck(), 0L);
	munmap(q, 4 * P);
	munmap(p, 6 * P);

	pid = fork();
	if (pid == 0)
		as_user();
	waitpid(pid, &st, 0);
	CHECK("the user's checks (above) all passed", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return utest_done();
}

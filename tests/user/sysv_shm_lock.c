/*
 * tests/user/sysv_shm_lock.c - SHM_LOCK charges the user's running total
 * against RLIMIT_MEMLOCK (Linux's user_shm_lock), not each segment alone:
 * SHM_UNLOCK gives the pages back, so does destroying a locked segment
 * (at IPC_RMID or at the last detach after it); locking twice charges once;
 * the total is the user's, across processes. Root (CAP_IPC_LOCK) is never
 * refused. Runs as uid 65534 with an 8-page limit (issue 13 item 7).
 */
#include "utest.h"
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/wait.h>

#define P 4096

static int seg(size_t size)
{
	return shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
}

static int locked(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) < 0)
		return -1;
	return !!(ds.shm_perm.mode & SHM_LOCKED);
}

static int set_memlock(rlim_t bytes)
{
	/* the soft limit only, so it can come back up (at most to the hard one) */
	struct rlimit rl;

	if (getrlimit(RLIMIT_MEMLOCK, &rl))
		return -1;
	rl.rlim_cur = bytes < rl.rlim_max ? bytes : rl.rlim_max;
	return setrlimit(RLIMIT_MEMLOCK, &rl);
}

/* in a child of the same user: can it lock 'pages' more? */
static int child_can_lock(int pages)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		int id = seg(pages * P), ok;

		ok = shmctl(id, SHM_LOCK, NULL) == 0;
		shmctl(id, IPC_RMID, NULL);
		_exit(ok);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void unprivileged(int foreign)
{
	int a = seg(5 * P), b = seg(4 * P), c = seg(3 * P - 100), d, e;
	char *pa;

	CHECK("segments of 5, 4 and 3 pages", a >= 0 && b >= 0 && c >= 0);
	CHECK_OK("RLIMIT_MEMLOCK 8 pages", set_memlock(8 * P));
	CHECK_OK("lock 5 pages", shmctl(a, SHM_LOCK, NULL));
	CHECK_EQ("SHM_LOCKED shows", locked(a), 1);
	CHECK_OK("locking it again", shmctl(a, SHM_LOCK, NULL));
	CHECK_ERR("4 more pages exceed the user's total of 8", shmctl(b, SHM_LOCK, NULL), ENOMEM);
	CHECK_EQ("the refused segment is not locked", locked(b), 0);
	CHECK_OK("3 more pages (a partial page counts whole) reach 8 exactly",
		 shmctl(c, SHM_LOCK, NULL));
	CHECK_EQ("another process of the same user: 1 page is too many", child_can_lock(1), 0);
	CHECK_OK("unlock the 5", shmctl(a, SHM_UNLOCK, NULL));
	CHECK_EQ("SHM_LOCKED cleared", locked(a), 0);
	CHECK_OK("unlocking an unlocked segment", shmctl(a, SHM_UNLOCK, NULL));
	CHECK_OK("the 4 fit now", shmctl(b, SHM_LOCK, NULL));
	CHECK_ERR("5 on top of 7 do not (the second unlock gave nothing back)",
		  shmctl(a, SHM_LOCK, NULL), ENOMEM);
	CHECK_OK("IPC_RMID of the locked 4-page segment", shmctl(b, IPC_RMID, NULL));
	CHECK_OK("its pages came back: the 5 fit", shmctl(a, SHM_LOCK, NULL));

	/* a locked segment removed while attached gives back at the last detach */
	pa = shmat(a, NULL, 0);
	CHECK("attach the locked 5", pa != (char *)-1);
	CHECK_OK("IPC_RMID while attached", shmctl(a, IPC_RMID, NULL));
	d = seg(1);
	CHECK("a 1-byte segment", d >= 0);
	CHECK_ERR("still charged until the last detach", shmctl(d, SHM_LOCK, NULL), ENOMEM);
	CHECK_OK("shmdt destroys it", shmdt(pa));
	CHECK_OK("now the 1-byte segment locks (1 page)", shmctl(d, SHM_LOCK, NULL));
	CHECK_EQ("a child of the same user may lock 4 more (3+1+4 = 8)", child_can_lock(4), 1);
	CHECK_EQ("but not 5", child_can_lock(5), 0);

	/* an RLIMIT_MEMLOCK of 0 refuses SHM_LOCK outright; unlock still works */
	e = seg(P);
	CHECK_OK("RLIMIT_MEMLOCK 0", set_memlock(0));
	CHECK_ERR("SHM_LOCK with a zero limit", shmctl(e, SHM_LOCK, NULL), EPERM);
	CHECK_OK("SHM_UNLOCK with a zero limit", shmctl(d, SHM_UNLOCK, NULL));
	CHECK_OK("the hard limit", set_memlock(RLIM_INFINITY));
	CHECK_OK("SHM_LOCK with the hard limit", shmctl(e, SHM_LOCK, NULL));
	CHECK_OK("and unlock", shmctl(e, SHM_UNLOCK, NULL));

	/* someone else's segment, and ids that name nothing */
	CHECK_ERR("SHM_LOCK of another user's segment", shmctl(foreign, SHM_LOCK, NULL), EPERM);
	CHECK_ERR("SHM_UNLOCK of another user's segment", shmctl(foreign, SHM_UNLOCK, NULL),
		  EPERM);
	CHECK_ERR("SHM_LOCK of the removed segment's id", shmctl(b, SHM_LOCK, NULL), EINVAL);
	CHECK_ERR("SHM_LOCK of -1", shmctl(-1, SHM_LOCK, NULL), EINVAL);

	CHECK_OK("remove c (locked)", shmctl(c, IPC_RMID, NULL));
	CHECK_OK("remove d", shmctl(d, IPC_RMID, NULL));
	CHECK_OK("remove e", shmctl(e, IPC_RMID, NULL));
	CHECK_OK("8 pages again", set_memlock(8 * P));
	CHECK_EQ("everything given back: 8 pages lock again", child_can_lock(8), 1);
	CHECK_EQ("9 do not", child_can_lock(9), 0);
}

int main(void)
{
	int foreign = shmget(IPC_PRIVATE, P, IPC_CREAT | 0666), big, st;
	pid_t pid;

	CHECK("root's segment", foreign >= 0);
	/* root: CAP_IPC_LOCK passes any limit, and an unlock as root is fine */
	big = shmget(IPC_PRIVATE, 64 * P, IPC_CREAT | 0600);
	CHECK_OK("root: RLIMIT_MEMLOCK 0", set_memlock(0));
	CHECK_OK("root locks 64 pages past a zero limit", shmctl(big, SHM_LOCK, NULL));
	CHECK_OK("root unlocks", shmctl(big, SHM_UNLOCK, NULL));
	CHECK_OK("root locks again and removes it locked", shmctl(big, SHM_LOCK, NULL));
	CHECK_OK("IPC_RMID", shmctl(big, IPC_RMID, NULL));
	CHECK_OK("root: RLIMIT_MEMLOCK back up", set_memlock(RLIM_INFINITY));

	pid = fork();
	if (pid == 0) {
		utest_failed = 0;
		if (setgid(65534) || setuid(65534)) {
			CHECK("drop to uid 65534", 0);
			_exit(utest_failed ? 1 : 0);	/* the parent counts this part once */
		}
		unprivileged(foreign);
		_exit(utest_failed ? 1 : 0);	/* the parent counts this part once */
	}
	waitpid(pid, &st, 0);
	CHECK("the uid 65534 part passed", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_OK("remove root's segment", shmctl(foreign, IPC_RMID, NULL));
	return utest_done();
}

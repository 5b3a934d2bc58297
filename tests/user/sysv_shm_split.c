/*
 * tests/user/sysv_shm_split.c - shmdt of an attachment that mprotect or
 * munmap split into fragments (issue 13 item 6): every fragment that came
 * from that attachment goes, whatever its age or order, nattch returns to 0
 * and a segment already marked for removal is destroyed then. Also shmat's
 * address checks: an address that rounds to 0 with SHM_REMAP is EINVAL.
 */
#include "utest.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>

#define P 4096

static sigjmp_buf fault_env;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(fault_env, 1);
}

/* 1 when a read of addr faults */
static int faults(volatile char *addr)
{
	if (sigsetjmp(fault_env, 1))
		return 1;
	(void)*addr;
	return 0;
}

static long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) < 0)
		return -1;
	return (long)ds.shm_nattch;
}

/* a 'pages'-page segment attached once, at the kernel's choice */
static char *attach(int *id, int pages)
{
	char *p;

	*id = shmget(IPC_PRIVATE, pages * P, IPC_CREAT | 0600);
	if (*id < 0)
		return NULL;
	p = shmat(*id, NULL, 0);
	return p == (char *)-1 ? NULL : p;
}

/* no page of [p, p + pages * P) is mapped any more */
static int all_gone(char *p, int pages)
{
	for (int i = 0; i < pages; i++)
		if (!faults(p + i * P))
			return 0;
	return 1;
}

static void split_by_mprotect(void)
{
	int id;
	char *p = attach(&id, 4);

	CHECK("4-page segment attached", p);
	if (!p)
		return;
	memset(p, 'a', 4 * P);
	CHECK_OK("mprotect page 1 read-only", mprotect(p + P, P, PROT_READ));
	CHECK_OK("mprotect page 3 read-only", mprotect(p + 3 * P, P, PROT_READ));
	CHECK_EQ("four fragments count four attachments", nattch(id), 4);
	CHECK_ERR("shmdt of a fragment's own start (not the attach address)", shmdt(p + P), EINVAL);
	CHECK_ERR("shmdt one page below the attachment", shmdt(p - P), EINVAL);
	CHECK_EQ("nothing was detached", nattch(id), 4);
	CHECK_OK("shmdt of the split attachment", shmdt(p));
	CHECK("every fragment is unmapped", all_gone(p, 4));
	CHECK_EQ("nattch back to 0", nattch(id), 0);
	CHECK_ERR("a second shmdt finds nothing", shmdt(p), EINVAL);
	CHECK_OK("IPC_RMID", shmctl(id, IPC_RMID, NULL));
}

static void split_by_munmap(void)
{
	int id;
	char *p = attach(&id, 5);

	CHECK("5-page segment attached", p);
	if (!p)
		return;
	memset(p, 'b', 5 * P);
	CHECK_OK("munmap page 2 (a hole)", munmap(p + 2 * P, P));
	CHECK_EQ("two fragments", nattch(id), 2);
	CHECK_OK("shmdt with a hole in the middle", shmdt(p));
	CHECK("both fragments unmapped", all_gone(p, 5));
	CHECK_EQ("nattch 0", nattch(id), 0);
	CHECK_OK("IPC_RMID", shmctl(id, IPC_RMID, NULL));

	/* the first page gone: the fragments still name the attachment by offset */
	p = attach(&id, 3);
	CHECK("3-page segment attached", p);
	if (!p)
		return;
	CHECK_OK("munmap the first page", munmap(p, P));
	CHECK_OK("mprotect the last page", mprotect(p + 2 * P, P, PROT_READ));
	CHECK_EQ("two fragments left", nattch(id), 2);
	CHECK_OK("shmdt at the original address, its first page unmapped", shmdt(p));
	CHECK("the fragments after it are gone", all_gone(p, 3));
	CHECK_EQ("nattch 0 after the headless shmdt", nattch(id), 0);
	CHECK_OK("IPC_RMID", shmctl(id, IPC_RMID, NULL));
}

/* a removed segment is destroyed by the shmdt that takes its last fragment */
static void split_then_rmid(void)
{
	int id;
	char *p = attach(&id, 4);

	CHECK("segment attached", p);
	if (!p)
		return;
	CHECK_OK("mprotect the middle", mprotect(p + P, 2 * P, PROT_READ));
	CHECK_OK("IPC_RMID while attached", shmctl(id, IPC_RMID, NULL));
	CHECK_EQ("still there, nattch 3", nattch(id), 3);
	CHECK_OK("shmdt", shmdt(p));
	CHECK_ERR("the segment is gone (EINVAL, never EIDRM)", shmctl(id, IPC_STAT,
		  &(struct shmid_ds){0}), EINVAL);
	CHECK("nothing left mapped", all_gone(p, 4));
}

/* two attachments of one segment: shmdt of one leaves the other whole */
static void two_attachments(void)
{
	int id;
	char *p = attach(&id, 3), *q;

	CHECK("first attachment", p);
	if (!p)
		return;
	q = shmat(id, NULL, 0);
	CHECK("second attachment", q != (char *)-1);
	if (q == (char *)-1)
		return;
	CHECK_OK("split the first", mprotect(p + P, P, PROT_READ));
	CHECK_OK("split the second", mprotect(q + 2 * P, P, PROT_READ));
	CHECK_EQ("five fragments", nattch(id), 5);
	CHECK_OK("shmdt the first", shmdt(p));
	CHECK("the first is gone", all_gone(p, 3));
	CHECK_EQ("the second's fragments remain", nattch(id), 2);
	q[0] = 'x';
	CHECK("the second still maps the segment", q[0] == 'x' && !faults(q + 2 * P));
	CHECK_OK("shmdt the second", shmdt(q));
	CHECK_EQ("nattch 0", nattch(id), 0);
	CHECK_OK("IPC_RMID", shmctl(id, IPC_RMID, NULL));
}

/* a fork copies the fragments; each side's shmdt removes only its own */
static void split_and_fork(void)
{
	int id, st;
	char *p = attach(&id, 4);
	pid_t pid;

	CHECK("segment attached", p);
	if (!p)
		return;
	CHECK_OK("split", mprotect(p + 2 * P, P, PROT_READ));
	CHECK_OK("IPC_RMID", shmctl(id, IPC_RMID, NULL));
	pid = fork();
	if (pid == 0) {
		int ok = shmdt(p) == 0 && all_gone(p, 4);

		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK("the child's shmdt removed its fragments", WIFEXITED(st) && !WEXITSTATUS(st));
	CHECK_EQ("the parent's three remain", nattch(id), 3);
	p[0] = 'y';
	CHECK_OK("shmdt in the parent", shmdt(p));
	CHECK_ERR("the removed segment is destroyed", shmctl(id, IPC_STAT,
		  &(struct shmid_ds){0}), EINVAL);
}

/* shmat's address argument: rounding, SHM_REMAP, bad detaches */
static void shmat_addresses(void)
{
	int id = shmget(IPC_PRIVATE, P, IPC_CREAT | 0666);
	char *p;

	CHECK("segment", id >= 0);
	CHECK_ERR("SHM_REMAP with a NULL address", shmat(id, NULL, SHM_REMAP), EINVAL);
	CHECK_ERR("SHM_REMAP|SHM_RND of an address that rounds to 0",
		  shmat(id, (void *)(P - 1), SHM_REMAP | SHM_RND), EINVAL);
	CHECK_ERR("an unaligned address without SHM_RND", shmat(id, (void *)(P - 1), 0),
		  EINVAL);
	/* without SHM_REMAP the rounded 0 is a fixed mapping at 0: mmap_min_addr's EPERM */
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		errno = 0;
		p = shmat(id, (void *)(P - 1), SHM_RND);
		_exit(p == (char *)-1 && errno == EPERM ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK("SHM_RND to 0 without SHM_REMAP, unprivileged: EPERM",
	      WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_ERR("shmdt of an unaligned address", shmdt((char *)P + 1), EINVAL);
	CHECK_ERR("shmdt of NULL", shmdt(NULL), EINVAL);
	CHECK_EQ("nattch 0", nattch(id), 0);
	CHECK_OK("IPC_RMID", shmctl(id, IPC_RMID, NULL));
}

int main(void)
{
	signal(SIGSEGV, on_segv);
	split_by_mprotect();
	split_by_munmap();
	split_then_rmid();
	two_attachments();
	split_and_fork();
	shmat_addresses();
	return utest_done();
}

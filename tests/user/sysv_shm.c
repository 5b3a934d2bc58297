/*
 * sysv_shm.c - System V shared memory: sharing across fork and with a process
 * that attaches by id, shm_nattch/lpid through attach, fork, exit and exec,
 * SHM_RDONLY faults, SHM_RND/alignment rules, deferred removal (SHM_DEST, key
 * 0), shmget size rules, shmdt errors and every shmctl command.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define EXEC_MARK "--sysv-shm-exec"
#define BAD ((void *)-1)

static char *self;		/* argv[0], re-executed by the exec test */

static int shm_stat(int id, struct shmid_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	return shmctl(id, IPC_STAT, ds);
}

static long nattch(int id)
{
	struct shmid_ds ds;

	if (shm_stat(id, &ds) < 0)
		return -1;
	return (long)ds.shm_nattch;
}

static pid_t lpid(int id)
{
	struct shmid_ds ds;

	if (shm_stat(id, &ds) < 0)
		return -1;
	return ds.shm_lpid;
}

/* exit status of a child, -1 if it did not exit normally */
static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void test_get(void)
{
	key_t key = 0x54000000 | ((getpid() & 0xffff) << 4);
	struct shmid_ds ds;
	int id, i, zero = 1;
	unsigned char *p;

	CHECK_ERR("shmget(IPC_PRIVATE, 0) gives EINVAL", shmget(IPC_PRIVATE, 0, 0600), EINVAL);
	for (i = 0; i < 16 && (id = shmget(key, 5000, IPC_CREAT | IPC_EXCL | 0600)) < 0; i++)
		key++;
	CHECK_OK("shmget creates a keyed 5000-byte segment", id);
	if (id < 0)
		return;
	shm_stat(id, &ds);
	CHECK_EQ("shm_segsz is the requested size 5000, not rounded", ds.shm_segsz, 5000);
	CHECK_ERR("shmget of the key with a larger size gives EINVAL",
		  shmget(key, 5001, 0600), EINVAL);
	CHECK_ERR("...even with IPC_CREAT", shmget(key, 8192, IPC_CREAT | 0600), EINVAL);
	CHECK_EQ("shmget of the key with a smaller size finds it", shmget(key, 100, 0600), id);
	CHECK_EQ("shmget of the key with size 0 finds it", shmget(key, 0, 0), id);
	CHECK_EQ("shmget of the key with the same size finds it", shmget(key, 5000, 0600), id);

	p = shmat(id, NULL, 0);
	CHECK("shmat of the 5000-byte segment", p != BAD);
	if (p != BAD) {
		for (i = 0; i < 8192; i++)
			if (p[i])
				zero = 0;
		CHECK("a new segment reads as zeros through its whole last page", zero);
		CHECK_EQ("shmat's address is page aligned", (uintptr_t)p % 4096, 0);
		shmdt(p);
	}
	shmctl(id, IPC_RMID, NULL);
}

static void test_share(void)
{
	int id = shmget(IPC_PRIVATE, 8192, 0600), go[2];
	char *p;
	pid_t pid;

	if (id < 0 || pipe(go) < 0) {
		CHECK_OK("segment and pipe for the sharing test", -1);
		return;
	}
	/* forked before the parent attaches: it inherits no attachment */
	pid = fork();
	if (pid == 0) {
		char c, *q;

		alarm(20);
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		q = shmat(id, NULL, 0);
		if (q == BAD)
			_exit(2);
		if (strcmp(q, "written by the parent") != 0)
			_exit(3);
		strcpy(q + 4096, "written by the attacher");
		_exit(shmdt(q) == 0 ? 0 : 4);
	}
	close(go[0]);
	p = shmat(id, NULL, 0);
	CHECK("the parent attaches", p != BAD);
	if (p == BAD) {
		kill(pid, SIGKILL);
		reap(pid);
		shmctl(id, IPC_RMID, NULL);
		return;
	}
	strcpy(p, "written by the parent");
	write(go[1], "g", 1);
	close(go[1]);
	CHECK_EQ("a process that attached by id itself sees the parent's data (exit 0)",
		 reap(pid), 0);
	CHECK("the parent sees that process's write", strcmp(p + 4096, "written by the attacher") == 0);

	/* a forked child shares the inherited attachment */
	pid = fork();
	if (pid == 0) {
		if (strcmp(p + 4096, "written by the attacher") != 0)
			_exit(1);
		strcpy(p + 100, "written by the fork child");
		_exit(0);
	}
	CHECK_EQ("a fork child reads through the inherited attachment", reap(pid), 0);
	CHECK("the parent sees the fork child's write (shared, not copied)",
	      strcmp(p + 100, "written by the fork child") == 0);
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
}

/* the re-executed image: it holds no attachment any more */
static int exec_child(char **argv)
{
	int rfd = atoi(argv[2]), gfd = atoi(argv[3]);
	char c = 'e';

	write(rfd, &c, 1);
	read(gfd, &c, 1);
	return 0;
}

static void test_nattch(void)
{
	struct shmid_ds ds;
	int id = shmget(IPC_PRIVATE, 4096, 0600), rd[2], gd[2];
	time_t t0 = time(NULL);
	char *p, c;
	pid_t pid;

	CHECK_EQ("IPC_STAT of a new segment returns 0", shm_stat(id, &ds), 0);
	CHECK_EQ("new segment: shm_nattch 0", ds.shm_nattch, 0);
	CHECK_EQ("new segment: shm_cpid is the creator", ds.shm_cpid, getpid());
	CHECK_EQ("new segment: shm_lpid 0", ds.shm_lpid, 0);
	CHECK_EQ("new segment: shm_atime 0", ds.shm_atime, 0);
	CHECK_EQ("new segment: shm_dtime 0", ds.shm_dtime, 0);
	CHECK("new segment: shm_ctime is now", ds.shm_ctime >= t0 - 1 && ds.shm_ctime <= t0 + 1);

	p = shmat(id, NULL, 0);
	shm_stat(id, &ds);
	CHECK_EQ("after shmat: shm_nattch 1", ds.shm_nattch, 1);
	CHECK_EQ("after shmat: shm_lpid is the attacher", ds.shm_lpid, getpid());
	CHECK("after shmat: shm_atime is set", ds.shm_atime >= t0 - 1);
	CHECK_EQ("after shmat: shm_dtime still 0", ds.shm_dtime, 0);

	if (pipe(rd) < 0 || pipe(gd) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		char a[16], b[16], *av[5];

		alarm(20);
		close(rd[0]);
		close(gd[1]);
		write(rd[1], "f", 1);	/* forked, attachment inherited */
		read(gd[0], &c, 1);
		snprintf(a, sizeof(a), "%d", rd[1]);
		snprintf(b, sizeof(b), "%d", gd[0]);
		av[0] = self;
		av[1] = EXEC_MARK;
		av[2] = a;
		av[3] = b;
		av[4] = NULL;
		execv(self, av);
		_exit(12);
	}
	close(rd[1]);
	close(gd[0]);
	read(rd[0], &c, 1);
	CHECK_EQ("fork raises shm_nattch to 2", nattch(id), 2);
	CHECK_EQ("fork sets shm_lpid to the parent", lpid(id), getpid());
	write(gd[1], "g", 1);	/* now exec */
	c = 0;
	read(rd[0], &c, 1);
	CHECK_EQ("the child re-executed itself", c, 'e');
	CHECK_EQ("exec lowers shm_nattch to 1 while the child lives", nattch(id), 1);
	CHECK_EQ("the detach at exec sets shm_lpid to the child", lpid(id), pid);
	shm_stat(id, &ds);
	CHECK("the detach at exec sets shm_dtime", ds.shm_dtime >= t0 - 1);
	write(gd[1], "g", 1);
	CHECK_EQ("the exec'd child exits normally", reap(pid), 0);
	CHECK_EQ("its exit, with nothing attached, leaves shm_nattch 1", nattch(id), 1);
	close(rd[0]);
	close(gd[1]);

	pid = fork();
	if (pid == 0) {
		p[0] = 'c';
		_exit(0);
	}
	reap(pid);
	CHECK_EQ("a fork child's exit lowers shm_nattch back to 1", nattch(id), 1);
	CHECK_EQ("the detach at exit sets shm_lpid to the child", lpid(id), pid);
	CHECK_EQ("shmdt returns 0", shmdt(p), 0);
	shm_stat(id, &ds);
	CHECK_EQ("after shmdt: shm_nattch 0", ds.shm_nattch, 0);
	CHECK_EQ("after shmdt: shm_lpid is the caller", ds.shm_lpid, getpid());
	CHECK_EQ("shm_cpid is still the creator", ds.shm_cpid, getpid());
	shmctl(id, IPC_RMID, NULL);
}

static void on_segv(int sig)
{
	(void)sig;
	_exit(77);
}

static void test_rdonly(void)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	char *p = shmat(id, NULL, 0), *q;
	pid_t pid;

	if (p == BAD) {
		CHECK_OK("shmat for the read-only test", -1);
		return;
	}
	strcpy(p, "data");
	q = shmat(id, NULL, SHM_RDONLY);
	CHECK("a second, SHM_RDONLY attachment at another address", q != BAD && q != p);
	if (q != BAD) {
		CHECK("the read-only attachment reads the data", strcmp(q, "data") == 0);
		shmdt(q);
	}
	pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		volatile char *r;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_segv;
		sigaction(SIGSEGV, &sa, NULL);
		shmdt(p);
		r = shmat(id, NULL, SHM_RDONLY);
		if (r == BAD)
			_exit(2);
		if (r[0] != 'd')
			_exit(3);
		r[0] = 'X';	/* must fault */
		_exit(4);
	}
	CHECK_EQ("a write through a SHM_RDONLY attachment raises SIGSEGV", reap(pid), 77);
	CHECK_EQ("the segment is unchanged", p[0], 'd');
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
}

static void test_addr(void)
{
	int id = shmget(IPC_PRIVATE, 8192, 0600);
	char *p, *q, *r, *anon;

	p = shmat(id, NULL, 0);
	if (p == BAD) {
		CHECK_OK("shmat for the address test", -1);
		return;
	}
	shmdt(p);
	q = shmat(id, p + 100, SHM_RND);
	CHECK("SHM_RND rounds an unaligned address down to SHMLBA",
	      q == (char *)((uintptr_t)(p + 100) & ~(uintptr_t)(SHMLBA - 1)));
	if (q == BAD)
		q = shmat(id, NULL, 0);
	CHECK_ERR("an unaligned address without SHM_RND gives EINVAL",
		  (long)shmat(id, q + 100, 0), EINVAL);
	CHECK_ERR("attaching over an existing attachment without SHM_REMAP gives EINVAL",
		  (long)shmat(id, q, 0), EINVAL);
	CHECK_ERR("SHM_REMAP with address 0 gives EINVAL",
		  (long)shmat(id, NULL, SHM_REMAP), EINVAL);
	q[0] = 'k';
	r = shmat(id, q, SHM_REMAP);
	CHECK("SHM_REMAP over the existing attachment maps at that address", r == q);
	CHECK_EQ("the replaced attachment no longer counts: shm_nattch 1", nattch(id), 1);
	CHECK_EQ("the remapped attachment shows the segment", q[0], 'k');

	CHECK_ERR("shmdt inside an attachment (second page) gives EINVAL", shmdt(q + 4096), EINVAL);
	CHECK_ERR("shmdt of an unaligned address gives EINVAL", shmdt(q + 1), EINVAL);
	anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon != MAP_FAILED) {
		CHECK_ERR("shmdt of an anonymous mapping gives EINVAL", shmdt(anon), EINVAL);
		munmap(anon, 4096);
	}
	CHECK_EQ("shmdt of the attachment start returns 0", shmdt(q), 0);
	CHECK_ERR("a second shmdt of it gives EINVAL", shmdt(q), EINVAL);
	CHECK_EQ("shm_nattch is back to 0", nattch(id), 0);
	shmctl(id, IPC_RMID, NULL);
}

static void test_rmid(void)
{
	key_t key = 0x55000000 | ((getpid() & 0xffff) << 4);
	struct shmid_ds ds;
	int id, id2, i;
	char *p, *q;

	for (i = 0; i < 16 && (id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600)) < 0; i++)
		key++;
	p = shmat(id, NULL, 0);
	if (id < 0 || p == BAD) {
		CHECK_OK("keyed segment for the removal test", -1);
		return;
	}
	strcpy(p, "before");
	CHECK_EQ("IPC_RMID of an attached segment returns 0", shmctl(id, IPC_RMID, NULL), 0);
	CHECK_ERR("after IPC_RMID the key is not found (ENOENT)", shmget(key, 0, 0), ENOENT);
	CHECK_EQ("IPC_STAT by id still works", shm_stat(id, &ds), 0);
	CHECK_EQ("IPC_STAT shows mode | 01000 (SHM_DEST)", ds.shm_perm.mode, 0600 | 01000);
	CHECK_EQ("IPC_STAT shows key 0 (IPC_PRIVATE)", ds.shm_perm.__key, 0);
	CHECK_EQ("IPC_STAT shows shm_nattch 1", ds.shm_nattch, 1);
	strcpy(p, "after");
	CHECK("the segment stays usable through the attachment", strcmp(p, "after") == 0);
	q = shmat(id, NULL, 0);
	CHECK("a removed but attached segment can still be attached by id", q != BAD);
	if (q != BAD) {
		CHECK("the new attachment shows the same memory", strcmp(q, "after") == 0);
		CHECK_EQ("shm_nattch is 2", nattch(id), 2);
		shmdt(q);
	}
	id2 = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
	CHECK("the freed key can be used for a new segment", id2 >= 0 && id2 != id);
	if (id2 >= 0)
		shmctl(id2, IPC_RMID, NULL);
	CHECK_EQ("still alive with one attachment: IPC_STAT works", shm_stat(id, &ds), 0);
	CHECK_EQ("the last shmdt returns 0", shmdt(p), 0);
	CHECK_ERR("after the last detach the id gives EINVAL", shm_stat(id, &ds), EINVAL);
}

static void test_ctl(void)
{
	struct shmid_ds ds;
	struct shminfo si;
	struct shm_info hi;
	int id = shmget(IPC_PRIVATE, 8192, 0600), r;

	shm_stat(id, &ds);
	ds.shm_perm.mode = 0604;
	CHECK_EQ("IPC_SET returns 0", shmctl(id, IPC_SET, &ds), 0);
	shm_stat(id, &ds);
	CHECK_EQ("IPC_SET changed the mode", ds.shm_perm.mode, 0604);
	CHECK_EQ("IPC_SET left shm_segsz alone", ds.shm_segsz, 8192);

	memset(&ds, 0, sizeof(ds));
	r = shmctl(id % 32768, SHM_STAT, &ds);
	CHECK_EQ("SHM_STAT of the index returns the id", r, id);
	CHECK_EQ("SHM_STAT fills shm_segsz", ds.shm_segsz, 8192);

	memset(&si, 0, sizeof(si));
	r = shmctl(0, IPC_INFO, (struct shmid_ds *)&si);
	CHECK("IPC_INFO returns an index >= ours", r >= id % 32768);
	CHECK("IPC_INFO: shmmin >= 1, shmmax >= shmmin, shmmni > 0",
	      si.shmmin >= 1 && si.shmmax >= si.shmmin && si.shmmni > 0);
	memset(&hi, 0, sizeof(hi));
	r = shmctl(0, SHM_INFO, (struct shmid_ds *)&hi);
	CHECK("SHM_INFO returns an index >= ours", r >= id % 32768);
	CHECK("SHM_INFO: used_ids counts our segment", hi.used_ids >= 1);
	CHECK("SHM_INFO: shm_tot (pages) counts our two pages", hi.shm_tot >= 2);

	CHECK_EQ("SHM_LOCK (as root) returns 0", shmctl(id, SHM_LOCK, NULL), 0);
	shm_stat(id, &ds);
	CHECK_EQ("SHM_LOCK sets SHM_LOCKED (02000) in the mode", ds.shm_perm.mode, 0604 | 02000);
	CHECK_EQ("SHM_UNLOCK returns 0", shmctl(id, SHM_UNLOCK, NULL), 0);
	shm_stat(id, &ds);
	CHECK_EQ("SHM_UNLOCK clears SHM_LOCKED", ds.shm_perm.mode, 0604);

	CHECK_EQ("IPC_RMID of an unattached segment returns 0", shmctl(id, IPC_RMID, NULL), 0);
	errno = 0;
	r = shm_stat(id, &ds);
	CHECK("it is gone at once: IPC_STAT gives EINVAL or EIDRM",
	      r == -1 && (errno == EINVAL || errno == EIDRM));
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], EXEC_MARK) == 0)
		return exec_child(argv);
	self = argv[0];
	alarm(20);
	test_get();
	test_share();
	test_nattch();
	test_rdonly();
	test_addr();
	test_rmid();
	test_ctl();
	return utest_done();
}

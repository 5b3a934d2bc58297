/*
 * mm_mremap.c - mremap(2): a grown heap region keeps its contents, growing in
 * place, moving (MREMAP_MAYMOVE, MREMAP_FIXED), shrinking, SysV shm
 * attachments (nattch stays right), realloc of a big block, and bad input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

#define P 4096L
static int pfd[2];

/* is addr mapped and readable? (a pipe write reads it, or fails with EFAULT) */
static int mapped(void *addr)
{
	char c;
	int r = write(pfd[1], addr, 1);

	if (r == 1)
		read(pfd[0], &c, 1);
	return r == 1;
}

static void fill(char *p, long len, int seed)
{
	for (long i = 0; i < len; i += 64)
		p[i] = (char)(i / 64 + seed);
}

static int same(const char *p, long len, int seed)
{
	for (long i = 0; i < len; i += 64)
		if (p[i] != (char)(i / 64 + seed))
			return 0;
	return 1;
}

static void *mr(void *a, long o, long n, int f, void *na)
{
	return (void *)syscall(SYS_mremap, a, o, n, f, na);
}

int main(void)
{
	pipe(pfd);

	/* a grown heap region, moved to a bigger place, keeps its contents */
	char *brk0 = sbrk(0);
	CHECK("sbrk 16 pages", sbrk(16 * P) != (void *)-1);
	char *heap = (char *)(((unsigned long)brk0 + P - 1) & ~(P - 1));
	long hlen = 8 * P;
	fill(heap, hlen, 1);
	char *blk = mmap(NULL, P, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *h2 = mr(heap, hlen, 32 * P, MREMAP_MAYMOVE, 0);
	CHECK("mremap of the heap region", h2 != MAP_FAILED);
	CHECK("the heap contents moved with it", h2 != MAP_FAILED && same(h2, hlen, 1));
	CHECK("the grown part is zero", h2 != MAP_FAILED && h2[hlen] == 0 && h2[32 * P - 1] == 0);
	munmap(blk, P);

	/* grow in place: the pages after it are free */
	char *a = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(a + 2 * P, 2 * P);
	fill(a, 2 * P, 2);
	CHECK("grow in place without MAYMOVE", mr(a, 2 * P, 4 * P, 0, 0) == a);
	CHECK("contents kept in place", same(a, 2 * P, 2));
	a[4 * P - 1] = 7;
	CHECK("the new pages are usable", a[4 * P - 1] == 7 && a[3 * P] == 0);

	/* blocked: ENOMEM without MAYMOVE, a move with it */
	char *b = mmap(a + 4 * P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK("a blocker right after", b == a + 4 * P);
	CHECK("blocked growth without MAYMOVE: ENOMEM",
	      mr(a, 4 * P, 8 * P, 0, 0) == MAP_FAILED && errno == ENOMEM);
	char *m = mr(a, 4 * P, 8 * P, MREMAP_MAYMOVE, 0);
	CHECK("MAYMOVE moves it", m != MAP_FAILED && m != a);
	CHECK("the contents moved", m != MAP_FAILED && same(m, 2 * P, 2) && m[4 * P - 1] == 7);
	CHECK("the old place is unmapped", !mapped(a) && !mapped(a + 3 * P));
	CHECK("the blocker is untouched", mapped(b));

	/* MREMAP_FIXED onto a chosen (mapped) place */
	char *dst = mmap(NULL, 8 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *f = mr(m, 8 * P, 8 * P, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	CHECK("MREMAP_FIXED goes where asked", f == dst);
	CHECK("with its contents", f == dst && same(f, 2 * P, 2) && f[4 * P - 1] == 7);
	CHECK("and leaves the old place", !mapped(m));
	CHECK_ERR("FIXED overlapping its own range: EINVAL",
		  (long)mr(f, 8 * P, 8 * P, MREMAP_MAYMOVE | MREMAP_FIXED, f + P), EINVAL);
	CHECK_ERR("FIXED without MAYMOVE: EINVAL",
		  (long)mr(f, 8 * P, 8 * P, MREMAP_FIXED, f + 16 * P), EINVAL);
	CHECK_ERR("FIXED to an unaligned place: EINVAL",
		  (long)mr(f, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, f + 16 * P + 1), EINVAL);

	/* shrink */
	CHECK("shrink in place", mr(f, 8 * P, 2 * P, 0, 0) == f);
	CHECK("the head stays", mapped(f) && same(f, 2 * P, 2));
	CHECK("the tail is gone", !mapped(f + 2 * P) && !mapped(f + 7 * P));

	/* bad input */
	CHECK_ERR("an unknown flag: EINVAL", (long)mr(f, P, P, 0x80, 0), EINVAL);
	CHECK_ERR("an unaligned address: EINVAL", (long)mr(f + 1, P, P, 0, 0), EINVAL);
	CHECK_ERR("new length 0: EINVAL", (long)mr(f, P, 0, 0, 0), EINVAL);
	CHECK_ERR("an unmapped range: EFAULT", (long)mr(a, P, 2 * P, MREMAP_MAYMOVE, 0), EFAULT);
	CHECK_ERR("growing a range past its region: EFAULT", (long)mr(f, 4 * P, 6 * P, 0, 0), EFAULT);
	CHECK_ERR("the same size at an unmapped address: EFAULT", (long)mr(a, P, P, 0, 0), EFAULT);
	CHECK_ERR("shrinking at an unmapped address: EFAULT", (long)mr(a, 2 * P, P, 0, 0), EFAULT);
	CHECK("shrinking across the region's end is an munmap of the tail",
	      mr(f, 4 * P, 2 * P, 0, 0) == f && mapped(f + P));
	munmap(f, 2 * P);
	munmap(b, P);

	/* mmap_min_addr: a user may not move a mapping to page 0 */
	pid_t pid = fork();
	if (pid == 0) {
		char *q = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (setuid(65534))
			_exit(2);
		_exit(mr(q, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, 0) == MAP_FAILED && errno == EPERM ? 0 : 1);
	}
	int st = -1;
	waitpid(pid, &st, 0);
	CHECK("FIXED below mmap_min_addr as a user: EPERM", WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* SysV shm: the attachment count follows the moves */
	int id = shmget(IPC_PRIVATE, 4 * P, IPC_CREAT | 0600);
	struct shmid_ds ds;
	char *s = shmat(id, NULL, 0);
	CHECK("shmat", s != (void *)-1);
	fill(s, 4 * P, 3);
	char *sm = mr(s, 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	CHECK("shm moved", sm == dst && same(sm, 4 * P, 3));
	shmctl(id, IPC_STAT, &ds);
	CHECK_EQ("nattch 1 after the move", (long)ds.shm_nattch, 1L);
	CHECK("shrink the attachment", mr(sm, 4 * P, 2 * P, 0, 0) == sm);
	shmctl(id, IPC_STAT, &ds);
	CHECK_EQ("nattch 1 after the shrink", (long)ds.shm_nattch, 1L);
	CHECK_OK("shmdt at the new place", shmdt(sm));
	shmctl(id, IPC_STAT, &ds);
	CHECK_EQ("nattch 0 after shmdt", (long)ds.shm_nattch, 0L);
	shmctl(id, IPC_RMID, NULL);

	/* realloc of a big block: glibc calls mremap */
	char *r = malloc(64 * P);
	fill(r, 64 * P, 4);
	r = realloc(r, 512 * P);
	CHECK("realloc of a big block keeps its contents", r && same(r, 64 * P, 4));
	free(r);
	return utest_done();
}

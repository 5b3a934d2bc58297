/*
 * fuzz_shared_page_poll.c - the fuzzer's "hung after exit_group" children
 * (make fuzz, 10M calls): the harness's shared page was the mapping right
 * above a child's arena, whose last page is read-only. A poll given a
 * pollfd array starting at that page's last byte has every revents in the
 * next page, so the kernel wrote POLLNVAL (0x20) there, as Linux does,
 * into a slot's pid: the parent no longer knew the child when it died (or
 * stopped) and called it hung, and the slot was never freed. This checks
 * the mechanism (revents written past a read-only page, by Linux's rules)
 * and that the fuzzer's shared area now has PROT_NONE on both sides.
 */
#define FUZZ_NO_MAIN
#pragma GCC diagnostic ignored "-Wunused-function"	/* the run itself is not used */
#include "../fuzz/fuzz.c"
#include <poll.h>
#include "utest.h"

int main(void)
{
	char *two = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct pollfd *pf = (struct pollfd *)(two + PG - 1);	/* its first byte read-only */
	unsigned char before[PG];
	int fd = 0x01020304, r, p[2];

	CHECK("two pages", two != MAP_FAILED);
	memset(two, 0, 2 * PG);
	two[PG - 1] = fd & 0xff;			/* entry 0's fd: 3 bytes in the next page */
	memcpy(two + PG, (char *)&fd + 1, 3);
	memcpy(two + PG + 7, &fd, 4);			/* entry 1 */
	CHECK_OK("the first page read-only", mprotect(two, PG, PROT_READ));
	r = poll(pf, 2, 0);
	CHECK_EQ("poll of two bad fds across the edge: 2 (POLLNVAL)", r, 2);
	CHECK_EQ("entry 0's revents went to the next page (offset 5)", two[PG + 5], POLLNVAL);
	CHECK_EQ("entry 1's revents too (offset 13)", two[PG + 13], POLLNVAL);
	CHECK_EQ("and nothing into the read-only page", two[PG - 2], 0);
	munmap(two, 2 * PG);

	/* the fuzzer's shared area: nothing writable next to it */
	sh = map_shared();
	CHECK("the fuzzer's shared area", sh != NULL);
	memset(sh, 0xa5, SH_LEN);
	memcpy(before, sh, PG);
	CHECK_ERR("a pollfd array ending where the area starts: EFAULT",
		  poll((struct pollfd *)((char *)sh - 1024 * 8), 1024, 0), EFAULT);
	CHECK_ERR("one starting where it ends: EFAULT",
		  poll((struct pollfd *)((char *)sh + SH_LEN), 1024, 0), EFAULT);
	CHECK("the area is as it was", !memcmp(before, sh, PG));
	CHECK_OK("a pipe", pipe(p));
	CHECK_ERR("the guard zone is PROT_NONE: a write from it is EFAULT",
		  (int)write(p[1], (char *)sh - SH_GUARD, 16), EFAULT);
	CHECK_ERR("  and so is its last page", (int)write(p[1], (char *)sh + SH_LEN + SH_GUARD - PG, 16),
		  EFAULT);
	unmap_shared(sh);
	return utest_done();
}

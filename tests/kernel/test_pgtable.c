/*
 * tests/kernel/test_pgtable.c - the page-table helpers (mm/pgtable.c): a new
 * address space shares the kernel's upper quarter, single pages map and
 * unmap, and an access to an unmapped or read-only page faults (caught here
 * through the exception fix-up table, the mechanism copy_*_user relies on).
 */
#include <kernel/ktest.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/pgtable.h>
#include <kernel/traps.h>

/* read or write one word, -EFAULT instead of an oops if the access faults */
static int probe_read(unsigned long addr, u32 *val)
{
	int err = 0;
	u32 v = 0;

	asm volatile("1:	movl (%2), %1\n"
		     "2:\n"
		     ".section .text.fixup, \"ax\"\n"
		     "3:	movl %3, %0\n"
		     "	jmp 2b\n"
		     ".previous\n"
		     _ASM_EXTABLE(1b, 3b)
		     : "+r"(err), "+r"(v)
		     : "r"(addr), "i"(-EFAULT));
	*val = v;
	return err;
}

static int probe_write(unsigned long addr, u32 val)
{
	int err = 0;

	asm volatile("1:	movl %1, (%2)\n"
		     "2:\n"
		     ".section .text.fixup, \"ax\"\n"
		     "3:	movl %3, %0\n"
		     "	jmp 2b\n"
		     ".previous\n"
		     _ASM_EXTABLE(1b, 3b)
		     : "+r"(err)
		     : "r"(val), "r"(addr), "i"(-EFAULT)
		     : "memory");
	return err;
}

KTEST(pgtable, new_space_shares_kernel_quarter)
{
	pgd_t *pgd = pgd_alloc();
	int user_clear = 1, kernel_same = 1;

	ASSERT_NOT_NULL(pgd);
	for (unsigned int i = 0; i < USER_PGD_PTRS; i++)
		user_clear &= pgd[i] == 0;
	for (unsigned int i = USER_PGD_PTRS; i < PTRS_PER_PGD; i++)
		kernel_same &= pgd[i] == swapper_pg_dir[i];
	EXPECT_TRUE(user_clear);
	EXPECT_TRUE(kernel_same);
	pgd_free(pgd);
}

KTEST(pgtable, map_write_read_unmap)
{
	const unsigned long uaddr = 0x08048000;
	pgd_t *pgd = pgd_alloc(), *old = current_pgd();
	struct page *page = alloc_page(__GFP_ZERO);
	u32 v = 0;
	pte_t pte;

	ASSERT_NOT_NULL(pgd);
	ASSERT_NOT_NULL(page);
	EXPECT_EQ(map_page(pgd, uaddr, page_to_pfn(page) << PAGE_SHIFT, PAGE_USER_RW), 0);
	pte = *lookup_pte(pgd, uaddr, 0);
	EXPECT_EQ(pte & PAGE_MASK, page_to_pfn(page) << PAGE_SHIFT);
	EXPECT_TRUE(pte & _PAGE_USER);

	switch_pgd(pgd);
	EXPECT_EQ(probe_write(uaddr + 16, 0xfeedf00d), 0);
	EXPECT_EQ(probe_read(uaddr + 16, &v), 0);
	EXPECT_EQ(v, 0xfeedf00d);
	/* the same frame seen through the direct map */
	EXPECT_EQ(((u32 *)page_address(page))[4], 0xfeedf00d);

	pte = unmap_page(pgd, uaddr);
	EXPECT_EQ(pte & PAGE_MASK, page_to_pfn(page) << PAGE_SHIFT);
	EXPECT_EQ(probe_read(uaddr + 16, &v), -EFAULT);
	EXPECT_EQ(unmap_page(pgd, uaddr), 0);	/* nothing left to unmap */
	switch_pgd(old);

	__free_page(page);
	pgd_free(pgd);		/* frees the page table map_page made */
}

KTEST(pgtable, read_only_page_rejects_writes)
{
	const unsigned long uaddr = 0x10000000;
	pgd_t *pgd = pgd_alloc(), *old = current_pgd();
	struct page *page = alloc_page(__GFP_ZERO);
	u32 v = 1;

	ASSERT_NOT_NULL(pgd);
	ASSERT_NOT_NULL(page);
	ASSERT_EQ(map_page(pgd, uaddr, page_to_pfn(page) << PAGE_SHIFT, PAGE_USER_RO), 0);
	switch_pgd(pgd);
	EXPECT_EQ(probe_read(uaddr, &v), 0);
	EXPECT_EQ(v, 0);
	/* CR0.WP makes read-only pages read-only for the kernel too */
	EXPECT_EQ(probe_write(uaddr, 5), -EFAULT);
	switch_pgd(old);
	unmap_page(pgd, uaddr);
	__free_page(page);
	pgd_free(pgd);
}

KTEST(pgtable, rejects_bad_arguments)
{
	pgd_t *pgd = pgd_alloc();

	ASSERT_NOT_NULL(pgd);
	EXPECT_EQ(map_page(pgd, PAGE_OFFSET, 0x100000, PAGE_KERNEL), -EINVAL);
	EXPECT_EQ(map_page(pgd, 0x1001, 0x100000, PAGE_USER_RW), -EINVAL);
	EXPECT_EQ(map_page(pgd, 0x1000, 0x100001, PAGE_USER_RW), -EINVAL);
	EXPECT_NULL(lookup_pte(pgd, 0x400000, 0));
	EXPECT_NULL(lookup_pte(pgd, 0xC0001000, 1));
	pgd_free(pgd);
}

KTEST(pgtable, many_pages_no_leak)
{
	unsigned long before = nr_free_pages();
	pgd_t *pgd = pgd_alloc();

	ASSERT_NOT_NULL(pgd);
	/* spread over several page tables */
	for (unsigned long a = 0x400000; a < 0x400000 + 16 * (4UL << 20); a += 4UL << 20 >> 4) {
		struct page *p = alloc_page(GFP_KERNEL);

		ASSERT_NOT_NULL(p);
		ASSERT_EQ(map_page(pgd, a, page_to_pfn(p) << PAGE_SHIFT, PAGE_USER_RW), 0);
	}
	for (unsigned long a = 0x400000; a < 0x400000 + 16 * (4UL << 20); a += 4UL << 20 >> 4) {
		pte_t pte = unmap_page(pgd, a);

		ASSERT_TRUE(pte & _PAGE_PRESENT);
		__free_page(pfn_to_page(pte >> PAGE_SHIFT));
	}
	pgd_free(pgd);
	EXPECT_EQ(nr_free_pages(), before);
}

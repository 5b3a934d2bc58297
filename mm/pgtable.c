/*
 * mm/pgtable.c - i386 two-level page tables (Linux: arch/i386/mm/pgtable.c
 * and parts of mm/memory.c). The kernel's directory maps all RAM at
 * PAGE_OFFSET with global 4 MiB pages; every address space copies those
 * upper-quarter entries, so the kernel looks the same from every process,
 * and keeps its own 4 KiB page tables for the user part.
 */
#include <kernel/pgtable.h>
#include <kernel/mm.h>
#include <kernel/io.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>

pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

void paging_init(unsigned long max_low_pfn)
{
	unsigned long end = max_low_pfn << PAGE_SHIFT;

	memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
	for (unsigned long phys = 0; phys < end; phys += 1UL << PGDIR_SHIFT)
		swapper_pg_dir[pgd_index(PAGE_OFFSET + phys)] =
			phys | _PAGE_PSE | _PAGE_GLOBAL | PAGE_KERNEL;
	write_cr4(read_cr4() | 0x80);	/* CR4.PGE: kernel TLB entries survive CR3 loads */
	write_cr3(__pa(swapper_pg_dir));	/* the identity map of head.asm is gone now */
}

pgd_t *current_pgd(void)
{
	return __va(read_cr3());
}

void switch_pgd(pgd_t *pgd)
{
	write_cr3(__pa(pgd));
}

/* a new directory: empty user part, the kernel's upper quarter */
pgd_t *pgd_alloc(void)
{
	pgd_t *pgd = (pgd_t *)__get_free_page(GFP_KERNEL);

	if (!pgd)
		return NULL;
	memset(pgd, 0, USER_PGD_PTRS * sizeof(pgd_t));
	memcpy(pgd + USER_PGD_PTRS, swapper_pg_dir + USER_PGD_PTRS,
	       (PTRS_PER_PGD - USER_PGD_PTRS) * sizeof(pgd_t));
	return pgd;
}

/* free the user page tables and the directory; the mapped pages are the caller's */
void pgd_free(pgd_t *pgd)
{
	if (pgd == swapper_pg_dir)
		return;
	for (unsigned int i = 0; i < USER_PGD_PTRS; i++)
		if (pgd[i] & _PAGE_PRESENT)
			free_page((unsigned long)__va(pgd[i] & PAGE_MASK));
	free_page((unsigned long)pgd);
}

/* the pte for a user address, allocating its page table when 'create' */
pte_t *lookup_pte(pgd_t *pgd, unsigned long addr, int create)
{
	pgd_t *pde = &pgd[pgd_index(addr)];
	pte_t *pt;

	if (addr >= PAGE_OFFSET)
		return NULL;
	if (!(*pde & _PAGE_PRESENT)) {
		if (!create)
			return NULL;
		pt = (pte_t *)get_zeroed_page(GFP_KERNEL);
		if (!pt)
			return NULL;
		/* permissions are decided per pte; the directory entry allows all */
		*pde = __pa(pt) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;
	}
	pt = __va(*pde & PAGE_MASK);
	return &pt[pte_index(addr)];
}

static void flush_tlb_one(pgd_t *pgd, unsigned long addr)
{
	if (pgd == current_pgd())
		invlpg(addr);
}

int map_page(pgd_t *pgd, unsigned long addr, unsigned long phys, unsigned long prot)
{
	pte_t *pte;

	if (addr >= PAGE_OFFSET || (addr & ~PAGE_MASK) || (phys & ~PAGE_MASK))
		return -EINVAL;
	pte = lookup_pte(pgd, addr, 1);
	if (!pte)
		return -ENOMEM;
	*pte = phys | (prot & ~PAGE_MASK) | _PAGE_PRESENT;
	flush_tlb_one(pgd, addr);
	return 0;
}

/* clear the mapping and return what it was (0 if there was none) */
pte_t unmap_page(pgd_t *pgd, unsigned long addr)
{
	pte_t *pte = lookup_pte(pgd, addr, 0);
	pte_t old;

	if (!pte)
		return 0;
	old = *pte;
	*pte = 0;
	if (old & _PAGE_PRESENT)
		flush_tlb_one(pgd, addr);
	return old;
}

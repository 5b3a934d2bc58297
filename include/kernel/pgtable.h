/*
 * include/kernel/pgtable.h - two-level i386 page tables (mm/pgtable.c): the
 * kernel's own directory, and address spaces that share its upper quarter.
 */
#ifndef _KERNEL_PGTABLE_H
#define _KERNEL_PGTABLE_H

#include <kernel/types.h>

typedef u32 pgd_t;
typedef u32 pte_t;

#define PTRS_PER_PGD	1024
#define PTRS_PER_PTE	1024
#define PGDIR_SHIFT	22
#define USER_PGD_PTRS	(PAGE_OFFSET >> PGDIR_SHIFT)	/* 768 */
#define pgd_index(a)	(((unsigned long)(a) >> PGDIR_SHIFT) & 1023)
#define pte_index(a)	(((unsigned long)(a) >> 12) & 1023)

#define _PAGE_PRESENT	0x001
#define _PAGE_RW	0x002
#define _PAGE_USER	0x004
#define _PAGE_PWT	0x008
#define _PAGE_PCD	0x010
#define _PAGE_ACCESSED	0x020
#define _PAGE_DIRTY	0x040
#define _PAGE_PSE	0x080
#define _PAGE_GLOBAL	0x100
#define _PAGE_PROTNONE	0x100	/* user pte, not present: a page kept under PROT_NONE */

#define PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_RW)
#define PAGE_USER_RO	(_PAGE_PRESENT | _PAGE_USER)
#define PAGE_USER_RW	(_PAGE_PRESENT | _PAGE_USER | _PAGE_RW)

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

void paging_init(unsigned long max_low_pfn);
pgd_t *pgd_alloc(void);
void pgd_free(pgd_t *pgd);
pte_t *lookup_pte(pgd_t *pgd, unsigned long addr, int create);
int map_page(pgd_t *pgd, unsigned long addr, unsigned long phys, unsigned long prot);
pte_t unmap_page(pgd_t *pgd, unsigned long addr);
void switch_pgd(pgd_t *pgd);
pgd_t *current_pgd(void);

#endif

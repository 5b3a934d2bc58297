/*
 * mm/memory.c - pages behind the regions (Linux: mm/memory.c): demand-zero
 * pages on first touch, pages from a region's nopage hook, copy-on-write
 * after fork, and tearing mappings down. A page's reference count says how
 * many page tables map it; a private page with more than one is copied on
 * its first write. Every pte change is followed by a TLB flush on each CPU
 * that has the mm loaded (include/kernel/tlbflush.h) before the old page
 * can go.
 */
#include <kernel/mm_types.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/tlbflush.h>
#include <kernel/init.h>

/*
 * kernel.randomize_va_space (Linux keeps it here too): 0 lays every exec out
 * the same; 1 randomizes the mmap area, a PIE's base, the loader's and the
 * initial stack pointer; 2 the heap's start as well. The boot option
 * norandmaps starts it at 0.
 */
int randomize_va_space = 2;

static int disable_randmaps(char *s)
{
	(void)s;
	randomize_va_space = 0;
	return 0;
}
__setup("norandmaps", disable_randmaps);

static unsigned long vma_pte_prot(unsigned long vm_flags)
{
	(void)vm_flags;
	return _PAGE_PRESENT | _PAGE_USER;
}

/* a pte that holds a page: mapped, or kept while the region is PROT_NONE */
static inline int pte_has_page(pte_t pte)
{
	return pte & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

/*
 * A pte that was not present, or gains a right: other CPUs cannot hold an
 * entry that contradicts it (a not-present pte is not cached, a CPU that
 * writes through a stale read-only entry faults and lands here), so only
 * this CPU's stale entry, if any, goes.
 */
static void flush_tlb_one_local(struct mm_struct *mm, unsigned long addr)
{
	if (mm->pgd == current_pgd())
		invlpg(addr);
}

static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma,
			     unsigned long address, pte_t *pte)
{
	struct page *page = alloc_page(__GFP_ZERO);
	unsigned long prot = vma_pte_prot(vma->vm_flags);

	if (!page)
		return VM_FAULT_OOM;
	if (vma->vm_flags & VM_WRITE)
		prot |= _PAGE_RW;
	*pte = (page_to_pfn(page) << PAGE_SHIFT) | prot;
	flush_tlb_one_local(mm, address);
	return 0;
}

static int do_no_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, pte_t *pte)
{
	struct page *page = vma->vm_ops->nopage(vma, address & PAGE_MASK);
	unsigned long prot = vma_pte_prot(vma->vm_flags);

	if (!page)
		return VM_FAULT_SIGBUS;
	/* the shared object's page itself; only shared mappings may write it */
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == (VM_WRITE | VM_SHARED))
		prot |= _PAGE_RW;
	*pte = (page_to_pfn(page) << PAGE_SHIFT) | prot;
	flush_tlb_one_local(mm, address);
	return 0;
}

/* a write to a present read-only page in a writable region */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, pte_t *pte)
{
	struct page *old = pfn_to_page(*pte >> PAGE_SHIFT), *new;

	if ((vma->vm_flags & VM_SHARED) || page_count(old) == 1) {
		/* shared mapping, or the last user of a COW page: write in place */
		*pte |= _PAGE_RW | _PAGE_DIRTY;
		flush_tlb_one_local(mm, address);
		return 0;
	}
	new = alloc_page(GFP_KERNEL);
	if (!new)
		return VM_FAULT_OOM;
	memcpy(page_address(new), page_address(old), PAGE_SIZE);
	*pte = (page_to_pfn(new) << PAGE_SHIFT) | vma_pte_prot(vma->vm_flags) | _PAGE_RW;
	flush_tlb_page(mm, address);	/* COW break: no CPU may read the old page for this one */
	put_page(old);
	return 0;
}

/* 0 when the fault is resolved, else VM_FAULT_OOM / SIGBUS / SIGSEGV */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, int write)
{
	pte_t *pte = lookup_pte(mm->pgd, address, 1);

	if (!pte)
		return VM_FAULT_OOM;
	if (!(*pte & _PAGE_PRESENT)) {
		if (vma->vm_ops && vma->vm_ops->nopage)
			return do_no_page(mm, vma, address, pte);
		return do_anonymous_page(mm, vma, address, pte);
	}
	if (write && !(*pte & _PAGE_RW))
		return do_wp_page(mm, vma, address, pte);
	/* present and allowed: another path mapped it meanwhile, or a stale TLB entry */
	flush_tlb_one_local(mm, address);
	return 0;
}

/* fork: map the parent's pages into the child; private ones read-only in both */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	int cow = !(vma->vm_flags & VM_SHARED);

	for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *spte = lookup_pte(src->pgd, addr, 0), *dpte;

		if (!spte) {	/* no page table here: skip to the next 4 MiB */
			addr = (addr | ((1UL << PGDIR_SHIFT) - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		if (!pte_has_page(*spte))
			continue;
		dpte = lookup_pte(dst->pgd, addr, 1);
		if (!dpte)
			return -ENOMEM;
		if (cow)
			*spte &= ~_PAGE_RW;
		get_page(pfn_to_page(*spte >> PAGE_SHIFT));
		*dpte = *spte;
	}
	return 0;
}

/* pages whose ptes are gone, kept until the other CPUs have flushed (2.6's mmu_gather) */
#define ZAP_BATCH 32

static void zap_release(struct mm_struct *mm, struct page **batch, int *n)
{
	flush_tlb_others(tlb_other_cpus(mm), mm, FLUSH_ALL);
	for (int i = 0; i < *n; i++)
		put_page(batch[i]);
	*n = 0;
}

/*
 * Another thread of mm on another CPU could still write through its TLB to
 * a page freed here and already reused: with other CPUs in cpu_vm_mask the
 * pages wait in a batch for their flush; with none they go at once.
 */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct page *batch[ZAP_BATCH];
	int n = 0;

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = lookup_pte(mm->pgd, addr, 0);
		struct page *page;

		if (!pte) {
			addr = (addr | ((1UL << PGDIR_SHIFT) - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		if (!pte_has_page(*pte))
			continue;
		page = pfn_to_page(*pte >> PAGE_SHIFT);
		*pte = 0;
		if (mm->pgd == current_pgd())
			invlpg(addr);
		if (!tlb_other_cpus(mm)) {
			put_page(page);
			continue;
		}
		batch[n++] = page;
		if (n == ZAP_BATCH)
			zap_release(mm, batch, &n);
	}
	if (n)
		zap_release(mm, batch, &n);
}

/*
 * mprotect: take write access away now; give it back lazily (the next write
 * fault decides between writing in place and copying). Under PROT_NONE the
 * page stays but is not present, so the kernel's own accesses fault too
 * (copy_*_user then gives EFAULT, as on Linux).
 */
void change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long vm_flags)
{
	int changed = 0;

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = lookup_pte(mm->pgd, addr, 0);

		if (!pte) {
			addr = (addr | ((1UL << PGDIR_SHIFT) - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		if (!pte_has_page(*pte))
			continue;
		if (vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
			*pte = (*pte & ~_PAGE_PROTNONE) | _PAGE_PRESENT | _PAGE_USER;
		else
			*pte = (*pte & ~(_PAGE_PRESENT | _PAGE_RW)) | _PAGE_PROTNONE;
		if (!(vm_flags & VM_WRITE))
			*pte &= ~_PAGE_RW;
		changed = 1;
	}
	/* done when mprotect returns: on this CPU and every other that has mm */
	if (changed)
		flush_tlb_range(mm, start, end);
}

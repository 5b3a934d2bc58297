/*
 * mm/mremap.c - mremap(2): shrink, grow in place, or move a region with its
 * pages (Linux: mm/mremap.c). A move builds the new region first, moves the
 * page table entries across (the pages and their references go with them),
 * then unmaps the old range; vm_ops open/close keep shm's nattch right.
 */
#include <kernel/mm_types.h>
#include <kernel/tlbflush.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/syscalls.h>
#include <uapi/mman.h>

/* the page table entries of [old, old + len) move to new (Linux: move_page_tables) */
static int move_page_tables(struct mm_struct *mm, unsigned long old, unsigned long new,
			    unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = lookup_pte(mm->pgd, old + off, 0), *dst;
		pte_t pte;

		if (!src || !*src)
			continue;
		dst = lookup_pte(mm->pgd, new + off, 1);
		if (!dst)
			return -ENOMEM;
		pte = unmap_page(mm->pgd, old + off);	/* flushes this CPU's old entry */
		*dst = pte;
	}
	flush_tlb_range(mm, old, old + len);	/* and the other CPUs' */
	return 0;
}

/* a copy of vma's [addr, addr + old_len) at new_addr, new_len long, with its pages */
static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long addr, unsigned long old_len,
			      unsigned long new_len, unsigned long new_addr)
{
	struct vm_area_struct *new = kzalloc(sizeof(*new), GFP_KERNEL);
	unsigned long moved = old_len < new_len ? old_len : new_len;

	if (!new)
		return -ENOMEM;
	*new = *vma;
	INIT_LIST_HEAD(&new->vm_list);
	new->vm_start = new_addr;
	new->vm_end = new_addr + new_len;
	new->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (insert_vm_struct(mm, new)) {
		kfree(new);
		return -ENOMEM;
	}
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	if (move_page_tables(mm, addr, new_addr, moved)) {
		/* put back what moved, and drop the new region */
		move_page_tables(mm, new_addr, addr, moved);
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	/* the old range's vmas close; if that fails the pages are at the new place anyway */
	do_munmap(mm, addr, old_len);
	return new_addr;
}

/* the region holding [addr, addr + old_len), which may grow by delta (Linux: vma_to_resize) */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len,
					    long *err)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	*err = -EFAULT;
	if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
		return NULL;	/* nothing there, or across regions */
	if (new_len > old_len) {
		unsigned long delta = new_len - old_len;

		*err = -ENOMEM;
		if (!may_expand_vm(mm, delta))
			return NULL;
		*err = -EAGAIN;		/* Linux's answer past RLIMIT_MEMLOCK */
		if ((vma->vm_flags & VM_LOCKED) && !mlock_may_grow(mm, delta))
			return NULL;
	}
	*err = 0;
	return vma;
}

long do_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long err;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED))
		return -EINVAL;		/* MREMAP_DONTUNMAP (5.7) is not built: EINVAL, as before 5.7 */
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	/* old_len 0 duplicates a shared mapping on Linux; not here */
	if (!new_len || !old_len)
		return -EINVAL;
	if (old_len > TASK_SIZE || addr > TASK_SIZE - old_len)
		return -EFAULT;
	if ((flags & MREMAP_FIXED) &&
	    ((new_addr & ~PAGE_MASK) || new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len ||
	     (addr + old_len > new_addr && new_addr + new_len > addr)))
		return -EINVAL;		/* unaligned, too high, or overlapping the old range */
	/* today's Linux looks up addr first: nothing mapped there is EFAULT */
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;

	if (flags & MREMAP_FIXED) {
		if (!mmap_addr_permitted(new_addr))
			return -EPERM;
		err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
		if (old_len > new_len) {
			err = do_munmap(mm, addr + new_len, old_len - new_len);
			if (err)
				return err;
			old_len = new_len;
		}
		vma = vma_to_resize(mm, addr, old_len, new_len, &err);
		if (!vma)
			return err;
		return move_vma(mm, vma, addr, old_len, new_len, new_addr);
	}

	/* shrinking is an munmap of the tail, whatever regions it spans */
	if (old_len >= new_len) {
		if (old_len > new_len) {
			err = do_munmap(mm, addr + new_len, old_len - new_len);
			if (err)
				return err;
		}
		return addr;
	}

	vma = vma_to_resize(mm, addr, old_len, new_len, &err);
	if (!vma)
		return err;
	/* grow in place when the range ends the region and the space after it is free */
	if (addr + old_len == vma->vm_end && new_len - old_len <= TASK_SIZE - vma->vm_end) {
		struct vm_area_struct *next = find_vma(mm, vma->vm_end);

		if (!next || next->vm_start >= addr + new_len) {
			unsigned long delta = new_len - old_len;

			vma->vm_end += delta;
			mm->total_vm += delta >> PAGE_SHIFT;
			return addr;
		}
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len);
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr);
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	return do_mremap(addr, old_len, new_len, flags, new_addr);
}

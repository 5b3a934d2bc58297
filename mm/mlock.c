/*
 * mm/mlock.c - mlock, munlock, mlockall, munlockall, mlock2 (Linux:
 * mm/mlock.c). Locking marks the regions VM_LOCKED and faults their pages in;
 * there is no swap, so that is all "resident" needs. The locked total is the
 * size of the VM_LOCKED regions, charged against RLIMIT_MEMLOCK unless the
 * caller has CAP_IPC_LOCK.
 */
#include <kernel/mm_types.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/pgtable.h>
#include <kernel/sched.h>
#include <kernel/shmem.h>
#include <kernel/syscalls.h>
#include <uapi/mman.h>

/* pages in VM_LOCKED regions, all of them or those within [start, end) */
static unsigned long locked_pages_in(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		if ((vma->vm_flags & VM_LOCKED) && s < e)
			n += (e - s) >> PAGE_SHIFT;
	}
	return n;
}

unsigned long mm_locked_pages(struct mm_struct *mm)
{
	return locked_pages_in(mm, 0, TASK_SIZE);
}

static unsigned long lock_limit_pages(void)
{
	unsigned long lim = current->rlim[RLIMIT_MEMLOCK].rlim_cur;

	return lim == RLIM_INFINITY ? ~0UL : lim >> PAGE_SHIFT;
}

/* Linux's can_do_mlock: a nonzero RLIMIT_MEMLOCK or CAP_IPC_LOCK */
static int can_do_mlock(void)
{
	return current->rlim[RLIMIT_MEMLOCK].rlim_cur != 0 || capable(CAP_IPC_LOCK);
}

/* may a locked region grow by len bytes? (mremap) */
int mlock_may_grow(struct mm_struct *mm, unsigned long len)
{
	return capable(CAP_IPC_LOCK) ||
	       mm_locked_pages(mm) + (len >> PAGE_SHIFT) <= lock_limit_pages();
}

/*
 * mmap of a VM_LOCKED region (MAP_LOCKED, or after mlockall(MCL_FUTURE)):
 * RLIMIT_MEMLOCK 0 without CAP_IPC_LOCK is EPERM, going past it EAGAIN
 * (Linux: do_mmap's can_do_mlock and mlock_future_check).
 */
int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len)
{
	if (!(vm_flags & VM_LOCKED) || capable(CAP_IPC_LOCK))
		return 0;
	if (!current->rlim[RLIMIT_MEMLOCK].rlim_cur)
		return -EPERM;
	if (mm_locked_pages(mm) + (PAGE_ALIGN(len) >> PAGE_SHIFT) > lock_limit_pages())
		return -EAGAIN;
	return 0;
}

static int populate_range(struct mm_struct *mm, unsigned long start, unsigned long end);

/* MAP_POPULATE and locked mmaps: fault it all in now; a failure is not mmap's (Linux: mm_populate) */
void mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	populate_range(mm, start, start + len);
}

/* fault in the pages of [start, end) that are not there yet (Linux: __mm_populate) */
static int populate_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		int write;
		pte_t *pte;

		if (!vma || vma->vm_start >= end)
			break;
		if (addr < vma->vm_start)
			addr = vma->vm_start;
		if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))) {
			addr = vma->vm_end - PAGE_SIZE;		/* PROT_NONE: nothing to fault */
			continue;
		}
		/* a writable private page is made the process's own, as a write would */
		write = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
		pte = lookup_pte(mm->pgd, addr, 0);
		if (pte && (*pte & _PAGE_PRESENT) && (!write || (*pte & _PAGE_RW)))
			continue;
		if (handle_mm_fault(mm, vma, addr, write) == VM_FAULT_OOM)
			return -EAGAIN;		/* Linux's answer when memory runs out */
		/* SIGBUS (past a shm segment's end) and the like: skipped, as Linux */
	}
	return 0;
}

/* set or clear VM_LOCKED on [start, end); -ENOMEM at a hole (Linux: apply_vma_lock_flags) */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
				int lock)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long next = start;

	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	while (next < end) {
		vma = find_vma(mm, next);
		if (!vma || vma->vm_start > next)
			return -ENOMEM;
		if (!!(vma->vm_flags & VM_LOCKED) != lock) {
			if (vma->vm_start < next && !split_vma(mm, vma, next))
				return -ENOMEM;
			vma = find_vma(mm, next);
			if (vma->vm_end > end && !split_vma(mm, vma, end))
				return -ENOMEM;
			if (lock)
				vma->vm_flags |= VM_LOCKED;
			else
				vma->vm_flags &= ~VM_LOCKED;
		}
		next = vma->vm_end;
	}
	return 0;
}

/* round [*start, *start + *len) out to pages; -EINVAL if it wraps */
static int page_range(unsigned long *start, size_t *len)
{
	*len = PAGE_ALIGN(*len + (*start & ~PAGE_MASK));
	*start &= PAGE_MASK;
	return *start + *len < *start ? -EINVAL : 0;
}

static long do_mlock(unsigned long start, size_t len, int populate)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	long err;

	if (!can_do_mlock())
		return -EPERM;
	if (page_range(&start, &len))
		return -EINVAL;
	if (!len)
		return 0;
	end = start + len;
	/* pages already locked in the range are not charged twice, as today's Linux */
	if (!capable(CAP_IPC_LOCK) &&
	    mm_locked_pages(mm) - locked_pages_in(mm, start, end) + (len >> PAGE_SHIFT) >
	    lock_limit_pages())
		return -ENOMEM;
	err = apply_vma_lock_flags(mm, start, end, 1);
	if (err)
		return err;
	return populate ? populate_range(mm, start, end) : 0;
}

long sys_mlock(unsigned long start, size_t len)
{
	return do_mlock(start, len, 1);
}

long sys_mlock2(unsigned long start, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, !(flags & MLOCK_ONFAULT));
}

long sys_munlock(unsigned long start, size_t len)
{
	if (page_range(&start, &len))
		return -EINVAL;
	return len ? apply_vma_lock_flags(current->mm, start, start + len, 0) : 0;
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if ((flags & MCL_CURRENT) && !capable(CAP_IPC_LOCK) && mm->total_vm > lock_limit_pages())
		return -ENOMEM;
	mm->def_flags = (flags & MCL_FUTURE) ? VM_LOCKED : 0;
	if (!(flags & MCL_CURRENT))
		return 0;
	list_for_each_entry(vma, &mm->mmap, vm_list)
		vma->vm_flags |= VM_LOCKED;
	if (!(flags & MCL_ONFAULT))
		populate_range(mm, 0, TASK_SIZE);	/* errors ignored, as Linux */
	return 0;
}

long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	mm->def_flags = 0;
	list_for_each_entry(vma, &mm->mmap, vm_list)
		vma->vm_flags &= ~VM_LOCKED;
	return 0;
}

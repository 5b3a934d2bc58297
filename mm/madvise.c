/*
 * mm/madvise.c - madvise (Linux: mm/madvise.c). The access-pattern hints
 * are accepted and change nothing (there is no readahead or reclaim to
 * steer); MADV_DONTNEED drops the range's pages, so a private anonymous
 * page comes back zeroed and a shared or file page comes back from its
 * object or page cache; MADV_FREE does the same for private anonymous
 * memory. Advice this kernel does not build is EINVAL, Linux's answer for an
 * advice it was built without.
 */
#include <kernel/mm_types.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8

static int madvise_vma(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, int advice)
{
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
		return 0;
	case MADV_FREE:
		/* only private anonymous memory may be freed lazily */
		if (vma->vm_ops || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		/* fall through */
	case MADV_DONTNEED:
		zap_page_range(vma->vm_mm, start, end);
		return 0;
	}
	return -EINVAL;
}

static int madvise_behavior_valid(int advice)
{
	return advice == MADV_NORMAL || advice == MADV_RANDOM || advice == MADV_SEQUENTIAL ||
	       advice == MADV_WILLNEED || advice == MADV_DONTNEED || advice == MADV_FREE;
}

long sys_madvise(unsigned long start, size_t len_in, int advice)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end, len;
	int unmapped_error = 0, err;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!madvise_behavior_valid(advice))
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	/* Linux's walk: apply to each mapped piece, ENOMEM at the end for a hole */
	vma = find_vma(mm, start);
	for (;;) {
		unsigned long tmp;

		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		tmp = vma->vm_end < end ? vma->vm_end : end;
		err = madvise_vma(vma, start, tmp, advice);
		if (err)
			return err;
		start = tmp;
		if (start >= end)
			break;
		vma = find_vma(mm, start);
	}
	return unmapped_error;
}

/*
 * mm/msync.c - msync (Linux: mm/msync.c). Page-cache files here live only
 * in memory, so there is nothing to write back: what is left is Linux's
 * checking of the flags and the range, ENOMEM for a hole (after the mapped
 * parts are dealt with), and the fsync that MS_SYNC asks of shared file
 * mappings.
 */
#include <kernel/mm_types.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <uapi/mman.h>

#ifndef MS_ASYNC
#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4
#endif

long sys_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end;
	int unmapped_error = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
#ifdef VM_LOCKED
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED))
			return -EBUSY;
#endif
		start = vma->vm_end;
		/* MS_SYNC of a shared file mapping: the file's fsync (nothing to write here) */
		if ((flags & MS_SYNC) && vma->vm_file && (vma->vm_flags & VM_SHARED) &&
		    vma->vm_file->f_op && vma->vm_file->f_op->fsync) {
			int err = vma->vm_file->f_op->fsync(vma->vm_file, vma->vm_file->f_dentry, 0);

			if (err)
				return err;
		}
		if (start >= end)
			break;
		vma = find_vma(mm, start);
	}
	return unmapped_error;
}

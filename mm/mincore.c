/*
 * mm/mincore.c - mincore (Linux: mm/mincore.c): one byte per page of the
 * range, bit 0 set when the page is in memory. A page mapped in the page
 * table is; an unmapped page of a file or shared-memory mapping is when
 * its page cache or object holds it (Linux asks the page cache the same
 * way); an untouched anonymous page is not.
 */
#include <kernel/mm_types.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/shmem.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>

static unsigned char mincore_page(struct vm_area_struct *vma, unsigned long addr)
{
	pte_t *pte = lookup_pte(vma->vm_mm->pgd, addr, 0);
	unsigned long index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);

	if (pte && (*pte & (_PAGE_PRESENT | _PAGE_PROTNONE)))
		return 1;
	if (vma->vm_file)
		return find_get_page(file_inode(vma->vm_file)->i_mapping, index) != NULL;
	if ((vma->vm_flags & VM_SHARED) && vma->vm_private_data) {
		struct shmem_object *obj = vma->vm_private_data;

		return index < obj->npages && obj->pages[index];
	}
	return 0;
}

long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	struct mm_struct *mm = current->mm;
	unsigned long pages, addr;
	unsigned char buf[64];

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void __user *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	addr = start;
	while (pages) {
		unsigned long n = pages < sizeof(buf) ? pages : sizeof(buf);

		for (unsigned long i = 0; i < n; i++, addr += PAGE_SIZE) {
			struct vm_area_struct *vma = find_vma(mm, addr);

			if (!vma || vma->vm_start > addr)
				return -ENOMEM;
			buf[i] = mincore_page(vma, addr);
		}
		if (copy_to_user(vec, buf, n))
			return -EFAULT;
		vec += n;
		pages -= n;
	}
	return 0;
}

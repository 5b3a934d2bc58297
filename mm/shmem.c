/*
 * mm/shmem.c - shared anonymous memory (Linux: mm/shmem.c, without tmpfs or
 * swap). A shmem_object is an array of pages, allocated zeroed on first
 * touch; every mapping of it holds a reference, so a MAP_SHARED|MAP_ANONYMOUS
 * region stays shared across fork and lives until its last mapping goes.
 * System V shared memory (ipc/shm.c) builds its segments on the same object.
 */
#include <kernel/shmem.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/slab.h>
#include <kernel/string.h>

struct shmem_object *shmem_object_alloc(unsigned long size)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return NULL;
	obj->npages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	obj->pages = kzalloc(obj->npages * sizeof(struct page *), GFP_KERNEL);
	if (!obj->pages) {
		kfree(obj);
		return NULL;
	}
	obj->count = 1;
	return obj;
}

void shmem_object_get(struct shmem_object *obj)
{
	obj->count++;
}

void shmem_object_put(struct shmem_object *obj)
{
	if (--obj->count)
		return;
	for (unsigned long i = 0; i < obj->npages; i++)
		if (obj->pages[i])
			put_page(obj->pages[i]);
	kfree(obj->pages);
	kfree(obj);
}

/* the page at index, allocated on first use; returned with a new reference */
struct page *shmem_object_page(struct shmem_object *obj, unsigned long index)
{
	struct page *page;

	if (index >= obj->npages)
		return NULL;
	page = obj->pages[index];
	if (!page) {
		page = alloc_page(__GFP_ZERO);
		if (!page)
			return NULL;
		obj->pages[index] = page;
		obj->nr_present++;
	}
	get_page(page);
	return page;
}

static void shmem_vm_open(struct vm_area_struct *vma)
{
	shmem_object_get(vma->vm_private_data);
}

static void shmem_vm_close(struct vm_area_struct *vma)
{
	shmem_object_put(vma->vm_private_data);
}

static struct page *shmem_vm_nopage(struct vm_area_struct *vma, unsigned long address)
{
	unsigned long index = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);

	return shmem_object_page(vma->vm_private_data, index);
}

static const struct vm_operations_struct shmem_anon_vm_ops = {
	.open = shmem_vm_open,
	.close = shmem_vm_close,
	.nopage = shmem_vm_nopage,
};

long shmem_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags)
{
	struct shmem_object *obj;
	long ret;

	if (!len)
		return -EINVAL;
	obj = shmem_object_alloc(len);
	if (!obj)
		return -ENOMEM;
	ret = do_mmap_pgoff(mm, addr, len, prot, flags, 0, &shmem_anon_vm_ops, obj);
	shmem_object_put(obj);	/* the mapping's own reference keeps it now */
	return ret;
}

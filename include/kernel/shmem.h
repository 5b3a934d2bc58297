/*
 * include/kernel/shmem.h - memory objects shared by several mappings: the
 * pages behind MAP_SHARED|MAP_ANONYMOUS and behind System V shared memory
 * (mm/shmem.c). Pages are allocated on first touch and stay until the object
 * is released.
 */
#ifndef _KERNEL_SHMEM_H
#define _KERNEL_SHMEM_H

#include <kernel/types.h>

struct mm_struct;
struct page;
struct vm_area_struct;

struct shmem_object {
	int count;			/* mappings plus other holders */
	unsigned long npages;
	unsigned long nr_present;	/* pages allocated so far */
	struct page **pages;
};

struct shmem_object *shmem_object_alloc(unsigned long size);
void shmem_object_get(struct shmem_object *obj);
void shmem_object_put(struct shmem_object *obj);
struct page *shmem_object_page(struct shmem_object *obj, unsigned long index);
long shmem_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags);

#endif

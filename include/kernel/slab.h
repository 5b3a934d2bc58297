/* include/kernel/slab.h - kmalloc and kfree over per-size caches (mm/slab.c). */
#ifndef _KERNEL_SLAB_H
#define _KERNEL_SLAB_H

#include <kernel/types.h>

#define KMALLOC_MIN_SIZE	32
#define KMALLOC_MAX_CACHE_SIZE	4096	/* larger requests take whole pages */
#define KMALLOC_MAX_SIZE	(4096UL << 10)	/* the largest block (MAX_ORDER - 1): NULL past it */

void *kmalloc(size_t size, unsigned int gfp);
void *kzalloc(size_t size, unsigned int gfp);
void kfree(const void *p);
size_t ksize(const void *p);
void kmem_cache_init(void);
extern unsigned long kfree_errors;
/* CONFIG_DEBUG_SLAB: check every object's red zones and poison; the damaged ones */
unsigned int kmem_cache_check_all(void);
/* CONFIG_DEBUG_SLAB: the objects of cache i allocated since kmalloc_seq was 'seq' */
extern unsigned long kmalloc_seq;
void kmem_cache_show_since(unsigned int i, unsigned long seq);
/* for the shell's mem command and the tests */
unsigned int kmalloc_cache_count(void);
void kmalloc_cache_info(unsigned int i, size_t *size, unsigned long *objs,
			unsigned long *slabs);

#endif

/*
 * include/kernel/mm.h - physical memory: the direct map, struct page and the
 * buddy page allocator (mm/page_alloc.c, mm/init.c).
 */
#ifndef _KERNEL_MM_H
#define _KERNEL_MM_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/atomic.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_OFFSET	0xC0000000UL
#define MAXMEM		(768UL << 20)	/* what the direct map can cover */
#define MAX_ORDER	11		/* orders 0..10: blocks of 4 KiB to 4 MiB */

#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define __pa(v)		((unsigned long)(v) - PAGE_OFFSET)
#define __va(p)		((void *)((unsigned long)(p) + PAGE_OFFSET))

/* page->flags bits */
#define PG_reserved	0	/* never given to the allocator: kernel image, holes */
#define PG_buddy	1	/* first page of a free block; private = its order */
#define PG_slab		2	/* belongs to a kmalloc cache */
#define PG_head		3	/* first page of a large kmalloc; private = order */

struct kmem_cache;

struct page {
	unsigned long flags;
	atomic_t _count;		/* references; 0 when free (any CPU drops one) */
	unsigned long private;		/* order, for PG_buddy and PG_head */
	struct list_head lru;		/* buddy free list, or the slab's cache list */
	struct kmem_cache *slab_cache;	/* PG_slab: owning cache */
	void *freelist;			/* PG_slab: first free object */
	unsigned int inuse;		/* PG_slab: objects handed out */
};

extern struct page *mem_map;
extern unsigned long max_pfn;		/* frames below this have a struct page */
extern unsigned long totalram_pages;

#define pfn_to_page(pfn)	(mem_map + (pfn))
#define page_to_pfn(page)	((unsigned long)((page) - mem_map))
#define virt_to_page(v)		pfn_to_page(__pa(v) >> PAGE_SHIFT)
#define page_address(page)	__va(page_to_pfn(page) << PAGE_SHIFT)
#define high_memory		((void *)__va(max_pfn << PAGE_SHIFT))

static inline int page_test(const struct page *p, int bit) { return (p->flags >> bit) & 1; }
static inline void page_set(struct page *p, int bit) { p->flags |= 1UL << bit; }
static inline void page_clear(struct page *p, int bit) { p->flags &= ~(1UL << bit); }
static inline int virt_addr_valid(const void *v)
{
	return (unsigned long)v >= PAGE_OFFSET && (unsigned long)v < (unsigned long)high_memory;
}

/* gfp flags */
#define GFP_KERNEL	0x0
#define __GFP_ZERO	0x1

struct page *alloc_pages(unsigned int gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(unsigned int gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
#define free_page(addr)		free_pages(addr, 0)
#define __free_page(page)	__free_pages(page, 0)
unsigned long get_zeroed_page(unsigned int gfp);

static inline void get_page(struct page *page) { atomic_inc(&page->_count); }
void put_page(struct page *page);
static inline int page_count(const struct page *page) { return atomic_read(&page->_count); }

unsigned long nr_free_pages(void);
extern unsigned long bad_page_frees;
unsigned long nr_free_blocks(unsigned int order);
void free_area_init(void);
void free_bootmem_range(unsigned long start_pfn, unsigned long end_pfn);

/* mm/init.c */
struct multiboot_info;
void mem_init(const struct multiboot_info *mbi);
void show_mem(void);

#endif

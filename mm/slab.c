/*
 * mm/slab.c - kmalloc: one cache per power-of-two size from 32 to 4096 bytes
 * (Linux: mm/slab.c, reduced to what a uniprocessor needs). A slab is one
 * page cut into equal objects; its struct page records the cache, the free
 * list and the number in use. Free objects are chained through their first
 * word and marked with a poison in their second, which is how kfree catches
 * a double free. A slab that empties goes straight back to the page
 * allocator, so free page counts return exactly to their baseline.
 * Requests over 4096 bytes take whole pages (PG_head, order in private).
 */
#include <kernel/slab.h>
#include <kernel/mm.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#define NR_KMALLOC_CACHES 8		/* 32, 64, ..., 4096 */
#define POISON_FREE 0x6b6b6b6bUL

struct kmem_cache {
	size_t size;
	unsigned int per_slab;
	struct list_head partial;	/* slabs with at least one free object */
	unsigned long nr_slabs;
	unsigned long nr_objs;		/* objects in use */
};

static struct kmem_cache kmalloc_caches[NR_KMALLOC_CACHES];

void kmem_cache_init(void)
{
	for (int i = 0; i < NR_KMALLOC_CACHES; i++) {
		struct kmem_cache *c = &kmalloc_caches[i];

		c->size = KMALLOC_MIN_SIZE << i;
		c->per_slab = PAGE_SIZE / c->size;
		INIT_LIST_HEAD(&c->partial);
	}
}

static struct kmem_cache *size_to_cache(size_t size)
{
	int i = 0;

	while ((size_t)(KMALLOC_MIN_SIZE << i) < size)
		i++;
	return &kmalloc_caches[i];
}

static struct page *new_slab(struct kmem_cache *c)
{
	struct page *page = alloc_page(GFP_KERNEL);
	char *base;

	if (!page)
		return NULL;
	page_set(page, PG_slab);
	page->slab_cache = c;
	page->inuse = 0;
	base = page_address(page);
	page->freelist = NULL;
	for (int i = c->per_slab - 1; i >= 0; i--) {
		unsigned long *obj = (unsigned long *)(base + i * c->size);

		obj[0] = (unsigned long)page->freelist;
		obj[1] = POISON_FREE;
		page->freelist = obj;
	}
	list_add(&page->lru, &c->partial);
	c->nr_slabs++;
	return page;
}

static void *cache_alloc(struct kmem_cache *c)
{
	unsigned long flags = local_irq_save();
	struct page *page;
	unsigned long *obj = NULL;

	if (list_empty(&c->partial) && !new_slab(c))
		goto out;
	page = list_first_entry(&c->partial, struct page, lru);
	obj = page->freelist;
	page->freelist = (void *)obj[0];
	obj[1] = 0;
	page->inuse++;
	c->nr_objs++;
	if (!page->freelist)
		list_del_init(&page->lru);	/* full: off the partial list */
out:
	local_irq_restore(flags);
	return obj;
}

void *kmalloc(size_t size, unsigned int gfp)
{
	void *p;

	if (!size)
		return NULL;
	if (size > KMALLOC_MAX_CACHE_SIZE) {
		unsigned int order = 0;
		struct page *page;

		while ((PAGE_SIZE << order) < size)
			order++;
		page = alloc_pages(gfp, order);
		if (!page)
			return NULL;
		page_set(page, PG_head);
		page->private = order;
		return page_address(page);
	}
	p = cache_alloc(size_to_cache(size));
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kzalloc(size_t size, unsigned int gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

unsigned long kfree_errors;	/* bad kfree calls caught, for the tests */

static void bad_kfree(const void *p, const char *why)
{
	kfree_errors++;
	printk(KERN_ERR "kfree(%p): %s\n", p, why);
	dump_stack();
}

static int on_freelist(struct page *page, const void *obj)
{
	unsigned int n = 0;

	for (unsigned long *f = page->freelist; f && n <= page->slab_cache->per_slab;
	     f = (unsigned long *)f[0], n++)
		if (f == obj)
			return 1;
	return 0;
}

void kfree(const void *p)
{
	struct page *page;
	struct kmem_cache *c;
	unsigned long *obj = (unsigned long *)p;
	unsigned long flags;

	if (!p)
		return;
	if (!virt_addr_valid(p)) {
		bad_kfree(p, "not a kmalloc address");
		return;
	}
	page = virt_to_page(p);
	if (page_test(page, PG_head)) {
		if ((unsigned long)p & ~PAGE_MASK) {
			bad_kfree(p, "pointer inside a large allocation");
			return;
		}
		page_clear(page, PG_head);
		__free_pages(page, page->private);
		return;
	}
	if (!page_test(page, PG_slab)) {
		bad_kfree(p, "kmalloc never returned this pointer");
		return;
	}
	c = page->slab_cache;
	if (((unsigned long)p - (unsigned long)page_address(page)) % c->size) {
		bad_kfree(p, "pointer inside an object");
		return;
	}
	flags = local_irq_save();
	if (obj[1] == POISON_FREE && on_freelist(page, obj)) {
		local_irq_restore(flags);
		bad_kfree(p, "double free");
		return;
	}
	if (!page->freelist)
		list_add(&page->lru, &c->partial);	/* was full */
	obj[0] = (unsigned long)page->freelist;
	obj[1] = POISON_FREE;
	page->freelist = obj;
	page->inuse--;
	c->nr_objs--;
	if (!page->inuse) {
		list_del(&page->lru);
		page_clear(page, PG_slab);
		page->slab_cache = NULL;
		page->freelist = NULL;
		c->nr_slabs--;
		__free_pages(page, 0);
	}
	local_irq_restore(flags);
}

size_t ksize(const void *p)
{
	struct page *page;

	if (!p || !virt_addr_valid(p))
		return 0;
	page = virt_to_page(p);
	if (page_test(page, PG_head))
		return PAGE_SIZE << page->private;
	return page_test(page, PG_slab) ? page->slab_cache->size : 0;
}

unsigned int kmalloc_cache_count(void)
{
	return NR_KMALLOC_CACHES;
}

void kmalloc_cache_info(unsigned int i, size_t *size, unsigned long *objs,
			unsigned long *slabs)
{
	*size = kmalloc_caches[i].size;
	*objs = kmalloc_caches[i].nr_objs;
	*slabs = kmalloc_caches[i].nr_slabs;
}

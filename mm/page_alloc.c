/*
 * mm/page_alloc.c - the buddy page allocator (Linux: mm/page_alloc.c). Free
 * memory is kept in blocks of 2^order pages, order 0..MAX_ORDER-1, one list
 * per order. Allocation splits a larger block when its own list is empty;
 * freeing merges a block with its buddy (the block whose index differs only
 * in bit 'order') for as long as the buddy is free and of the same order.
 *
 * CONFIG_PAGE_POISONING (make DEBUG=1; Linux: mm/debug-pagealloc.c of 2.6.30,
 * mm/page_poison.c today) fills every free page with PAGE_POISON and checks
 * a block when it is allocated again: a write into a freed page is reported
 * with the page and the first bad offset. The direct map is made of 4 MiB
 * pages, so freed pages cannot be unmapped as DEBUG_PAGEALLOC does on x86.
 *
 * SMP: zone_lock (2.6's zone->lock; there is one zone) guards the free
 * lists and free_pages_count, from any CPU and context, interrupts off. It
 * is the innermost lock of the kernel: nothing is taken under it. A page's
 * reference count is atomic, so only the last put_page frees it.
 */
#include <kernel/mm.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/spinlock.h>

#ifdef CONFIG_PAGE_POISONING
#define PAGE_POISON 0xaa

static void poison_pages(struct page *page, unsigned int order)
{
	memset(page_address(page), PAGE_POISON, PAGE_SIZE << order);
}

/* report the first page of the block whose poison was written over, then repair it */
static void check_poison(struct page *page, unsigned int order)
{
	const u32 want = PAGE_POISON * 0x01010101U;

	for (unsigned long i = 0; i < (1UL << order); i++) {
		const u32 *w = page_address(page + i);
		const u8 *b = (const u8 *)w;
		unsigned int off = 0;

		while (off < PAGE_SIZE / 4 && w[off] == want)
			off++;
		if (off == PAGE_SIZE / 4)
			continue;
		off *= 4;
		while (b[off] == PAGE_POISON)
			off++;
		debug_report("page-poison", "page poison overwritten: pfn %lu (%p), a free page, "
			     "at offset %u: %02x, should be %02x", page_to_pfn(page + i),
			     page_address(page + i), off, b[off], PAGE_POISON);
		printk(KERN_ERR "  found when a block of order %u was allocated\n", order);
		dump_stack();
		memset((void *)b, PAGE_POISON, PAGE_SIZE);
	}
}
#endif

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks on the list */
};

static struct free_area free_area[MAX_ORDER];
static DEFINE_SPINLOCK(zone_lock);
static unsigned long free_pages_count;

struct page *mem_map;
unsigned long max_pfn;
unsigned long totalram_pages;

void free_area_init(void)
{
	for (int i = 0; i < MAX_ORDER; i++) {
		INIT_LIST_HEAD(&free_area[i].free_list);
		free_area[i].nr_free = 0;
	}
}

static inline void set_page_order(struct page *page, unsigned int order)
{
	page->private = order;
	page_set(page, PG_buddy);
}

static inline void rmv_page_order(struct page *page)
{
	page_clear(page, PG_buddy);
	page->private = 0;
}

/* is 'buddy' the head of a free block of exactly this order? */
static inline int page_is_buddy(struct page *buddy, unsigned int order)
{
	return page_test(buddy, PG_buddy) && buddy->private == order;
}

/* caller has interrupts off */
static void __free_one_page(struct page *page, unsigned int order)
{
	unsigned long idx = page_to_pfn(page);

	free_pages_count += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_idx = idx ^ (1UL << order);
		struct page *buddy;

		if (buddy_idx >= max_pfn)
			break;
		buddy = pfn_to_page(buddy_idx);
		if (!page_is_buddy(buddy, order))
			break;
		list_del(&buddy->lru);
		free_area[order].nr_free--;
		rmv_page_order(buddy);
		idx &= ~(1UL << order);		/* the merged block starts at the lower half */
		order++;
	}
	page = pfn_to_page(idx);
	set_page_order(page, order);
	list_add(&page->lru, &free_area[order].free_list);
	free_area[order].nr_free++;
}

/* take a block of 'order', splitting a bigger one if needed; irqs off */
static struct page *__rmqueue(unsigned int order)
{
	for (unsigned int cur = order; cur < MAX_ORDER; cur++) {
		struct free_area *area = &free_area[cur];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		list_del(&page->lru);
		rmv_page_order(page);
		area->nr_free--;
		/* give back the upper halves we do not need: 'expand' in Linux */
		while (cur > order) {
			struct page *half;

			cur--;
			half = page + (1UL << cur);
			set_page_order(half, cur);
			list_add(&half->lru, &free_area[cur].free_list);
			free_area[cur].nr_free++;
		}
		free_pages_count -= 1UL << order;
		return page;
	}
	return NULL;
}

struct page *alloc_pages(unsigned int gfp, unsigned int order)
{
	unsigned long flags;
	struct page *page;

	if (order >= MAX_ORDER)
		return NULL;
	spin_lock_irqsave(&zone_lock, flags);
	page = __rmqueue(order);
	spin_unlock_irqrestore(&zone_lock, flags);
	if (!page)
		return NULL;
	atomic_set(&page->_count, 1);
#ifdef CONFIG_PAGE_POISONING
	check_poison(page, order);
#endif
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

unsigned long bad_page_frees;	/* caught by __free_pages, for the tests */

static int bad_free(struct page *page, const char *why)
{
	bad_page_frees++;
#ifdef CONFIG_PAGE_POISONING
	debug_report("bad-page-free", "free_pages: %s (pfn %lu, flags %lx, count %d)", why,
		     page_to_pfn(page), page->flags, atomic_read(&page->_count));
#else
	printk(KERN_ERR "free_pages: %s (pfn %lu, flags %lx, count %d)\n", why,
	       page_to_pfn(page), page->flags, atomic_read(&page->_count));
#endif
	dump_stack();
	return 1;
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long flags;

	if (page_to_pfn(page) >= max_pfn || order >= MAX_ORDER) {
		bad_free(page, "page outside memory");
		return;
	}
	if (page_test(page, PG_buddy) || atomic_read(&page->_count) <= 0) {
		bad_free(page, "page already free");
		return;
	}
	if (page_test(page, PG_reserved)) {
		bad_free(page, "freeing a reserved page");
		return;
	}
	if (!atomic_dec_and_test(&page->_count))
		return;
	page->flags = 0;
#ifdef CONFIG_PAGE_POISONING
	poison_pages(page, order);
#endif
	spin_lock_irqsave(&zone_lock, flags);
	__free_one_page(page, order);
	spin_unlock_irqrestore(&zone_lock, flags);
}

void put_page(struct page *page)
{
	__free_pages(page, 0);
}

unsigned long __get_free_pages(unsigned int gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(unsigned int gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (!virt_addr_valid((void *)addr) || (addr & ~PAGE_MASK)) {
#ifdef CONFIG_PAGE_POISONING
		debug_report("bad-page-free", "free_pages: bad address %08lx", addr);
#else
		printk(KERN_ERR "free_pages: bad address %08lx\n", addr);
#endif
		dump_stack();
		return;
	}
	__free_pages(virt_to_page(addr), order);
}

/* hand a range of boot-time free frames to the allocator, largest blocks first */
void free_bootmem_range(unsigned long start, unsigned long end)
{
	unsigned long flags;

	spin_lock_irqsave(&zone_lock, flags);
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		while (order && ((start & ((1UL << order) - 1)) || start + (1UL << order) > end))
			order--;
		for (unsigned long i = 0; i < (1UL << order); i++) {
			pfn_to_page(start + i)->flags = 0;
			atomic_set(&pfn_to_page(start + i)->_count, 0);
		}
#ifdef CONFIG_PAGE_POISONING
		poison_pages(pfn_to_page(start), order);
#endif
		__free_one_page(pfn_to_page(start), order);
		totalram_pages += 1UL << order;
		start += 1UL << order;
	}
	spin_unlock_irqrestore(&zone_lock, flags);
}

unsigned long nr_free_pages(void)
{
	return free_pages_count;
}

unsigned long nr_free_blocks(unsigned int order)
{
	return order < MAX_ORDER ? free_area[order].nr_free : 0;
}

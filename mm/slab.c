/*
 * mm/slab.c - kmalloc: one cache per power-of-two size from 32 to 4096 bytes
 * (Linux: mm/slab.c, without its per-CPU object arrays). A slab is one
 * page cut into equal objects; its struct page records the cache, the free
 * list and the number in use. Free objects are chained through their first
 * word and marked with a poison in their second, which is how kfree catches
 * a double free. A slab that empties goes straight back to the page
 * allocator, so free page counts return exactly to their baseline.
 * Requests over 4096 bytes take whole pages (PG_head, order in private).
 * SMP: each cache's list_lock (2.6's kmem_list3 list_lock) guards its slab
 * lists, the free lists of its slabs and its counts, taken with interrupts
 * off from any CPU and context; it is taken before zone->lock (a new or
 * emptied slab goes to or from the page allocator under it).
 *
 * CONFIG_DEBUG_SLAB (make DEBUG=1; Linux: the DEBUG part of mm/slab.c) puts
 * a track record and a red zone before each object and a red zone after
 * it, fills the bytes between the size asked for and the cache's size with
 * a red-zone pattern too, and poisons freed objects: an overrun, an
 * underrun or a write after free is reported at kfree, at the next
 * allocation of the object, by a check of every object every 2 s and by the
 * shell's debugcheck, with the cache, the call sites that allocated and
 * freed the object and a backtrace; a double free is reported and ignored.
 */
#include <kernel/slab.h>
#include <kernel/mm.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>

#define NR_KMALLOC_CACHES 8		/* 32, 64, ..., 4096 */
#define POISON_FREE 0x6b6b6b6bUL

struct kmem_cache {
	const char *name;
	size_t size;
	unsigned int per_slab;
	spinlock_t list_lock;		/* the lists, the slabs' free lists, the counts */
	struct list_head partial;	/* slabs with at least one free object */
	unsigned long nr_slabs;
	unsigned long nr_objs;		/* objects in use */
#ifdef CONFIG_DEBUG_SLAB
	size_t stride;			/* track + red zones + object */
	unsigned int order;		/* a slab is 2^order pages */
	struct list_head full;		/* so that the checks see every slab */
#endif
};

static struct kmem_cache kmalloc_caches[NR_KMALLOC_CACHES];
static const char *const cache_names[NR_KMALLOC_CACHES] = {
	"kmalloc-32", "kmalloc-64", "kmalloc-128", "kmalloc-256",
	"kmalloc-512", "kmalloc-1024", "kmalloc-2048", "kmalloc-4096",
};

#ifdef CONFIG_DEBUG_SLAB
static void slab_debug_init(struct kmem_cache *c);
#endif

void kmem_cache_init(void)
{
	for (int i = 0; i < NR_KMALLOC_CACHES; i++) {
		struct kmem_cache *c = &kmalloc_caches[i];

		c->name = cache_names[i];
		c->size = KMALLOC_MIN_SIZE << i;
		c->per_slab = PAGE_SIZE / c->size;
		spin_lock_init(&c->list_lock);
#if CONFIG_DEBUG_SPINLOCK
		c->list_lock.name = c->name;
#endif
		INIT_LIST_HEAD(&c->partial);
#ifdef CONFIG_DEBUG_SLAB
		slab_debug_init(c);
#endif
	}
}

static struct kmem_cache *size_to_cache(size_t size)
{
	int i = 0;

	while ((size_t)(KMALLOC_MIN_SIZE << i) < size)
		i++;
	return &kmalloc_caches[i];
}

#ifndef CONFIG_DEBUG_SLAB
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
	unsigned long flags;
	struct page *page;
	unsigned long *obj = NULL;

	spin_lock_irqsave(&c->list_lock, flags);
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
	spin_unlock_irqrestore(&c->list_lock, flags);
	return obj;
}
#endif

#ifdef CONFIG_DEBUG_SLAB
static void *dbg_cache_alloc(struct kmem_cache *c, size_t size, const unsigned long *sites);
static void dbg_cache_free(struct page *page, struct kmem_cache *c, const void *p,
			   const unsigned long *sites);
static void dbg_ksize(struct kmem_cache *c, const void *p);
/* the call sites go with the object: kmalloc's and kfree's callers, and theirs */
#define SLAB_SITES(s) unsigned long s[2]; save_call_sites(s, 2)
#else
#define SLAB_SITES(s) const unsigned long *s = NULL
#endif

static void *__kmalloc(size_t size, unsigned int gfp, const unsigned long *sites)
{
	void *p;

	(void)sites;
	if (!size)
		return NULL;
	if (size > KMALLOC_MAX_CACHE_SIZE) {
		unsigned int order = 0;
		struct page *page;

		/* past the largest block: NULL, before the shift below overflows and never ends */
		if (size > KMALLOC_MAX_SIZE)
			return NULL;
		while ((PAGE_SIZE << order) < size)
			order++;
		page = alloc_pages(gfp, order);
		if (!page)
			return NULL;
		page_set(page, PG_head);
		page->private = order;
		return page_address(page);
	}
#ifdef CONFIG_DEBUG_SLAB
	p = dbg_cache_alloc(size_to_cache(size), size, sites);
#else
	p = cache_alloc(size_to_cache(size));
#endif
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kmalloc(size_t size, unsigned int gfp)
{
	SLAB_SITES(sites);

	return __kmalloc(size, gfp, sites);
}

void *kzalloc(size_t size, unsigned int gfp)
{
	SLAB_SITES(sites);

	return __kmalloc(size, gfp | __GFP_ZERO, sites);
}

unsigned long kfree_errors;	/* bad kfree calls caught, for the tests */

static void bad_kfree(const void *p, const char *why)
{
	kfree_errors++;
#ifdef CONFIG_DEBUG_SLAB
	debug_report("kfree-bad-pointer", "kfree(%p): %s", p, why);
#else
	printk(KERN_ERR "kfree(%p): %s\n", p, why);
#endif
	dump_stack();
}

/* a slab's last object is back: its pages return to the buddy allocator */
static void slab_free_empty(struct kmem_cache *c, struct page *page, unsigned int order)
{
	list_del(&page->lru);
	page_clear(page, PG_slab);
	page->slab_cache = NULL;
	page->freelist = NULL;
	c->nr_slabs--;
	__free_pages(page, order);
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
#ifdef CONFIG_DEBUG_SLAB
	{
		SLAB_SITES(sites);

		dbg_cache_free(page, c, p, sites);
		return;
	}
#endif
	if (((unsigned long)p - (unsigned long)page_address(page)) % c->size) {
		bad_kfree(p, "pointer inside an object");
		return;
	}
	spin_lock_irqsave(&c->list_lock, flags);
	if (obj[1] == POISON_FREE && on_freelist(page, obj)) {
		spin_unlock_irqrestore(&c->list_lock, flags);
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
	if (!page->inuse)
		slab_free_empty(c, page, 0);
	spin_unlock_irqrestore(&c->list_lock, flags);
}

size_t ksize(const void *p)
{
	struct page *page;

	if (!p || !virt_addr_valid(p))
		return 0;
	page = virt_to_page(p);
	if (page_test(page, PG_head))
		return PAGE_SIZE << page->private;
	if (!page_test(page, PG_slab))
		return 0;
#ifdef CONFIG_DEBUG_SLAB
	dbg_ksize(page->slab_cache, p);
#endif
	return page->slab_cache->size;
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

#ifdef CONFIG_DEBUG_SLAB
/*
 * The debug layout of one object's slot, 16-byte aligned as the objects of
 * the plain kernel are (fxsave in task_struct needs it):
 *
 *	struct slab_track | object: 'size' bytes | red zone: 16 bytes
 *
 * The track ends in the red zone before the object. Red zones hold
 * RED_ACTIVE while the object is handed out and RED_INACTIVE while it is
 * free; bytes past the size asked for hold SLACK_ACTIVE; a free object is
 * POISON_FREE bytes ending in POISON_END, so its free-list link lives in
 * the track (Linux's values, include/linux/poison.h).
 */
#define RED_INACTIVE	0x09F911029D74E35BULL
#define RED_ACTIVE	0xD84156C5635688C0ULL
#define POISON_INUSE	0x5a	/* a fresh object: reads of what was never written stand out */
#define POISON_FREEB	0x6b
#define POISON_END	0xa5
#define SLACK_ACTIVE	0xcc	/* between the size asked for and the cache's size */
#define SLAB_CHECK_INTERVAL (2 * HZ)

struct slab_track {
	unsigned long alloc_ip[2];	/* kmalloc's caller, and its caller */
	unsigned long free_ip[2];	/* kfree's, once freed */
	void *next_free;		/* the free list, outside the poisoned bytes */
	u16 req;			/* bytes asked for */
	u16 pid;			/* who allocated, or freed, last */
	unsigned long seq;		/* kmalloc_seq when it was allocated */
	unsigned long pad[3];		/* the object stays 16-byte aligned */
	u64 redzone1;
};
_Static_assert(sizeof(struct slab_track) % 16 == 0, "objects must stay 16-byte aligned");

struct slab_tail {
	u64 redzone2, redzone3;
};

#define TRACK_SIZE sizeof(struct slab_track)

static struct timer_list slab_check_timer;
unsigned long kmalloc_seq;	/* allocations so far: "new since" for leak reports */

static inline struct slab_track *obj_track(const void *obj)
{
	return (struct slab_track *)((char *)obj - TRACK_SIZE);
}

static inline struct slab_tail *obj_tail(struct kmem_cache *c, const void *obj)
{
	return (struct slab_tail *)((char *)obj + c->size);
}

static inline void *slot_obj(struct kmem_cache *c, struct page *page, unsigned int i)
{
	return (char *)page_address(page) + i * c->stride + TRACK_SIZE;
}

static void slab_check_tick(unsigned long unused);

static void slab_debug_init(struct kmem_cache *c)
{
	c->stride = TRACK_SIZE + c->size + sizeof(struct slab_tail);
	c->order = c->stride > PAGE_SIZE;
	c->per_slab = (PAGE_SIZE << c->order) / c->stride;
	INIT_LIST_HEAD(&c->full);
	if (c == &kmalloc_caches[0]) {
		setup_timer(&slab_check_timer, slab_check_tick, 0);
		mod_timer(&slab_check_timer, jiffies + SLAB_CHECK_INTERVAL);
	}
}

static void set_redzones(struct kmem_cache *c, void *obj, u64 v)
{
	obj_track(obj)->redzone1 = v;
	obj_tail(c, obj)->redzone2 = v;
	obj_tail(c, obj)->redzone3 = v;
}

static void poison_obj(struct kmem_cache *c, void *obj)
{
	memset(obj, POISON_FREEB, c->size - 1);
	((u8 *)obj)[c->size - 1] = POISON_END;
}

static void print_sites(const char *what, const unsigned long *ips)
{
	if (!ips[0])
		return;
	print_ip_sym(what, ips[0]);
	if (ips[1])
		print_ip_sym("              called from", ips[1]);
}

/* the report: what went wrong with which object, who allocated and freed it */
static void slab_report(struct kmem_cache *c, const void *obj, const char *kind,
			const char *what, long bad, unsigned int got, unsigned int want)
{
	struct slab_track *t = obj_track(obj);

	debug_report(kind, "%s: %s: object %p (%u bytes asked)", c->name, what, obj, t->req);
	if (bad >= 0)
		printk(KERN_ERR "  first bad byte at object+%ld: %02x, should be %02x\n", bad, got, want);
	printk(KERN_ERR "  last owner pid %u\n", t->pid);
	print_sites("  allocated by", t->alloc_ip);
	print_sites("  freed by    ", t->free_ip);
	dump_stack();
}

static long first_not(const u8 *p, size_t from, size_t to, u8 v)
{
	for (size_t i = from; i < to; i++)
		if (p[i] != v)
			return i;
	return -1;
}

/* a red zone word that is neither state: the byte offset of its first bad byte */
static long bad_redzone(struct kmem_cache *c, const void *obj, u64 want)
{
	struct slab_tail *tail = obj_tail(c, obj);

	if (obj_track(obj)->redzone1 != want)
		return -1 - (long)sizeof(u64);	/* before the object */
	if (tail->redzone2 != want || tail->redzone3 != want)
		return c->size;
	return 0;
}

/*
 * An object in use: both red zones and the slack after the size asked for.
 * Returns 1 when it found damage (reported, then repaired, so once only).
 */
static int check_inuse(struct kmem_cache *c, void *obj, const char *when)
{
	struct slab_track *t = obj_track(obj);
	long bad = bad_redzone(c, obj, RED_ACTIVE), slack;
	char what[80];

	if (bad < 0) {
		snprintf(what, sizeof(what), "red zone before the object overwritten (%s)", when);
		slab_report(c, obj, "slab-underrun", what, -1, 0, 0);
	} else if (bad) {
		snprintf(what, sizeof(what), "red zone after the object overwritten (%s)", when);
		slab_report(c, obj, "slab-overrun", what, -1, 0, 0);
	}
	slack = first_not(obj, t->req, c->size, SLACK_ACTIVE);
	if (slack >= 0) {
		snprintf(what, sizeof(what), "write past the %u bytes asked for (%s)", t->req, when);
		slab_report(c, obj, "slab-overrun", what, slack, ((u8 *)obj)[slack], SLACK_ACTIVE);
		memset((u8 *)obj + t->req, SLACK_ACTIVE, c->size - t->req);
	}
	if (bad)
		set_redzones(c, obj, RED_ACTIVE);
	return bad || slack >= 0;
}

/* a free object: red zones inactive, every byte still poison */
static int check_free(struct kmem_cache *c, void *obj, const char *when)
{
	long bad = first_not(obj, 0, c->size - 1, POISON_FREEB);
	long zone = bad_redzone(c, obj, RED_INACTIVE);
	char what[80];

	if (bad < 0 && ((u8 *)obj)[c->size - 1] != POISON_END)
		bad = c->size - 1;
	if (bad >= 0) {
		snprintf(what, sizeof(what), "write after free (%s)", when);
		slab_report(c, obj, "slab-use-after-free", what, bad, ((u8 *)obj)[bad],
			    bad == (long)c->size - 1 ? POISON_END : POISON_FREEB);
		poison_obj(c, obj);
	}
	if (zone) {
		snprintf(what, sizeof(what), "red zone %s a free object overwritten (%s)",
			 zone < 0 ? "before" : "after", when);
		slab_report(c, obj, zone < 0 ? "slab-underrun" : "slab-overrun", what, -1, 0, 0);
		set_redzones(c, obj, RED_INACTIVE);
	}
	return bad >= 0 || zone;
}

static struct page *dbg_new_slab(struct kmem_cache *c)
{
	struct page *page = alloc_pages(GFP_KERNEL, c->order);

	if (!page)
		return NULL;
	page_set(page, PG_slab);
	page->slab_cache = c;
	page->inuse = 0;
	page->freelist = NULL;
	for (int i = c->per_slab - 1; i >= 0; i--) {
		void *obj = slot_obj(c, page, i);
		struct slab_track *t = obj_track(obj);

		memset(t, 0, sizeof(*t));
		t->next_free = page->freelist;
		poison_obj(c, obj);
		set_redzones(c, obj, RED_INACTIVE);
		page->freelist = obj;
	}
	list_add(&page->lru, &c->partial);
	c->nr_slabs++;
	return page;
}

static void *dbg_cache_alloc(struct kmem_cache *c, size_t size, const unsigned long *sites)
{
	unsigned long flags;
	struct slab_track *t;
	struct page *page;
	void *obj = NULL;

	spin_lock_irqsave(&c->list_lock, flags);
	if (list_empty(&c->partial) && !dbg_new_slab(c))
		goto out;
	page = list_first_entry(&c->partial, struct page, lru);
	obj = page->freelist;
	t = obj_track(obj);
	page->freelist = t->next_free;
	check_free(c, obj, "found when it was allocated again");
	t->next_free = NULL;
	t->req = size;
	t->pid = current->pid;
	t->seq = ++kmalloc_seq;
	t->alloc_ip[0] = sites[0];
	t->alloc_ip[1] = sites[1];
	t->free_ip[0] = t->free_ip[1] = 0;
	set_redzones(c, obj, RED_ACTIVE);
	memset(obj, POISON_INUSE, size);
	memset((u8 *)obj + size, SLACK_ACTIVE, c->size - size);
	page->inuse++;
	c->nr_objs++;
	if (!page->freelist)
		list_move_tail(&page->lru, &c->full);
out:
	spin_unlock_irqrestore(&c->list_lock, flags);
	return obj;
}

static void dbg_cache_free(struct page *page, struct kmem_cache *c, const void *p,
			   const unsigned long *sites)
{
	unsigned long off = (unsigned long)p - (unsigned long)page_address(page);
	void *obj = (void *)p;
	struct slab_track *t = obj_track(obj);
	unsigned long flags;

	if (off < TRACK_SIZE || (off - TRACK_SIZE) % c->stride ||
	    (off - TRACK_SIZE) / c->stride >= c->per_slab) {
		kfree_errors++;
		debug_report("kfree-bad-pointer", "%s: kfree(%p): pointer inside an object",
			     c->name, p);
		dump_stack();
		return;
	}
	spin_lock_irqsave(&c->list_lock, flags);
	if (t->redzone1 == RED_INACTIVE && obj_tail(c, obj)->redzone2 == RED_INACTIVE) {
		spin_unlock_irqrestore(&c->list_lock, flags);
		kfree_errors++;
		slab_report(c, obj, "slab-double-free", "double free", -1, 0, 0);
		return;
	}
	check_inuse(c, obj, "found by kfree");
	t->free_ip[0] = sites[0];
	t->free_ip[1] = sites[1];
	t->pid = current->pid;
	poison_obj(c, obj);
	set_redzones(c, obj, RED_INACTIVE);
	if (!page->freelist)
		list_move(&page->lru, &c->partial);	/* was full */
	t->next_free = page->freelist;
	page->freelist = obj;
	page->inuse--;
	c->nr_objs--;
	if (!page->inuse)
		slab_free_empty(c, page, c->order);
	spin_unlock_irqrestore(&c->list_lock, flags);
}

/* ksize hands the caller the whole object: the slack is its to use */
static void dbg_ksize(struct kmem_cache *c, const void *p)
{
	struct slab_track *t = obj_track(p);

	if (t->redzone1 == RED_ACTIVE)
		t->req = c->size;
}

static unsigned int check_slab(struct kmem_cache *c, struct page *page)
{
	unsigned int found = 0;

	for (unsigned int i = 0; i < c->per_slab; i++) {
		void *obj = slot_obj(c, page, i);

		if (obj_track(obj)->redzone1 == RED_ACTIVE)
			found += check_inuse(c, obj, "found by the slab check");
		else
			found += check_free(c, obj, "found by the slab check");
	}
	return found;
}

/* every object of every cache; returns how many were damaged */
unsigned int kmem_cache_check_all(void)
{
	unsigned int found = 0;

	for (int i = 0; i < NR_KMALLOC_CACHES; i++) {
		struct kmem_cache *c = &kmalloc_caches[i];
		unsigned long flags;
		struct page *page;

		spin_lock_irqsave(&c->list_lock, flags);
		list_for_each_entry(page, &c->partial, lru)
			found += check_slab(c, page);
		list_for_each_entry(page, &c->full, lru)
			found += check_slab(c, page);
		spin_unlock_irqrestore(&c->list_lock, flags);
	}
	return found;
}

/* the objects of cache i still in use that were allocated after 'seq': who made them */
void kmem_cache_show_since(unsigned int i, unsigned long seq)
{
	struct kmem_cache *c = &kmalloc_caches[i];
	unsigned long flags;
	struct list_head *lists[2] = { &c->partial, &c->full };
	int shown = 0;

	spin_lock_irqsave(&c->list_lock, flags);
	for (int l = 0; l < 2; l++) {
		struct page *page;

		list_for_each_entry(page, lists[l], lru)
			for (unsigned int j = 0; j < c->per_slab && shown < 8; j++) {
				void *obj = slot_obj(c, page, j);
				struct slab_track *t = obj_track(obj);

				if (t->redzone1 != RED_ACTIVE || (long)(t->seq - seq) <= 0)
					continue;
				printk(KERN_ERR "  %s object %p (%u bytes), pid %u, still in use:\n",
				       c->name, obj, t->req, t->pid);
				print_sites("    allocated by", t->alloc_ip);
				shown++;
			}
	}
	spin_unlock_irqrestore(&c->list_lock, flags);
}

/* every 2 s, as Linux's cache_reap timer: damage nobody freed is found too */
static void slab_check_tick(unsigned long unused)
{
	(void)unused;
	kmem_cache_check_all();
	mod_timer(&slab_check_timer, jiffies + SLAB_CHECK_INTERVAL);
}
#else
unsigned int kmem_cache_check_all(void)
{
	return 0;
}

unsigned long kmalloc_seq;

void kmem_cache_show_since(unsigned int i, unsigned long seq)
{
	(void)i;
	(void)seq;
}
#endif

/*
 * mm/init.c - bring up physical memory from the Multiboot memory map (Linux:
 * arch/i386/mm/init.c and mm/bootmem.c): find RAM, map it at PAGE_OFFSET,
 * place the struct page array, and give every usable frame that is not the
 * first MiB, the kernel image, a module or mem_map itself to the buddy
 * allocator.
 */
#include <kernel/mm.h>
#include <kernel/boot.h>
#include <kernel/multiboot.h>
#include <kernel/pgtable.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#define LOW_RESERVED	(1UL << 20)	/* BIOS, VGA, the loader's data */
#define MIN_MEMORY	(8UL << 20)

struct range {
	unsigned long start, end;	/* pfns, [start, end) */
};

static struct range reserved[MAX_BOOT_MODULES + 3];
static int nr_reserved;

static void reserve(unsigned long start_addr, unsigned long end_addr)
{
	reserved[nr_reserved].start = start_addr >> PAGE_SHIFT;
	reserved[nr_reserved].end = PAGE_ALIGN(end_addr) >> PAGE_SHIFT;
	nr_reserved++;
}

static int pfn_reserved(unsigned long pfn)
{
	for (int i = 0; i < nr_reserved; i++)
		if (pfn >= reserved[i].start && pfn < reserved[i].end)
			return 1;
	return 0;
}

#define for_each_mmap_entry(e, mbi)					\
	for (e = __va((mbi)->mmap_addr);				\
	     (unsigned long)e < (unsigned long)__va((mbi)->mmap_addr) + (mbi)->mmap_length; \
	     e = (void *)((char *)e + e->size + 4))

/* usable RAM clipped to what the direct map covers, as a pfn range */
static int usable_range(const struct multiboot_mmap_entry *e, struct range *r)
{
	u64 start = e->addr, end = e->addr + e->len;

	if (e->type != MULTIBOOT_MEMORY_AVAILABLE || start >= MAXMEM)
		return 0;
	if (end > MAXMEM)
		end = MAXMEM;
	r->start = PAGE_ALIGN((unsigned long)start) >> PAGE_SHIFT;
	r->end = (unsigned long)end >> PAGE_SHIFT;
	return r->start < r->end;
}

void mem_init(const struct multiboot_info *mbi)
{
	const struct multiboot_mmap_entry *e;
	unsigned long top = 0, total = 0, above_1m = 0, kernel_end, map_bytes;
	unsigned long map_start = 0;
	struct range r;

	if (!(mbi->flags & MULTIBOOT_INFO_MEM_MAP))
		panic("mem_init: the boot loader gave no memory map");

	for_each_mmap_entry(e, mbi) {
		if (!usable_range(e, &r))
			continue;
		total += (r.end - r.start) << PAGE_SHIFT;
		if ((r.end << PAGE_SHIFT) > LOW_RESERVED)
			above_1m += (r.end << PAGE_SHIFT) - max(r.start << PAGE_SHIFT, LOW_RESERVED);
		if (r.end > top)
			top = r.end;
	}
	if (!above_1m)
		panic("mem_init: no usable memory above 1 MiB in the memory map");
	if (total < MIN_MEMORY)
		panic("mem_init: only %lu KiB of usable memory; this kernel needs at least %lu MiB",
		      total >> 10, MIN_MEMORY >> 20);
	max_pfn = top;
	paging_init(max_pfn);

	/* everything up to the end of the kernel image and the modules */
	kernel_end = __pa(_end);
	for (int i = 0; i < nr_boot_modules; i++)
		if (boot_modules[i].end > kernel_end)
			kernel_end = boot_modules[i].end;
	kernel_end = PAGE_ALIGN(kernel_end);

	/* mem_map goes in the first usable stretch past all of that */
	map_bytes = PAGE_ALIGN(max_pfn * sizeof(struct page));
	for_each_mmap_entry(e, mbi) {
		unsigned long s;

		if (!usable_range(e, &r))
			continue;
		s = max(r.start << PAGE_SHIFT, kernel_end);
		if (s + map_bytes <= (r.end << PAGE_SHIFT)) {
			map_start = s;
			break;
		}
	}
	if (!map_start)
		panic("mem_init: no room for mem_map (%lu KiB)", map_bytes >> 10);
	mem_map = __va(map_start);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *p = pfn_to_page(pfn);

		memset(p, 0, sizeof(*p));
		p->flags = 1UL << PG_reserved;
		INIT_LIST_HEAD(&p->lru);
	}

	reserve(0, LOW_RESERVED);
	reserve(__pa(_text) & ~(LOW_RESERVED - 1), __pa(_end));
	for (int i = 0; i < nr_boot_modules; i++)
		reserve(boot_modules[i].start, boot_modules[i].end);
	reserve(map_start, map_start + map_bytes);

	free_area_init();
	for_each_mmap_entry(e, mbi) {
		unsigned long run;

		if (!usable_range(e, &r))
			continue;
		run = r.start;
		for (unsigned long pfn = r.start; pfn < r.end; pfn++) {
			if (!pfn_reserved(pfn))
				continue;
			if (run < pfn)
				free_bootmem_range(run, pfn);
			run = pfn + 1;
		}
		if (run < r.end)
			free_bootmem_range(run, r.end);
	}
	printk(KERN_NOTICE "Memory: %lu MiB found, %luk available (%luk kernel image, %luk mem_map, %luk modules)\n",
	       total >> 20, nr_free_pages() << 2,
	       (__pa(_end) - __pa(_text)) >> 10, map_bytes >> 10,
	       (kernel_end - PAGE_ALIGN(__pa(_end))) >> 10);
}

void show_mem(void)
{
	printk("pages: %lu total, %lu free, %lu used\n", totalram_pages,
	       nr_free_pages(), totalram_pages - nr_free_pages());
	printk("free blocks per order:");
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		printk(" %lu", nr_free_blocks(o));
	printk("\n");
}

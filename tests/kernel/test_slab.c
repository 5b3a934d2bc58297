/*
 * tests/kernel/test_slab.c - kmalloc and kfree (mm/slab.c): every size class,
 * alignment, reuse, no overlap between live blocks, large allocations, and
 * bad kfree calls that are reported instead of corrupting memory.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/string.h>

KTEST(kmalloc, every_size_class)
{
	static const size_t sizes[] = { 1, 8, 31, 32, 33, 63, 64, 65, 100, 128, 200,
					256, 300, 512, 600, 1024, 1500, 2048, 3000, 4096 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t want = KMALLOC_MIN_SIZE;
		void *p;

		while (want < sizes[i])
			want <<= 1;
		p = kmalloc(sizes[i], GFP_KERNEL);
		ASSERT_NOT_NULL(p);
		EXPECT_EQ(ksize(p), want);
#ifdef CONFIG_DEBUG_SLAB
		/* red zones and a track record between them: 16-byte aligned */
		EXPECT_EQ((unsigned long)p % 16, 0);
#else
		/* objects sit at multiples of their size inside a page */
		EXPECT_EQ((unsigned long)p % want, 0);
#endif
		memset(p, 0xa5, sizes[i]);
		kfree(p);
	}
}

KTEST(kmalloc, zero_size_is_null)
{
	EXPECT_NULL(kmalloc(0, GFP_KERNEL));
	kfree(NULL);	/* allowed, does nothing */
}

KTEST(kmalloc, freed_object_is_reused)
{
	void *keep = kmalloc(64, GFP_KERNEL);	/* keeps the slab alive */
	void *a = kmalloc(64, GFP_KERNEL), *b;

	ASSERT_NOT_NULL(keep);
	ASSERT_NOT_NULL(a);
	kfree(a);
	b = kmalloc(64, GFP_KERNEL);
	EXPECT_EQ((unsigned long)b, (unsigned long)a);
	kfree(b);
	kfree(keep);
}

KTEST(kmalloc, live_blocks_do_not_overlap)
{
	enum { N = 300 };
	static unsigned char *blk[N];
	static size_t len[N];
	u32 seed = 99;
	int bad = 0;

	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245 + 12345;
		len[i] = 1 + (seed >> 12) % 3000;
		blk[i] = kmalloc(len[i], GFP_KERNEL);
		ASSERT_NOT_NULL(blk[i]);
		memset(blk[i], i & 0xff, len[i]);
	}
	for (int i = 0; i < N; i++)
		for (size_t j = 0; j < len[i]; j++)
			bad |= blk[i][j] != (i & 0xff);
	EXPECT_EQ(bad, 0);
	for (int i = 0; i < N; i++)
		kfree(blk[i]);
}

/* free objects in the partly used slabs of a size class (others may use it) */
static unsigned long cache_free_slots(size_t want)
{
	for (unsigned int i = 0; i < kmalloc_cache_count(); i++) {
		size_t size;
		unsigned long objs, slabs;

		kmalloc_cache_info(i, &size, &objs, &slabs);
		if (size == want)
			return slabs * (PAGE_SIZE / size) - objs;
	}
	return 0;
}

KTEST(kmalloc, empty_slabs_go_back)
{
	unsigned long before = nr_free_pages();
	unsigned long spare = cache_free_slots(128);
	void *p[100];

	for (int i = 0; i < 100; i++) {
		p[i] = kmalloc(128, GFP_KERNEL);
		ASSERT_NOT_NULL(p[i]);
	}
#ifndef CONFIG_DEBUG_SLAB	/* the debug layout fits fewer to a page */
	/* 32 objects of 128 bytes a page, after filling what was spare */
	EXPECT_EQ(nr_free_pages(), before - (100 - spare + 31) / 32);
#else
	(void)spare;
	EXPECT_LT(nr_free_pages(), before);
#endif
	for (int i = 0; i < 100; i++)
		kfree(p[i]);
	EXPECT_EQ(nr_free_pages(), before);
}

KTEST(kmalloc, large_requests_take_pages)
{
	unsigned long before = nr_free_pages();
	void *a = kmalloc(5000, GFP_KERNEL);
	void *b = kmalloc(100000, GFP_KERNEL);

	ASSERT_NOT_NULL(a);
	ASSERT_NOT_NULL(b);
	EXPECT_EQ((unsigned long)a & ~PAGE_MASK, 0);
	EXPECT_EQ(ksize(a), 2 * PAGE_SIZE);
	EXPECT_EQ(ksize(b), 32 * PAGE_SIZE);
	EXPECT_EQ(nr_free_pages(), before - 2 - 32);
	memset(b, 1, 100000);
	kfree(a);
	kfree(b);
	EXPECT_EQ(nr_free_pages(), before);
	EXPECT_NULL(kmalloc(64UL << 20, GFP_KERNEL));	/* past the largest block */
}

/*
 * Sizes past the largest block are NULL at once: before the bound, a size
 * above 2 GiB made the order loop's shift overflow to 0 and spin for ever.
 */
KTEST(kmalloc, size_past_largest_block_is_null)
{
	static const size_t sizes[] = { KMALLOC_MAX_SIZE + 1, 8UL << 20, 0x80000000UL,
					0x80000001UL, 0xfffff000UL, ~(size_t)0 };
	unsigned long before = nr_free_pages();
	void *p;

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		EXPECT_NULL(kmalloc(sizes[i], GFP_KERNEL));
		EXPECT_NULL(kzalloc(sizes[i], GFP_KERNEL));
	}
	EXPECT_EQ(nr_free_pages(), before);
	/* the largest block itself is not refused by the bound (it may be by fragmentation) */
	p = kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL);
	if (p) {
		EXPECT_EQ(ksize(p), KMALLOC_MAX_SIZE);
		kfree(p);
	}
	EXPECT_EQ(nr_free_pages(), before);
}

KTEST(kmalloc, kzalloc_zeroes)
{
	unsigned char *p = kmalloc(256, GFP_KERNEL);
	int nonzero = 0;

	ASSERT_NOT_NULL(p);
	memset(p, 0xff, 256);
	kfree(p);
	p = kzalloc(256, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	for (int i = 0; i < 256; i++)
		nonzero |= p[i];
	EXPECT_EQ(nonzero, 0);
	kfree(p);
}

/* the debug kernel reports them too (BUG: lines) */
KTEST_FLAGS(kmalloc, bad_kfree_is_reported, KTEST_EXPECTS_REPORTS)
{
	static int not_from_kmalloc;
	unsigned long errors = kfree_errors, before = nr_free_pages();
	char *keep = kmalloc(64, GFP_KERNEL);
	char *p = kmalloc(64, GFP_KERNEL), *q;

	ASSERT_NOT_NULL(keep);
	ASSERT_NOT_NULL(p);
	kfree(&not_from_kmalloc);		/* kernel image */
	EXPECT_EQ(kfree_errors, errors + 1);
	kfree((void *)0x1000);			/* not a kernel address */
	EXPECT_EQ(kfree_errors, errors + 2);
	kfree(p + 8);				/* inside an object */
	EXPECT_EQ(kfree_errors, errors + 3);
	kfree(p);
	kfree(p);				/* double free */
	EXPECT_EQ(kfree_errors, errors + 4);
	/* the free list is intact: two new objects differ */
	p = kmalloc(64, GFP_KERNEL);
	q = kmalloc(64, GFP_KERNEL);
	ASSERT_NOT_NULL(p);
	ASSERT_NOT_NULL(q);
	EXPECT_NE((unsigned long)p, (unsigned long)q);
	kfree(p);
	kfree(q);
	kfree(keep);
	EXPECT_EQ(nr_free_pages(), before);
}

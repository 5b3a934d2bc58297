/*
 * tests/kernel/test_buddy.c - the buddy allocator (mm/page_alloc.c): blocks
 * split and merge back, alignment by order, exhaustion returns NULL, and the
 * free counts return to where they started after many mixed rounds.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/string.h>

struct free_snapshot {
	unsigned long total;
	unsigned long blocks[MAX_ORDER];
};

static void snapshot(struct free_snapshot *s)
{
	s->total = nr_free_pages();
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		s->blocks[o] = nr_free_blocks(o);
}

static int same_as(const struct free_snapshot *a)
{
	struct free_snapshot b;

	snapshot(&b);
	return !memcmp(a, &b, sizeof(b));
}

KTEST(buddy, split_and_merge)
{
	struct free_snapshot before;
	struct page *p;

	snapshot(&before);
	p = alloc_pages(GFP_KERNEL, 0);
	ASSERT_NOT_NULL(p);
	EXPECT_EQ(nr_free_pages(), before.total - 1);
	EXPECT_EQ(page_count(p), 1);
	__free_pages(p, 0);
	/* every split made for the page must have merged back */
	EXPECT_TRUE(same_as(&before));
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		EXPECT_EQ(nr_free_blocks(o), before.blocks[o]);
}

KTEST(buddy, buddies_merge_in_any_order)
{
	struct free_snapshot before;
	struct page *pages[8];

	snapshot(&before);
	for (int i = 0; i < 8; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, 0);
		ASSERT_NOT_NULL(pages[i]);
	}
	/* free the odd ones, then the even ones: merging must happen on the second pass */
	for (int i = 1; i < 8; i += 2)
		__free_pages(pages[i], 0);
	for (int i = 0; i < 8; i += 2)
		__free_pages(pages[i], 0);
	EXPECT_TRUE(same_as(&before));
}

KTEST(buddy, blocks_aligned_to_their_order)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct page *p = alloc_pages(GFP_KERNEL, o);

		ASSERT_NOT_NULL(p);
		EXPECT_EQ(page_to_pfn(p) & ((1UL << o) - 1), 0);
		__free_pages(p, o);
	}
}

KTEST(buddy, order_too_large_is_null)
{
	EXPECT_NULL(alloc_pages(GFP_KERNEL, MAX_ORDER));
	EXPECT_NULL(alloc_pages(GFP_KERNEL, 31));
}

KTEST(buddy, zeroed_allocation)
{
	struct page *p = alloc_pages(__GFP_ZERO, 2);
	unsigned char *m;
	int nonzero = 0;

	ASSERT_NOT_NULL(p);
	m = page_address(p);
	for (unsigned long i = 0; i < 4 * PAGE_SIZE; i++)
		nonzero |= m[i];
	EXPECT_EQ(nonzero, 0);
	__free_pages(p, 2);
}

/* take every page there is, chained through the pages themselves */
KTEST(buddy, exhaustion_returns_null)
{
	struct free_snapshot before;
	void *chain = NULL;
	unsigned long n = 0;
	struct page *p;

	snapshot(&before);
	while ((p = alloc_pages(GFP_KERNEL, 0))) {
		void **slot = page_address(p);

		*slot = chain;
		chain = slot;
		n++;
	}
	EXPECT_EQ(n, before.total);
	EXPECT_EQ(nr_free_pages(), 0);
	EXPECT_NULL(alloc_pages(GFP_KERNEL, 0));
	EXPECT_NULL(alloc_pages(GFP_KERNEL, 3));
	while (chain) {
		void *next = *(void **)chain;

		free_page((unsigned long)chain);
		chain = next;
	}
	EXPECT_TRUE(same_as(&before));
	/* and the largest blocks are whole again */
	p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	EXPECT_NOT_NULL(p);
	if (p)
		__free_pages(p, MAX_ORDER - 1);
}

/* many mixed-order rounds; each live block carries a pattern that must survive */
KTEST(buddy, mixed_rounds_restore_counts)
{
	enum { SLOTS = 48, ROUNDS = 2000 };
	struct page *live[SLOTS] = { 0 };
	unsigned int order[SLOTS];
	struct free_snapshot before;
	u32 seed = 12345;
	int corrupt = 0;

	snapshot(&before);
	for (int r = 0; r < ROUNDS; r++) {
		int i;

		seed = seed * 1103515245 + 12345;
		i = (seed >> 16) % SLOTS;
		if (live[i]) {
			u32 *m = page_address(live[i]);

			for (unsigned long w = 0; w < (PAGE_SIZE << order[i]) / 4; w += 256)
				corrupt |= m[w] != (u32)i * 7919 + order[i];
			__free_pages(live[i], order[i]);
			live[i] = NULL;
		} else {
			u32 *m;

			order[i] = (seed >> 8) % 6;
			live[i] = alloc_pages(GFP_KERNEL, order[i]);
			ASSERT_NOT_NULL(live[i]);
			m = page_address(live[i]);
			for (unsigned long w = 0; w < (PAGE_SIZE << order[i]) / 4; w += 256)
				m[w] = (u32)i * 7919 + order[i];
		}
	}
	for (int i = 0; i < SLOTS; i++)
		if (live[i])
			__free_pages(live[i], order[i]);
	EXPECT_EQ(corrupt, 0);
	EXPECT_TRUE(same_as(&before));
}

KTEST(buddy, reference_counts)
{
	unsigned long before = nr_free_pages();
	struct page *p = alloc_pages(GFP_KERNEL, 0);

	ASSERT_NOT_NULL(p);
	get_page(p);
	EXPECT_EQ(page_count(p), 2);
	put_page(p);
	EXPECT_EQ(nr_free_pages(), before - 1);	/* still held once */
	put_page(p);
	EXPECT_EQ(nr_free_pages(), before);
}

/* the debug kernel reports it too (a BUG: line) */
KTEST_FLAGS(buddy, double_free_is_caught, KTEST_EXPECTS_REPORTS)
{
	unsigned long before = nr_free_pages(), errors = bad_page_frees;
	struct page *p = alloc_pages(GFP_KERNEL, 0);

	ASSERT_NOT_NULL(p);
	__free_pages(p, 0);
	__free_pages(p, 0);	/* reported, and must not add the page twice */
	EXPECT_EQ(bad_page_frees, errors + 1);
	EXPECT_EQ(nr_free_pages(), before);
}

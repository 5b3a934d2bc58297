/*
 * tests/kernel/test_debug.c - proof that each check of the debug kernel
 * (make DEBUG=1) catches what it is for: each test corrupts on purpose - an
 * overrun, an underrun, a write after free, a double free, a list deleted
 * twice or with a bad neighbour, a write into a free page, sleeping with
 * interrupts off, a system call that returns with them off, a mutex held
 * on the way to user space, a smashed stack
 * canary, a nearly full stack - and checks that exactly that report came.
 * tests/host/run_tests.py also matches the report lines themselves.
 */
#include <kernel/ktest.h>

#ifdef CONFIG_DEBUG_KERNEL
#include <kernel/bug.h>
#include <kernel/io.h>
#include <kernel/list.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>

#define noinline __attribute__((noinline))

/* one report of this kind since 'before' */
#define EXPECT_REPORT(before, kind) do {				\
	EXPECT_EQ(debug_reports, (before) + 1);				\
	EXPECT_EQ(strcmp(debug_last_report, kind), 0);			\
} while (0)

/* kept out of line so the report names them as the call sites */
static noinline char *debug_alloc(size_t n)
{
	return kmalloc(n, GFP_KERNEL);
}

static noinline void debug_free(void *p)
{
	kfree(p);
}

KTEST_FLAGS(debug, slab_overrun_into_red_zone, KTEST_EXPECTS_REPORTS)
{
	unsigned long before = debug_reports;
	char *p = debug_alloc(64);

	ASSERT_NOT_NULL(p);
	p[64] = 'x';		/* one past the object: the red zone */
	debug_free(p);
	EXPECT_REPORT(before, "slab-overrun");
}

KTEST_FLAGS(debug, slab_overrun_past_size_asked, KTEST_EXPECTS_REPORTS)
{
	unsigned long before = debug_reports;
	char *p = debug_alloc(40);	/* a 64-byte object: 24 bytes of slack */

	ASSERT_NOT_NULL(p);
	memset(p, 0, 41);
	debug_free(p);
	EXPECT_REPORT(before, "slab-overrun");
}

KTEST_FLAGS(debug, slab_underrun, KTEST_EXPECTS_REPORTS)
{
	unsigned long before = debug_reports;
	char *p = debug_alloc(128);

	ASSERT_NOT_NULL(p);
	p[-1] = 0;
	debug_free(p);
	EXPECT_REPORT(before, "slab-underrun");
}

KTEST_FLAGS(debug, slab_use_after_free_found_at_reallocation, KTEST_EXPECTS_REPORTS)
{
	unsigned long before;
	char *stash[64], *keep, *p, *q;
	unsigned long flags;
	int n = 0;

	/*
	 * keep must share p's page, so that freeing p leaves the slab alive:
	 * when p opened a new slab (keep took the last object of the old one,
	 * which depends on what the boot left allocated), try again with the
	 * next pair; the stashed objects are freed at the end.
	 */
	keep = debug_alloc(256);
	p = debug_alloc(256);
	while (keep && p && ((unsigned long)keep & PAGE_MASK) != ((unsigned long)p & PAGE_MASK) &&
	       n < (int)ARRAY_SIZE(stash)) {
		stash[n++] = keep;
		keep = p;
		p = debug_alloc(256);
	}
	ASSERT_NOT_NULL(keep);
	ASSERT_NOT_NULL(p);
	EXPECT_EQ((unsigned long)keep & PAGE_MASK, (unsigned long)p & PAGE_MASK);
	flags = local_irq_save();	/* nobody else may take the object first */
	before = debug_reports;
	debug_free(p);
	p[5] = 1;			/* after the free */
	q = debug_alloc(256);		/* the same object: last freed, first out */
	local_irq_restore(flags);
	EXPECT_EQ((unsigned long)q, (unsigned long)p);
	EXPECT_REPORT(before, "slab-use-after-free");
	debug_free(q);
	debug_free(keep);
	while (n > 0)
		debug_free(stash[--n]);
}

KTEST_FLAGS(debug, slab_use_after_free_found_by_check, KTEST_EXPECTS_REPORTS)
{
	char *keep = debug_alloc(512);
	char *p = debug_alloc(512);
	unsigned long before = debug_reports;

	ASSERT_NOT_NULL(keep);
	ASSERT_NOT_NULL(p);
	debug_free(p);
	p[100] = 7;
	EXPECT_EQ(kmem_cache_check_all(), 1);
	EXPECT_REPORT(before, "slab-use-after-free");
	EXPECT_EQ(kmem_cache_check_all(), 0);	/* repaired: reported once */
	debug_free(keep);
}

KTEST_FLAGS(debug, slab_overrun_found_by_the_timer, KTEST_EXPECTS_REPORTS)
{
	unsigned long before = debug_reports;
	char *p = debug_alloc(32);

	ASSERT_NOT_NULL(p);
	p[32] = 1;			/* never freed: only the 2 s check sees it */
	for (int i = 0; i < 30 && debug_reports == before; i++) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(HZ / 10);
	}
	EXPECT_REPORT(before, "slab-overrun");
	debug_free(p);
	EXPECT_EQ(debug_reports, before + 1);	/* repaired by the check */
}

KTEST_FLAGS(debug, slab_double_free, KTEST_EXPECTS_REPORTS)
{
	char *keep = debug_alloc(1024);
	char *p = debug_alloc(1024);
	unsigned long before = debug_reports, errors = kfree_errors;

	ASSERT_NOT_NULL(keep);
	ASSERT_NOT_NULL(p);
	debug_free(p);
	debug_free(p);
	EXPECT_REPORT(before, "slab-double-free");
	EXPECT_EQ(kfree_errors, errors + 1);
	debug_free(keep);
}

KTEST_FLAGS(debug, list_del_twice, KTEST_EXPECTS_REPORTS)
{
	LIST_HEAD(head);
	struct list_head a;
	unsigned long before = debug_reports;

	list_add(&a, &head);
	list_del(&a);
	EXPECT_EQ((unsigned long)a.next, (unsigned long)LIST_POISON1);
	EXPECT_EQ((unsigned long)a.prev, (unsigned long)LIST_POISON2);
	EXPECT_EQ(debug_reports, before);
	list_del(&a);
	EXPECT_REPORT(before, "list-corruption");
	EXPECT_TRUE(list_empty(&head));
}

KTEST_FLAGS(debug, list_add_next_to_corrupt_entry, KTEST_EXPECTS_REPORTS)
{
	LIST_HEAD(head);
	struct list_head a, b, junk;
	unsigned long before = debug_reports;

	list_add(&a, &head);
	a.prev = &junk;			/* a stray write into a's prev */
	list_add(&b, &head);		/* head->next is a, whose prev is not head */
	EXPECT_REPORT(before, "list-corruption");
	EXPECT_EQ((unsigned long)head.next, (unsigned long)&a);	/* left alone */
}

KTEST_FLAGS(debug, list_walk_finds_corruption, KTEST_EXPECTS_REPORTS)
{
	LIST_HEAD(head);
	struct list_head a, b, c, junk, *pos;
	unsigned long before = debug_reports;
	int n = 0;

	list_add_tail(&a, &head);
	list_add_tail(&b, &head);
	list_add_tail(&c, &head);
	list_for_each(pos, &head)
		n++;
	EXPECT_EQ(n, 3);
	EXPECT_EQ(debug_reports, before);
	c.prev = &junk;			/* b->next is c, whose prev is not b */
	n = 0;
	list_for_each(pos, &head)
		n++;
	EXPECT_EQ(n, 1);		/* the walk stops at b */
	EXPECT_REPORT(before, "list-corruption");
}

KTEST_FLAGS(debug, page_poison_found_at_reallocation, KTEST_EXPECTS_REPORTS)
{
	struct page *pair = alloc_pages(GFP_KERNEL, 1), *again;
	unsigned long flags, before;

	ASSERT_NOT_NULL(pair);
	atomic_set(&pair[1]._count, 1);		/* the two halves are freed apart */
	flags = local_irq_save();
	before = debug_reports;
	__free_pages(pair, 0);		/* its buddy is in use: stays order 0, first out */
	((char *)page_address(pair))[100] = 1;
	again = alloc_page(GFP_KERNEL);
	local_irq_restore(flags);
	EXPECT_EQ((unsigned long)again, (unsigned long)pair);
	EXPECT_REPORT(before, "page-poison");
	if (again)
		__free_pages(again, 0);
	__free_pages(pair + 1, 0);
}

KTEST_FLAGS(debug, might_sleep_with_interrupts_off, KTEST_EXPECTS_REPORTS)
{
	unsigned long before, flags;
	DEFINE_MUTEX(m);

	flags = local_irq_save();
	before = debug_reports;
	mutex_lock(&m);			/* might sleep: not with interrupts off */
	local_irq_restore(flags);
	mutex_unlock(&m);
	EXPECT_REPORT(before, "sleep-in-atomic");
}

KTEST_FLAGS(debug, schedule_asleep_with_interrupts_off, KTEST_EXPECTS_REPORTS)
{
	unsigned long before, flags;

	flags = local_irq_save();
	before = debug_reports;
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(2);		/* asleep with interrupts off */
	local_irq_restore(flags);
	EXPECT_GE(debug_reports, before + 1);
	EXPECT_EQ(strcmp(debug_last_report, "sleep-in-atomic"), 0);
}

/* a handler that forgets its local_irq_restore, in an unused slot for a moment */
extern const void *sys_call_table[];
static long returns_with_irqs_off(void)
{
	cli();
	return 0;
}

KTEST_FLAGS(debug, syscall_returning_with_interrupts_off, KTEST_EXPECTS_REPORTS)
{
	const void *old = sys_call_table[17];	/* __NR_break: never implemented */
	unsigned long before = debug_reports;
	long ret;

	sys_call_table[17] = returns_with_irqs_off;
	/* int 0x80 from ring 0: the same entry, back through ret_from_intr */
	asm volatile("int $0x80" : "=a"(ret) : "a"(17) : "memory", "ebx", "ecx", "edx", "esi", "edi");
	sys_call_table[17] = old;
	EXPECT_EQ(ret, 0);
	EXPECT_TRUE(read_eflags() & 0x200);	/* put back on after the report */
	EXPECT_REPORT(before, "irqs-off-syscall");
}

KTEST_FLAGS(debug, mutex_held_on_return_to_user, KTEST_EXPECTS_REPORTS)
{
	struct pt_regs regs = { .eflags = 0x202 };
	unsigned long before = debug_reports, limit = get_fs();
	DEFINE_MUTEX(m);

	set_fs(USER_DS);		/* as a task about to return to user space */
	mutex_lock(&m);
	user_return_checks(&regs);
	EXPECT_REPORT(before, "lock-held-to-user");
	mutex_unlock(&m);
	set_fs(KERNEL_DS);		/* a kernel address limit leaking to user space */
	user_return_checks(&regs);
	EXPECT_REPORT(before + 1, "addr-limit");
	EXPECT_EQ(get_fs(), USER_DS);
	set_fs(limit);
}

KTEST_FLAGS(debug, stack_canary_smashed, KTEST_EXPECTS_REPORTS)
{
	unsigned long before = debug_reports;
	unsigned long *end = (unsigned long *)(current_thread_info() + 1);
	unsigned long canary = *end;

	*end = 0;			/* what a stack overrun leaves behind */
	schedule();
	EXPECT_REPORT(before, "stack-overflow");
	EXPECT_EQ(*end, canary);	/* re-armed */
}

/* recurse until fewer than 'left' bytes remain, then wait there for a tick */
static noinline int go_deep(long left)
{
	volatile char pad[128];
	unsigned long esp, j;

	asm volatile("mov %%esp, %0" : "=r"(esp));
	pad[0] = 1;
	if ((long)(esp & (THREAD_SIZE - 1)) - (long)sizeof(struct thread_info) > left)
		return go_deep(left) + pad[0];
	j = jiffies;
	while (jiffies == j)
		asm volatile("pause");
	return pad[0];
}

KTEST_FLAGS(debug, stack_nearly_full_seen_by_do_IRQ, KTEST_EXPECTS_REPORTS)
{
	unsigned long before = debug_reports;

	stack_lowest_reported = THREAD_SIZE / 4;
	go_deep(THREAD_SIZE / 4 - 300);
	EXPECT_REPORT(before, "stack-overflow");
}
#endif

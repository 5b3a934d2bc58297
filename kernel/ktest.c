/*
 * kernel/ktest.c - the in-kernel test runner: walks the .ktests section,
 * runs each test, prints one PASS or FAIL line per test and checks that the
 * test gave back every page it took.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/bug.h>

extern const struct ktest __start_ktests[], __stop_ktests[];

void ktest_fail(struct ktest_ctx *t, const char *file, int line,
		const char *expr, long long a, long long b, int show_values)
{
	t->failures++;
	if (show_values)
		printk("    %s:%d: expected %s (left %lld, right %lld)\n", file, line, expr, a, b);
	else
		printk("    %s:%d: expected %s\n", file, line, expr);
}

int ktest_run(const char *suite, int *passed, int *failed)
{
	int all = !suite || !strcmp(suite, "all"), found = 0;

	*passed = *failed = 0;
	for (const struct ktest *k = __start_ktests; k < __stop_ktests; k++) {
		struct ktest_ctx ctx = { 0 };
		unsigned long before, reports = debug_reports;

		if (!all && strcmp(k->suite, suite))
			continue;
		found++;
		before = nr_free_pages();
		k->fn(&ctx);
		if (!(k->flags & KTEST_NO_LEAK_CHECK) && nr_free_pages() != before) {
			printk("    leak check: %ld pages not returned\n",
			       (long)(before - nr_free_pages()));
			ctx.failures++;
		}
		/* the debug kernel's reports fail the test that caused them */
		if (!(k->flags & KTEST_EXPECTS_REPORTS) && debug_reports != reports) {
			printk("    debug: %lu reports (BUG: lines above)\n", debug_reports - reports);
			ctx.failures++;
		}
		printk("%s %s.%s\n", ctx.failures ? "FAIL" : "PASS", k->suite, k->name);
		if (ctx.failures)
			(*failed)++;
		else
			(*passed)++;
	}
	if (!found) {
		printk("test: no suite named '%s'\n", suite);
		return -1;
	}
	return *failed;
}

void ktest_list_suites(void)
{
	const char *last = NULL;

	printk("suites:");
	for (const struct ktest *k = __start_ktests; k < __stop_ktests; k++) {
		if (last && !strcmp(last, k->suite))
			continue;
		printk(" %s", k->suite);
		last = k->suite;
	}
	printk("\n");
}

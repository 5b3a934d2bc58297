/*
 * include/kernel/ktest.h - in-kernel tests (kernel/ktest.c). A test is a
 * function registered into the .ktests section with its suite name:
 *
 *	KTEST(buddy, split_and_merge)
 *	{
 *		EXPECT_EQ(nr_free_blocks(0), before);
 *	}
 *
 * EXPECT_* records a failure and goes on; ASSERT_* records it and returns.
 * Each failure prints the file, the line, the expression and both values.
 * The runner also fails a test that leaves the free page count changed.
 */
#ifndef _KERNEL_KTEST_H
#define _KERNEL_KTEST_H

#include <kernel/types.h>

struct ktest_ctx {
	int failures;
};

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(struct ktest_ctx *t);
	int flags;
};

#define KTEST_NO_LEAK_CHECK 1	/* the test keeps pages on purpose */
#define KTEST_EXPECTS_REPORTS 2	/* it makes debug-kernel reports on purpose */

#define __KTEST(suite, name, flags)					\
	static void __ktest_##suite##_##name(struct ktest_ctx *__t);	\
	static const struct ktest __ktest_desc_##suite##_##name		\
	__section(".ktests") __used __aligned(4) =			\
		{ #suite, #name, __ktest_##suite##_##name, flags };	\
	static void __ktest_##suite##_##name(struct ktest_ctx *__t)

#define KTEST(suite, name) __KTEST(suite, name, 0)
#define KTEST_FLAGS(suite, name, flags) __KTEST(suite, name, flags)

void ktest_fail(struct ktest_ctx *t, const char *file, int line,
		const char *expr, long long a, long long b, int show_values);

#define __KCMP(op, a, b, on_fail) do {					\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (!(__a op __b)) {						\
		ktest_fail(__t, __FILE__, __LINE__, #a " " #op " " #b, __a, __b, 1); \
		on_fail;						\
	}								\
} while (0)

#define __KTRUE(c, on_fail) do {					\
	if (!(c)) {							\
		ktest_fail(__t, __FILE__, __LINE__, #c, 0, 0, 0);	\
		on_fail;						\
	}								\
} while (0)

#define EXPECT_EQ(a, b)	__KCMP(==, a, b, (void)0)
#define EXPECT_NE(a, b)	__KCMP(!=, a, b, (void)0)
#define EXPECT_LT(a, b)	__KCMP(<, a, b, (void)0)
#define EXPECT_LE(a, b)	__KCMP(<=, a, b, (void)0)
#define EXPECT_GT(a, b)	__KCMP(>, a, b, (void)0)
#define EXPECT_GE(a, b)	__KCMP(>=, a, b, (void)0)
#define EXPECT_TRUE(c)	__KTRUE(c, (void)0)
#define EXPECT_FALSE(c)	__KTRUE(!(c), (void)0)
#define EXPECT_NULL(p)	__KTRUE((p) == NULL, (void)0)
#define EXPECT_NOT_NULL(p) __KTRUE((p) != NULL, (void)0)

#define ASSERT_EQ(a, b)	__KCMP(==, a, b, return)
#define ASSERT_NE(a, b)	__KCMP(!=, a, b, return)
#define ASSERT_LE(a, b)	__KCMP(<=, a, b, return)
#define ASSERT_GE(a, b)	__KCMP(>=, a, b, return)
#define ASSERT_TRUE(c)	__KTRUE(c, return)
#define ASSERT_NOT_NULL(p) __KTRUE((p) != NULL, return)

/* run every test (suite NULL or "all") or one suite; returns the failures */
int ktest_run(const char *suite, int *passed, int *failed);
void ktest_list_suites(void);

#endif

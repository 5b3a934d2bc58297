/*
 * tests/user/lib/libdyntest.c - the shared library tests/user/dyn_dlopen.c
 * dlopen()s: a constructor, initialised data, bss, a call back into the
 * program, and libm, so the loader must relocate all of them.
 */
#include <math.h>

int dyntest_ready;			/* set by the constructor */
int dyntest_data = 41;			/* from the file's data segment */
static char dyntest_bss[8192];		/* zeroed by the loader */

__attribute__((constructor)) static void dyntest_init(void)
{
	dyntest_ready = 1234;
}

int dyntest_add(int a, int b)
{
	return a + b + dyntest_data - 41;
}

/* sums the zero page, counts a call back into whoever loaded us */
int dyntest_call(int (*fn)(int), int x)
{
	int sum = 0;

	for (unsigned int i = 0; i < sizeof(dyntest_bss); i++)
		sum += dyntest_bss[i];
	return fn(x) + sum;
}

double dyntest_sqrt(double x)
{
	return sqrt(x);
}

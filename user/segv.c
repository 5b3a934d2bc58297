/*
 * user/segv.c - reads a kernel address, which must kill it with SIGSEGV and
 * nothing else: the shell's "run /bin/segv" reports signal 11 (status 139)
 * and the kernel carries on.
 */
#include <stdio.h>

int main(void)
{
	volatile int *kernel = (volatile int *)0xC0000000;

	printf("reading %p...\n", (void *)kernel);
	fflush(stdout);
	return *kernel;
}

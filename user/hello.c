/*
 * user/hello.c - the smallest useful static glibc program: one printf, exit 0.
 * The first user program the kernel runs; it exercises glibc start-up and stdio.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	printf("Hello from a static glibc program on pid %d\n", (int)getpid());
	return 0;
}

/*
 * user/bench/bw_memcpy.c - user-space copy bandwidth: the C library's
 * memcpy from one 8 MiB buffer to another, counting bytes copied.
 * Usage: bw_memcpy [COPIES]   prints "bw_memcpy MIB_S MiB/s".
 */
#include <sys/mman.h>
#include "bench.h"

#define SIZE (8u << 20)

static void copies(char *dst, const char *src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		memcpy(dst, src, SIZE);
		/* the copy must happen every time, not be merged or dropped */
		__asm__ volatile("" : : "r"(dst), "r"(src) : "memory");
	}
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 1000);
	long warm = n / 10 + 1;
	uint64_t t0, t1;
	char *src, *dst;
	size_t i;

	src = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	dst = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED || dst == MAP_FAILED)
		die("mmap");
	/* fault every page in before timing */
	for (i = 0; i < SIZE; i++)
		src[i] = (char)i;
	memset(dst, 0, SIZE);
	copies(dst, src, warm);
	t0 = now_ns();
	copies(dst, src, n);
	t1 = now_ns();
	if (memcmp(dst, src, SIZE) != 0) {
		errno = 0;
		die("destination differs from source after the copies");
	}
	report_bw("bw_memcpy", t1 - t0, (double)n * SIZE);
	return 0;
}

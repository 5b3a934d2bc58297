/*
 * user/bench/lat_pagefault.c - a page fault on a shared file mapping: a
 * 1 MiB file on /dev/shm (or /tmp) mapped MAP_SHARED, one read in each page
 * of a fresh mapping (the page is in the page cache: the fault only maps it),
 * then munmap. Reports us per fault, the mmap+munmap included.
 * Usage: lat_pagefault [ROUNDS]   prints "lat_pagefault US us" per page.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include "bench.h"

#define FILE_SIZE (1 << 20)
#define PAGE 4096

static char path[64];

static void remove_file(void)
{
	unlink(path);
}

static void rounds(int fd, long count)
{
	for (long i = 0; i < count; i++) {
		volatile char *p = mmap(NULL, FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
		int off;

		if (p == MAP_FAILED)
			die("mmap");
		for (off = 0; off < FILE_SIZE; off += PAGE)
			(void)p[off];
		if (munmap((void *)p, FILE_SIZE))
			die("munmap");
	}
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 100);
	uint64_t t0, t1;
	int fd;

	snprintf(path, sizeof(path), "/dev/shm/lat_pagefault.%d", (int)getpid());
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	if (fd < 0) {
		snprintf(path, sizeof(path), "/tmp/lat_pagefault.%d", (int)getpid());
		fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	}
	if (fd < 0)
		die("open");
	bench_cleanup = remove_file;
	/* real pages in the cache, not holes */
	{
		char *w = mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

		if (ftruncate(fd, FILE_SIZE) || w == MAP_FAILED)
			die("ftruncate/mmap");
		memset(w, 1, FILE_SIZE);
		munmap(w, FILE_SIZE);
	}
	rounds(fd, n / 10 + 1);
	t0 = now_ns();
	rounds(fd, n);
	t1 = now_ns();
	report_lat("lat_pagefault", t1 - t0, n * (FILE_SIZE / PAGE));
	remove_file();
	return 0;
}

/*
 * user/bench/lat_shm_open.c - a POSIX shared memory object's whole life:
 * shm_open(O_CREAT) + ftruncate 64 KiB + mmap MAP_SHARED + write one byte
 * in each page + munmap + close + shm_unlink, per cycle (glibc over
 * /dev/shm, tmpfs).
 * Usage: lat_shm_open [CYCLES]   prints "lat_shm_open US us" per cycle.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "bench.h"

#define SIZE 65536
#define PAGE 4096

static char name[64];

static void remove_obj(void)
{
	shm_unlink(name);
}

static void cycles(long count)
{
	for (long i = 0; i < count; i++) {
		int fd = shm_open(name, O_CREAT | O_RDWR, 0600);
		volatile char *p;
		int off;

		if (fd < 0)
			die("shm_open");
		if (ftruncate(fd, SIZE))
			die("ftruncate");
		p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			die("mmap");
		for (off = 0; off < SIZE; off += PAGE)
			p[off] = (char)i;
		if (munmap((void *)p, SIZE))
			die("munmap");
		close(fd);
		if (shm_unlink(name))
			die("shm_unlink");
	}
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 10000);
	uint64_t t0, t1;

	snprintf(name, sizeof(name), "/lat_shm_open.%d", (int)getpid());
	bench_cleanup = remove_obj;
	/* a bare /init (the Linux peer's) may have no /dev/shm yet: mount it as a system would */
	if (access("/dev/shm", F_OK)) {
		mkdir("/dev/shm", 01777);
		if (mount("tmpfs", "/dev/shm", "tmpfs", 0, "mode=1777"))
			die("mount /dev/shm");
	}
	cycles(n / 10 + 1);
	t0 = now_ns();
	cycles(n);
	t1 = now_ns();
	report_lat("lat_shm_open", t1 - t0, n);
	return 0;
}

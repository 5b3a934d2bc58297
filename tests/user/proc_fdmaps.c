/*
 * tests/user/proc_fdmaps.c - /proc/self/fd, fdinfo and maps: a pipe's fd
 * links read pipe:[INODE] with fstat's inode, a file's its path, fdinfo
 * its offset and flags; maps shows [heap], [stack], the program and an
 * attached SysV segment as /SYSV<key> (deleted), a file mapping by its
 * offset, device, inode and path; a maps file of many
 * records reads the same in 7-byte chunks as in one read.
 */
#include "utest.h"
#include "proc_read.h"
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static int read_all(int fd, char *buf, size_t size, size_t chunk)
{
	size_t total = 0;
	ssize_t n;

	while (total < size - 1 &&
	       (n = read(fd, buf + total, chunk < size - 1 - total ? chunk : size - 1 - total)) > 0)
		total += n;
	buf[total] = '\0';
	return total;
}

static char big1[256 * 1024], big2[256 * 1024];

int main(int argc, char **argv)
{
	char path[64], link[PATH_MAX], want[PATH_MAX], buf[8192];
	struct stat st;
	int p[2], fd, n, shmid, seen_r = 0, seen_w = 0, seen_file = 0;
	key_t key = 0x5eed0000 | (getpid() & 0xffff);
	DIR *d;
	struct dirent *e;

	(void)argc;
	alarm(60);
	CHECK_OK("pipe", pipe(p));
	CHECK_OK("fstat the read end", fstat(p[0], &st));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	CHECK("fd/READ is pipe:[fstat's inode]", !strcmp(link, want));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK("and the write end the same inode", !strcmp(link, want));
	CHECK_OK("lstat of fd/N", lstat(path, &st));
	CHECK("is a symlink", S_ISLNK(st.st_mode));
	CHECK("a write-only fd's link is -wx------", (st.st_mode & 0777) == 0300);

	fd = open("/tmp/proc_fdmaps.tmp", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	CHECK("a file in /tmp", fd >= 0);
	CHECK_EQ("write 10 bytes", write(fd, "0123456789", 10), 10);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	CHECK("its link is its path", !strcmp(link, "/tmp/proc_fdmaps.tmp"));
	CHECK_OK("stat through the link reaches the file", stat(path, &st));
	CHECK_EQ("(its size)", st.st_size, 10);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	CHECK("fdinfo reads", read_file(path, buf, sizeof(buf)) > 0);
	CHECK("pos: is the offset", !strncmp(buf, "pos:\t10\n", 8));
	{
		const char *fl = strstr(buf, "flags:\t");
		unsigned long flags = fl ? strtoul(fl + 7, NULL, 8) : 0;

		CHECK("flags: O_RDWR | O_CLOEXEC, in octal", fl && (flags & O_ACCMODE) == O_RDWR &&
		      (flags & O_CLOEXEC));
	}
	d = opendir("/proc/self/fd");
	CHECK("/proc/self/fd opens", d != NULL);
	while (d && (e = readdir(d))) {
		seen_r |= atoi(e->d_name) == p[0] && e->d_type == DT_LNK;
		seen_w |= atoi(e->d_name) == p[1];
		seen_file |= atoi(e->d_name) == fd;
	}
	if (d)
		closedir(d);
	CHECK("it lists both pipe ends (as links) and the file", seen_r && seen_w && seen_file);
	close(fd);
	unlink("/tmp/proc_fdmaps.tmp");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	CHECK_ERR("a closed fd's entry is gone", readlink(path, link, sizeof(link)), ENOENT);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	CHECK_ERR("and its fdinfo", open(path, O_RDONLY), ENOENT);

	/* ---- maps ---- */
	shmid = shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0600);
	CHECK("a SysV segment", shmid >= 0);
	{
		char *a = shmat(shmid, NULL, 0), line[128];
		char *lo;

		CHECK("attached", a != (void *)-1);
		CHECK("the heap grows (brk)", sbrk(8192) != (void *)-1);
		CHECK("maps reads", read_file("/proc/self/maps", buf, sizeof(buf)) > 0);
		snprintf(line, sizeof(line), "%08lx-%08lx rw-s 00000000 ", (unsigned long)a,
			 (unsigned long)a + 8192);
		lo = strstr(buf, line);
		CHECK("the segment's line: its range, rw-s, offset 0", lo != NULL);
		snprintf(line, sizeof(line), "/SYSV%08x (deleted)\n", (unsigned int)key);
		CHECK("named /SYSV<key> (deleted)", lo && strstr(lo, line) &&
		      strstr(lo, line) < strchr(lo, '\n') + 1);
		CHECK("[heap] is listed", strstr(buf, " [heap]\n") != NULL);
		CHECK("[stack] is listed", strstr(buf, " [stack]\n") != NULL);
		CHECK("so is the program by its path", realpath(argv[0], want) && strstr(buf, want));
		CHECK_OK("shmdt", shmdt(a));
		CHECK_OK("IPC_RMID", shmctl(shmid, IPC_RMID, NULL));
		read_file("/proc/self/maps", buf, sizeof(buf));
		CHECK("detached, it is gone from maps", strstr(buf, "/SYSV") == NULL);
	}
	/* a file mapping: its offset, the file's device and inode, its path */
	{
		char line[160], *lo, *a;
		struct stat fst;

		fd = open("/tmp/proc_fdmaps.map", O_RDWR | O_CREAT | O_TRUNC, 0600);
		CHECK("a file to map", fd >= 0);
		CHECK_OK("two pages long", ftruncate(fd, 8192));
		CHECK_OK("fstat", fstat(fd, &fst));
		a = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
		CHECK("mapped at offset 4096", a != MAP_FAILED);
		read_file("/proc/self/maps", buf, sizeof(buf));
		snprintf(line, sizeof(line), "%08lx-%08lx r--s 00001000 %02x:%02x %lu ",
			 (unsigned long)a, (unsigned long)a + 4096, major(fst.st_dev),
			 minor(fst.st_dev), (unsigned long)fst.st_ino);
		lo = strstr(buf, line);
		CHECK("its line: range, r--s, offset 1000, dev and inode", lo != NULL);
		CHECK("named by its path", lo && strstr(lo, " /tmp/proc_fdmaps.map\n") &&
		      strstr(lo, " /tmp/proc_fdmaps.map\n") < strchr(lo, '\n'));
		munmap(a, 4096);
		close(fd);
		unlink("/tmp/proc_fdmaps.map");
	}
	/* many records: alternate protections so the mappings stay apart */
	{
		char *base = mmap(NULL, 600 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		size_t n1, n2;

		CHECK("600 pages mapped", base != MAP_FAILED);
		for (int i = 0; i < 600; i += 2)
			mprotect(base + i * 4096, 4096, PROT_READ | PROT_WRITE);
		fd = open("/proc/self/maps", O_RDONLY);
		n1 = read_all(fd, big1, sizeof(big1), sizeof(big1));
		close(fd);
		fd = open("/proc/self/maps", O_RDONLY);
		n2 = read_all(fd, big2, sizeof(big2), 7);
		CHECK("maps of 600+ mappings is past 4 KiB", n1 > 600 * 30);
		CHECK_EQ("7-byte reads give as many bytes", n2, n1);
		CHECK("and the same ones", !memcmp(big1, big2, n1));
		CHECK_EQ("pread at 10000", pread(fd, buf, 100, 10000), 100);
		CHECK("reads the bytes at 10000", !memcmp(buf, big1 + 10000, 100));
		CHECK_EQ("pread past the end is 0", pread(fd, buf, 100, n1 + 5), 0);
		close(fd);
		munmap(base, 600 * 4096);
	}
	return utest_done();
}

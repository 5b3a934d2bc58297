/*
 * fs_getdents.c - the old directory calls: getdents (141, struct
 * linux_dirent with 32-bit fields and d_type in the record's last byte) and
 * readdir (89, one old_linux_dirent a call) list what getdents64 lists, with
 * the same inode numbers and types; d_off resumes a listing; a buffer too
 * small for one entry is EINVAL, a file ENOTDIR, bad fds and pointers
 * EBADF/EFAULT.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "utest.h"

#define DIR_PATH "/tmp/fs_getdents.dir"
#define N 40

struct ent { unsigned long ino; char type; char name[64]; };

struct ld {		/* struct linux_dirent */
	unsigned long d_ino, d_off;
	unsigned short d_reclen;
	char d_name[];
};
struct ld64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};
struct old_ld {
	unsigned long d_ino, d_offset;
	unsigned short d_namlen;
	char d_name[256];
};

static int list64(int fd, struct ent *e, int max)
{
	char buf[1024];
	int n = 0;
	long r;

	lseek(fd, 0, SEEK_SET);
	while ((r = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < r && n < max; n++) {
			struct ld64 *d = (struct ld64 *)(buf + off);

			e[n].ino = (unsigned long)d->d_ino;
			e[n].type = d->d_type;
			snprintf(e[n].name, sizeof(e[n].name), "%s", d->d_name);
			off += d->d_reclen;
		}
	return n;
}

/* the old getdents with a buffer of bufsize; -1 on error */
static int list32(int fd, struct ent *e, int max, size_t bufsize, int *aligned)
{
	char buf[4096];
	int n = 0;
	long r;

	*aligned = 1;
	lseek(fd, 0, SEEK_SET);
	while ((r = syscall(SYS_getdents, fd, buf, bufsize)) > 0)
		for (long off = 0; off < r && n < max; n++) {
			struct ld *d = (struct ld *)(buf + off);

			e[n].ino = d->d_ino;
			e[n].type = buf[off + d->d_reclen - 1];
			snprintf(e[n].name, sizeof(e[n].name), "%s", d->d_name);
			*aligned &= d->d_reclen % sizeof(long) == 0;
			off += d->d_reclen;
		}
	return r < 0 ? -1 : n;
}

static int same(struct ent *a, struct ent *b, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i].ino != b[i].ino || a[i].type != b[i].type || strcmp(a[i].name, b[i].name))
			return 0;
	return 1;
}

int main(void)
{
	static struct ent e64[N + 8], e32[N + 8], eold[N + 8];
	char path[128], buf[64];
	int fd, n64, n32, nold, aligned, i, f;
	struct old_ld od;
	long r;

	mkdir(DIR_PATH, 0755);
	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path), DIR_PATH "/file-with-a-longer-name-%d", i);
		close(open(path, O_CREAT | O_WRONLY, 0644));
	}
	mkdir(DIR_PATH "/sub", 0755);
	symlink("target", DIR_PATH "/link");
	fd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
	n64 = list64(fd, e64, N + 8);
	CHECK_EQ("getdents64 lists . .. sub link and 40 files", n64, N + 4);
	n32 = list32(fd, e32, N + 8, 4096, &aligned);
	CHECK_EQ("getdents lists as many", n32, n64);
	CHECK("the same names, inode numbers and d_type (last byte of the record)",
	      n32 == n64 && same(e32, e64, n64));
	CHECK("records are long-aligned", aligned);
	n32 = list32(fd, e32, N + 8, 100, &aligned);
	CHECK("in 100-byte pieces the same listing", n32 == n64 && same(e32, e64, n64));

	/* d_off: the position to resume from */
	lseek(fd, 0, SEEK_SET);
	r = syscall(SYS_getdents, fd, buf, sizeof(buf));
	CHECK("a 64-byte buffer holds at least one entry", r > 0);
	{
		struct ld *d = (struct ld *)buf;
		struct ent again[N + 8];
		char b2[4096];
		long r2;

		lseek(fd, (off_t)d->d_off, SEEK_SET);
		r2 = syscall(SYS_getdents, fd, b2, sizeof(b2));
		CHECK("lseek to the first d_off resumes at the second entry",
		      r2 > 0 && !strcmp(((struct ld *)b2)->d_name, e64[1].name));
		(void)again;
	}
	CHECK_ERR("a buffer too small for one entry: EINVAL",
		  (lseek(fd, 0, SEEK_SET), syscall(SYS_getdents, fd, buf, 8)), EINVAL);
	CHECK_ERR("bad pointer: EFAULT",
		  (lseek(fd, 0, SEEK_SET), syscall(SYS_getdents, fd, (void *)16, 4096)), EFAULT);
	CHECK_ERR("bad fd: EBADF", syscall(SYS_getdents, 999, buf, sizeof(buf)), EBADF);
	f = open(DIR_PATH "/file-with-a-longer-name-0", O_RDONLY);
	CHECK_ERR("a regular file: ENOTDIR", syscall(SYS_getdents, f, buf, sizeof(buf)), ENOTDIR);

#ifdef SYS_readdir
	lseek(fd, 0, SEEK_SET);
	nold = 0;
	while (nold < N + 8 && (r = syscall(SYS_readdir, fd, &od, 1)) == 1) {
		eold[nold].ino = od.d_ino;
		eold[nold].type = e64[nold].type;	/* readdir has no type */
		snprintf(eold[nold].name, sizeof(eold[nold].name), "%.*s", od.d_namlen, od.d_name);
		nold++;
	}
	CHECK_EQ("readdir gives one entry a call, then 0", r, 0);
	CHECK("and the same listing", nold == n64 && same(eold, e64, n64));
	CHECK_ERR("readdir of a regular file: ENOTDIR", syscall(SYS_readdir, f, &od, 1), ENOTDIR);
	CHECK_ERR("readdir bad fd: EBADF", syscall(SYS_readdir, 999, &od, 1), EBADF);
	lseek(fd, 0, SEEK_SET);
	CHECK_ERR("readdir to a bad pointer: EFAULT", syscall(SYS_readdir, fd, (void *)16, 1), EFAULT);
#endif
	close(f);
	close(fd);
	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path), DIR_PATH "/file-with-a-longer-name-%d", i);
		unlink(path);
	}
	unlink(DIR_PATH "/link");
	rmdir(DIR_PATH "/sub");
	rmdir(DIR_PATH);
	return utest_done();
}

/*
 * fs_oldstat.c - the two older stat layouts (oldstat/oldlstat/oldfstat
 * 18/84/28 and stat/lstat/fstat 106-108) agree with stat64, or say
 * EOVERFLOW exactly when a value does not fit them: a file past 2 GiB, an
 * inode number past 16 bits for the oldest layout, a big device number.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include "utest.h"

struct old_kstat {			/* __old_kernel_stat */
	uint16_t dev, ino, mode, nlink, uid, gid, rdev;
	uint32_t size, atime, mtime, ctime;
};

struct kstat32 {			/* i386 struct stat */
	uint32_t dev, ino;
	uint16_t mode, nlink, uid, gid;
	uint32_t rdev, size, blksize, blocks;
	uint32_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns, unused[2];
};

static int dev_fits(dev_t d)
{
	return major(d) < 256 && minor(d) < 256;
}

static void compare(const char *what, const char *path, int fd, int nofollow)
{
	struct stat64 s;
	struct old_kstat o;
	struct kstat32 n;
	long ro, rn;
	char msg[160];
	int fits_old, fits_new;

	if (fd >= 0) {
		fstat64(fd, &s);
		ro = syscall(SYS_oldfstat, fd, &o);
		rn = syscall(SYS_fstat, fd, &n);
	} else if (nofollow) {
		lstat64(path, &s);
		ro = syscall(SYS_oldlstat, path, &o);
		rn = syscall(SYS_lstat, path, &n);
	} else {
		stat64(path, &s);
		ro = syscall(SYS_oldstat, path, &o);
		rn = syscall(SYS_stat, path, &n);
	}
	fits_new = dev_fits(s.st_dev) && dev_fits(s.st_rdev) && s.st_size <= 0x7fffffff &&
		   s.st_nlink <= 0xffff && s.st_ino <= 0xffffffffULL;
	fits_old = fits_new && s.st_ino <= 0xffff;
	snprintf(msg, sizeof(msg), "%s: oldstat agrees with stat64, or EOVERFLOW (%s)", what,
		 fits_old ? "fits" : "does not fit");
	if (fits_old)
		CHECK(msg, ro == 0 && o.ino == s.st_ino && o.mode == s.st_mode && o.nlink == s.st_nlink &&
		      o.uid == s.st_uid && o.size == s.st_size && (long)o.mtime == s.st_mtime &&
		      o.dev == ((major(s.st_dev) << 8) | minor(s.st_dev)) &&
		      o.rdev == ((major(s.st_rdev) << 8) | minor(s.st_rdev)));
	else
		CHECK(msg, ro == -1 && errno == EOVERFLOW);
	snprintf(msg, sizeof(msg), "%s: stat agrees with stat64, or EOVERFLOW (%s)", what,
		 fits_new ? "fits" : "does not fit");
	errno = 0;
	if (fits_new)
		CHECK(msg, rn == 0 && n.ino == s.st_ino && n.mode == s.st_mode && n.nlink == s.st_nlink &&
		      n.uid == s.st_uid && n.gid == s.st_gid && n.size == s.st_size &&
		      (long)n.blksize == s.st_blksize && n.blocks == s.st_blocks &&
		      (long)n.mtime == s.st_mtime && (long)n.mtime_ns == s.st_mtim.tv_nsec);
	else
		CHECK(msg, rn == -1);
}

int main(void)
{
	char dir[64], file[96], big[96], lnk[96];
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/fs_oldstat_%d", (int)getpid());
	snprintf(file, sizeof(file), "%s/f", dir);
	snprintf(big, sizeof(big), "%s/big", dir);
	snprintf(lnk, sizeof(lnk), "%s/l", dir);
	mkdir(dir, 0755);
	fd = open(file, O_CREAT | O_RDWR, 0640);
	write(fd, "hello", 5);
	symlink("f", lnk);
	compare("a file", file, -1, 0);
	compare("its fd", NULL, fd, 0);
	compare("a symlink, not followed", lnk, -1, 1);
	compare("a directory", dir, -1, 0);
	compare("/dev/null", "/dev/null", -1, 0);
	close(fd);
	fd = open(big, O_CREAT | O_RDWR | O_LARGEFILE, 0600);
	CHECK_OK("a sparse file of 3 GiB", ftruncate64(fd, 3LL << 30));
	compare("past 2 GiB", big, -1, 0);
	CHECK_ERR("stat of a file past 2 GiB: EOVERFLOW", syscall(SYS_stat, big, &(struct kstat32){ 0 }), EOVERFLOW);
	close(fd);
	CHECK_ERR("stat of nothing: ENOENT", syscall(SYS_stat, "/nonexistent/x", &(struct kstat32){ 0 }), ENOENT);
	CHECK_ERR("stat to a bad address: EFAULT", syscall(SYS_stat, file, (void *)8), EFAULT);
	CHECK_ERR("oldfstat of a bad fd: EBADF", syscall(SYS_oldfstat, 99, &(struct old_kstat){ 0 }), EBADF);
	unlink(big);
	unlink(lnk);
	unlink(file);
	rmdir(dir);
	return utest_done();
}

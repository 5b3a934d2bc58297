/*
 * fs_attr.c - ownership and times: chown/fchown/lchown (32- and 16-bit calls)
 * and fchownat as root and as a user (only root gives a file away; the
 * owner may pick one of its own groups; set-ID bits cleared), utime, utimes,
 * futimesat; the old statfs/fstatfs; sync_file_range, syncfs, fadvise64_64,
 * readahead, fsync and fdatasync checking their arguments.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <utime.h>
#include "utest.h"

#define NOBODY 65534

static char dir[64], file[96], link_[96], rootf[96];

static struct stat st(const char *p)
{
	struct stat s;

	memset(&s, 0, sizeof(s));
	lstat(p, &s);
	return s;
}

static void as_root(void)
{
	struct stat s;
	int fd;

	chmod(file, 06755);
	CHECK_OK("root chowns to 1000:1000", chown(file, 1000, 1000));
	s = st(file);
	CHECK("owner and group changed", s.st_uid == 1000 && s.st_gid == 1000);
	CHECK_EQ("setuid and setgid (group-executable) cleared", s.st_mode & 07777, 0755);
	chmod(file, 02745);
	chown(file, 0, 0);
	CHECK_EQ("setgid without group execute stays", st(file).st_mode & 07777, 02745);
	chmod(file, 0644);
	CHECK_OK("16-bit chown", syscall(SYS_chown, file, 1234, 0xffff));
	s = st(file);
	CHECK("uid set, 0xffff left the group", s.st_uid == 1234 && s.st_gid == 0);
	fd = open(file, O_RDONLY);
	CHECK_OK("16-bit fchown", syscall(SYS_fchown, fd, 0xffff, 77));
	s = st(file);
	CHECK("gid set, 0xffff left the owner", s.st_uid == 1234 && s.st_gid == 77);
	CHECK_OK("fchown (32-bit)", fchown(fd, 0, 0));
	close(fd);
	CHECK_OK("16-bit lchown of a symlink", syscall(SYS_lchown, link_, 55, 66));
	s = st(link_);
	CHECK("the link changed", s.st_uid == 55 && s.st_gid == 66);
	CHECK_EQ("not its target", st(file).st_uid, 0);
	CHECK_OK("fchownat through the link", fchownat(AT_FDCWD, link_, 5, 6, 0));
	CHECK("changes the target", st(file).st_uid == 5 && st(link_).st_uid == 55);
	CHECK_ERR("fchownat with an unknown flag: EINVAL", fchownat(AT_FDCWD, file, 0, 0, 0x4000), EINVAL);
	CHECK_ERR("chown of nothing: ENOENT", chown("/nonexistent/x", 0, 0), ENOENT);
	CHECK_ERR("chown from a bad address: EFAULT", chown((char *)8, 0, 0), EFAULT);
	CHECK_ERR("fchown of a bad fd: EBADF", fchown(99, 0, 0), EBADF);
	chown(file, NOBODY, NOBODY);
	chmod(file, 04755);
}

/* a user: nobody, in groups nobody and 100 */
static void as_user(void)
{
	pid_t pid = fork();
	int stt;

	if (pid == 0) {
		gid_t groups[] = { NOBODY, 100 };
		int bad = 0;
		struct stat s;

		setgroups(2, groups);
		setgid(NOBODY);
		setuid(NOBODY);
		bad |= (chown(file, 0, -1) != -1 || errno != EPERM) << 0;
		bad |= (chown(file, NOBODY, -1) != 0) << 1;		/* to itself: allowed */
		s = st(file);
		bad |= ((s.st_mode & 07777) != 0755) << 2;		/* and still clears setuid */
		chmod(file, 02755);
		bad |= (chown(file, -1, 100) != 0) << 3;		/* one of its groups */
		s = st(file);
		bad |= (s.st_gid != 100 || (s.st_mode & 07777) != 0755) << 4;
		bad |= (chown(file, -1, 0) != -1 || errno != EPERM) << 5;	/* not its group */
		bad |= (chown(rootf, -1, NOBODY) != -1 || errno != EPERM) << 6;	/* not its file */
		bad |= (syscall(SYS_chown, file, 0, 0xffff) != -1 || errno != EPERM) << 7;
		_exit(bad);
	}
	waitpid(pid, &stt, 0);
	CHECK_EQ("as a user: EPERM giving a file away or to another's group; its own groups fine, "
		 "set-ID bits cleared", WIFEXITED(stt) ? WEXITSTATUS(stt) : -1, 0);
}

static void times(void)
{
	struct utimbuf u = { 1000, 2000 };
	struct timeval tv[2] = { { 3000, 500000 }, { 4000, 250000 } };
	struct stat s;
	int dfd, fd, stt;
	pid_t pid;

	CHECK_OK("utime", syscall(SYS_utime, file, &u));
	s = st(file);
	CHECK("atime 1000, mtime 2000", s.st_atime == 1000 && s.st_mtime == 2000);
	CHECK_OK("utime NULL: now", syscall(SYS_utime, file, NULL));
	CHECK("now", st(file).st_mtime > 1000000000);
	CHECK_OK("utimes", syscall(SYS_utimes, file, tv));
	s = st(file);
	CHECK("microseconds kept", s.st_atime == 3000 && s.st_atim.tv_nsec == 500000000 &&
	      s.st_mtime == 4000 && s.st_mtim.tv_nsec == 250000000);
	tv[1].tv_usec = 1000000;
	CHECK_ERR("utimes tv_usec 1000000: EINVAL", syscall(SYS_utimes, file, tv), EINVAL);
	tv[1].tv_usec = -1;
	CHECK_ERR("utimes tv_usec -1: EINVAL", syscall(SYS_utimes, file, tv), EINVAL);
	tv[1].tv_usec = 0;
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK_OK("futimesat relative to a directory fd", syscall(SYS_futimesat, dfd, "f", tv));
	CHECK_EQ("it reached the file", st(file).st_mtime, 4000);
	fd = open(file, O_RDONLY);
	tv[1].tv_sec = 5000;
	CHECK_OK("futimesat of an fd (NULL name)", syscall(SYS_futimesat, fd, NULL, tv));
	CHECK_EQ("the fd's file", st(file).st_mtime, 5000);
	close(fd);
	close(dfd);
	CHECK_ERR("utime of nothing: ENOENT", syscall(SYS_utime, "/nonexistent/x", NULL), ENOENT);
	CHECK_ERR("utimes from a bad address: EFAULT", syscall(SYS_utimes, file, (void *)8), EFAULT);
	chmod(file, 0644);	/* owned by nobody, not writable by others */
	chmod(rootf, 0666);
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		setgid(NOBODY);
		setuid(NOBODY);
		bad |= (syscall(SYS_utime, rootf, &u) != -1 || errno != EPERM) << 0;
		bad |= (syscall(SYS_utime, rootf, NULL) != 0) << 1;	/* writable: "now" is fine */
		chmod(rootf, 0);
		_exit(bad);
	}
	waitpid(pid, &stt, 0);
	chmod(rootf, 0644);
	pid = fork();
	if (pid == 0) {
		setgid(NOBODY);
		setuid(NOBODY);
		_exit(syscall(SYS_utime, rootf, NULL) != -1 || errno != EACCES);
	}
	waitpid(pid, &stt + 0, 0);
	CHECK_EQ("a user sets times only on its own file; \"now\" where it may write", 0,
		 0 + (WIFEXITED(stt) ? WEXITSTATUS(stt) : 9));
}

struct statfs32 {
	unsigned int f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	unsigned int f_namelen, f_frsize, f_flags, f_spare[4];
};

static void statfs_and_sync(void)
{
	struct statfs32 sf;
	int fd = open(file, O_RDWR), wo = open(file, O_WRONLY), p[2];

	pipe(p);
	memset(&sf, 0, sizeof(sf));
	CHECK_OK("statfs (the old call)", syscall(SYS_statfs, dir, &sf));
	CHECK("a type, a block size, a name length", sf.f_type && sf.f_bsize && sf.f_namelen == 255);
	CHECK_OK("fstatfs", syscall(SYS_fstatfs, fd, &sf));
	CHECK_ERR("statfs of nothing: ENOENT", syscall(SYS_statfs, "/nonexistent/x", &sf), ENOENT);
	CHECK_ERR("statfs to a bad address: EFAULT", syscall(SYS_statfs, dir, (void *)8), EFAULT);
	CHECK_ERR("fstatfs of a bad fd: EBADF", syscall(SYS_fstatfs, 99, &sf), EBADF);

	CHECK_OK("sync_file_range", syscall(SYS_sync_file_range, fd, 0, 0, 0, 0, 2));
	CHECK_ERR("sync_file_range unknown flag: EINVAL", syscall(SYS_sync_file_range, fd, 0, 0, 0, 0, 8), EINVAL);
	CHECK_ERR("sync_file_range negative offset: EINVAL",
		  syscall(SYS_sync_file_range, fd, 0, 0x80000000, 0, 0, 2), EINVAL);
	CHECK_ERR("sync_file_range on a pipe: ESPIPE", syscall(SYS_sync_file_range, p[0], 0, 0, 0, 0, 2), ESPIPE);
	CHECK_ERR("sync_file_range on a bad fd: EBADF", syscall(SYS_sync_file_range, 99, 0, 0, 0, 0, 2), EBADF);
	CHECK_OK("syncfs", syscall(SYS_syncfs, fd));
	CHECK_ERR("syncfs of a bad fd: EBADF", syscall(SYS_syncfs, 99), EBADF);
	CHECK_EQ("posix_fadvise WILLNEED", posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED), 0);
	CHECK_EQ("posix_fadvise DONTNEED of a range", posix_fadvise(fd, 4096, 8192, POSIX_FADV_DONTNEED), 0);
	CHECK_EQ("posix_fadvise advice 99: EINVAL", posix_fadvise(fd, 0, 0, 99), EINVAL);
	CHECK_ERR("fadvise64_64 negative length: EINVAL", syscall(SYS_fadvise64_64, fd, 0, 0, -1, -1, POSIX_FADV_NORMAL), EINVAL);
	CHECK_EQ("posix_fadvise on a pipe: ESPIPE", posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL), ESPIPE);
	CHECK_EQ("posix_fadvise on a bad fd: EBADF", posix_fadvise(99, 0, 0, POSIX_FADV_NORMAL), EBADF);
	CHECK_OK("readahead", readahead(fd, 0, 4096));
	CHECK_ERR("readahead on a pipe: EINVAL", readahead(p[0], 0, 4096), EINVAL);
	CHECK_ERR("readahead on a write-only fd: EBADF", readahead(wo, 0, 4096), EBADF);
	CHECK_OK("fsync", fsync(fd));
	CHECK_OK("fdatasync", fdatasync(fd));
	CHECK_ERR("fsync of a bad fd: EBADF", fsync(99), EBADF);
	sync();
	close(fd);
	close(wo);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/fs_attr_%d", (int)getpid());
	snprintf(file, sizeof(file), "%s/f", dir);
	snprintf(link_, sizeof(link_), "%s/l", dir);
	snprintf(rootf, sizeof(rootf), "%s/root", dir);
	mkdir(dir, 0755);
	fd = open(file, O_CREAT | O_RDWR, 0644);
	close(fd);
	fd = open(rootf, O_CREAT | O_RDWR, 0644);
	close(fd);
	symlink("f", link_);
	as_root();
	as_user();
	times();
	statfs_and_sync();
	unlink(link_);
	unlink(file);
	unlink(rootf);
	rmdir(dir);
	return utest_done();
}

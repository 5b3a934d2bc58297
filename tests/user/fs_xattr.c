/*
 * fs_xattr.c - the extended-attribute calls on files that keep none (/proc
 * files, directories and symlinks, pipes): EOPNOTSUPP to get, set and remove,
 * an empty list; "user." names only on regular files and directories, and
 * "trusted." only for CAP_SYS_ADMIN; the name, size, flag and pointer checks
 * (ERANGE, E2BIG, EINVAL, EFAULT), ENOENT, ENOTDIR and EBADF.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include "utest.h"

#define BAD ((void *)1)

static void no_attributes(void)
{
	char buf[64], list[64];
	int fd = open("/proc/meminfo", O_RDONLY);

	CHECK_ERR("getxattr user. on a /proc file: EOPNOTSUPP", getxattr("/proc/meminfo", "user.x", buf, sizeof(buf)), EOPNOTSUPP);
	CHECK_ERR("getxattr with size 0 (the length query): EOPNOTSUPP", getxattr("/proc/meminfo", "user.x", NULL, 0), EOPNOTSUPP);
	CHECK_ERR("getxattr a directory (/proc): EOPNOTSUPP", getxattr("/proc", "user.x", buf, sizeof(buf)), EOPNOTSUPP);
	CHECK_ERR("setxattr user.: EOPNOTSUPP", setxattr("/proc/meminfo", "user.x", "1", 1, 0), EOPNOTSUPP);
	CHECK_ERR("setxattr an unknown prefix: EOPNOTSUPP", setxattr("/proc/meminfo", "foo.x", "1", 1, 0), EOPNOTSUPP);
	CHECK_ERR("setxattr XATTR_CREATE: EOPNOTSUPP", setxattr("/proc/meminfo", "user.x", "1", 1, XATTR_CREATE), EOPNOTSUPP);
	CHECK_ERR("setxattr an empty value: EOPNOTSUPP", setxattr("/proc/meminfo", "user.x", NULL, 0, 0), EOPNOTSUPP);
	CHECK_ERR("removexattr: EOPNOTSUPP", removexattr("/proc/meminfo", "user.x"), EOPNOTSUPP);
	CHECK_ERR("trusted. as root: EOPNOTSUPP", getxattr("/proc/meminfo", "trusted.x", buf, sizeof(buf)), EOPNOTSUPP);
	CHECK_EQ("listxattr: an empty list", listxattr("/proc/meminfo", list, sizeof(list)), 0);
	CHECK_EQ("listxattr with size 0: 0 bytes needed", listxattr("/proc/meminfo", NULL, 0), 0);
	CHECK_EQ("llistxattr of a symlink (/proc/self): empty", llistxattr("/proc/self", list, sizeof(list)), 0);
	CHECK_ERR("lgetxattr user. on a symlink: ENODATA (user. only on files and directories)", lgetxattr("/proc/self", "user.x", buf, sizeof(buf)), ENODATA);
	CHECK_ERR("lsetxattr user. on a symlink: EPERM", lsetxattr("/proc/self", "user.x", "1", 1, 0), EPERM);
	CHECK_ERR("lremovexattr user. on a symlink: EPERM", lremovexattr("/proc/self", "user.x"), EPERM);
	CHECK_ERR("getxattr follows the symlink to a directory: EOPNOTSUPP", getxattr("/proc/self", "user.x", buf, sizeof(buf)), EOPNOTSUPP);
	CHECK_ERR("fgetxattr: EOPNOTSUPP", fgetxattr(fd, "user.x", buf, sizeof(buf)), EOPNOTSUPP);
	CHECK_ERR("fsetxattr: EOPNOTSUPP", fsetxattr(fd, "user.x", "1", 1, 0), EOPNOTSUPP);
	CHECK_ERR("fremovexattr: EOPNOTSUPP", fremovexattr(fd, "user.x"), EOPNOTSUPP);
	CHECK_EQ("flistxattr: empty", flistxattr(fd, list, sizeof(list)), 0);
	close(fd);
}

static void pipes(void)
{
	char buf[16];
	int p[2];

	if (pipe(p))
		return;
	CHECK_ERR("fgetxattr user. on a pipe: ENODATA", fgetxattr(p[0], "user.x", buf, sizeof(buf)), ENODATA);
	CHECK_ERR("fsetxattr user. on a pipe: EPERM", fsetxattr(p[1], "user.x", "1", 1, 0), EPERM);
	CHECK_ERR("fremovexattr user. on a pipe: EPERM", fremovexattr(p[0], "user.x"), EPERM);
	CHECK_ERR("fgetxattr trusted. on a pipe as root: EOPNOTSUPP", fgetxattr(p[0], "trusted.x", buf, sizeof(buf)), EOPNOTSUPP);
	CHECK_ERR("fsetxattr trusted. on a pipe as root: EOPNOTSUPP", fsetxattr(p[0], "trusted.x", "1", 1, 0), EOPNOTSUPP);
	CHECK_EQ("flistxattr on a pipe: empty", flistxattr(p[0], buf, sizeof(buf)), 0);
	close(p[0]);
	close(p[1]);
}

static void bad_arguments(void)
{
	static char big[65537], name[300];
	char buf[16];

	memset(name, 'a', sizeof(name) - 1);
	memcpy(name, "user.", 5);
	name[256] = 0;	/* 256 bytes: one past XATTR_NAME_MAX */
	CHECK_ERR("a 256-byte name: ERANGE", getxattr("/proc/meminfo", name, buf, sizeof(buf)), ERANGE);
	CHECK_ERR("setxattr a 256-byte name: ERANGE", setxattr("/proc/meminfo", name, "1", 1, 0), ERANGE);
	CHECK_ERR("removexattr a 256-byte name: ERANGE", removexattr("/proc/meminfo", name), ERANGE);
	name[255] = 0;	/* 255 bytes: allowed */
	CHECK_ERR("a 255-byte name is accepted: EOPNOTSUPP", getxattr("/proc/meminfo", name, buf, sizeof(buf)), EOPNOTSUPP);
	CHECK_ERR("an empty name: ERANGE", getxattr("/proc/meminfo", "", buf, sizeof(buf)), ERANGE);
	CHECK_ERR("setxattr an empty name: ERANGE", setxattr("/proc/meminfo", "", "1", 1, 0), ERANGE);
	CHECK_ERR("a value of 65537 bytes: E2BIG", setxattr("/proc/meminfo", "user.x", big, sizeof(big), 0), E2BIG);
	CHECK_ERR("a value of 65536 bytes is accepted: EOPNOTSUPP", setxattr("/proc/meminfo", "user.x", big, 65536, 0), EOPNOTSUPP);
	CHECK_ERR("flags 4: EINVAL", setxattr("/proc/meminfo", "user.x", "1", 1, 4), EINVAL);
	CHECK_ERR("a bad name pointer: EFAULT", syscall(SYS_getxattr, "/proc/meminfo", BAD, buf, sizeof(buf)), EFAULT);
	CHECK_ERR("setxattr a bad value pointer: EFAULT", syscall(SYS_setxattr, "/proc/meminfo", "user.x", BAD, 8, 0), EFAULT);
	CHECK_ERR("a bad path pointer: EFAULT", syscall(SYS_getxattr, BAD, "user.x", buf, sizeof(buf)), EFAULT);
	CHECK_ERR("no such file: ENOENT", getxattr("/proc/no-such-file", "user.x", buf, sizeof(buf)), ENOENT);
	CHECK_ERR("listxattr of no such file: ENOENT", listxattr("/proc/no-such-file", buf, sizeof(buf)), ENOENT);
	CHECK_ERR("a file used as a directory: ENOTDIR", removexattr("/proc/meminfo/x", "user.x"), ENOTDIR);
	CHECK_ERR("fgetxattr a closed fd: EBADF", fgetxattr(999, "user.x", buf, sizeof(buf)), EBADF);
	CHECK_ERR("flistxattr a closed fd: EBADF", flistxattr(999, buf, sizeof(buf)), EBADF);
	CHECK_ERR("fsetxattr a closed fd: EBADF", fsetxattr(999, "user.x", "1", 1, 0), EBADF);
	CHECK_ERR("fremovexattr a closed fd: EBADF", fremovexattr(-1, "user.x"), EBADF);
}

/* without CAP_SYS_ADMIN, trusted. names do not exist (get) or may not be made (set) */
static void as_user(void)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		char buf[16];
		int p[2];

		if (setgid(65534) || setuid(65534) || pipe(p))
			_exit(2);
		if (fgetxattr(p[0], "trusted.x", buf, sizeof(buf)) != -1 || errno != ENODATA)
			_exit(3);
		if (fsetxattr(p[0], "trusted.x", "1", 1, 0) != -1 || errno != EPERM)
			_exit(4);
		if (getxattr("/proc/meminfo", "trusted.x", buf, sizeof(buf)) != -1 || errno != ENODATA)
			_exit(5);
		if (getxattr("/proc/meminfo", "user.x", buf, sizeof(buf)) != -1 || errno != EOPNOTSUPP)
			_exit(6);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ("as nobody: trusted. gives ENODATA to get, EPERM to set; user. EOPNOTSUPP (exit 0)",
		 WIFEXITED(status) ? WEXITSTATUS(status) : 100 + status, 0);
}

int main(void)
{
	no_attributes();
	pipes();
	bad_arguments();
	as_user();
	return utest_done();
}

/*
 * fs_file_limits.c - the limits on open files, as Linux: fs.nr_open (1048576)
 * bounds RLIMIT_NOFILE for everyone, root included (EPERM past it), a user
 * may not raise the hard limit (EPERM); dup2 and F_DUPFD reach fds far past
 * the table's current size, up to nr_open - 1; fs.file-nr counts the
 * system's files (allocated, 0, file-max) and past fs.file-max a user gets
 * ENFILE while root goes on. The file-max part lowers the system's limit, so
 * it runs only in this kernel (on a Linux host it would hit everyone).
 */
#include <fcntl.h>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "utest.h"

static long read_long(const char *path, int field)
{
	char buf[128];
	long v[3] = { -1, -1, -1 };

	if (utest_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	sscanf(buf, "%ld %ld %ld", &v[0], &v[1], &v[2]);
	return v[field];
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), r;

	if (fd < 0)
		return -errno;
	r = write(fd, s, strlen(s));
	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

static int in_this_kernel(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.version, "ipckernel") != NULL;
}

/* as nobody: the hard limit cannot go up; the soft one can, to the hard one */
static int user_limits(void)
{
	struct rlimit rl;

	if (setuid(65534))
		return 1;
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_max != 4096)
		return 2;
	rl.rlim_cur = rl.rlim_max = 4097;
	if (setrlimit(RLIMIT_NOFILE, &rl) != -1 || errno != EPERM)
		return 3;
	rl.rlim_cur = rl.rlim_max = 4096;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return 4;
	if (dup2(0, 4095) != 4095 || dup2(0, 4096) != -1 || errno != EBADF)
		return 5;
	rl.rlim_cur = rl.rlim_max = 100;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		return 6;
	rl.rlim_cur = rl.rlim_max = 101;	/* lowered is lowered for good */
	if (setrlimit(RLIMIT_NOFILE, &rl) != -1 || errno != EPERM)
		return 7;
	return 0;
}

/* as nobody with file-max 20 above what is open: ENFILE within about 20 opens */
static int user_enfile(void)
{
	if (setuid(65534))
		return 1;
	for (int made = 0; made < 200; made++)
		if (open("/dev/null", O_RDONLY) < 0)
			return errno != ENFILE ? 2 : made > 24 ? 3 : 0;
	return 4;
}

static int child(int (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

int main(void)
{
	struct rlimit rl, saved;
	long nr_open = read_long("/proc/sys/fs/nr_open", 0);
	long max = read_long("/proc/sys/fs/file-max", 0), before, after;
	char buf[32];
	int fds[1000];
	long top;

	alarm(60);
	CHECK_EQ("fs.nr_open is Linux's 1048576", nr_open, 1048576);
	CHECK("fs.file-max is at least NR_FILE (8192)", max >= 8192);
	CHECK_EQ("fs.file-nr's second field is 0", read_long("/proc/sys/fs/file-nr", 1), 0);
	CHECK_EQ("fs.file-nr's third is file-max", read_long("/proc/sys/fs/file-nr", 2), max);
	CHECK_ERR("fs.file-nr is read-only", open("/proc/sys/fs/file-nr", O_WRONLY), EACCES);
	CHECK_EQ("nr_open below a word of fds (31): EINVAL", write_str("/proc/sys/fs/nr_open", "31\n"),
		 -EINVAL);
	snprintf(buf, sizeof(buf), "%ld\n", nr_open);
	CHECK_EQ("nr_open written with its own value", write_str("/proc/sys/fs/nr_open", buf), 0);

	/* file-nr follows the files the system holds */
	before = read_long("/proc/sys/fs/file-nr", 0);
	for (int i = 0; i < 1000; i++)
		fds[i] = open("/dev/null", O_RDONLY);
	after = read_long("/proc/sys/fs/file-nr", 0);
	CHECK("1000 more open files: file-nr grew by 500 at least (others' noise aside)",
	      after - before >= 500);
	for (int i = 0; i < 1000; i++)
		close(fds[i]);

	getrlimit(RLIMIT_NOFILE, &saved);
	rl.rlim_cur = rl.rlim_max = nr_open + 1;
	CHECK_ERR("RLIMIT_NOFILE past nr_open, even for root: EPERM", setrlimit(RLIMIT_NOFILE, &rl),
		  EPERM);
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	CHECK_ERR("RLIMIT_NOFILE unlimited: EPERM", setrlimit(RLIMIT_NOFILE, &rl), EPERM);
	/* a container's root may lack CAP_SYS_RESOURCE: then up to its own hard limit */
	rl.rlim_cur = rl.rlim_max = nr_open;
	if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
		top = nr_open;
	else
		top = saved.rlim_max;
	if (in_this_kernel())
		CHECK_EQ("RLIMIT_NOFILE up to nr_open (root)", top, nr_open);
	rl.rlim_cur = rl.rlim_max = top;
	CHECK_OK("RLIMIT_NOFILE at the top", setrlimit(RLIMIT_NOFILE, &rl));
	CHECK_EQ("F_DUPFD 5000, far past the table: 5000", fcntl(0, F_DUPFD, 5000), 5000);
	CHECK_EQ("F_DUPFD 5000 again: the next free, 5001", fcntl(0, F_DUPFD, 5000), 5001);
	CHECK_EQ("dup2 to top / 2", dup2(0, top / 2), top / 2);
	CHECK_EQ("dup2 to top - 1", dup2(0, top - 1), top - 1);
	CHECK_ERR("dup2 to top: EBADF", dup2(0, top), EBADF);
	CHECK_ERR("F_DUPFD at top: EINVAL", fcntl(0, F_DUPFD, top), EINVAL);
	CHECK_ERR("F_DUPFD top - 1, taken: EMFILE", fcntl(0, F_DUPFD, top - 1), EMFILE);
	CHECK_EQ("fd top - 1 is open", fcntl(top - 1, F_GETFD), 0);
	close(top - 1);
	close(top / 2);
	close(5000);
	close(5001);
	CHECK_OK("RLIMIT_NOFILE back", setrlimit(RLIMIT_NOFILE, &saved));

	if (saved.rlim_max == 4096)	/* a Linux default: a host may set another */
		CHECK_EQ("as a user: hard limit not raised, soft up to it", child(user_limits), 0);

	if (in_this_kernel()) {
		int fd;

		before = read_long("/proc/sys/fs/file-nr", 0);
		snprintf(buf, sizeof(buf), "%ld\n", before + 20);
		CHECK_EQ("file-max lowered to 20 above what is open",
			 write_str("/proc/sys/fs/file-max", buf), 0);
		CHECK_EQ("a user reaches ENFILE within those 20 files", child(user_enfile), 0);
		fd = open("/dev/null", O_RDONLY);
		for (int i = 0; i < 30; i++)
			fds[i] = open("/dev/null", O_RDONLY);
		CHECK("root opens past file-max (CAP_SYS_ADMIN)", fds[29] >= 0);
		for (int i = 0; i < 30; i++)
			close(fds[i]);
		close(fd);
		snprintf(buf, sizeof(buf), "%ld\n", max);
		CHECK_EQ("file-max restored", write_str("/proc/sys/fs/file-max", buf), 0);
		CHECK_EQ("file-max reads back", read_long("/proc/sys/fs/file-max", 0), max);
	}
	return utest_done();
}

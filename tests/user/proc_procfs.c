/*
 * tests/user/proc_procfs.c - the /proc that glibc and LTP reach for first:
 * /proc/self is a link to the caller's pid, /proc/PID/exe a link to the
 * program it runs (what readlink("/proc/self/exe") reports), and a reaped
 * process's directory is gone.
 */
#include "utest.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	char exe[PATH_MAX], real[PATH_MAX], self[32], path[64], buf[PATH_MAX];
	int p[2], fd;
	ssize_t n;
	pid_t pid;

	(void)argc;
	alarm(20);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	CHECK("readlink(/proc/self/exe) succeeds", n > 0);
	exe[n > 0 ? n : 0] = '\0';
	CHECK("and names this program (realpath of argv[0])",
	      realpath(argv[0], real) && !strcmp(real, exe));
	n = readlink("/proc/self", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	CHECK_EQ("/proc/self links to our pid", atoi(self), getpid());
	CHECK_EQ("a too-small buffer gets the first bytes, unterminated", readlink("/proc/self/exe", buf, 3), 3);
	CHECK("which are the path's first three", !memcmp(buf, exe, 3));

	fd = open("/proc/self/exe", O_RDONLY);
	CHECK("open(/proc/self/exe) follows the link to the program", fd >= 0);
	if (fd >= 0) {
		CHECK_EQ("it reads", read(fd, buf, 4), 4);
		CHECK("and starts with the ELF magic", !memcmp(buf, "\177ELF", 4));
		close(fd);
	}

	/* a child's entry, while it lives and after it is reaped */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		char c;

		close(p[1]);
		read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	n = readlink(path, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK("/proc/CHILD/exe names the same program (fork keeps it)", n > 0 && !strcmp(buf, exe));
	close(p[1]);
	waitpid(pid, NULL, 0);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	CHECK_ERR("a reaped child's /proc/PID is gone", access(path, F_OK), ENOENT);
	CHECK_ERR("/proc/999999 does not exist", access("/proc/999999/exe", F_OK), ENOENT);
	return utest_done();
}

/*
 * proc_exec_xonly.c - exec needs only execute permission: uid 65534 runs a
 * mode-0711 copy of a root-owned binary it cannot read (Linux: open_exec checks
 * MAY_EXEC alone), while a mode-0700 or 0644 one stays EACCES; the kernel
 * reads a mode-0711 "#!" script's first line for it too.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "utest.h"

/* copy this program to path with mode */
static int copy_self(const char *path, mode_t mode)
{
	char buf[65536];
	int in = open("/proc/self/exe", O_RDONLY), out;
	ssize_t n;

	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	close(out);
	return chmod(path, mode);
}

/* exec path as uid 65534: its exit status, or 200 + errno when exec failed */
static int run_as_nobody(const char *path)
{
	int status = -1, p[2], err = 0;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)path, "child", NULL };

		close(p[0]);
		fcntl(p[1], F_SETFD, FD_CLOEXEC);
		if (setuid(65534))
			_exit(98);
		execv(path, argv);
		err = errno;
		write(p[1], &err, sizeof(err));
		_exit(99);
	}
	close(p[1]);
	if (read(p[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(p[0]);
	waitpid(pid, &status, 0);
	if (err)
		return 200 + err;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(int argc, char **argv)
{
	char xonly[64], owner[64], rd[64], script[64];
	int fd;

	if (argc > 1 && !strcmp(argv[1], "child"))
		return 42;
	alarm(20);
	snprintf(xonly, sizeof(xonly), "/tmp/proc_exec_xonly_%d", (int)getpid());
	snprintf(owner, sizeof(owner), "/tmp/proc_exec_0700_%d", (int)getpid());
	snprintf(rd, sizeof(rd), "/tmp/proc_exec_0644_%d", (int)getpid());
	snprintf(script, sizeof(script), "/tmp/proc_exec_sh_%d", (int)getpid());
	CHECK_EQ("copy this program to a mode-0711 file", copy_self(xonly, 0711), 0);
	CHECK_EQ("and to a mode-0700 file", copy_self(owner, 0700), 0);
	CHECK_EQ("and to a mode-0644 file", copy_self(rd, 0644), 0);
	fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	dprintf(fd, "#!%s child\n", xonly);
	close(fd);
	chmod(script, 0711);

	CHECK_EQ("uid 65534 execs the mode-0711 binary it cannot read (exit 42)",
		 run_as_nobody(xonly), 42);
	CHECK_EQ("uid 65534 cannot open it for reading", ({
		int r = -1; pid_t p = fork();
		if (p == 0) { setuid(65534); _exit(open(xonly, O_RDONLY) < 0 && errno == EACCES ? 0 : 1); }
		waitpid(p, &r, 0); WIFEXITED(r) ? WEXITSTATUS(r) : -1; }), 0);
	CHECK_EQ("uid 65534 exec of a mode-0700 binary is EACCES", run_as_nobody(owner), 200 + EACCES);
	CHECK_EQ("uid 65534 exec of a mode-0644 file is EACCES", run_as_nobody(rd), 200 + EACCES);
	CHECK_EQ("uid 65534 exec of a mode-0711 #! script (the kernel reads its #! line): exit 42",
		 run_as_nobody(script), 42);
	unlink(xonly);
	unlink(owner);
	unlink(rd);
	unlink(script);
	return utest_done();
}

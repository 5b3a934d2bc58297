/*
 * proc_exe_perm.c - /proc/PID/exe of another user's process is EACCES (Linux:
 * ptrace_may_access with the caller's fs credentials), for readlink and for
 * opening through it; one's own, and a process with the same credentials, are
 * readable; root may read any.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include "utest.h"

static pid_t spawn_sleeper(int uid)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { "proc_exe_perm", "sleep", NULL };

		if (uid >= 0 && setuid(uid))
			_exit(98);
		/* exec again, so the process is dumpable after its setuid, as Linux wants */
		execv("/proc/self/exe", argv);
		_exit(99);
	}
	usleep(100000);
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
	char path[64], buf[256], self[256];
	pid_t root_pid, nobody_pid, pid;
	int status;
	ssize_t n;

	if (argc > 1 && !strcmp(argv[1], "sleep")) {
		pause();
		return 0;
	}
	alarm(20);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	CHECK("readlink /proc/self/exe", n > 0);
	self[n > 0 ? n : 0] = 0;
	root_pid = spawn_sleeper(-1);
	nobody_pid = spawn_sleeper(65534);

	pid = fork();
	if (pid == 0) {
		if (setuid(65534))
			_exit(98);
		snprintf(path, sizeof(path), "/proc/%d/exe", (int)root_pid);
		CHECK_ERR("uid 65534: readlink of root's /proc/PID/exe is EACCES",
			  readlink(path, buf, sizeof(buf)), EACCES);
		CHECK_ERR("uid 65534: open through root's /proc/PID/exe is EACCES",
			  open(path, O_RDONLY), EACCES);
		CHECK_EQ("uid 65534: but its own /proc/self/exe reads",
			 readlink("/proc/self/exe", buf, sizeof(buf)), strlen(self));
		snprintf(path, sizeof(path), "/proc/%d/exe", (int)nobody_pid);
		n = readlink(path, buf, sizeof(buf) - 1);
		CHECK_EQ("uid 65534: and so does another uid 65534 process's", n, strlen(self));
		fflush(stdout);
		_exit(utest_failed ? 1 : 0);
	}
	waitpid(pid, &status, 0);
	CHECK("the uid 65534 checks passed", WIFEXITED(status) && WEXITSTATUS(status) == 0);

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)nobody_pid);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n >= 0)
		buf[n] = 0;
	CHECK("root reads uid 65534's /proc/PID/exe", n > 0 && !strcmp(buf, self));
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)root_pid);
	CHECK_OK("root opens through another root process's /proc/PID/exe", open(path, O_RDONLY));
	reap(root_pid);
	reap(nobody_pid);
	return utest_done();
}

/*
 * proc_exec.c - execve: the new image gets exactly the argv and envp passed, keeps
 * its pid and parent, loses close-on-exec fds, caught signals reset to SIG_DFL while
 * ignored ones and the blocked mask stay; ENOENT/EACCES/ENOEXEC/ENOTDIR; #! scripts.
 * The program re-executes itself (through argv[0]) with a marker first argument.
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "utest.h"

extern char **environ;

static char self[PATH_MAX];	/* argv[0] as given: a path that works */

/* Marker mode 1: check argv/envp/pid, report failures as exit-status bits. */
static int child_args(int argc, char **argv)
{
	int bad = 0;

	/* argv: "zeroth" --args <pid> <ppid> "" "two words" */
	if (argc != 6 || argv[6] != NULL)
		bad |= 1;
	else {
		if (strcmp(argv[0], "zeroth") || strcmp(argv[4], "") ||
		    strcmp(argv[5], "two words"))
			bad |= 2;
		if (atoi(argv[2]) != getpid())
			bad |= 4;
		if (atoi(argv[3]) != getppid())
			bad |= 8;
	}
	if (!environ || !environ[0] || strcmp(environ[0], "FOO=bar") ||
	    !environ[1] || strcmp(environ[1], "EMPTY=") || environ[2])
		bad |= 16;
	if (!getenv("FOO") || strcmp(getenv("FOO"), "bar") || getenv("PATH"))
		bad |= 32;
	return bad;
}

/* Marker mode 2: argv[2] = a close-on-exec fd, argv[3] = a kept pipe write end. */
static int child_fds(char **argv)
{
	int cloexec_fd = atoi(argv[2]), kept = atoi(argv[3]), cloexec2 = atoi(argv[4]);
	int bad = 0;

	errno = 0;
	if (fcntl(cloexec_fd, F_GETFD) != -1 || errno != EBADF)
		bad |= 1;
	errno = 0;
	if (fcntl(cloexec2, F_GETFD) != -1 || errno != EBADF)
		bad |= 2;
	if (fcntl(kept, F_GETFD) != 0)
		bad |= 4;
	if (write(kept, "kept", 4) != 4)
		bad |= 8;
	return bad;
}

/* Marker mode 3: signal dispositions and the blocked mask after exec. */
static int child_signals(void)
{
	struct sigaction sa;
	sigset_t cur;
	int bad = 0;

	sigaction(SIGUSR1, NULL, &sa);
	if (sa.sa_handler != SIG_DFL)
		bad |= 1;
	sigaction(SIGUSR2, NULL, &sa);
	if (sa.sa_handler != SIG_IGN)
		bad |= 2;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	if (!sigismember(&cur, SIGINT))
		bad |= 4;
	if (sigismember(&cur, SIGUSR1))
		bad |= 8;
	return bad;
}

/* Marker mode 4: run as a #! interpreter: argv = self "--script" script "x1" */
static int child_script(int argc, char **argv, const char *want_script)
{
	int bad = 0;

	if (argc != 4)
		return 1;
	if (strcmp(argv[2], want_script))
		bad |= 2;
	if (strcmp(argv[3], "x1"))
		bad |= 4;
	if (argv[0][0] != '/')
		bad |= 8;
	return bad;
}

static void never_called(int sig)
{
	(void)sig;
}

/* Fork, execve in the child; return its exit status (1000 + signal if killed). */
static int run(const char *path, char *const av[], char *const ev[])
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, av, ev);
		_exit(200 + (errno & 31));
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

static int write_file(const char *path, const char *text, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	write(fd, text, strlen(text));
	return close(fd);
}

int main(int argc, char **argv)
{
	char pidbuf[16], ppidbuf[16], fdbuf[3][16], abs[PATH_MAX];
	char noexec[64], text[64], script[64], line[PATH_MAX + 64], buf[8];
	char *av[8], *ev[4];
	int code, p[2], fd, fd2, st;
	struct sigaction sa;
	sigset_t set;
	pid_t pid;

	if (argc >= 2 && !strcmp(argv[1], "--args"))
		return child_args(argc, argv);
	if (argc >= 5 && !strcmp(argv[1], "--fds"))
		return child_fds(argv);
	if (argc >= 2 && !strcmp(argv[1], "--signals"))
		return child_signals();
	if (argc >= 3 && !strcmp(argv[1], "--script")) {
		snprintf(script, sizeof(script), "/tmp/proc_exec_%d.sh", (int)getppid());
		return child_script(argc, argv, script);
	}
	if (argc >= 2 && !strcmp(argv[1], "--exit"))
		return 42;

	alarm(20);
	snprintf(self, sizeof(self), "%s", argv[0]);
	if (!realpath(argv[0], abs))
		snprintf(abs, sizeof(abs), "%s", argv[0]);
	snprintf(noexec, sizeof(noexec), "/tmp/proc_exec_%d.noexec", (int)getpid());
	snprintf(text, sizeof(text), "/tmp/proc_exec_%d.txt", (int)getpid());
	snprintf(script, sizeof(script), "/tmp/proc_exec_%d.sh", (int)getpid());

	/* The simplest exec: the new image's exit status reaches the parent. */
	av[0] = self; av[1] = "--exit"; av[2] = NULL;
	ev[0] = NULL;
	CHECK_EQ("exec'd copy's exit status 42 reaches the parent", run(self, av, ev), 42);

	/* argv and envp arrive exactly; pid and ppid are kept across exec. */
	pid = fork();
	if (pid == 0) {
		snprintf(pidbuf, sizeof(pidbuf), "%d", (int)getpid());
		snprintf(ppidbuf, sizeof(ppidbuf), "%d", (int)getppid());
		av[0] = "zeroth"; av[1] = "--args"; av[2] = pidbuf; av[3] = ppidbuf;
		av[4] = ""; av[5] = "two words"; av[6] = NULL;
		ev[0] = "FOO=bar"; ev[1] = "EMPTY="; ev[2] = NULL;
		execve(self, av, ev);
		_exit(255);
	}
	waitpid(pid, &st, 0);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	CHECK("execve returned nothing and the new image ran", code != 255);
	CHECK_EQ("new image sees argc 6 and a NULL argv[argc]", code & 1, 0);
	CHECK_EQ("new image sees argv[0] as passed, an empty argument and one with a space",
		 code & 2, 0);
	CHECK_EQ("getpid() is unchanged across execve", code & 4, 0);
	CHECK_EQ("getppid() is unchanged across execve", code & 8, 0);
	CHECK_EQ("environ holds exactly FOO=bar and EMPTY= in order", code & 16, 0);
	CHECK_EQ("getenv sees FOO and nothing of the parent's environment", code & 32, 0);

	/* Close-on-exec fds are closed, others kept. */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		fd = open(text, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		fd2 = dup(p[1]);
		fcntl(fd2, F_SETFD, FD_CLOEXEC);
		snprintf(fdbuf[0], 16, "%d", fd);
		snprintf(fdbuf[1], 16, "%d", p[1]);
		snprintf(fdbuf[2], 16, "%d", fd2);
		av[0] = self; av[1] = "--fds"; av[2] = fdbuf[0]; av[3] = fdbuf[1];
		av[4] = fdbuf[2]; av[5] = NULL;
		ev[0] = NULL;
		execve(self, av, ev);
		_exit(255);
	}
	close(p[1]);
	waitpid(pid, &st, 0);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	CHECK_EQ("an fd opened with O_CLOEXEC is closed by execve (EBADF)", code & 1, 0);
	CHECK_EQ("an fd given FD_CLOEXEC by F_SETFD is closed by execve", code & 2, 0);
	CHECK_EQ("an fd without close-on-exec is kept, with flags 0", code & 4, 0);
	CHECK_EQ("the new image can write to the kept pipe (exit 0)", code, 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ("the parent reads the 4 bytes the new image wrote", read(p[0], buf, 8), 4);
	CHECK("and they are \"kept\"", !memcmp(buf, "kept", 4));
	CHECK_EQ("then EOF: the close-on-exec duplicate did not keep the pipe open",
		 read(p[0], buf, 8), 0);
	close(p[0]);
	unlink(text);

	/* Caught signals reset to SIG_DFL; ignored ones and the mask survive. */
	pid = fork();
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = never_called;
		sigaction(SIGUSR1, &sa, NULL);
		sa.sa_handler = SIG_IGN;
		sigaction(SIGUSR2, &sa, NULL);
		sigemptyset(&set);
		sigaddset(&set, SIGINT);
		sigprocmask(SIG_SETMASK, &set, NULL);
		av[0] = self; av[1] = "--signals"; av[2] = NULL;
		ev[0] = NULL;
		execve(self, av, ev);
		_exit(255);
	}
	waitpid(pid, &st, 0);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	CHECK_EQ("a caught SIGUSR1 is reset to SIG_DFL by execve", code & 1, 0);
	CHECK_EQ("an ignored SIGUSR2 stays SIG_IGN across execve", code & 2, 0);
	CHECK_EQ("a blocked SIGINT stays blocked across execve", code & 4, 0);
	CHECK_EQ("signals not blocked before exec are not blocked after (exit 0)", code, 0);

	/* Failures: the calling image continues with errno set. */
	snprintf(line, sizeof(line), "/tmp/proc_exec_%d.missing", (int)getpid());
	av[0] = line; av[1] = NULL;
	ev[0] = NULL;
	CHECK_ERR("execve of a missing file gives ENOENT", execve(line, av, ev), ENOENT);
	write_file(noexec, "\177ELF but not really\n", 0644);
	CHECK_ERR("execve of a file without any execute bit gives EACCES",
		  execve(noexec, av, ev), EACCES);
	write_file(text, "just some text, no #! line\n", 0755);
	CHECK_ERR("execve of an executable non-ELF file without #! gives ENOEXEC",
		  execve(text, av, ev), ENOEXEC);
	CHECK_ERR("execve of a directory gives EACCES", execve("/tmp", av, ev), EACCES);
	snprintf(line, sizeof(line), "%s/x", text);
	CHECK_ERR("execve through a regular file used as a directory gives ENOTDIR",
		  execve(line, av, ev), ENOTDIR);

	/* #! script naming this binary as its interpreter. */
	snprintf(line, sizeof(line), "#!%s --script\nthis line is never read\n", abs);
	write_file(script, line, 0755);
	av[0] = script; av[1] = "x1"; av[2] = NULL;
	CHECK_EQ("a #! script runs its interpreter with (interp, arg, script path, args)",
		 run(script, av, ev), 0);
	snprintf(line, sizeof(line), "#!%s.missing\n", abs);
	write_file(script, line, 0755);
	CHECK_ERR("a #! script whose interpreter is missing gives ENOENT",
		  execve(script, av, ev), ENOENT);

	unlink(noexec);
	unlink(text);
	unlink(script);
	return utest_done();
}

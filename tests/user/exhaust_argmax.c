/*
 * exhaust_argmax.c - argv and envp at the exec limits, as today's Linux
 * counts them: one string longer than MAX_ARG_STRLEN (32 pages, the NUL
 * included) is E2BIG, and so is a total past a quarter of RLIMIT_STACK
 * (here 8 MiB, so 2 MiB), in argv or in envp; a string of 131,071 bytes fits
 * and the program runs. The failed execs leave the caller as it was.
 */
#include <sys/resource.h>
#include <sys/wait.h>
#include "utest.h"

#define MAX_ARG_STRLEN (32 * 4096)
#define BIG 100000

static char self[256];

/* the exec's answer: its errno, or the child's exit status + 1000 if it ran */
static int try_exec(char **argv, char **envp)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execve(self, argv, envp);
		_exit(errno);
	}
	waitpid(pid, &status, 0);
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	static char *many[32], *env_none[] = { NULL };
	struct rlimit rl = { 8 << 20, 8 << 20 };
	char *one[3], *s;
	int i;

	if (argc == 2 && !strcmp(argv[1], "ran"))
		return 77;
	if (argc == 3)
		return 78;	/* ran with the long string */
	alarm(60);
	CHECK("readlink /proc/self/exe", readlink("/proc/self/exe", self, sizeof(self) - 1) > 0);
	CHECK_OK("RLIMIT_STACK 8 MiB", setrlimit(RLIMIT_STACK, &rl));
	s = malloc(MAX_ARG_STRLEN + 1);
	memset(s, 'a', MAX_ARG_STRLEN);
	s[MAX_ARG_STRLEN] = 0;

	one[0] = "x";
	one[1] = "ran";
	one[2] = NULL;
	CHECK_EQ("a plain exec of itself runs", try_exec(one, env_none), 77);
	one[1] = s;
	CHECK_EQ("an argument of MAX_ARG_STRLEN bytes plus its NUL: E2BIG",
		 try_exec(one, env_none), E2BIG);
	s[MAX_ARG_STRLEN - 1] = 0;
	many[0] = "x";
	many[1] = s;
	many[2] = "y";
	many[3] = NULL;
	CHECK_EQ("one of MAX_ARG_STRLEN - 1 bytes fits and runs", try_exec(many, env_none), 78);
	s[MAX_ARG_STRLEN - 1] = 'a';
	s[BIG] = 0;
	for (i = 0; i < 22; i++)	/* 22 x 100,000 > 2 MiB */
		many[i] = s;
	many[i] = NULL;
	CHECK_EQ("argv of 2.2 MB with an 8 MiB stack limit: E2BIG", try_exec(many, env_none), E2BIG);
	one[1] = "ran";
	CHECK_EQ("envp of 2.2 MB: E2BIG", try_exec(one, many), E2BIG);
	for (i = 0; i < 15; i++)	/* 1.5 MB fits in 2 MiB */
		many[i] = s;
	many[i] = NULL;
	CHECK_EQ("envp of 1.5 MB fits", try_exec(one, many), 77);
	free(s);
	return utest_done();
}

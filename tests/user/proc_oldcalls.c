/*
 * proc_oldcalls.c - the obsolete i386 calls Linux still answers: signal
 * (48: reset on delivery, not blocked in its handler, the old handler
 * back), select (82: arguments in a block), olduname (109) and oldolduname
 * (59: 9-byte fields, cut and terminated), with their bad input.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "utest.h"

static volatile int hits, blocked_inside = -1;

static void on_usr1(int sig)
{
	sigset_t cur;

	(void)sig;
	hits++;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_inside = sigismember(&cur, SIGUSR1);
}

static void old_signal(void)
{
	struct sigaction sa;
	long old;

	signal(SIGUSR1, SIG_DFL);
	old = syscall(SYS_signal, SIGUSR1, on_usr1);
	CHECK_EQ("signal(48) gives the old handler (SIG_DFL)", old, (long)SIG_DFL);
	sigaction(SIGUSR1, NULL, &sa);
	CHECK("it installs SA_RESETHAND | SA_NODEFER",
	      sa.sa_handler == on_usr1 && (sa.sa_flags & SA_RESETHAND) && (sa.sa_flags & SA_NODEFER));
	raise(SIGUSR1);
	CHECK_EQ("the handler ran", hits, 1);
	CHECK_EQ("with its own signal not blocked", blocked_inside, 0);
	sigaction(SIGUSR1, NULL, &sa);
	CHECK("and was reset to SIG_DFL on delivery", sa.sa_handler == SIG_DFL);
	old = syscall(SYS_signal, SIGUSR1, SIG_IGN);
	CHECK_EQ("signal(SIG_IGN) gives SIG_DFL back", old, (long)SIG_DFL);
	old = syscall(SYS_signal, SIGUSR1, SIG_DFL);
	CHECK_EQ("and then SIG_IGN", old, (long)SIG_IGN);
	CHECK_ERR("signal(SIGKILL): EINVAL", syscall(SYS_signal, SIGKILL, on_usr1), EINVAL);
	CHECK_ERR("signal(0): EINVAL", syscall(SYS_signal, 0, on_usr1), EINVAL);
	CHECK_ERR("signal(65): EINVAL", syscall(SYS_signal, 65, on_usr1), EINVAL);
}

struct sel_args {
	unsigned long n;
	fd_set *in, *out, *ex;
	struct timeval *tv;
};

static void old_select(void)
{
	int p[2];
	fd_set rd;
	struct timeval tv = { 0, 0 };
	struct sel_args a;

	pipe(p);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	a.n = p[0] + 1;
	a.in = &rd;
	a.out = a.ex = NULL;
	a.tv = &tv;
	CHECK_EQ("select(82) on an empty pipe, zero timeout: 0", syscall(SYS_select, &a), 0);
	write(p[1], "x", 1);
	FD_SET(p[0], &rd);
	CHECK_EQ("with a byte in it: 1", syscall(SYS_select, &a), 1);
	CHECK("and the fd is set", FD_ISSET(p[0], &rd));
	CHECK_ERR("the block at a bad address: EFAULT", syscall(SYS_select, (void *)16), EFAULT);
	a.n = (unsigned long)-1;
	CHECK_ERR("n negative: EINVAL", syscall(SYS_select, &a), EINVAL);
	close(p[0]);
	close(p[1]);
}

static void old_uname(void)
{
	struct utsname u;
	char old[5][65], oo[5][9];
	int i, ok = 1;

	uname(&u);
	memset(old, 0x55, sizeof(old));
	CHECK_OK("olduname(109)", syscall(SYS_olduname, old));
	CHECK("its five fields are uname's",
	      !strcmp(old[0], u.sysname) && !strcmp(old[1], u.nodename) &&
	      !strcmp(old[2], u.release) && !strcmp(old[3], u.version) &&
	      !strcmp(old[4], u.machine));
	CHECK_ERR("olduname to a bad pointer: EFAULT", syscall(SYS_olduname, (void *)16), EFAULT);
#ifdef SYS_oldolduname
	memset(oo, 0x55, sizeof(oo));
	CHECK_OK("oldolduname(59)", syscall(SYS_oldolduname, oo));
	CHECK("sysname Linux", !strcmp(oo[0], "Linux"));
	for (i = 0; i < 5; i++)
		ok &= oo[i][8] == 0 || strlen(oo[i]) < 8;
	CHECK("every field terminated within its 9 bytes", ok);
	CHECK("release is uname's cut to 8", !strncmp(oo[2], u.release, 8) &&
	      strlen(oo[2]) == (strlen(u.release) < 8 ? strlen(u.release) : 8));
	CHECK_ERR("oldolduname to a bad pointer: EFAULT",
		  syscall(SYS_oldolduname, (void *)16), EFAULT);
	CHECK_ERR("oldolduname(NULL): EFAULT", syscall(SYS_oldolduname, NULL), EFAULT);
#else
	(void)oo;
	(void)ok;
	(void)i;
#endif
}

int main(void)
{
	old_signal();
	old_select();
	old_uname();
	return utest_done();
}

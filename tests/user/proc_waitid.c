/*
 * proc_waitid.c - waitid (issue 14 item 2): P_PID, P_PGID, P_ALL; WEXITED,
 * WSTOPPED, WCONTINUED, WNOWAIT and the siginfo it fills; WNOWAIT leaves the
 * zombie for a later wait4; bad arguments.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "utest.h"

int main(void)
{
	siginfo_t si;
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0)
		_exit(42);
	memset(&si, 0xff, sizeof(si));
	CHECK_EQ("waitid(P_PID, WEXITED|WNOWAIT) returns 0", waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	CHECK_EQ("si_signo SIGCHLD", si.si_signo, SIGCHLD);
	CHECK_EQ("si_code CLD_EXITED", si.si_code, CLD_EXITED);
	CHECK_EQ("si_pid", si.si_pid, pid);
	CHECK_EQ("si_uid", si.si_uid, getuid());
	CHECK_EQ("si_status the exit code", si.si_status, 42);
	CHECK_EQ("si_errno 0", si.si_errno, 0);
	CHECK_EQ("WNOWAIT again sees it", waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	CHECK_EQ("then wait4 reaps it", wait4(pid, &st, 0, NULL), pid);
	CHECK("with the same status", WIFEXITED(st) && WEXITSTATUS(st) == 42);
	CHECK_ERR("and it is gone", waitid(P_PID, pid, &si, WEXITED), ECHILD);

	/* killed: CLD_KILLED and the signal */
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	kill(pid, SIGTERM);
	CHECK_EQ("waitid(P_ALL) of a killed child", waitid(P_ALL, 0, &si, WEXITED), 0);
	CHECK("CLD_KILLED SIGTERM", si.si_code == CLD_KILLED && si.si_status == SIGTERM && si.si_pid == pid);

	/* stopped and continued */
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	CHECK_EQ("WSTOPPED", waitid(P_PID, pid, &si, WSTOPPED), 0);
	CHECK("CLD_STOPPED SIGSTOP", si.si_code == CLD_STOPPED && si.si_status == SIGSTOP);
	memset(&si, 0xff, sizeof(si));
	CHECK_EQ("WNOHANG with nothing new returns 0", waitid(P_PID, pid, &si, WSTOPPED | WNOHANG), 0);
	CHECK("and zeroes si_pid and si_signo", si.si_pid == 0 && si.si_signo == 0);
	kill(pid, SIGCONT);
	CHECK_EQ("WCONTINUED|WNOWAIT", waitid(P_PID, pid, &si, WCONTINUED | WNOWAIT), 0);
	CHECK("CLD_CONTINUED SIGCONT", si.si_code == CLD_CONTINUED && si.si_status == SIGCONT);
	CHECK_EQ("WCONTINUED consumes it", waitid(P_PID, pid, &si, WCONTINUED), 0);
	memset(&si, 0xff, sizeof(si));
	waitid(P_PID, pid, &si, WCONTINUED | WNOHANG);
	CHECK_EQ("reported once", si.si_pid, 0);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);

	/* P_PGID: only that group */
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		_exit(3);
	}
	setpgid(pid, pid);	/* either order: the group exists before we wait */
	CHECK_ERR("P_PGID of our own group finds nothing", waitid(P_PGID, getpgrp(), &si, WEXITED | WNOHANG), ECHILD);
	CHECK_EQ("P_PGID of its group", waitid(P_PGID, pid, &si, WEXITED), 0);
	CHECK("status 3", si.si_pid == pid && si.si_status == 3);

	/* bad input */
	CHECK_ERR("no WEXITED/WSTOPPED/WCONTINUED", waitid(P_ALL, 0, &si, WNOHANG), EINVAL);
	CHECK_ERR("unknown option bit", waitid(P_ALL, 0, &si, WEXITED | 0x100), EINVAL);
	CHECK_ERR("unknown idtype", waitid((idtype_t)7, 0, &si, WEXITED), EINVAL);
	CHECK_ERR("P_PID 0", waitid(P_PID, 0, &si, WEXITED), EINVAL);
	CHECK_ERR("P_PGID negative", waitid(P_PGID, -1, &si, WEXITED), EINVAL);
	CHECK_ERR("no children", waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	pid = fork();
	if (pid == 0)
		_exit(0);
	CHECK_ERR("unmapped siginfo", waitid(P_PID, pid, (siginfo_t *)8, WEXITED), EFAULT);
	waitpid(pid, &st, 0);
	return utest_done();
}

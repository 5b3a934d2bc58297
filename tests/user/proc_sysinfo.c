/*
 * proc_sysinfo.c - sysinfo(2), which busybox's uptime and free call: the
 * uptime agrees with CLOCK_BOOTTIME, memory figures are consistent, there is
 * at least this process, a bad pointer is EFAULT, and a child spinning for
 * 6 s (more than one 5 s load sample) raises the 1-minute load above 0.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <signal.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include "utest.h"

int main(void)
{
	struct sysinfo si;
	struct timespec t;

	CHECK_OK("sysinfo", sysinfo(&si));
	clock_gettime(CLOCK_BOOTTIME, &t);
	CHECK("uptime is the time since boot, in whole seconds",
	      si.uptime >= t.tv_sec && si.uptime <= t.tv_sec + 2);
	CHECK("mem_unit is set", si.mem_unit >= 1);
	CHECK("some memory", si.totalram > 0);
	CHECK("free memory is at most the total", si.freeram > 0 && si.freeram <= si.totalram);
	CHECK("free swap is at most the swap", si.freeswap <= si.totalswap);
	CHECK("at least this process", si.procs >= 1);
	CHECK_ERR("a bad pointer", syscall(SYS_sysinfo, (void *)16), EFAULT);

	/* a busy child: the load is sampled every 5 s, so 6 s sees one sample */
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec s, n;
		clock_gettime(CLOCK_MONOTONIC, &s);
		do
			clock_gettime(CLOCK_MONOTONIC, &n);
		while (n.tv_sec - s.tv_sec < 6);
		_exit(0);
	}
	CHECK("fork", pid > 0);
	if (pid > 0) {
		int st;
		waitpid(pid, &st, 0);
		CHECK_OK("sysinfo after the busy child", sysinfo(&si));
		CHECK("the 1-minute load is above 0 after 6 s of a busy child",
		      si.loads[0] > 0);
	}
	return utest_done();
}

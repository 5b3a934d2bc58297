/*
 * proc_sysinfo.c - sysinfo(2), which busybox's uptime and free call: the
 * uptime agrees with CLOCK_BOOTTIME, memory figures are consistent, there is
 * at least this process, and a bad pointer is EFAULT.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
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
	return utest_done();
}

/*
 * tests/user/proc_meminfo.c - the system-wide files: meminfo's MemFree
 * falls by about 1 MiB while a child holds 1 MiB it touched and comes back
 * after it exits; sysinfo(2) agrees with meminfo; uptime, loadavg, stat
 * and version in Linux's layout; syslog(2) (dmesg) reads the kernel log,
 * and another user gets EPERM (kernel.dmesg_restrict is 1 by default).
 * The host's memory moves under other programs, so each figure may be
 * tried a few times, and the 1 MiB check runs in this kernel only.
 */
#include "utest.h"
#include "proc_read.h"
#include <fcntl.h>
#include <sys/klog.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static long meminfo(const char *field)
{
	char buf[8192], *p;

	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, field);
	return p ? atol(p + strlen(field) + 1) : -1;
}

static int on_linux;

/* MemFree while a child holds 1 MiB it touched, and after it is reaped: kB */
static int one_try(long *during, long *after)
{
	int p[2], q[2];
	char c;
	pid_t pid;

	if (pipe(p) || pipe(q))
		return 0;
	pid = fork();
	if (pid == 0) {
		static volatile char mib[1 << 20] __attribute__((aligned(4096)));

		for (size_t i = 0; i < sizeof(mib); i += 4096)
			mib[i] = 1;
		write(q[1], "t", 1);
		read(p[0], &c, 1);
		_exit(0);
	}
	read(q[0], &c, 1);
	*during = meminfo("MemFree:");
	write(p[1], "x", 1);
	waitpid(pid, NULL, 0);
	*after = meminfo("MemFree:");
	close(p[0]); close(p[1]); close(q[0]); close(q[1]);
	return 1;
}

int main(void)
{
	char buf[8192];
	long total = meminfo("MemTotal:"), free1 = meminfo("MemFree:");
	int ok = 0, tries;

	alarm(120);
	{
		struct utsname u;

		on_linux = !uname(&u) && !strstr(u.release, "ipckernel");
	}
	CHECK("MemTotal: in kB", total > 1024);
	CHECK("MemFree: below it", free1 > 0 && free1 < total);
	CHECK("MemAvailable:", meminfo("MemAvailable:") >= 0);
	CHECK("Cached:, Shmem:, SwapTotal:, SwapFree: are there", meminfo("Cached:") >= 0 &&
	      meminfo("Shmem:") >= 0 && meminfo("SwapTotal:") >= 0 && meminfo("SwapFree:") >= 0);
	/*
	 * This kernel only: on the host other programs move MemFree by 100 MB
	 * a second (measured: +-200 MB between two reads 1 s apart while the
	 * machine builds), a hundred times the signal.
	 */
	if (on_linux) {
		printf("note: the 1 MiB MemFree check is for this kernel only (host noise)\n");
		ok = 1;
	}
	for (tries = 0; tries < 10 && !ok; tries++) {
		long during = 0, after = 0, base;

		base = meminfo("MemFree:");

		if (!one_try(&during, &after))
			break;
		/* 1 MiB of data, plus the child's own stack, page tables, kernel stack */
		ok = base - during >= 1024 && base - during <= 1024 + 512 &&
		     after >= base - 256 && after <= base + 256;
	}
	CHECK("MemFree falls by about 1 MiB while a child holds 1 MiB, and comes back", ok);

	{
		struct sysinfo si;

		ok = 0;
		for (tries = 0; tries < 20 && !ok; tries++) {
			long mf = meminfo("MemFree:");

			if (sysinfo(&si))
				break;
			ok = (long long)si.freeram * si.mem_unit / 1024 >= mf - 512 &&
			     (long long)si.freeram * si.mem_unit / 1024 <= mf + 512;
		}
		CHECK("sysinfo's freeram is meminfo's MemFree", ok);
		CHECK_EQ("sysinfo's totalram is MemTotal", (long long)si.totalram * si.mem_unit / 1024, total);
		CHECK("procs counts us", si.procs >= 1);
		read_file("/proc/uptime", buf, sizeof(buf));
		CHECK("sysinfo's uptime is /proc/uptime's (within 2 s)",
		      si.uptime >= atol(buf) - 1 && si.uptime <= atol(buf) + 2);
	}
	{
		double up, idle;
		double l1, l5, l15;
		int run, all, last;

		CHECK_EQ("/proc/uptime: two decimal numbers", sscanf(buf, "%lf %lf", &up, &idle), 2);
		read_file("/proc/loadavg", buf, sizeof(buf));
		CHECK_EQ("/proc/loadavg: three loads, running/all, last pid",
			 sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &run, &all, &last), 6);
		CHECK("at least this process runs", run >= 1 && all >= run && last > 0);
	}
	read_file("/proc/stat", buf, sizeof(buf));
	CHECK("/proc/stat opens with the cpu line", !strncmp(buf, "cpu  ", 5));
	CHECK("and has ctxt, btime, processes, procs_running, procs_blocked",
	      strstr(buf, "\nctxt ") && strstr(buf, "\nbtime ") && strstr(buf, "\nprocesses ") &&
	      strstr(buf, "\nprocs_running ") && strstr(buf, "\nprocs_blocked "));
	read_file("/proc/version", buf, sizeof(buf));
	CHECK("/proc/version starts 'Linux version '", !strncmp(buf, "Linux version ", 14));
	CHECK("/proc/filesystems lists proc", read_file("/proc/filesystems", buf, sizeof(buf)) > 0 &&
	      strstr(buf, "nodev\tproc\n"));
	CHECK("/proc/mounts shows /proc", read_file("/proc/mounts", buf, sizeof(buf)) > 0 &&
	      strstr(buf, " /proc proc "));
	CHECK("and so does /etc/mtab, its link", read_file("/etc/mtab", buf, sizeof(buf)) > 0 &&
	      strstr(buf, " /proc proc "));
	{
		int size = klogctl(10, NULL, 0), n;
		static char log[1 << 20];

		CHECK("syslog SIZE_BUFFER is positive", size > 0);
		n = klogctl(3, log, size < (int)sizeof(log) ? size : (int)sizeof(log));
		CHECK("syslog READ_ALL reads the kernel log", n > 0);
		CHECK("a 10-byte buffer gets at most 10 bytes", klogctl(3, log, 10) >= 0 && klogctl(3, log, 10) <= 10);
		CHECK_ERR("a negative length is EINVAL", klogctl(3, log, -1), EINVAL);
		CHECK_ERR("an unknown action is EINVAL", klogctl(99, log, 10), EINVAL);
		pid_t pid = fork();

		if (pid == 0) {
			if (setgid(65534) || setuid(65534))
				_exit(99);
			_exit(klogctl(3, log, 100) == -1 && errno == EPERM ? 0 : 1);
		}
		int st;

		waitpid(pid, &st, 0);
		CHECK("uid 65534: EPERM (dmesg_restrict)", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	return utest_done();
}

/*
 * tests/user/proc_pidstat.c - /proc/PID/stat, statm, status, cmdline and
 * environ of a known child: stat's 52 fields in Linux's order (state, ppid,
 * utime rising while it spins), the state letters R S T Z, reads in any
 * chunk size and at any offset, lseek, a process reaped mid-read, and
 * another user kept out of environ and fd/.
 */
#define _FILE_OFFSET_BITS 64
#include "utest.h"
#include "proc_read.h"
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

/* stat field i (1-based): after the ") " the fields are space-separated */
static int stat_fields(const char *stat, char fields[64][32])
{
	const char *p = strrchr(stat, ')');
	int n = 2;

	if (!p)
		return 0;
	snprintf(fields[0], 32, "%d", atoi(stat));
	snprintf(fields[1], 32, "%.*s", (int)(p + 1 - strchr(stat, '(')), strchr(stat, '('));
	p += 2;
	while (*p && *p != '\n' && n < 64) {
		int len = strcspn(p, " \n");

		snprintf(fields[n++], 32, "%.*s", len, p);
		p += len;
		if (*p == ' ')
			p++;
	}
	return n;
}

static char state_of(pid_t pid)
{
	char path[64], buf[1024], f[64][32];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof(buf)) < 0 || stat_fields(buf, f) < 3)
		return '?';
	return f[2][0];
}

/* wait (up to 5 s) until the child shows this state */
static int wait_state(pid_t pid, char want)
{
	for (int i = 0; i < 500; i++) {
		if (state_of(pid) == want)
			return 1;
		usleep(10000);
	}
	return 0;
}

static const char *status_line(const char *status, const char *name, char *out, size_t size)
{
	const char *p = strstr(status, name);

	if (!p)
		return NULL;
	p += strlen(name);
	while (*p == '\t' || *p == ' ')
		p++;
	snprintf(out, size, "%.*s", (int)strcspn(p, "\n"), p);
	return out;
}

int main(void)
{
	char path[64], buf[4096], buf2[4096], f[64][32], v[128];
	int p[2], q[2], n, fd;
	pid_t child;

	alarm(60);
	CHECK_OK("pipe", pipe(p));
	CHECK_OK("pipe", pipe(q));
	child = fork();
	if (child == 0) {
		char c;
		volatile unsigned long spin = 0;

		close(p[1]);
		close(q[0]);
		fcntl(p[0], F_SETFL, O_NONBLOCK);
		/* spin until told to stop, then sleep in read */
		while (read(p[0], &c, 1) != 1 || c != 's')
			;
		(void)spin;
		_exit(7);
	}
	close(p[0]);
	close(q[1]);

	/* ---- stat while it spins ---- */
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	n = read_file(path, buf, sizeof(buf));
	CHECK("/proc/CHILD/stat reads", n > 0);
	CHECK("ends in a newline", n > 0 && buf[n - 1] == '\n');
	CHECK_EQ("52 fields, Linux's count", stat_fields(buf, f), 52);
	CHECK_EQ("field 1 is the pid", atoi(f[0]), child);
	CHECK("field 2 is (comm)", !strcmp(f[1], "(proc_pidstat)"));
	CHECK_EQ("field 4 is the parent", atoi(f[3]), getpid());
	CHECK_EQ("field 5 is the process group", atoi(f[4]), getpgrp());
	CHECK_EQ("field 19 is the nice value", atoi(f[18]), 0);
	CHECK_EQ("field 20: one thread", atoi(f[19]), 1);
	CHECK("field 23, vsize, is non-zero", strtoul(f[22], NULL, 10) > 0);
	CHECK_EQ("field 38 is the exit signal, SIGCHLD", atoi(f[37]), SIGCHLD);
	CHECK("the arg and env fields are addresses in order",
	      strtoul(f[47], NULL, 10) < strtoul(f[48], NULL, 10) &&
	      strtoul(f[49], NULL, 10) < strtoul(f[50], NULL, 10));
	CHECK("a spinning child is R", wait_state(child, 'R'));
	{
		unsigned long u1 = strtoul(f[13], NULL, 10), u2 = u1;

		for (int i = 0; i < 300 && u2 <= u1; i++) {
			usleep(20000);
			if (read_file(path, buf, sizeof(buf)) > 0 && stat_fields(buf, f) == 52)
				u2 = strtoul(f[13], NULL, 10);
		}
		CHECK("utime (field 14) rises while it spins", u2 > u1);
	}

	/* ---- statm, status, cmdline ---- */
	snprintf(path, sizeof(path), "/proc/%d/statm", child);
	CHECK("statm reads", read_file(path, buf, sizeof(buf)) > 0);
	{
		unsigned long a[8];

		CHECK_EQ("statm has 7 numbers", sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu %lu",
					 &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &a[7]), 7);
		CHECK("size >= resident > 0", a[0] >= a[1] && a[1] > 0);
	}
	snprintf(path, sizeof(path), "/proc/%d/status", child);
	CHECK("status reads", read_file(path, buf, sizeof(buf)) > 0);
	CHECK("Name: is the command", status_line(buf, "Name:", v, sizeof(v)) && !strcmp(v, "proc_pidstat"));
	CHECK("State: R (running)", status_line(buf, "State:", v, sizeof(v)) && !strcmp(v, "R (running)"));
	CHECK_EQ("Pid:", atoi(status_line(buf, "\nPid:", v, sizeof(v)) ? v : "0"), child);
	CHECK_EQ("PPid:", atoi(status_line(buf, "PPid:", v, sizeof(v)) ? v : "0"), getpid());
	CHECK("Uid: four ids", status_line(buf, "Uid:", v, sizeof(v)) && sscanf(v, "%*u %*u %*u %*u") == 0);
	CHECK("VmRSS: in kB", status_line(buf, "VmRSS:", v, sizeof(v)) && strstr(v, " kB"));
	CHECK("Threads: 1", status_line(buf, "Threads:", v, sizeof(v)) && !strcmp(v, "1"));
	{
		char want[64];

		snprintf(path, sizeof(path), "/proc/%d/cmdline", getpid());
		n = read_file(path, buf, sizeof(buf));
		CHECK("our cmdline is argv[0] and its NUL", n > 0 && buf[n - 1] == '\0' &&
		      strstr(buf, "proc_pidstat"));
		fd = open(path, O_RDONLY);
		CHECK_EQ("cmdline read at offset 2", pread(fd, want, 3, 2), 3);
		CHECK("gives bytes 2..4", !memcmp(want, buf + 2, 3));
		close(fd);
	}

	/* ---- T, S, then chunked reads, lseek, huge offsets ---- */
	kill(child, SIGSTOP);
	CHECK("a stopped child is T", wait_state(child, 'T'));
	kill(child, SIGCONT);
	CHECK("continued, it runs again", wait_state(child, 'R'));
	snprintf(path, sizeof(path), "/proc/%d/status", child);
	fd = open(path, O_RDONLY);
	CHECK("status opens", fd >= 0);
	n = 0;
	for (int r; (r = read(fd, buf2 + n, 5)) > 0; n += r)
		;
	buf2[n] = 0;
	CHECK("read 5 bytes at a time, it ends", n > 100);
	CHECK("with the same lines as one read", !strncmp(buf2, "Name:\tproc_pidstat\n", 19) &&
	      strstr(buf2, "\nThreads:\t1\n"));
	CHECK_EQ("lseek(SEEK_SET, 6)", lseek(fd, 6, SEEK_SET), 6);
	CHECK_EQ("then a read", read(fd, v, 12), 12);
	CHECK("starts at byte 6", !memcmp(v, buf2 + 6, 12));
	CHECK_EQ("lseek(SEEK_CUR, 0) tells the offset", lseek(fd, 0, SEEK_CUR), 18);
	CHECK_ERR("lseek(SEEK_END) is EINVAL", lseek(fd, 0, SEEK_END), EINVAL);
	CHECK_ERR("a negative offset is EINVAL", lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_EQ("a read at 2^40 gives 0", pread(fd, v, 10, 1LL << 40), 0);
	CHECK_EQ("a read at 100000 gives 0", pread(fd, v, 10, 100000), 0);
	close(fd);

	/* ---- a child that exits mid-read ---- */
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	fd = open(path, O_RDONLY);
	CHECK_EQ("10 bytes of stat", read(fd, v, 10), 10);
	CHECK_OK("tell the child to exit", write(p[1], "s", 1));
	{
		int st;

		CHECK_EQ("reap it", waitpid(child, &st, 0), child);
		CHECK("it exited 7", WIFEXITED(st) && WEXITSTATUS(st) == 7);
	}
	n = read(fd, buf, sizeof(buf));
	CHECK("the rest of the record still reads (from the kept buffer)", n > 0);
	CHECK_EQ("then the end", read(fd, buf, sizeof(buf)), 0);
	lseek(fd, 0, SEEK_SET);
	CHECK_ERR("read again from 0: ESRCH, the process is gone", read(fd, buf, sizeof(buf)), ESRCH);
	close(fd);
	snprintf(path, sizeof(path), "/proc/%d", child);
	CHECK_ERR("its directory is gone", open(path, O_RDONLY), ENOENT);

	/* ---- Z, then another user ---- */
	child = fork();
	if (child == 0)
		_exit(0);
	CHECK("an unreaped child is Z", wait_state(child, 'Z'));
	waitpid(child, NULL, 0);

	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	{
		pid_t nobody = fork();

		if (nobody == 0) {
			char pth[64];
			int ok = 1;

			if (setgid(65534) || setuid(65534))
				_exit(99);
			snprintf(pth, sizeof(pth), "/proc/%d/environ", child);
			ok &= open(pth, O_RDONLY) < 0 && errno == EACCES;
			snprintf(pth, sizeof(pth), "/proc/%d/fd", child);
			ok &= opendir(pth) == NULL && errno == EACCES;
			snprintf(pth, sizeof(pth), "/proc/%d/stat", child);
			ok &= open(pth, O_RDONLY) >= 0;
			/* its own fd/ is open to it (proc_fd_permission: the process itself) */
			ok &= opendir("/proc/self/fd") != NULL;
			_exit(ok ? 0 : 1);
		}
		int st;

		waitpid(nobody, &st, 0);
		CHECK("another user: environ and fd/ are EACCES; stat and its own fd/ open",
		      WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	snprintf(path, sizeof(path), "/proc/%d/environ", getpid());
	n = read_file(path, buf, sizeof(buf));
	setenv("PROC_PIDSTAT_X", "1", 1);
	CHECK("our environ holds NUL-separated VAR=value strings", n > 0 && buf[n - 1] == '\0' &&
	      strchr(buf, '='));
	return utest_done();
}

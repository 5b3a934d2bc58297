/*
 * tests/user/proc_churn.c - /proc listed while 1,000 processes come and
 * go: every getdents listing of /proc names each pid once; each listed
 * process's stat, status and maps read whole or fail cleanly (ENOENT,
 * ESRCH) when it has just gone; once all 1,000 exist one listing holds
 * them all; and when they are gone the memory comes back (this kernel
 * only: the host's MemFree moves under other programs).
 */
#include "utest.h"
#include "proc_read.h"
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define NPROC 1000

static pid_t kids[NPROC];

static long memfree(void)
{
	char buf[4096], *p;

	if (read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, "MemFree:");
	return p ? atol(p + 9) : -1;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* list /proc; 0 if a pid appears twice; *found: how many of kids[] */
static int list_proc(int *found, int *bad_reads, int read_them)
{
	static int pids[40000];
	int n = 0, dup = 0;
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < 40000) {
		int pid = atoi(e->d_name);

		if (pid <= 0)
			continue;
		pids[n++] = pid;
		if (read_them) {
			static const char *const files[] = { "stat", "status", "maps" };
			char path[64], buf[8192];

			for (int i = 0; i < 3; i++) {
				int fd, r;

				snprintf(path, sizeof(path), "/proc/%d/%s", pid, files[i]);
				fd = open(path, O_RDONLY);
				if (fd < 0) {
					if (errno != ENOENT && errno != ESRCH && errno != EACCES) { fprintf(stderr, "open %s: %s\n", path, strerror(errno)); (*bad_reads)++; }
					continue;
				}
				while ((r = read(fd, buf, sizeof(buf))) > 0)
					;
				if (r < 0 && errno != ESRCH) { fprintf(stderr, "read %s: %s\n", path, strerror(errno)); (*bad_reads)++; }
				close(fd);
			}
		}
	}
	closedir(d);
	qsort(pids, n, sizeof(int), cmp_int);
	for (int i = 1; i < n; i++)
		dup += pids[i] == pids[i - 1];
	*found = 0;
	for (int k = 0; k < NPROC; k++)
		*found += kids[k] > 0 && bsearch(&kids[k], pids, n, sizeof(int), cmp_int) != NULL;
	return !dup;
}

int main(void)
{
	struct utsname u;
	int on_linux = !uname(&u) && !strstr(u.release, "ipckernel");
	int found, bad = 0, nodup = 1, listings = 0, made = 0;
	long before;
	int go[2];

	alarm(300);
	before = memfree();
	CHECK_OK("pipe", pipe(go));
	/* 1,000 children, made while we list and read /proc */
	for (int k = 0; k < NPROC; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			char c;

			close(go[1]);
			read(go[0], &c, 1);	/* until the pipe closes */
			_exit(0);
		}
		made += kids[k] > 0;
		if (k % 50 == 0) {
			nodup &= list_proc(&found, &bad, k % 200 == 0);
			listings++;
		}
	}
	CHECK_EQ("1,000 children made", made, NPROC);
	nodup &= list_proc(&found, &bad, 0);
	CHECK_EQ("one listing of /proc holds all 1,000", found, NPROC);
	{
		static char asleep[NPROC];
		int good = 0;

		/* a child just forked may not have reached its read yet: give it time */
		for (int tries = 0; tries < 100 && good < NPROC; tries++) {
			if (tries)
				usleep(50000);
			for (int k = 0; k < NPROC; k++) {
				char path[64], buf[1024], state = 0;
				int pid = 0;

				if (asleep[k])
					continue;
				snprintf(path, sizeof(path), "/proc/%d/stat", kids[k]);
				if (read_file(path, buf, sizeof(buf)) > 0 && strrchr(buf, ')'))
					sscanf(buf, "%d", &pid), state = strrchr(buf, ')')[2];
				asleep[k] = pid == kids[k] && state == 'S';
				good += asleep[k];
			}
		}
		CHECK_EQ("each one's stat names it, asleep (S)", good, NPROC);
	}
	/* now they go, in waves, while we list and read */
	close(go[0]);
	close(go[1]);
	for (int left = NPROC; left > 0;) {
		int st;
		pid_t pid = waitpid(-1, &st, WNOHANG);

		if (pid > 0) {
			left--;
			for (int k = 0; k < NPROC; k++)
				if (kids[k] == pid)
					kids[k] = 0;
			continue;
		}
		nodup &= list_proc(&found, &bad, 1);
		listings++;
		if (pid < 0)
			break;
	}
	CHECK("no listing named a pid twice", nodup);
	CHECK_EQ("no open or read failed but with ENOENT, ESRCH (just gone) or EACCES", bad, 0);
	CHECK("listings ran while they came and went", listings >= 20);
	nodup &= list_proc(&found, &bad, 0);
	CHECK_EQ("all reaped, none is listed", found, 0);
	if (!on_linux) {
		long after = 0;

		for (int i = 0; i < 20 && (after = memfree()) < before - 64; i++)
			usleep(50000);
		CHECK("and the memory came back (within 64 kB)", after >= before - 64);
	}
	return utest_done();
}

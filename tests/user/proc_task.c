/*
 * proc_task.c - /proc/PID/task/TID (issue 16): one directory per thread
 * with stat, status and comm; a thread renames itself through
 * /proc/self/task/TID/comm and pthread_setname_np names a sibling through
 * it; /proc/PID/status's Threads, Tgid and Pid; a thread's tid opens
 * /proc/TID though /proc lists processes only; a thread's directory goes
 * with it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

#define NT 3

static pid_t tids[NT];
static char *volatile bad_buf = (char *)8;	/* unmapped: page 0 */
static volatile int go_on, named;
static pthread_barrier_t ready;

static pid_t gettid_(void) { return syscall(SYS_gettid); }

static int read_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

/* the value of "Key:" in a status file, or -1 */
static long status_field(const char *path, const char *key)
{
	char buf[4096], *p;
	size_t kl = strlen(key);

	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	for (p = buf; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, key, kl) && p[kl] == ':')
			return strtol(p + kl + 1, NULL, 10);
	}
	return -1;
}

static void *worker(void *a)
{
	int i = (int)(long)a;
	char path[64], name[16];

	tids[i] = gettid_();
	if (i == 0) {
		/* this thread renames itself through its own task directory */
		int fd;

		snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tids[i]);
		fd = open(path, O_WRONLY);
		snprintf(name, sizeof(name), "self-named");
		if (fd >= 0 && write(fd, name, strlen(name)) == (ssize_t)strlen(name))
			named = 1;
		if (fd >= 0)
			close(fd);
	}
	pthread_barrier_wait(&ready);
	while (!go_on)
		usleep(1000);
	return NULL;
}

/* the tids listed in /proc/PID/task, sorted; how many */
static int list_tasks(pid_t pid, pid_t *out, int max)
{
	char path[64];
	DIR *d;
	struct dirent *e;
	int n = 0, dots = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			dots++;
			continue;
		}
		if (n < max)
			out[n++] = atoi(e->d_name);
	}
	closedir(d);
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && out[j - 1] > out[j]; j--) {
			pid_t t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return dots == 2 ? n : -2;
}

int main(int argc, char **argv)
{
	pthread_t th[NT];
	pid_t me = getpid(), listed[16], want[NT + 1];
	char path[128], buf[512];
	struct stat stb;
	int n, ok;

	pthread_barrier_init(&ready, NULL, NT + 1);
	for (int i = 0; i < NT; i++)
		pthread_create(&th[i], NULL, worker, (void *)(long)i);
	pthread_barrier_wait(&ready);
	if (argc > 1 && !strcmp(argv[1], "hold")) {
		/* for the boot test: the tids, then 4 s for ls and ps to look at them */
		printf("tids: %d %d %d %d\n", me, tids[0], tids[1], tids[2]);
		fflush(stdout);
		sleep(4);
		go_on = 1;
		for (int i = 0; i < NT; i++)
			pthread_join(th[i], NULL);
		return 0;
	}

	/* the listing: exactly the group's tids */
	n = list_tasks(me, listed, 16);
	CHECK_EQ("/proc/self/task lists main and the three threads", n, NT + 1);
	want[0] = me;
	for (int i = 0; i < NT; i++)
		want[i + 1] = tids[i];
	for (int i = 1; i < NT + 1; i++)
		for (int j = i; j > 0 && want[j - 1] > want[j]; j--) {
			pid_t t = want[j];

			want[j] = want[j - 1];
			want[j - 1] = t;
		}
	ok = n == NT + 1;
	for (int i = 0; ok && i < n; i++)
		ok = listed[i] == want[i];
	CHECK("the names are the tids (gettid), the leader's is the pid", ok);

	/* each thread's files */
	ok = 1;
	for (int i = 0; i < NT; i++) {
		long pid, tgid;

		snprintf(path, sizeof(path), "/proc/%d/task/%d/status", me, tids[i]);
		pid = status_field(path, "Pid");
		tgid = status_field(path, "Tgid");
		if (pid != tids[i] || tgid != me || status_field(path, "Threads") != NT + 1)
			ok = 0;
		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", me, tids[i]);
		if (read_file(path, buf, sizeof(buf)) <= 0 || atoi(buf) != tids[i])
			ok = 0;
	}
	CHECK("task/TID/status: Pid is the tid, Tgid the pid, Threads 4; stat starts with the tid", ok);
	snprintf(path, sizeof(path), "/proc/%d/status", me);
	CHECK_EQ("/proc/PID/status Threads", status_field(path, "Threads"), NT + 1);
	CHECK_EQ("/proc/PID/status Tgid", status_field(path, "Tgid"), me);
	CHECK_EQ("/proc/PID/status Pid", status_field(path, "Pid"), me);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", me);
	CHECK("task/PID (the leader) is there too", read_file(path, buf, sizeof(buf)) > 0 && atoi(buf) == me);

	/* comm: renamed by itself, by a sibling through pthread_setname_np, read back both ways */
	CHECK("a thread writes its own task/TID/comm", named);
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tids[0]);
	CHECK("task/TID/comm reads the new name", read_file(path, buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "self-named\n"));
	CHECK_EQ("pthread_setname_np of a sibling (glibc writes task/TID/comm)",
		 pthread_setname_np(th[1], "sibling"), 0);
	{
		char name[16] = "";

		CHECK_EQ("pthread_getname_np of a sibling reads it back", pthread_getname_np(th[1], name, sizeof(name)), 0);
		CHECK("and it is the name set", !strcmp(name, "sibling"));
	}
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", me);
	read_file(path, buf, sizeof(buf));
	CHECK("the others' names are their own: the leader keeps its name", strcmp(buf, "sibling\n") &&
	      strcmp(buf, "self-named\n"));
	{
		int fd;

		snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tids[2]);
		fd = open(path, O_WRONLY);
		CHECK_EQ("a long name: the whole count is taken", write(fd, "abcdefghijklmnopqrstuvwxyz", 26), 26);
		close(fd);
		read_file(path, buf, sizeof(buf));
		CHECK("and the first 15 bytes are the name", !strcmp(buf, "abcdefghijklmno\n"));
		fd = open(path, O_WRONLY);
		CHECK_EQ("a newline written is kept in the name (Linux's comm_write)", write(fd, "nl\n", 3), 3);
		close(fd);
		read_file(path, buf, sizeof(buf));
		CHECK("reads back with two newlines", !strcmp(buf, "nl\n\n"));
		fd = open(path, O_WRONLY);
		CHECK_ERR("a bad buffer: EFAULT", write(fd, bad_buf, 4), EFAULT);
		close(fd);
	}

	/* another process's comm: EINVAL */
	{
		pid_t c = fork();
		int st, fd;

		if (c == 0) {
			pause();
			_exit(0);
		}
		snprintf(path, sizeof(path), "/proc/%d/comm", c);
		fd = open(path, O_WRONLY);
		CHECK("another process's comm opens for writing (as root)", fd >= 0 || geteuid() != 0);
		if (fd >= 0) {
			CHECK_ERR("but writing it is EINVAL", write(fd, "x", 1), EINVAL);
			close(fd);
		}
		snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", c, c);
		read_file(path, buf, sizeof(buf));
		CHECK("the other process keeps its name", strcmp(buf, "x\n") && strcmp(buf, "x"));
		kill(c, SIGKILL);
		waitpid(c, &st, 0);
	}

	/* lookups that are not there */
	snprintf(path, sizeof(path), "/proc/self/task/%d", 1);
	CHECK_ERR("task/TID of another group's task: ENOENT", stat(path, &stb), ENOENT);
	CHECK_ERR("task/0: ENOENT", stat("/proc/self/task/0", &stb), ENOENT);
	CHECK_ERR("task/junk: ENOENT", stat("/proc/self/task/junk", &stb), ENOENT);
	snprintf(path, sizeof(path), "/proc/self/task/%d/nosuch", tids[0]);
	CHECK_ERR("an unknown file in task/TID: ENOENT", stat(path, &stb), ENOENT);
	snprintf(path, sizeof(path), "/proc/self/task/%d", tids[0]);
	CHECK("task/TID is a directory", stat(path, &stb) == 0 && S_ISDIR(stb.st_mode));
	snprintf(path, sizeof(path), "/proc/self/task/%d/task", tids[0]);
	CHECK_ERR("task/TID has no task/ of its own", stat(path, &stb), ENOENT);

	/* /proc/TID: found by lookup, not listed */
	snprintf(path, sizeof(path), "/proc/%d/status", tids[1]);
	CHECK_EQ("/proc/TID/status of a thread: its Pid", status_field(path, "Pid"), tids[1]);
	CHECK_EQ("and its Tgid", status_field(path, "Tgid"), me);
	{
		DIR *d = opendir("/proc");
		struct dirent *e;
		int seen = 0;
		char num[16];

		snprintf(num, sizeof(num), "%d", tids[1]);
		while (d && (e = readdir(d)))
			if (!strcmp(e->d_name, num))
				seen = 1;
		if (d)
			closedir(d);
		CHECK("/proc lists processes only, not the thread", !seen);
	}

	/* threads go, their directories with them */
	go_on = 1;
	for (int i = 0; i < NT; i++)
		pthread_join(th[i], NULL);
	snprintf(path, sizeof(path), "/proc/self/task/%d", tids[0]);
	CHECK_ERR("a joined thread's task/TID: ENOENT", stat(path, &stb), ENOENT);
	CHECK_EQ("/proc/self/task lists main alone", list_tasks(me, listed, 16), 1);
	CHECK_EQ("and it is main", listed[0], me);
	snprintf(path, sizeof(path), "/proc/%d/status", me);
	CHECK_EQ("Threads: 1", status_field(path, "Threads"), 1);
	return utest_done();
}

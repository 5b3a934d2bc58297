/*
 * tests/user/proc_sysctl.c - /proc/sysvipc and the IPC sysctls: a new set,
 * queue and segment appear in /proc/sysvipc with their keys; kernel.sem's
 * SEMMSL decides whether a 1,000-semaphore set may exist; msgmni lowered
 * to the queues in use makes the next msgget ENOSPC; msg_next_id and
 * sem_next_id name the next object's id; bad writes are EINVAL (ERANGE for
 * SEMMNI) and keep the old value; another user cannot write (EACCES). Every value
 * is put back. Needs root; the host is changed only for a moment.
 */
#include "utest.h"
#include "proc_read.h"
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static int get(const char *name, char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	return read_file(path, buf, size);
}

static long get_long(const char *name)
{
	char buf[128];

	return get(name, buf, sizeof(buf)) > 0 ? atol(buf) : -999;
}

/* one write() of text; its result, errno in *err */
static long put(const char *name, const char *text, int *err)
{
	char path[128];
	long r;
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	r = write(fd, text, strlen(text));
	*err = r < 0 ? errno : 0;
	close(fd);
	return r;
}

static int count_lines(const char *path, const char *needle)
{
	char buf[65536];
	int fd = open(path, O_RDONLY), n, total = 0, lines = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	if (needle)
		return strstr(buf, needle) != NULL;
	for (char *p = buf; *p; p++)
		lines += *p == '\n';
	return lines;
}

int main(void)
{
	char sem[128], buf[256], line[64];
	int s[4], err, id;
	key_t key = 0x5e000000 | (getpid() & 0xffff);

	alarm(60);
	/* ---- /proc/sysvipc ---- */
	id = semget(key, 3, IPC_CREAT | IPC_EXCL | 0640);
	CHECK("a new set", id >= 0);
	snprintf(line, sizeof(line), "%10d %10d   640          3 ", key, id);
	CHECK("/proc/sysvipc/sem lists it: key, semid, perms, nsems in Linux's columns",
	      count_lines("/proc/sysvipc/sem", line) == 1);
	CHECK("under Linux's header", count_lines("/proc/sysvipc/sem",
	      "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n") == 1);
	semctl(id, 0, IPC_RMID);
	CHECK("removed, it is gone", count_lines("/proc/sysvipc/sem", line) == 0);
	id = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
	snprintf(line, sizeof(line), "%10d %10d   600 ", key, id);
	CHECK("/proc/sysvipc/msg lists a new queue", id >= 0 && count_lines("/proc/sysvipc/msg", line) == 1);
	msgctl(id, IPC_RMID, NULL);
	id = shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0600);
	snprintf(line, sizeof(line), "%10d %10d   600 ", key, id);
	CHECK("/proc/sysvipc/shm lists a new segment", id >= 0 && count_lines("/proc/sysvipc/shm", line) == 1);
	shmctl(id, IPC_RMID, NULL);

	/* ---- kernel.sem ---- */
	CHECK("kernel.sem reads", get("sem", sem, sizeof(sem)) > 0);
	CHECK_EQ("four tab-separated values", sscanf(sem, "%d\t%d\t%d\t%d", &s[0], &s[1], &s[2], &s[3]), 4);
	snprintf(buf, sizeof(buf), "999 %d %d %d\n", s[1], s[2], s[3]);
	CHECK_EQ("lower SEMMSL to 999", put("sem", buf, &err), (long)strlen(buf));
	CHECK_ERR("a 1,000-semaphore set is EINVAL", semget(IPC_PRIVATE, 1000, 0600), EINVAL);
	{
		struct seminfo si;

		CHECK("SEM_INFO reports SEMMSL 999 at once", semctl(0, 0, SEM_INFO, &si) >= 0 && si.semmsl == 999);
	}
	snprintf(buf, sizeof(buf), "1000\t%d\t%d\t%d", s[1], s[2], s[3]);
	CHECK_EQ("raise it to 1000", put("sem", buf, &err), (long)strlen(buf));
	id = semget(IPC_PRIVATE, 1000, 0600);
	CHECK("now a 1,000-semaphore set exists", id >= 0);
	semctl(id, 0, IPC_RMID);
	snprintf(buf, sizeof(buf), "1000 %d %d 99999", s[1], s[2]);
	CHECK_EQ("SEMMNI past 32768 fails", put("sem", buf, &err), -1);
	CHECK_EQ("with ERANGE", err, ERANGE);
	get("sem", buf, sizeof(buf));
	snprintf(line, sizeof(line), "1000\t%d\t%d\t%d\n", s[1], s[2], s[3]);
	CHECK("and SEMMNI kept its value", !strcmp(buf, line));
	CHECK_EQ("garbage", put("sem", "1 2 x 4", &err), -1);
	CHECK_EQ("is EINVAL", err, EINVAL);
	CHECK_OK("put kernel.sem back", put("sem", sem, &err));
	get("sem", buf, sizeof(buf));
	CHECK("as it was", !strcmp(buf, sem));

	/* ---- kernel.msgmni ---- */
	{
		long old = get_long("msgmni");
		int inuse = count_lines("/proc/sysvipc/msg", NULL) - 1;

		CHECK("kernel.msgmni reads", old > 0);
		snprintf(buf, sizeof(buf), "%d\n", inuse);
		CHECK_EQ("lower msgmni to the queues in use", put("msgmni", buf, &err), (long)strlen(buf));
		CHECK_ERR("the next msgget is ENOSPC", msgget(IPC_PRIVATE, 0600), ENOSPC);
		snprintf(buf, sizeof(buf), "%ld", old);
		CHECK_EQ("put it back", put("msgmni", buf, &err), (long)strlen(buf));
		id = msgget(IPC_PRIVATE, 0600);
		CHECK("and msgget works again", id >= 0);
		msgctl(id, IPC_RMID, NULL);

		/* bad input: EINVAL and the old value kept */
		static const char *const bad[] = { "abc", "-5", "99999999999", "12x", "32769", "", "\n" };
		for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			long r = put("msgmni", bad[i], &err);

			snprintf(line, sizeof(line), "msgmni '%s' is EINVAL", bad[i][0] == '\n' ? "\\n" : bad[i]);
			CHECK(line, (r == -1 && err == EINVAL) || (!bad[i][0] && r == 0));
		}
		CHECK_EQ("msgmni unchanged", get_long("msgmni"), old);
		snprintf(buf, sizeof(buf), "%ld 5\n", old);
		snprintf(line, sizeof(line), "%ld ", old);
		CHECK_EQ("two values: only the first (and its space) is taken", put("msgmni", buf, &err),
			 (long)strlen(line));
		CHECK_EQ("shmmax -1 is EINVAL", put("shmmax", "-1", &err) == -1 && err == EINVAL, 1);
		CHECK_EQ("pid_max 300 is EINVAL", put("pid_max", "300", &err) == -1 && err == EINVAL, 1);
		CHECK("pid_max is 301..4194304", get_long("pid_max") >= 301 && get_long("pid_max") <= 4194304);
		CHECK("threads-max is positive", get_long("threads-max") > 0);
		{
			long pms = get_long("../fs/pipe-max-size");

			CHECK("fs.pipe-max-size reads", pms >= 4096);
			CHECK_EQ("set it to 5000", put("../fs/pipe-max-size", "5000", &err), 4);
			CHECK_EQ("it is rounded up to a power-of-two of pages", get_long("../fs/pipe-max-size"), 8192);
			CHECK_EQ("-1 is EINVAL", put("../fs/pipe-max-size", "-1", &err) == -1 && err == EINVAL, 1);
			snprintf(buf, sizeof(buf), "%ld", pms);
			put("../fs/pipe-max-size", buf, &err);
			CHECK_EQ("put back", get_long("../fs/pipe-max-size"), pms);
		}
		CHECK_EQ("threads-max 0 is EINVAL", put("threads-max", "0", &err) == -1 && err == EINVAL, 1);
	}

	/* ---- *_next_id ---- */
	CHECK_EQ("msg_next_id is -1 when unset", get_long("msg_next_id"), -1);
	{
		int want = 5 * 32768 + 1000;

		snprintf(buf, sizeof(buf), "%d", want);
		CHECK_EQ("set msg_next_id", put("msg_next_id", buf, &err), (long)strlen(buf));
		CHECK_EQ("it reads back", get_long("msg_next_id"), want);
		id = msgget(IPC_PRIVATE, 0600);
		CHECK_EQ("the next queue takes that id", id, want);
		CHECK_EQ("and msg_next_id is -1 again", get_long("msg_next_id"), -1);
		msgctl(id, IPC_RMID, NULL);
		want = 7 * 32768 + 1001;
		snprintf(buf, sizeof(buf), "%d", want);
		put("sem_next_id", buf, &err);
		id = semget(IPC_PRIVATE, 1, 0600);
		CHECK_EQ("sem_next_id names the next set", id, want);
		semctl(id, 0, IPC_RMID);
		CHECK_EQ("msg_next_id -2 is EINVAL", put("msg_next_id", "-2", &err) == -1 && err == EINVAL, 1);
	}

	/* ---- another user ---- */
	{
		pid_t pid = fork();

		if (pid == 0) {
			int ok = 1, e;

			if (setgid(65534) || setuid(65534))
				_exit(99);
			ok &= put("msgmni", "10", &e) == -1 && e == EACCES;
			ok &= put("sem", "1 1 1 1", &e) == -1 && e == EACCES;
			ok &= put("msg_next_id", "10", &e) == -1 && e == EACCES;
			ok &= get_long("msgmni") > 0;
			_exit(ok ? 0 : 1);
		}
		int st;

		waitpid(pid, &st, 0);
		CHECK("uid 65534: writes are EACCES, reads work",
		      WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	{
		struct utsname u;

		uname(&u);
		get("hostname", buf, sizeof(buf));
		buf[strcspn(buf, "\n")] = '\0';
		CHECK("kernel.hostname is uname's nodename", !strcmp(buf, u.nodename));
	}
	return utest_done();
}

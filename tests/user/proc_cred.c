/*
 * proc_cred.c - credentials and the permission checks they drive: root's ids,
 * setuid/setgid to 65534 dropping privilege for good (EPERM afterwards), kill and
 * open refused with EPERM/EACCES, setresuid/setresgid and the saved set-user-ID,
 * setgroups/getgroups, effective (not real) uid deciding file access.
 * Children act and send each result (a value, or -errno) back through a pipe;
 * the parent makes every check.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "utest.h"

#define NOBODY 65534

static int result_fd;

static void put(long v)
{
	write(result_fd, &v, sizeof(v));
}

/* Send 0 on success, -errno on failure (for calls returning -1 on error). */
static void put_rc(long rc)
{
	put(rc == -1 ? -errno : 0);
}

static long get(int fd)
{
	long v;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? v : -99999;
}

static char dir[64], opendir[96], secret[96], public[96], nothing[96], inner[96], own[96];

/* Child: become nobody (gid first, then uid) and probe what is refused. */
static void as_nobody(pid_t parent)
{
	struct stat sb;
	uid_t r, e, s;
	pid_t g;
	int fd, st;

	put_rc(setgroups(0, NULL));
	put(getgroups(0, NULL));
	put_rc(setgid(NOBODY));
	put(getgid());
	put(getegid());
	put_rc(setuid(NOBODY));
	getresuid(&r, &e, &s);
	put(r);
	put(e);
	put(s);
	put_rc(setuid(0));
	put_rc(setgid(0));
	put_rc(setgroups(0, NULL));
	put_rc(kill(parent, SIGUSR1));	/* the parent ignores SIGUSR1, just in case */
	put_rc(kill(parent, 0));
	fd = open(secret, O_RDONLY);
	put_rc(fd);
	fd = open(public, O_RDONLY);
	put_rc(fd);
	if (fd >= 0)
		close(fd);
	put_rc(open(public, O_WRONLY));
	put_rc(open(inner, O_WRONLY | O_CREAT, 0644));
	fd = open(own, O_WRONLY | O_CREAT | O_EXCL, 0644);
	put_rc(fd);
	if (fd >= 0 && fstat(fd, &sb) == 0) {
		put(sb.st_uid);
		put(sb.st_gid);
	} else {
		put(-1);
		put(-1);
	}
	g = fork();
	if (g == 0) {
		pause();
		_exit(0);
	}
	put_rc(kill(g, SIGKILL));
	waitpid(g, &st, 0);
	put(WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* Child: setresuid and the saved set-user-ID; effective uid decides access. */
static void resuid(void)
{
	uid_t r, e, s;
	int fd;

	put_rc(setresuid(1000, 2000, 0));
	getresuid(&r, &e, &s);
	put(r);
	put(e);
	put(s);
	put(getuid());
	put(geteuid());
	put_rc(setresuid(-1, 1000, -1));	/* euid may become the real uid */
	put(geteuid());
	put_rc(setresuid(-1, 3000, -1));	/* but not an unrelated one */
	put_rc(seteuid(0));			/* the saved uid 0 allows this */
	put(geteuid());
	put_rc(setuid(0));			/* euid 0: sets all three */
	getresuid(&r, &e, &s);
	put(r + e + s);
	/* Real uid 0, effective nobody: access is judged by the effective uid. */
	put_rc(setresuid(0, NOBODY, 0));
	fd = open(secret, O_RDONLY);
	put_rc(fd);
	put_rc(seteuid(0));
	fd = open(secret, O_RDONLY);
	put_rc(fd);
}

/* Child: group ids. */
static void resgid(void)
{
	gid_t r, e, s, list[8] = { 0 };
	gid_t want[3] = { 5, 6, 7 };

	put_rc(setresgid(100, 200, 300));
	getresgid(&r, &e, &s);
	put(r);
	put(e);
	put(s);
	put_rc(setgid(1234));
	getresgid(&r, &e, &s);
	put(r == 1234 && e == 1234 && s == 1234);
	put_rc(setgroups(3, want));
	put(getgroups(8, list));
	put(list[0] * 100 + list[1] * 10 + list[2]);
	put_rc(getgroups(1, list));		/* too small a buffer */
}

static int run_child(void (*fn)(void), int *rfd)
{
	int p[2];
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		result_fd = p[1];
		fn();
		_exit(0);
	}
	close(p[1]);
	*rfd = p[0];
	return pid;
}

static pid_t parent_pid;

static void nobody_child(void)
{
	as_nobody(parent_pid);
}

static int make_file(const char *path, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	write(fd, "data\n", 5);
	return close(fd);
}

int main(void)
{
	int rfd, st, fd;
	long v1, v2, v3;
	pid_t pid;

	alarm(20);
	parent_pid = getpid();
	signal(SIGUSR1, SIG_IGN);
	umask(0);
	snprintf(dir, sizeof(dir), "/tmp/proc_cred_%d", (int)parent_pid);
	snprintf(secret, sizeof(secret), "%s/secret", dir);
	snprintf(public, sizeof(public), "%s/public", dir);
	snprintf(nothing, sizeof(nothing), "%s/nothing", dir);
	snprintf(inner, sizeof(inner), "%s/new", dir);
	snprintf(own, sizeof(own), "%s/open/mine", dir);

	CHECK("getuid() and geteuid() are 0 at start", getuid() == 0 && geteuid() == 0);
	CHECK("getgid() and getegid() are 0 at start", getgid() == 0 && getegid() == 0);

	snprintf(opendir, sizeof(opendir), "%s/open", dir);
	CHECK("root creates a 0755 directory in /tmp and a 0777 one inside it (umask 0)",
	      mkdir(dir, 0755) == 0 && mkdir(opendir, 0777) == 0);
	make_file(secret, 0600);
	make_file(public, 0644);
	make_file(nothing, 0);
	fd = open(nothing, O_RDWR);
	CHECK("root opens a mode-000 file for reading and writing", fd >= 0);
	if (fd >= 0)
		close(fd);

	/* The unprivileged child. */
	pid = run_child(nobody_child, &rfd);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("root may setgroups(0, NULL), after which getgroups counts 0 groups",
	      v1 == 0 && v2 == 0);
	v1 = get(rfd);
	v2 = get(rfd);
	v3 = get(rfd);
	CHECK("root's setgid(65534) sets the real and effective gid",
	      v1 == 0 && v2 == NOBODY && v3 == NOBODY);
	CHECK_EQ("root may setuid(65534)", get(rfd), 0);
	v1 = get(rfd);
	v2 = get(rfd);
	v3 = get(rfd);
	CHECK("which sets the real, effective and saved uid",
	      v1 == NOBODY && v2 == NOBODY && v3 == NOBODY);
	CHECK_EQ("there is no way back: setuid(0) gives EPERM", get(rfd), -EPERM);
	CHECK_EQ("setgid(0) gives EPERM", get(rfd), -EPERM);
	CHECK_EQ("setgroups as non-root gives EPERM", get(rfd), -EPERM);
	CHECK_EQ("kill(root-owned parent, SIGUSR1) gives EPERM", get(rfd), -EPERM);
	CHECK_EQ("kill(root-owned parent, 0) gives EPERM as well", get(rfd), -EPERM);
	CHECK_EQ("opening a root 0600 file gives EACCES", get(rfd), -EACCES);
	CHECK_EQ("opening a root 0644 file for reading works", get(rfd), 0);
	CHECK_EQ("opening it for writing gives EACCES", get(rfd), -EACCES);
	CHECK_EQ("creating a file in a root 0755 directory gives EACCES", get(rfd), -EACCES);
	CHECK_EQ("creating a file in a 0777 directory works", get(rfd), 0);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("and the new file belongs to uid 65534, gid 65534", v1 == NOBODY && v2 == NOBODY);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("kill of its own child with the same uid works: the child dies by SIGKILL",
	      v1 == 0 && v2 == SIGKILL);
	close(rfd);
	waitpid(pid, &st, 0);

	/* setresuid. */
	pid = run_child(resuid, &rfd);
	CHECK_EQ("root may setresuid(1000, 2000, 0)", get(rfd), 0);
	v1 = get(rfd);
	v2 = get(rfd);
	v3 = get(rfd);
	CHECK("getresuid then reports 1000, 2000, 0", v1 == 1000 && v2 == 2000 && v3 == 0);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("getuid() is 1000 and geteuid() 2000", v1 == 1000 && v2 == 2000);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("non-root may set its effective uid to its real uid", v1 == 0 && v2 == 1000);
	CHECK_EQ("but not to an unrelated uid: EPERM", get(rfd), -EPERM);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("a saved uid of 0 lets seteuid(0) succeed", v1 == 0 && v2 == 0);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("with euid 0, setuid(0) sets real, effective and saved to 0", v1 == 0 && v2 == 0);
	CHECK_EQ("root may setresuid(0, 65534, 0)", get(rfd), 0);
	CHECK_EQ("real uid 0 with effective uid 65534 cannot open a root 0600 file",
		 get(rfd), -EACCES);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("after seteuid(0) the same open works", v1 == 0 && v2 == 0);
	close(rfd);
	waitpid(pid, &st, 0);

	/* Groups. */
	pid = run_child(resgid, &rfd);
	CHECK_EQ("root may setresgid(100, 200, 300)", get(rfd), 0);
	v1 = get(rfd);
	v2 = get(rfd);
	v3 = get(rfd);
	CHECK("getresgid then reports 100, 200, 300", v1 == 100 && v2 == 200 && v3 == 300);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("root's setgid(1234) sets real, effective and saved gid", v1 == 0 && v2 == 1);
	CHECK_EQ("root may setgroups({5, 6, 7})", get(rfd), 0);
	v1 = get(rfd);
	v2 = get(rfd);
	CHECK("getgroups then returns 3: the groups 5, 6, 7", v1 == 3 && v2 == 567);
	CHECK_EQ("getgroups with too small a buffer gives EINVAL", get(rfd), -EINVAL);
	close(rfd);
	waitpid(pid, &st, 0);

	CHECK_EQ("the children's credential changes left the parent root", geteuid(), 0);

	unlink(own);
	unlink(secret);
	unlink(public);
	unlink(nothing);
	unlink(inner);
	rmdir(opendir);
	rmdir(dir);
	return utest_done();
}

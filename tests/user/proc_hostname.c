/*
 * proc_hostname.c - sethostname (74) and setdomainname (121): root sets
 * them, uname and /proc/sys/kernel/{hostname,domainname} show the new
 * names; more than 64 bytes or a negative length is EINVAL, a bad pointer
 * EFAULT, a user EPERM (checked first). On a Linux host the changes are
 * made in a new UTS namespace; here, which has none, on the only one, and
 * the old names are put back.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "utest.h"

static int read_line(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");

	if (!f || !fgets(buf, (int)n, f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static void as_root(void)
{
	struct utsname u, old;
	char host[80], dom[80], big[70];

	uname(&old);
	CHECK_OK("sethostname(\"testhost\", 8)", sethostname("testhost-and-more", 8));
	uname(&u);
	CHECK("uname's nodename is testhost (the 8 bytes given)", !strcmp(u.nodename, "testhost"));
	read_line("/proc/sys/kernel/hostname", host, sizeof(host));
	CHECK("and /proc/sys/kernel/hostname", !strcmp(host, "testhost"));
	CHECK_OK("setdomainname(\"example.org\")", setdomainname("example.org", 11));
	uname(&u);
	CHECK("uname's domainname is example.org", !strcmp(u.domainname, "example.org"));
	read_line("/proc/sys/kernel/domainname", dom, sizeof(dom));
	CHECK("and /proc/sys/kernel/domainname", !strcmp(dom, "example.org"));
	memset(big, 'a', sizeof(big));
	CHECK_OK("a 64-byte hostname", sethostname(big, 64));
	uname(&u);
	CHECK_EQ("reads back 64 bytes long", strlen(u.nodename), 64);
	CHECK_ERR("65 bytes: EINVAL", sethostname(big, 65), EINVAL);
	CHECK_ERR("length -1: EINVAL", syscall(SYS_sethostname, big, -1), EINVAL);
	CHECK_ERR("setdomainname of 65 bytes: EINVAL", setdomainname(big, 65), EINVAL);
	CHECK_ERR("a bad pointer: EFAULT", syscall(SYS_sethostname, (void *)16, 5), EFAULT);
	CHECK_ERR("setdomainname from a bad pointer: EFAULT",
		  syscall(SYS_setdomainname, (void *)16, 5), EFAULT);
	CHECK_OK("an empty hostname", sethostname("", 0));
	uname(&u);
	CHECK_EQ("reads back empty", strlen(u.nodename), 0);
	sethostname(old.nodename, strlen(old.nodename));
	setdomainname(old.domainname, strlen(old.domainname));
	uname(&u);
	CHECK("the old names are back", !strcmp(u.nodename, old.nodename) &&
	      !strcmp(u.domainname, old.domainname));
}

static void as_user(void)
{
	if (setuid(65534))
		_exit(100);
	CHECK_ERR("user: sethostname: EPERM", sethostname("x", 1), EPERM);
	CHECK_ERR("user: EPERM comes before EINVAL", syscall(SYS_sethostname, "x", 1000), EPERM);
	CHECK_ERR("user: before EFAULT too", syscall(SYS_sethostname, (void *)16, 5), EPERM);
	CHECK_ERR("user: setdomainname: EPERM", setdomainname("x", 1), EPERM);
	_exit(utest_failed);
}

int main(void)
{
	pid_t pid;
	int st;

	if (getuid() != 0)
		return utest_done();
	pid = fork();
	if (pid == 0) {
		utest_passed = utest_failed = 0;
		/* the host's names stay untouched: its own namespace, where there are any */
		if (unshare(CLONE_NEWUTS) && errno != EINVAL && errno != ENOSYS)
			_exit(101);
		as_root();
		_exit(utest_failed);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("the root checks all passed", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	pid = fork();
	if (pid == 0) {
		utest_passed = utest_failed = 0;
		as_user();
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("the user checks all passed", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0);
	return utest_done();
}

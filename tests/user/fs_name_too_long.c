/*
 * fs_name_too_long.c - a finding of the fuzzer (issue 18): a path component
 * longer than NAME_MAX (255) or a path of PATH_MAX (4096) bytes or more must
 * give ENAMETOOLONG in every call that takes a name, and must never create
 * anything (a name that cannot be looked up again cannot be removed: the
 * fuzz run's leak came from one).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

static char n255[256], n256[257], p4096[4097], p4095[4096];

int main(void)
{
	memset(n255, 'a', 255);
	memset(n256, 'b', 256);
	/* "d/d/d/...": 4096 bytes, no NUL among them */
	for (int i = 0; i < 4096; i++)
		p4096[i] = (i % 2) ? '/' : 'd';
	memcpy(p4095, p4096, 4095);

	CHECK_ERR("open(O_CREAT) of a 256-byte name", open(n256, O_RDWR | O_CREAT, 0644), ENAMETOOLONG);
	CHECK_ERR("creat of a 256-byte name", creat(n256, 0644), ENAMETOOLONG);
	CHECK_ERR("mkdir of a 256-byte name", mkdir(n256, 0755), ENAMETOOLONG);
	CHECK_ERR("mknod (FIFO) of a 256-byte name", mknod(n256, S_IFIFO | 0600, 0), ENAMETOOLONG);
	CHECK_ERR("symlink to a 256-byte name", symlink("x", n256), ENAMETOOLONG);
	CHECK_ERR("stat of a 256-byte name", access(n256, F_OK), ENAMETOOLONG);
	CHECK_ERR("unlink of a 256-byte name", unlink(n256), ENAMETOOLONG);
	char mid[600];
	snprintf(mid, sizeof(mid), "dir/%s/x", n256);
	CHECK_OK("mkdir dir", mkdir("dir", 0755));
	CHECK_ERR("256 bytes in the middle of a path", open(mid, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG);
	CHECK_OK("rmdir dir", rmdir("dir"));
	CHECK_ERR("a path of 4096 bytes", open(p4096, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG);
	CHECK_ERR("a path of 4095 bytes: looked up, not too long", open(p4095, O_RDONLY), ENOENT);

	int fd = open(n255, O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK("a 255-byte name can be made", fd >= 0);
	close(fd);
	CHECK_ERR("rename onto a 256-byte name", rename(n255, n256), ENAMETOOLONG);
	CHECK_ERR("link to a 256-byte name", link(n255, n256), ENAMETOOLONG);
	CHECK_OK("the 255-byte name is still there and goes away", unlink(n255));
	CHECK_ERR("nothing with the 256-byte name was made", access(n255, F_OK), ENOENT);

	return utest_done();
}

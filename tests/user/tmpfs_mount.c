/*
 * tmpfs_mount: tmpfs (mm/shmem.c): mount -t tmpfs with size=, nr_inodes=
 * and mode=, ENOSPC when the pages or the inodes run out, statfs figures
 * that follow use, space given back by unlink and truncate, bad options,
 * and /dev/shm mounted with mode 1777.
 */
#include "utest.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#define TMPFS_MAGIC 0x01021994
#define PG 4096

int main(void)
{
	char dir[64], f[96], buf[PG];
	struct statfs sf;
	struct stat st;
	int fd, n;
	ssize_t w;

	CHECK_OK("stat /dev/shm", stat("/dev/shm", &st));
	CHECK_EQ("/dev/shm is mode 1777", st.st_mode & 07777, 01777);
	CHECK_OK("statfs /dev/shm", statfs("/dev/shm", &sf));
	CHECK_EQ("/dev/shm is tmpfs", sf.f_type, TMPFS_MAGIC);

	snprintf(dir, sizeof(dir), "/tmp/tmpfs_mount.%d", (int)getpid());
	CHECK_OK("mkdir", mkdir(dir, 0755));
	CHECK_ERR("an unknown option: EINVAL", mount("tmpfs", dir, "tmpfs", 0, "colour=blue"), EINVAL);
	CHECK_ERR("a bad size: EINVAL", mount("tmpfs", dir, "tmpfs", 0, "size=12q"), EINVAL);
	CHECK_OK("mount -t tmpfs -o size=64k,nr_inodes=5,mode=0710",
		 mount("tmpfs", dir, "tmpfs", 0, "size=64k,nr_inodes=5,mode=0710"));
	CHECK_OK("stat the root", stat(dir, &st));
	CHECK_EQ("the root has mode=", st.st_mode & 07777, 0710);
	CHECK_OK("statfs", statfs(dir, &sf));
	CHECK_EQ("f_type", sf.f_type, TMPFS_MAGIC);
	CHECK_EQ("f_bsize", sf.f_bsize, PG);
	CHECK_EQ("f_blocks is size= in pages", sf.f_blocks, 16);
	CHECK_EQ("all free", sf.f_bfree, 16);
	CHECK_EQ("f_files is nr_inodes=", sf.f_files, 5);
	CHECK_EQ("the root takes one", sf.f_ffree, 4);

	snprintf(f, sizeof(f), "%s/big", dir);
	fd = open(f, O_CREAT | O_RDWR, 0600);
	CHECK_OK("create a file", fd);
	memset(buf, 'x', sizeof(buf));
	for (n = 0; (w = write(fd, buf, PG)) == PG; n++)
		;
	CHECK_EQ("16 pages fit", n, 16);
	CHECK_ERR("the next write: ENOSPC", write(fd, buf, PG), ENOSPC);
	statfs(dir, &sf);
	CHECK_EQ("no block free", sf.f_bfree, 0);
	CHECK_EQ("f_bavail too", sf.f_bavail, 0);
	CHECK_EQ("one more inode used", sf.f_ffree, 3);
	CHECK_OK("ftruncate to 4 pages", ftruncate(fd, 4 * PG));
	statfs(dir, &sf);
	CHECK_EQ("truncate gives 12 pages back", sf.f_bfree, 12);
	{
		char *p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

		CHECK("mmap a tmpfs file", p != MAP_FAILED);
		if (p != MAP_FAILED) {
			CHECK_OK("ftruncate it up", ftruncate(fd, 8 * PG));
			p[7 * PG] = 'm';
			statfs(dir, &sf);
			CHECK_EQ("a fault on a hole takes a page", sf.f_bfree, 11);
			munmap(p, 8 * PG);
		}
	}
	close(fd);
	CHECK_OK("unlink", unlink(f));
	statfs(dir, &sf);
	CHECK_EQ("unlink gives every page back", sf.f_bfree, 16);
	CHECK_EQ("and the inode", sf.f_ffree, 4);
	for (n = 0; n < 10; n++) {
		snprintf(f, sizeof(f), "%s/f%d", dir, n);
		fd = open(f, O_CREAT | O_RDWR, 0600);
		if (fd < 0)
			break;
		close(fd);
	}
	CHECK_EQ("4 more inodes fit", n, 4);
	CHECK_EQ("then ENOSPC", errno, ENOSPC);
	snprintf(f, sizeof(f), "%s/d", dir);
	CHECK_ERR("mkdir with no inode left: ENOSPC", mkdir(f, 0700), ENOSPC);
	for (n = 0; n < 4; n++) {
		snprintf(f, sizeof(f), "%s/f%d", dir, n);
		unlink(f);
	}
	CHECK_OK("umount", umount(dir));
	CHECK_OK("mount with the defaults", mount("tmpfs", dir, "tmpfs", 0, NULL));
	statfs(dir, &sf);
	CHECK("default size is some pages", sf.f_blocks > 0);
	CHECK_OK("umount", umount(dir));
	CHECK_OK("rmdir", rmdir(dir));
	return utest_done();
}

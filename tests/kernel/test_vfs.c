/*
 * tests/kernel/test_vfs.c - path walk and the errors of the name
 * operations, through the sys_* calls with kernel buffers (the boot task
 * runs with KERNEL_DS). Every test works under /tmp and removes what it
 * made.
 */
#include <kernel/ktest.h>
#include <kernel/namei.h>
#include <kernel/slab.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <uapi/dirent.h>
#include <uapi/statfs.h>
#include "vfs_test.h"

KTEST(vfs, root_and_dev_exist)
{
	struct stat64 st;

	ASSERT_EQ(sys_stat64("/", &st), 0);
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_EQ(st.st_ino, st.__st_ino);
	ASSERT_EQ(sys_stat64("/dev/null", &st), 0);
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(st.st_rdev, (1 << 8) | 3);
	ASSERT_EQ(sys_stat64("/dev/console", &st), 0);
	EXPECT_EQ(st.st_rdev, (5 << 8) | 1);
	ASSERT_EQ(sys_stat64("/dev/ttyS0", &st), 0);
	EXPECT_EQ(st.st_rdev, (4 << 8) | 64);
	ASSERT_EQ(sys_stat64("/tmp", &st), 0);
	EXPECT_EQ(st.st_mode & 07777, 01777);
}

KTEST(vfs, path_walk_forms)
{
	struct stat64 a, b;
	char buf[64];

	ASSERT_EQ(sys_mkdir("/tmp/pw", 0755), 0);
	ASSERT_EQ(sys_mkdir("/tmp/pw/d", 0755), 0);
	ASSERT_EQ(write_whole("/tmp/pw/d/f", "x"), 1);
	ASSERT_EQ(sys_stat64("/tmp/pw/d/f", &a), 0);
	/* repeated slashes, ".", "..", and ".." at the root stays there */
	EXPECT_EQ(sys_stat64("//tmp///pw/./d/../d/f", &b), 0);
	EXPECT_EQ(a.st_ino, b.st_ino);
	EXPECT_EQ(sys_stat64("/../../tmp/pw/d/f", &b), 0);
	EXPECT_EQ(a.st_ino, b.st_ino);
	/* trailing slashes: fine on a directory, ENOTDIR on a file */
	EXPECT_EQ(sys_stat64("/tmp/pw/d/", &b), 0);
	EXPECT_EQ(sys_stat64("/tmp/pw/d//", &b), 0);
	EXPECT_EQ(sys_stat64("/tmp/pw/d/f/", &b), -ENOTDIR);
	EXPECT_EQ(sys_stat64("/tmp/pw/d/f/x", &b), -ENOTDIR);
	EXPECT_EQ(sys_stat64("/tmp/pw/nope/f", &b), -ENOENT);
	EXPECT_EQ(sys_stat64("", &b), -ENOENT);
	/* relative to the working directory */
	ASSERT_EQ(sys_chdir("/tmp/pw/d"), 0);
	EXPECT_EQ(sys_stat64("f", &b), 0);
	EXPECT_EQ(a.st_ino, b.st_ino);
	EXPECT_EQ(sys_stat64("../d/f", &b), 0);
	EXPECT_EQ(sys_getcwd(buf, sizeof(buf)), 10);	/* with the NUL */
	EXPECT_EQ(strcmp(buf, "/tmp/pw/d"), 0);
	EXPECT_EQ(sys_getcwd(buf, 5), -ERANGE);
	ASSERT_EQ(sys_chdir(".."), 0);
	EXPECT_EQ(sys_getcwd(buf, sizeof(buf)), 8);
	EXPECT_EQ(sys_chdir("d/f"), -ENOTDIR);
	ASSERT_EQ(sys_chdir("/"), 0);
	EXPECT_EQ(sys_getcwd(buf, sizeof(buf)), 2);
	EXPECT_EQ(strcmp(buf, "/"), 0);
	/* openat relative to a directory fd */
	{
		long dfd = sys_open("/tmp/pw", O_RDONLY | O_DIRECTORY, 0);
		long fd;

		ASSERT_GE(dfd, 0);
		fd = sys_openat(dfd, "d/f", O_RDONLY, 0);
		EXPECT_GE(fd, 0);
		sys_close(fd);
		EXPECT_EQ(sys_fstatat64(dfd, "d/f", &b, 0), 0);
		EXPECT_EQ(a.st_ino, b.st_ino);
		EXPECT_EQ(sys_fstatat64(dfd, "", &b, AT_EMPTY_PATH), 0);
		EXPECT_TRUE(S_ISDIR(b.st_mode));
		fd = sys_open("/tmp/pw/d/f", O_RDONLY, 0);
		EXPECT_EQ(sys_openat(fd, "x", O_RDONLY, 0), -ENOTDIR);
		EXPECT_EQ(sys_openat(99, "x", O_RDONLY, 0), -EBADF);
		sys_close(fd);
		sys_close(dfd);
	}
	EXPECT_EQ(sys_unlink("/tmp/pw/d/f"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/pw/d"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/pw"), 0);
}

KTEST(vfs, getcwd_of_removed_directory)
{
	char buf[64];

	ASSERT_EQ(sys_mkdir("/tmp/gone", 0755), 0);
	ASSERT_EQ(sys_chdir("/tmp/gone"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/gone"), 0);
	EXPECT_EQ(sys_getcwd(buf, sizeof(buf)), -ENOENT);
	EXPECT_EQ(write_whole("newfile", "x"), -ENOENT);	/* no new names in a dead directory */
	ASSERT_EQ(sys_chdir("/"), 0);
}

KTEST(vfs, symlinks)
{
	char buf[64];
	struct stat64 st;
	long fd;

	ASSERT_EQ(sys_mkdir("/tmp/sl", 0755), 0);
	ASSERT_EQ(write_whole("/tmp/sl/target", "hello"), 5);
	EXPECT_EQ(sys_symlink("target", "/tmp/sl/rel"), 0);
	EXPECT_EQ(sys_symlink("/tmp/sl/target", "/tmp/sl/abs"), 0);
	EXPECT_EQ(sys_symlink("rel", "/tmp/sl/chain"), 0);
	EXPECT_EQ(sys_symlink("/tmp/sl", "/tmp/sl/dirlink"), 0);
	EXPECT_EQ(sys_symlink("loop2", "/tmp/sl/loop1"), 0);
	EXPECT_EQ(sys_symlink("loop1", "/tmp/sl/loop2"), 0);
	EXPECT_EQ(sys_symlink("nowhere", "/tmp/sl/dangling"), 0);
	EXPECT_EQ(sys_symlink("", "/tmp/sl/empty"), -ENOENT);

	EXPECT_EQ(read_whole("/tmp/sl/rel", buf, sizeof(buf)), 5);
	EXPECT_EQ(read_whole("/tmp/sl/abs", buf, sizeof(buf)), 5);
	EXPECT_EQ(read_whole("/tmp/sl/chain", buf, sizeof(buf)), 5);
	EXPECT_EQ(read_whole("/tmp/sl/dirlink/dirlink/target", buf, sizeof(buf)), 5);
	EXPECT_EQ(read_whole("/tmp/sl/loop1", buf, sizeof(buf)), -ELOOP);
	EXPECT_EQ(read_whole("/tmp/sl/dangling", buf, sizeof(buf)), -ENOENT);
	EXPECT_EQ(sys_open("/tmp/sl/rel", O_RDONLY | O_NOFOLLOW, 0), -ELOOP);
	EXPECT_EQ(sys_open("/tmp/sl/target/", O_RDONLY, 0), -ENOTDIR);

	EXPECT_EQ(sys_lstat64("/tmp/sl/abs", &st), 0);
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	EXPECT_EQ(st.st_size, 14);
	EXPECT_EQ(sys_stat64("/tmp/sl/abs", &st), 0);
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(sys_readlink("/tmp/sl/abs", buf, sizeof(buf)), 14);
	EXPECT_EQ(memcmp(buf, "/tmp/sl/target", 14), 0);
	EXPECT_EQ(sys_readlink("/tmp/sl/abs", buf, 4), 4);
	EXPECT_EQ(sys_readlink("/tmp/sl/target", buf, sizeof(buf)), -EINVAL);
	EXPECT_EQ(sys_readlink("/tmp/sl/abs", buf, 0), -EINVAL);
	/* O_CREAT through a link to an existing file opens the file */
	fd = sys_open("/tmp/sl/rel", O_WRONLY | O_CREAT | O_APPEND, 0644);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(sys_write(fd, "!", 1), 1);
	sys_close(fd);
	EXPECT_EQ(read_whole("/tmp/sl/target", buf, sizeof(buf)), 6);
	/* O_CREAT through a dangling link makes its target; O_EXCL refuses any link */
	EXPECT_EQ(sys_open("/tmp/sl/dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), -EEXIST);
	fd = sys_open("/tmp/sl/dangling", O_WRONLY | O_CREAT, 0644);
	EXPECT_GE(fd, 0);
	sys_close(fd);
	EXPECT_EQ(sys_stat64("/tmp/sl/nowhere", &st), 0);
	EXPECT_EQ(sys_open("/tmp/sl/loop1", O_WRONLY | O_CREAT, 0644), -ELOOP);
	EXPECT_EQ(sys_unlink("/tmp/sl/nowhere"), 0);
	/* unlink removes the link, not its target */
	EXPECT_EQ(sys_unlink("/tmp/sl/dirlink"), 0);
	for (const char *const *n = (const char *const[]){ "rel", "abs", "chain", "loop1", "loop2",
							    "dangling", "target", NULL }; *n; n++) {
		char path[32];

		snprintf(path, sizeof(path), "/tmp/sl/%s", *n);
		EXPECT_EQ(sys_unlink(path), 0);
	}
	EXPECT_EQ(sys_rmdir("/tmp/sl"), 0);
}

KTEST(vfs, name_errors)
{
	char *name = kmalloc(PATH_MAX + 16, GFP_KERNEL);
	long fd;

	ASSERT_NOT_NULL(name);
	ASSERT_EQ(sys_mkdir("/tmp/ne", 0755), 0);
	ASSERT_EQ(write_whole("/tmp/ne/f", "x"), 1);
	/* EEXIST */
	EXPECT_EQ(sys_mkdir("/tmp/ne", 0755), -EEXIST);
	EXPECT_EQ(sys_mkdir("/tmp/ne/f", 0755), -EEXIST);
	EXPECT_EQ(sys_mkdir("/", 0755), -EEXIST);
	EXPECT_EQ(sys_open("/tmp/ne/f", O_CREAT | O_EXCL | O_WRONLY, 0644), -EEXIST);
	EXPECT_EQ(sys_mknod("/tmp/ne/f", S_IFIFO | 0644, 0), -EEXIST);
	EXPECT_EQ(sys_symlink("x", "/tmp/ne/f"), -EEXIST);
	EXPECT_EQ(sys_link("/tmp/ne/f", "/tmp/ne/f"), -EEXIST);
	/* ENOENT */
	EXPECT_EQ(sys_open("/tmp/ne/none", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(sys_open("/tmp/ne/none/x", O_CREAT | O_WRONLY, 0644), -ENOENT);
	EXPECT_EQ(sys_unlink("/tmp/ne/none"), -ENOENT);
	EXPECT_EQ(sys_rmdir("/tmp/ne/none"), -ENOENT);
	EXPECT_EQ(sys_rename("/tmp/ne/none", "/tmp/ne/g"), -ENOENT);
	EXPECT_EQ(sys_link("/tmp/ne/none", "/tmp/ne/g"), -ENOENT);
	EXPECT_EQ(sys_mknod("/tmp/ne/g/", S_IFIFO | 0644, 0), -ENOENT);
	/* ENOTDIR */
	EXPECT_EQ(sys_open("/tmp/ne/f", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	EXPECT_EQ(sys_rmdir("/tmp/ne/f"), -ENOTDIR);
	EXPECT_EQ(sys_unlink("/tmp/ne/f/"), -ENOTDIR);
	EXPECT_EQ(sys_mkdir("/tmp/ne/f/d", 0755), -ENOTDIR);
	/* EISDIR */
	EXPECT_EQ(sys_open("/tmp/ne", O_WRONLY, 0), -EISDIR);
	EXPECT_EQ(sys_open("/tmp/ne", O_RDWR, 0), -EISDIR);
	EXPECT_EQ(sys_open("/tmp/ne/", O_CREAT | O_WRONLY, 0644), -EISDIR);
	EXPECT_EQ(sys_unlink("/tmp/ne"), -EISDIR);
	EXPECT_EQ(sys_unlink("/"), -EISDIR);
	fd = sys_open("/tmp/ne", O_RDONLY, 0);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(sys_read(fd, name, 10), -EISDIR);
	EXPECT_EQ(sys_write(fd, "x", 1), -EBADF);
	sys_close(fd);
	/* ENAMETOOLONG: a name over 255 bytes, a path of 4096 or more */
	memset(name, 'a', 256);
	name[256] = '\0';
	EXPECT_EQ(sys_open(name, O_RDONLY, 0), -ENAMETOOLONG);
	EXPECT_EQ(sys_mkdir(name, 0755), -ENAMETOOLONG);
	name[255] = '\0';
	EXPECT_EQ(sys_open(name, O_RDONLY, 0), -ENOENT);	/* 255 is allowed */
	for (int i = 0; i < PATH_MAX; i += 2) {
		name[i] = '/';
		name[i + 1] = '.';
	}
	name[PATH_MAX] = '\0';
	EXPECT_EQ(sys_chdir(name), -ENAMETOOLONG);
	name[PATH_MAX - 2] = '\0';	/* 4094 bytes: fine */
	EXPECT_EQ(sys_chdir(name), 0);
	/* ENOTEMPTY, EINVAL, EBUSY for rmdir */
	EXPECT_EQ(sys_rmdir("/tmp/ne"), -ENOTEMPTY);
	EXPECT_EQ(sys_rmdir("/tmp/ne/.."), -ENOTEMPTY);
	EXPECT_EQ(sys_rmdir("/tmp/ne/."), -EINVAL);
	EXPECT_EQ(sys_rmdir("/"), -EBUSY);
	EXPECT_EQ(sys_rename("/", "/tmp/ne/x"), -EBUSY);
	EXPECT_EQ(sys_rename("/tmp/ne/.", "/tmp/ne/x"), -EBUSY);
	/* EINVAL: bad flags, bad types */
	EXPECT_EQ(sys_unlinkat(AT_FDCWD, "/tmp/ne/f", 0x1), -EINVAL);
	EXPECT_EQ(sys_mknod("/tmp/ne/g", 0170000 | 0644, 0), -EINVAL);
	EXPECT_EQ(sys_mknod("/tmp/ne/g", S_IFDIR | 0755, 0), -EPERM);
	EXPECT_EQ(sys_renameat2(AT_FDCWD, "/tmp/ne/f", AT_FDCWD, "/tmp/ne/g", 8), -EINVAL);
	EXPECT_EQ(sys_rename("/tmp/ne", "/tmp/ne/sub"), -EINVAL);
	EXPECT_EQ(sys_linkat(AT_FDCWD, "/tmp/ne/f", AT_FDCWD, "/tmp/ne/g", 0x1), -EINVAL);
	EXPECT_EQ(sys_access("/tmp/ne/f", 8), -EINVAL);
	/* EPERM: hard links to directories */
	EXPECT_EQ(sys_link("/tmp/ne", "/tmp/ne2"), -EPERM);

	EXPECT_EQ(sys_unlink("/tmp/ne/f"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/ne/"), 0);
	kfree(name);
}

KTEST(vfs, rename_and_link)
{
	struct stat64 a, b;
	char buf[16];

	ASSERT_EQ(sys_mkdir("/tmp/rn", 0755), 0);
	ASSERT_EQ(sys_mkdir("/tmp/rn/d1", 0755), 0);
	ASSERT_EQ(sys_mkdir("/tmp/rn/d2", 0755), 0);
	ASSERT_EQ(write_whole("/tmp/rn/a", "A"), 1);
	ASSERT_EQ(write_whole("/tmp/rn/b", "B"), 1);
	ASSERT_EQ(sys_stat64("/tmp/rn/a", &a), 0);
	/* over an existing file: the target is replaced */
	EXPECT_EQ(sys_rename("/tmp/rn/a", "/tmp/rn/b"), 0);
	EXPECT_EQ(read_whole("/tmp/rn/b", buf, sizeof(buf)), 1);
	EXPECT_EQ(buf[0], 'A');
	EXPECT_EQ(sys_stat64("/tmp/rn/a", &b), -ENOENT);
	/* file over directory and back */
	EXPECT_EQ(sys_rename("/tmp/rn/b", "/tmp/rn/d1"), -EISDIR);
	EXPECT_EQ(sys_rename("/tmp/rn/d1", "/tmp/rn/b"), -ENOTDIR);
	/* a directory into another: nlink of both parents follows */
	ASSERT_EQ(sys_stat64("/tmp/rn/d2", &a), 0);
	EXPECT_EQ(sys_rename("/tmp/rn/d1", "/tmp/rn/d2/d1"), 0);
	ASSERT_EQ(sys_stat64("/tmp/rn/d2", &b), 0);
	EXPECT_EQ(b.st_nlink, a.st_nlink + 1);
	EXPECT_EQ(sys_stat64("/tmp/rn/d2/d1/..", &b), 0);
	EXPECT_EQ(b.st_ino, a.st_ino);
	/* over a non-empty directory */
	ASSERT_EQ(sys_mkdir("/tmp/rn/d3", 0755), 0);
	EXPECT_EQ(sys_rename("/tmp/rn/d3", "/tmp/rn/d2"), -ENOTEMPTY);
	EXPECT_EQ(sys_renameat2(AT_FDCWD, "/tmp/rn/d3", AT_FDCWD, "/tmp/rn/d2/d1",
				RENAME_NOREPLACE), -EEXIST);
	EXPECT_EQ(sys_rename("/tmp/rn/d3", "/tmp/rn/d2/d1"), 0);	/* empty: replaced */
	/* hard links share the inode */
	EXPECT_EQ(sys_link("/tmp/rn/b", "/tmp/rn/c"), 0);
	ASSERT_EQ(sys_stat64("/tmp/rn/b", &a), 0);
	ASSERT_EQ(sys_stat64("/tmp/rn/c", &b), 0);
	EXPECT_EQ(a.st_ino, b.st_ino);
	EXPECT_EQ(a.st_nlink, 2);
	EXPECT_EQ(sys_unlink("/tmp/rn/b"), 0);
	ASSERT_EQ(sys_stat64("/tmp/rn/c", &b), 0);
	EXPECT_EQ(b.st_nlink, 1);
	/* the same inode under both names: nothing happens */
	EXPECT_EQ(sys_link("/tmp/rn/c", "/tmp/rn/e"), 0);
	EXPECT_EQ(sys_rename("/tmp/rn/c", "/tmp/rn/e"), 0);
	EXPECT_EQ(sys_stat64("/tmp/rn/c", &b), 0);
	EXPECT_EQ(sys_unlink("/tmp/rn/c"), 0);
	EXPECT_EQ(sys_unlink("/tmp/rn/e"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/rn/d2/d1"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/rn/d2"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/rn"), 0);
}

/* a second ramfs mounted under /tmp: crossing it is EXDEV, removing it EBUSY */
KTEST(vfs, mounts_exdev_ebusy)
{
	struct statfs64 sfs;
	struct stat64 st, root;
	char buf[64];
	long fd;

	ASSERT_EQ(sys_mkdir("/tmp/mnt", 0755), 0);
	ASSERT_EQ(write_whole("/tmp/under", "u"), 1);
	ASSERT_EQ(do_mount("none", "/tmp/mnt", "ramfs", 0, NULL), 0);
	EXPECT_EQ(do_mount("none", "/tmp/mnt", "nosuchfs", 0, NULL), -ENODEV);
	EXPECT_EQ(sys_mount("none", "/tmp/mnt", "ramfs", 4096 /* MS_BIND */, NULL), -EINVAL);
	ASSERT_EQ(sys_stat64("/tmp/mnt", &st), 0);
	ASSERT_EQ(sys_stat64("/", &root), 0);
	EXPECT_NE(st.st_dev, root.st_dev);
	ASSERT_EQ(write_whole("/tmp/mnt/f", "m"), 1);
	EXPECT_EQ(sys_link("/tmp/mnt/f", "/tmp/f_link"), -EXDEV);
	EXPECT_EQ(sys_rename("/tmp/mnt/f", "/tmp/f_moved"), -EXDEV);
	EXPECT_EQ(sys_rename("/tmp/under", "/tmp/mnt/under"), -EXDEV);
	EXPECT_EQ(sys_rmdir("/tmp/mnt"), -EBUSY);
	EXPECT_EQ(sys_rename("/tmp/mnt", "/tmp/mnt2"), -EBUSY);
	/* ".." from the mounted root climbs into the parent file system */
	ASSERT_EQ(sys_chdir("/tmp/mnt"), 0);
	EXPECT_EQ(sys_getcwd(buf, sizeof(buf)), 9);
	EXPECT_EQ(sys_stat64("../under", &st), 0);
	EXPECT_EQ(st.st_dev, root.st_dev);
	/* busy while it is someone's working directory or has open files */
	EXPECT_EQ(do_umount_path("/tmp/mnt"), -EBUSY);
	ASSERT_EQ(sys_chdir("/"), 0);
	fd = sys_open("/tmp/mnt/f", O_RDONLY, 0);
	EXPECT_EQ(do_umount_path("/tmp/mnt"), -EBUSY);
	sys_close(fd);
	EXPECT_EQ(do_umount_path("/tmp/mnt/f"), -EINVAL);
	/* unmounting frees the file system and its file */
	EXPECT_EQ(do_umount_path("/tmp/mnt"), 0);
	/* and through the system calls: tmpfs (mm/shmem.c) has its own magic */
	EXPECT_EQ(sys_mount("none", "/tmp/mnt", "tmpfs", 0, NULL), 0);
	EXPECT_EQ(sys_statfs64("/tmp/mnt", sizeof(struct statfs64), &sfs), 0);
	EXPECT_EQ(sfs.f_type, 0x01021994);
	EXPECT_EQ(sys_umount("/tmp/mnt", 0), 0);
	{
		struct saved_cred cred;

		become_user(&cred, 1000, 1000);
		EXPECT_EQ(sys_mount("none", "/tmp/mnt", "ramfs", 0, NULL), -EPERM);
		restore_cred(&cred);
	}
	EXPECT_EQ(sys_stat64("/tmp/mnt/f", &st), -ENOENT);
	EXPECT_EQ(sys_rmdir("/tmp/mnt"), 0);
	EXPECT_EQ(sys_unlink("/tmp/under"), 0);
}

/* permission bits for an ordinary user, and root's overrides */
KTEST(vfs, permissions)
{
	struct saved_cred cred;
	char buf[8];
	long fd;

	ASSERT_EQ(sys_mkdir("/tmp/perm", 0755), 0);
	ASSERT_EQ(write_whole("/tmp/perm/secret", "s"), 1);
	ASSERT_EQ(sys_chmod("/tmp/perm/secret", 0600), 0);
	ASSERT_EQ(write_whole("/tmp/perm/ro", "r"), 1);
	ASSERT_EQ(sys_chmod("/tmp/perm/ro", 0444), 0);
	ASSERT_EQ(sys_mkdir("/tmp/perm/closed", 0700), 0);
	ASSERT_EQ(write_whole("/tmp/perm/closed/f", "c"), 1);
	ASSERT_EQ(sys_mkdir("/tmp/perm/sticky", 01777), 0);
	ASSERT_EQ(sys_chmod("/tmp/perm/sticky", 01777), 0);
	ASSERT_EQ(write_whole("/tmp/perm/sticky/roots", "x"), 1);
	ASSERT_EQ(sys_chmod("/tmp/perm/sticky/roots", 0666), 0);

	/* root: read and write anything, but not execute what nobody may */
	EXPECT_EQ(read_whole("/tmp/perm/ro", buf, sizeof(buf)), 1);
	fd = sys_open("/tmp/perm/ro", O_WRONLY, 0);
	EXPECT_GE(fd, 0);
	sys_close(fd);
	EXPECT_EQ(sys_access("/tmp/perm/ro", X_OK), -EACCES);
	EXPECT_EQ(sys_access("/tmp/perm/ro", R_OK | W_OK), 0);

	become_user(&cred, 1000, 1000);
	EXPECT_EQ(sys_open("/tmp/perm/secret", O_RDONLY, 0), -EACCES);
	EXPECT_EQ(sys_open("/tmp/perm/ro", O_WRONLY, 0), -EACCES);
	EXPECT_EQ(sys_open("/tmp/perm/ro", O_RDONLY | O_TRUNC, 0), -EACCES);
	EXPECT_EQ(read_whole("/tmp/perm/ro", buf, sizeof(buf)), 1);
	EXPECT_EQ(sys_open("/tmp/perm/closed/f", O_RDONLY, 0), -EACCES);	/* no search */
	EXPECT_EQ(sys_open("/tmp/perm/new", O_CREAT | O_WRONLY, 0644), -EACCES);
	EXPECT_EQ(sys_mkdir("/tmp/perm/newdir", 0755), -EACCES);
	EXPECT_EQ(sys_unlink("/tmp/perm/ro"), -EACCES);
	EXPECT_EQ(sys_chdir("/tmp/perm/closed"), -EACCES);
	EXPECT_EQ(sys_access("/tmp/perm/ro", R_OK), 0);
	EXPECT_EQ(sys_access("/tmp/perm/ro", W_OK), -EACCES);
	EXPECT_EQ(sys_access("/tmp/perm/secret", F_OK), 0);
	/* EPERM: chmod and chown of another's file, device nodes */
	EXPECT_EQ(sys_chmod("/tmp/perm/ro", 0666), -EPERM);
	EXPECT_EQ(sys_chown32("/tmp/perm/ro", 1000, 1000), -EPERM);
	EXPECT_EQ(sys_mknod("/tmp/perm/sticky/dev", S_IFCHR | 0666, (1 << 8) | 3), -EPERM);
	/* a FIFO needs no privilege */
	EXPECT_EQ(sys_mknod("/tmp/perm/sticky/fifo", S_IFIFO | 0666, 0), 0);
	/* sticky: only the owner removes */
	EXPECT_EQ(sys_unlink("/tmp/perm/sticky/roots"), -EPERM);
	EXPECT_EQ(sys_unlink("/tmp/perm/sticky/fifo"), 0);
	/* our own file: chmod, chown to a group we are in, not to another user */
	ASSERT_EQ(write_whole("/tmp/perm/sticky/mine", "m"), 1);
	EXPECT_EQ(sys_chmod("/tmp/perm/sticky/mine", 0600), 0);
	EXPECT_EQ(sys_chown32("/tmp/perm/sticky/mine", (uid_t)-1, 1000), 0);
	EXPECT_EQ(sys_chown32("/tmp/perm/sticky/mine", 0, (gid_t)-1), -EPERM);
	EXPECT_EQ(sys_unlink("/tmp/perm/sticky/mine"), 0);
	restore_cred(&cred);

	/* root may chown; the set-user-ID bit does not survive it */
	ASSERT_EQ(sys_chmod("/tmp/perm/ro", 04755), 0);
	EXPECT_EQ(sys_chown32("/tmp/perm/ro", 7, 8), 0);
	{
		struct stat64 st;

		ASSERT_EQ(sys_stat64("/tmp/perm/ro", &st), 0);
		EXPECT_EQ(st.st_uid, 7);
		EXPECT_EQ(st.st_gid, 8);
		EXPECT_EQ(st.st_mode & 07777, 0755);
	}
	EXPECT_EQ(sys_unlink("/tmp/perm/sticky/roots"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/perm/sticky"), 0);
	EXPECT_EQ(sys_unlink("/tmp/perm/closed/f"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/perm/closed"), 0);
	EXPECT_EQ(sys_unlink("/tmp/perm/ro"), 0);
	EXPECT_EQ(sys_unlink("/tmp/perm/secret"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/perm"), 0);
}

KTEST(vfs, umask_and_creation_modes)
{
	struct stat64 st;

	EXPECT_EQ(sys_umask(027), 022);
	ASSERT_EQ(write_whole("/tmp/um", "x"), 1);
	ASSERT_EQ(sys_stat64("/tmp/um", &st), 0);
	EXPECT_EQ(st.st_mode, S_IFREG | 0640);
	EXPECT_EQ(st.st_uid, 0);
	EXPECT_EQ(sys_mkdir("/tmp/umd", 0777), 0);
	ASSERT_EQ(sys_stat64("/tmp/umd", &st), 0);
	EXPECT_EQ(st.st_mode, S_IFDIR | 0750);
	EXPECT_EQ(st.st_nlink, 2);
	EXPECT_EQ(sys_mknod("/tmp/umf", S_IFIFO | 0666, 0), 0);
	ASSERT_EQ(sys_stat64("/tmp/umf", &st), 0);
	EXPECT_EQ(st.st_mode, S_IFIFO | 0640);
	EXPECT_EQ(sys_umask(022), 027);
	EXPECT_EQ(sys_unlink("/tmp/um"), 0);
	EXPECT_EQ(sys_unlink("/tmp/umf"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/umd"), 0);
}

/* a FIFO is an ordinary inode here; opening it waits for fs/fifo.c */
KTEST(vfs, fifo_nodes)
{
	struct stat64 st;
	long fd;

	ASSERT_EQ(sys_mknodat(AT_FDCWD, "/tmp/fifo", S_IFIFO | 0600, 0), 0);
	ASSERT_EQ(sys_lstat64("/tmp/fifo", &st), 0);
	EXPECT_TRUE(S_ISFIFO(st.st_mode));
	EXPECT_EQ(st.st_size, 0);
	fd = sys_open("/tmp/fifo", O_RDONLY | O_NONBLOCK, 0);
	if (fd >= 0) {		/* with fs/fifo.c: a FIFO cannot seek */
		EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), -ESPIPE);
		EXPECT_EQ(sys_pread64(fd, (char *)&st, 1, 0, 0), -ESPIPE);
		sys_close(fd);
	} else {
		EXPECT_EQ(fd, -ENXIO);
	}
	EXPECT_EQ(sys_truncate64("/tmp/fifo", 0, 0), -EINVAL);
	EXPECT_EQ(sys_unlink("/tmp/fifo"), 0);
}

/* a bad user pointer is EFAULT, never a crash */
KTEST(vfs, bad_pointers_efault)
{
	mm_segment_t old = get_fs();
	void *bad = (void *)0x1000;
	long fd = sys_open("/dev/zero", O_RDONLY, 0), fd2, dfd = sys_open("/", O_RDONLY, 0);

	ASSERT_GE(fd, 0);
	ASSERT_GE(dfd, 0);
	ASSERT_EQ(write_whole("/tmp/ef", "data"), 4);
	fd2 = sys_open("/tmp/ef", O_RDWR, 0);
	ASSERT_GE(fd2, 0);
	set_fs(USER_DS);
	EXPECT_EQ(sys_open(bad, O_RDONLY, 0), -EFAULT);
	EXPECT_EQ(sys_mkdir(bad, 0755), -EFAULT);
	EXPECT_EQ(sys_stat64(bad, bad), -EFAULT);
	EXPECT_EQ(sys_fstat64(fd, bad), -EFAULT);
	EXPECT_EQ(sys_read(fd, bad, 16), -EFAULT);
	EXPECT_EQ(sys_read(fd2, bad, 4), -EFAULT);
	EXPECT_EQ(sys_write(fd2, bad, 4), -EFAULT);
	EXPECT_EQ(sys_read(fd, (void *)0xc0100000, 16), -EFAULT);	/* kernel address */
	EXPECT_EQ(sys_getdents64(dfd, bad, 100), -EFAULT);
	EXPECT_EQ(sys_getdents64(fd, bad, 100), -ENOTDIR);
	EXPECT_EQ(sys_getcwd(bad, 100), -EFAULT);
	EXPECT_EQ(sys_readv(fd, bad, 1), -EFAULT);
	EXPECT_EQ(sys_llseek(fd2, 0, 0, bad, SEEK_SET), -EFAULT);
	EXPECT_EQ(sys_utimensat(AT_FDCWD, bad, NULL, 0), -EFAULT);
	set_fs(old);
	sys_close(fd);
	sys_close(fd2);
	sys_close(dfd);
	EXPECT_EQ(sys_unlink("/tmp/ef"), 0);
}

KTEST(vfs, statfs_and_chroot)
{
	struct statfs64 sfs;
	struct stat64 st;
	struct path root = current->fs->root;
	char buf[32];
	long fd;

	EXPECT_EQ(sys_statfs64("/", sizeof(sfs), &sfs), 0);
	EXPECT_EQ(sfs.f_type, 0x858458f6);	/* RAMFS_MAGIC */
	EXPECT_EQ(sfs.f_bsize, PAGE_SIZE);
	EXPECT_EQ(sfs.f_namelen, 255);
	EXPECT_EQ(sizeof(sfs), 84);
	EXPECT_EQ(sys_statfs64("/", 88, &sfs), -EINVAL);
	fd = sys_open("/", O_RDONLY, 0);
	EXPECT_EQ(sys_fstatfs64(fd, sizeof(sfs), &sfs), 0);
	sys_close(fd);

	ASSERT_EQ(sys_mkdir("/tmp/jail", 0755), 0);
	ASSERT_EQ(write_whole("/tmp/jail/inside", "i"), 1);
	path_get(&root);
	ASSERT_EQ(sys_chroot("/tmp/jail"), 0);
	EXPECT_EQ(sys_stat64("/inside", &st), 0);
	EXPECT_EQ(sys_stat64("/../../inside", &st), 0);	/* ".." stops at the root */
	EXPECT_EQ(sys_stat64("/tmp", &st), -ENOENT);
	set_fs_root(current->fs, &root);
	path_put(&root);
	EXPECT_EQ(sys_getcwd(buf, sizeof(buf)), 2);
	EXPECT_EQ(sys_chroot("/tmp/jail/inside"), -ENOTDIR);
	EXPECT_EQ(sys_unlink("/tmp/jail/inside"), 0);
	EXPECT_EQ(sys_rmdir("/tmp/jail"), 0);
}

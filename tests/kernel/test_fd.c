/*
 * tests/kernel/test_fd.c - fd tables: lowest free fd, dup/dup2/dup3,
 * fcntl, close-on-exec at exec, the copy fork makes, EMFILE at 1,024 and
 * EBADF everywhere a bad fd can go. Each test runs on a private table so
 * that growing it leaves nothing behind.
 */
#include <kernel/ktest.h>
#include <kernel/slab.h>
#include <uapi/ioctls.h>
#include "vfs_test.h"

KTEST(fd, lowest_free_and_dup)
{
	struct files_struct *saved = private_files();
	long a, b, c;

	ASSERT_NOT_NULL(current->files);
	a = sys_open("/dev/null", O_RDWR, 0);
	b = sys_open("/dev/null", O_RDWR, 0);
	EXPECT_EQ(a, 0);
	EXPECT_EQ(b, 1);
	EXPECT_EQ(sys_close(0), 0);
	c = sys_dup(b);
	EXPECT_EQ(c, 0);		/* the lowest free one */
	EXPECT_TRUE(fcheck(0) == fcheck(1));
	EXPECT_EQ(atomic_read(&fcheck(1)->f_count), 2);
	EXPECT_EQ(sys_dup2(1, 7), 7);
	EXPECT_EQ(sys_dup2(7, 7), 7);
	EXPECT_EQ(sys_dup2(9, 9), -EBADF);
	EXPECT_EQ(sys_dup3(7, 7, 0), -EINVAL);
	EXPECT_EQ(sys_dup3(1, 8, O_CLOEXEC), 8);
	EXPECT_EQ(sys_fcntl64(8, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(sys_dup3(1, 9, O_RDWR), -EINVAL);
	EXPECT_EQ(sys_dup2(1, INR_OPEN_CUR), -EBADF);
	EXPECT_EQ(sys_dup(55), -EBADF);
	/* dup2 onto an open fd closes what was there */
	a = sys_open("/dev/zero", O_RDONLY, 0);
	EXPECT_EQ(a, 2);
	EXPECT_EQ(sys_dup2(2, 7), 7);
	EXPECT_TRUE(fcheck(7) == fcheck(2));
	EXPECT_EQ(atomic_read(&fcheck(1)->f_count), 3);	/* 0, 1, 8 */
	/* F_DUPFD: the lowest free at or above the argument */
	EXPECT_EQ(sys_fcntl64(1, F_DUPFD, 5), 5);
	EXPECT_EQ(sys_fcntl64(1, F_DUPFD, 5), 6);
	EXPECT_EQ(sys_fcntl64(1, F_DUPFD_CLOEXEC, 40), 40);	/* grows the table */
	EXPECT_EQ(sys_fcntl64(40, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(sys_fcntl64(1, F_DUPFD, INR_OPEN_CUR), -EINVAL);
	EXPECT_GE(current->files->fdt->max_fds, 41);
	end_private_files(saved);
}

KTEST(fd, ebadf_everywhere)
{
	struct files_struct *saved = private_files();
	char buf[4];
	struct stat64 st;
	long r, w;

	EXPECT_EQ(sys_close(3), -EBADF);
	EXPECT_EQ(sys_close(100000), -EBADF);
	EXPECT_EQ(sys_read(3, buf, 1), -EBADF);
	EXPECT_EQ(sys_write(3, buf, 1), -EBADF);
	EXPECT_EQ(sys_lseek(3, 0, SEEK_SET), -EBADF);
	EXPECT_EQ(sys_fstat64(3, &st), -EBADF);
	EXPECT_EQ(sys_fcntl64(3, F_GETFL, 0), -EBADF);
	EXPECT_EQ(sys_ioctl(3, FIONREAD, 0), -EBADF);
	EXPECT_EQ(sys_fchdir(3), -EBADF);
	EXPECT_EQ(sys_fchmod(3, 0644), -EBADF);
	EXPECT_EQ(sys_fchown32(3, 0, 0), -EBADF);
	EXPECT_EQ(sys_ftruncate64(3, 0, 0), -EBADF);
	EXPECT_EQ(sys_getdents64(3, (void *)buf, 4), -EBADF);
	EXPECT_EQ(sys_fsync(3), -EBADF);
	/* the wrong direction is EBADF too */
	ASSERT_EQ(write_whole("/tmp/dir", "abc"), 3);
	r = sys_open("/tmp/dir", O_RDONLY, 0);
	w = sys_open("/tmp/dir", O_WRONLY, 0);
	EXPECT_EQ(sys_write(r, "x", 1), -EBADF);
	EXPECT_EQ(sys_read(w, buf, 1), -EBADF);
	EXPECT_EQ(sys_pwrite64(r, "x", 1, 0, 0), -EBADF);
	EXPECT_EQ(sys_pread64(w, buf, 1, 0, 0), -EBADF);
	/* access mode 3: neither reading nor writing */
	EXPECT_EQ(sys_close(w), 0);
	w = sys_open("/tmp/dir", 3, 0);
	EXPECT_GE(w, 0);
	EXPECT_EQ(sys_read(w, buf, 1), -EBADF);
	EXPECT_EQ(sys_write(w, buf, 1), -EBADF);
	sys_close(w);
	sys_close(r);
	EXPECT_EQ(sys_unlink("/tmp/dir"), 0);
	end_private_files(saved);
}

KTEST(fd, emfile_at_rlimit_nofile)
{
	struct files_struct *saved = private_files();
	long fd, last = -1;

	ASSERT_EQ(sys_open("/dev/null", O_RDONLY, 0), 0);
	for (int i = 1; i < INR_OPEN_CUR; i++) {
		fd = sys_dup(0);
		if (fd < 0)
			break;
		last = fd;
	}
	EXPECT_EQ(last, INR_OPEN_CUR - 1);
	EXPECT_EQ(sys_dup(0), -EMFILE);
	EXPECT_EQ(sys_open("/dev/null", O_RDONLY, 0), -EMFILE);
	EXPECT_EQ(sys_fcntl64(0, F_DUPFD, 0), -EMFILE);
	EXPECT_EQ(atomic_read(&fcheck(0)->f_count), INR_OPEN_CUR);
	EXPECT_EQ(sys_close(500), 0);
	EXPECT_EQ(sys_dup(0), 500);
	end_private_files(saved);
}

KTEST(fd, fcntl_flags_and_owner)
{
	struct files_struct *saved = private_files();
	struct f_owner_ex ex = { F_OWNER_PGRP, 42 };
	long fd;

	fd = sys_open("/dev/null", O_WRONLY | O_APPEND | O_CLOEXEC, 0);
	ASSERT_EQ(fd, 0);
	EXPECT_EQ(sys_fcntl64(fd, F_GETFL, 0), O_WRONLY | O_APPEND);
	EXPECT_EQ(sys_fcntl64(fd, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(sys_fcntl64(fd, F_SETFD, 0), 0);
	EXPECT_EQ(sys_fcntl64(fd, F_GETFD, 0), 0);
	/* F_SETFL changes O_APPEND and O_NONBLOCK, never the access mode */
	EXPECT_EQ(sys_fcntl64(fd, F_SETFL, O_RDWR | O_NONBLOCK), 0);
	EXPECT_EQ(sys_fcntl64(fd, F_GETFL, 0), O_WRONLY | O_NONBLOCK);
	/* FIONBIO and FIOCLEX through ioctl */
	{
		int on = 0;

		EXPECT_EQ(sys_ioctl(fd, FIONBIO, (unsigned long)&on), 0);
		EXPECT_EQ(sys_fcntl64(fd, F_GETFL, 0), O_WRONLY);
		EXPECT_EQ(sys_ioctl(fd, FIOCLEX, 0), 0);
		EXPECT_EQ(sys_fcntl64(fd, F_GETFD, 0), FD_CLOEXEC);
		EXPECT_EQ(sys_ioctl(fd, FIONCLEX, 0), 0);
		EXPECT_EQ(sys_ioctl(fd, 0x1234, 0), -ENOTTY);
	}
	/* an owner must exist (ESRCH otherwise, as Linux since 2.6.34) */
	EXPECT_EQ(sys_fcntl64(fd, F_SETOWN, current->pid), 0);
	EXPECT_EQ(sys_fcntl64(fd, F_GETOWN, 0), current->pid);
	EXPECT_EQ(sys_fcntl64(fd, F_SETOWN, 30000), -ESRCH);
	EXPECT_EQ(sys_fcntl64(fd, F_SETOWN, -30000), -ESRCH);
	EXPECT_EQ(sys_fcntl64(fd, F_GETOWN, 0), current->pid);
	ex.type = F_OWNER_PID;
	ex.pid = current->pid;
	EXPECT_EQ(sys_fcntl64(fd, F_SETOWN_EX, (unsigned long)&ex), 0);
	ex.type = ex.pid = 0;
	EXPECT_EQ(sys_fcntl64(fd, F_GETOWN_EX, (unsigned long)&ex), 0);
	EXPECT_EQ(ex.type, F_OWNER_PID);
	EXPECT_EQ(ex.pid, current->pid);
	EXPECT_EQ(sys_fcntl64(fd, F_SETSIG, 10), 0);
	EXPECT_EQ(sys_fcntl64(fd, F_GETSIG, 0), 10);
	EXPECT_EQ(sys_fcntl64(fd, F_SETSIG, 65), -EINVAL);
	EXPECT_EQ(sys_fcntl64(fd, 9999, 0), -EINVAL);
	end_private_files(saved);
}

/* fork's copy shares every file; exec closes the close-on-exec ones */
KTEST(fd, dup_fd_and_flush_old_files)
{
	struct files_struct *saved = private_files(), *parent, *child;
	struct file *f;
	int err = -1;

	ASSERT_EQ(sys_open("/dev/null", O_RDONLY, 0), 0);
	ASSERT_EQ(sys_open("/dev/zero", O_RDONLY | O_CLOEXEC, 0), 1);
	ASSERT_EQ(sys_dup2(0, 100), 100);	/* past the embedded table */
	parent = current->files;
	f = fcheck(0);
	EXPECT_EQ(atomic_read(&f->f_count), 2);
	child = dup_fd(parent, &err);
	ASSERT_NOT_NULL(child);
	EXPECT_EQ(err, 0);
	EXPECT_EQ(atomic_read(&f->f_count), 4);
	EXPECT_TRUE(child->fdt->fd[100] == f);
	EXPECT_TRUE(fd_is_set(1, child->fdt->close_on_exec));
	EXPECT_FALSE(fd_is_set(0, child->fdt->close_on_exec));
	/* exec in the child */
	flush_old_files(child);
	EXPECT_NULL(child->fdt->fd[1]);
	EXPECT_TRUE(child->fdt->fd[0] == f);
	EXPECT_EQ(atomic_read(&fcheck(1)->f_count), 1);
	/* the child's exit */
	get_files_struct(child);
	put_files_struct(child);
	EXPECT_EQ(atomic_read(&f->f_count), 4);
	put_files_struct(child);
	EXPECT_EQ(atomic_read(&f->f_count), 2);
	end_private_files(saved);
}

KTEST(fd, dev_null_zero_full)
{
	char buf[8] = "#######";
	long fd;

	fd = sys_open("/dev/null", O_RDWR, 0);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_write(fd, "abc", 3), 3);
	EXPECT_EQ(sys_read(fd, buf, 8), 0);
	EXPECT_EQ(sys_lseek(fd, 100, SEEK_SET), 0);
	sys_close(fd);
	fd = sys_open("/dev/zero", O_RDWR, 0);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_read(fd, buf, 8), 8);
	EXPECT_EQ(memcmp(buf, "\0\0\0\0\0\0\0\0", 8), 0);
	EXPECT_EQ(sys_write(fd, "abc", 3), 3);
	sys_close(fd);
	fd = sys_open("/dev/full", O_WRONLY, 0);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_write(fd, "abc", 3), -ENOSPC);
	sys_close(fd);
}

/* what the ELF loader uses: filp_open, kernel_read, permission, filp_close */
KTEST(fd, kernel_file_interfaces)
{
	struct file *f;
	char buf[16];

	ASSERT_EQ(write_whole("/tmp/prog", "\177ELF-ish"), 8);
	ASSERT_EQ(sys_chmod("/tmp/prog", 0644), 0);
	f = filp_open("/tmp/prog", O_RDONLY, 0);
	ASSERT_TRUE(!IS_ERR(f));
	EXPECT_EQ(kernel_read(f, 1, buf, sizeof(buf)), 7);
	EXPECT_EQ(memcmp(buf, "ELF-ish", 7), 0);
	EXPECT_EQ(file_inode(f)->i_size, 8);
	EXPECT_EQ(permission(file_inode(f), MAY_EXEC, NULL), -EACCES);
	EXPECT_EQ(permission(file_inode(f), MAY_READ, NULL), 0);
	EXPECT_EQ(filp_close(f, NULL), 0);
	EXPECT_EQ(PTR_ERR(filp_open("/tmp/none", O_RDONLY, 0)), -ENOENT);
	EXPECT_EQ(PTR_ERR(filp_open("/tmp", O_WRONLY, 0)), -EISDIR);
	EXPECT_EQ(sys_unlink("/tmp/prog"), 0);
}

KTEST(fd, close_range)
{
	struct files_struct *saved = private_files();

	for (int i = 0; i < 10; i++)
		ASSERT_EQ(sys_open("/dev/null", O_RDONLY, 0), i);
	EXPECT_EQ(sys_close_range(2, 4, 4 /* CLOSE_RANGE_CLOEXEC */), 0);
	EXPECT_EQ(sys_fcntl64(3, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(sys_close_range(5, ~0U, 0), 0);
	EXPECT_NULL(fcheck(5));
	EXPECT_NULL(fcheck(9));
	EXPECT_NOT_NULL(fcheck(4));
	EXPECT_EQ(sys_close_range(4, 3, 0), -EINVAL);
	EXPECT_EQ(sys_close_range(0, 1, 1), -EINVAL);
	EXPECT_EQ(sys_open("/dev/null", O_RDONLY, 0), 5);
	end_private_files(saved);
}

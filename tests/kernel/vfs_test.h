/*
 * tests/kernel/vfs_test.h - helpers for the file-system tests: write and
 * read whole files through the system calls, switch to an ordinary user
 * and back, and give a test a private fd table so that growing it leaves
 * nothing behind.
 */
#ifndef _TESTS_VFS_TEST_H
#define _TESTS_VFS_TEST_H

#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/fs_struct.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/errno.h>
#include <uapi/stat.h>
#include <uapi/fcntl.h>

static inline long write_whole(const char *path, const char *text)
{
	long fd = sys_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), n;

	if (fd < 0)
		return fd;
	n = sys_write(fd, text, strlen(text));
	sys_close(fd);
	return n;
}

/* the file's first size-1 bytes, NUL-terminated; the length or -errno */
static inline long read_whole(const char *path, char *buf, size_t size)
{
	long fd = sys_open(path, O_RDONLY, 0), n;

	if (fd < 0)
		return fd;
	n = sys_read(fd, buf, size - 1);
	sys_close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

struct saved_cred {
	uid_t uid, euid, fsuid;
	gid_t gid, egid, fsgid;
};

static inline void become_user(struct saved_cred *s, uid_t uid, gid_t gid)
{
	s->uid = current->uid;
	s->euid = current->euid;
	s->fsuid = current->fsuid;
	s->gid = current->gid;
	s->egid = current->egid;
	s->fsgid = current->fsgid;
	current->uid = current->euid = current->fsuid = uid;
	current->gid = current->egid = current->fsgid = gid;
}

static inline void restore_cred(struct saved_cred *s)
{
	current->uid = s->uid;
	current->euid = s->euid;
	current->fsuid = s->fsuid;
	current->gid = s->gid;
	current->egid = s->egid;
	current->fsgid = s->fsgid;
}

/* a fresh fd table for one test; put back with end_private_files */
static inline struct files_struct *private_files(void)
{
	struct files_struct *old = current->files;

	current->files = alloc_files();
	return old;
}

static inline void end_private_files(struct files_struct *old)
{
	put_files_struct(current->files);
	current->files = old;
}

#endif

/*
 * include/kernel/syscalls.h - prototypes of every sys_* handler in the table
 * (kernel/syscall.c). Each takes its arguments as Linux i386 does, in the
 * order ebx, ecx, edx, esi, edi, ebp; handlers that need the whole register
 * frame (fork, execve, sigreturn) take struct pt_regs by value, which is the
 * frame itself.
 */
#ifndef _KERNEL_SYSCALLS_H
#define _KERNEL_SYSCALLS_H

#include <kernel/types.h>
#include <kernel/ptrace.h>

/* files: fs/ */
struct stat64;
struct statx;
struct iovec;
struct linux_dirent64;
struct timespec;
struct timespec64;
long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_open(const char __user *filename, int flags, int mode);
long sys_close(unsigned int fd);
long sys_creat(const char __user *pathname, int mode);
long sys_link(const char __user *oldname, const char __user *newname);
long sys_unlink(const char __user *pathname);
long sys_chdir(const char __user *filename);
long sys_mknod(const char __user *filename, int mode, unsigned int dev);
long sys_chmod(const char __user *filename, mode_t mode);
long sys_lseek(unsigned int fd, long offset, unsigned int origin);
long sys_mount(const char __user *dev_name, const char __user *dir_name,
	       const char __user *type, unsigned long flags, void __user *data);
long sys_oldumount(const char __user *name);
long sys_access(const char __user *filename, int mode);
long sys_rename(const char __user *oldname, const char __user *newname);
long sys_mkdir(const char __user *pathname, int mode);
long sys_rmdir(const char __user *pathname);
long sys_dup(unsigned int fildes);
long sys_umount(const char __user *name, int flags);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_umask(int mask);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_symlink(const char __user *oldname, const char __user *newname);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
long sys_truncate(const char __user *path, long length);
long sys_ftruncate(unsigned int fd, unsigned long length);
long sys_fchmod(unsigned int fd, mode_t mode);
long sys_sync(void);
long sys_fsync(unsigned int fd);
long sys_fchdir(unsigned int fd);
long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		loff_t __user *result, unsigned int origin);
long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_fdatasync(unsigned int fd);
long sys_pread64(unsigned int fd, char __user *buf, size_t count,
		 unsigned long pos_lo, unsigned long pos_hi);
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count,
		  unsigned long pos_lo, unsigned long pos_hi);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_truncate64(const char __user *path, unsigned long len_lo, unsigned long len_hi);
long sys_ftruncate64(unsigned int fd, unsigned long len_lo, unsigned long len_hi);
long sys_stat64(const char __user *filename, struct stat64 __user *statbuf);
long sys_lstat64(const char __user *filename, struct stat64 __user *statbuf);
long sys_fstat64(unsigned long fd, struct stat64 __user *statbuf);
long sys_lchown32(const char __user *filename, uid_t user, gid_t group);
long sys_fchown32(unsigned int fd, uid_t user, gid_t group);
long sys_chown32(const char __user *filename, uid_t user, gid_t group);
long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent, unsigned int count);
long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_openat(int dfd, const char __user *filename, int flags, int mode);
long sys_mkdirat(int dfd, const char __user *pathname, int mode);
long sys_mknodat(int dfd, const char __user *filename, int mode, unsigned int dev);
long sys_fchownat(int dfd, const char __user *filename, uid_t user, gid_t group, int flag);
long sys_fstatat64(int dfd, const char __user *filename, struct stat64 __user *statbuf,
		   int flag);
long sys_unlinkat(int dfd, const char __user *pathname, int flag);
long sys_renameat(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname);
long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags);
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname);
long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz);
long sys_fchmodat(int dfd, const char __user *filename, mode_t mode);
long sys_faccessat(int dfd, const char __user *filename, int mode);
long sys_utimensat(int dfd, const char __user *filename, const struct timespec __user *utimes,
		   int flags);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags);
long sys_statx(int dfd, const char __user *filename, unsigned int flags,
	       unsigned int mask, struct statx __user *buffer);
long sys_utimensat_time64(int dfd, const char __user *filename,
			  const struct timespec64 __user *utimes, int flags);
long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags);
struct statfs64;
long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf);
long sys_fstatfs64(unsigned int fd, size_t sz, struct statfs64 __user *buf);
long sys_chroot(const char __user *filename);
long sys_close_range(unsigned int first, unsigned int last, unsigned int flags);
/* end of files */

/* processes, memory, signals, time */
/* end of processes */

/* System V IPC: ipc/ */
/* end of System V IPC */

#endif

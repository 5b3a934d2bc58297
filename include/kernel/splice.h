/*
 * include/kernel/splice.h - moving data to, from and between pipes without a
 * user buffer (fs/splice.c; Linux: include/linux/splice.h).
 */
#ifndef _KERNEL_SPLICE_H
#define _KERNEL_SPLICE_H

#include <kernel/types.h>

#define SPLICE_F_MOVE		0x01	/* move pages instead of copying, where one can */
#define SPLICE_F_NONBLOCK	0x02	/* do not block on the pipe */
#define SPLICE_F_MORE		0x04	/* more data will follow (a hint for sockets) */
#define SPLICE_F_GIFT		0x08	/* vmsplice: the pages are the pipe's to keep */
#define SPLICE_F_ALL		(SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

struct iovec;

long sys_splice(int fd_in, loff_t __user *off_in, int fd_out, loff_t __user *off_out,
		size_t len, unsigned int flags);
long sys_tee(int fdin, int fdout, size_t len, unsigned int flags);
long sys_vmsplice(int fd, const struct iovec __user *iov, unsigned long nr_segs,
		  unsigned int flags);
long sys_sendfile(int out_fd, int in_fd, long __user *offset, size_t count);
long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count);

#endif

/*
 * include/kernel/fasync.h - asynchronous I/O notification (fs/fcntl.c;
 * Linux: include/linux/fs.h's fasync part). A file opted in with O_ASYNC
 * and an owner set with F_SETOWN gets SIGIO when its object becomes ready.
 */
#ifndef _KERNEL_FASYNC_H
#define _KERNEL_FASYNC_H

struct file;

#define FASYNC_MAGIC 0x4601

struct fasync_struct {
	int magic;
	int fa_fd;
	struct fasync_struct *fa_next;
	struct file *fa_file;
};

int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp);
void kill_fasync(struct fasync_struct **fp, int sig, int band);

#endif

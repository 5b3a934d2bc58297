/* include/kernel/locks.h - flock and POSIX record locks (fs/locks.c). */
#ifndef _KERNEL_LOCKS_H
#define _KERNEL_LOCKS_H

struct file;

long fcntl_lock(struct file *filp, unsigned int cmd, unsigned long arg, int fcntl64);	/* F_*LK* */
void locks_remove_posix(struct file *filp, void *owner);	/* every close */
void locks_remove_flock(struct file *filp);	/* the last fput: flock and OFD locks */
long sys_flock(unsigned int fd, unsigned int cmd);

#endif

/* include/kernel/anon_inodes.h - files without a name (fs/anon_inodes.c). */
#ifndef _KERNEL_ANON_INODES_H
#define _KERNEL_ANON_INODES_H

struct file;
struct file_operations;

int anon_inode_init(void);	/* at boot */

int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     int flags, struct file **filep);

#endif

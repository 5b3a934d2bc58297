/*
 * include/kernel/fs_struct.h - a task's root, current directory and umask
 * (fs/namespace.c; Linux: include/linux/fs_struct.h). Shared by CLONE_FS
 * threads through count; fork copies it with copy_fs_struct.
 */
#ifndef _KERNEL_FS_STRUCT_H
#define _KERNEL_FS_STRUCT_H

#include <kernel/mount.h>

struct fs_struct {
	int count;
	int umask;
	struct path root, pwd;
};

struct fs_struct *copy_fs_struct(struct fs_struct *old);
void put_fs_struct(struct fs_struct *fs);
static inline void get_fs_struct(struct fs_struct *fs)
{
	fs->count++;
}
void set_fs_root(struct fs_struct *fs, struct path *p);
void set_fs_pwd(struct fs_struct *fs, struct path *p);

#endif

/* TEMPORARY (processes branch): the VFS issue provides the real header. */
#ifndef _KERNEL_FS_STRUCT_H
#define _KERNEL_FS_STRUCT_H
struct fs_struct { int count; int umask; };
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void put_fs_struct(struct fs_struct *fs);
#endif

/* TEMPORARY (processes branch): the VFS issue provides the real header. */
#ifndef _KERNEL_FILE_H
#define _KERNEL_FILE_H
#include <kernel/types.h>
struct file;
struct files_struct;
struct files_struct *dup_fd(struct files_struct *oldf, int *errorp);
void put_files_struct(struct files_struct *files);
void get_files_struct(struct files_struct *files);
void flush_old_files(struct files_struct *files);
struct file *fget(unsigned int fd);
void fput(struct file *f);
struct file *filp_open(const char *path, int flags, int mode);
int kernel_read(struct file *f, loff_t offset, char *buf, unsigned long count);
int filp_close(struct file *f, void *id);
#endif

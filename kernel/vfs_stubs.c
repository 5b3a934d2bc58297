/* TEMPORARY (processes branch): stand-ins until the VFS lands. */
#include <kernel/file.h>
#include <kernel/fs_struct.h>
#include <kernel/errno.h>
__attribute__((weak)) struct files_struct *dup_fd(struct files_struct *o, int *e) { (void)o; *e = -ENOMEM; return 0; }
__attribute__((weak)) void put_files_struct(struct files_struct *f) { (void)f; }
__attribute__((weak)) void get_files_struct(struct files_struct *f) { (void)f; }
__attribute__((weak)) void flush_old_files(struct files_struct *f) { (void)f; }
__attribute__((weak)) struct fs_struct *copy_fs_struct(struct fs_struct *o) { (void)o; return 0; }
__attribute__((weak)) void put_fs_struct(struct fs_struct *f) { (void)f; }
__attribute__((weak)) struct file *filp_open(const char *p, int fl, int m) { (void)p; (void)fl; (void)m; return ERR_PTR(-ENOENT); }
__attribute__((weak)) int kernel_read(struct file *f, loff_t o, char *b, unsigned long c) { (void)f; (void)o; (void)b; (void)c; return -EIO; }
__attribute__((weak)) int filp_close(struct file *f, void *id) { (void)f; (void)id; return 0; }
#include <kernel/time.h>
#include <kernel/timer.h>
__attribute__((weak)) struct timespec current_kernel_time(void) { struct timespec t = { (long)(jiffies / HZ) + 1700000000L, (long)(jiffies % HZ) * 1000000L }; return t; }
__attribute__((weak)) unsigned long get_seconds(void) { return current_kernel_time().tv_sec; }
struct task_struct;
__attribute__((weak)) int kernel_execve(const char *f, char *const a[], char *const e[]) { (void)f; (void)a; (void)e; return -ENOENT; }
__attribute__((weak)) long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg) { (void)fd; (void)cmd; (void)arg; return -9; }
__attribute__((weak)) long sys_execve(void) { return -38; }

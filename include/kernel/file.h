/*
 * include/kernel/file.h - per-process tables of open files (fs/file.c,
 * fs/file_table.c; Linux: include/linux/file.h, linux/fdtable.h). A
 * files_struct is shared by threads (count) and copied by fork (dup_fd);
 * its fd array starts embedded and grows by doubling up to fs.nr_open.
 */
#ifndef _KERNEL_FILE_H
#define _KERNEL_FILE_H

#include <kernel/types.h>
#include <kernel/fs.h>
#include <kernel/sched.h>

#define NR_OPEN_DEFAULT	32	/* fds before the table must grow */
#define BITS_PER_LONG	32

struct fdtable {
	unsigned int max_fds;
	struct file **fd;		/* current fd array */
	unsigned long *close_on_exec;
	unsigned long *open_fds;	/* reserved by get_unused_fd or installed */
};

struct files_struct {
	int count;
	struct fdtable fdtab;		/* fdt points here */
	struct fdtable *fdt;
	unsigned int next_fd;		/* lowest fd that may be free */
	unsigned long close_on_exec_init[1];
	unsigned long open_fds_init[1];
	struct file *fd_array[NR_OPEN_DEFAULT];
};

static inline struct fdtable *files_fdtable(struct files_struct *files)
{
	return files->fdt;
}

static inline int fd_is_set(unsigned int fd, const unsigned long *map)
{
	return (map[fd / BITS_PER_LONG] >> (fd % BITS_PER_LONG)) & 1;
}
static inline void fd_set_bit(unsigned int fd, unsigned long *map)
{
	map[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
}
static inline void fd_clr_bit(unsigned int fd, unsigned long *map)
{
	map[fd / BITS_PER_LONG] &= ~(1UL << (fd % BITS_PER_LONG));
}

/* the file behind fd in current's table, or NULL; no reference taken */
static inline struct file *fcheck(unsigned int fd)
{
	struct fdtable *fdt = current->files ? current->files->fdt : NULL;

	return fdt && fd < fdt->max_fds ? fdt->fd[fd] : NULL;
}

/*
 * RLIMIT_NOFILE's soft limit (Linux: rlimit()); infinity reads as the
 * largest unsigned int. expand_files refuses past fs.nr_open itself.
 */
static inline unsigned int nofile_limit(void)
{
	unsigned long lim = current->rlim[RLIMIT_NOFILE].rlim_cur;

	return lim < 0xffffffffUL ? lim : 0xffffffffU;
}

struct files_struct *alloc_files(void);
struct files_struct *dup_fd(struct files_struct *oldf, int *errorp);
static inline void get_files_struct(struct files_struct *f)
{
	f->count++;
}
void put_files_struct(struct files_struct *files);
void flush_old_files(struct files_struct *files);	/* exec: close the FD_CLOEXEC fds */
int expand_files(struct files_struct *files, int nr);
int alloc_fd(unsigned int start, int flags);	/* lowest free fd >= start, reserved */
int get_unused_fd_flags(int flags);		/* flags: O_CLOEXEC */
void set_close_on_exec(unsigned int fd, int flag);
int get_close_on_exec(unsigned int fd);

struct file *fget(unsigned int fd);		/* takes a reference; NULL if bad */
void fput(struct file *f);

#endif

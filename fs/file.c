/*
 * fs/file.c - fd tables (Linux: fs/file.c, and dup_fd and put_files_struct
 * from kernel/fork.c and kernel/exit.c). The first 32 fds live inside the
 * files_struct; past that the arrays are reallocated at double the size,
 * up to fs.nr_open (fs/file_table.c). An fd is "open" from get_unused_fd (reserved) on, and has
 * a file once fd_install runs.
 */
#include <kernel/file.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/printk.h>

struct files_struct *alloc_files(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->count = 1;
	files->fdt = &files->fdtab;
	files->fdtab.max_fds = NR_OPEN_DEFAULT;
	files->fdtab.fd = files->fd_array;
	files->fdtab.close_on_exec = files->close_on_exec_init;
	files->fdtab.open_fds = files->open_fds_init;
	return files;
}

static int fdtable_embedded(struct files_struct *files)
{
	return files->fdt->fd == files->fd_array;
}

static void free_fdtable_arrays(struct files_struct *files)
{
	if (!fdtable_embedded(files)) {
		kfree(files->fdt->fd);
		kfree(files->fdt->open_fds);	/* close_on_exec shares this allocation */
	}
}

/*
 * Grow so that fd nr fits: 0 if it already did, 1 if grown, or -errno. An
 * fd at or past fs.nr_open is EMFILE whatever RLIMIT_NOFILE says, as Linux;
 * the last size is nr_open rounded up to whole bitmap words.
 */
int expand_files(struct files_struct *files, int nr)
{
	struct fdtable *fdt = files->fdt;
	unsigned int size, words, max = sysctl_nr_open;
	struct file **fd;
	unsigned long *bits;

	if ((unsigned int)nr < fdt->max_fds)
		return 0;
	if ((unsigned int)nr >= max)
		return -EMFILE;
	max = (max + BITS_PER_LONG - 1) & ~(BITS_PER_LONG - 1);
	for (size = fdt->max_fds * 2; size <= (unsigned int)nr && size < max; size *= 2)
		;
	if (size > max)
		size = max;
	words = size / BITS_PER_LONG;
	fd = kzalloc(size * sizeof(*fd), GFP_KERNEL);
	bits = kzalloc(2 * words * sizeof(long), GFP_KERNEL);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	memcpy(fd, fdt->fd, fdt->max_fds * sizeof(*fd));
	memcpy(bits, fdt->open_fds, fdt->max_fds / 8);
	memcpy(bits + words, fdt->close_on_exec, fdt->max_fds / 8);
	free_fdtable_arrays(files);
	fdt->fd = fd;
	fdt->open_fds = bits;
	fdt->close_on_exec = bits + words;
	fdt->max_fds = size;
	return 1;
}

/* the lowest free fd at or above start; past the table every fd is free */
static unsigned int find_next_zero_fd(struct fdtable *fdt, unsigned int start)
{
	for (unsigned int fd = start; fd < fdt->max_fds; fd++) {
		if (!(fd % BITS_PER_LONG) && fdt->open_fds[fd / BITS_PER_LONG] == ~0UL) {
			fd += BITS_PER_LONG - 1;
			continue;
		}
		if (!fd_is_set(fd, fdt->open_fds))
			return fd;
	}
	return start > fdt->max_fds ? start : fdt->max_fds;
}

/*
 * The lowest free fd at or above start, reserved; O_CLOEXEC in flags. Every
 * call that makes a descriptor comes here, so RLIMIT_NOFILE is checked once:
 * an fd at or past the soft limit is EMFILE, even where the table is bigger
 * (fds opened before the limit was lowered stay open and usable).
 */
int alloc_fd(unsigned int start, int flags)
{
	struct files_struct *files = current->files;
	unsigned int end = nofile_limit();
	struct fdtable *fdt;
	unsigned int fd;
	int err;

repeat:
	fdt = files->fdt;
	fd = start < files->next_fd ? files->next_fd : start;
	fd = find_next_zero_fd(fdt, fd);
	if (fd >= end)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err < 0)
		return err;
	if (err)
		goto repeat;
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	fd_set_bit(fd, fdt->open_fds);
	if (flags & O_CLOEXEC)
		fd_set_bit(fd, fdt->close_on_exec);
	else
		fd_clr_bit(fd, fdt->close_on_exec);
	return fd;
}

int get_unused_fd_flags(int flags)
{
	return alloc_fd(0, flags);
}

int get_unused_fd(void)
{
	return alloc_fd(0, 0);
}

static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	fd_clr_bit(fd, files->fdt->open_fds);
	fd_clr_bit(fd, files->fdt->close_on_exec);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	__put_unused_fd(current->files, fd);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct fdtable *fdt = current->files->fdt;

	if (fdt->fd[fd])
		printk(KERN_ERR "fd_install: fd %u already has a file\n", fd);
	fdt->fd[fd] = file;
}

void set_close_on_exec(unsigned int fd, int flag)
{
	struct fdtable *fdt = current->files->fdt;

	if (flag)
		fd_set_bit(fd, fdt->close_on_exec);
	else
		fd_clr_bit(fd, fdt->close_on_exec);
}

int get_close_on_exec(unsigned int fd)
{
	return fd_is_set(fd, current->files->fdt->close_on_exec);
}

/* fork: a copy of oldf's table, each file with one more reference */
struct files_struct *dup_fd(struct files_struct *oldf, int *errorp)
{
	struct files_struct *newf = alloc_files();
	struct fdtable *old_fdt = oldf->fdt, *new_fdt;
	unsigned int open = 0;

	*errorp = -ENOMEM;
	if (!newf)
		return NULL;
	/* the highest fd in use decides how big the copy must be */
	for (unsigned int fd = 0; fd < old_fdt->max_fds; fd++)
		if (fd_is_set(fd, old_fdt->open_fds))
			open = fd + 1;
	if (open > NR_OPEN_DEFAULT && expand_files(newf, open - 1) < 0) {
		put_files_struct(newf);
		return NULL;
	}
	new_fdt = newf->fdt;
	for (unsigned int fd = 0; fd < open; fd++) {
		struct file *f = old_fdt->fd[fd];

		/* a reserved fd whose open has not finished stays with the parent */
		if (!f)
			continue;
		new_fdt->fd[fd] = get_file(f);
		fd_set_bit(fd, new_fdt->open_fds);
		if (fd_is_set(fd, old_fdt->close_on_exec))
			fd_set_bit(fd, new_fdt->close_on_exec);
	}
	newf->next_fd = 0;
	*errorp = 0;
	return newf;
}

static void close_files(struct files_struct *files)
{
	struct fdtable *fdt = files->fdt;

	for (unsigned int fd = 0; fd < fdt->max_fds; fd++) {
		struct file *f = fdt->fd[fd];

		if (f) {
			fdt->fd[fd] = NULL;
			filp_close(f, files);
		}
	}
}

void put_files_struct(struct files_struct *files)
{
	if (--files->count)
		return;
	close_files(files);
	free_fdtable_arrays(files);
	kfree(files);
}

/* exec: close every fd marked close-on-exec */
void flush_old_files(struct files_struct *files)
{
	struct fdtable *fdt = files->fdt;

	for (unsigned int fd = 0; fd < fdt->max_fds; fd++) {
		struct file *f;

		if (!fd_is_set(fd, fdt->close_on_exec))
			continue;
		f = fdt->fd[fd];
		fdt->fd[fd] = NULL;
		__put_unused_fd(files, fd);
		if (f)
			filp_close(f, files);
	}
}

long sys_close(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct fdtable *fdt = files->fdt;
	struct file *f;

	if (fd >= fdt->max_fds)
		return -EBADF;
	f = fdt->fd[fd];
	if (!f)
		return -EBADF;
	fdt->fd[fd] = NULL;
	__put_unused_fd(files, fd);
	return filp_close(f, files);
}

/* close_range(first, last, flags): CLOSE_RANGE_CLOEXEC only marks them */
#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)

long sys_close_range(unsigned int first, unsigned int last, unsigned int flags)
{
	struct files_struct *files = current->files;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	for (unsigned int fd = first; fd <= last && fd < files->fdt->max_fds; fd++) {
		if (!files->fdt->fd[fd])
			continue;
		if (flags & CLOSE_RANGE_CLOEXEC)
			fd_set_bit(fd, files->fdt->close_on_exec);
		else
			sys_close(fd);
	}
	return 0;
}

/*
 * fs/file_table.c - open file descriptions: allocation and the reference
 * count (Linux: fs/file_table.c). A struct file is shared by every fd that
 * dup or fork made from one open; the last fput calls the release method
 * and drops the dentry and mount. Also the limits: fs.file-max (the system's
 * files, ENFILE past it), fs.file-nr and fs.nr_open (the largest fd table).
 */
#include <kernel/file.h>
#include <kernel/slab.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/eventpoll.h>
#include <kernel/locks.h>
#include <kernel/sysctl.h>
#include <kernel/mm.h>

static unsigned long nr_files;
#define NR_FILE	8192	/* file-max's floor (Linux: include/linux/fs.h) */
unsigned long files_max_files = NR_FILE;
unsigned int sysctl_nr_open = NR_OPEN;

unsigned long nr_open_files(void)
{
	return nr_files;
}

/*
 * NULL when the system holds fs.file-max files already (the caller says
 * ENFILE) unless CAP_SYS_ADMIN, as Linux's alloc_empty_file; or no memory.
 */
struct file *get_empty_filp(void)
{
	struct file *f;

	if (nr_files >= files_max_files && !capable(CAP_SYS_ADMIN))
		return NULL;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;
	atomic_set(&f->f_count, 1);
	f->f_owner.uid = current->uid;
	f->f_owner.euid = current->euid;
	INIT_LIST_HEAD(&f->f_list);
	INIT_LIST_HEAD(&f->f_ep_links);
	nr_files++;
	return f;
}

/* for a file whose open failed: no release method to call */
void put_filp(struct file *f)
{
	if (!atomic_dec_and_test(&f->f_count))
		return;
	path_put(&f->f_path);
	kfree(f);
	nr_files--;
}

static void __fput(struct file *f)
{
	struct inode *inode = f->f_dentry ? f->f_dentry->d_inode : NULL;

	eventpoll_release(f);	/* out of every epoll set first, as Linux */
	locks_remove_flock(f);
	if (f->f_op && f->f_op->fasync && (f->f_flags & FASYNC))
		f->f_op->fasync(-1, f, 0);
	if (f->f_op && f->f_op->release)
		f->f_op->release(inode, f);
	path_put(&f->f_path);
	kfree(f);
	nr_files--;
}

void fput(struct file *f)
{
	if (atomic_read(&f->f_count) <= 0) {
		printk(KERN_ERR "fput: file count is %d\n", atomic_read(&f->f_count));
		dump_stack();
		return;
	}
	if (atomic_dec_and_test(&f->f_count))
		__fput(f);
}

struct file *fget(unsigned int fd)
{
	struct file *f = fcheck(fd);

	if (f)
		get_file(f);
	return f;
}

/* ---- fs.file-nr, fs.file-max, fs.nr_open ---- */

static unsigned long file_nr_vals[3];

/* allocated, free (always 0 since 2.6), max: read-only */
static int proc_nr_files(struct ctl_table *table, int write, char *buffer, size_t *lenp,
			 loff_t *ppos)
{
	file_nr_vals[0] = nr_files;
	file_nr_vals[1] = 0;
	file_nr_vals[2] = files_max_files;
	return proc_doulongvec_minmax(table, write, buffer, lenp, ppos);
}

/* Linux's bounds: a word of fds at least, at most what an int and a pointer array hold */
static int nr_open_min = BITS_PER_LONG;
static int nr_open_max = 0x3fffffe0;
static unsigned long file_max_max = 0x7fffffffUL;

static struct ctl_table fs_stat_table[] = {
	{
		.procname = "file-nr", .data = file_nr_vals, .maxlen = sizeof(file_nr_vals),
		.mode = 0444, .proc_handler = proc_nr_files,
	},
	{
		.procname = "file-max", .data = &files_max_files, .maxlen = sizeof(unsigned long),
		.mode = 0644, .proc_handler = proc_doulongvec_minmax, .extra2 = &file_max_max,
	},
	{
		.procname = "nr_open", .data = &sysctl_nr_open, .maxlen = sizeof(unsigned int),
		.mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = &nr_open_min,
		.extra2 = &nr_open_max,
	},
	{ .procname = NULL }
};

/* file-max: a tenth of memory at 1 KiB a file, at least NR_FILE (Linux: files_maxfiles_init) */
void files_sysctl_init(void)
{
	unsigned long n = totalram_pages * (PAGE_SIZE / 1024) / 10;

	files_max_files = n > NR_FILE ? n : NR_FILE;
	register_sysctl("fs", fs_stat_table);
}

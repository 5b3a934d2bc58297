/*
 * fs/file_table.c - open file descriptions: allocation and the reference
 * count (Linux: fs/file_table.c). A struct file is shared by every fd that
 * dup or fork made from one open; the last fput calls the release method
 * and drops the dentry and mount.
 */
#include <kernel/file.h>
#include <kernel/slab.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/eventpoll.h>
#include <kernel/locks.h>

static unsigned long nr_files;

unsigned long nr_open_files(void)
{
	return nr_files;
}

struct file *get_empty_filp(void)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

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

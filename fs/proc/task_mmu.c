/*
 * fs/proc/task_mmu.c - what /proc shows of an address space (Linux:
 * fs/proc/task_mmu.c, and mm/memory.c's access_process_vm): maps, statm,
 * the resident-page count, and reading another process's memory.
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/errno.h>
#include <kernel/ipc.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/pgtable.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/printk.h>

/* the page behind a user address of mm, or NULL if none is mapped yet */
static struct page *follow_page(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = lookup_pte(mm->pgd, addr, 0);

	if (!pte || !(*pte & _PAGE_PRESENT))
		return NULL;
	return pfn_to_page(*pte >> PAGE_SHIFT);
}

/* copy len bytes at addr in tsk's memory to buf; the bytes copied */
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len)
{
	struct mm_struct *mm = tsk->mm;
	int done = 0;

	if (!mm)
		return 0;
	while (done < len && addr < TASK_SIZE) {
		unsigned long off = addr & ~PAGE_MASK;
		int n = PAGE_SIZE - off;
		struct page *page;

		if (!find_vma(mm, addr) || !(page = follow_page(mm, addr)))
			break;
		if (n > len - done)
			n = len - done;
		memcpy((char *)buf + done, (char *)page_address(page) + off, n);
		done += n;
		addr += n;
	}
	return done;
}

static unsigned long vma_rss(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long n = 0;

	for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
		/* skip a whole empty page table at once */
		if (!(mm->pgd[pgd_index(a)] & _PAGE_PRESENT)) {
			a = (a | ((1UL << PGDIR_SHIFT) - 1)) + 1 - PAGE_SIZE;
			continue;
		}
		if (follow_page(mm, a))
			n++;
	}
	return n;
}

/* pages of mm present in memory */
unsigned long get_mm_rss(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		n += vma_rss(mm, vma);
	return n;
}

/* statm: size resident shared text lib data dt, in pages */
int proc_pid_statm(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	unsigned long size = 0, resident = 0, shared = 0, text = 0, data = 0;
	struct vm_area_struct *vma;

	if (mm) {
		list_for_each_entry(vma, &mm->mmap, vm_list) {
			unsigned long rss = vma_rss(mm, vma), pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

			size += pages;
			resident += rss;
			if (vma->vm_flags & VM_SHARED)
				shared += rss;
			else if ((vma->vm_flags & VM_WRITE) && !(vma->vm_flags & VM_GROWSDOWN))
				data += pages;	/* Linux: private writable, less the stack */
		}
		text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	}
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", size, resident, shared, text, data);
	return 0;
}

/* ---- maps ---- */

struct maps_priv {
	pid_t pid;
	struct task_struct *task;
};

static void *m_start(struct seq_file *m, loff_t *pos)
{
	struct maps_priv *priv = m->private;
	struct task_struct *task = find_task_by_pid(priv->pid);
	struct vm_area_struct *vma;
	loff_t n = *pos;

	priv->task = task;
	if (!task || (task->state & EXIT_DEAD))
		return ERR_PTR(-ESRCH);
	if (!task->mm)
		return NULL;
	list_for_each_entry(vma, &task->mm->mmap, vm_list)
		if (!n--)
			return vma;
	return NULL;
}

static void *m_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct maps_priv *priv = m->private;
	struct vm_area_struct *vma = v;

	++*pos;
	if (vma->vm_list.next == &priv->task->mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

static void m_stop(struct seq_file *m, void *v)
{
	(void)m;
	(void)v;
}

static int show_map(struct seq_file *m, void *v)
{
	struct vm_area_struct *vma = v;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long ino = 0, flags = vma->vm_flags;
	unsigned long long pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	const char *name = NULL;
	char buf[64], *path = NULL;
	unsigned int dev = 0;
	int key;
	int shmid;

	if (shm_vma_info(vma, &key, &shmid)) {
		snprintf(buf, sizeof(buf), "/SYSV%08x (deleted)", (unsigned int)key);
		name = buf;
		ino = shmid;
	} else if (vma->vm_file) {
		/* a file mapping names its file, as ld.so's libraries do on Linux */
		struct file *f = vma->vm_file;

		path = kmalloc(PATH_MAX, GFP_KERNEL);
		if (path) {
			name = d_path(f->f_path.dentry, f->f_path.mnt, path, PATH_MAX);
			if (IS_ERR(name))
				name = NULL;
		}
		ino = file_inode(f)->i_ino;
		dev = file_inode(f)->i_sb->s_dev;
	} else if (vma->vm_start <= mm->start_brk && vma->vm_end >= mm->brk &&
		   mm->brk > mm->start_brk) {
		name = "[heap]";
	} else if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack) {
		name = "[stack]";
	} else if (mm->exe_file && vma->vm_end <= PAGE_ALIGN(mm->end_data)) {
		/* the program's own segments (copied in at exec, but they are its file) */
		path = kmalloc(PATH_MAX, GFP_KERNEL);
		if (path) {
			name = d_path(mm->exe_file->f_path.dentry, mm->exe_file->f_path.mnt,
				      path, PATH_MAX);
			if (IS_ERR(name))
				name = NULL;
			ino = file_inode(mm->exe_file)->i_ino;
			dev = file_inode(mm->exe_file)->i_sb->s_dev;
			/* the file offset, counted from the program's first segment */
			pgoff = vma->vm_start - list_entry(mm->mmap.next, struct vm_area_struct,
							   vm_list)->vm_start;
		}
	}
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ",
		   vma->vm_start, vma->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_SHARED ? 's' : 'p',
		   pgoff, MAJOR(dev), MINOR(dev), ino);
	if (name) {
		seq_pad(m, 0, 25 + sizeof(void *) * 6 - 1);
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
	kfree(path);
	return 0;
}

static const struct seq_operations proc_pid_maps_op = {
	.start = m_start,
	.next = m_next,
	.stop = m_stop,
	.show = show_map,
};

static int maps_open(struct inode *inode, struct file *f)
{
	struct maps_priv *priv;
	int err;

	if (!get_proc_task(inode))
		return -ESRCH;
	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->pid = PROC_I(inode)->pid;
	err = seq_open(f, &proc_pid_maps_op);
	if (err) {
		kfree(priv);
		return err;
	}
	((struct seq_file *)f->private_data)->private = priv;
	return 0;
}

static int maps_release(struct inode *inode, struct file *f)
{
	kfree(((struct seq_file *)f->private_data)->private);
	return seq_release(inode, f);
}

const struct file_operations proc_maps_operations = {
	.open = maps_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = maps_release,
};

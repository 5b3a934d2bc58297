/*
 * include/kernel/proc_fs.h - /proc (Linux: include/linux/proc_fs.h,
 * fs/proc/internal.h). Subsystems register their files as proc_dir_entry
 * nodes (create_proc_entry, proc_create_single, proc_mkdir, proc_symlink:
 * fs/proc/generic.c); the per-process directories (fs/proc/base.c) and
 * /proc/sys (fs/proc/proc_sysctl.c) are built on lookup instead.
 */
#ifndef _KERNEL_PROC_FS_H
#define _KERNEL_PROC_FS_H

#include <kernel/types.h>
#include <kernel/fs.h>

struct seq_file;
struct task_struct;
struct ctl_table;
struct mm_struct;
struct vm_area_struct;

#define PROC_ROOT_INO	1

struct proc_dir_entry {
	unsigned int low_ino;
	unsigned short namelen;
	const char *name;
	mode_t mode;
	unsigned int nlink;
	loff_t size;
	const struct inode_operations *proc_iops;
	const struct file_operations *proc_fops;
	int (*show)(struct seq_file *, void *);	/* proc_create_single's reader */
	struct proc_dir_entry *next, *parent, *subdir;
	void *data;
};

/* what a /proc inode stands for (Linux: struct proc_inode) */
union proc_op {
	int (*proc_get_link)(struct task_struct *task, struct path *path);
	int (*proc_show)(struct seq_file *m, struct task_struct *task);
};

struct proc_inode {
	pid_t pid;			/* /proc/PID/...: its process */
	int fd;				/* fd/N, fdinfo/N */
	union proc_op op;
	struct proc_dir_entry *pde;	/* a registered entry */
	struct ctl_table *sysctl;	/* /proc/sys/...: its table entry */
	struct inode vfs_inode;
};

static inline struct proc_inode *PROC_I(const struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

static inline struct proc_dir_entry *PDE(const struct inode *inode)
{
	return PROC_I(inode)->pde;
}

extern struct proc_dir_entry proc_root;

/* fs/proc/generic.c */
struct proc_dir_entry *create_proc_entry(const char *name, mode_t mode,
					 struct proc_dir_entry *parent);
struct proc_dir_entry *proc_create(const char *name, mode_t mode, struct proc_dir_entry *parent,
				   const struct file_operations *fops);
struct proc_dir_entry *proc_create_single(const char *name, mode_t mode,
					  struct proc_dir_entry *parent,
					  int (*show)(struct seq_file *, void *), void *data);
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest);
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);
struct dentry *proc_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd);
int proc_readdir(struct file *f, void *dirent, filldir_t filldir);
struct inode *proc_get_inode(struct super_block *sb, unsigned int ino, struct proc_dir_entry *de);
int proc_set_link(struct inode *inode, const char *text);
extern const struct dentry_operations proc_dentry_operations;

/* fs/proc/base.c */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd);
int proc_pid_readdir(struct file *f, void *dirent, filldir_t filldir, loff_t first);
struct task_struct *get_proc_task(const struct inode *inode);
int ptrace_may_access(struct task_struct *task);

/* fs/proc/array.c, task_mmu.c */
int proc_tgid_stat(struct seq_file *m, struct task_struct *task);	/* the group's times */
int proc_tid_stat(struct seq_file *m, struct task_struct *task);	/* the thread's */
int proc_pid_status(struct seq_file *m, struct task_struct *task);
int proc_pid_statm(struct seq_file *m, struct task_struct *task);
extern const struct file_operations proc_maps_operations;
unsigned long get_mm_rss(struct mm_struct *mm);
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len);

/* fs/proc/proc_misc.c, proc_sysctl.c */
void proc_misc_init(void);
void proc_sys_init(void);
int show_mounts(struct seq_file *m, void *v);

/* the subsystems' own files */
void sysvipc_proc_init(void);		/* ipc/util.c */
void ikconfig_init(void);		/* kernel/configs.c: /proc/config.gz */
void msg_proc_init(void);		/* ipc/msg.c, sem.c, shm.c */
void sem_proc_init(void);
void shm_proc_init(void);
/* ipc/shm.c: is vma an attached SysV segment (its key and id) */
struct vm_area_struct;
int shm_vma_info(struct vm_area_struct *vma, int *key, int *id);
unsigned long shm_nr_pages(void);

#endif

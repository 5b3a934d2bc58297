/*
 * include/kernel/fs.h - the virtual file system: super blocks, inodes,
 * open files and the operations tables every file system fills in (Linux:
 * include/linux/fs.h). Code lives in fs/: inode.c, file_table.c, namei.c,
 * open.c, read_write.c, stat.c, readdir.c, super.c, char_dev.c, ramfs/.
 */
#ifndef _KERNEL_FS_H
#define _KERNEL_FS_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/wait.h>
#include <kernel/mm.h>
#include <kernel/time.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <uapi/stat.h>
#include <uapi/fcntl.h>
#include <uapi/uio.h>

typedef unsigned short umode_t;

#define PATH_MAX	4096	/* bytes in a path, with the NUL */
#define INR_OPEN_CUR	1024	/* RLIMIT_NOFILE's default soft limit */
#define INR_OPEN_MAX	4096	/* and its default hard limit */
#define NR_OPEN		(1024 * 1024)	/* fs.nr_open's default: the fd table's largest size */
/* the largest file a 32-bit page index can address, as Linux on i386 */
#define MAX_LFS_FILESIZE (((loff_t)PAGE_SIZE << 31) - 1)

/* permission() masks */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4
#define MAY_APPEND	8
#define MAY_ACCESS	16
#define MAY_OPEN	32

/* file->f_mode */
#define FMODE_READ	1
#define FMODE_WRITE	2
#define FMODE_LSEEK	4
#define FMODE_PREAD	8
#define FMODE_PWRITE	16

/* device numbers: 12-bit major, 20-bit minor inside the kernel */
#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((ma) << MINORBITS) | (mi))
/* ... and as user space sees them (new_encode_dev / huge_encode_dev) */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}
static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

struct file;
struct inode;
struct super_block;
struct nameidata;
struct poll_table_struct;
struct pipe_inode_info;		/* fs/pipe.c */
struct kstat;

typedef int (*filldir_t)(void *buf, const char *name, int namelen, loff_t offset,
			 u64 ino, unsigned int d_type);

struct vm_area_struct;
struct statfs64;

struct file_operations {
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	/* optional: without them readv/writev loop over read/write */
	ssize_t (*readv)(struct file *, const struct iovec *, unsigned long, loff_t *);
	ssize_t (*writev)(struct file *, const struct iovec *, unsigned long, loff_t *);
	int (*readdir)(struct file *, void *, filldir_t);
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
	int (*ioctl)(struct inode *, struct file *, unsigned int, unsigned long);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, void *id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, struct dentry *, int datasync);
	int (*fasync)(int fd, struct file *, int on);
	/* set up a mapping of the file (mm/mmap.c); without it mmap is ENODEV */
	int (*mmap)(struct file *, struct vm_area_struct *);
};

struct iattr;

struct inode_operations {
	int (*create)(struct inode *dir, struct dentry *, int mode, struct nameidata *);
	struct dentry *(*lookup)(struct inode *dir, struct dentry *, struct nameidata *);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *);
	int (*unlink)(struct inode *dir, struct dentry *);
	int (*symlink)(struct inode *dir, struct dentry *, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *, int mode);
	int (*rmdir)(struct inode *dir, struct dentry *);
	int (*mknod)(struct inode *dir, struct dentry *, int mode, dev_t dev);
	int (*rename)(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new);
	int (*readlink)(struct dentry *, char __user *, int);
	/* optional: 0 if the walk may follow the link (its body is i_link), or -errno */
	int (*follow_link)(struct dentry *, struct nameidata *);
	void (*truncate)(struct inode *);
	int (*permission)(struct inode *, int mask, struct nameidata *);
	int (*setattr)(struct dentry *, struct iattr *);
	int (*getattr)(struct vfsmount *, struct dentry *, struct kstat *);
};

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *);
	void (*destroy_inode)(struct inode *);
	void (*delete_inode)(struct inode *);	/* last link and last use gone */
	void (*put_super)(struct super_block *);
	/* fill in the counts statfs reports; absent: all 0 (simple_statfs) */
	void (*statfs)(struct super_block *, struct statfs64 *);
};

/* the pages of a file's data (Linux: struct address_space): fs/filemap.c */
struct address_space {
	void *page_tree;		/* radix tree: page index -> page; a hole is absent */
	unsigned int height;		/* levels of 64-way nodes */
	unsigned long nrpages;		/* pages present */
	/* the VMAs mapping these pages (Linux: i_mmap); set up on first mmap */
	struct list_head i_mmap;
};

struct inode {
	struct list_head i_sb_list;
	struct list_head i_dentry;	/* dentries naming it */
	unsigned long i_ino;
	atomic_t i_count;		/* any CPU may take or drop one */
	unsigned int i_nlink;
	uid_t i_uid;
	gid_t i_gid;
	dev_t i_rdev;
	loff_t i_size;
	struct timespec i_atime;
	struct timespec i_mtime;
	struct timespec i_ctime;
	unsigned long i_blocks;		/* 512-byte units */
	umode_t i_mode;
	unsigned long i_version;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct super_block *i_sb;
	struct address_space i_data;
	struct address_space *i_mapping;
	struct pipe_inode_info *i_pipe;	/* a FIFO's pipe, while it is open */
	char *i_link;			/* a symlink's target */
	void *i_private;
	unsigned int i_state;
	int i_writecount;
	struct file_lock *i_flock;	/* fs/locks.c: flock and POSIX locks on it */
};

#define I_FREEING	0x20

struct fown_struct {
	pid_t pid;			/* > 0 a process, < 0 a process group */
	int pid_type;			/* F_OWNER_* */
	uid_t uid, euid;		/* of whoever set the owner */
	int signum;			/* F_SETSIG; 0 is SIGIO */
};

struct file {
	struct list_head f_list;	/* for the open-file count */
	struct path f_path;
#define f_dentry	f_path.dentry
#define f_vfsmnt	f_path.mnt
	const struct file_operations *f_op;
	atomic_t f_count;		/* shared by threads on any CPU */
	unsigned int f_flags;		/* O_* as given to open, less the creation flags */
	mode_t f_mode;			/* FMODE_* */
	loff_t f_pos;
	struct fown_struct f_owner;
	unsigned long f_version;
	void *private_data;
	struct list_head f_ep_links;	/* fs/eventpoll.c: the epoll items watching it */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_path.dentry->d_inode;
}

struct file_system_type {
	const char *name;
	int (*get_sb)(struct file_system_type *, int flags, const char *dev_name,
		      void *data, struct vfsmount *mnt);
	void (*kill_sb)(struct super_block *);
	struct file_system_type *next;
};

struct super_block {
	struct list_head s_list;
	dev_t s_dev;
	unsigned long s_blocksize;
	unsigned char s_blocksize_bits;
	loff_t s_maxbytes;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	unsigned long s_magic;
	struct dentry *s_root;
	int s_active;			/* mounts */
	struct list_head s_inodes;
	unsigned long s_next_ino;
	void *s_fs_info;
};

/* setattr: which fields to change */
#define ATTR_MODE	1
#define ATTR_UID	2
#define ATTR_GID	4
#define ATTR_SIZE	8
#define ATTR_ATIME	16
#define ATTR_MTIME	32
#define ATTR_CTIME	64
#define ATTR_ATIME_SET	128
#define ATTR_MTIME_SET	256
#define ATTR_FORCE	512	/* skip the permission checks */

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	uid_t ia_uid;
	gid_t ia_gid;
	loff_t ia_size;
	struct timespec ia_atime;
	struct timespec ia_mtime;
	struct timespec ia_ctime;
};

struct kstat {
	u64 ino;
	dev_t dev;
	umode_t mode;
	unsigned int nlink;
	uid_t uid;
	gid_t gid;
	dev_t rdev;
	loff_t size;
	struct timespec atime;
	struct timespec mtime;
	struct timespec ctime;
	unsigned long blksize;
	unsigned long long blocks;
};

/* fs/inode.c */
struct inode *new_inode(struct super_block *sb);
void iput(struct inode *inode);
static inline struct inode *igrab(struct inode *inode)
{
	atomic_inc(&inode->i_count);
	return inode;
}
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);

/* fs/filemap.c: a file's page index */
int generic_write_checks(struct file *f, loff_t *pos, size_t *count);
struct page *find_get_page(struct address_space *mapping, unsigned long index);
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index);
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
struct page *find_or_create_page(struct inode *inode, unsigned long index);
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
int inode_change_ok(struct inode *inode, struct iattr *attr);
int inode_setattr(struct inode *inode, struct iattr *attr);
int notify_change(struct dentry *d, struct iattr *attr);
void inode_init(void);
unsigned long inode_count(void);		/* live inodes, for tests */
extern const struct file_operations def_fifo_fops;
extern const struct file_operations def_chr_fops;
extern const struct file_operations bad_sock_fops;
/* fs/fifo.c (the pipes issue) supplies the real one; until then -ENXIO */
int fifo_open(struct inode *inode, struct file *filp);

static inline void inc_nlink(struct inode *i) { i->i_nlink++; }
static inline void drop_nlink(struct inode *i) { i->i_nlink--; }
static inline void clear_nlink(struct inode *i) { i->i_nlink = 0; }

/* fs/namei.c */
int permission(struct inode *inode, int mask, struct nameidata *nd);
int generic_permission(struct inode *inode, int mask);
int vfs_create(struct inode *dir, struct dentry *d, int mode, struct nameidata *nd);
int vfs_mkdir(struct inode *dir, struct dentry *d, int mode);
int vfs_mknod(struct inode *dir, struct dentry *d, int mode, dev_t dev);
int vfs_symlink(struct inode *dir, struct dentry *d, const char *target);
int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new);
int vfs_rmdir(struct inode *dir, struct dentry *d);
int vfs_unlink(struct inode *dir, struct dentry *d);
int vfs_rename(struct inode *old_dir, struct dentry *old,
	       struct inode *new_dir, struct dentry *new);
int vfs_readlink(struct dentry *d, char __user *buf, int buflen, const char *link);
char *getname(const char __user *filename);	/* ERR_PTR or a kernel copy */
void putname(char *name);
/* the *at() helpers, kernel paths; used by the sys_* calls and the shell */
long do_mkdirat(int dfd, const char *path, int mode);
long do_mknodat(int dfd, const char *path, int mode, unsigned int dev);
long do_rmdir(int dfd, const char *path);
long do_unlinkat(int dfd, const char *path);
long do_renameat(int olddfd, const char *oldpath, int newdfd, const char *newpath,
		 unsigned int flags);
long do_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath, int flags);
long do_symlinkat(const char *target, int newdfd, const char *newpath);

/* fs/open.c */
struct file *filp_open(const char *filename, int flags, int mode);
struct file *dentry_open(struct dentry *d, struct vfsmount *mnt, int flags);
int filp_close(struct file *filp, void *id);
long do_sys_open(int dfd, const char __user *filename, int flags, int mode);
int do_truncate(struct dentry *d, loff_t length, unsigned int time_attrs, struct file *filp);
int get_unused_fd(void);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
int vfs_chdir(const char *path);

/* fs/read_write.c */
ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *f, loff_t offset, int origin);
loff_t generic_file_llseek(struct file *f, loff_t offset, int origin);
loff_t no_llseek(struct file *f, loff_t offset, int origin);
int kernel_read(struct file *f, loff_t offset, char *addr, unsigned long count);
int kernel_write(struct file *f, loff_t offset, const char *addr, unsigned long count);

/* fs/readdir.c */
int vfs_readdir(struct file *f, filldir_t filler, void *buf);

/* fs/stat.c */
int vfs_getattr(struct vfsmount *mnt, struct dentry *d, struct kstat *stat);
void generic_fillattr(struct inode *inode, struct kstat *stat);
int vfs_stat_path(int dfd, const char *path, struct kstat *stat, int flags);

/* fs/file_table.c */
struct file *get_empty_filp(void);
void put_filp(struct file *f);
void fput(struct file *f);
static inline struct file *get_file(struct file *f)
{
	atomic_inc(&f->f_count);
	return f;
}
unsigned long nr_open_files(void);
/* fs/file_table.c: fs.file-max (ENFILE past it without CAP_SYS_ADMIN) and fs.nr_open */
extern unsigned long files_max_files;
extern unsigned int sysctl_nr_open;
void files_sysctl_init(void);

/* fs/libfs.c: helpers for memory-backed file systems (ramfs) */
int simple_getattr(struct vfsmount *mnt, struct dentry *d, struct kstat *stat);
struct dentry *simple_lookup(struct inode *dir, struct dentry *d, struct nameidata *nd);
int simple_link(struct dentry *old, struct inode *dir, struct dentry *d);
int simple_unlink(struct inode *dir, struct dentry *d);
int simple_rmdir(struct inode *dir, struct dentry *d);
int simple_rename(struct inode *old_dir, struct dentry *old,
		  struct inode *new_dir, struct dentry *new);
int simple_empty(struct dentry *d);
int dcache_dir_open(struct inode *inode, struct file *f);
int dcache_dir_close(struct inode *inode, struct file *f);
loff_t dcache_dir_lseek(struct file *f, loff_t offset, int origin);
int dcache_readdir(struct file *f, void *dirent, filldir_t filldir);
ssize_t generic_read_dir(struct file *f, char __user *buf, size_t n, loff_t *pos);
extern const struct file_operations simple_dir_operations;
extern const struct inode_operations simple_dir_inode_operations;
int simple_readlink(struct dentry *d, char __user *buf, int buflen);
int get_sb_pseudo(struct file_system_type *type, unsigned long magic, struct vfsmount *mnt);
extern const struct inode_operations simple_symlink_inode_operations;

/* fs/super.c, fs/namespace.c */
int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
struct file_system_type *first_filesystem(void);
struct super_block *sget(struct file_system_type *type, void *data);
int get_sb_nodev(struct file_system_type *type, int flags, void *data,
		 int (*fill_super)(struct super_block *, void *, int),
		 struct vfsmount *mnt);
void kill_litter_super(struct super_block *sb);
void deactivate_super(struct super_block *sb);
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				const char *name, void *data);
void mnt_init(void);

/* fs/char_dev.c */
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);
int unregister_chrdev(unsigned int major, const char *name);
int chrdev_open(struct inode *inode, struct file *filp);
const char *chrdev_name(unsigned int major);
int nonseekable_open(struct inode *inode, struct file *filp);
void chr_dev_init(void);	/* kernel/drivers/mem.c: mem devices and the tty */

/* fs/ramfs */
int init_ramfs_fs(void);
struct inode *ramfs_get_inode(struct super_block *sb, int mode, dev_t dev);
/* pages all ramfs files hold (for the tests and the shell's mem) */
extern unsigned long ramfs_pages;

/* fs/initramfs.c */
int populate_rootfs(void);
int unpack_to_rootfs(const char *buf, unsigned long len, unsigned long *bad_offset);

void fs_init(void);

#define IS_APPEND(inode) 0
#define IS_IMMUTABLE(inode) 0

#endif

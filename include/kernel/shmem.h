/*
 * include/kernel/shmem.h - memory objects shared by several mappings: the
 * pages behind MAP_SHARED|MAP_ANONYMOUS and behind System V shared memory
 * (mm/shmem.c). Pages are allocated on first touch and stay until the object
 * is released.
 */
#ifndef _KERNEL_SHMEM_H
#define _KERNEL_SHMEM_H

#include <kernel/types.h>

struct mm_struct;
struct page;
struct vm_area_struct;

/* with the others in kernel/sched.h once something outside shm needs it */
#define CAP_IPC_LOCK	14

struct shmem_object {
	int count;			/* mappings plus other holders */
	unsigned long npages;
	unsigned long nr_present;	/* pages allocated so far */
	struct page **pages;
	int locked;			/* SHM_LOCK'ed (Linux: VM_LOCKED in info->flags) */
};

struct shmem_object *shmem_object_alloc(unsigned long size);
void shmem_object_get(struct shmem_object *obj);
void shmem_object_put(struct shmem_object *obj);
struct page *shmem_object_page(struct shmem_object *obj, unsigned long index);
/*
 * SHM_LOCK's accounting: lock charges the object's pages to user's running
 * total against RLIMIT_MEMLOCK (0 or -ENOMEM); unlock gives them back to the
 * user that was charged. Both do nothing when the object is already so.
 */
int shmem_lock(struct shmem_object *obj, int lock, uid_t user);
int user_shm_lock(unsigned long size, uid_t user);
void user_shm_unlock(unsigned long size, uid_t user);
unsigned long user_shm_locked(uid_t user);
/*
 * tmpfs (mm/shmem.c): ramfs's files and directories with limits. A tmpfs
 * super block's s_fs_info is its shmem_sb_info; the hooks below do nothing
 * on any other file system. 0 maximum: unlimited (size=0, nr_inodes=0).
 */
#define TMPFS_MAGIC	0x01021994

struct super_block;
struct inode;

struct shmem_sb_info {
	unsigned long max_blocks, free_blocks;	/* pages */
	unsigned long max_inodes, free_inodes;
};

struct shmem_sb_info *SHMEM_SB(struct super_block *sb);
int shmem_acct_block(struct inode *inode);		/* 0, or -ENOSPC */
void shmem_unacct_blocks(struct inode *inode, unsigned long pages);
int shmem_reserve_inode(struct super_block *sb);	/* 0, or -ENOSPC */
void shmem_unreserve_inode(struct super_block *sb);
void shmem_truncate(struct inode *inode);		/* i_op->truncate */
void shmem_init(void);		/* register tmpfs, mount /dev/shm */

long shmem_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags);

#endif

/*
 * include/kernel/dcache.h - the dentry cache (fs/dcache.c; Linux:
 * include/linux/dcache.h). A dentry names an inode within its parent
 * directory; every path walk goes through it. A dentry without an inode is
 * negative: "this name does not exist".
 */
#ifndef _KERNEL_DCACHE_H
#define _KERNEL_DCACHE_H

#include <kernel/types.h>
#include <kernel/list.h>

struct inode;
struct dentry;
struct super_block;
struct vfsmount;
struct nameidata;

#define NAME_MAX	255
#define DNAME_INLINE_LEN 32

struct qstr {
	const unsigned char *name;
	unsigned int len;
	unsigned int hash;
};

struct dentry_operations {
	/* 1: free the dentry as soon as its last reference goes */
	int (*d_delete)(struct dentry *);
	void (*d_release)(struct dentry *);
};

#define DCACHE_UNHASHED	0x0010	/* not in the hash: lookups cannot find it */

struct dentry {
	int d_count;
	unsigned int d_flags;
	struct inode *d_inode;		/* NULL: negative */
	struct list_head d_hash;	/* lookup hash chain */
	struct dentry *d_parent;	/* itself for a file system's root */
	struct qstr d_name;
	struct list_head d_child;	/* in the parent's d_subdirs */
	struct list_head d_subdirs;	/* our children */
	struct list_head d_alias;	/* inode->i_dentry */
	const struct dentry_operations *d_op;
	struct super_block *d_sb;
	void *d_fsdata;
	int d_mounted;			/* something is mounted here */
	unsigned char d_iname[DNAME_INLINE_LEN];
};

static inline struct dentry *dget(struct dentry *d)
{
	if (d)
		d->d_count++;
	return d;
}

static inline int d_unhashed(const struct dentry *d)
{
	return d->d_flags & DCACHE_UNHASHED;
}

static inline int IS_ROOT(const struct dentry *d)
{
	return d == d->d_parent;
}

static inline int d_mountpoint(const struct dentry *d)
{
	return d->d_mounted;
}

void dcache_init(void);
unsigned int full_name_hash(const unsigned char *name, unsigned int len);
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_alloc_root(struct inode *root);
void d_instantiate(struct dentry *d, struct inode *inode);
void d_add(struct dentry *d, struct inode *inode);
void d_rehash(struct dentry *d);
void d_drop(struct dentry *d);
void d_delete(struct dentry *d);
void d_move(struct dentry *d, struct dentry *target);
struct dentry *d_lookup(struct dentry *parent, struct qstr *name);
void dput(struct dentry *d);
void shrink_dcache_parent(struct dentry *d);
int simple_delete_dentry(struct dentry *d);
unsigned long dentry_count(void);		/* live dentries, for tests */

/* fs/dcache.c: the path of a dentry, from the root, into buf's end */
char *d_path(struct dentry *d, struct vfsmount *mnt, char *buf, int buflen);

#endif

/*
 * include/kernel/mount.h - mounted file systems (fs/namespace.c; Linux:
 * include/linux/mount.h). A vfsmount ties a super_block's root to the
 * dentry it covers in its parent mount.
 */
#ifndef _KERNEL_MOUNT_H
#define _KERNEL_MOUNT_H

#include <kernel/types.h>
#include <kernel/list.h>

struct dentry;
struct super_block;

struct vfsmount {
	struct list_head mnt_hash;	/* every mount: lookup_mnt walks it */
	struct vfsmount *mnt_parent;	/* itself for the root mount */
	struct dentry *mnt_mountpoint;	/* the dentry covered, in the parent */
	struct dentry *mnt_root;	/* root of this file system */
	struct super_block *mnt_sb;
	struct list_head mnt_mounts;	/* mounts on top of our dentries */
	struct list_head mnt_child;	/* in the parent's mnt_mounts */
	int mnt_count;
	int mnt_flags;			/* MNT_NOEXEC */
	char mnt_devname[32];
};

#define MNT_NOEXEC	0x04	/* mount -o noexec: no execve, no PROT_EXEC file mappings */

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

static inline struct vfsmount *mntget(struct vfsmount *m)
{
	if (m)
		m->mnt_count++;
	return m;
}
void mntput(struct vfsmount *m);
struct vfsmount *lookup_mnt(struct vfsmount *mnt, struct dentry *d);
void path_get(struct path *p);
void path_put(struct path *p);

/* mount a file system of this type on dir (a kernel path); umount it */
int do_mount(const char *dev_name, const char *dir, const char *type,
	     unsigned long flags, void *data);
int do_umount_path(const char *dir);

extern struct vfsmount *root_mnt;

#endif

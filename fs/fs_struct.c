/*
 * fs/fs_struct.c - a task's root, working directory and umask (Linux:
 * fs/fs_struct.c, copy_fs_struct in kernel/fork.c). Each path holds its own
 * dentry and mount references.
 */
#include <kernel/fs.h>
#include <kernel/fs_struct.h>
#include <kernel/sched.h>
#include <kernel/slab.h>

void path_get(struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

void path_put(struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}

void set_fs_root(struct fs_struct *fs, struct path *p)
{
	struct path old = fs->root;

	path_get(p);
	fs->root = *p;
	if (old.dentry)
		path_put(&old);
}

void set_fs_pwd(struct fs_struct *fs, struct path *p)
{
	struct path old = fs->pwd;

	path_get(p);
	fs->pwd = *p;
	if (old.dentry)
		path_put(&old);
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->count = 1;
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	path_get(&fs->root);
	path_get(&fs->pwd);
	return fs;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (--fs->count)
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}

long sys_umask(int mask)
{
	int old = current->fs->umask;

	current->fs->umask = mask & S_IRWXUGO;
	return old;
}

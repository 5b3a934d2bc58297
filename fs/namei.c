/*
 * fs/namei.c - path name lookup and the operations on names: create,
 * mkdir, mknod, symlink, link, unlink, rmdir, rename (Linux: fs/namei.c).
 * A walk holds a reference on the dentry and mount it stands on, steps
 * through "." and "..", crosses mount points both ways, follows symbolic
 * links up to 8 deep and 40 in all, and checks search permission on every
 * directory it passes.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/fs_struct.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>

#define IS_DEADDIR(inode)	(S_ISDIR((inode)->i_mode) && !(inode)->i_nlink)

/* kernel/sys.c's, until the processes issue supplies them */
int __attribute__((weak)) in_group_p(gid_t grp)
{
	if (grp == current->fsgid)
		return 1;
	for (int i = 0; i < current->ngroups; i++)
		if (current->groups[i] == grp)
			return 1;
	return 0;
}

int __attribute__((weak)) in_egroup_p(gid_t grp)
{
	if (grp == current->egid)
		return 1;
	for (int i = 0; i < current->ngroups; i++)
		if (current->groups[i] == grp)
			return 1;
	return 0;
}

/* ---- names from user space ---- */

static char *getname_flags(const char __user *filename, int empty_ok)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, filename, PATH_MAX);
	if (len < 0) {
		kfree(name);
		return ERR_PTR(len);
	}
	if (len >= PATH_MAX) {
		kfree(name);
		return ERR_PTR(-ENAMETOOLONG);
	}
	if (!len && !empty_ok) {
		kfree(name);
		return ERR_PTR(-ENOENT);
	}
	return name;
}

char *getname(const char __user *filename)
{
	return getname_flags(filename, 0);
}

void putname(char *name)
{
	kfree(name);
}

/* ---- permissions ---- */

/*
 * Owner, group or other bits, whichever class the caller falls in, then
 * root's overrides: read and write always, execute only where someone may
 * execute, search any directory.
 */
int generic_permission(struct inode *inode, int mask)
{
	umode_t mode = inode->i_mode;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (current->fsuid == inode->i_uid)
		mode >>= 6;
	else if (in_group_p(inode->i_gid))
		mode >>= 3;
	if ((mode & mask) == mask)
		return 0;
	if (!(mask & MAY_EXEC) || (inode->i_mode & S_IXUGO) || S_ISDIR(inode->i_mode))
		if (capable(CAP_DAC_OVERRIDE))
			return 0;
	if (mask == MAY_READ || (S_ISDIR(inode->i_mode) && !(mask & MAY_WRITE)))
		if (capable(CAP_DAC_READ_SEARCH))
			return 0;
	return -EACCES;
}

int permission(struct inode *inode, int mask, struct nameidata *nd)
{
	if (inode->i_op && inode->i_op->permission)
		return inode->i_op->permission(inode, mask, nd);
	return generic_permission(inode, mask);
}

/* ---- the walk ---- */

void path_release(struct nameidata *nd)
{
	path_put(&nd->path);
}

static void path_to_nameidata(struct path *p, struct nameidata *nd)
{
	path_put(&nd->path);
	nd->path = *p;
}

/* step onto whatever is mounted here, repeatedly */
static void follow_mount(struct path *p)
{
	while (d_mountpoint(p->dentry)) {
		struct vfsmount *m = lookup_mnt(p->mnt, p->dentry);

		if (!m)
			break;
		path_put(p);
		p->mnt = m;
		p->dentry = dget(m->mnt_root);
	}
}

/* "..": never above the process root; from a mount's root, up into the parent */
static void follow_dotdot(struct nameidata *nd)
{
	struct path *root = &current->fs->root;

	for (;;) {
		struct dentry *old = nd->path.dentry;
		struct vfsmount *mnt = nd->path.mnt;

		if (old == root->dentry && mnt == root->mnt)
			break;
		if (old != mnt->mnt_root) {
			nd->path.dentry = dget(old->d_parent);
			dput(old);
			break;
		}
		if (mnt->mnt_parent == mnt)
			break;
		nd->path.mnt = mntget(mnt->mnt_parent);
		nd->path.dentry = dget(mnt->mnt_mountpoint);
		dput(old);
		mntput(mnt);
	}
	follow_mount(&nd->path);
}

static struct dentry *real_lookup(struct dentry *parent, struct qstr *name,
				  struct nameidata *nd)
{
	struct inode *dir = parent->d_inode;
	struct dentry *d, *result;

	if (!dir->i_op || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	d = d_alloc(parent, name);
	if (!d)
		return ERR_PTR(-ENOMEM);
	result = dir->i_op->lookup(dir, d, nd);
	if (result) {
		dput(d);
		return result;
	}
	return d;
}

static struct dentry *__lookup_hash(struct qstr *name, struct dentry *base,
				    struct nameidata *nd)
{
	struct dentry *d;
	int err = permission(base->d_inode, MAY_EXEC, nd);

	if (err)
		return ERR_PTR(err);
	d = d_lookup(base, name);
	if (!d)
		d = real_lookup(base, name, nd);
	return d;
}

static int do_lookup(struct nameidata *nd, struct qstr *name, struct path *p)
{
	struct dentry *d = d_lookup(nd->path.dentry, name);

	if (!d) {
		d = real_lookup(nd->path.dentry, name, nd);
		if (IS_ERR(d))
			return PTR_ERR(d);
	}
	p->mnt = mntget(nd->path.mnt);
	p->dentry = d;
	follow_mount(p);
	return 0;
}

static int __link_path_walk(const char *name, struct nameidata *nd);

/*
 * Walk the link's body from the directory that holds the link (or from
 * the root when it is absolute). Consumes the reference on link; on error
 * nd is released too.
 */
static int do_follow_link(struct path *link, struct nameidata *nd, unsigned int flags)
{
	struct inode *inode = link->dentry->d_inode;
	const char *body = inode->i_link;
	unsigned int saved = nd->flags;
	int err = -ELOOP;

	if (nd->depth >= MAX_NESTED_LINKS || nd->total_link_count >= MAX_LINK_COUNT)
		goto fail;
	if (inode->i_op && inode->i_op->follow_link) {
		err = inode->i_op->follow_link(link->dentry, nd);	/* /proc/PID/exe's check */
		if (err)
			goto fail;
	}
	err = -ENOENT;
	if (!body || !*body)
		goto fail;
	nd->depth++;
	nd->total_link_count++;
	if (*body == '/') {
		path_put(&nd->path);
		nd->path = current->fs->root;
		path_get(&nd->path);
	}
	nd->flags = flags;
	err = __link_path_walk(body, nd);
	nd->flags = saved;
	nd->depth--;
	path_put(link);
	return err;
fail:
	path_put(link);
	path_put(&nd->path);
	return err;
}

/*
 * The heart of the lookup: one component at a time. On success nd holds
 * the result (or, with LOOKUP_PARENT, the directory and the last name);
 * on error it holds nothing.
 */
static int __link_path_walk(const char *name, struct nameidata *nd)
{
	unsigned int lookup_flags = nd->flags;
	struct inode *inode;
	struct path next;
	struct qstr this;
	int err;

	while (*name == '/')
		name++;
	if (!*name) {
		nd->last_type = LAST_ROOT;
		return 0;
	}
	nd->last_slash = 0;
	inode = nd->path.dentry->d_inode;
	for (;;) {
		unsigned int c, hash = 0;

		err = permission(inode, MAY_EXEC, nd);
		if (err)
			break;
		this.name = (const unsigned char *)name;
		for (c = (unsigned char)*name; c && c != '/'; c = (unsigned char)*++name)
			hash = (hash + (c << 4) + (c >> 4)) * 11;
		this.len = (const unsigned char *)name - this.name;
		this.hash = hash;
		err = -ENAMETOOLONG;
		if (this.len > NAME_MAX)
			break;
		if (!c)
			goto last_component;
		while (*++name == '/')
			;
		if (!*name)
			goto last_with_slashes;

		if (this.name[0] == '.' && this.len <= 2) {
			if (this.len == 1)
				continue;
			if (this.name[1] == '.') {
				follow_dotdot(nd);
				inode = nd->path.dentry->d_inode;
				continue;
			}
		}
		err = do_lookup(nd, &this, &next);
		if (err)
			break;
		inode = next.dentry->d_inode;
		if (!inode) {
			path_put(&next);
			err = -ENOENT;
			break;
		}
		if (S_ISLNK(inode->i_mode)) {
			err = do_follow_link(&next, nd, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
			if (err)
				return err;
			inode = nd->path.dentry->d_inode;
		} else {
			path_to_nameidata(&next, nd);
		}
		err = -ENOTDIR;
		if (!S_ISDIR(inode->i_mode))
			break;
		continue;

last_with_slashes:
		lookup_flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
		nd->last_slash = 1;
last_component:
		if (lookup_flags & LOOKUP_PARENT)
			goto lookup_parent;
		if (this.name[0] == '.' && this.len <= 2) {
			if (this.len == 1)
				goto return_check;
			if (this.name[1] == '.') {
				follow_dotdot(nd);
				inode = nd->path.dentry->d_inode;
				goto return_check;
			}
		}
		err = do_lookup(nd, &this, &next);
		if (err)
			break;
		inode = next.dentry->d_inode;
		if ((lookup_flags & LOOKUP_FOLLOW) && inode && S_ISLNK(inode->i_mode)) {
			err = do_follow_link(&next, nd, lookup_flags);
			if (err)
				return err;
			inode = nd->path.dentry->d_inode;
		} else {
			path_to_nameidata(&next, nd);
		}
		err = -ENOENT;
		if (!inode)
			break;
return_check:
		if ((lookup_flags & LOOKUP_DIRECTORY) && !S_ISDIR(inode->i_mode)) {
			err = -ENOTDIR;
			break;
		}
		return 0;

lookup_parent:
		memcpy(nd->last_name, this.name, this.len);
		nd->last_name[this.len] = '\0';
		nd->last.name = (const unsigned char *)nd->last_name;
		nd->last.len = this.len;
		nd->last.hash = this.hash;
		nd->last_type = LAST_NORM;
		if (this.name[0] == '.' && this.len == 1)
			nd->last_type = LAST_DOT;
		else if (this.name[0] == '.' && this.len == 2 && this.name[1] == '.')
			nd->last_type = LAST_DOTDOT;
		return 0;
	}
	path_put(&nd->path);
	return err;
}

static int path_init(int dfd, const char *name, unsigned int flags, struct nameidata *nd)
{
	struct file *f;

	nd->last_type = LAST_ROOT;
	nd->last_slash = 0;
	nd->flags = flags;
	nd->depth = 0;
	nd->total_link_count = 0;
	if (*name == '/') {
		nd->path = current->fs->root;
		path_get(&nd->path);
		return 0;
	}
	if (dfd == AT_FDCWD) {
		nd->path = current->fs->pwd;
		path_get(&nd->path);
		return 0;
	}
	f = fget(dfd);
	if (!f)
		return -EBADF;
	if (*name && !S_ISDIR(file_inode(f)->i_mode)) {
		fput(f);
		return -ENOTDIR;
	}
	nd->path = f->f_path;
	path_get(&nd->path);
	fput(f);
	return 0;
}

int path_lookupat(int dfd, const char *name, unsigned int flags, struct nameidata *nd)
{
	int err;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_init(dfd, name, flags, nd);
	if (err)
		return err;
	return __link_path_walk(name, nd);
}

int path_lookup(const char *name, unsigned int flags, struct nameidata *nd)
{
	return path_lookupat(AT_FDCWD, name, flags, nd);
}

int user_path_walk_at(int dfd, const char __user *name, unsigned int flags,
		      struct nameidata *nd)
{
	char *tmp = getname_flags(name, flags & LOOKUP_EMPTY);
	int err = PTR_ERR(tmp);

	if (!IS_ERR(tmp)) {
		err = path_lookupat(dfd, tmp, flags, nd);
		putname(tmp);
	}
	return err;
}

struct dentry *lookup_hash(struct nameidata *nd)
{
	return __lookup_hash(&nd->last, nd->path.dentry, nd);
}

struct dentry *lookup_one_len(const char *name, struct dentry *base, int len)
{
	struct qstr this;

	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	this.name = (const unsigned char *)name;
	this.len = len;
	this.hash = full_name_hash(this.name, len);
	return __lookup_hash(&this, base, NULL);
}

/* the dentry for a new name in nd's directory; -EEXIST for "/", "." or ".." */
struct dentry *lookup_create(struct nameidata *nd, int is_dir)
{
	struct dentry *d;

	if (nd->last_type != LAST_NORM)
		return ERR_PTR(-EEXIST);
	d = lookup_hash(nd);
	if (IS_ERR(d))
		return d;
	if (!is_dir && nd->last_slash && !d->d_inode) {
		dput(d);
		return ERR_PTR(-ENOENT);
	}
	return d;
}

/* ---- the operations ---- */

static int may_create(struct inode *dir, struct dentry *child)
{
	if (child->d_inode)
		return -EEXIST;
	if (IS_DEADDIR(dir))
		return -ENOENT;
	return permission(dir, MAY_WRITE | MAY_EXEC, NULL);
}

/* in a sticky directory only the owner of the file or of the directory may delete */
static int check_sticky(struct inode *dir, struct inode *inode)
{
	if (!(dir->i_mode & S_ISVTX))
		return 0;
	if (inode->i_uid == current->fsuid || dir->i_uid == current->fsuid)
		return 0;
	return !capable(CAP_FOWNER);
}

static int may_delete(struct inode *dir, struct dentry *victim, int isdir)
{
	int err;

	if (!victim->d_inode)
		return -ENOENT;
	err = permission(dir, MAY_WRITE | MAY_EXEC, NULL);
	if (err)
		return err;
	if (check_sticky(dir, victim->d_inode))
		return -EPERM;
	if (isdir) {
		if (!S_ISDIR(victim->d_inode->i_mode))
			return -ENOTDIR;
		if (IS_ROOT(victim))
			return -EBUSY;
	} else if (S_ISDIR(victim->d_inode->i_mode)) {
		return -EISDIR;
	}
	if (IS_DEADDIR(dir))
		return -ENOENT;
	return 0;
}

int vfs_create(struct inode *dir, struct dentry *d, int mode, struct nameidata *nd)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, d, (mode & S_IALLUGO) | S_IFREG, nd);
}

int vfs_mknod(struct inode *dir, struct dentry *d, int mode, dev_t dev)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !capable(CAP_MKNOD))
		return -EPERM;
	if (!dir->i_op || !dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, d, mode, dev);
}

int vfs_mkdir(struct inode *dir, struct dentry *d, int mode)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, d, mode & (S_IRWXUGO | S_ISVTX));
}

int vfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, d, target);
}

int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new)
{
	struct inode *inode = old->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = may_create(dir, new);
	if (err)
		return err;
	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op || !dir->i_op->link)
		return -EPERM;
	if (!inode->i_nlink)
		return -ENOENT;		/* linking a removed file back in */
	return dir->i_op->link(old, dir, new);
}

int vfs_rmdir(struct inode *dir, struct dentry *d)
{
	int err = may_delete(dir, d, 1);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->rmdir)
		return -EPERM;
	if (d_mountpoint(d))
		return -EBUSY;
	err = dir->i_op->rmdir(dir, d);
	if (!err)
		d_delete(d);
	return err;
}

int vfs_unlink(struct inode *dir, struct dentry *d)
{
	int err = may_delete(dir, d, 0);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->unlink)
		return -EPERM;
	if (d_mountpoint(d))
		return -EBUSY;
	err = dir->i_op->unlink(dir, d);
	if (!err)
		d_delete(d);
	return err;
}

/* is d equal to or below ancestor? */
static int is_subdir(struct dentry *d, struct dentry *ancestor)
{
	for (;;) {
		if (d == ancestor)
			return 1;
		if (IS_ROOT(d))
			return 0;
		d = d->d_parent;
	}
}

int vfs_rename(struct inode *old_dir, struct dentry *old,
	       struct inode *new_dir, struct dentry *new)
{
	int is_dir = S_ISDIR(old->d_inode->i_mode);
	int err;

	if (old->d_inode == new->d_inode)
		return 0;
	err = may_delete(old_dir, old, is_dir);
	if (err)
		return err;
	if (!new->d_inode)
		err = may_create(new_dir, new);
	else
		err = may_delete(new_dir, new, is_dir);
	if (err)
		return err;
	if (!old_dir->i_op || !old_dir->i_op->rename)
		return -EPERM;
	/* a directory that changes parent rewrites its "..": needs write on it */
	if (is_dir && new_dir != old_dir) {
		err = permission(old->d_inode, MAY_WRITE, NULL);
		if (err)
			return err;
	}
	if (d_mountpoint(old) || d_mountpoint(new))
		return -EBUSY;
	err = old_dir->i_op->rename(old_dir, old, new_dir, new);
	if (!err)
		d_move(old, new);
	return err;
}

int vfs_readlink(struct dentry *d, char __user *buf, int buflen, const char *link)
{
	int len;

	(void)d;
	if (!link)
		return -EINVAL;
	len = strlen(link);
	if (len > buflen)
		len = buflen;
	if (copy_to_user(buf, link, len))
		return -EFAULT;
	return len;
}

/* ---- the *at helpers on kernel strings ---- */

long do_mknodat(int dfd, const char *path, int mode, unsigned int dev)
{
	struct nameidata nd;
	struct dentry *d;
	struct inode *dir;
	long err;

	if (S_ISDIR(mode))
		return -EPERM;
	err = path_lookupat(dfd, path, LOOKUP_PARENT, &nd);
	if (err)
		return err;
	d = lookup_create(&nd, 0);
	err = PTR_ERR(d);
	if (IS_ERR(d))
		goto out;
	dir = nd.path.dentry->d_inode;
	mode &= ~current->fs->umask | S_IFMT;
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
		err = vfs_create(dir, d, mode, &nd);
		break;
	case S_IFCHR:
	case S_IFBLK:
		err = vfs_mknod(dir, d, mode, new_decode_dev(dev));
		break;
	case S_IFIFO:
	case S_IFSOCK:
		err = vfs_mknod(dir, d, mode, 0);
		break;
	default:
		err = -EINVAL;
	}
	dput(d);
out:
	path_release(&nd);
	return err;
}

long do_mkdirat(int dfd, const char *path, int mode)
{
	struct nameidata nd;
	struct dentry *d;
	long err;

	err = path_lookupat(dfd, path, LOOKUP_PARENT, &nd);
	if (err)
		return err;
	d = lookup_create(&nd, 1);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = vfs_mkdir(nd.path.dentry->d_inode, d, mode & ~current->fs->umask);
		dput(d);
	}
	path_release(&nd);
	return err;
}

long do_rmdir(int dfd, const char *path)
{
	struct nameidata nd;
	struct dentry *d;
	long err;

	err = path_lookupat(dfd, path, LOOKUP_PARENT, &nd);
	if (err)
		return err;
	switch (nd.last_type) {
	case LAST_DOTDOT:
		err = -ENOTEMPTY;
		goto out;
	case LAST_DOT:
		err = -EINVAL;
		goto out;
	case LAST_ROOT:
		err = -EBUSY;
		goto out;
	}
	d = lookup_hash(&nd);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = vfs_rmdir(nd.path.dentry->d_inode, d);
		dput(d);
	}
out:
	path_release(&nd);
	return err;
}

long do_unlinkat(int dfd, const char *path)
{
	struct nameidata nd;
	struct dentry *d;
	long err;

	err = path_lookupat(dfd, path, LOOKUP_PARENT, &nd);
	if (err)
		return err;
	err = -EISDIR;
	if (nd.last_type != LAST_NORM)
		goto out;
	d = lookup_hash(&nd);
	err = PTR_ERR(d);
	if (IS_ERR(d))
		goto out;
	if (nd.last_slash)	/* "file/": the name must be a directory, which unlink refuses */
		err = !d->d_inode ? -ENOENT : S_ISDIR(d->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
	else
		err = vfs_unlink(nd.path.dentry->d_inode, d);
	dput(d);
out:
	path_release(&nd);
	return err;
}

long do_symlinkat(const char *target, int newdfd, const char *newpath)
{
	struct nameidata nd;
	struct dentry *d;
	long err;

	err = path_lookupat(newdfd, newpath, LOOKUP_PARENT, &nd);
	if (err)
		return err;
	d = lookup_create(&nd, 0);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = vfs_symlink(nd.path.dentry->d_inode, d, target);
		dput(d);
	}
	path_release(&nd);
	return err;
}

long do_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath, int flags)
{
	struct nameidata old_nd, nd;
	struct dentry *d;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_lookupat(olddfd, oldpath,
			    ((flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0) |
			    ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &old_nd);
	if (err)
		return err;
	err = path_lookupat(newdfd, newpath, LOOKUP_PARENT, &nd);
	if (err)
		goto out;
	err = -EXDEV;
	if (old_nd.path.mnt != nd.path.mnt)
		goto out_release;
	d = lookup_create(&nd, 0);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = vfs_link(old_nd.path.dentry, nd.path.dentry->d_inode, d);
		dput(d);
	}
out_release:
	path_release(&nd);
out:
	path_release(&old_nd);
	return err;
}

long do_renameat(int olddfd, const char *oldpath, int newdfd, const char *newpath,
		 unsigned int flags)
{
	struct nameidata old_nd, new_nd;
	struct dentry *old, *new;
	long err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	err = path_lookupat(olddfd, oldpath, LOOKUP_PARENT, &old_nd);
	if (err)
		return err;
	err = path_lookupat(newdfd, newpath, LOOKUP_PARENT, &new_nd);
	if (err)
		goto out_old;
	err = -EXDEV;
	if (old_nd.path.mnt != new_nd.path.mnt)
		goto out_new;
	err = -EBUSY;
	if (old_nd.last_type != LAST_NORM || new_nd.last_type != LAST_NORM)
		goto out_new;
	old = lookup_hash(&old_nd);
	err = PTR_ERR(old);
	if (IS_ERR(old))
		goto out_new;
	err = -ENOENT;
	if (!old->d_inode)
		goto out_old_dentry;
	err = -ENOTDIR;
	if (!S_ISDIR(old->d_inode->i_mode) && (old_nd.last_slash || new_nd.last_slash))
		goto out_old_dentry;
	/* a directory cannot move below itself */
	err = -EINVAL;
	if (is_subdir(new_nd.path.dentry, old))
		goto out_old_dentry;
	new = lookup_hash(&new_nd);
	err = PTR_ERR(new);
	if (IS_ERR(new))
		goto out_old_dentry;
	err = -EEXIST;
	if ((flags & RENAME_NOREPLACE) && new->d_inode)
		goto out_new_dentry;
	/* ... nor replace a directory that contains it */
	err = -ENOTEMPTY;
	if (is_subdir(old_nd.path.dentry, new))
		goto out_new_dentry;
	err = vfs_rename(old_nd.path.dentry->d_inode, old, new_nd.path.dentry->d_inode, new);
out_new_dentry:
	dput(new);
out_old_dentry:
	dput(old);
out_new:
	path_release(&new_nd);
out_old:
	path_release(&old_nd);
	return err;
}

/* ---- open ---- */

#define ACC_MODE(x) ("\004\002\006\006"[(x) & O_ACCMODE])

static int may_open(struct nameidata *nd, int acc_mode, int flag)
{
	struct dentry *d = nd->path.dentry;
	struct inode *inode = d->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	if (S_ISLNK(inode->i_mode))
		return -ELOOP;
	if (S_ISDIR(inode->i_mode) && (acc_mode & MAY_WRITE))
		return -EISDIR;
	err = permission(inode, acc_mode, nd);
	if (err)
		return err;
	if (S_ISFIFO(inode->i_mode) || S_ISSOCK(inode->i_mode) || S_ISCHR(inode->i_mode))
		flag &= ~O_TRUNC;
	if ((flag & O_TRUNC) && S_ISREG(inode->i_mode))
		err = do_truncate(d, 0, ATTR_MTIME | ATTR_CTIME, NULL);
	return err;
}

/*
 * Find (or with O_CREAT make) the file to open. A symlink at the end is
 * followed unless O_NOFOLLOW (then ELOOP); with O_CREAT its body is walked
 * to its own parent directory and the name there opened or created, so a
 * dangling symlink makes its target, as in Linux.
 */
int open_namei(int dfd, const char *pathname, int flag, int mode, struct nameidata *nd)
{
	int acc_mode = ACC_MODE(flag);
	struct path p;
	struct dentry *d;
	int err;

	if (flag & O_TRUNC)
		acc_mode |= MAY_WRITE;
	if (flag & O_APPEND)
		acc_mode |= MAY_APPEND;
	if (!(flag & O_CREAT)) {
		err = path_lookupat(dfd, pathname,
				    ((flag & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
				    ((flag & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0) | LOOKUP_OPEN, nd);
		if (err)
			return err;
		goto ok;
	}
	err = path_lookupat(dfd, pathname, LOOKUP_PARENT | LOOKUP_OPEN | LOOKUP_CREATE, nd);
	if (err)
		return err;
do_last:
	err = -EISDIR;
	if (nd->last_type != LAST_NORM || nd->last_slash)
		goto exit;
	d = lookup_hash(nd);
	err = PTR_ERR(d);
	if (IS_ERR(d))
		goto exit;
	if (!d->d_inode) {
		err = vfs_create(nd->path.dentry->d_inode, d, mode & ~current->fs->umask, nd);
		if (err) {
			dput(d);
			goto exit;
		}
		dput(nd->path.dentry);
		nd->path.dentry = d;
		/* a file we just made is ours to open whatever its mode */
		return may_open(nd, 0, flag & ~O_TRUNC);
	}
	err = -EEXIST;
	if (flag & O_EXCL) {
		dput(d);
		goto exit;
	}
	p.mnt = mntget(nd->path.mnt);
	p.dentry = d;
	follow_mount(&p);
	if (S_ISLNK(p.dentry->d_inode->i_mode)) {
		if (flag & O_NOFOLLOW) {
			path_put(&p);
			err = -ELOOP;
			goto exit;
		}
		/* to the link target's directory, then try its last name again */
		err = do_follow_link(&p, nd, LOOKUP_PARENT | LOOKUP_OPEN | LOOKUP_CREATE);
		if (err)
			return err;
		goto do_last;
	}
	if (S_ISDIR(p.dentry->d_inode->i_mode)) {
		path_put(&p);
		err = -EISDIR;
		goto exit;
	}
	path_to_nameidata(&p, nd);
ok:
	err = may_open(nd, acc_mode, flag);
	if (!err)
		return 0;
exit:
	path_release(nd);
	return err;
}

/* ---- system calls ---- */

long sys_mknodat(int dfd, const char __user *filename, int mode, unsigned int dev)
{
	char *tmp = getname(filename);
	long err = PTR_ERR(tmp);

	if (!IS_ERR(tmp)) {
		err = do_mknodat(dfd, tmp, mode, dev);
		putname(tmp);
	}
	return err;
}

long sys_mknod(const char __user *filename, int mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, filename, mode, dev);
}

long sys_mkdirat(int dfd, const char __user *pathname, int mode)
{
	char *tmp = getname(pathname);
	long err = PTR_ERR(tmp);

	if (!IS_ERR(tmp)) {
		err = do_mkdirat(dfd, tmp, mode);
		putname(tmp);
	}
	return err;
}

long sys_mkdir(const char __user *pathname, int mode)
{
	return sys_mkdirat(AT_FDCWD, pathname, mode);
}

long sys_rmdir(const char __user *pathname)
{
	char *tmp = getname(pathname);
	long err = PTR_ERR(tmp);

	if (!IS_ERR(tmp)) {
		err = do_rmdir(AT_FDCWD, tmp);
		putname(tmp);
	}
	return err;
}

long sys_unlinkat(int dfd, const char __user *pathname, int flag)
{
	char *tmp;
	long err;

	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	tmp = getname(pathname);
	err = PTR_ERR(tmp);
	if (!IS_ERR(tmp)) {
		err = (flag & AT_REMOVEDIR) ? do_rmdir(dfd, tmp) : do_unlinkat(dfd, tmp);
		putname(tmp);
	}
	return err;
}

long sys_unlink(const char __user *pathname)
{
	return sys_unlinkat(AT_FDCWD, pathname, 0);
}

long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	char *from, *to;
	long err;

	from = getname(oldname);
	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	err = PTR_ERR(to);
	if (!IS_ERR(to)) {
		err = do_symlinkat(from, newdfd, to);
		putname(to);
	}
	putname(from);
	return err;
}

long sys_symlink(const char __user *oldname, const char __user *newname)
{
	return sys_symlinkat(oldname, AT_FDCWD, newname);
}

long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags)
{
	char *from, *to;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	from = getname_flags(oldname, flags & AT_EMPTY_PATH);
	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	err = PTR_ERR(to);
	if (!IS_ERR(to)) {
		err = do_linkat(olddfd, from, newdfd, to, flags);
		putname(to);
	}
	putname(from);
	return err;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags)
{
	char *from, *to;
	long err;

	from = getname(oldname);
	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	err = PTR_ERR(to);
	if (!IS_ERR(to)) {
		err = do_renameat(olddfd, from, newdfd, to, flags);
		putname(to);
	}
	putname(from);
	return err;
}

long sys_renameat(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname)
{
	return sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

long sys_rename(const char __user *oldname, const char __user *newname)
{
	return sys_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

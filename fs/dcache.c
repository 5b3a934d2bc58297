/*
 * fs/dcache.c - the dentry cache (Linux: fs/dcache.c). Dentries are found by
 * (parent, name) through a hash table and hold a reference on their parent
 * and their inode. A dentry whose count drops to zero is freed at once when
 * it is negative, unhashed or its d_op says so (ramfs: always), so removed
 * files leave nothing behind; others stay cached for the next lookup.
 */
#include <kernel/fs.h>
#include <kernel/fs_struct.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <kernel/printk.h>

#define D_HASHBITS	9
#define D_HASHSIZE	(1U << D_HASHBITS)

static struct list_head dentry_hashtable[D_HASHSIZE];
static unsigned long nr_dentry;

/* Linux's partial_name_hash, one character at a time */
unsigned int full_name_hash(const unsigned char *name, unsigned int len)
{
	unsigned long hash = 0;

	while (len--) {
		unsigned long c = *name++;

		hash = (hash + (c << 4) + (c >> 4)) * 11;
	}
	return (unsigned int)hash;
}

void dcache_init(void)
{
	for (unsigned int i = 0; i < D_HASHSIZE; i++)
		INIT_LIST_HEAD(&dentry_hashtable[i]);
}

static struct list_head *d_hash(struct dentry *parent, unsigned int hash)
{
	hash += (unsigned long)parent / 16;
	hash ^= hash >> D_HASHBITS;
	return &dentry_hashtable[hash & (D_HASHSIZE - 1)];
}

unsigned long dentry_count(void)
{
	return nr_dentry;
}

static int d_set_name(struct dentry *d, const struct qstr *name)
{
	unsigned char *dname = d->d_iname;

	if (name->len >= DNAME_INLINE_LEN) {
		dname = kmalloc(name->len + 1, GFP_KERNEL);
		if (!dname)
			return -ENOMEM;
	}
	memcpy(dname, name->name, name->len);
	dname[name->len] = '\0';
	d->d_name.name = dname;
	d->d_name.len = name->len;
	d->d_name.hash = name->hash;
	return 0;
}

static void d_free_name(struct dentry *d)
{
	if (d->d_name.name != d->d_iname)
		kfree(d->d_name.name);
}

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	if (d_set_name(d, name)) {
		kfree(d);
		return NULL;
	}
	d->d_count = 1;
	d->d_flags = DCACHE_UNHASHED;
	INIT_LIST_HEAD(&d->d_hash);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_alias);
	INIT_LIST_HEAD(&d->d_child);
	if (parent) {
		d->d_parent = dget(parent);
		d->d_sb = parent->d_sb;
		list_add(&d->d_child, &parent->d_subdirs);
	} else {
		d->d_parent = d;
	}
	nr_dentry++;
	return d;
}

struct dentry *d_alloc_root(struct inode *root)
{
	static const struct qstr name = { (const unsigned char *)"/", 1, 0 };
	struct dentry *d = NULL;

	if (root) {
		d = d_alloc(NULL, &name);
		if (d) {
			d->d_sb = root->i_sb;
			d_instantiate(d, root);
		}
	}
	return d;
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	if (inode)
		list_add(&d->d_alias, &inode->i_dentry);
	d->d_inode = inode;
}

void d_rehash(struct dentry *d)
{
	list_add(&d->d_hash, d_hash(d->d_parent, d->d_name.hash));
	d->d_flags &= ~DCACHE_UNHASHED;
}

void d_add(struct dentry *d, struct inode *inode)
{
	d_instantiate(d, inode);
	d_rehash(d);
}

/* make it unfindable; it lives on until its last reference goes */
void d_drop(struct dentry *d)
{
	if (!d_unhashed(d)) {
		list_del_init(&d->d_hash);
		d->d_flags |= DCACHE_UNHASHED;
	}
}

static void dentry_iput(struct dentry *d)
{
	struct inode *inode = d->d_inode;

	if (inode) {
		d->d_inode = NULL;
		list_del_init(&d->d_alias);
		iput(inode);
	}
}

/*
 * After unlink or rmdir: if the caller holds the only reference the dentry
 * simply turns negative; otherwise someone still uses the inode (an open
 * file, a cwd), so only unhash it and let the last dput release the inode.
 */
void d_delete(struct dentry *d)
{
	if (d->d_count == 1) {
		dentry_iput(d);
		return;
	}
	d_drop(d);
}

/* free d, return its parent (whose reference the caller must now drop) */
static struct dentry *d_kill(struct dentry *d)
{
	struct dentry *parent = d->d_parent;

	d_drop(d);
	list_del(&d->d_child);
	dentry_iput(d);
	if (d->d_op && d->d_op->d_release)
		d->d_op->d_release(d);
	d_free_name(d);
	kfree(d);
	nr_dentry--;
	return parent == d ? NULL : parent;
}

void dput(struct dentry *d)
{
	while (d) {
		if (d->d_count <= 0) {
			printk(KERN_ERR "dput: %s: count %d\n", d->d_name.name, d->d_count);
			dump_stack();
			return;
		}
		if (--d->d_count)
			return;
		if (!d_unhashed(d) && d->d_inode && !(d->d_op && d->d_op->d_delete &&
						     d->d_op->d_delete(d)))
			return;		/* cached: the next lookup finds it */
		d = d_kill(d);
	}
}

int simple_delete_dentry(struct dentry *d)
{
	(void)d;
	return 1;
}

struct dentry *d_lookup(struct dentry *parent, struct qstr *name)
{
	struct list_head *head = d_hash(parent, name->hash), *p;

	list_for_each(p, head) {
		struct dentry *d = list_entry(p, struct dentry, d_hash);

		if (d->d_parent != parent || d->d_name.hash != name->hash ||
		    d->d_name.len != name->len)
			continue;
		if (memcmp(d->d_name.name, name->name, name->len))
			continue;
		return dget(d);
	}
	return NULL;
}

/*
 * rename: d takes target's name and place; target, now nameless, is
 * unhashed and goes when its holders drop it.
 */
void d_move(struct dentry *d, struct dentry *target)
{
	struct dentry *old_parent = d->d_parent;
	struct qstr old = d->d_name;

	d_drop(d);
	d_drop(target);
	/* swap names so neither allocation can fail here */
	if (old.name == d->d_iname && target->d_name.name != target->d_iname) {
		memcpy(target->d_iname, old.name, old.len + 1);
		d->d_name = target->d_name;
		target->d_name = old;
		target->d_name.name = target->d_iname;
	} else if (old.name != d->d_iname && target->d_name.name == target->d_iname) {
		memcpy(d->d_iname, target->d_name.name, target->d_name.len + 1);
		d->d_name = target->d_name;
		d->d_name.name = d->d_iname;
		target->d_name = old;
	} else if (old.name == d->d_iname) {
		unsigned char tmp[DNAME_INLINE_LEN];

		memcpy(tmp, d->d_iname, sizeof(tmp));
		memcpy(d->d_iname, target->d_iname, sizeof(tmp));
		memcpy(target->d_iname, tmp, sizeof(tmp));
		d->d_name.len = target->d_name.len;
		d->d_name.hash = target->d_name.hash;
		target->d_name.len = old.len;
		target->d_name.hash = old.hash;
	} else {
		d->d_name = target->d_name;
		target->d_name = old;
	}
	/*
	 * Swap the parents too: each still holds the one reference it took
	 * on a parent, so the counts balance without touching them.
	 */
	if (old_parent != target->d_parent) {
		struct dentry *new_parent = target->d_parent;

		list_del(&d->d_child);
		list_del(&target->d_child);
		d->d_parent = new_parent;
		target->d_parent = old_parent;
		list_add(&d->d_child, &new_parent->d_subdirs);
		list_add(&target->d_child, &old_parent->d_subdirs);
	}
	d_rehash(d);
}

/*
 * The path from the process root to d, written backwards from the end of
 * buf. Crosses mount points upwards; stops at the root of the process or
 * at the top mount.
 */
char *d_path(struct dentry *d, struct vfsmount *mnt, char *buf, int buflen)
{
	struct path *root = current->fs ? &current->fs->root : NULL;
	char *end = buf + buflen, *p = end;

	if (buflen < 2)
		return ERR_PTR(-ENAMETOOLONG);
	*--p = '\0';
	for (;;) {
		int len;

		if (root && d == root->dentry && mnt == root->mnt)
			break;
		if (d == mnt->mnt_root || IS_ROOT(d)) {
			if (mnt->mnt_parent == mnt)
				break;
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		len = d->d_name.len;
		if (p - buf < len + 1)
			return ERR_PTR(-ENAMETOOLONG);
		p -= len;
		memcpy(p, d->d_name.name, len);
		*--p = '/';
		d = d->d_parent;
	}
	if (*p == '\0') {
		if (p == buf)
			return ERR_PTR(-ENAMETOOLONG);
		*--p = '/';
	}
	return p;
}

long sys_getcwd(char __user *buf, unsigned long size)
{
	struct fs_struct *fs = current->fs;
	char *page, *cwd;
	long err;
	unsigned long len;

	page = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	err = -ENOENT;
	if (d_unhashed(fs->pwd.dentry) && !IS_ROOT(fs->pwd.dentry))
		goto out;		/* the directory was removed */
	cwd = d_path(fs->pwd.dentry, fs->pwd.mnt, page, PATH_MAX);
	err = PTR_ERR(cwd);
	if (IS_ERR(cwd))
		goto out;
	len = page + PATH_MAX - cwd;
	err = -ERANGE;
	if (len > size)
		goto out;
	err = copy_to_user(buf, cwd, len) ? -EFAULT : (long)len;
out:
	kfree(page);
	return err;
}

/*
 * mm/shmem.c - shared memory (Linux: mm/shmem.c, without swap). Two halves:
 * tmpfs, ramfs's page-cache files with the size=, nr_inodes= and mode=
 * limits, mounted at /dev/shm for POSIX shm_open and sem_open; and the
 * shmem_object, an array of pages allocated zeroed on first touch, behind
 * MAP_SHARED|MAP_ANONYMOUS regions. Every mapping of an object holds a
 * reference, so it stays shared across fork and lives until its last
 * mapping goes. System V shared memory (ipc/shm.c) keeps its segments on
 * that object rather than on tmpfs files: a segment needs no name, inode
 * or page index, and the object is the smaller thing (Linux 2.6 puts them
 * on an internal shmem file).
 */
#include <kernel/shmem.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/list.h>
#include <kernel/mm_types.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <uapi/resource.h>
#include <uapi/statfs.h>
#include <kernel/fs.h>
#include <kernel/mount.h>
#include <kernel/printk.h>
#include <kernel/namei.h>

struct shmem_object *shmem_object_alloc(unsigned long size)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return NULL;
	obj->npages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	obj->pages = kzalloc(obj->npages * sizeof(struct page *), GFP_KERNEL);
	if (!obj->pages) {
		kfree(obj);
		return NULL;
	}
	obj->count = 1;
	return obj;
}

void shmem_object_get(struct shmem_object *obj)
{
	obj->count++;
}

void shmem_object_put(struct shmem_object *obj)
{
	if (--obj->count)
		return;
	for (unsigned long i = 0; i < obj->npages; i++)
		if (obj->pages[i])
			put_page(obj->pages[i]);
	kfree(obj->pages);
	kfree(obj);
}

/* the page at index, allocated on first use; returned with a new reference */
struct page *shmem_object_page(struct shmem_object *obj, unsigned long index)
{
	struct page *page;

	if (index >= obj->npages)
		return NULL;
	page = obj->pages[index];
	if (!page) {
		page = alloc_page(__GFP_ZERO);
		if (!page)
			return NULL;
		obj->pages[index] = page;
		obj->nr_present++;
	}
	get_page(page);
	return page;
}

/*
 * The pages each user has locked with SHM_LOCK: Linux 2.6 keeps the count
 * in user_struct.locked_shm (today in the user's ucounts); there is no
 * user_struct here, so a user with a count has an entry, freed at 0. The
 * user is the real uid, as current->user (and today's cred->ucounts) is.
 */
struct user_shm {
	struct list_head list;
	uid_t uid;
	unsigned long locked_shm;	/* pages */
};
static LIST_HEAD(shm_lock_users);

static struct user_shm *find_user_shm(uid_t uid)
{
	struct user_shm *u;

	list_for_each_entry(u, &shm_lock_users, list)
		if (u->uid == uid)
			return u;
	return NULL;
}

unsigned long user_shm_locked(uid_t uid)
{
	struct user_shm *u = find_user_shm(uid);

	return u ? u->locked_shm : 0;
}

/*
 * 1 when size more bytes may be locked by user: its total stays within
 * RLIMIT_MEMLOCK, or the caller has CAP_IPC_LOCK. Today's Linux charges a
 * privileged caller's total too (2.6.18 did as well); only the check is
 * skipped. 0 when refused or out of memory for the entry.
 */
int user_shm_lock(unsigned long size, uid_t uid)
{
	unsigned long locked = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	unsigned long lock_limit = current->rlim[RLIMIT_MEMLOCK].rlim_cur;
	struct user_shm *u = find_user_shm(uid);
	unsigned long total = (u ? u->locked_shm : 0) + locked;

	/* RLIM_INFINITY stays infinite (2.6.18 shifted it like a number) */
	if (lock_limit != RLIM_INFINITY)
		lock_limit >>= PAGE_SHIFT;
	if ((total < locked || total > lock_limit) && !capable(CAP_IPC_LOCK))
		return 0;
	if (!u) {
		u = kzalloc(sizeof(*u), GFP_KERNEL);
		if (!u)
			return 0;
		u->uid = uid;
		list_add(&u->list, &shm_lock_users);
	}
	u->locked_shm = total;
	return 1;
}

void user_shm_unlock(unsigned long size, uid_t uid)
{
	struct user_shm *u = find_user_shm(uid);
	unsigned long locked = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;

	if (!u)
		return;
	u->locked_shm -= locked < u->locked_shm ? locked : u->locked_shm;
	if (!u->locked_shm) {
		list_del(&u->list);
		kfree(u);
	}
}

/* Linux's shmem_lock: pages never leave memory here, so it is the accounting */
int shmem_lock(struct shmem_object *obj, int lock, uid_t user)
{
	if (lock && !obj->locked) {
		if (!user_shm_lock(obj->npages << PAGE_SHIFT, user))
			return -ENOMEM;
		obj->locked = 1;
	}
	if (!lock && obj->locked) {
		user_shm_unlock(obj->npages << PAGE_SHIFT, user);
		obj->locked = 0;
	}
	return 0;
}

static void shmem_vm_open(struct vm_area_struct *vma)
{
	shmem_object_get(vma->vm_private_data);
}

static void shmem_vm_close(struct vm_area_struct *vma)
{
	shmem_object_put(vma->vm_private_data);
}

static struct page *shmem_vm_nopage(struct vm_area_struct *vma, unsigned long address)
{
	unsigned long index = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);

	return shmem_object_page(vma->vm_private_data, index);
}

static const struct vm_operations_struct shmem_anon_vm_ops = {
	.open = shmem_vm_open,
	.close = shmem_vm_close,
	.nopage = shmem_vm_nopage,
};

long shmem_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags)
{
	struct shmem_object *obj;
	long ret;

	if (!len)
		return -EINVAL;
	obj = shmem_object_alloc(len);
	if (!obj)
		return -ENOMEM;
	ret = do_mmap_pgoff(mm, addr, len, prot, flags, 0, &shmem_anon_vm_ops, obj);
	shmem_object_put(obj);	/* the mapping's own reference keeps it now */
	return ret;
}

/* ---- tmpfs ---- */

struct shmem_sb_info *SHMEM_SB(struct super_block *sb)
{
	return sb->s_magic == TMPFS_MAGIC ? sb->s_fs_info : NULL;
}

/*
 * A tmpfs file's pages are charged as the page cache gains them; the count
 * it holds is kept in i_private (Linux: shmem_inode_info.alloced), since
 * truncation may free them from under i_blocks.
 */
int shmem_acct_block(struct inode *inode)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	if (!sbinfo)
		return 0;
	if (sbinfo->max_blocks) {
		if (!sbinfo->free_blocks)
			return -ENOSPC;
		sbinfo->free_blocks--;
	}
	inode->i_private = (void *)((unsigned long)inode->i_private + 1);
	return 0;
}

void shmem_unacct_blocks(struct inode *inode, unsigned long pages)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(inode->i_sb);

	if (!sbinfo)
		return;
	if (sbinfo->max_blocks)
		sbinfo->free_blocks += pages;
	inode->i_private = (void *)((unsigned long)inode->i_private - pages);
}

int shmem_reserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (!sbinfo || !sbinfo->max_inodes)
		return 0;
	if (!sbinfo->free_inodes)
		return -ENOSPC;
	sbinfo->free_inodes--;
	return 0;
}

void shmem_unreserve_inode(struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	if (sbinfo && sbinfo->max_inodes)
		sbinfo->free_inodes++;
}

/* after truncate_inode_pages: give back what the file no longer holds */
void shmem_truncate(struct inode *inode)
{
	unsigned long held = (unsigned long)inode->i_private;

	if (held > inode->i_mapping->nrpages)
		shmem_unacct_blocks(inode, held - inode->i_mapping->nrpages);
}

/* the inode's pages are gone (fs/inode.c truncated them): its charges too */
static void shmem_destroy_inode(struct inode *inode)
{
	if (S_ISREG(inode->i_mode))
		shmem_unacct_blocks(inode, (unsigned long)inode->i_private);
	shmem_unreserve_inode(inode->i_sb);
	kfree(inode);
}

static void shmem_statfs(struct super_block *sb, struct statfs64 *st)
{
	struct shmem_sb_info *sbinfo = sb->s_fs_info;

	/* unlimited sizes show as 0, as Linux's shmem_statfs leaves them */
	st->f_blocks = sbinfo->max_blocks;
	st->f_bfree = st->f_bavail = sbinfo->free_blocks;
	st->f_files = sbinfo->max_inodes;
	st->f_ffree = sbinfo->free_inodes;
}

static void shmem_put_super(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	sb->s_fs_info = NULL;
}

static const struct super_operations shmem_ops = {
	.destroy_inode = shmem_destroy_inode,
	.statfs = shmem_statfs,
	.put_super = shmem_put_super,
};

/* a number with an optional k/m/g suffix (Linux: memparse) */
static unsigned long long memparse(const char *s, char **end)
{
	unsigned long long v = simple_strtoul(s, end, 0);

	switch (**end) {
	case 'g': case 'G':
		v <<= 10;
		/* fall through */
	case 'm': case 'M':
		v <<= 10;
		/* fall through */
	case 'k': case 'K':
		v <<= 10;
		(*end)++;
	}
	return v;
}

/* size=, nr_inodes=, mode=, uid=, gid= (Linux: shmem_parse_options); -EINVAL on anything else */
static int shmem_parse_options(char *opts, struct shmem_sb_info *sbinfo, umode_t *mode,
			       uid_t *uid, gid_t *gid)
{
	while (opts && *opts) {
		char *next = strchr(opts, ','), *value, *end;
		unsigned long long v;

		if (next)
			*next++ = '\0';
		value = strchr(opts, '=');
		if (!value || !value[1])
			return -EINVAL;
		*value++ = '\0';
		if (!strcmp(opts, "size")) {
			v = memparse(value, &end);
			if (*end == '%') {
				v = (unsigned long long)totalram_pages * v / 100;
				end++;
			} else {
				v = (v + PAGE_SIZE - 1) >> PAGE_SHIFT;
			}
			if (*end || v > ~0UL)
				return -EINVAL;
			sbinfo->max_blocks = v;
		} else if (!strcmp(opts, "nr_inodes")) {
			v = memparse(value, &end);
			if (*end || v > ~0UL)
				return -EINVAL;
			sbinfo->max_inodes = v;
		} else if (!strcmp(opts, "mode")) {
			v = simple_strtoul(value, &end, 8);
			if (*end)
				return -EINVAL;
			*mode = v & 07777;
		} else if (!strcmp(opts, "uid")) {
			*uid = simple_strtoul(value, &end, 0);
			if (*end)
				return -EINVAL;
		} else if (!strcmp(opts, "gid")) {
			*gid = simple_strtoul(value, &end, 0);
			if (*end)
				return -EINVAL;
		} else {
			return -EINVAL;
		}
		opts = next;
	}
	return 0;
}

static int shmem_fill_super(struct super_block *sb, void *data, int silent)
{
	struct shmem_sb_info *sbinfo = kzalloc(sizeof(*sbinfo), GFP_KERNEL);
	umode_t mode = S_ISVTX | S_IRWXUGO;	/* Linux's default root: 1777 */
	uid_t uid = current->fsuid;
	gid_t gid = current->fsgid;
	struct inode *inode;
	int err;

	(void)silent;
	if (!sbinfo)
		return -ENOMEM;
	/* Linux's defaults: half of RAM, and as many inodes as half its pages */
	sbinfo->max_blocks = totalram_pages / 2;
	sbinfo->max_inodes = totalram_pages / 2;
	err = shmem_parse_options(data, sbinfo, &mode, &uid, &gid);
	if (err) {
		kfree(sbinfo);
		return err;
	}
	sbinfo->free_blocks = sbinfo->max_blocks;
	sbinfo->free_inodes = sbinfo->max_inodes;
	sb->s_fs_info = sbinfo;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_op = &shmem_ops;
	inode = ramfs_get_inode(sb, S_IFDIR | mode, 0);
	if (!inode)
		return -ENOSPC;		/* put_super frees sbinfo */
	inode->i_uid = uid;
	inode->i_gid = gid;
	sb->s_root = d_alloc_root(inode);
	if (!sb->s_root) {
		iput(inode);
		return -ENOMEM;
	}
	return 0;
}

static int shmem_get_sb(struct file_system_type *type, int flags, const char *dev_name,
			void *data, struct vfsmount *mnt)
{
	(void)dev_name;
	return get_sb_nodev(type, flags, data, shmem_fill_super, mnt);
}

static struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.get_sb = shmem_get_sb,
	.kill_sb = kill_litter_super,
};

void shmem_init(void)
{
	char opts[] = "mode=1777";
	long err;

	register_filesystem(&tmpfs_fs_type);
	do_mkdirat(AT_FDCWD, "/dev/shm", 01777);
	err = do_mount("tmpfs", "/dev/shm", "tmpfs", 0, opts);
	if (err)
		printk(KERN_ERR "tmpfs: cannot mount /dev/shm: %ld\n", err);
}

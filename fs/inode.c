/*
 * fs/inode.c - inodes: allocation, the reference count and its last put,
 * attribute changes, special files (Linux: fs/inode.c, fs/attr.c). Inodes
 * live as long as a dentry or an open file holds them; a memory file
 * system like ramfs keeps no inode cache beyond that, so the last iput
 * frees the inode and its pages.
 */
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/signal.h>
#include <uapi/resource.h>

static unsigned long nr_inodes;

unsigned long inode_count(void)
{
	return nr_inodes;
}

void inode_init(void)
{
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode;

	if (sb->s_op && sb->s_op->alloc_inode)
		inode = sb->s_op->alloc_inode(sb);
	else
		inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	if (!inode)
		return NULL;
	inode->i_sb = sb;
	atomic_set(&inode->i_count, 1);
	inode->i_nlink = 1;
	inode->i_ino = ++sb->s_next_ino;
	inode->i_mapping = &inode->i_data;
	inode->i_atime = inode->i_mtime = inode->i_ctime = CURRENT_TIME;
	INIT_LIST_HEAD(&inode->i_dentry);
	list_add(&inode->i_sb_list, &sb->s_inodes);
	nr_inodes++;
	return inode;
}

static void destroy_inode(struct inode *inode)
{
	list_del(&inode->i_sb_list);
	truncate_inode_pages(&inode->i_data, 0);
	kfree(inode->i_link);
	if (inode->i_sb->s_op && inode->i_sb->s_op->destroy_inode)
		inode->i_sb->s_op->destroy_inode(inode);
	else
		kfree(inode);
	nr_inodes--;
}

/*
 * Drop a reference. Nothing caches unused inodes here (every file system
 * is in memory), so the last reference frees it: its data too when it has
 * no links left, and when it still has links the dentry tree holds it.
 */
void iput(struct inode *inode)
{
	if (!inode)
		return;
	if (atomic_read(&inode->i_count) <= 0) {
		printk(KERN_ERR "iput: inode %lu: count %d\n", inode->i_ino, atomic_read(&inode->i_count));
		dump_stack();
		return;
	}
	if (!atomic_dec_and_test(&inode->i_count))
		return;
	inode->i_state |= I_FREEING;
	if (!inode->i_nlink && inode->i_sb->s_op && inode->i_sb->s_op->delete_inode)
		inode->i_sb->s_op->delete_inode(inode);
	destroy_inode(inode);
}

/* a FIFO's first open goes to fs/fifo.c, which installs the pipe code */
const struct file_operations def_fifo_fops = {
	.open = fifo_open,
};

static int bad_open(struct inode *inode, struct file *filp)
{
	(void)inode;
	(void)filp;
	return -ENXIO;
}

const struct file_operations bad_sock_fops = {
	.open = bad_open,
};

/* block devices: none exist, so opening one finds no driver */
static const struct file_operations def_blk_fops = {
	.open = bad_open,
};

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &def_fifo_fops;
	} else if (S_ISSOCK(mode)) {
		inode->i_fop = &bad_sock_fops;
	} else {
		printk(KERN_WARNING "init_special_inode: bogus i_mode %o\n", mode);
	}
}

/* may the caller make these changes? (Linux: fs/attr.c) */
int inode_change_ok(struct inode *inode, struct iattr *attr)
{
	unsigned int valid = attr->ia_valid;
	int owner = current->fsuid == inode->i_uid;

	if (valid & ATTR_FORCE)
		return 0;
	if ((valid & ATTR_UID) && (!owner || attr->ia_uid != inode->i_uid) &&
	    !capable(CAP_CHOWN))
		return -EPERM;
	if ((valid & ATTR_GID) && (!owner || (!in_group_p(attr->ia_gid) &&
					      attr->ia_gid != inode->i_gid)) &&
	    !capable(CAP_CHOWN))
		return -EPERM;
	if (valid & ATTR_MODE) {
		gid_t gid = (valid & ATTR_GID) ? attr->ia_gid : inode->i_gid;

		if (!owner && !capable(CAP_FOWNER))
			return -EPERM;
		/* only a group member keeps the set-group-ID bit */
		if (!in_group_p(gid) && !capable(CAP_FOWNER))
			attr->ia_mode &= ~S_ISGID;
	}
	if ((valid & (ATTR_MTIME_SET | ATTR_ATIME_SET)) && !owner && !capable(CAP_FOWNER))
		return -EPERM;
	return 0;
}

/* growing past RLIMIT_FSIZE is EFBIG with SIGXFSZ, as a write past it (Linux: mm/memory.c) */
static int vmtruncate(struct inode *inode, loff_t offset)
{
	unsigned long limit = current->rlim[RLIMIT_FSIZE].rlim_cur;

	if (offset > inode->i_size && limit != RLIM_INFINITY && offset > (loff_t)limit) {
		send_sig(SIGXFSZ, current, 0);
		return -EFBIG;
	}
	if (offset > inode->i_sb->s_maxbytes)
		return -EFBIG;
	if (offset < inode->i_size) {
		truncate_inode_pages(inode->i_mapping, offset);
		inode->i_blocks = inode->i_mapping->nrpages * (PAGE_SIZE / 512);
	}
	inode->i_size = offset;
	if (inode->i_op && inode->i_op->truncate)
		inode->i_op->truncate(inode);
	return 0;
}

int inode_setattr(struct inode *inode, struct iattr *attr)
{
	unsigned int valid = attr->ia_valid;

	if ((valid & ATTR_SIZE) && attr->ia_size != inode->i_size) {
		int err = vmtruncate(inode, attr->ia_size);

		if (err)
			return err;
	}
	if (valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (valid & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	if (valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	return 0;
}

/* apply a change that the caller has permission-checked where it must */
int notify_change(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->d_inode;
	struct timespec now = CURRENT_TIME;
	int err;

	if ((attr->ia_valid & (ATTR_UID | ATTR_GID)) && !(attr->ia_valid & ATTR_FORCE)) {
		/* a new owner never inherits set-ID powers */
		if (!S_ISDIR(inode->i_mode)) {
			umode_t mode = (attr->ia_valid & ATTR_MODE) ? attr->ia_mode : inode->i_mode;

			mode &= ~S_ISUID;
			if (mode & S_IXGRP)
				mode &= ~S_ISGID;
			if (mode != inode->i_mode) {
				attr->ia_mode = mode;
				attr->ia_valid |= ATTR_MODE;
			}
		}
	}
	attr->ia_ctime = now;
	attr->ia_valid |= ATTR_CTIME;
	if (!(attr->ia_valid & ATTR_ATIME_SET))
		attr->ia_atime = now;
	if (!(attr->ia_valid & ATTR_MTIME_SET))
		attr->ia_mtime = now;
	err = inode_change_ok(inode, attr);
	if (err)
		return err;
	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(d, attr);
	return inode_setattr(inode, attr);
}

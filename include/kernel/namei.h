/*
 * include/kernel/namei.h - path name lookup (fs/namei.c; Linux:
 * include/linux/namei.h). path_lookup walks a path to a dentry and mount;
 * with LOOKUP_PARENT it stops at the last component's directory and leaves
 * that name in nd->last for create, unlink and rename.
 */
#ifndef _KERNEL_NAMEI_H
#define _KERNEL_NAMEI_H

#include <kernel/fs.h>

#define MAX_NESTED_LINKS 8	/* symlinks inside symlinks */
#define MAX_LINK_COUNT	40	/* symlinks followed in one walk: ELOOP beyond */

/* nd->last_type */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* lookup flags */
#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the result must be a directory */
#define LOOKUP_PARENT		0x0010
#define LOOKUP_OPEN		0x0100
#define LOOKUP_CREATE		0x0200
#define LOOKUP_EMPTY		0x4000	/* "" names the starting directory (AT_EMPTY_PATH) */

struct nameidata {
	struct path path;
#define nd_dentry	path.dentry
#define nd_mnt		path.mnt
	struct qstr last;
	unsigned int flags;
	int last_type;
	int last_slash;			/* the last component had a '/' after it */
	unsigned int depth;		/* symlink nesting */
	unsigned int total_link_count;
	char last_name[NAME_MAX + 1];	/* nd->last.name points here */
};

/* dfd AT_FDCWD or a directory fd; name a kernel string */
int path_lookupat(int dfd, const char *name, unsigned int flags, struct nameidata *nd);
int path_lookup(const char *name, unsigned int flags, struct nameidata *nd);
void path_release(struct nameidata *nd);
struct dentry *lookup_one_len(const char *name, struct dentry *base, int len);
struct dentry *lookup_create(struct nameidata *nd, int is_dir);
struct dentry *lookup_hash(struct nameidata *nd);
int open_namei(int dfd, const char *pathname, int flag, int mode, struct nameidata *nd);
/* user-pointer forms: copy the name in first */
int user_path_walk_at(int dfd, const char __user *name, unsigned int flags,
		      struct nameidata *nd);

#endif

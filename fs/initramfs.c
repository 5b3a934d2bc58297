/*
 * fs/initramfs.c - unpack the initramfs, a cpio archive in the "newc"
 * format, into the root ramfs at boot (Linux: init/initramfs.c). Each
 * entry is a 110-byte header of hex fields, the NUL-terminated name and
 * the data, both padded to 4 bytes; "TRAILER!!!" ends an archive and
 * several may follow one another. Modes, owners and modification times are
 * kept; directories get theirs last, since filling them changes them.
 * A malformed archive stops the unpacking with the offset of the fault,
 * and what was unpacked before it stays.
 */
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/boot.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/printk.h>

#define CPIO_HDR_LEN	110

enum { H_INO, H_MODE, H_UID, H_GID, H_NLINK, H_MTIME, H_FILESIZE, H_MAJ, H_MIN,
       H_RMAJ, H_RMIN, H_NAMESIZE, H_CHKSUM, H_NR };

struct hardlink {
	struct hardlink *next;
	unsigned long ino, major, minor;
	char name[];
};

struct dir_time {
	struct dir_time *next;
	unsigned long h[H_NR];
	char name[];
};

struct unpack_state {
	struct hardlink *links;
	struct dir_time *dirs;
	unsigned long files, bytes;
};

static int parse_hex(const char *s, unsigned long *v)
{
	unsigned long x = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];

		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= c - '0';
		else if (c >= 'a' && c <= 'f')
			x |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			x |= c - 'A' + 10;
		else
			return -EINVAL;
	}
	*v = x;
	return 0;
}

/* owner, mode and times, forced: the archive is the authority */
static void set_attrs(const char *name, unsigned long *h, int follow)
{
	struct nameidata nd;
	struct iattr attr;

	if (path_lookup(name, follow ? LOOKUP_FOLLOW : 0, &nd))
		return;
	attr.ia_valid = ATTR_UID | ATTR_GID | ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET |
			ATTR_MTIME_SET | ATTR_FORCE;
	if (!S_ISLNK(h[H_MODE])) {
		attr.ia_valid |= ATTR_MODE;
		attr.ia_mode = h[H_MODE] & S_IALLUGO;
	}
	attr.ia_uid = h[H_UID];
	attr.ia_gid = h[H_GID];
	attr.ia_mtime.tv_sec = attr.ia_atime.tv_sec = h[H_MTIME];
	attr.ia_mtime.tv_nsec = attr.ia_atime.tv_nsec = 0;
	notify_change(nd.path.dentry, &attr);
	path_release(&nd);
}

static void free_state(struct unpack_state *st)
{
	while (st->links) {
		struct hardlink *l = st->links;

		st->links = l->next;
		kfree(l);
	}
}

/* 1 if name was made a link to an earlier entry of the same inode */
static int maybe_link(struct unpack_state *st, const char *name, unsigned long *h)
{
	struct hardlink *l;

	if (h[H_NLINK] < 2)
		return 0;
	for (l = st->links; l; l = l->next) {
		if (l->ino == h[H_INO] && l->major == h[H_MAJ] && l->minor == h[H_MIN]) {
			do_unlinkat(AT_FDCWD, name);
			return do_linkat(AT_FDCWD, l->name, AT_FDCWD, name, 0) ? -1 : 1;
		}
	}
	l = kmalloc(sizeof(*l) + strlen(name) + 1, GFP_KERNEL);
	if (l) {
		l->ino = h[H_INO];
		l->major = h[H_MAJ];
		l->minor = h[H_MIN];
		strcpy(l->name, name);
		l->next = st->links;
		st->links = l;
	}
	return 0;
}

static long write_file(struct unpack_state *st, const char *name, unsigned long *h,
		       const char *data)
{
	int linked = maybe_link(st, name, h);
	struct file *f;
	long n = 0;

	if (!linked)
		do_unlinkat(AT_FDCWD, name);	/* replace, as a later archive may */
	f = filp_open(name, O_WRONLY | O_CREAT | (linked == 1 ? 0 : O_TRUNC),
		      h[H_MODE] & S_IALLUGO);
	if (IS_ERR(f))
		return PTR_ERR(f);
	if (h[H_FILESIZE])
		n = kernel_write(f, 0, data, h[H_FILESIZE]);
	filp_close(f, NULL);
	if (n < 0 || (unsigned long)n != h[H_FILESIZE])
		return n < 0 ? n : -ENOSPC;
	st->bytes += n;
	return 0;
}

static long do_entry(struct unpack_state *st, const char *name, unsigned long *h,
		     const char *data)
{
	unsigned long mode = h[H_MODE];
	char *target;
	long err;

	switch (mode & S_IFMT) {
	case S_IFREG:
		err = write_file(st, name, h, data);
		break;
	case S_IFDIR: {
		struct dir_time *dt;

		err = do_mkdirat(AT_FDCWD, name, mode & S_IALLUGO);
		if (err == -EEXIST)
			err = 0;
		dt = kmalloc(sizeof(*dt) + strlen(name) + 1, GFP_KERNEL);
		if (dt) {
			memcpy(dt->h, h, sizeof(dt->h));
			strcpy(dt->name, name);
			dt->next = st->dirs;
			st->dirs = dt;
		}
		break;
	}
	case S_IFLNK:
		target = kmalloc(h[H_FILESIZE] + 1, GFP_KERNEL);
		if (!target)
			return -ENOMEM;
		memcpy(target, data, h[H_FILESIZE]);
		target[h[H_FILESIZE]] = '\0';
		do_unlinkat(AT_FDCWD, name);
		err = do_symlinkat(target, AT_FDCWD, name);
		kfree(target);
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		do_unlinkat(AT_FDCWD, name);
		err = do_mknodat(AT_FDCWD, name, mode,
				 new_encode_dev(MKDEV(h[H_RMAJ], h[H_RMIN])));
		break;
	default:
		return -EINVAL;
	}
	if (err)
		return err;
	if (!S_ISDIR(mode))
		set_attrs(name, h, 0);
	st->files++;
	return 0;
}

/* directories last: adding their entries changed their times */
static void dir_utimes(struct unpack_state *st)
{
	while (st->dirs) {
		struct dir_time *dt = st->dirs;

		st->dirs = dt->next;
		set_attrs(dt->name, dt->h, 0);
		kfree(dt);
	}
}

/*
 * The boot module is uncompressed, so it is as big as the files it holds:
 * keeping all of it until the end (as Linux keeps its compressed initrd)
 * would need memory for both at once. The pages the unpacking has moved
 * past are given back as it goes, so page cache can reuse them.
 */
struct initrd_release {
	unsigned long next_pfn;		/* the first page not yet given back */
};

static void release_consumed(struct initrd_release *rel, const char *upto)
{
	unsigned long end_pfn = __pa(upto) >> PAGE_SHIFT;	/* the page holding upto stays */

	if (!rel || end_pfn <= rel->next_pfn)
		return;
	free_bootmem_range(rel->next_pfn, end_pfn);
	rel->next_pfn = end_pfn;
}

static int unpack_archive(const char *buf, unsigned long len, unsigned long *bad_offset,
			  struct initrd_release *rel)
{
	struct unpack_state st = { NULL, NULL, 0, 0 };
	unsigned long off = 0, h[H_NR];
	const char *why = NULL;
	char *path = kmalloc(PATH_MAX + 1, GFP_KERNEL);
	int err = 0;

	if (!path)
		return -ENOMEM;

	while (off < len) {
		const char *name, *data;
		unsigned long end;

		if (!buf[off]) {	/* padding between archives */
			off++;
			continue;
		}
		why = "truncated header";
		if (len - off < CPIO_HDR_LEN)
			break;
		why = "bad magic";
		if (memcmp(buf + off, "070701", 6) && memcmp(buf + off, "070702", 6))
			break;
		why = "bad header field";
		for (int i = 0; i < H_NR; i++)
			if (parse_hex(buf + off + 6 + 8 * i, &h[i]))
				goto bad;
		name = buf + off + CPIO_HDR_LEN;
		why = "bad name";
		if (!h[H_NAMESIZE] || h[H_NAMESIZE] > PATH_MAX ||
		    h[H_NAMESIZE] > len - off - CPIO_HDR_LEN || name[h[H_NAMESIZE] - 1])
			break;
		data = buf + ALIGN(off + CPIO_HDR_LEN + h[H_NAMESIZE], 4);
		end = (data - buf) + h[H_FILESIZE];
		why = "data past the end";
		if ((unsigned long)(data - buf) > len || h[H_FILESIZE] > len - (data - buf))
			break;
		why = NULL;
		if (!strcmp(name, "TRAILER!!!")) {
			free_state(&st);
		} else {
			while (name[0] == '.' && name[1] == '/')
				name += 2;
			while (name[0] == '/')
				name++;
			if (*name && strcmp(name, ".")) {
				long e;

				path[0] = '/';
				strlcpy(path + 1, name, PATH_MAX);
				e = do_entry(&st, path, h, data);
				if (e)
					printk(KERN_WARNING "initramfs: %s: error %ld\n", path, e);
			}
		}
		off = ALIGN(end, 4);
		if (off < len)
			release_consumed(rel, buf + off);
	}
bad:
	if (why) {
		*bad_offset = off;
		printk(KERN_ERR "initramfs: %s at offset %lu; keeping what was unpacked\n",
		       why, off);
		err = -EINVAL;
	}
	free_state(&st);
	dir_utimes(&st);
	kfree(path);
	printk(KERN_INFO "initramfs: unpacked %lu entries, %lu bytes of file data\n",
	       st.files, st.bytes);
	return err;
}

int unpack_to_rootfs(const char *buf, unsigned long len, unsigned long *bad_offset)
{
	return unpack_archive(buf, len, bad_offset, NULL);
}

int populate_rootfs(void)
{
	unsigned long bad;
	int err = 0;

	if (!nr_boot_modules) {
		printk(KERN_INFO "initramfs: none (no boot module)\n");
		return 0;
	}
	for (int i = 0; i < nr_boot_modules; i++) {
		struct boot_module *m = &boot_modules[i];
		struct initrd_release rel = { PAGE_ALIGN(m->start) >> PAGE_SHIFT };
		unsigned long last_pfn = (m->end & PAGE_MASK) >> PAGE_SHIFT;
		int e;

		if (rel.next_pfn >= last_pfn)	/* no whole page to give back */
			rel.next_pfn = last_pfn = 0;
		e = unpack_archive(__va(m->start), m->end - m->start, &bad,
				   last_pfn ? &rel : NULL);
		if (e)
			err = e;
		/* the rest of the archive's pages are free memory now, as Linux frees initrd memory */
		if (last_pfn) {
			if (rel.next_pfn < last_pfn)
				free_bootmem_range(rel.next_pfn, last_pfn);
			printk(KERN_INFO "Freeing initrd memory: %luk freed\n",
			       ((m->end & PAGE_MASK) - PAGE_ALIGN(m->start)) >> 10);
		}
	}
	return err;
}

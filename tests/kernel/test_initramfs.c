/*
 * tests/kernel/test_initramfs.c - the cpio "newc" unpacker on archives
 * built here: modes, owners, times, symlinks, FIFOs and hard links come
 * through; a corrupt archive is reported at the right offset and what came
 * before the fault stays.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include "vfs_test.h"

struct cpio_buf {
	char *p;
	unsigned long len;
};

static void cpio_add(struct cpio_buf *b, const char *name, unsigned int mode, unsigned int uid,
		     unsigned int gid, unsigned int nlink, unsigned int ino, unsigned long mtime,
		     const char *data, unsigned int size)
{
	unsigned int namesize = strlen(name) + 1;

	b->len += snprintf(b->p + b->len, 111, "070701%08x%08x%08x%08x%08x%08lx%08x%08x%08x"
			   "%08x%08x%08x%08x", ino, mode, uid, gid, nlink, mtime, size, 0, 0,
			   0, 0, namesize, 0);
	memcpy(b->p + b->len, name, namesize);
	b->len = ALIGN(b->len + namesize, 4);
	memcpy(b->p + b->len, data, size);
	b->len = ALIGN(b->len + size, 4);
}

KTEST(initramfs, unpacks_modes_owners_times)
{
	struct cpio_buf b = { kzalloc(4096, GFP_KERNEL), 0 };
	unsigned long bad = 0;
	struct stat64 st, st2;
	char buf[16];

	ASSERT_NOT_NULL(b.p);
	cpio_add(&b, "tmp/ird", S_IFDIR | 0750, 3, 4, 2, 1, 1000000, "", 0);
	cpio_add(&b, "tmp/ird/f", S_IFREG | 0640, 5, 6, 1, 2, 2000000, "hello", 5);
	cpio_add(&b, "./tmp/ird/link", S_IFLNK | 0777, 0, 0, 1, 3, 3000000, "f", 1);
	cpio_add(&b, "tmp/ird/fifo", S_IFIFO | 0600, 0, 0, 1, 4, 4000000, "", 0);
	cpio_add(&b, "tmp/ird/h1", S_IFREG | 0644, 0, 0, 2, 9, 5000000, "", 0);
	cpio_add(&b, "tmp/ird/h2", S_IFREG | 0644, 0, 0, 2, 9, 5000000, "shared", 6);
	cpio_add(&b, "TRAILER!!!", 0, 0, 0, 1, 0, 0, "", 0);
	EXPECT_EQ(unpack_to_rootfs(b.p, b.len, &bad), 0);

	ASSERT_EQ(sys_stat64("/tmp/ird", &st), 0);
	EXPECT_EQ(st.st_mode, S_IFDIR | 0750);
	EXPECT_EQ(st.st_uid, 3);
	EXPECT_EQ(st.st_gid, 4);
	EXPECT_EQ(st.st_mtime, 1000000);	/* set after its entries went in */
	ASSERT_EQ(sys_stat64("/tmp/ird/f", &st), 0);
	EXPECT_EQ(st.st_mode, S_IFREG | 0640);
	EXPECT_EQ(st.st_uid, 5);
	EXPECT_EQ(st.st_gid, 6);
	EXPECT_EQ(st.st_size, 5);
	EXPECT_EQ(st.st_mtime, 2000000);
	EXPECT_EQ(read_whole("/tmp/ird/link", buf, sizeof(buf)), 5);
	EXPECT_EQ(memcmp(buf, "hello", 5), 0);
	ASSERT_EQ(sys_lstat64("/tmp/ird/link", &st), 0);
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	ASSERT_EQ(sys_stat64("/tmp/ird/fifo", &st), 0);
	EXPECT_EQ(st.st_mode, S_IFIFO | 0600);
	ASSERT_EQ(sys_stat64("/tmp/ird/h1", &st), 0);
	ASSERT_EQ(sys_stat64("/tmp/ird/h2", &st2), 0);
	EXPECT_EQ(st.st_ino, st2.st_ino);
	EXPECT_EQ(st.st_nlink, 2);
	EXPECT_EQ(read_whole("/tmp/ird/h1", buf, sizeof(buf)), 6);

	for (const char *const *n = (const char *const[]){ "f", "link", "fifo", "h1", "h2", NULL };
	     *n; n++) {
		char path[32];

		snprintf(path, sizeof(path), "/tmp/ird/%s", *n);
		EXPECT_EQ(sys_unlink(path), 0);
	}
	EXPECT_EQ(sys_rmdir("/tmp/ird"), 0);
	kfree(b.p);
}

KTEST(initramfs, corrupt_archive_reports_offset)
{
	struct cpio_buf b = { kzalloc(4096, GFP_KERNEL), 0 };
	unsigned long bad = 0, second;
	struct stat64 st;

	ASSERT_NOT_NULL(b.p);
	cpio_add(&b, "tmp/good", S_IFREG | 0644, 0, 0, 1, 1, 1000, "ok", 2);
	second = b.len;
	cpio_add(&b, "tmp/bad", S_IFREG | 0644, 0, 0, 1, 2, 1000, "no", 2);
	memcpy(b.p + second, "070799", 6);		/* bad magic */
	EXPECT_EQ(unpack_to_rootfs(b.p, b.len, &bad), -EINVAL);
	EXPECT_EQ(bad, second);
	EXPECT_EQ(sys_stat64("/tmp/good", &st), 0);	/* kept */
	EXPECT_EQ(sys_stat64("/tmp/bad", &st), -ENOENT);
	/* a header cut short, and a size running past the end */
	EXPECT_EQ(unpack_to_rootfs(b.p, second + 50, &bad), -EINVAL);
	EXPECT_EQ(bad, second);
	b.len = 0;
	cpio_add(&b, "tmp/long", S_IFREG | 0644, 0, 0, 1, 3, 1000, "abcdefgh", 8);
	EXPECT_EQ(unpack_to_rootfs(b.p, b.len - 8, &bad), -EINVAL);
	EXPECT_EQ(bad, 0);
	memcpy(b.p + 6 + 8, "0000zz00", 8);		/* not hex */
	EXPECT_EQ(unpack_to_rootfs(b.p, b.len, &bad), -EINVAL);
	EXPECT_EQ(sys_unlink("/tmp/good"), 0);
	kfree(b.p);
}

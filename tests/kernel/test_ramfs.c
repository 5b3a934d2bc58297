/*
 * tests/kernel/test_ramfs.c - ramfs files: data across pages, holes,
 * truncation both ways, appends, positioned and vector I/O, directories
 * of 500 entries through getdents64, 1,000 files made and removed with no
 * page left behind, and running out of memory in the middle of a write.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/printk.h>
#include <uapi/dirent.h>
#include "vfs_test.h"

static unsigned char pattern(unsigned long i)
{
	return (unsigned char)(i * 7 + (i >> 12));
}

KTEST(ramfs, file_larger_than_a_page)
{
	const unsigned long size = 3 * PAGE_SIZE + 100;
	char *buf = kmalloc(size + 64, GFP_KERNEL);
	struct stat64 st;
	long fd, n;
	int bad = 0;

	ASSERT_NOT_NULL(buf);
	for (unsigned long i = 0; i < size; i++)
		buf[i] = (char)pattern(i);
	fd = sys_open("/tmp/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_GE(fd, 0);
	/* written in odd-sized pieces so the copies straddle pages */
	for (unsigned long off = 0; off < size; off += n) {
		n = sys_write(fd, buf + off, min(1000UL, size - off));
		ASSERT_GE(n, 1);
	}
	ASSERT_EQ(sys_fstat64(fd, &st), 0);
	EXPECT_EQ(st.st_size, (long long)size);
	EXPECT_EQ(st.st_blocks, 4 * (PAGE_SIZE / 512));
	EXPECT_EQ(st.st_blksize, PAGE_SIZE);
	memset(buf, 0, size);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(sys_read(fd, buf, size + 64), (long)size);
	for (unsigned long i = 0; i < size; i++)
		bad |= (unsigned char)buf[i] != pattern(i);
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(sys_read(fd, buf, 10), 0);	/* at the end */
	/* pread across a page boundary, not moving the offset */
	EXPECT_EQ(sys_pread64(fd, buf, 10, PAGE_SIZE - 5, 0), 10);
	for (int i = 0; i < 10; i++)
		bad |= (unsigned char)buf[i] != pattern(PAGE_SIZE - 5 + i);
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_CUR), (long)size);
	EXPECT_EQ(sys_pread64(fd, buf, 10, 0, 0x80000000), -EINVAL);
	EXPECT_EQ(sys_pwrite64(fd, "XY", 2, 2 * PAGE_SIZE - 1, 0), 2);
	EXPECT_EQ(sys_pread64(fd, buf, 2, 2 * PAGE_SIZE - 1, 0), 2);
	EXPECT_EQ(buf[0], 'X');
	EXPECT_EQ(buf[1], 'Y');
	sys_close(fd);
	EXPECT_EQ(sys_unlink("/tmp/big"), 0);
	kfree(buf);
}

KTEST(ramfs, holes_and_truncate)
{
	char buf[64];
	struct stat64 st;
	long fd;
	int bad = 0;

	fd = sys_open("/tmp/holes", O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(sys_write(fd, "head", 4), 4);
	/* seek past the end and write: the gap reads as zeros, no pages for it */
	EXPECT_EQ(sys_lseek(fd, 5 * PAGE_SIZE, SEEK_SET), (long)(5 * PAGE_SIZE));
	EXPECT_EQ(sys_write(fd, "tail", 4), 4);
	ASSERT_EQ(sys_fstat64(fd, &st), 0);
	EXPECT_EQ(st.st_size, 5 * PAGE_SIZE + 4);
	EXPECT_EQ(st.st_blocks, 2 * (PAGE_SIZE / 512));
	EXPECT_EQ(sys_pread64(fd, buf, 64, 2 * PAGE_SIZE, 0), 64);
	for (int i = 0; i < 64; i++)
		bad |= buf[i];
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(sys_lseek(fd, -4, SEEK_END), (long)(5 * PAGE_SIZE));
	EXPECT_EQ(sys_read(fd, buf, 64), 4);
	EXPECT_EQ(memcmp(buf, "tail", 4), 0);
	/* past the largest file a 32-bit page index covers: EFBIG, as on Linux i386 */
	EXPECT_EQ(sys_pwrite64(fd, "x", 1, 0, 0x800), -EFBIG);
	EXPECT_EQ(sys_pwrite64(fd, "x", 1, 0xffffffff, 0x7ff), -EFBIG);
	EXPECT_EQ(sys_lseek(fd, -1, SEEK_SET), -EINVAL);
	EXPECT_EQ(sys_lseek(fd, 0, 7), -EINVAL);
	/* truncate down into the first page, then up: the cut bytes are zeros */
	EXPECT_EQ(sys_ftruncate64(fd, 2, 0), 0);
	ASSERT_EQ(sys_fstat64(fd, &st), 0);
	EXPECT_EQ(st.st_size, 2);
	EXPECT_EQ(st.st_blocks, PAGE_SIZE / 512);
	EXPECT_EQ(sys_truncate64("/tmp/holes", 10, 0), 0);
	EXPECT_EQ(sys_pread64(fd, buf, 64, 0, 0), 10);
	EXPECT_EQ(memcmp(buf, "he\0\0\0\0\0\0\0\0", 10), 0);
	EXPECT_EQ(sys_ftruncate64(fd, 0, 0x80000000), -EINVAL);
	EXPECT_EQ(sys_truncate64("/tmp", 0, 0), -EISDIR);
	EXPECT_EQ(sys_truncate64("/dev/null", 0, 0), -EINVAL);
	/* O_TRUNC empties, O_APPEND always writes at the end */
	sys_close(fd);
	fd = sys_open("/tmp/holes", O_WRONLY | O_TRUNC, 0);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(sys_fstat64(fd, &st), 0);
	EXPECT_EQ(st.st_size, 0);
	EXPECT_EQ(st.st_blocks, 0);
	EXPECT_EQ(sys_write(fd, "abc", 3), 3);
	EXPECT_EQ(sys_ftruncate64(fd, 1, 0), 0);
	sys_close(fd);
	fd = sys_open("/tmp/holes", O_RDONLY, 0);
	EXPECT_EQ(sys_ftruncate64(fd, 0, 0), -EINVAL);	/* not open for writing */
	sys_close(fd);
	fd = sys_open("/tmp/holes", O_WRONLY | O_APPEND, 0);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(sys_write(fd, "Z", 1), 1);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_CUR), 2);
	sys_close(fd);
	EXPECT_EQ(read_whole("/tmp/holes", buf, sizeof(buf)), 2);
	EXPECT_EQ(strcmp(buf, "aZ"), 0);
	EXPECT_EQ(sys_unlink("/tmp/holes"), 0);
}

/* far-apart pages cost only their own pages and index nodes */
KTEST(ramfs, sparse_file_at_large_offsets)
{
	unsigned long pages = nr_free_pages();
	struct stat64 st;
	char buf[8];
	long fd = sys_open("/tmp/sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_pwrite64(fd, "gib", 3, 0x40000000, 0), 3);	/* 1 GiB */
	EXPECT_EQ(sys_pwrite64(fd, "tib", 3, 0, 0x400), 3);		/* 4 TiB */
	EXPECT_EQ(sys_pwrite64(fd, "end", 3, 0xfffffff0, 0x7ff), 3);	/* the last page */
	ASSERT_EQ(sys_fstat64(fd, &st), 0);
	EXPECT_EQ(st.st_size, (8LL << 40) - 13);
	EXPECT_EQ(st.st_blocks, 3 * (PAGE_SIZE / 512));
	EXPECT_GT(nr_free_pages() + 10, pages - 3);		/* a few nodes, no big arrays */
	EXPECT_EQ(sys_pread64(fd, buf, 3, 0, 0x400), 3);
	EXPECT_EQ(memcmp(buf, "tib", 3), 0);
	EXPECT_EQ(sys_pread64(fd, buf, 4, 0x3ffffffe, 0), 4);
	EXPECT_EQ(memcmp(buf, "\0\0gi", 4), 0);
	EXPECT_EQ(sys_pread64(fd, buf, 8, 0x12345678, 0x10), 8);
	EXPECT_EQ(memcmp(buf, "\0\0\0\0\0\0\0\0", 8), 0);
	EXPECT_EQ(sys_ftruncate64(fd, 0x40000001, 0), 0);		/* keeps "g" */
	ASSERT_EQ(sys_fstat64(fd, &st), 0);
	EXPECT_EQ(st.st_blocks, PAGE_SIZE / 512);
	EXPECT_EQ(sys_pread64(fd, buf, 8, 0x40000000, 0), 1);
	sys_close(fd);
	EXPECT_EQ(sys_unlink("/tmp/sparse"), 0);
	EXPECT_EQ(nr_free_pages(), pages);
}

KTEST(ramfs, readv_writev_and_llseek)
{
	char a[4], b[8], out[16];
	struct iovec iov[3] = {
		{ (void *)"one", 3 }, { (void *)"", 0 }, { (void *)"-two", 4 },
	};
	loff_t res = 0;
	long fd = sys_open("/tmp/vec", O_RDWR | O_CREAT | O_TRUNC, 0644);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_writev(fd, iov, 3), 7);
	EXPECT_EQ(sys_writev(fd, iov, 0), 0);
	EXPECT_EQ(sys_writev(fd, iov, 1025), -EINVAL);
	iov[0].iov_base = a;
	iov[0].iov_len = 4;
	iov[1].iov_base = b;
	iov[1].iov_len = 8;
	EXPECT_EQ(sys_llseek(fd, 0, 1, &res, SEEK_SET), 0);
	EXPECT_EQ(res, 1);
	EXPECT_EQ(sys_readv(fd, iov, 2), 6);
	EXPECT_EQ(memcmp(a, "ne-t", 4), 0);
	EXPECT_EQ(memcmp(b, "wo", 2), 0);
	EXPECT_EQ(sys_llseek(fd, 1, 0, &res, SEEK_SET), 0);	/* 4 GiB: fine for llseek */
	EXPECT_EQ(res, 1LL << 32);
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_CUR), -EOVERFLOW);	/* but not for 32-bit lseek */
	EXPECT_EQ(sys_llseek(fd, 0, 0, &res, SEEK_SET), 0);
	EXPECT_EQ(sys_read(fd, out, sizeof(out)), 7);
	sys_close(fd);
	EXPECT_EQ(sys_unlink("/tmp/vec"), 0);
}

KTEST(ramfs, times_and_utimensat)
{
	struct timespec ts[2] = { { 1000, 5 }, { 2000, 6 } };
	struct stat64 st;
	unsigned long now = get_seconds();

	ASSERT_EQ(write_whole("/tmp/tm", "x"), 1);
	ASSERT_EQ(sys_stat64("/tmp/tm", &st), 0);
	/* the clock came from the CMOS: some time after 2020 */
	EXPECT_GT(st.st_mtime, 1577836800UL);
	EXPECT_LE(st.st_mtime, now);
	EXPECT_GE(st.st_mtime + 2, now);
	EXPECT_EQ(sys_utimensat(AT_FDCWD, "/tmp/tm", ts, 0), 0);
	ASSERT_EQ(sys_stat64("/tmp/tm", &st), 0);
	EXPECT_EQ(st.st_atime, 1000);
	EXPECT_EQ(st.st_atime_nsec, 5);
	EXPECT_EQ(st.st_mtime, 2000);
	EXPECT_EQ(st.st_mtime_nsec, 6);
	EXPECT_GE(st.st_ctime, now);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	EXPECT_EQ(sys_utimensat(AT_FDCWD, "/tmp/tm", ts, 0), 0);
	ASSERT_EQ(sys_stat64("/tmp/tm", &st), 0);
	EXPECT_EQ(st.st_atime, 1000);
	EXPECT_GE(st.st_mtime, now);
	ts[0].tv_nsec = 1000000000;
	EXPECT_EQ(sys_utimensat(AT_FDCWD, "/tmp/tm", ts, 0), -EINVAL);
	EXPECT_EQ(sys_utimensat(AT_FDCWD, "/tmp/tm", NULL, 0x4), -EINVAL);
	EXPECT_EQ(sys_utimensat(AT_FDCWD, "/tmp/none", NULL, 0), -ENOENT);
	EXPECT_EQ(sys_unlink("/tmp/tm"), 0);
}

KTEST(ramfs, statx_matches_stat64)
{
	struct statx sx;
	struct stat64 st;

	ASSERT_EQ(write_whole("/tmp/sx", "12345"), 5);
	ASSERT_EQ(sys_stat64("/tmp/sx", &st), 0);
	ASSERT_EQ(sys_statx(AT_FDCWD, "/tmp/sx", 0, STATX_BASIC_STATS, &sx), 0);
	EXPECT_EQ(sx.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	EXPECT_EQ(sx.stx_size, 5);
	EXPECT_EQ(sx.stx_ino, st.st_ino);
	EXPECT_EQ(sx.stx_mode, st.st_mode);
	EXPECT_EQ(sx.stx_mtime.tv_sec, (long long)st.st_mtime);
	EXPECT_EQ(sys_statx(AT_FDCWD, "/tmp/sx", 0, STATX__RESERVED, &sx), -EINVAL);
	EXPECT_EQ(sys_statx(AT_FDCWD, "/tmp/sx", 0x1, STATX_BASIC_STATS, &sx), -EINVAL);
	EXPECT_EQ(sys_unlink("/tmp/sx"), 0);
}

/* getdents64 through a small buffer over 500 entries: each exactly once */
KTEST(ramfs, getdents64_500_entries)
{
	const int n = 500;
	unsigned char *seen = kzalloc(n, GFP_KERNEL);
	char *buf = kmalloc(1024, GFP_KERNEL);
	char path[48];
	int dots = 0, total = 0, dups = 0, calls = 0;
	s64 resume = -1;
	long fd, got;

	ASSERT_NOT_NULL(seen);
	ASSERT_NOT_NULL(buf);
	ASSERT_EQ(sys_mkdir("/tmp/d500", 0755), 0);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/tmp/d500/entry-%03d", i);
		ASSERT_EQ(write_whole(path, ""), 0);
	}
	fd = sys_open("/tmp/d500", O_RDONLY | O_DIRECTORY, 0);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_getdents64(fd, (void *)buf, 10), -EINVAL);	/* too small for one */
	while ((got = sys_getdents64(fd, (void *)buf, 1024)) > 0) {
		calls++;
		for (long off = 0; off < got;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			EXPECT_EQ(d->d_reclen % 8, 0);
			off += d->d_reclen;
			total++;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..")) {
				dots++;
				EXPECT_EQ(d->d_type, DT_DIR);
				continue;
			}
			EXPECT_EQ(d->d_type, DT_REG);
			if (strncmp(d->d_name, "entry-", 6))
				continue;
			{
				int i = simple_strtoul(d->d_name + 6, NULL, 10);

				if (i >= 0 && i < n) {
					dups += seen[i];
					seen[i] = 1;
				}
				if (i == 250)
					resume = d->d_off;
			}
		}
	}
	EXPECT_EQ(got, 0);
	EXPECT_GT(calls, 10);
	EXPECT_EQ(dots, 2);
	EXPECT_EQ(total, n + 2);
	EXPECT_EQ(dups, 0);
	for (int i = 0; i < n; i++)
		if (!seen[i])
			dups++;
	EXPECT_EQ(dups, 0);
	/* seekdir to a d_off carries on just after that entry */
	ASSERT_GE(resume, 1);
	EXPECT_EQ(sys_lseek(fd, (long)resume, SEEK_SET), (long)resume);
	got = sys_getdents64(fd, (void *)buf, 1024);
	EXPECT_GT(got, 0);
	EXPECT_EQ(sys_rmdir("/tmp/d500"), -ENOTEMPTY);
	sys_close(fd);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/tmp/d500/entry-%03d", i);
		EXPECT_EQ(sys_unlink(path), 0);
	}
	EXPECT_EQ(sys_rmdir("/tmp/d500"), 0);
	kfree(buf);
	kfree(seen);
}

/* entries removed or added behind the cursor do not upset it */
KTEST(ramfs, readdir_while_changing)
{
	char buf[512], path[32];
	long fd, got;
	int count = 0;

	ASSERT_EQ(sys_mkdir("/tmp/chg", 0755), 0);
	for (int i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "/tmp/chg/%d", i);
		ASSERT_EQ(write_whole(path, ""), 0);
	}
	fd = sys_open("/tmp/chg", O_RDONLY, 0);
	ASSERT_GE(fd, 0);
	got = sys_getdents64(fd, (void *)buf, 100);	/* ".", "..", maybe one more */
	EXPECT_GT(got, 0);
	for (int i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "/tmp/chg/%d", i);
		EXPECT_EQ(sys_unlink(path), 0);
	}
	while ((got = sys_getdents64(fd, (void *)buf, sizeof(buf))) > 0)
		count++;
	EXPECT_EQ(got, 0);
	EXPECT_LE(count, 1);
	EXPECT_EQ(sys_rmdir("/tmp/chg"), 0);
	EXPECT_EQ(sys_getdents64(fd, (void *)buf, sizeof(buf)), -ENOENT);
	sys_close(fd);
}

KTEST(ramfs, create_remove_1000_files_no_leak)
{
	unsigned long pages = nr_free_pages(), dentries, inodes;
	char path[32];

	ASSERT_EQ(sys_mkdir("/tmp/k", 0755), 0);
	dentries = dentry_count();
	inodes = inode_count();
	for (int i = 0; i < 1000; i++) {
		snprintf(path, sizeof(path), "/tmp/k/f%d", i);
		ASSERT_EQ(write_whole(path, "some data"), 9);
	}
	EXPECT_EQ(dentry_count(), dentries + 1000);
	EXPECT_EQ(inode_count(), inodes + 1000);
	EXPECT_LT(nr_free_pages(), pages - 1000);
	for (int i = 0; i < 1000; i++) {
		snprintf(path, sizeof(path), "/tmp/k/f%d", i);
		ASSERT_EQ(sys_unlink(path), 0);
	}
	/* lookups of names that are gone leave no negative dentries behind */
	for (int i = 0; i < 100; i++) {
		struct stat64 st;

		snprintf(path, sizeof(path), "/tmp/k/f%d", i);
		EXPECT_EQ(sys_stat64(path, &st), -ENOENT);
	}
	EXPECT_EQ(dentry_count(), dentries);
	EXPECT_EQ(inode_count(), inodes);
	EXPECT_EQ(sys_rmdir("/tmp/k"), 0);
	EXPECT_EQ(nr_free_pages(), pages);
}

/* an unlinked file lives on while open, and goes with the last close */
KTEST(ramfs, unlinked_while_open)
{
	unsigned long inodes = inode_count();
	char buf[8];
	long fd;

	ASSERT_EQ(write_whole("/tmp/ghost", "boo"), 3);
	fd = sys_open("/tmp/ghost", O_RDWR, 0);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_unlink("/tmp/ghost"), 0);
	EXPECT_EQ(inode_count(), inodes + 1);
	EXPECT_EQ(sys_read(fd, buf, 8), 3);
	EXPECT_EQ(sys_write(fd, "!", 1), 1);
	EXPECT_EQ(sys_link("/tmp/ghost", "/tmp/ghost2"), -ENOENT);
	sys_close(fd);
	EXPECT_EQ(inode_count(), inodes);
}

/*
 * Fill memory with one file until a write fails: the call reports ENOMEM
 * (or a short count), the size covers exactly what landed, the data reads
 * back, and removing the file gives every page back.
 */
KTEST(ramfs, write_until_memory_runs_out)
{
	unsigned long pages = nr_free_pages();
	unsigned long long total = 0;
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL), *check;
	struct stat64 st;
	long fd, n = 0;

	ASSERT_NOT_NULL(buf);
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		buf[i] = (char)(i * 13);
	fd = sys_open("/tmp/hog", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_GE(fd, 0);
	for (;;) {
		n = sys_write(fd, buf, PAGE_SIZE);
		if (n != (long)PAGE_SIZE)
			break;
		total += n;
	}
	if (n > 0) {		/* a short write first, then the error */
		total += n;
		n = sys_write(fd, buf, PAGE_SIZE);
	}
	EXPECT_TRUE(n == -ENOMEM || n == -ENOSPC);
	EXPECT_GT(total, 100ULL << 20);
	ASSERT_EQ(sys_fstat64(fd, &st), 0);
	EXPECT_EQ((unsigned long long)st.st_size, total);
	/* memory is full: give some back through the fd (a path lookup would need memory) */
#ifdef CONFIG_DEBUG_SLAB	/* a 4096-byte object takes two pages in a row there */
	EXPECT_EQ(sys_ftruncate64(fd, (unsigned long)(total - 16 * PAGE_SIZE), 0), 0);
#else
	EXPECT_EQ(sys_ftruncate64(fd, (unsigned long)(total - 2 * PAGE_SIZE), 0), 0);
#endif
	sys_close(fd);
	EXPECT_GE(nr_free_pages(), 2);
	check = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ASSERT_NOT_NULL(check);
	fd = sys_open("/tmp/hog", O_RDONLY, 0);
	EXPECT_EQ(sys_pread64(fd, check, PAGE_SIZE, (unsigned long)(total - 17 * PAGE_SIZE), 0),
		  (long)PAGE_SIZE);
	EXPECT_EQ(memcmp(check, buf, PAGE_SIZE), 0);
	sys_close(fd);
	EXPECT_EQ(sys_unlink("/tmp/hog"), 0);
	kfree(check);
	kfree(buf);
	EXPECT_EQ(nr_free_pages(), pages);
}

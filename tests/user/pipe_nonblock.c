/*
 * pipe_nonblock.c - O_NONBLOCK pipes: capacity is 16 page slots (65536 bytes;
 * small writes merge into the last page), small writes are all-or-EAGAIN,
 * FIONREAD is exact, seeks give ESPIPE and wrong-direction I/O EBADF.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>

static char buf[70000];

static int unread(int fd)
{
	int n = -1;

	if (ioctl(fd, FIONREAD, &n) < 0)
		return -1;
	return n;
}

static void drain(int fd)
{
	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

int main(void)
{
	int p[2], i, n, fails;
	ssize_t r;
	struct stat st0, st1;
	struct termios tio;

	alarm(20);
	memset(buf, 'a', sizeof(buf));
	CHECK_OK("pipe2(O_NONBLOCK) succeeds", pipe2(p, O_NONBLOCK));

	/* Empty pipe. */
	CHECK_ERR("read on an empty non-blocking pipe with a writer gives EAGAIN",
		  read(p[0], buf, 10), EAGAIN);
	CHECK_EQ("FIONREAD of an empty pipe is 0", unread(p[0]), 0);

	/* One byte at a time until full: merged into pages, 65536. */
	n = 0;
	while ((r = write(p[1], buf, 1)) == 1)
		n++;
	CHECK_EQ("1-byte non-blocking writes fill an empty pipe with exactly 65536 bytes", n, 65536);
	CHECK_ERR("the write that does not fit gives EAGAIN", write(p[1], buf, 1), EAGAIN);
	CHECK_EQ("FIONREAD of the full pipe is 65536 (read end)", unread(p[0]), 65536);
	CHECK_EQ("FIONREAD on the write end reports the same", unread(p[1]), 65536);
	CHECK_EQ("read of 1 byte from the full pipe", read(p[0], buf, 1), 1);
	CHECK_ERR("a partly read page is not reusable: 1-byte write still gives EAGAIN",
		  write(p[1], buf, 1), EAGAIN);
	CHECK_EQ("reading the rest of the first page (4095)", read(p[0], buf, 4095), 4095);
	CHECK_EQ("FIONREAD after reading 4096 bytes is 61440", unread(p[0]), 61440);
	CHECK_EQ("a whole freed page takes a 4096-byte write", write(p[1], buf, 4096), 4096);
	CHECK_ERR("... and then the pipe is full again", write(p[1], buf, 1), EAGAIN);
	drain(p[0]);
	CHECK_EQ("FIONREAD after draining is 0", unread(p[0]), 0);

	/* One large write. */
	CHECK_EQ("non-blocking 70000-byte write into an empty pipe returns 65536",
		 write(p[1], buf, 70000), 65536);
	drain(p[0]);

	/* 3000-byte writes cannot share a page. */
	fails = 0;
	for (i = 0; i < 16; i++)
		if (write(p[1], buf, 3000) != 3000)
			fails++;
	CHECK_EQ("sixteen non-blocking 3000-byte writes all succeed", fails, 0);
	CHECK_ERR("the 17th 3000-byte write gives EAGAIN (pipe full at 48000)",
		  write(p[1], buf, 3000), EAGAIN);
	CHECK_EQ("FIONREAD is 48000", unread(p[0]), 48000);
	CHECK_ERR("a 1097-byte write does not fit the last page's 1096 free bytes: EAGAIN",
		  write(p[1], buf, 1097), EAGAIN);
	CHECK_EQ("a 1096-byte write is merged into the last page", write(p[1], buf, 1096), 1096);
	CHECK_EQ("FIONREAD is 49096", unread(p[0]), 49096);
	drain(p[0]);

	/* 100-byte writes: 40 per page, 16 pages. */
	n = 0;
	while (write(p[1], buf, 100) == 100)
		n += 100;
	CHECK_EQ("100-byte non-blocking writes fill the pipe at 64000 (40 per page)", n, 64000);
	drain(p[0]);

	/* All-or-nothing for writes of at most 4096 bytes. */
	for (i = 0; i < 15; i++)
		write(p[1], buf, 4096);
	CHECK_EQ("a 4000-byte write takes the 16th page", write(p[1], buf, 4000), 4000);
	CHECK_ERR("100-byte write with 96 bytes of room gives EAGAIN, not 96",
		  write(p[1], buf, 100), EAGAIN);
	CHECK_ERR("4096-byte write into the full pipe gives EAGAIN", write(p[1], buf, 4096),
		  EAGAIN);
	CHECK_EQ("FIONREAD is unchanged by the failed writes (61440+4000)", unread(p[0]), 65440);
	CHECK_EQ("a 96-byte write fits the last page exactly", write(p[1], buf, 96), 96);
	CHECK_EQ("FIONREAD is 65536", unread(p[0]), 65536);
	drain(p[0]);

	/* Misc: seeking, wrong direction, fstat, ioctls. */
	CHECK_ERR("lseek on the read end gives ESPIPE", lseek(p[0], 0, SEEK_CUR), ESPIPE);
	CHECK_ERR("lseek on the write end gives ESPIPE", lseek(p[1], 0, SEEK_SET), ESPIPE);
	CHECK_ERR("pread gives ESPIPE", pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERR("pwrite gives ESPIPE", pwrite(p[1], buf, 1, 0), ESPIPE);
	CHECK_ERR("read on the write end gives EBADF", read(p[1], buf, 1), EBADF);
	CHECK_ERR("write on the read end gives EBADF", write(p[0], buf, 1), EBADF);
	fstat(p[0], &st0);
	fstat(p[1], &st1);
	CHECK("fstat shows S_ISFIFO on both ends", S_ISFIFO(st0.st_mode) && S_ISFIFO(st1.st_mode));
	CHECK_EQ("pipe inode permissions are 0600", st0.st_mode & 07777, 0600);
	CHECK("both ends share one inode", st0.st_ino == st1.st_ino && st0.st_dev == st1.st_dev);
	CHECK_ERR("a terminal ioctl on a pipe gives ENOTTY", ioctl(p[0], TCGETS, &tio), ENOTTY);

	/* EOF wins over EAGAIN once the writer is gone. */
	close(p[1]);
	CHECK_EQ("non-blocking read of an empty writer-less pipe returns 0",
		 read(p[0], buf, 10), 0);
	close(p[0]);
	return utest_done();
}

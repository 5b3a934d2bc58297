/*
 * pipe_splice.c - splice, tee, vmsplice and sendfile on pipes as Linux:
 * pipe to pipe, file to pipe (one buffer per file page, one round of free
 * slots), pipe to file, the offsets, SPLICE_F_NONBLOCK and O_NONBLOCK,
 * SPLICE_F_MOVE, SPLICE_F_GIFT with vmsplice, tee sharing buffers without
 * one pipe's writes showing in the other, faults, argument order, and
 * signals at the blocking points.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>

static int inpipe(int fd)
{
	int n = -1;

	ioctl(fd, FIONREAD, &n);
	return n;
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* fill a buffer with a position pattern */
static void pattern(char *b, int n, int base)
{
	for (int i = 0; i < n; i++)
		b[i] = (char)((base + i) * 7 + 3);
}

static int check_pattern(const char *b, int n, int base)
{
	for (int i = 0; i < n; i++)
		if (b[i] != (char)((base + i) * 7 + 3))
			return 0;
	return 1;
}

static void drain(int fd)
{
	static char sink[65536];
	int fl = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while (read(fd, sink, sizeof(sink)) > 0)
		;
	fcntl(fd, F_SETFL, fl);
}

int main(void)
{
	static char big[1 << 17], out[1 << 17];
	const char *path = "/tmp/pipe_splice.dat", *path2 = "/tmp/pipe_splice.out";
	int a[2], b[2], fd, fd2, n;
	loff_t off;
	off_t off32;
	struct iovec iov[20];
	struct sigaction sa;
	char *page, *m;
	long pg = sysconf(_SC_PAGESIZE);

	alarm(30);
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	CHECK_OK("pipe a", pipe(a));
	CHECK_OK("pipe b", pipe(b));

	/* argument checks */
	CHECK_EQ("splice of 0 bytes between bad fds: 0", splice(99, NULL, 98, NULL, 0, 0), 0);
	CHECK_ERR("splice with an unknown flag: EINVAL", splice(a[0], NULL, b[1], NULL, 1, 0x10),
		  EINVAL);
	CHECK_ERR("splice from a bad fd: EBADF", splice(99, NULL, b[1], NULL, 1, 0), EBADF);
	CHECK_ERR("splice to a bad fd: EBADF", splice(a[0], NULL, 99, NULL, 1, 0), EBADF);
	CHECK_ERR("splice from a write end: EBADF", splice(a[1], NULL, b[1], NULL, 1, 0), EBADF);
	CHECK_ERR("splice to a read end: EBADF", splice(a[0], NULL, b[0], NULL, 1, 0), EBADF);
	off = 0;
	CHECK_ERR("splice with an offset on a pipe: ESPIPE", splice(a[0], &off, b[1], NULL, 1, 0),
		  ESPIPE);
	CHECK_ERR("splice a pipe into itself: EINVAL", splice(a[0], NULL, a[1], NULL, 1, 0), EINVAL);

	/* pipe to pipe */
	pattern(big, sizeof(big), 0);
	write(a[1], big, 100);
	CHECK_EQ("splice 50 of 100 from a to b", splice(a[0], NULL, b[1], NULL, 50, 0), 50);
	CHECK("... 50 left in a, 50 in b", inpipe(a[0]) == 50 && inpipe(b[0]) == 50);
	CHECK_EQ("splice up to 1000 moves the other 50", splice(a[0], NULL, b[1], NULL, 1000, 0), 50);
	CHECK("... in order", read(b[0], out, 200) == 100 && check_pattern(out, 100, 0));
	write(a[1], big, 50);
	CHECK_EQ("a partly moved buffer...", splice(a[0], NULL, b[1], NULL, 20, 0), 20);
	write(b[1], "ZZZZ", 4);
	CHECK("... is not merged into by a write to b (a's bytes intact)",
	      read(a[0], out, 100) == 30 && check_pattern(out, 30, 20));
	CHECK("... and b has its 20 then ZZZZ",
	      read(b[0], out, 100) == 24 && check_pattern(out, 20, 0) && !memcmp(out + 20, "ZZZZ", 4));
	CHECK_ERR("splice from an empty pipe with SPLICE_F_NONBLOCK: EAGAIN",
		  splice(a[0], NULL, b[1], NULL, 10, SPLICE_F_NONBLOCK), EAGAIN);
	fcntl(a[0], F_SETFL, O_NONBLOCK);
	CHECK_ERR("... with O_NONBLOCK on the input: EAGAIN", splice(a[0], NULL, b[1], NULL, 10, 0),
		  EAGAIN);
	fcntl(a[0], F_SETFL, 0);
	alarm(1);
	CHECK_ERR("a blocking splice from an empty pipe, interrupted: EINTR",
		  splice(a[0], NULL, b[1], NULL, 10, 0), EINTR);
	alarm(30);
	fcntl(b[1], F_SETFL, O_NONBLOCK);
	while (write(b[1], big, 4096) > 0)
		;
	fcntl(b[1], F_SETFL, 0);
	write(a[1], big, 10);
	CHECK_ERR("splice into a full pipe with SPLICE_F_NONBLOCK: EAGAIN",
		  splice(a[0], NULL, b[1], NULL, 10, SPLICE_F_NONBLOCK), EAGAIN);
	alarm(1);
	CHECK_ERR("a blocking splice into a full pipe, interrupted: EINTR",
		  splice(a[0], NULL, b[1], NULL, 10, 0), EINTR);
	alarm(30);
	CHECK_EQ("... the 10 bytes stayed in a", inpipe(a[0]), 10);
	drain(b[0]);
	drain(a[0]);

	/* tee */
	write(a[1], big, 100);
	CHECK_EQ("tee 1000 from a to b gives the 100 there", tee(a[0], b[1], 1000, 0), 100);
	CHECK("... a keeps its 100, b has 100", inpipe(a[0]) == 100 && inpipe(b[0]) == 100);
	CHECK_EQ("tee 30", tee(a[0], b[1], 30, 0), 30);
	write(b[1], "YY", 2);
	write(a[1], "XX", 2);
	CHECK("a's data is unchanged by writes to b",
	      read(a[0], out, 200) == 102 && check_pattern(out, 100, 0) && !memcmp(out + 100, "XX", 2));
	CHECK("b has 100 + 30 + YY, unchanged by writes to a",
	      read(b[0], out, 200) == 132 && check_pattern(out, 100, 0) &&
	      check_pattern(out + 100, 30, 0) && !memcmp(out + 130, "YY", 2));
	CHECK_ERR("tee from an empty pipe with SPLICE_F_NONBLOCK: EAGAIN",
		  tee(a[0], b[1], 10, SPLICE_F_NONBLOCK), EAGAIN);
	CHECK_ERR("tee a pipe into itself: EINVAL", tee(a[0], a[1], 10, 0), EINVAL);
	CHECK_EQ("tee of 0 bytes: 0", tee(a[0], b[1], 0, 0), 0);
	CHECK_ERR("tee with an unknown flag: EINVAL", tee(a[0], b[1], 1, 0x10), EINVAL);
	CHECK_ERR("tee from a write end: EBADF", tee(a[1], b[1], 1, 0), EBADF);

	/* file to pipe */
	unlink(path);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK_EQ("a 128 KiB file", write(fd, big, sizeof(big)), (long)sizeof(big));
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ("splice 128 KiB of it into an empty pipe: 64 KiB, one round",
		 splice(fd, NULL, b[1], NULL, sizeof(big), 0), 65536);
	CHECK_EQ("... the file position moved 64 KiB", lseek(fd, 0, SEEK_CUR), 65536);
	CHECK("... the bytes are the file's", read(b[0], out, 65536) == 65536 &&
	      check_pattern(out, 65536, 0));
	off = 100;
	CHECK_EQ("splice 5000 at offset 100", splice(fd, &off, b[1], NULL, 5000, 0), 5000);
	CHECK_EQ("... the offset became 5100", off, 5100);
	CHECK_EQ("... the file position did not move", lseek(fd, 0, SEEK_CUR), 65536);
	CHECK("... the bytes", read(b[0], out, 8192) == 5000 && check_pattern(out, 5000, 100));
	fcntl(b[1], F_SETPIPE_SZ, 8192);
	off = 100;
	CHECK_EQ("into a two-page pipe from offset 100: one buffer per file page, 8092",
		 splice(fd, &off, b[1], NULL, 8192, 0), 8092);
	drain(b[0]);
	fcntl(b[1], F_SETPIPE_SZ, 65536);
	off = sizeof(big);
	CHECK_EQ("splice at end of file: 0", splice(fd, &off, b[1], NULL, 100, 0), 0);
	off = -1;
	CHECK_ERR("a negative offset: EINVAL", splice(fd, &off, b[1], NULL, 100, 0), EINVAL);
	CHECK_ERR("an unreadable offset: EFAULT", splice(fd, (loff_t *)8, b[1], NULL, 100, 0), EFAULT);
	CHECK_ERR("file to file: EINVAL", splice(fd, NULL, fd, NULL, 100, 0), EINVAL);
	fcntl(b[1], F_SETFL, O_NONBLOCK);
	while (write(b[1], big, 4096) > 0)
		;
	CHECK_ERR("into a full O_NONBLOCK pipe: EAGAIN", splice(fd, NULL, b[1], NULL, 100, 0), EAGAIN);
	fcntl(b[1], F_SETFL, 0);
	CHECK_ERR("... and with SPLICE_F_NONBLOCK: EAGAIN",
		  splice(fd, NULL, b[1], NULL, 100, SPLICE_F_NONBLOCK), EAGAIN);
	drain(b[0]);

	/* pipe to file */
	unlink(path2);
	fd2 = open(path2, O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(a[1], big, 5000);
	CHECK_EQ("pipe to file, 5000", splice(a[0], NULL, fd2, NULL, 10000, 0), 5000);
	CHECK_EQ("... the file position is 5000", lseek(fd2, 0, SEEK_CUR), 5000);
	write(a[1], big + 5000, 3000);
	off = 5000;
	CHECK_EQ("pipe to file at offset 5000, 3000", splice(a[0], NULL, fd2, &off, 3000, 0), 3000);
	CHECK_EQ("... the offset is 8000", off, 8000);
	CHECK("... the file holds the 8000 bytes",
	      pread(fd2, out, sizeof(out), 0) == 8000 && check_pattern(out, 8000, 0));
	CHECK_ERR("pipe to file from an empty pipe with SPLICE_F_NONBLOCK: EAGAIN",
		  splice(a[0], NULL, fd2, NULL, 10, SPLICE_F_NONBLOCK), EAGAIN);
	close(fd2);
	fd2 = open(path2, O_WRONLY | O_APPEND);
	write(a[1], big, 10);
	CHECK_ERR("pipe to an O_APPEND file: EINVAL", splice(a[0], NULL, fd2, NULL, 10, 0), EINVAL);
	close(fd2);
	drain(a[0]);

	/* vmsplice */
	page = aligned_alloc(pg, 4 * pg);
	pattern(page, 4 * pg, 0);
	iov[0] = (struct iovec){ page, 10 };
	iov[1] = (struct iovec){ page + 10, 0 };
	iov[2] = (struct iovec){ page + 10, 20 };
	CHECK_EQ("vmsplice 10+0+20 into a pipe", vmsplice(a[1], iov, 3, 0), 30);
	CHECK("... the bytes", read(a[0], out, 100) == 30 && check_pattern(out, 30, 0));
	CHECK_EQ("vmsplice of 0 segments: 0", vmsplice(a[1], iov, 0, 0), 0);
	CHECK_ERR("vmsplice of 1025 segments: EINVAL", vmsplice(a[1], iov, 1025, 0), EINVAL);
	CHECK_ERR("vmsplice with an unknown flag: EINVAL", vmsplice(a[1], iov, 1, 0x10), EINVAL);
	CHECK_ERR("vmsplice to a regular file: EBADF", vmsplice(fd, iov, 1, 0), EBADF);
	CHECK_ERR("vmsplice to a bad fd: EBADF", vmsplice(99, iov, 1, 0), EBADF);
	for (n = 0; n < 16; n++)
		iov[n] = (struct iovec){ page + n, 1 };
	CHECK_EQ("16 one-byte segments", vmsplice(a[1], iov, 16, 0), 16);
	fcntl(a[1], F_SETFL, O_NONBLOCK);
	CHECK_ERR("... took one slot each: the pipe is full", write(a[1], "x", 1), EAGAIN);
	fcntl(a[1], F_SETFL, 0);
	CHECK_ERR("vmsplice into the full pipe with SPLICE_F_NONBLOCK: EAGAIN",
		  vmsplice(a[1], iov, 1, SPLICE_F_NONBLOCK), EAGAIN);
	alarm(1);
	CHECK_ERR("a blocking vmsplice into the full pipe, interrupted: EINTR",
		  vmsplice(a[1], iov, 1, 0), EINTR);
	fcntl(a[1], F_SETFL, O_NONBLOCK);
	alarm(1);
	CHECK_ERR("vmsplice ignores the fd's O_NONBLOCK: it blocks, EINTR", vmsplice(a[1], iov, 1, 0),
		  EINTR);
	fcntl(a[1], F_SETFL, 0);
	alarm(30);
	drain(a[0]);
	m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(m + pg, pg, PROT_NONE);
	iov[0] = (struct iovec){ m, 10 };
	iov[1] = (struct iovec){ m + pg, 10 };
	iov[2] = (struct iovec){ m + 2 * pg, 10 };
	CHECK_EQ("vmsplice with a bad middle segment: the first piece", vmsplice(a[1], iov, 3, 0), 10);
	CHECK_EQ("... only it in the pipe", inpipe(a[0]), 10);
	CHECK_ERR("vmsplice of only a bad segment: EFAULT", vmsplice(a[1], iov + 1, 1, 0), EFAULT);
	drain(a[0]);

	/* vmsplice from the read end: into user memory */
	write(a[1], big, 100);
	iov[0] = (struct iovec){ out, 40 };
	iov[1] = (struct iovec){ out + 40, 40 };
	CHECK_EQ("vmsplice from a read end into two segments", vmsplice(a[0], iov, 2, 0), 80);
	CHECK("... the bytes", check_pattern(out, 80, 0));
	iov[0] = (struct iovec){ m + pg - 5, 20 };
	CHECK_ERR("vmsplice to user memory ending in a hole: EFAULT", vmsplice(a[0], iov, 1, 0),
		  EFAULT);
	CHECK_EQ("... the 20 bytes stay in the pipe", inpipe(a[0]), 20);
	iov[0] = (struct iovec){ out, 100 };
	CHECK_ERR("... then SPLICE_F_NONBLOCK on the empty pipe after reading them",
		  (vmsplice(a[0], iov, 1, 0), vmsplice(a[0], iov, 1, SPLICE_F_NONBLOCK)), EAGAIN);
	munmap(m, 3 * pg);

	/* SPLICE_F_GIFT and SPLICE_F_MOVE: page-aligned whole pages into a file */
	iov[0] = (struct iovec){ page, 2 * pg };
	CHECK_EQ("vmsplice two gifted pages", vmsplice(a[1], iov, 1, SPLICE_F_GIFT), 2 * pg);
	unlink(path2);
	fd2 = open(path2, O_RDWR | O_CREAT | O_TRUNC, 0600);
	off = 4 * pg;
	CHECK_EQ("splice them with SPLICE_F_MOVE into a file's hole",
		 splice(a[0], NULL, fd2, &off, 2 * pg, SPLICE_F_MOVE), 2 * pg);
	CHECK_EQ("... the file is 6 pages long", lseek(fd2, 0, SEEK_END), 6 * pg);
	CHECK("... the hole before reads as zeros and the pages as given",
	      pread(fd2, out, 6 * pg, 0) == 6 * pg && !out[0] && !out[4 * pg - 1] &&
	      check_pattern(out + 4 * pg, 2 * pg, 0));
	pattern(page, 4 * pg, 0);
	write(a[1], page, pg);
	off = 4 * pg;
	CHECK_EQ("a written (not gifted) page with SPLICE_F_MOVE over existing data",
		 splice(a[0], NULL, fd2, &off, pg, SPLICE_F_MOVE), pg);
	CHECK("... lands too", pread(fd2, out, pg, 4 * pg) == pg && check_pattern(out, pg, 0));
	close(fd2);

	/* sendfile */
	unlink(path2);
	fd2 = open(path2, O_RDWR | O_CREAT | O_TRUNC, 0600);
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ("sendfile 100000 bytes file to file", sendfile(fd2, fd, NULL, 100000), 100000);
	CHECK_EQ("... the input position moved", lseek(fd, 0, SEEK_CUR), 100000);
	CHECK_EQ("... the output position too", lseek(fd2, 0, SEEK_CUR), 100000);
	CHECK("... the data", pread(fd2, out, sizeof(out), 0) == 100000 &&
	      check_pattern(out, 100000, 0));
	off32 = 1000;
	CHECK_EQ("sendfile with an offset: 200", sendfile(fd2, fd, &off32, 200), 200);
	CHECK_EQ("... the offset became 1200", off32, 1200);
	CHECK_EQ("... the input position did not move", lseek(fd, 0, SEEK_CUR), 100000);
	CHECK_EQ("sendfile to end of file: what is left", sendfile(fd2, fd, NULL, 100000),
		 (long)sizeof(big) - 100000);
	CHECK_EQ("sendfile at end of file: 0", sendfile(fd2, fd, NULL, 100), 0);
	CHECK_EQ("sendfile of 0 bytes: 0", sendfile(fd2, fd, NULL, 0), 0);
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ("sendfile 128 KiB into an empty pipe: 64 KiB", sendfile(b[1], fd, NULL, sizeof(big)),
		 65536);
	CHECK("... the data", read(b[0], out, sizeof(out)) == 65536 && check_pattern(out, 65536, 0));
	write(a[1], big, 10);
	CHECK_ERR("sendfile from a pipe: EINVAL", sendfile(fd2, a[0], NULL, 10), EINVAL);
	drain(a[0]);
	CHECK_ERR("sendfile from a bad fd: EBADF", sendfile(fd2, 99, NULL, 10), EBADF);
	CHECK_ERR("sendfile to a read end: EBADF", sendfile(b[0], fd, NULL, 10), EBADF);
	off32 = 0;
	CHECK_ERR("sendfile with an offset from a pipe: ESPIPE", sendfile(fd2, a[0], &off32, 10),
		  ESPIPE);
	off32 = -1;
	CHECK_ERR("sendfile with a negative offset: EINVAL", sendfile(fd2, fd, &off32, 10), EINVAL);
	CHECK_ERR("sendfile with an unreadable offset: EFAULT", sendfile(fd2, fd, (off_t *)8, 10),
		  EFAULT);
	close(a[0]);
	CHECK_ERR("sendfile into a pipe with no reader: EPIPE", sendfile(a[1], fd, NULL, 10), EPIPE);
	CHECK_ERR("splice into a pipe with no reader: EPIPE", splice(fd, NULL, a[1], NULL, 10, 0),
		  EPIPE);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	close(fd);
	close(fd2);
	unlink(path);
	unlink(path2);
	free(page);
	return utest_done();
}

/*
 * fs_rlimit_fsize.c - RLIMIT_FSIZE bounds how far a process can grow a file,
 * as Linux's generic_write_checks and inode_newsize_ok: a write that starts
 * at or past the limit fails with EFBIG and SIGXFSZ, one that crosses it is
 * cut short at the limit (no signal), truncate past it fails the same way
 * (at it is allowed, shrinking always is), and with SIGXFSZ at its default the
 * process dies of it. The fuzzer's children run with an 8 MiB limit; before
 * the kernel checked it one grew a file in the scratch directory to more than
 * 2 GiB, which the harness's 32-bit lstat could not stat (EOVERFLOW), so the
 * file and the directory were left behind (issue 18's fuzz_short flake).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "utest.h"

#define LIMIT (1 << 20)

static volatile int xfsz;

static void on_xfsz(int sig)
{
	(void)sig;
	xfsz++;
}

static long long size_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long long)st.st_size;
}

int main(void)
{
	static char page[4096];
	char path[64];
	struct rlimit lim = { LIMIT, LIMIT };
	struct sigaction sa = { .sa_handler = on_xfsz };
	int fd, p[2], status, seen;
	pid_t pid;

	/* a name of our own: the pid, and O_EXCL so an old file is never reused */
	snprintf(path, sizeof(path), "%s/fsize.%d", access("/tmp", W_OK) == 0 ? "/tmp" : ".",
		 (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	memset(page, 'x', sizeof(page));
	sigaction(SIGXFSZ, &sa, NULL);
	CHECK_OK("set RLIMIT_FSIZE to 1 MiB", setrlimit(RLIMIT_FSIZE, &lim));

	CHECK_ERR("ftruncate past the limit: EFBIG", ftruncate(fd, LIMIT + 1), EFBIG);
	CHECK_EQ("... and SIGXFSZ", xfsz, 1);
	int lfd = open(path, O_RDWR | O_LARGEFILE);
	CHECK_ERR("ftruncate64 to 3 GiB (O_LARGEFILE): EFBIG", ftruncate64(lfd, 3LL << 30), EFBIG);
	close(lfd);
	CHECK_EQ("the file did not grow", size_of(fd), 0);
	CHECK_ERR("truncate by name past the limit: EFBIG", truncate(path, 2 * LIMIT), EFBIG);
	CHECK_OK("ftruncate to the limit itself", ftruncate(fd, LIMIT));
	CHECK_EQ("... is the file's size", size_of(fd), LIMIT);
	CHECK_OK("shrinking is always allowed", ftruncate(fd, 4096));
	CHECK_EQ("three signals so far", xfsz, 3);

	CHECK_EQ("pwrite across the limit stops at it", pwrite(fd, page, 100, LIMIT - 10), 10);
	CHECK_EQ("... with no signal", xfsz, 3);
	CHECK_EQ("the file ends at the limit", size_of(fd), LIMIT);
	CHECK_ERR("pwrite at the limit: EFBIG", pwrite(fd, page, 1, LIMIT), EFBIG);
	CHECK_ERR("pwrite far past it: EFBIG", pwrite64(fd, page, 1, 5LL << 30), EFBIG);
	CHECK_EQ("... each with SIGXFSZ", xfsz, 5);

	ftruncate(fd, LIMIT - 100);
	struct iovec iov[2] = { { page, 50 }, { page, 100 } };
	CHECK_EQ("writev across the limit writes up to it", pwritev(fd, iov, 2, LIMIT - 100), 100);
	CHECK_EQ("... with no signal", xfsz, 5);
	ftruncate(fd, LIMIT - 100);
	iov[0].iov_len = 100;
	CHECK_EQ("writev whose first segment ends at the limit writes it", pwritev(fd, iov, 2, LIMIT - 100), 100);
	CHECK_EQ("... with no signal for the segment after it", xfsz, 5);

	int afd = open(path, O_WRONLY | O_APPEND);
	CHECK_ERR("O_APPEND write to a file at the limit: EFBIG", write(afd, page, 1), EFBIG);
	CHECK_EQ("... and SIGXFSZ", xfsz, 6);
	close(afd);

	/* splice's page moving into a hole is a write too */
	ftruncate(fd, 0);
	if (pipe2(p, O_NONBLOCK) == 0) {	/* a kernel that took the page fails, not hangs */
		loff_t off = LIMIT;
		CHECK_EQ("a page into the pipe", write(p[1], page, sizeof(page)), (long)sizeof(page));
		CHECK_ERR("splice SPLICE_F_MOVE at the limit: EFBIG",
			  splice(p[0], NULL, fd, &off, sizeof(page), SPLICE_F_MOVE), EFBIG);
		CHECK_EQ("... and SIGXFSZ", xfsz, 7);
		off = LIMIT - sizeof(page);
		CHECK_EQ("splice of the page just below the limit",
			 splice(p[0], NULL, fd, &off, sizeof(page), SPLICE_F_MOVE), (long)sizeof(page));
		CHECK_EQ("the file ends at the limit", size_of(fd), LIMIT);
		close(p[0]);
		close(p[1]);
	}

	/* with SIGXFSZ at its default the process dies of it */
	pid = fork();
	if (pid == 0) {
		struct rlimit core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &core);
		signal(SIGXFSZ, SIG_DFL);
		ftruncate(fd, 2 * LIMIT);
		_exit(0);
	}
	seen = waitpid(pid, &status, 0) == pid;
	CHECK("SIGXFSZ at its default kills the process that passed the limit",
	      seen && WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ);
	CHECK_EQ("... before the file grew", size_of(fd), LIMIT);

	close(fd);
	unlink(path);
	return utest_done();
}

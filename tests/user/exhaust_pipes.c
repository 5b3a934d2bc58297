/*
 * exhaust_pipes.c - about 10,000 pipes, then the descriptor limit: with
 * RLIMIT_NOFILE at 20,000 (the host's hard limit) a process gets exactly
 * 9,998 pipes and the next pipe() fails with EMFILE (ENFILE if the system
 * file table ran out first), leaving no half-made pipe in the one free fd;
 * closing them all gives everything back.
 */
#include <fcntl.h>
#include <sys/resource.h>
#include "utest.h"

#define NOFILE 20000

int main(void)
{
	static int fds[NOFILE][2];
	struct rlimit rl = { NOFILE, NOFILE };
	int n = 0, err = 0, p[2];

	alarm(60);
	CHECK_OK("RLIMIT_NOFILE set to 20000", setrlimit(RLIMIT_NOFILE, &rl));
	for (int i = 3; i < 1024; i++)	/* start from 0, 1, 2 only */
		close(i);
	while (n < NOFILE) {
		if (pipe(fds[n]) < 0) {
			err = errno;
			break;
		}
		n++;
	}
	CHECK("pipe ends in EMFILE or ENFILE", err == EMFILE || err == ENFILE);
	CHECK("at least 9,000 pipes were made", n >= 9000);
	if (err == EMFILE) {
		CHECK_EQ("EMFILE exactly at the limit: (20000 - 3) / 2 pipes", n, 9998);
		CHECK_ERR("no half-made pipe: fd 19999 is still free", fcntl(19999, F_GETFD), EBADF);
	}
	CHECK_EQ("the highest fd is the last one made", fcntl(fds[n - 1][1], F_GETFD), 0);
	for (int i = 0; i < n; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	CHECK_OK("after closing them all, pipe works", pipe(p));
	CHECK_EQ("and takes fd 3 again", p[0], 3);
	return utest_done();
}

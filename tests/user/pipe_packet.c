/*
 * pipe_packet.c - pipe2(O_DIRECT) packet mode as today's Linux (each write
 * one packet of at most a page, a read returns at most one and drops what did
 * not fit, zero-length writes make none, F_SETFL toggles it), and a read of a
 * full pipe with a writer asleep returns what is there at once instead of
 * waiting for the writer (2.6.18 waited, even with O_NONBLOCK).
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <sys/wait.h>

static int inpipe(int fd)
{
	int n = -1;

	ioctl(fd, FIONREAD, &n);
	return n;
}

int main(void)
{
	static char buf[1 << 17], out[1 << 17];
	int p[2], st;
	struct iovec iov[3];
	pid_t pid;

	alarm(20);
	memset(buf, 'x', sizeof(buf));
	CHECK_OK("pipe2(O_DIRECT)", pipe2(p, O_DIRECT));
	CHECK_EQ("the write end shows O_DIRECT", fcntl(p[1], F_GETFL) & O_DIRECT, O_DIRECT);
	CHECK_EQ("the read end does not (packets live in the buffers)", fcntl(p[0], F_GETFL) & O_DIRECT,
		 0);
	CHECK_ERR("pipe2 with an unknown flag still EINVAL", pipe2(p, O_DIRECT | O_APPEND), EINVAL);

	CHECK_EQ("write 10", write(p[1], buf, 10), 10);
	CHECK_EQ("write 20", write(p[1], buf, 20), 20);
	CHECK_EQ("both held", inpipe(p[0]), 30);
	CHECK_EQ("read 100 returns the first packet only", read(p[0], out, 100), 10);
	CHECK_EQ("read 100 again: the second", read(p[0], out, 100), 20);
	CHECK_EQ("write 100", write(p[1], buf, 100), 100);
	CHECK_EQ("read 30 of a 100-byte packet", read(p[0], out, 30), 30);
	CHECK_EQ("... the other 70 are dropped", inpipe(p[0]), 0);
	CHECK_EQ("write 0 bytes: 0", write(p[1], buf, 0), 0);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	CHECK_ERR("... made no packet: the read finds nothing", read(p[0], out, 10), EAGAIN);
	CHECK_EQ("write 5000", write(p[1], buf, 5000), 5000);
	CHECK_EQ("read 8192 gets one page-sized packet", read(p[0], out, 8192), 4096);
	CHECK_EQ("... then the 904-byte rest", read(p[0], out, 8192), 904);
	CHECK_EQ("write 4096 exactly", write(p[1], buf, 4096), 4096);
	CHECK_EQ("... one packet", read(p[0], out, 8192), 4096);
	iov[0] = (struct iovec){ buf, 3 };
	iov[1] = (struct iovec){ buf, 0 };
	iov[2] = (struct iovec){ buf, 4 };
	CHECK_EQ("writev of 3+0+4", writev(p[1], iov, 3), 7);
	CHECK_EQ("... is one 7-byte packet", read(p[0], out, 100), 7);
	CHECK_EQ("read 1 of a packet", (write(p[1], buf, 50), read(p[0], out, 1)), 1);
	CHECK_ERR("... and nothing is left", read(p[0], out, 1), EAGAIN);
	int n = 0;
	fcntl(p[1], F_SETFL, O_NONBLOCK | O_DIRECT);
	while (write(p[1], buf, 1) == 1 && n < 100)
		n++;
	CHECK_EQ("1-byte packets: one per slot, 16 of them fill the pipe", n, 16);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	CHECK_ERR("... even with O_DIRECT cleared, no room: EAGAIN", write(p[1], buf, 1), EAGAIN);
	CHECK_EQ("a read takes one", read(p[0], out, 100), 1);
	CHECK_EQ("the next read takes the next 1-byte packet", read(p[0], out, 100), 1);
	CHECK_EQ("a plain write merges into the last 1-byte packet? no: a new buffer",
		 write(p[1], buf, 10), 10);
	while (read(p[0], out, 100) > 0)
		;
	CHECK_EQ("plain writes merge again", (write(p[1], buf, 10), write(p[1], buf, 10)), 10);
	CHECK_EQ("... one read gets both", read(p[0], out, 100), 20);
	fcntl(p[1], F_SETFL, O_DIRECT | O_NONBLOCK);
	CHECK_EQ("F_SETFL O_DIRECT on a plain pipe's write end", fcntl(p[1], F_GETFL) & O_DIRECT,
		 O_DIRECT);
	write(p[1], buf, 10);
	write(p[1], buf, 10);
	CHECK_EQ("... makes packets", read(p[0], out, 100), 10);
	read(p[0], out, 100);
	close(p[0]);
	close(p[1]);

	/* a full pipe, a writer asleep on it, a big read */
	CHECK_OK("pipe", pipe(p));
	pid = fork();
	if (pid == 0) {
		alarm(5);
		_exit(write(p[1], buf, 65536 + 8192) == 65536 + 8192 ? 0 : 1);
	}
	usleep(200000);
	CHECK_EQ("the writer filled the pipe and sleeps", inpipe(p[0]), 65536);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	CHECK_EQ("an O_NONBLOCK read of 128 KiB returns the 64 KiB there at once",
		 read(p[0], out, sizeof(out)), 65536);
	fcntl(p[0], F_SETFL, 0);
	usleep(100000);
	CHECK_EQ("the writer then added its last 8192", inpipe(p[0]), 8192);
	waitpid(pid, &st, 0);
	CHECK("... and finished", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	read(p[0], out, sizeof(out));
	pid = fork();
	if (pid == 0) {
		alarm(5);
		_exit(write(p[1], buf, 65536 + 8192) == 65536 + 8192 ? 0 : 1);
	}
	usleep(200000);
	CHECK_EQ("a blocking read of 128 KiB also returns the 64 KiB at once",
		 read(p[0], out, sizeof(out)), 65536);
	waitpid(pid, &st, 0);
	CHECK("... and the writer finished", WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ("... its last 8192 in the pipe", inpipe(p[0]), 8192);
	close(p[0]);
	close(p[1]);
	return utest_done();
}

/*
 * unix_pair.c - AF_UNIX socketpairs: ping-pong between parent and child,
 * stream byte semantics (partial reads, MSG_PEEK, MSG_WAITALL, MSG_DONTWAIT),
 * datagram and seqpacket boundaries with MSG_TRUNC, shutdown in each
 * direction (EOF, EPIPE with SIGPIPE, MSG_NOSIGNAL), poll readiness,
 * SIOCINQ/SIOCOUTQ, fstat S_IFSOCK, SOCK_NONBLOCK/SOCK_CLOEXEC, O_ASYNC SIGIO,
 * and a writer blocking while the buffer is full.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>

static volatile sig_atomic_t got_pipe, got_io;
static void on_pipe(int s) { (void)s; got_pipe++; }
static void on_io(int s) { (void)s; got_io++; }

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void ping_pong(void)
{
	int sv[2], i, ok = 1, status;
	char c;
	pid_t pid;

	CHECK_OK("socketpair(AF_UNIX, SOCK_STREAM)", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		for (i = 0; i < 1000; i++) {
			if (read(sv[1], &c, 1) != 1)
				_exit(1);
			c++;
			if (write(sv[1], &c, 1) != 1)
				_exit(2);
		}
		_exit(0);
	}
	close(sv[1]);
	c = 0;
	for (i = 0; i < 1000; i++) {
		char want = c + 1;

		if (write(sv[0], &c, 1) != 1 || read(sv[0], &c, 1) != 1 || c != want) {
			ok = 0;
			break;
		}
	}
	CHECK("1000 one-byte round trips, each answered with the byte plus one", ok);
	waitpid(pid, &status, 0);
	CHECK("the child saw every byte", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ("after the child closes, read gives EOF", read(sv[0], &c, 1), 0);
	close(sv[0]);
}

static void stream_bytes(void)
{
	int sv[2], n;
	char buf[64];
	struct stat st;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_OK("fstat on a socket", fstat(sv[0], &st));
	CHECK("fstat says S_IFSOCK", S_ISSOCK(st.st_mode));
	CHECK_EQ("write 5 bytes", write(sv[0], "hello", 5), 5);
	CHECK_EQ("write 6 more", write(sv[0], " world", 6), 6);
	CHECK_OK("SIOCINQ", ioctl(sv[1], FIONREAD, &n));
	CHECK_EQ("SIOCINQ counts both writes", n, 11);
	CHECK_OK("SIOCOUTQ", ioctl(sv[0], TIOCOUTQ, &n));
	CHECK("SIOCOUTQ counts what is unread", n >= 11);
	CHECK_EQ("MSG_PEEK sees across writes", recv(sv[1], buf, 8, MSG_PEEK), 8);
	CHECK("peeked bytes", !memcmp(buf, "hello wo", 8));
	CHECK_EQ("a partial read of 3", read(sv[1], buf, 3), 3);
	CHECK("... the first 3 bytes", !memcmp(buf, "hel", 3));
	CHECK_EQ("the rest joins the two writes", read(sv[1], buf, sizeof(buf)), 8);
	CHECK("... 'lo world'", !memcmp(buf, "lo world", 8));
	CHECK_OK("SIOCOUTQ after the read", ioctl(sv[0], TIOCOUTQ, &n));
	CHECK_EQ("SIOCOUTQ is 0 once read", n, 0);
	CHECK_ERR("MSG_DONTWAIT on an empty socket", recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
	if (fork() == 0) {
		msleep(50);
		write(sv[0], "ab", 2);
		msleep(50);
		write(sv[0], "cd", 2);
		_exit(0);
	}
	CHECK_EQ("MSG_WAITALL waits for all 4 bytes", recv(sv[1], buf, 4, MSG_WAITALL), 4);
	CHECK("... abcd", !memcmp(buf, "abcd", 4));
	wait(NULL);
	CHECK_ERR("sendto with an address on a connected stream: EISCONN",
		  sendto(sv[0], "x", 1, 0, (struct sockaddr *)&(struct sockaddr_un){ AF_UNIX, "x" },
			 sizeof(struct sockaddr_un)), EISCONN);
	close(sv[0]);
	close(sv[1]);
}

static void records(int type, const char *name)
{
	int sv[2];
	char buf[64], what[128];

	socketpair(AF_UNIX, type, 0, sv);
	send(sv[0], "one", 3, 0);
	send(sv[0], "three", 5, 0);
	send(sv[0], "", 0, 0);
	send(sv[0], "fourteen bytes", 14, 0);
	snprintf(what, sizeof(what), "%s: a read returns one record", name);
	CHECK_EQ(what, recv(sv[1], buf, sizeof(buf), 0), 3);
	snprintf(what, sizeof(what), "%s: a short buffer truncates (returns what fit)", name);
	CHECK_EQ(what, recv(sv[1], buf, 2, 0), 2);
	snprintf(what, sizeof(what), "%s: the record's rest is gone", name);
	CHECK_EQ(what, recv(sv[1], buf, sizeof(buf), 0), 0);	/* the empty record */
	snprintf(what, sizeof(what), "%s: MSG_TRUNC returns the real length", name);
	CHECK_EQ(what, recv(sv[1], buf, 4, MSG_TRUNC), 14);
	struct iovec iov = { buf, 2 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	send(sv[0], "abcdef", 6, 0);
	snprintf(what, sizeof(what), "%s: recvmsg into 2 bytes", name);
	CHECK_EQ(what, recvmsg(sv[1], &m, 0), 2);
	snprintf(what, sizeof(what), "%s: recvmsg sets MSG_TRUNC in msg_flags", name);
	CHECK(what, m.msg_flags & MSG_TRUNC);
	close(sv[0]);
	snprintf(what, sizeof(what), "%s: peer closed", name);
	if (type == SOCK_SEQPACKET)
		CHECK_EQ(what, recv(sv[1], buf, sizeof(buf), 0), 0);
	else
		CHECK_ERR(what, send(sv[1], "x", 1, 0), ECONNREFUSED);
	close(sv[1]);
}

static void shutdowns(void)
{
	int sv[2];
	char c;

	signal(SIGPIPE, on_pipe);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "z", 1);
	CHECK_OK("shutdown(SHUT_WR)", shutdown(sv[0], SHUT_WR));
	CHECK_EQ("the peer still reads what was sent", read(sv[1], &c, 1), 1);
	CHECK_EQ("... then EOF", read(sv[1], &c, 1), 0);
	got_pipe = 0;
	CHECK_ERR("write after SHUT_WR: EPIPE", write(sv[0], "y", 1), EPIPE);
	CHECK_EQ("... and SIGPIPE", got_pipe, 1);
	CHECK_ERR("MSG_NOSIGNAL: EPIPE", send(sv[0], "y", 1, MSG_NOSIGNAL), EPIPE);
	CHECK_EQ("... without SIGPIPE", got_pipe, 1);
	CHECK_EQ("the other direction still works", write(sv[1], "w", 1), 1);
	CHECK_EQ("... read", read(sv[0], &c, 1), 1);
	CHECK_OK("shutdown(SHUT_RD)", shutdown(sv[0], SHUT_RD));
	CHECK_ERR("the peer's write after our SHUT_RD: EPIPE", write(sv[1], "v", 1), EPIPE);
	CHECK_EQ("our read after SHUT_RD: EOF", read(sv[0], &c, 1), 0);
	CHECK_ERR("shutdown how=3: EINVAL", shutdown(sv[0], 3), EINVAL);
	int pfd[2];
	pipe(pfd);
	CHECK_ERR("shutdown on a pipe: ENOTSOCK", shutdown(pfd[0], SHUT_RD), ENOTSOCK);
	close(pfd[0]);
	close(pfd[1]);
	close(sv[0]);
	close(sv[1]);
	signal(SIGPIPE, SIG_DFL);
}

static void polling(void)
{
	int sv[2];
	struct pollfd p[2];
	char c;

	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv);
	CHECK("SOCK_NONBLOCK sets O_NONBLOCK", fcntl(sv[0], F_GETFL) & O_NONBLOCK);
	CHECK("SOCK_CLOEXEC sets FD_CLOEXEC", fcntl(sv[1], F_GETFD) & FD_CLOEXEC);
	p[0].fd = sv[0]; p[0].events = POLLIN | POLLOUT;
	p[1].fd = sv[1]; p[1].events = POLLIN | POLLOUT;
	CHECK_EQ("both writable, neither readable", poll(p, 2, 0), 2);
	CHECK_EQ("... sv[0] POLLOUT only", p[0].revents, POLLOUT);
	write(sv[0], "q", 1);
	poll(p, 2, 0);
	CHECK_EQ("after a write the peer is readable", p[1].revents, POLLIN | POLLOUT);
	read(sv[1], &c, 1);
	if (fork() == 0) {
		msleep(50);
		write(sv[1], "r", 1);
		_exit(0);
	}
	p[0].events = POLLIN;
	CHECK_EQ("poll sleeps until data arrives", poll(p, 1, 5000), 1);
	CHECK_EQ("... POLLIN", p[0].revents, POLLIN);
	wait(NULL);
	read(sv[0], &c, 1);
	close(sv[1]);
	p[0].events = POLLIN | POLLOUT | POLLRDHUP;
	poll(p, 1, 0);
	CHECK("peer closed: POLLHUP and POLLRDHUP",
	      (p[0].revents & (POLLHUP | POLLRDHUP | POLLIN)) == (POLLHUP | POLLRDHUP | POLLIN));
	close(sv[0]);

	/* O_ASYNC: SIGIO when data arrives */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	signal(SIGIO, on_io);
	fcntl(sv[0], F_SETOWN, getpid());
	CHECK_OK("O_ASYNC on a socket", fcntl(sv[0], F_SETFL, O_ASYNC));
	got_io = 0;
	write(sv[1], "s", 1);
	CHECK("SIGIO arrives with the data", got_io >= 1);
	close(sv[0]);
	close(sv[1]);
}

static void full_buffer(void)
{
	int sv[2], n = 0, status, sz = 4096;
	char buf[1024] = { 0 };
	socklen_t len = sizeof(sz);
	pid_t pid;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	CHECK_OK("SO_SNDBUF 4096", setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz)));
	getsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, &len);
	CHECK_EQ("SO_SNDBUF reads back doubled", sz, 8192);
	sz = 1;
	setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	getsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &sz, &len);
	CHECK_EQ("SO_RCVBUF has Linux's minimum", sz, 2304);
	CHECK_ERR("SO_SNDBUF with a short optlen: EINVAL",
		  setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, 2), EINVAL);
	while (send(sv[0], buf, sizeof(buf), MSG_DONTWAIT) > 0)
		n++;
	CHECK("the send buffer fills: EAGAIN after some writes", errno == EAGAIN && n > 0 && n < 64);
	pid = fork();
	if (pid == 0) {
		/* blocks until the parent reads */
		_exit(write(sv[0], buf, sizeof(buf)) == sizeof(buf) ? 0 : 1);
	}
	msleep(100);
	CHECK_EQ("the blocking writer is still waiting", waitpid(pid, &status, WNOHANG), 0);
	for (int i = 0; i < n + 1; i++)
		read(sv[1], buf, sizeof(buf));
	waitpid(pid, &status, 0);
	CHECK("reading makes room and the writer finishes",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(sv[0]);
	close(sv[1]);
}

static void mmsg_and_socketcall(void)
{
	int sv[2], i;
	char in[3][8], out[3][8] = { "a", "bb", "ccc" };
	struct iovec iov[6];
	struct mmsghdr mm[3];
	unsigned long args[4] = { AF_UNIX, SOCK_DGRAM, 0, (unsigned long)sv };

	/* socketcall(SYS_SOCKETPAIR) by hand: glibc may use the direct call */
	CHECK_OK("socketcall(SYS_SOCKETPAIR)", syscall(102, 8, args));
	memset(mm, 0, sizeof(mm));
	for (i = 0; i < 3; i++) {
		iov[i].iov_base = out[i];
		iov[i].iov_len = i + 1;
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	CHECK_EQ("sendmmsg sends 3 datagrams", sendmmsg(sv[0], mm, 3, 0), 3);
	CHECK_EQ("... the third was 3 bytes", mm[2].msg_len, 3);
	for (i = 0; i < 3; i++) {
		iov[3 + i].iov_base = in[i];
		iov[3 + i].iov_len = sizeof(in[i]);
		mm[i].msg_hdr.msg_iov = &iov[3 + i];
		mm[i].msg_len = 0;
	}
	CHECK_EQ("recvmmsg receives them", recvmmsg(sv[1], mm, 3, MSG_DONTWAIT, NULL), 3);
	CHECK("... each with its own length",
	      mm[0].msg_len == 1 && mm[1].msg_len == 2 && mm[2].msg_len == 3 &&
	      !memcmp(in[2], "ccc", 3));
	CHECK_ERR("recvmmsg on an empty socket: EAGAIN", recvmmsg(sv[1], mm, 3, MSG_DONTWAIT, NULL),
		  EAGAIN);
	CHECK_ERR("socketcall 99: EINVAL", syscall(102, 99, args), EINVAL);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	ping_pong();
	stream_bytes();
	records(SOCK_DGRAM, "dgram");
	records(SOCK_SEQPACKET, "seqpacket");
	shutdowns();
	polling();
	full_buffer();
	mmsg_and_socketcall();
	return utest_done();
}

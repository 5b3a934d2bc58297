/*
 * unix_scm.c - ancillary data on AF_UNIX: SCM_RIGHTS passing a pipe's read
 * end to an unrelated process that reads from it, files and sockets (one
 * carrying itself), 253 fds and SCM_MAX_FD, MSG_CTRUNC, MSG_PEEK with fds,
 * fds in cycles closed and collected, SCM_CREDENTIALS (checked for a
 * non-root sender), and bad input: closed fds (EBADF), truncated cmsgs,
 * bad msghdr/iovec/control pointers (EFAULT), 10,000 sockets until EMFILE.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#define NOBODY 65534

static int send_fds(int s, const int *fds, int n, const void *data, int len)
{
	static char cbuf[CMSG_SPACE(sizeof(int) * 300)];
	struct iovec iov = { (void *)data, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = CMSG_SPACE(sizeof(int) * n) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
	return sendmsg(s, &m, 0);
}

/* receive; returns bytes, fills fds (count in *n) and msg_flags */
static int recv_fds(int s, int *fds, int *n, int space, int flags, int *mflags)
{
	static char cbuf[CMSG_SPACE(sizeof(int) * 300)];
	char data[64];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = CMSG_SPACE(sizeof(int) * space) };
	int r = recvmsg(s, &m, flags);
	struct cmsghdr *c;

	*n = 0;
	if (mflags)
		*mflags = m.msg_flags;
	if (r < 0)
		return r;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			int k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);

			memcpy(fds + *n, CMSG_DATA(c), k * sizeof(int));
			*n += k;
		}
	}
	return r;
}

static int open_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) != -1)
			n++;
	return n;
}

static void pass_pipe_to_stranger(void)
{
	struct sockaddr_un a = { AF_UNIX, "" };
	socklen_t len;
	int s, c, p[2], status, n, fds[1];
	pid_t pid;

	snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "unix_scm.%d", (int)getpid());
	len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(s, (struct sockaddr *)&a, len);
	listen(s, 1);
	pid = fork();		/* the stranger: it never shared the pipe */
	if (pid == 0) {
		int x = accept(s, NULL, NULL), got[4], k;
		char buf[32];

		if (recv_fds(x, got, &k, 4, 0, NULL) != 1 || k != 1)
			_exit(1);
		if (read(got[0], buf, sizeof(buf)) != 11 || memcmp(buf, "through fd!", 11))
			_exit(2);
		_exit(read(got[0], buf, 1) == 0 ? 0 : 3);	/* EOF: the writer closed */
	}
	close(s);
	pipe(p);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_OK("connect to the stranger", connect(c, (struct sockaddr *)&a, len));
	fds[0] = p[0];
	CHECK_EQ("sendmsg with SCM_RIGHTS", send_fds(c, fds, 1, "x", 1), 1);
	close(p[0]);
	write(p[1], "through fd!", 11);
	close(p[1]);
	waitpid(pid, &status, 0);
	CHECK("the stranger read the pipe through the passed fd, then EOF",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(c);
	(void)n;
}

static void many_kinds(void)
{
	int sv[2], fds[256], got[256], n, fl, i, base = open_fds();
	char path[64], buf[8];

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	snprintf(path, sizeof(path), "/tmp/unix_scm.%d", (int)getpid());
	int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(f, "file", 4);
	fds[0] = f;
	CHECK_EQ("pass a regular file", send_fds(sv[0], fds, 1, "f", 1), 1);
	close(f);
	recv_fds(sv[1], got, &n, 4, 0, NULL);
	CHECK_EQ("one fd arrives", n, 1);
	CHECK("the file keeps its offset", n == 1 && lseek(got[0], 0, SEEK_CUR) == 4);
	pread(got[0], buf, 4, 0);
	CHECK("... and its data", !memcmp(buf, "file", 4));
	close(got[0]);
	unlink(path);

	/* a socket carrying itself: the fd arrives on its own peer */
	fds[0] = sv[0];
	CHECK_EQ("a socket's own fd sent over it", send_fds(sv[0], fds, 1, "s", 1), 1);
	recv_fds(sv[1], got, &n, 4, 0, NULL);
	CHECK("... arrives as a new fd", n == 1 && got[0] != sv[0]);
	CHECK_EQ("... that is the same socket", send(got[0], "m", 1, 0), 1);
	CHECK_EQ("... its peer receives", recv(sv[1], buf, 1, 0), 1);
	close(got[0]);

	/* 253 fds, the most one message takes */
	for (i = 0; i < 253; i++)
		fds[i] = 0;
	fds[254] = 0;
	CHECK_EQ("SCM_MAX_FD (253) fds in one message", send_fds(sv[0], fds, 253, "m", 1), 1);
	recv_fds(sv[1], got, &n, 253, 0, &fl);
	CHECK_EQ("all 253 arrive", n, 253);
	for (i = 0; i < n; i++)
		close(got[i]);
	CHECK_ERR("254 fds: EINVAL", send_fds(sv[0], fds, 254, "m", 1), EINVAL);

	/* a control buffer with room for 2 of 5: MSG_CTRUNC, the rest closed */
	send_fds(sv[0], fds, 5, "t", 1);
	recv_fds(sv[1], got, &n, 2, 0, &fl);
	CHECK_EQ("a short control buffer takes 2 fds", n, 2);
	CHECK("... and says MSG_CTRUNC", fl & MSG_CTRUNC);
	for (i = 0; i < n; i++)
		close(got[i]);
	CHECK_EQ("no fd is left open beyond those", open_fds(), base + 2);

	/* MSG_PEEK gets copies; the real read gets them again */
	send_fds(sv[0], fds, 1, "p", 1);
	recv_fds(sv[1], got, &n, 2, MSG_PEEK, NULL);
	CHECK_EQ("MSG_PEEK passes the fd too", n, 1);
	close(got[0]);
	recv_fds(sv[1], got, &n, 2, MSG_CMSG_CLOEXEC, NULL);
	CHECK_EQ("the read after the peek gets it again", n, 1);
	CHECK("MSG_CMSG_CLOEXEC marks it close-on-exec", n == 1 && (fcntl(got[0], F_GETFD) & 1));
	close(got[0]);

	/* a message with fds that is never read: closing the socket closes them */
	int p[2];
	pipe(p);
	fds[0] = p[1];
	send_fds(sv[0], fds, 1, "u", 1);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	CHECK_EQ("unread fds are closed with the socket: the pipe sees EOF", read(p[0], buf, 1), 0);
	close(p[0]);
	CHECK_EQ("open fds back to the start", open_fds(), base);
}

static void cycles(void)
{
	int base = open_fds(), ok = 1;

	for (int i = 0; i < 300; i++) {
		int a[2], b[2], fds[2];

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, a) || socketpair(AF_UNIX, SOCK_DGRAM, 0, b)) {
			ok = 0;
			break;
		}
		/* a[1] carries a[0] and a[1]; b[0] carries a and itself: cycles only */
		fds[0] = a[0];
		fds[1] = a[1];
		if (send_fds(a[0], fds, 2, "c", 1) != 1)
			ok = 0;
		fds[0] = b[0];
		fds[1] = a[0];
		if (send_fds(b[1], fds, 2, "d", 1) != 1)
			ok = 0;
		fds[0] = b[1];
		if (send_fds(b[0], fds, 1, "e", 1) != 1)
			ok = 0;
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
	}
	CHECK("300 rounds of sockets passed in cycles, then closed", ok);

	/* a chain 2000 deep: each socket rides in the next one's queue */
	int prev[2], depth;
	socketpair(AF_UNIX, SOCK_DGRAM, 0, prev);
	for (depth = 0; depth < 2000; depth++) {
		int n[2];

		if (socketpair(AF_UNIX, SOCK_DGRAM, 0, n))
			break;
		if (send_fds(n[0], &prev[1], 1, "k", 1) != 1)
			break;
		close(prev[0]);
		close(prev[1]);
		prev[0] = n[0];
		prev[1] = n[1];
	}
	CHECK_EQ("a chain of 2000 sockets inside sockets", depth, 2000);
	close(prev[0]);
	close(prev[1]);
	CHECK_EQ("closing its head frees it all (the kernel is still here)", open_fds(), base);
	CHECK_EQ("no fds left behind", open_fds(), base);

	/* a listener's embryo carrying the listener */
	struct sockaddr_un a = { AF_UNIX, "" };
	socklen_t len;
	snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "unix_scm_l.%d", (int)getpid());
	len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1);
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&a, len);
	listen(l, 2);
	connect(c, (struct sockaddr *)&a, len);
	int fds[2] = { l, c };
	CHECK_EQ("a client sends the listener and itself before accept", send_fds(c, fds, 2, "l", 1),
		 1);
	close(l);
	close(c);
	/* closing a socket is what sets the collector off */
	close(socket(AF_UNIX, SOCK_STREAM, 0));
	int again = socket(AF_UNIX, SOCK_STREAM, 0), bound = -1;
	/* today's Linux collects from a work queue: give it a moment */
	for (int i = 0; i < 200 && bound; i++) {
		bound = bind(again, (struct sockaddr *)&a, len);
		if (bound)
			usleep(10000);
	}
	CHECK_EQ("the collected listener's name is free again", bound, 0);
	close(again);
}

static void credentials(void)
{
	int sv[2], on = 1, status;
	char cbuf[CMSG_SPACE(sizeof(struct ucred))], data[8];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	struct ucred *uc;
	pid_t pid;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	CHECK_OK("SO_PASSCRED", setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	pid = fork();
	if (pid == 0) {
		char sbuf[CMSG_SPACE(sizeof(struct ucred))];
		struct iovec siov = { "n", 1 };
		struct msghdr sm = { .msg_iov = &siov, .msg_iovlen = 1, .msg_control = sbuf,
				     .msg_controllen = sizeof(sbuf) };
		struct cmsghdr *sc = CMSG_FIRSTHDR(&sm);
		struct ucred cr;

		setgid(NOBODY);
		setuid(NOBODY);
		send(sv[0], "plain", 5, 0);
		sc->cmsg_level = SOL_SOCKET;
		sc->cmsg_type = SCM_CREDENTIALS;
		sc->cmsg_len = CMSG_LEN(sizeof(cr));
		cr.pid = 1;
		cr.uid = NOBODY;
		cr.gid = NOBODY;
		memcpy(CMSG_DATA(sc), &cr, sizeof(cr));
		if (sendmsg(sv[0], &sm, 0) != -1 || errno != EPERM)
			_exit(1);
		cr.pid = getpid();
		cr.uid = 0;
		memcpy(CMSG_DATA(sc), &cr, sizeof(cr));
		if (sendmsg(sv[0], &sm, 0) != -1 || errno != EPERM)
			_exit(2);
		cr.uid = NOBODY;
		memcpy(CMSG_DATA(sc), &cr, sizeof(cr));
		_exit(sendmsg(sv[0], &sm, 0) == 1 ? 0 : 3);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ("nobody may not claim pid 1 or uid 0 (EPERM), may claim itself",
		 WEXITSTATUS(status), 0);
	CHECK_EQ("receive the plain message", recvmsg(sv[1], &m, 0), 5);
	c = CMSG_FIRSTHDR(&m);
	CHECK("it carries SCM_CREDENTIALS", c && c->cmsg_type == SCM_CREDENTIALS);
	uc = (struct ucred *)CMSG_DATA(c);
	CHECK("... the sender's pid, uid and gid",
	      c && uc->pid == pid && uc->uid == NOBODY && uc->gid == NOBODY);
	m.msg_controllen = sizeof(cbuf);
	CHECK_EQ("receive the one with explicit credentials", recvmsg(sv[1], &m, 0), 1);
	c = CMSG_FIRSTHDR(&m);
	uc = (struct ucred *)CMSG_DATA(c);
	CHECK("... as claimed", c && uc->pid == pid && uc->uid == NOBODY);
	close(sv[0]);
	close(sv[1]);
}

static void bad_input(void)
{
	int sv[2], fds[2] = { 0, 0 }, r;
	char cbuf[CMSG_SPACE(sizeof(int) * 2)];
	struct iovec iov = { "b", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = (struct cmsghdr *)cbuf;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int closed = dup(0);
	close(closed);
	fds[1] = closed;
	CHECK_ERR("SCM_RIGHTS with a closed fd: EBADF", send_fds(sv[0], fds, 2, "x", 1), EBADF);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = sizeof(cbuf) + 4;
	CHECK_ERR("a cmsg longer than the control buffer: EINVAL", sendmsg(sv[0], &m, 0), EINVAL);
	c->cmsg_len = 4;
	CHECK_ERR("a cmsg shorter than its header: EINVAL", sendmsg(sv[0], &m, 0), EINVAL);
	c->cmsg_len = CMSG_LEN(sizeof(struct ucred) - 4);
	c->cmsg_type = SCM_CREDENTIALS;
	CHECK_ERR("SCM_CREDENTIALS of the wrong size: EINVAL", sendmsg(sv[0], &m, 0), EINVAL);
	c->cmsg_type = 77;
	c->cmsg_len = CMSG_LEN(4);
	CHECK_ERR("an unknown SOL_SOCKET cmsg type: EINVAL", sendmsg(sv[0], &m, 0), EINVAL);
	m.msg_control = (void *)8;
	CHECK_ERR("a bad control pointer: EFAULT", sendmsg(sv[0], &m, 0), EFAULT);
	m.msg_control = NULL;
	m.msg_controllen = 0;
	iov.iov_base = (void *)8;
	CHECK_ERR("a bad iovec base: EFAULT", sendmsg(sv[0], &m, 0), EFAULT);
	m.msg_iov = (void *)8;
	CHECK_ERR("a bad iovec array: EFAULT", sendmsg(sv[0], &m, 0), EFAULT);
	CHECK_ERR("a bad msghdr: EFAULT", sendmsg(sv[0], (void *)8, 0), EFAULT);
	CHECK_ERR("a bad msghdr for recvmsg: EFAULT", recvmsg(sv[1], (void *)8, 0), EFAULT);
	m.msg_iov = &iov;
	m.msg_iovlen = 2000;
	CHECK_ERR("more than UIO_MAXIOV iovecs: EMSGSIZE", sendmsg(sv[0], &m, 0), EMSGSIZE);
	write(sv[0], "abc", 3);
	char buf[4];
	CHECK_ERR("recv into a bad buffer: EFAULT", recv(sv[1], (void *)8, 3, 0), EFAULT);
	r = recv(sv[1], buf, 3, MSG_DONTWAIT);
	CHECK("the data is still there after the fault (or consumed, as Linux)", r == 3 || r == -1);
	close(sv[0]);
	close(sv[1]);

	/* 10,000 sockets until the fd table is full */
	static int many[10000];
	int n = 0, err = 0;
	while (n < 10000) {
		int s = socket(AF_UNIX, n & 1 ? SOCK_DGRAM : SOCK_STREAM, 0);

		if (s < 0) {
			err = errno;
			break;
		}
		many[n++] = s;
	}
	CHECK("10,000 sockets, or EMFILE/ENFILE first",
	      n == 10000 || err == EMFILE || err == ENFILE);
	while (n > 0)
		close(many[--n]);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK("sockets work again afterwards", s >= 0);
	close(s);
}

int main(void)
{
	pass_pipe_to_stranger();
	many_kinds();
	cycles();
	credentials();
	bad_input();
	return utest_done();
}

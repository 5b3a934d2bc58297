/*
 * unix_server.c - named AF_UNIX sockets: a server on a path with 8 clients,
 * abstract names and autobind, getsockname/getpeername, the listen backlog
 * with blocking and non-blocking connect and accept4, SO_PEERCRED between two
 * users, and the errors: ECONNREFUSED, EADDRINUSE, ENOENT, EACCES,
 * EPROTOTYPE, EINVAL for bad address lengths, accept on a non-listener,
 * EAFNOSUPPORT, ESOCKTNOSUPPORT.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>

#define NOBODY 65534

static char path[108], path2[108];

static socklen_t mkaddr(struct sockaddr_un *a, const char *p)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, p);
	return offsetof(struct sockaddr_un, sun_path) + strlen(p) + 1;
}

static socklen_t mkabstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, name, strlen(name));
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static void server_8_clients(void)
{
	struct sockaddr_un a, b;
	socklen_t len = mkaddr(&a, path), blen;
	int srv = socket(AF_UNIX, SOCK_STREAM, 0), i, ok = 1, status;
	struct stat st;

	CHECK_OK("bind to a path", bind(srv, (struct sockaddr *)&a, len));
	CHECK_OK("the path exists", stat(path, &st));
	CHECK("... as a socket inode", S_ISSOCK(st.st_mode));
	CHECK_OK("listen", listen(srv, 8));
	blen = sizeof(b);
	CHECK_OK("getsockname", getsockname(srv, (struct sockaddr *)&b, &blen));
	CHECK("getsockname gives the path back", blen == len && !strcmp(b.sun_path, path));
	for (i = 0; i < 8; i++) {
		if (fork() == 0) {
			int c = socket(AF_UNIX, SOCK_STREAM, 0);
			char buf[32], want[32];

			if (connect(c, (struct sockaddr *)&a, len))
				_exit(1);
			snprintf(want, sizeof(want), "client %d", i);
			write(c, want, strlen(want));
			if (read(c, buf, sizeof(buf)) != (ssize_t)strlen(want) + 3)
				_exit(2);
			_exit(memcmp(buf, "re:", 3) || memcmp(buf + 3, want, strlen(want)) ? 3 : 0);
		}
	}
	for (i = 0; i < 8; i++) {
		struct sockaddr_un peer;
		socklen_t plen = sizeof(peer);
		int c = accept(srv, (struct sockaddr *)&peer, &plen);
		char buf[40] = "re:";
		ssize_t n;

		if (c < 0 || plen != sizeof(sa_family_t)) {
			ok = 0;
			continue;
		}
		n = read(c, buf + 3, sizeof(buf) - 3);
		if (n <= 0 || write(c, buf, n + 3) != n + 3)
			ok = 0;
		close(c);
	}
	CHECK("8 clients accepted, each unbound (address length 2), each answered", ok);
	for (i = 0; i < 8; i++) {
		wait(&status);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			ok = 0;
	}
	CHECK("every client got its own answer", ok);

	int s2 = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("bind to a path in use: EADDRINUSE", bind(s2, (struct sockaddr *)&a, len),
		  EADDRINUSE);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_ERR("a dgram socket connecting to a stream one: EPROTOTYPE",
		  connect(d, (struct sockaddr *)&a, len), EPROTOTYPE);
	close(d);
	close(srv);
	CHECK_ERR("connect after the server closed: ECONNREFUSED",
		  connect(s2, (struct sockaddr *)&a, len), ECONNREFUSED);
	unlink(path);
	CHECK_ERR("connect to a path that is gone: ENOENT",
		  connect(s2, (struct sockaddr *)&a, len), ENOENT);
	close(s2);
}

static void abstract_names(void)
{
	struct sockaddr_un a, b;
	char name[32];
	socklen_t len, blen;
	int s, s2, c, x;

	snprintf(name, sizeof(name), "unix_server.%d", (int)getpid());
	len = mkabstract(&a, name);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_OK("bind an abstract name", bind(s, (struct sockaddr *)&a, len));
	CHECK_OK("listen on it", listen(s, 1));
	blen = sizeof(b);
	getsockname(s, (struct sockaddr *)&b, &blen);
	CHECK("getsockname: the same abstract name", blen == len && !memcmp(&a, &b, len));
	s2 = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("the same abstract name again: EADDRINUSE", bind(s2, (struct sockaddr *)&a, len),
		  EADDRINUSE);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_OK("connect to the abstract name", connect(c, (struct sockaddr *)&a, len));
	blen = sizeof(b);
	CHECK_OK("getpeername", getpeername(c, (struct sockaddr *)&b, &blen));
	CHECK("getpeername: the server's name", blen == len && !memcmp(&a, &b, len));
	x = accept(s, NULL, NULL);
	CHECK("accept", x >= 0);
	close(x);
	close(c);
	close(s);
	/* the name is free once its socket is closed */
	CHECK_OK("the name is free after close", bind(s2, (struct sockaddr *)&a, len));
	close(s2);
	a.sun_path[1] ^= 1;
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR("an abstract name nobody has: ECONNREFUSED",
		  connect(c, (struct sockaddr *)&a, len), ECONNREFUSED);
	/* autobind */
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_OK("bind with only the family: autobind",
		 bind(s, (struct sockaddr *)&(sa_family_t){ AF_UNIX }, sizeof(sa_family_t)));
	blen = sizeof(b);
	getsockname(s, (struct sockaddr *)&b, &blen);
	CHECK("autobind: a 5-character abstract name", blen == 8 && b.sun_path[0] == 0);
	close(s);
	close(c);
}

static void backlog(void)
{
	struct sockaddr_un a;
	char name[32];
	socklen_t len;
	int s, c1, c2, c3, x, status;
	pid_t pid;

	snprintf(name, sizeof(name), "unix_backlog.%d", (int)getpid());
	len = mkabstract(&a, name);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(s, (struct sockaddr *)&a, len);
	CHECK_ERR("accept on a bound socket that is not listening: EINVAL", accept(s, NULL, NULL),
		  EINVAL);
	listen(s, 0);
	CHECK_ERR("accept4 with bad flags: EINVAL", accept4(s, NULL, NULL, 0x1234), EINVAL);
	fcntl(s, F_SETFL, O_NONBLOCK);
	CHECK_ERR("accept on a non-blocking listener: EAGAIN", accept(s, NULL, NULL), EAGAIN);
	fcntl(s, F_SETFL, 0);
	c1 = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_OK("backlog 0 still takes one connection", connect(c1, (struct sockaddr *)&a, len));
	CHECK_EQ("a client may write before accept", write(c1, "early", 5), 5);
	c2 = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK_ERR("a non-blocking connect beyond the backlog: EAGAIN",
		  connect(c2, (struct sockaddr *)&a, len), EAGAIN);
	pid = fork();
	if (pid == 0) {
		c3 = socket(AF_UNIX, SOCK_STREAM, 0);
		_exit(connect(c3, (struct sockaddr *)&a, len) ? 1 : 0);
	}
	struct timespec ts = { 0, 100000000 };
	nanosleep(&ts, NULL);
	CHECK_EQ("a blocking connect beyond the backlog waits", waitpid(pid, &status, WNOHANG), 0);
	x = accept4(s, NULL, NULL, SOCK_CLOEXEC);
	CHECK("accept4 with SOCK_CLOEXEC", x >= 0 && (fcntl(x, F_GETFD) & FD_CLOEXEC));
	char buf[8];
	CHECK_EQ("the early data is there", read(x, buf, sizeof(buf)), 5);
	waitpid(pid, &status, 0);
	CHECK("accept made room: the waiting connect completes",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	struct pollfd p = { s, POLLIN, 0 };
	CHECK_EQ("a pending connection makes the listener readable", poll(&p, 1, 0), 1);
	close(s);
	CHECK_ERR("read on an unconnected stream socket: EINVAL", read(c2, buf, 1), EINVAL);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	a.sun_path[1] ^= 2;
	bind(s, (struct sockaddr *)&a, len);
	listen(s, 5);
	c3 = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(c3, (struct sockaddr *)&a, len);
	close(s);
	CHECK_ERR("a connection never accepted is reset when the listener closes",
		  read(c3, buf, 1), ECONNRESET);
	CHECK_EQ("... then EOF", read(c3, buf, 1), 0);
	close(c3);
	close(x);
	close(c1);
	close(c2);
}

static void peercred(void)
{
	struct sockaddr_un a;
	socklen_t len = mkaddr(&a, path2), clen;
	struct ucred cr;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), x, status;
	pid_t pid;

	bind(s, (struct sockaddr *)&a, len);
	chmod(path2, 0777);
	listen(s, 4);
	pid = fork();
	if (pid == 0) {
		int c;

		if (setgid(NOBODY) || setuid(NOBODY))
			_exit(10);
		c = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(c, (struct sockaddr *)&a, len))
			_exit(11);
		clen = sizeof(cr);
		if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &clen))
			_exit(12);
		/* the server's credentials as at listen() */
		if (cr.uid != 0 || cr.gid != 0 || cr.pid != (pid_t)getppid())
			_exit(13);
		char c1;
		read(c, &c1, 1);
		_exit(0);
	}
	x = accept(s, NULL, NULL);
	clen = sizeof(cr);
	CHECK_OK("SO_PEERCRED", getsockopt(x, SOL_SOCKET, SO_PEERCRED, &cr, &clen));
	CHECK_EQ("SO_PEERCRED length", clen, sizeof(cr));
	CHECK_EQ("SO_PEERCRED pid is the client's", cr.pid, pid);
	CHECK_EQ("SO_PEERCRED uid is nobody", cr.uid, NOBODY);
	CHECK_EQ("SO_PEERCRED gid is nobody", cr.gid, NOBODY);
	write(x, "k", 1);
	waitpid(pid, &status, 0);
	CHECK_EQ("the client saw root as its peer", WEXITSTATUS(status), 0);
	close(x);

	/* EACCES: nobody may not write the socket inode */
	chmod(path2, 0700);
	pid = fork();
	if (pid == 0) {
		int c;

		if (setuid(NOBODY))
			_exit(10);
		c = socket(AF_UNIX, SOCK_STREAM, 0);
		_exit(connect(c, (struct sockaddr *)&a, len) == -1 && errno == EACCES ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ("connect without write permission on the socket inode: EACCES",
		 WEXITSTATUS(status), 0);
	close(s);
	unlink(path2);
}

static int *volatile badvec = (int *)8;

static void bad_addresses(void)
{
	struct sockaddr_un a;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), d = socket(AF_UNIX, SOCK_DGRAM, 0);
	socklen_t len = mkaddr(&a, path);

	CHECK_ERR("bind with length 1: EINVAL", bind(s, (struct sockaddr *)&a, 1), EINVAL);
	CHECK_ERR("bind longer than sockaddr_un: EINVAL",
		  bind(s, (struct sockaddr *)&a, sizeof(a) + 1), EINVAL);
	CHECK_ERR("connect with length 1: EINVAL", connect(s, (struct sockaddr *)&a, 1), EINVAL);
	CHECK_ERR("a negative length: EINVAL", bind(s, (struct sockaddr *)&a, -1), EINVAL);
	CHECK_ERR("a bad address pointer: EFAULT", bind(s, (struct sockaddr *)8, len), EFAULT);
	a.sun_family = 2;
	CHECK_ERR("the wrong family in the address: EINVAL", bind(s, (struct sockaddr *)&a, len),
		  EINVAL);
	CHECK_ERR("connect to a wrong family: EINVAL", connect(s, (struct sockaddr *)&a, len),
		  EINVAL);
	a.sun_family = AF_UNIX;
	CHECK_ERR("a path in a missing directory: ENOENT",
		  connect(s, (struct sockaddr *)&a, mkaddr(&a, "/no/such/dir/sock")), ENOENT);
	CHECK_ERR("connect to a non-socket: ECONNREFUSED",
		  connect(s, (struct sockaddr *)&a, mkaddr(&a, "/")), ECONNREFUSED);
	CHECK_ERR("listen on an unbound socket: EINVAL", listen(s, 1), EINVAL);
	CHECK_ERR("listen on a dgram socket: EOPNOTSUPP", listen(d, 1), EOPNOTSUPP);
	CHECK_ERR("accept on a dgram socket: EOPNOTSUPP", accept(d, NULL, NULL), EOPNOTSUPP);
	CHECK_ERR("send on an unconnected dgram socket: ENOTCONN", send(d, "x", 1, 0), ENOTCONN);
	CHECK_ERR("send on an unconnected stream: ENOTCONN", send(s, "x", 1, 0), ENOTCONN);
	CHECK_ERR("getpeername unconnected: ENOTCONN",
		  getpeername(s, (struct sockaddr *)&a, &(socklen_t){ sizeof(a) }), ENOTCONN);
	CHECK_ERR("family 100: EAFNOSUPPORT", socket(100, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR("type 4 (RDM) in AF_UNIX: ESOCKTNOSUPPORT", socket(AF_UNIX, SOCK_RDM, 0),
		  ESOCKTNOSUPPORT);
	CHECK_ERR("type 77: EINVAL", socket(AF_UNIX, 77, 0), EINVAL);
	CHECK_ERR("protocol 5: EPROTONOSUPPORT", socket(AF_UNIX, SOCK_STREAM, 5), EPROTONOSUPPORT);
	CHECK_ERR("socket on a bad flag: EINVAL", socket(AF_UNIX, SOCK_STREAM | 0x100, 0), EINVAL);
	CHECK_ERR("socketpair with a bad vector: EFAULT",
		  socketpair(AF_UNIX, SOCK_STREAM, 0, badvec), EFAULT);
	CHECK_ERR("getsockopt on fd 9999: EBADF",
		  getsockopt(9999, SOL_SOCKET, SO_TYPE, &(int){ 0 }, &(socklen_t){ 4 }), EBADF);
	int t;
	socklen_t tl = sizeof(t);
	CHECK_OK("SO_TYPE", getsockopt(d, SOL_SOCKET, SO_TYPE, &t, &tl));
	CHECK_EQ("SO_TYPE is SOCK_DGRAM", t, SOCK_DGRAM);
	close(s);
	close(d);
}

int main(void)
{
	snprintf(path, sizeof(path), "/tmp/unix_server.%d", (int)getpid());
	snprintf(path2, sizeof(path2), "/tmp/unix_cred.%d", (int)getpid());
	server_8_clients();
	abstract_names();
	backlog();
	peercred();
	bad_addresses();
	return utest_done();
}

/*
 * user/deadlock_demo.c - the IPC mistakes the kshell's "waits -d" explains:
 *   selfpipe  a reader that still holds its own write end
 *   cross     two processes, each reading the other's pipe before writing
 *   philo     three philosophers, each taking its left fork with SEM_UNDO
 *   pipeline  a | b | c where b never closes the write end of its input
 *   nap       a reader whose writer merely sleeps (no deadlock)
 *   many N    N readers of one pipe whose writer sleeps (no deadlock)
 *   sockself  a reader of a socketpair that still holds the other end
 *   sockdgram a sender on a full named datagram socket that only it reads
 *   sockfull  two processes that both write a full stream socketpair first
 *   sockpass  a reader whose other end rides, unread, in an SCM_RIGHTS
 *             message on a socket the reader holds itself
 *   socknap   a reader whose peer merely sleeps (no deadlock)
 *   futex     two threads taking two mutexes in opposite orders
 *   robust    two processes, two robust shared mutexes, opposite orders
 *   shmfutex  two processes each waiting on a futex word in a removed SysV
 *             segment that only the other could wake
 *   futexnap  a futex waiter whose only waker merely sleeps (no deadlock)
 *   pause     a child in pause, its parent in wait4 (no deadlock)
 *   fifo      a FIFO reader that holds the write end itself: any process
 *             may still open the FIFO by its name (no deadlock)
 *   philotimed the philosophers with semtimedop and a 60 s timeout (no deadlock)
 *   sockaccept a client that reads before its own listener has accepted it
 *   dgrampair a reader of a datagram socketpair that holds the other end
 *   mqself    a receiver on an unlinked POSIX queue that only it has open
 *   mqnamed   the same with the queue's name kept: anyone may open it (no deadlock)
 * Each sets the situation up, says "ready", and hangs (but the naps, in 60 s).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <linux/futex.h>
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <sys/un.h>
#include <sys/wait.h>

static void ready(const char *what)
{
	printf("deadlock_demo %s: ready\n", what);
	fflush(stdout);
}

static void drain(int fd)
{
	char buf[64];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

static int selfpipe(void)
{
	int p[2];

	if (pipe(p))
		return 1;
	write(p[1], "x", 1);
	ready("selfpipe");
	drain(p[0]);		/* the bug: p[1] is still open here */
	return 0;
}

static int cross(void)
{
	int a[2], b[2];
	char c;

	if (pipe(a) || pipe(b))
		return 1;
	if (fork() == 0) {
		read(b[0], &c, 1);	/* waits for the parent's message first */
		write(a[1], "x", 1);
		_exit(0);
	}
	ready("cross");
	read(a[0], &c, 1);		/* ... and the parent waits for the child's */
	write(b[1], "x", 1);
	return 0;
}

static int philo_timed(int timed)
{
	int n = 3, id = semget(IPC_PRIVATE, n, 0600);
	struct sembuf one = { 0, 1, 0 };

	if (id < 0)
		return 1;
	for (int i = 0; i < n; i++) {
		one.sem_num = i;
		semop(id, &one, 1);
	}
	for (int i = 0; i < n; i++)
		if (fork() == 0) {
			struct sembuf left = { i, -1, SEM_UNDO }, right = { (i + 1) % n, -1, SEM_UNDO };

			struct timespec minute = { 60, 0 };

			semop(id, &left, 1);
			usleep(300000);	/* every philosopher has its left fork now */
			semtimedop(id, &right, 1, timed ? &minute : NULL);
			_exit(0);
		}
	ready(timed ? "philotimed" : "philo");
	while (wait(NULL) > 0)
		;
	return 0;
}

static int philo(void)
{
	return philo_timed(0);
}

static int fifo(void)
{
	const char *path = "/tmp/deadlock_demo.fifo";
	int r, w;

	unlink(path);
	if (mkfifo(path, 0600))
		return 1;
	r = open(path, O_RDONLY | O_NONBLOCK);
	w = open(path, O_WRONLY);
	if (r < 0 || w < 0)
		return 1;
	fcntl(r, F_SETFL, 0);
	ready("fifo");
	drain(r);		/* w is ours, but another process may open the FIFO and write */
	return 0;
}

static int pipeline(void)
{
	int in[2], out[2];

	if (pipe(in) || pipe(out))
		return 1;
	if (fork() == 0) {		/* a: writes and exits */
		close(out[0]);
		close(out[1]);
		close(in[0]);
		write(in[1], "data\n", 5);
		_exit(0);
	}
	if (fork() == 0) {		/* b: forgets to close in[1] */
		close(out[0]);
		drain(in[0]);
		write(out[1], "done\n", 5);
		_exit(0);
	}
	if (fork() == 0) {		/* c */
		close(in[0]);
		close(in[1]);
		close(out[1]);
		drain(out[0]);
		_exit(0);
	}
	close(in[0]);
	close(in[1]);
	close(out[0]);
	close(out[1]);
	ready("pipeline");
	while (wait(NULL) > 0)
		;
	return 0;
}

static int nap(void)
{
	int p[2];

	if (pipe(p))
		return 1;
	if (fork() == 0) {
		close(p[0]);
		sleep(60);	/* nanosleep: it will write, just not yet */
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	ready("nap");
	drain(p[0]);
	wait(NULL);
	return 0;
}

static int many(int n)
{
	int p[2], made = 0;

	if (pipe(p))
		return 1;
	for (; made < n; made++) {
		pid_t pid = fork();

		if (pid < 0)
			break;
		if (pid == 0) {
			close(p[1]);
			drain(p[0]);
			_exit(0);
		}
	}
	close(p[0]);
	printf("deadlock_demo many: %d readers\n", made);
	ready("many");
	sleep(60);
	close(p[1]);
	while (wait(NULL) > 0)
		;
	return 0;
}

static int sockself(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	write(sv[1], "x", 1);
	ready("sockself");
	drain(sv[0]);		/* the bug: sv[1] is still open here */
	return 0;
}

static int sockdgram(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX, .sun_path = "\0deadlock_demo" };
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 15;
	int srv = socket(AF_UNIX, SOCK_DGRAM, 0), cli = socket(AF_UNIX, SOCK_DGRAM, 0);

	if (srv < 0 || cli < 0 || bind(srv, (struct sockaddr *)&a, len))
		return 1;
	ready("sockdgram");
	/* the queue holds 10 datagrams; the 11th waits for a reader that is us */
	for (int i = 0; i < 20; i++)
		sendto(cli, "x", 1, 0, (struct sockaddr *)&a, len);
	return 0;
}

static void fill(int fd)
{
	static char buf[4096];

	for (int i = 0; i < 1024; i++)
		if (write(fd, buf, sizeof(buf)) < 0)
			return;
}

static int sockfull(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	if (fork() == 0) {
		close(sv[0]);
		fill(sv[1]);	/* both send everything before reading anything */
		drain(sv[1]);
		_exit(0);
	}
	close(sv[1]);
	ready("sockfull");
	fill(sv[0]);
	drain(sv[0]);
	wait(NULL);
	return 0;
}

static int send_fd(int via, int fd)
{
	char c = 'f', cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(via, &m, 0) == 1 ? 0 : -1;
}

static int sockpass(void)
{
	int data[2], chan[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, data) || socketpair(AF_UNIX, SOCK_STREAM, 0, chan))
		return 1;
	/* hand the write side to a helper that was meant to read chan[1]... */
	if (send_fd(chan[0], data[1]))
		return 1;
	close(data[1]);
	ready("sockpass");
	drain(data[0]);		/* ... but the helper never came: chan[1] is ours, unread */
	return 0;
}

static int socknap(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	if (fork() == 0) {
		close(sv[0]);
		sleep(60);	/* it will write, just not yet */
		write(sv[1], "x", 1);
		_exit(0);
	}
	close(sv[1]);
	ready("socknap");
	drain(sv[0]);
	wait(NULL);
	return 0;
}

static long futex_wait(int *word, int val)
{
	return syscall(SYS_futex, word, FUTEX_WAIT, val, NULL, NULL, 0);
}

static pthread_mutex_t ma = PTHREAD_MUTEX_INITIALIZER, mb = PTHREAD_MUTEX_INITIALIZER;

static void *second(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mb);
	usleep(300000);
	pthread_mutex_lock(&ma);	/* the main thread holds it and wants mb */
	return NULL;
}

static int futex_threads(void)
{
	pthread_t t;

	pthread_mutex_lock(&ma);
	if (pthread_create(&t, NULL, second, NULL))
		return 1;
	ready("futex");
	usleep(300000);
	pthread_mutex_lock(&mb);
	return 0;
}

static int robust(void)
{
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				  -1, 0);
	pthread_mutexattr_t at;

	if (m == MAP_FAILED)
		return 1;
	pthread_mutexattr_init(&at);
	pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&m[0], &at);
	pthread_mutex_init(&m[1], &at);
	if (fork() == 0) {
		pthread_mutex_lock(&m[1]);
		usleep(300000);
		pthread_mutex_lock(&m[0]);
		_exit(0);
	}
	pthread_mutex_lock(&m[0]);
	ready("robust");
	usleep(300000);
	pthread_mutex_lock(&m[1]);
	wait(NULL);
	return 0;
}

static int shmfutex(void)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	int *w = id < 0 ? (void *)-1 : shmat(id, NULL, 0);

	if (w == (void *)-1)
		return 1;
	shmctl(id, IPC_RMID, NULL);	/* attached still, but no one new can attach */
	w[0] = w[1] = 0;
	if (fork() == 0) {
		futex_wait(&w[0], 0);	/* the parent was to wake it... */
		_exit(0);
	}
	ready("shmfutex");
	futex_wait(&w[1], 0);		/* ... and the child the parent */
	wait(NULL);
	return 0;
}

static int futexnap(void)
{
	int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (w == MAP_FAILED)
		return 1;
	*w = 0;
	if (fork() == 0) {
		sleep(60);
		*w = 1;
		syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
		_exit(0);
	}
	ready("futexnap");
	while (*w == 0)
		futex_wait(w, 0);
	wait(NULL);
	return 0;
}

static int pause_demo(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	ready("pause");
	waitpid(pid, NULL, 0);
	return 0;
}

static int sockaccept(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX, .sun_path = "\0deadlock_demo_accept" };
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 22;
	int srv = socket(AF_UNIX, SOCK_STREAM, 0), cli = socket(AF_UNIX, SOCK_STREAM, 0);
	char c;

	if (srv < 0 || cli < 0 || bind(srv, (struct sockaddr *)&a, len) || listen(srv, 4) ||
	    connect(cli, (struct sockaddr *)&a, len))
		return 1;
	ready("sockaccept");
	read(cli, &c, 1);	/* the bug: the accept (and its reply) comes after this read */
	return 0;
}

static int dgrampair(void)
{
	int sv[2];
	char c;

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return 1;
	ready("dgrampair");
	recv(sv[0], &c, 1, 0);	/* only sv[1] can send to it, and that is ours */
	return 0;
}

static int mq(int keep_name)
{
	struct mq_attr at = { .mq_maxmsg = 4, .mq_msgsize = 16 };
	const char *name = keep_name ? "/deadlock_demo_named" : "/deadlock_demo";
	char buf[16];
	mqd_t q;

	mq_unlink(name);
	q = mq_open(name, O_RDWR | O_CREAT, 0600, &at);
	if (q == (mqd_t)-1)
		return 1;
	if (!keep_name)
		mq_unlink(name);	/* no one else can open it now */
	ready(keep_name ? "mqnamed" : "mqself");
	mq_receive(q, buf, sizeof(buf), NULL);
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	if (!strcmp(m, "selfpipe"))
		return selfpipe();
	if (!strcmp(m, "cross"))
		return cross();
	if (!strcmp(m, "philo"))
		return philo();
	if (!strcmp(m, "pipeline"))
		return pipeline();
	if (!strcmp(m, "nap"))
		return nap();
	if (!strcmp(m, "many") && argc > 2)
		return many(atoi(argv[2]));
	if (!strcmp(m, "sockself"))
		return sockself();
	if (!strcmp(m, "sockdgram"))
		return sockdgram();
	if (!strcmp(m, "sockfull"))
		return sockfull();
	if (!strcmp(m, "sockpass"))
		return sockpass();
	if (!strcmp(m, "socknap"))
		return socknap();
	if (!strcmp(m, "futex"))
		return futex_threads();
	if (!strcmp(m, "robust"))
		return robust();
	if (!strcmp(m, "shmfutex"))
		return shmfutex();
	if (!strcmp(m, "futexnap"))
		return futexnap();
	if (!strcmp(m, "pause"))
		return pause_demo();
	if (!strcmp(m, "fifo"))
		return fifo();
	if (!strcmp(m, "philotimed"))
		return philo_timed(1);
	if (!strcmp(m, "sockaccept"))
		return sockaccept();
	if (!strcmp(m, "dgrampair"))
		return dgrampair();
	if (!strcmp(m, "mqself"))
		return mq(0);
	if (!strcmp(m, "mqnamed"))
		return mq(1);
	fprintf(stderr, "usage: deadlock_demo selfpipe|cross|philo|pipeline|nap|many N|sockself|"
		"sockdgram|sockfull|sockpass|socknap|futex|robust|shmfutex|futexnap|pause|fifo|philotimed|sockaccept|dgrampair|mqself|mqnamed\n");
	return 2;
}

/*
 * user/bench/lat_msg.c - SysV message round trip on one queue: the parent
 * sends a type-1 message and receives type 2; the child receives type 1
 * and answers with type 2. Usage: lat_msg [ROUND_TRIPS]
 * prints "lat_msg US us".
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include "bench.h"

struct small_msg {
	long mtype;
	char mtext[8];
};

static int msqid = -1;

static void remove_queue(void)
{
	if (msqid >= 0)
		msgctl(msqid, IPC_RMID, NULL);
}

static int msg_send(long type)
{
	struct small_msg m = { .mtype = type };
	int r;

	memcpy(m.mtext, "ping", 4);
	while ((r = msgsnd(msqid, &m, sizeof(m.mtext), 0)) != 0 &&
	       errno == EINTR)
		;
	return r;
}

static int msg_recv(long type)
{
	struct small_msg m;
	ssize_t r;

	while ((r = msgrcv(msqid, &m, sizeof(m.mtext), type, 0)) < 0 &&
	       errno == EINTR)
		;
	if (r < 0)
		return -1;
	if (r != sizeof(m.mtext) || m.mtype != type) {
		errno = 0;
		die("msgrcv type %ld: got %ld bytes of type %ld", type,
		    (long)r, m.mtype);
	}
	return 0;
}

static void round_trips(long count)
{
	long i;

	for (i = 0; i < count; i++) {
		if (msg_send(1) != 0)
			die("msgsnd");
		if (msg_recv(2) != 0)
			die("msgrcv");
	}
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 100000);
	long warm = n / 10 + 1;
	uint64_t t0, t1;
	pid_t pid;
	long i;

	msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (msqid < 0)
		die("msgget");
	bench_cleanup = remove_queue;	/* also in the child: wakes the parent */
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		for (i = 0; i < warm + n; i++) {
			if (msg_recv(1) != 0)
				die("child msgrcv");
			if (msg_send(2) != 0)
				die("child msgsnd");
		}
		_exit(0);
	}
	watch_child(pid);
	round_trips(warm);
	t0 = now_ns();
	round_trips(n);
	t1 = now_ns();
	wait_child_ok(pid);
	remove_queue();
	report_lat("lat_msg", t1 - t0, n);
	return 0;
}

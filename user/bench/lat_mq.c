/*
 * user/bench/lat_mq.c - POSIX message queue round trip between two
 * processes (lat_msg's System V round trip, the POSIX way): the parent
 * sends 8 bytes on one queue and receives the answer on a second; the
 * child does the reverse. Usage: lat_mq [ROUND_TRIPS]
 * prints "lat_mq US us".
 */
#include <fcntl.h>
#include <mqueue.h>
#include "bench.h"

static char ping_name[64], pong_name[64];

static void remove_queues(void)
{
	mq_unlink(ping_name);
	mq_unlink(pong_name);
}

static int send8(mqd_t q)
{
	int r;

	while ((r = mq_send(q, "ping1234", 8, 0)) != 0 && errno == EINTR)
		;
	return r;
}

static int recv8(mqd_t q)
{
	char buf[64];
	ssize_t r;

	while ((r = mq_receive(q, buf, sizeof(buf), NULL)) < 0 && errno == EINTR)
		;
	if (r < 0)
		return -1;
	if (r != 8) {
		errno = 0;
		die("mq_receive: got %ld bytes", (long)r);
	}
	return 0;
}

int main(int argc, char **argv)
{
	long n = bench_iterations(argc, argv, 100000);
	long warm = n / 10 + 1;
	struct mq_attr a = { .mq_maxmsg = 1, .mq_msgsize = 64 };
	mqd_t ping, pong;
	uint64_t t0, t1;
	pid_t pid;
	long i;

	snprintf(ping_name, sizeof(ping_name), "/lat_mq_ping_%d", (int)getpid());
	snprintf(pong_name, sizeof(pong_name), "/lat_mq_pong_%d", (int)getpid());
	ping = mq_open(ping_name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	pong = mq_open(pong_name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	if (ping < 0 || pong < 0) {
		remove_queues();
		die("mq_open");
	}
	bench_cleanup = remove_queues;
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		for (i = 0; i < warm + n; i++) {
			if (recv8(ping) != 0)
				die("child mq_receive");
			if (send8(pong) != 0)
				die("child mq_send");
		}
		_exit(0);
	}
	watch_child(pid);
	for (i = 0; i < warm; i++)
		if (send8(ping) != 0 || recv8(pong) != 0)
			die("warm-up");
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (send8(ping) != 0 || recv8(pong) != 0)
			die("round trip");
	t1 = now_ns();
	wait_child_ok(pid);
	remove_queues();
	report_lat("lat_mq", t1 - t0, n);
	return 0;
}

/*
 * time_timerfd.c - timerfd: a one-shot read back and fired, an interval's
 * expiries counted in one read, TFD_TIMER_ABSTIME on CLOCK_REALTIME,
 * TFD_NONBLOCK's EAGAIN, disarming, a blocking read broken by a signal,
 * timerfd under epoll; bad clocks, flags, times, fds and pointers.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include "utest.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_alarm(int sig) { (void)sig; }

int main(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), nb, ep, p[2];
	struct itimerspec v = { { 0, 0 }, { 0, 30000000 } }, o;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 5 }, evs[2];
	uint64_t ticks = 0;
	double t0;

	CHECK("timerfd_create", fd >= 0);
	CHECK_OK("gettime of a new one", timerfd_gettime(fd, &o));
	CHECK("disarmed", !o.it_value.tv_sec && !o.it_value.tv_nsec);
	t0 = now_s();
	CHECK_OK("arm 30 ms", timerfd_settime(fd, 0, &v, NULL));
	timerfd_gettime(fd, &o);
	CHECK("at most 30 ms left", !o.it_value.tv_sec && o.it_value.tv_nsec > 0 && o.it_value.tv_nsec <= 30000000);
	CHECK_EQ("a read blocks until it fires", read(fd, &ticks, 8), 8);
	CHECK("after 30 ms", now_s() - t0 >= 0.029);
	CHECK_EQ("one expiry", ticks, 1);

	v.it_value.tv_nsec = 1000000;
	v.it_interval.tv_nsec = 1000000;
	timerfd_settime(fd, 0, &v, NULL);
	usleep(100000);
	read(fd, &ticks, 8);
	CHECK("a 1 ms interval: about 100 expiries in one read after 100 ms", ticks >= 50 && ticks <= 150);
	timerfd_gettime(fd, &o);
	CHECK_EQ("gettime shows the interval", o.it_interval.tv_nsec, 1000000);
	v = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
	CHECK_OK("disarm, asking for the old setting", timerfd_settime(fd, 0, &v, &o));
	CHECK_EQ("the old interval", o.it_interval.tv_nsec, 1000000);
	timerfd_gettime(fd, &o);
	CHECK("disarmed", !o.it_value.tv_sec && !o.it_value.tv_nsec && !o.it_interval.tv_nsec);

	nb = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
	CHECK_EQ("TFD_CLOEXEC", fcntl(nb, F_GETFD), FD_CLOEXEC);
	CHECK_ERR("nothing expired, TFD_NONBLOCK: EAGAIN", read(nb, &ticks, 8), EAGAIN);
	{
		struct timespec now;

		clock_gettime(CLOCK_REALTIME, &now);
		v.it_value.tv_sec = now.tv_sec + (now.tv_nsec + 40000000) / 1000000000;
		v.it_value.tv_nsec = (now.tv_nsec + 40000000) % 1000000000;
		t0 = now_s();
		CHECK_OK("TFD_TIMER_ABSTIME: now + 40 ms", timerfd_settime(nb, TFD_TIMER_ABSTIME, &v, NULL));
	}
	ep = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, nb, &ev);
	CHECK_EQ("epoll sees it fire", epoll_wait(ep, evs, 2, 5000), 1);
	CHECK("at the time asked", now_s() - t0 >= 0.035);
	CHECK_EQ("readable", read(nb, &ticks, 8), 8);
	CHECK_EQ("once", ticks, 1);
	CHECK_EQ("read: quiet again", epoll_wait(ep, evs, 2, 0), 0);

	{
		struct sigaction sa;
		struct itimerval t = { { 0, 0 }, { 0, 20000 } };

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sigaction(SIGALRM, &sa, NULL);
		setitimer(ITIMER_REAL, &t, NULL);
		CHECK_ERR("a blocking read broken by a signal: EINTR", read(fd, &ticks, 8), EINTR);
	}

	CHECK_ERR("CLOCK_PROCESS_CPUTIME_ID: EINVAL", timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
	CHECK_ERR("clock 99: EINVAL", timerfd_create(99, 0), EINVAL);
	CHECK_ERR("unknown create flag: EINVAL", timerfd_create(CLOCK_MONOTONIC, 1), EINVAL);
	v.it_value.tv_nsec = 1000000000;
	CHECK_ERR("tv_nsec 1e9: EINVAL", timerfd_settime(fd, 0, &v, NULL), EINVAL);
	v.it_value.tv_nsec = 0;
	v.it_value.tv_sec = -1;
	CHECK_ERR("tv_sec -1: EINVAL", timerfd_settime(fd, 0, &v, NULL), EINVAL);
	v.it_value.tv_sec = 1;
	CHECK_ERR("unknown settime flag: EINVAL", timerfd_settime(fd, 8, &v, NULL), EINVAL);
	CHECK_ERR("a bad fd: EBADF", timerfd_settime(99, 0, &v, NULL), EBADF);
	pipe(p);
	CHECK_ERR("not a timerfd: EINVAL", timerfd_settime(p[0], 0, &v, NULL), EINVAL);
	CHECK_ERR("gettime of a pipe: EINVAL", timerfd_gettime(p[0], &o), EINVAL);
	CHECK_ERR("settime from a bad address: EFAULT", syscall(SYS_timerfd_settime, fd, 0, (void *)8, NULL), EFAULT);
	CHECK_ERR("a 4-byte read: EINVAL", read(fd, &ticks, 4), EINVAL);
	close(p[0]);
	close(p[1]);
	close(ep);
	close(nb);
	close(fd);
	return utest_done();
}

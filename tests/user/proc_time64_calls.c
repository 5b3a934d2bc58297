/*
 * proc_time64_calls.c - rt_sigtimedwait_time64 (421) and epoll_pwait2
 * (441), whose timeouts are a 64-bit timespec: a signal already pending is
 * taken at once, the timeout runs out with EAGAIN / 0 after about as long
 * as asked, bad timeouts are EINVAL, bad pointers EFAULT.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>
#include "utest.h"

#ifndef SYS_rt_sigtimedwait_time64
#define SYS_rt_sigtimedwait_time64 421
#endif
#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif

struct ts64 { int64_t sec, nsec; };

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void sigtimedwait64(void)
{
	sigset_t s;
	siginfo_t si;
	struct ts64 t = { 0, 0 };
	double t0;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, NULL);
	raise(SIGUSR1);
	memset(&si, 0, sizeof(si));
	CHECK_EQ("a pending SIGUSR1 is taken at once",
		 syscall(SYS_rt_sigtimedwait_time64, &s, &si, &t, 8), SIGUSR1);
	CHECK_EQ("its siginfo says so", si.si_signo, SIGUSR1);
	t.nsec = 50000000;
	t0 = now_s();
	CHECK_ERR("nothing pending, 50 ms: EAGAIN",
		  syscall(SYS_rt_sigtimedwait_time64, &s, &si, &t, 8), EAGAIN);
	CHECK("after about 50 ms", now_s() - t0 >= 0.045 && now_s() - t0 < 2);
	t.nsec = 1000000000;
	CHECK_ERR("tv_nsec 1e9: EINVAL", syscall(SYS_rt_sigtimedwait_time64, &s, &si, &t, 8), EINVAL);
	t.nsec = 0;
	t.sec = -1;
	CHECK_ERR("tv_sec -1: EINVAL", syscall(SYS_rt_sigtimedwait_time64, &s, &si, &t, 8), EINVAL);
	t.sec = 0;
	CHECK_ERR("sigsetsize 4: EINVAL", syscall(SYS_rt_sigtimedwait_time64, &s, &si, &t, 4), EINVAL);
	CHECK_ERR("timeout at a bad address: EFAULT",
		  syscall(SYS_rt_sigtimedwait_time64, &s, &si, (void *)16, 8), EFAULT);
	CHECK_ERR("set at a bad address: EFAULT",
		  syscall(SYS_rt_sigtimedwait_time64, (void *)16, &si, &t, 8), EFAULT);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void epoll_pwait2_checks(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev = { .events = EPOLLIN }, out[4];
	struct ts64 t = { 0, 30000000 };
	double t0;

	pipe(p);
	ev.data.fd = p[0];
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	t0 = now_s();
	CHECK_EQ("epoll_pwait2 on an empty pipe, 30 ms: 0",
		 syscall(SYS_epoll_pwait2, ep, out, 4, &t, NULL, 8), 0);
	CHECK("after about 30 ms", now_s() - t0 >= 0.025 && now_s() - t0 < 2);
	t.nsec = 1000;		/* 1 us: still waits, rounded up to a tick */
	CHECK_EQ("1 us: 0", syscall(SYS_epoll_pwait2, ep, out, 4, &t, NULL, 8), 0);
	write(p[1], "x", 1);
	CHECK_EQ("with a byte: 1", syscall(SYS_epoll_pwait2, ep, out, 4, &t, NULL, 8), 1);
	CHECK("EPOLLIN on the read end", out[0].data.fd == p[0] && (out[0].events & EPOLLIN));
	CHECK_EQ("NULL timeout with data ready: 1",
		 syscall(SYS_epoll_pwait2, ep, out, 4, NULL, NULL, 8), 1);
	t.nsec = -1;
	CHECK_ERR("tv_nsec -1: EINVAL", syscall(SYS_epoll_pwait2, ep, out, 4, &t, NULL, 8), EINVAL);
	t.nsec = 0;
	CHECK_ERR("timeout at a bad address: EFAULT",
		  syscall(SYS_epoll_pwait2, ep, out, 4, (void *)16, NULL, 8), EFAULT);
	CHECK_ERR("maxevents 0: EINVAL", syscall(SYS_epoll_pwait2, ep, out, 0, &t, NULL, 8), EINVAL);
	CHECK_ERR("not an epoll fd: EINVAL", syscall(SYS_epoll_pwait2, p[0], out, 4, &t, NULL, 8), EINVAL);
	close(p[0]);
	close(p[1]);
	close(ep);
}

int main(void)
{
	sigtimedwait64();
	epoll_pwait2_checks();
	return utest_done();
}

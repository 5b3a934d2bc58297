/*
 * user/bench/bench.h - timing and reporting helpers shared by the
 * lmbench-style benchmark programs. Each program prints one result line of
 * the form "NAME VALUE UNIT" (latencies in us per operation, bandwidths in
 * MiB/s), exits 0 on success and non-zero, with a message on stderr, if any
 * call fails. Time comes from clock_gettime(CLOCK_MONOTONIC).
 */
#ifndef BENCH_H
#define BENCH_H

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char *program_invocation_short_name;

/* Called by die() before exiting, to remove IPC objects, FIFOs, ... */
static void (*bench_cleanup)(void);

/* Monotonic time in nanoseconds. */
static inline uint64_t now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		perror("clock_gettime");
		exit(1);
	}
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Print "program: message: strerror(errno)" on stderr, clean up, exit 1. */
static inline void die(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
	if (bench_cleanup)
		bench_cleanup();
	exit(1);
}

/*
 * The iteration count: argv[1] if given (a positive integer), otherwise
 * the program's default.
 */
static inline long bench_iterations(int argc, char **argv, long def)
{
	char *end;
	long n;

	if (argc < 2)
		return def;
	errno = 0;
	n = strtol(argv[1], &end, 10);
	if (errno || *end || end == argv[1] || n <= 0) {
		errno = 0;
		die("bad iteration count '%s'", argv[1]);
	}
	return n;
}

/* One result line, "NAME VALUE UNIT", flushed at once. */
static inline void report(const char *name, double value, const char *unit)
{
	printf("%s %.3f %s\n", name, value, unit);
	fflush(stdout);
}

/* Latency: elapsed nanoseconds over ops operations, reported in us each. */
static inline void report_lat(const char *name, uint64_t ns, long ops)
{
	report(name, (double)ns / 1e3 / (double)ops, "us");
}

/* Bandwidth: bytes moved in elapsed nanoseconds, reported in MiB/s. */
static inline void report_bw(const char *name, uint64_t ns, double bytes)
{
	report(name, bytes / (1024.0 * 1024.0) / ((double)ns / 1e9), "MiB/s");
}

/*
 * A watch on the benchmark's partner process. A parent blocked in semop,
 * msgrcv or a sched_yield loop would wait forever for a child that died
 * from a signal, so a SIGCHLD handler reaps the child as soon as it ends:
 * a clean exit 0 is recorded for wait_child_ok(), anything else runs the
 * cleanup hook and ends this process with status 1.
 */
static pid_t bench_child;
static volatile sig_atomic_t bench_child_done;
static int bench_child_status;

static inline void bench_sigchld(int sig)
{
	static const char msg[] = ": child process failed or was killed\n";
	int saved = errno;
	ssize_t w;
	int st;

	(void)sig;
	if (bench_child > 0 && waitpid(bench_child, &st, WNOHANG) == bench_child) {
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			const char *name = program_invocation_short_name;

			w = write(2, name, strlen(name));
			w = write(2, msg, sizeof(msg) - 1);
			(void)w;
			bench_child = 0;	/* reaped: its pid is no longer ours */
			if (bench_cleanup)
				bench_cleanup();
			_exit(1);
		}
		bench_child_status = st;
		bench_child_done = 1;
	}
	errno = saved;
}

/* Call in the parent right after fork(): watch child pid (see above). */
static inline void watch_child(pid_t pid)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = bench_sigchld;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	bench_child = pid;
	if (sigaction(SIGCHLD, &sa, NULL) != 0)
		die("sigaction SIGCHLD");
	/* it may have ended before the handler was in place */
	raise(SIGCHLD);
}

/*
 * Reap child pid and insist that it exited with status 0; a child reports
 * its own failures on stderr before exiting non-zero.
 */
static inline void wait_child_ok(pid_t pid)
{
	sigset_t chld, old;
	int st;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	if (pid == bench_child && bench_child_done) {
		st = bench_child_status;
	} else {
		while (waitpid(pid, &st, 0) < 0)
			if (errno != EINTR)
				die("waitpid");
	}
	if (pid == bench_child)
		bench_child = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		errno = 0;
		die("child %d failed (wait status 0x%x)", (int)pid, st);
	}
}

/*
 * Pinning for the SMP figures (make bench SMP=2): BENCH_PIN_PARENT and
 * BENCH_PIN_CHILD name the CPUs of the two processes (lat_pipe_2cpu.c: 0 and
 * 1; lat_pipe_1cpu.c: 0 and 0); unset, nothing is pinned. bench_pin_fork()
 * pins the parent to the child's CPU, forks (the child inherits the mask),
 * then pins the parent to its own, and prints "pin NAME cpus P,C" or, when
 * sched_setaffinity refuses (ENOSYS, or EINVAL for a CPU that runs no tasks),
 * "pin NAME unpinned (ERRNO)": the figure then says nothing about placement.
 */
static inline int bench_setcpu(int cpu)
{
	unsigned long mask = 1UL << cpu;	/* the system call itself: no _GNU_SOURCE needed */

	return syscall(__NR_sched_setaffinity, 0, sizeof(mask), &mask) < 0 ? -1 : 0;
}

static inline pid_t bench_pin_fork(const char *name)
{
#ifdef BENCH_PIN_PARENT
	int err = 0;
	pid_t pid;

	if (bench_setcpu(BENCH_PIN_CHILD) != 0)
		err = errno;
	pid = fork();
	if (pid != 0 && !err && bench_setcpu(BENCH_PIN_PARENT) != 0)
		err = errno;
	if (pid > 0) {
		unsigned int cpu = 99;

		if (err)
			printf("pin %s unpinned (%s)\n", name, strerror(err));
		else if (syscall(__NR_getcpu, &cpu, NULL, NULL) == 0 && (int)cpu != BENCH_PIN_PARENT)
			printf("pin %s unpinned (parent on CPU %u, not %d)\n", name, cpu, BENCH_PIN_PARENT);
		else
			printf("pin %s cpus %d,%d\n", name, BENCH_PIN_PARENT, BENCH_PIN_CHILD);
		fflush(stdout);
	}
	return pid;
#else
	(void)name;
	return fork();
#endif
}

/*
 * A bandwidth pair over a data pipe: a child runs recv(rfd, ackfd, count),
 * taking count blocks and acknowledging with one byte over a second pipe;
 * the parent times send(wfd, ackfd, n) after a warm-up of n/10 + 1 blocks
 * and reports n * block bytes (bw_pipe, bw_vmsplice).
 */
static inline void bw_pipe_pair(const char *name, long n, long block,
				void (*send)(int wfd, int ackfd, long count),
				void (*recv)(int rfd, int ackfd, long count))
{
	long warm = n / 10 + 1;
	int data[2], ack[2];
	uint64_t t0, t1;
	pid_t pid;

	if (pipe(data) != 0 || pipe(ack) != 0)
		die("pipe");
	pid = bench_pin_fork(name);
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(data[1]);
		close(ack[0]);
		recv(data[0], ack[1], warm);
		recv(data[0], ack[1], n);
		_exit(0);
	}
	watch_child(pid);
	close(data[0]);
	close(ack[1]);
	send(data[1], ack[0], warm);
	t0 = now_ns();
	send(data[1], ack[0], n);
	t1 = now_ns();
	close(data[1]);
	wait_child_ok(pid);
	report_bw(name, t1 - t0, (double)n * block);
}

#ifndef BENCH_NAME_SUFFIX
#define BENCH_NAME_SUFFIX ""
#endif

#endif /* BENCH_H */

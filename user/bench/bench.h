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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
 * Reap child pid and insist that it exited with status 0; a child reports
 * its own failures on stderr before exiting non-zero.
 */
static inline void wait_child_ok(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die("waitpid");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		errno = 0;
		die("child %d failed (wait status 0x%x)", (int)pid, st);
	}
}

#endif /* BENCH_H */

/*
 * user/bench/lat_exec.c - program start: fork, the child execve()s this
 * same static binary with the marker argument "--exec-child" (which makes it
 * exit at once), the parent waits.
 * Usage: lat_exec [EXECS [SELF_PATH]]   prints "lat_exec US us" per
 * fork+execve+exit+wait. The path of this binary is SELF_PATH if given,
 * else argv[0] if it holds a '/', else /proc/self/exe, else ./NAME or
 * /bench/NAME.
 */
#include <limits.h>
#include "bench.h"

#define MARKER "--exec-child"

extern char **environ;

static char self[PATH_MAX];

static int usable(const char *path)
{
	return access(path, X_OK) == 0;
}

/* Fill self with a path to this program's binary. */
static void find_self(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	ssize_t len;

	errno = 0;
	if (argc >= 3) {
		snprintf(self, sizeof(self), "%s", argv[2]);
		if (!usable(self))
			die("%s is not executable", self);
		return;
	}
	if (name) {
		snprintf(self, sizeof(self), "%s", argv[0]);
		if (usable(self))
			return;
	}
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len > 0) {
		self[len] = 0;
		if (usable(self))
			return;
	}
	name = name ? name + 1 : argv[0];
	snprintf(self, sizeof(self), "./%s", name);
	if (usable(self))
		return;
	snprintf(self, sizeof(self), "/bench/%s", name);
	if (usable(self))
		return;
	errno = 0;
	die("cannot find my own binary; pass its path as the second argument");
}

static void execs(long count)
{
	char *args[] = { self, MARKER, NULL };
	long i;

	for (i = 0; i < count; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			execve(self, args, environ);
			die("execve %s", self);
		}
		wait_child_ok(pid);
	}
}

int main(int argc, char **argv)
{
	long n, warm;
	uint64_t t0, t1;

	if (argc == 2 && strcmp(argv[1], MARKER) == 0)
		return 0;
	n = bench_iterations(argc, argv, 3000);
	warm = n / 10 + 1;
	find_self(argc, argv);
	execs(warm);
	t0 = now_ns();
	execs(n);
	t1 = now_ns();
	report_lat("lat_exec", t1 - t0, n);
	return 0;
}

/*
 * kernel/kshell_bench.c - the shell's "bench" command: run the benchmark
 * programs in /bin/bench (user/bench/) one after the other in one boot, as
 * tools/bench.py does for "make bench". No Linux counterpart: it is the
 * kernel-side half of lmbench's driver script, with marker lines the host
 * can parse, and the sampling profiler (kernel/profile.c) around each run.
 */
#include <kernel/kshell.h>
#include <kernel/mm.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/profile.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/timer.h>

int kshell_run_program(char **argv, int quiet);

#define BENCH_DIR	"/bin/bench"
#define BENCH_MAX	32
#define BENCH_NAME_MAX	32

struct bench_list {
	char names[BENCH_MAX][BENCH_NAME_MAX];
	int n;
};

/* marker lines go straight to the console, whatever the log level */
static void bench_mark(const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	console_write(line, n, 0);
}

/* "S.UUUUUU": nanoseconds as seconds, without floating point */
static void format_seconds(char *buf, size_t size, u64 ns)
{
	u64 us = ns / 1000;

	snprintf(buf, size, "%lu.%06lu", (unsigned long)(us / 1000000),
		 (unsigned long)(us % 1000000));
}

static int collect_bench(void *buf, const char *name, int namelen, loff_t offset,
			 u64 ino, unsigned int d_type)
{
	struct bench_list *l = buf;

	(void)offset;
	(void)ino;
	(void)d_type;
	if (name[0] == '.' || l->n == BENCH_MAX || namelen >= BENCH_NAME_MAX)
		return 0;
	memcpy(l->names[l->n], name, namelen);
	l->names[l->n][namelen] = '\0';
	l->n++;
	return 0;
}

/* every program in /bin/bench, sorted by name */
static int list_benchmarks(struct bench_list *l)
{
	char tmp[BENCH_NAME_MAX];
	struct file *dir;
	int err;

	dir = filp_open(BENCH_DIR, O_RDONLY | O_DIRECTORY, 0);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	err = vfs_readdir(dir, collect_bench, l);
	fput(dir);
	for (int i = 1; i < l->n; i++)
		for (int j = i; j > 0 && strcmp(l->names[j - 1], l->names[j]) > 0; j--) {
			memcpy(tmp, l->names[j], BENCH_NAME_MAX);
			memcpy(l->names[j], l->names[j - 1], BENCH_NAME_MAX);
			memcpy(l->names[j - 1], tmp, BENCH_NAME_MAX);
		}
	return err < 0 ? err : 0;
}

/*
 * Run one benchmark, "NAME" or "NAME=COUNT" (COUNT becomes its argv[1]);
 * returns its exit status as kshell_run_program does.
 */
static int run_one(const char *spec, int prof_top)
{
	char name[BENCH_NAME_MAX], path[64], count[16];
	char *argv[3] = { path, NULL, NULL };
	const char *eq = strchr(spec, '=');
	size_t len = eq ? (size_t)(eq - spec) : strlen(spec);
	int status;

	if (!len || len >= sizeof(name) || (eq && strlen(eq + 1) >= sizeof(count))) {
		bench_mark("BENCH_FAIL %s status=bad-argument\n", spec);
		return 2;
	}
	memcpy(name, spec, len);
	name[len] = '\0';
	snprintf(path, sizeof(path), "%s/%s", BENCH_DIR, name);
	if (eq) {
		strlcpy(count, eq + 1, sizeof(count));
		argv[1] = count;
	}
	bench_mark("BENCH_RUN %s %s\n", name, eq ? count : "(default)");
	if (prof_top && profile_start())
		prof_top = 0;
	status = kshell_run_program(argv, 1);
	if (prof_top) {
		profile_stop();
		bench_mark("BENCH_PROF_BEGIN %s\n", name);
		profile_show(prof_top);
		bench_mark("BENCH_PROF_END %s\n", name);
	}
	if (status)
		bench_mark("BENCH_FAIL %s status=%d\n", name, status);
	return status;
}

/*
 * bench [-p N] [NAME[=COUNT]]...: the named benchmarks, or all of them,
 * in order. BENCH_START gives the guest time at which the first program is
 * started: CLOCK_MONOTONIC (from the kernel's clock setup) and the raw TSC,
 * which QEMU starts at 0 at reset.
 */
static int cmd_bench(int argc, char **argv)
{
	char mono[24], reset[24];
	int prof_top = 0, failed = 0, i = 1;
	struct bench_list *list = NULL;
	u64 tsc;

	if (argc > 1 && !strcmp(argv[1], "-p")) {
		char *end;

		prof_top = argc > 2 ? simple_strtol(argv[2], &end, 10) : 0;
		if (prof_top <= 0 || *end) {
			printk("usage: bench [-p TOP] [NAME[=COUNT]]...\n");
			return 2;
		}
		i = 3;
	}
	if (i == argc) {
		int err;

		list = kzalloc(sizeof(*list), GFP_KERNEL);
		if (!list)
			return 1;
		err = list_benchmarks(list);
		if (err || !list->n) {
			printk("bench: no programs in %s (error %d)\n", BENCH_DIR, -err);
			kfree(list);
			return 1;
		}
	}
	format_seconds(mono, sizeof(mono), ktime_get_ns());
	tsc = rdtsc();
	format_seconds(reset, sizeof(reset), tsc_khz ?
		       tsc / tsc_khz * 1000000ULL + tsc % tsc_khz * 1000000ULL / tsc_khz : 0);
	bench_mark("BENCH_START ipckernel boot_to_user %s s (TSC since reset %s s)\n", mono, reset);
	if (list) {
		for (int k = 0; k < list->n; k++)
			failed += run_one(list->names[k], prof_top) != 0;
		kfree(list);
	} else {
		for (; i < argc; i++)
			failed += run_one(argv[i], prof_top) != 0;
	}
	format_seconds(mono, sizeof(mono), ktime_get_ns());
	bench_mark("BENCH_DONE uptime %s s, %d failed\n", mono, failed);
	return failed ? 1 : 0;
}
KSHELL_COMMAND(bench, cmd_bench, "[-p TOP] [NAME[=COUNT]]... - run /bin/bench programs; -p profiles each");

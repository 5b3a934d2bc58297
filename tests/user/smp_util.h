/*
 * tests/user/smp_util.h - what the SMP race tests (smp_*.c) share: how many
 * workers to start (one per CPU we may run on, at least 4), pinning worker i
 * to a CPU of its own with sched_setaffinity where the kernel can, and a
 * MAP_SHARED page where child processes leave their results for the parent.
 */
#ifndef SMP_UTIL_H
#define SMP_UTIL_H

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SMP_MIN_WORKERS	4
#define SMP_MAX_CPUS	64

static int smp_cpu[SMP_MAX_CPUS];	/* the CPUs of our affinity mask, in order */
static int smp_ncpu;

/* the CPUs this process may run on: sched_getaffinity, else sysconf, else 1 */
static inline int smp_cpus(void)
{
	cpu_set_t set;

	if (smp_ncpu)
		return smp_ncpu;
	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) == 0) {
		for (int c = 0; c < SMP_MAX_CPUS; c++)
			if (CPU_ISSET(c, &set))
				smp_cpu[smp_ncpu++] = c;
	}
	if (!smp_ncpu) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		for (int c = 0; c < n && c < SMP_MAX_CPUS; c++)
			smp_cpu[smp_ncpu++] = c;
	}
	if (!smp_ncpu)
		smp_cpu[smp_ncpu++] = 0;
	return smp_ncpu;
}

/* workers to start: one per CPU, at least SMP_MIN_WORKERS, at most max */
static inline int smp_workers(int max)
{
	int n = smp_cpus();

	if (n < SMP_MIN_WORKERS)
		n = SMP_MIN_WORKERS;
	return n > max ? max : n;
}

/*
 * Pin the calling thread (0: itself) to the CPU worker i gets. Returns the CPU
 * when pinned, -1 when the kernel cannot pin: ENOSYS (no such call) or EINVAL
 * (a mask naming a CPU it does not run tasks on) are "cannot pin", not errors.
 */
static inline int smp_pin(int i)
{
	cpu_set_t set;
	int cpu = smp_cpu[i % smp_cpus()];

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) == 0)
		return cpu;
	return -1;
}

/* the CPU we run on now, -1 when the kernel cannot say */
static inline int smp_where(void)
{
	unsigned int cpu;

	return syscall(__NR_getcpu, &cpu, NULL, NULL) == 0 ? (int)cpu : -1;
}

/* what one worker leaves for the parent */
struct smp_report {
	int pinned;		/* the CPU it was pinned to, or -1 */
	int ran_on;		/* the CPU getcpu named at the end of its work */
	int misplaced;		/* pinned, yet getcpu named another CPU */
	long count, bad;	/* the test's own tallies */
	unsigned long long sum;
};

/* n zeroed reports in MAP_SHARED memory, inherited over fork */
static inline struct smp_report *smp_reports(int n)
{
	void *p = mmap(NULL, sizeof(struct smp_report) * n, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* a worker's start: pinned where the kernel can, and where it ran noted at the end */
static inline void smp_worker_start(struct smp_report *r, int i)
{
	r->pinned = smp_pin(i);
}

static inline void smp_worker_end(struct smp_report *r)
{
	r->ran_on = smp_where();
	if (r->pinned >= 0 && r->ran_on != r->pinned)
		r->misplaced++;
}

/* one line saying how the workers were spread; 0 when every pinned one stayed put */
static inline int smp_summary(const char *what, const struct smp_report *r, int n)
{
	int pinned = 0, misplaced = 0, cpus = 0;
	unsigned long long seen = 0;

	for (int i = 0; i < n; i++) {
		pinned += r[i].pinned >= 0;
		misplaced += r[i].misplaced;
		if (r[i].ran_on >= 0 && r[i].ran_on < 64)
			seen |= 1ULL << r[i].ran_on;
	}
	for (int c = 0; c < 64; c++)
		cpus += !!(seen & (1ULL << c));
	printf("note %s: %d workers, %d CPUs allowed, %d pinned%s, ran on %d distinct CPUs\n",
	       what, n, smp_cpus(), pinned, pinned < n ? " (the others: cannot pin, unpinned)" : "",
	       cpus);
	fflush(stdout);
	return misplaced;
}

#endif /* SMP_UTIL_H */

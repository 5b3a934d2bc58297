/*
 * include/kernel/kernel_stat.h - per-CPU time counts, in ticks (Linux:
 * include/linux/kernel_stat.h). Each CPU's tick adds one to its own line,
 * so no lock: /proc/stat's cpuN lines read them (fs/proc/proc_misc.c).
 */
#ifndef _KERNEL_KERNEL_STAT_H
#define _KERNEL_KERNEL_STAT_H

#include <kernel/types.h>

struct task_struct;

struct cpu_usage_stat {
	u64 user, nice, system, idle;
};

struct kernel_stat {
	struct cpu_usage_stat cpustat;
};

extern struct kernel_stat kstat[];	/* NR_CPUS of them, kernel/sched.c */
#define kstat_cpu(cpu)	(kstat[cpu])

/* one tick of CPU cpu, which was running p (its idle task or not), in user mode or not */
void account_cpu_tick(int cpu, struct task_struct *p, int user);

#endif

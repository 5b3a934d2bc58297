/*
 * include/kernel/smp.h - the CPUs (Linux: include/linux/smp.h and
 * include/asm-i386/smp.h; boot/smpboot.c, boot/smp.c, boot/mpparse.c).
 *
 * smp_processor_id() comes from the stack, as in 2.6 before 2.6.22's %fs
 * per-CPU segment: every CPU runs on a kernel stack whose thread_info
 * records the CPU (each AP's idle stack is its own). Per-CPU data is an
 * array indexed by that number, per_cpu(var, cpu).
 *
 * The application processors come up and run tasks from their own run
 * queues (kernel/sched.c places and balances them), with their own APIC
 * timer ticks; process-context kernel code is serialized by the big kernel
 * lock (include/kernel/smp_lock.h). CPU numbers are given in the firmware's order to the CPUs that
 * come up, so they are contiguous, as 2.6's cpucount.
 */
#ifndef _KERNEL_SMP_H
#define _KERNEL_SMP_H

#include <kernel/types.h>
#include <kernel/atomic.h>
#include <kernel/cpumask.h>
#include <kernel/sched.h>

extern cpumask_t cpu_possible_map;	/* found in the MP table, within maxcpus */
extern cpumask_t cpu_online_map;	/* came up and called in */
extern int smp_found_config;		/* an MP table was found */

#define cpu_online(cpu)		((cpu_online_map >> (cpu)) & 1)
#define for_each_online_cpu(cpu) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) if (cpu_online(cpu))

static inline int smp_processor_id(void)
{
	return current_thread_info()->cpu;
}

static inline int num_online_cpus(void)
{
	return __builtin_popcountl(cpu_online_map);
}

/* what each CPU is (Linux: struct cpuinfo_x86, cpu_data[]) */
struct cpuinfo_x86 {
	int apicid;			/* its local APIC's id */
	unsigned long apic_timer_irqs;	/* "LOC": its local APIC timer's ticks */
	unsigned long resched_count;	/* "RES": reschedule IPIs it took */
	unsigned long call_function_count;	/* "CAL" IPIs it handled */
	unsigned long tlb_flush_count;	/* "TLB": shootdowns it took */
	unsigned long ipi_test_count;	/* the IPI test's counter (tests/kernel/test_smp.c) */
	atomic_t spinlocks_held;	/* checked spinlocks this CPU holds (lib/spinlock_debug.c) */
};
extern struct cpuinfo_x86 cpu_data[NR_CPUS];
#define per_cpu(var, cpu)	(cpu_data[cpu].var)

/* the MP table's processors, in its order; the boot CPU first */
struct mp_cpu {
	int apicid;
	int bsp;
	int cpu;			/* its CPU number once online, else -1 */
	const char *state;		/* "running", "parked", "not responding", "off" */
};
extern struct mp_cpu mp_cpus[NR_CPUS];
extern int mp_nr_cpus;			/* enabled processor entries (up to NR_CPUS) */
extern int mp_nr_ioapics;
extern unsigned long mp_ioapic_addr;	/* the first I/O APIC's physical address */
extern int mp_ioapic_id;		/* its APIC id */
extern unsigned long mp_ioapic_gsi_base;	/* the global interrupt on its pin 0 */
extern unsigned long mp_lapic_addr;

void find_smp_config(void);		/* boot/mpparse.c */
void mp_register_lapic(int apicid, int enabled, int bsp);
void mp_register_ioapic(int id, unsigned long addr, unsigned long gsi_base);
int firmware_checksum(const void *p, unsigned int len);
int acpi_parse_madt(void);		/* boot/acpi_boot.c: 0, or -ENODEV */
void smp_init(void);			/* boot/smpboot.c: bring the APs up */

/*
 * Run func(info) on the other online CPUs in mask (2.6's
 * smp_call_function and smp_call_function_single): 0, or -EINVAL for no
 * such CPU. Waits until each has started func, and for wait != 0 until each
 * has returned. The caller must have interrupts on (two CPUs calling each
 * other with them off would wait for ever).
 */
/* RESCHEDULE_VECTOR to cpu (boot/smp.c): it calls schedule() on its way out */
void smp_send_reschedule(int cpu);

int smp_call_function_mask(cpumask_t mask, void (*func)(void *info), void *info, int wait);
int smp_call_function(void (*func)(void *info), void *info, int wait);
int smp_call_function_single(int cpu, void (*func)(void *info), void *info, int wait);

#endif

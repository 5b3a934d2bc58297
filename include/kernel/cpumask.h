/*
 * include/kernel/cpumask.h - sets of CPUs (Linux: include/linux/cpumask.h,
 * much reduced): one bit per CPU in a word, NR_CPUS <= 32. Bits that other
 * CPUs change at the same time (an mm's cpu_vm_mask) use the locked ops.
 */
#ifndef _KERNEL_CPUMASK_H
#define _KERNEL_CPUMASK_H

#define NR_CPUS		8

typedef unsigned long cpumask_t;

static inline void cpu_set_atomic(int cpu, volatile cpumask_t *mask)
{
	asm volatile("lock; btsl %1, %0" : "+m"(*mask) : "Ir"(cpu) : "memory");
}

static inline void cpu_clear_atomic(int cpu, volatile cpumask_t *mask)
{
	asm volatile("lock; btrl %1, %0" : "+m"(*mask) : "Ir"(cpu) : "memory");
}

#define cpu_isset(cpu, mask)	(((mask) >> (cpu)) & 1)
#define cpus_weight(mask)	__builtin_popcountl(mask)

#endif

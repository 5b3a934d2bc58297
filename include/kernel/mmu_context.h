/*
 * include/kernel/mmu_context.h - loading an address space on this CPU
 * (Linux: include/asm-i386/mmu_context.h). switch_mm keeps mm->cpu_vm_mask
 * true, the CPUs a TLB shootdown must reach (include/kernel/tlbflush.h):
 * the bit is set before CR3 is loaded, with a locked operation, so a CPU
 * that changes a pte and then reads the mask either sees the bit or was
 * done before this CPU's first walk of the new tables.
 */
#ifndef _KERNEL_MMU_CONTEXT_H
#define _KERNEL_MMU_CONTEXT_H

#include <kernel/cpumask.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/smp.h>

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	int cpu = smp_processor_id();

	if (prev && prev != next)
		cpu_clear_atomic(cpu, &prev->cpu_vm_mask);
	cpu_set_atomic(cpu, &next->cpu_vm_mask);
	write_cr3(__pa(next->pgd));
}

#endif

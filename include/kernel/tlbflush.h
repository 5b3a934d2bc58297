/*
 * include/kernel/tlbflush.h - keeping every CPU's TLB true to the page
 * tables (Linux: include/asm-i386/tlbflush.h; the IPI side in boot/smp.c).
 *
 * A CPU caches the translations of the address space it has loaded. When a
 * pte changes, this CPU drops its entry (invlpg) if the mm is its own, and
 * every other CPU in mm->cpu_vm_mask (set by switch_mm) is sent
 * INVALIDATE_TLB_VECTOR and waited for: flush_tlb_others. Only then may the
 * page that was mapped be freed or the change be reported done. The caller
 * must not hold a lock another CPU may spin on with interrupts off.
 */
#ifndef _KERNEL_TLBFLUSH_H
#define _KERNEL_TLBFLUSH_H

#include <kernel/cpumask.h>

struct mm_struct;

#define FLUSH_ALL	0xffffffffUL	/* flush_tlb_others: the whole user part */

/* mask's CPUs drop va (or everything, FLUSH_ALL) of mm, if they still have it loaded */
void flush_tlb_others(cpumask_t mask, struct mm_struct *mm, unsigned long va);
void flush_tlb_page(struct mm_struct *mm, unsigned long va);
void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void flush_tlb_mm(struct mm_struct *mm);
cpumask_t tlb_other_cpus(struct mm_struct *mm);	/* cpu_vm_mask without this CPU */
void leave_mm_others(struct mm_struct *mm);	/* lazy users elsewhere move to init_mm */

#endif

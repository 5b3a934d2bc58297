/*
 * boot/smp.c - inter-processor interrupts (Linux: arch/i386/kernel/smp.c):
 * the reschedule IPI, the TLB shootdown and function calls on other CPUs.
 *
 * flush_tlb_others has 2.6's shape: under tlbstate_lock the caller
 * publishes the mm and address, sets flush_cpumask to the targets and sends
 * them INVALIDATE_TLB_VECTOR; each target that still has that mm loaded
 * drops the entry (or reloads CR3 for FLUSH_ALL), then clears its bit; the
 * caller spins until the mask is empty.
 *
 * leave_mm_others moves the CPUs that still have a dying mm loaded lazily
 * to init_mm. smp_call_function has 2.6's shape: the caller publishes one
 * call_data_struct under call_lock, sends CALL_FUNCTION_VECTOR to the
 * targets, and waits for each to say it has started (and, with wait, that
 * it has finished); the handler copies func and info before saying started,
 * so the caller's stack frame may go as soon as all have.
 */
#include <kernel/apic.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/mm_types.h>
#include <kernel/mmu_context.h>
#include <kernel/pgtable.h>
#include <kernel/tlbflush.h>

/* RESCHEDULE_VECTOR: the return from the interrupt looks at need_resched */
void smp_send_reschedule(int cpu)
{
	if (cpu < 0 || cpu >= NR_CPUS || !cpu_online(cpu))
		return;
	apic_send_ipi(cpu_data[cpu].apicid, APIC_DM_FIXED | RESCHEDULE_VECTOR);
}

void smp_reschedule_interrupt(struct pt_regs *regs)
{
	(void)regs;
	ack_APIC_irq();
	per_cpu(resched_count, smp_processor_id())++;
	set_need_resched();	/* the idle loop, or ret_from_intr, calls schedule() */
}

static DEFINE_SPINLOCK(tlbstate_lock);
static volatile cpumask_t flush_cpumask;
static struct mm_struct *volatile flush_mm;
static volatile unsigned long flush_va;

cpumask_t tlb_other_cpus(struct mm_struct *mm)
{
	mb();			/* the pte store is seen before the mask is read */
	return mm->cpu_vm_mask & cpu_online_map & ~(1UL << smp_processor_id());
}

void flush_tlb_others(cpumask_t mask, struct mm_struct *mm, unsigned long va)
{
	int cpu;

	mask &= cpu_online_map & ~(1UL << smp_processor_id());
	if (!mask)
		return;
	spin_lock(&tlbstate_lock);
	flush_mm = mm;
	flush_va = va;
	asm volatile("lock; orl %1, %0" : "+m"(flush_cpumask) : "r"(mask) : "memory");
	for_each_online_cpu(cpu)
		if (cpu_isset(cpu, mask))
			apic_send_ipi(cpu_data[cpu].apicid, APIC_DM_FIXED | INVALIDATE_TLB_VECTOR);
	while (flush_cpumask)
		cpu_relax();
	flush_mm = NULL;
	spin_unlock(&tlbstate_lock);
}

void smp_invalidate_interrupt(struct pt_regs *regs)
{
	int cpu = smp_processor_id();
	struct mm_struct *mm = flush_mm;

	(void)regs;
	ack_APIC_irq();
	if (!cpu_isset(cpu, flush_cpumask))
		return;		/* not for us (2.6 checks the same) */
	/*
	 * Not loaded here (any more): nothing to drop. The bit stays; clearing
	 * it here could race with a switch_mm that has set it but not yet
	 * loaded CR3 - switch_mm clears it when this CPU moves away.
	 */
	if (mm && mm->pgd == current_pgd()) {
		if (flush_va == FLUSH_ALL)
			write_cr3(read_cr3());	/* the kernel's entries are global: they stay */
		else
			invlpg(flush_va);
	}
	per_cpu(tlb_flush_count, cpu)++;
	cpu_clear_atomic(cpu, &flush_cpumask);
}

/* this CPU's entry, if mm is loaded here, then every other CPU's */
void flush_tlb_page(struct mm_struct *mm, unsigned long va)
{
	cpumask_t others;

	if (mm->pgd == current_pgd())
		invlpg(va);
	others = tlb_other_cpus(mm);
	if (others)
		flush_tlb_others(others, mm, va);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	cpumask_t others;

	if (mm->pgd == current_pgd())
		write_cr3(read_cr3());
	others = tlb_other_cpus(mm);
	if (others)
		flush_tlb_others(others, mm, FLUSH_ALL);
}

/* as 2.6 i386: a few pages one by one here, the other CPUs flush all */
void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	cpumask_t others;

	if (mm->pgd == current_pgd()) {
		if (end - start > 32 * PAGE_SIZE)
			write_cr3(read_cr3());
		else
			for (unsigned long a = start & PAGE_MASK; a < end; a += PAGE_SIZE)
				invlpg(a);
	}
	others = tlb_other_cpus(mm);
	if (others)
		flush_tlb_others(others, mm, FLUSH_ALL);
}

/*
 * A CPU that switched from a task to a kernel thread or its idle task keeps
 * that task's mm loaded (lazy TLB: the borrower's active_mm). Before the
 * last user frees the mm, each such CPU moves to init_mm (2.6 does it with
 * mm_count and leave_mm from the flush IPI). Interrupts are off across a
 * switch, so the handler sees the switch done or not begun.
 */
static void leave_lazy_mm(void *info)
{
	struct mm_struct *mm = info;
	struct task_struct *t = current;

	if (t->active_mm == mm && t->mm != mm) {
		switch_mm(mm, &init_mm);
		t->active_mm = &init_mm;
	}
}

void leave_mm_others(struct mm_struct *mm)
{
	cpumask_t others = tlb_other_cpus(mm);

	if (others)
		smp_call_function_mask(others, leave_lazy_mm, mm, 1);
}

struct call_data_struct {
	void (*func)(void *info);
	void *info;
	atomic_t started;
	atomic_t finished;
	int wait;
};

static DEFINE_SPINLOCK(call_lock);
static struct call_data_struct *volatile call_data;

int smp_call_function_mask(cpumask_t mask, void (*func)(void *info), void *info, int wait)
{
	struct call_data_struct data;
	int cpus, cpu;

	mask &= cpu_online_map & ~(1UL << smp_processor_id());
	cpus = __builtin_popcountl(mask);
	if (!cpus)
		return 0;
	WARN_ON(!(read_eflags() & 0x200));	/* see smp.h: deadlock with interrupts off */
	data.func = func;
	data.info = info;
	atomic_set(&data.started, 0);
	atomic_set(&data.finished, 0);
	data.wait = wait;

	spin_lock(&call_lock);
	call_data = &data;
	mb();
	for_each_online_cpu(cpu)
		if (mask & (1UL << cpu))
			apic_send_ipi(cpu_data[cpu].apicid, APIC_DM_FIXED | CALL_FUNCTION_VECTOR);
	while (atomic_read(&data.started) != cpus)
		cpu_relax();
	if (wait)
		while (atomic_read(&data.finished) != cpus)
			cpu_relax();
	spin_unlock(&call_lock);
	return 0;
}

int smp_call_function(void (*func)(void *info), void *info, int wait)
{
	return smp_call_function_mask(~0UL, func, info, wait);
}

int smp_call_function_single(int cpu, void (*func)(void *info), void *info, int wait)
{
	if (cpu < 0 || cpu >= NR_CPUS || !cpu_online(cpu) || cpu == smp_processor_id())
		return -EINVAL;
	return smp_call_function_mask(1UL << cpu, func, info, wait);
}

/* CALL_FUNCTION_VECTOR (boot/entry.asm), interrupts off */
void smp_call_function_interrupt(struct pt_regs *regs)
{
	struct call_data_struct *data = call_data;
	void (*func)(void *info) = data->func;
	void *info = data->info;
	int wait = data->wait;

	(void)regs;
	ack_APIC_irq();
	mb();
	atomic_inc(&data->started);	/* unless wait, data may be gone after this */
	per_cpu(call_function_count, smp_processor_id())++;
	func(info);
	if (wait) {
		mb();
		atomic_inc(&data->finished);
	}
}

/*
 * boot/smp.c - inter-processor calls (Linux: arch/i386/kernel/smp.c).
 * smp_call_function has 2.6's shape: the caller publishes one
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

/* CALL_FUNCTION_VECTOR (boot/trampoline.asm), interrupts off */
void smp_call_function_interrupt(void)
{
	struct call_data_struct *data = call_data;
	void (*func)(void *info) = data->func;
	void *info = data->info;
	int wait = data->wait;

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

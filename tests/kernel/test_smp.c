/*
 * tests/kernel/test_smp.c - the CPUs and the locks between them (boot/
 * smpboot.c, boot/smp.c, lib/spinlock_debug.c). Booted with -smp 2 or 4
 * (tests/host/run_tests.py), every AP that came up answers a call-function
 * IPI on its own CPU, two CPUs counting under one spinlock lose no update,
 * and the spinlock checker reports recursion, an unheld unlock, an unlock
 * from another CPU and scheduling with a lock held. On one CPU the cross-CPU tests have no AP to use
 * and say so.
 */
#include <kernel/apic.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

extern int cpu_has_apic;

KTEST(smp, online_cpus_are_the_firmware_s)
{
	int cpu, n = 0;

	EXPECT_TRUE(cpu_online(0));
	for (cpu = 0; cpu < NR_CPUS; cpu++)	/* numbers are contiguous */
		EXPECT_EQ(cpu_online(cpu), cpu < num_online_cpus());
	EXPECT_EQ(smp_processor_id(), 0);
	for_each_online_cpu(cpu) {
		n++;
		int listed = 0;

		for (int i = 0; i < mp_nr_cpus; i++)
			if (mp_cpus[i].cpu == cpu) {
				listed++;
				EXPECT_EQ(cpu_data[cpu].apicid, mp_cpus[i].apicid);
			}
		EXPECT_EQ(listed, mp_nr_cpus ? 1 : 0);
		for (int other = 0; other < cpu; other++)
			if (cpu_online(other))
				EXPECT_NE(cpu_data[other].apicid, cpu_data[cpu].apicid);
	}
	EXPECT_EQ(n, num_online_cpus());
	EXPECT_LE(n, mp_nr_cpus ? mp_nr_cpus : 1);
	if (cpu_has_apic)
		EXPECT_EQ(GET_APIC_ID(apic_read(APIC_ID)), cpu_data[0].apicid);
}

static atomic_t acks;

static void count_ipi(void *info)
{
	(void)info;
	per_cpu(ipi_test_count, smp_processor_id())++;
	atomic_inc(&acks);
}

KTEST(smp, call_function_runs_once_on_each_ap)
{
	unsigned long before[NR_CPUS], calls[NR_CPUS];
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		before[cpu] = per_cpu(ipi_test_count, cpu);
		calls[cpu] = per_cpu(call_function_count, cpu);
	}
	atomic_set(&acks, 0);
	EXPECT_EQ(smp_call_function(count_ipi, NULL, 1), 0);
	EXPECT_EQ(atomic_read(&acks), num_online_cpus() - 1);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		int expect = cpu != 0 && cpu_online(cpu);

		EXPECT_EQ(per_cpu(ipi_test_count, cpu), before[cpu] + expect);
		EXPECT_EQ(per_cpu(call_function_count, cpu), calls[cpu] + expect);
	}
	if (num_online_cpus() == 1)
		printk("    (one CPU: no AP to call)\n");
}

struct whoami {
	int cpu, apicid, irqs_on;
};

static void report_cpu(void *info)
{
	struct whoami *w = info;

	w->cpu = smp_processor_id();
	w->apicid = GET_APIC_ID(apic_read(APIC_ID));
	w->irqs_on = !!(read_eflags() & 0x200);
}

KTEST(smp, call_function_single_runs_on_that_cpu)
{
	int cpu;

	EXPECT_EQ(smp_call_function_single(0, report_cpu, NULL, 1), -EINVAL);	/* itself */
	EXPECT_EQ(smp_call_function_single(NR_CPUS, report_cpu, NULL, 1), -EINVAL);
	for (cpu = 1; cpu < NR_CPUS; cpu++) {
		struct whoami w = { -1, -1, -1 };

		if (!cpu_online(cpu)) {
			EXPECT_EQ(smp_call_function_single(cpu, report_cpu, &w, 1), -EINVAL);
			continue;
		}
		EXPECT_EQ(smp_call_function_single(cpu, report_cpu, &w, 1), 0);
		EXPECT_EQ(w.cpu, cpu);
		EXPECT_EQ(w.apicid, cpu_data[cpu].apicid);
		EXPECT_EQ(w.irqs_on, 0);	/* an IPI handler runs with interrupts off */
	}
}

/* every online CPU adds LOOPS under one lock at the same time: no update is lost */
#define LOOPS 20000
static DEFINE_SPINLOCK(count_lock);
static volatile unsigned long shared_count;
static atomic_t count_done;

static void add_under_lock(void *info)
{
	(void)info;
	for (int i = 0; i < LOOPS; i++) {
		spin_lock(&count_lock);
		shared_count = shared_count + 1;	/* a read and a write: racy without the lock */
		spin_unlock(&count_lock);
	}
	atomic_inc(&count_done);
}

KTEST(smp, spinlock_counts_from_all_cpus)
{
	int bugs = atomic_read(&spinlock_bugs);

	shared_count = 0;
	atomic_set(&count_done, 0);
	EXPECT_EQ(smp_call_function(add_under_lock, NULL, 0), 0);
	add_under_lock(NULL);
	while (atomic_read(&count_done) != num_online_cpus())
		cpu_relax();
	EXPECT_EQ(shared_count, (unsigned long)LOOPS * num_online_cpus());
	EXPECT_FALSE(spin_is_locked(&count_lock));
	EXPECT_EQ(atomic_read(&spinlock_bugs), bugs);
}

KTEST(smp, spinlock_irqsave_restores_interrupts)
{
	DEFINE_SPINLOCK(l);
	unsigned long flags, inner;

	EXPECT_TRUE(read_eflags() & 0x200);
	spin_lock_irqsave(&l, flags);
	EXPECT_FALSE(read_eflags() & 0x200);
	EXPECT_TRUE(spin_is_locked(&l));
	EXPECT_EQ(l.owner_cpu, smp_processor_id());
	spin_unlock_irqrestore(&l, flags);
	EXPECT_TRUE(read_eflags() & 0x200);
	EXPECT_FALSE(spin_is_locked(&l));

	spin_lock_irq(&l);
	spin_lock_irqsave(&count_lock, inner);	/* nested: stays off after the inner one */
	spin_unlock_irqrestore(&count_lock, inner);
	EXPECT_FALSE(read_eflags() & 0x200);
	spin_unlock_irq(&l);
	EXPECT_TRUE(read_eflags() & 0x200);
	EXPECT_TRUE(spin_trylock(&l));
	EXPECT_FALSE(spin_trylock(&l));
	spin_unlock(&l);
}

KTEST(smp, spinlock_debug_catches_recursion_and_unheld_unlock)
{
	DEFINE_SPINLOCK(deliberate);
	int bugs = atomic_read(&spinlock_bugs);

	printk("    (two deliberate spinlock BUG reports follow)\n");
	spin_lock(&deliberate);
	spin_lock(&deliberate);			/* recursion: reported, not a hang */
	EXPECT_EQ(atomic_read(&spinlock_bugs), bugs + 1);
	EXPECT_TRUE(spin_is_locked(&deliberate));
	spin_unlock(&deliberate);
	EXPECT_FALSE(spin_is_locked(&deliberate));
	spin_unlock(&deliberate);		/* nobody holds it */
	EXPECT_EQ(atomic_read(&spinlock_bugs), bugs + 2);
	EXPECT_FALSE(spin_is_locked(&deliberate));
}

static void take_lock(void *info)
{
	spin_lock((spinlock_t *)info);
}

KTEST(smp, spinlock_debug_catches_unlock_from_another_cpu)
{
	DEFINE_SPINLOCK(deliberate);
	int bugs = atomic_read(&spinlock_bugs), ap;

	for (ap = 1; ap < NR_CPUS && !cpu_online(ap); ap++)
		;
	if (ap == NR_CPUS) {
		printk("    (one CPU: no other CPU to take the lock)\n");
		return;
	}
	printk("    (a deliberate spinlock BUG report follows)\n");
	EXPECT_EQ(smp_call_function_single(ap, take_lock, &deliberate, 1), 0);
	EXPECT_TRUE(spin_is_locked(&deliberate));
	EXPECT_EQ(deliberate.owner_cpu, ap);
	EXPECT_EQ(atomic_read(&per_cpu(spinlocks_held, ap)), 1);
	spin_unlock(&deliberate);		/* CPU 0 releases CPU ap's lock */
	EXPECT_EQ(atomic_read(&spinlock_bugs), bugs + 1);
	EXPECT_FALSE(spin_is_locked(&deliberate));
	EXPECT_EQ(atomic_read(&per_cpu(spinlocks_held, ap)), 0);	/* the taker's count */
}

KTEST(smp, spinlock_debug_catches_scheduling_with_a_lock_held)
{
	DEFINE_SPINLOCK(deliberate);
	int bugs = atomic_read(&spinlock_bugs), held = atomic_read(&per_cpu(spinlocks_held, 0));

	schedule();				/* no lock: no report */
	EXPECT_EQ(atomic_read(&spinlock_bugs), bugs);
	printk("    (a deliberate scheduling-while-atomic BUG report follows)\n");
	spin_lock(&deliberate);
	EXPECT_EQ(atomic_read(&per_cpu(spinlocks_held, 0)), held + 1);
	schedule();
	EXPECT_EQ(atomic_read(&spinlock_bugs), bugs + 1);
	spin_unlock(&deliberate);
	EXPECT_EQ(atomic_read(&per_cpu(spinlocks_held, 0)), held);
}

/*
 * tests/kernel/test_smp.c - the CPUs and the locks between them (boot/
 * smpboot.c, boot/smp.c, lib/spinlock_debug.c). Booted with -smp 2 or 4
 * (tests/host/run_tests.py), every AP that came up answers a call-function
 * IPI on its own CPU, two CPUs counting under one spinlock lose no update,
 * and the spinlock checker reports recursion, an unheld unlock, an unlock
 * from another CPU and scheduling with a lock held; the big kernel lock
 * nests, is let go while its holder sleeps and excludes across CPUs, and
 * fork balancing puts a new task on an idle CPU. On one CPU the cross-CPU tests have no AP to use
 * and say so.
 */
#include <kernel/apic.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/smp_lock.h>
#include <kernel/spinlock.h>
#include <kernel/kernel_stat.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/mmu_context.h>
#include <kernel/pgtable.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/tlbflush.h>
#include <uapi/mman.h>
#include <uapi/unistd.h>

int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot);

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

/* the first AP online, or 0 (with a note) when there is none */
static int first_ap(void)
{
	for (int cpu = 1; cpu < NR_CPUS; cpu++)
		if (cpu_online(cpu))
			return cpu;
	printk("    (one CPU: no AP to test against)\n");
	return 0;
}

/* spin with interrupts on until *counter moves past 'from', up to ms: 1 if it did */
static int wait_count(volatile unsigned long *counter, unsigned long from, unsigned long ms)
{
	u64 end = ktime_get_ns() + (u64)ms * 1000000;

	while (*counter == from) {
		if (ktime_get_ns() > end)
			return 0;
		cpu_relax();
	}
	return 1;
}

/*
 * Every online CPU's APIC timer ticks: each one's LOC count and its
 * /proc/stat ticks (kstat) grow within 2 s, and CPU 0's no faster than
 * jiffies (a timer calibrated 10 times too fast would show here).
 */
KTEST(smp, apic_timer_ticks_on_every_cpu)
{
	unsigned long loc[NR_CPUS], j0 = jiffies_sync(), loc0 = per_cpu(apic_timer_irqs, 0);
	u64 ticks[NR_CPUS];
	u64 end = ktime_get_ns() + 2000000000ULL;
	int cpu, all;

	if (!using_apic_timer) {
		printk("    (no APIC timer: nolapic or nolapic_timer)\n");
		EXPECT_TRUE(!cpu_has_apic || disable_apic_timer);	/* not a failed calibration */
		return;
	}
	for_each_online_cpu(cpu) {
		struct cpu_usage_stat *cs = &kstat_cpu(cpu).cpustat;

		loc[cpu] = per_cpu(apic_timer_irqs, cpu);
		ticks[cpu] = cs->user + cs->nice + cs->system + cs->idle;
	}
	do {
		all = 1;
		for_each_online_cpu(cpu)
			if (per_cpu(apic_timer_irqs, cpu) < loc[cpu] + 20)
				all = 0;
		cpu_relax();
	} while (!all && ktime_get_ns() < end);
	for_each_online_cpu(cpu) {
		struct cpu_usage_stat *cs = &kstat_cpu(cpu).cpustat;

		EXPECT_GE(per_cpu(apic_timer_irqs, cpu), loc[cpu] + 20);
		EXPECT_GT(cs->user + cs->nice + cs->system + cs->idle, ticks[cpu]);
	}
	EXPECT_LE(per_cpu(apic_timer_irqs, 0) - loc0, (jiffies_sync() - j0) * 5 / 4 + 5);
}

static void send_resched_to_cpu0(void *info)
{
	(void)info;
	smp_send_reschedule(0);
}

/*
 * 100 reschedule IPIs each way between CPU 0 and every AP, each waited
 * for (a second one sent before the first is taken may merge with it, as
 * on real hardware): none is lost.
 */
KTEST(smp, reschedule_ipi_round_trips)
{
	int cpu;

	if (!first_ap())
		return;
	for (cpu = 1; cpu < NR_CPUS; cpu++) {
		int lost_there = 0, lost_back = 0;
		unsigned long there = per_cpu(resched_count, cpu), back = per_cpu(resched_count, 0);

		if (!cpu_online(cpu))
			continue;
		for (int i = 0; i < 100; i++) {
			unsigned long r = per_cpu(resched_count, cpu);

			smp_send_reschedule(cpu);
			lost_there += !wait_count(&per_cpu(resched_count, cpu), r, 1000);
			r = per_cpu(resched_count, 0);
			EXPECT_EQ(smp_call_function_single(cpu, send_resched_to_cpu0, NULL, 1), 0);
			lost_back += !wait_count(&per_cpu(resched_count, 0), r, 1000);
		}
		EXPECT_EQ(lost_there, 0);
		EXPECT_EQ(lost_back, 0);
		EXPECT_EQ(per_cpu(resched_count, cpu), there + 100);
		EXPECT_EQ(per_cpu(resched_count, 0), back + 100);
	}
}

/*
 * TLB shootdown. An AP loads a test mm (switch_mm, so it is in the mm's
 * cpu_vm_mask) and reads TEST_VA, which caches the translation in its TLB;
 * CPU 0 then points the pte elsewhere. QEMU's TLB, like a real one, keeps
 * the old translation until told: the AP reads the new page only if the
 * flush reached it.
 */
#define TEST_VA 0x4a000000UL

struct ap_mm {
	struct mm_struct *mm;
	unsigned long va;
	u32 value;
};

static void ap_load_mm(void *info)
{
	struct ap_mm *a = info;

	switch_mm(&init_mm, a->mm);
	a->value = *(volatile u32 *)a->va;
}

static void ap_read(void *info)
{
	struct ap_mm *a = info;

	a->value = *(volatile u32 *)a->va;
}

static void ap_unload_mm(void *info)
{
	struct ap_mm *a = info;

	switch_mm(a->mm, &init_mm);
}

static u32 read_on(int cpu, struct ap_mm *a)
{
	a->value = 0;
	smp_call_function_single(cpu, ap_read, a, 1);
	return a->value;
}

static void set_pte_no_flush(struct mm_struct *mm, unsigned long va, struct page *page)
{
	pte_t *pte = lookup_pte(mm->pgd, va, 0);

	*pte = (page_to_pfn(page) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_USER | _PAGE_RW;
}

/* every AP loads the mm; one flush reaches each of them, and none that has left it */
KTEST(smp, flush_tlb_page_and_mm_reach_every_cpu_running_the_mm)
{
	struct mm_struct *mm;
	struct page *p1, *p2;
	struct ap_mm a[NR_CPUS];
	unsigned long tlb[NR_CPUS], tlb0 = per_cpu(tlb_flush_count, 0);
	int ap, stale = 0;

	if (!first_ap())
		return;
	mm = mm_alloc();
	p1 = alloc_page(GFP_KERNEL);
	p2 = alloc_page(GFP_KERNEL);
	ASSERT_TRUE(mm && p1 && p2);
	*(u32 *)page_address(p1) = 0x1111;
	*(u32 *)page_address(p2) = 0x2222;
	ASSERT_EQ(map_page(mm->pgd, TEST_VA, page_to_pfn(p1) << PAGE_SHIFT,
			   _PAGE_USER | _PAGE_RW), 0);
	for (ap = 1; ap < NR_CPUS; ap++) {
		if (!cpu_online(ap))
			continue;
		a[ap].mm = mm;
		a[ap].va = TEST_VA;
		EXPECT_EQ(smp_call_function_single(ap, ap_load_mm, &a[ap], 1), 0);
		EXPECT_EQ(a[ap].value, 0x1111);
		EXPECT_TRUE(cpu_isset(ap, mm->cpu_vm_mask));
	}
	EXPECT_FALSE(cpu_isset(0, mm->cpu_vm_mask));

	set_pte_no_flush(mm, TEST_VA, p2);
	for (ap = 1; ap < NR_CPUS; ap++)
		if (cpu_online(ap)) {
			stale += read_on(ap, &a[ap]) == 0x1111;
			tlb[ap] = per_cpu(tlb_flush_count, ap);
		}
	if (stale)
		printk("    (unflushed, %d AP%s still read the old page: the TLB keeps entries)\n",
		       stale, stale == 1 ? "" : "s");
	flush_tlb_page(mm, TEST_VA);
	for (ap = 1; ap < NR_CPUS; ap++)
		if (cpu_online(ap)) {
			EXPECT_EQ(per_cpu(tlb_flush_count, ap), tlb[ap] + 1);
			EXPECT_EQ(read_on(ap, &a[ap]), 0x2222);
		}

	set_pte_no_flush(mm, TEST_VA, p1);
	for (ap = 1; ap < NR_CPUS; ap++)
		if (cpu_online(ap))
			read_on(ap, &a[ap]);
	flush_tlb_mm(mm);			/* the FLUSH_ALL kind */
	for (ap = 1; ap < NR_CPUS; ap++)
		if (cpu_online(ap)) {
			EXPECT_EQ(per_cpu(tlb_flush_count, ap), tlb[ap] + 2);
			EXPECT_EQ(read_on(ap, &a[ap]), 0x1111);
		}
	EXPECT_EQ(per_cpu(tlb_flush_count, 0), tlb0);	/* CPU 0 is not in the mask */

	for (ap = 1; ap < NR_CPUS; ap++)
		if (cpu_online(ap)) {
			EXPECT_EQ(smp_call_function_single(ap, ap_unload_mm, &a[ap], 1), 0);
			EXPECT_FALSE(cpu_isset(ap, mm->cpu_vm_mask));
			tlb[ap] = per_cpu(tlb_flush_count, ap);
		}
	flush_tlb_page(mm, TEST_VA);		/* no CPU has it: no IPI */
	for (ap = 1; ap < NR_CPUS; ap++)
		if (cpu_online(ap))
			EXPECT_EQ(per_cpu(tlb_flush_count, ap), tlb[ap]);
	unmap_page(mm->pgd, TEST_VA);
	__free_page(p1);
	__free_page(p2);
	mmput(mm);
}

/* an mm with one private anonymous page at TEST_VA holding 'value', loaded on ap */
static struct mm_struct *mm_with_page_on(int ap, struct ap_mm *a, u32 value, struct mm_struct **child)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;
	pte_t *pte;

	if (!mm)
		return NULL;
	if (IS_ERR_VALUE(do_mmap_pgoff(mm, TEST_VA, PAGE_SIZE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, 0, NULL, NULL)) ||
	    !(vma = find_vma(mm, TEST_VA)) || handle_mm_fault(mm, vma, TEST_VA, 1)) {
		mmput(mm);
		return NULL;
	}
	pte = lookup_pte(mm->pgd, TEST_VA, 0);
	*(u32 *)page_address(pfn_to_page(*pte >> PAGE_SHIFT)) = value;
	if (child)
		*child = dup_mm(mm);		/* fork: the page is shared read-only now */
	a->mm = mm;
	a->va = TEST_VA;
	smp_call_function_single(ap, ap_load_mm, a, 1);
	return mm;
}

static struct page *page_at(struct mm_struct *mm, unsigned long va)
{
	pte_t *pte = lookup_pte(mm->pgd, va, 0);

	return pte && (*pte & _PAGE_PRESENT) ? pfn_to_page(*pte >> PAGE_SHIFT) : NULL;
}

/*
 * The paths that change page tables shoot the other CPU's entry down: a
 * COW break (the AP must see the private copy, not the page the child
 * keeps), munmap (what is mapped there next is seen) and mprotect (the
 * same, after the pte is pointed elsewhere behind the kernel's back).
 * shmdt unmaps through do_munmap.
 */
KTEST(smp, cow_munmap_mprotect_flush_the_other_cpu)
{
	struct mm_struct *mm, *child = NULL;
	struct page *p;
	struct ap_mm a;
	unsigned long tlb;
	int ap = first_ap();

	if (!ap)
		return;
	/* COW break */
	mm = mm_with_page_on(ap, &a, 0x1111, &child);
	ASSERT_TRUE(mm && child);
	EXPECT_EQ(a.value, 0x1111);
	tlb = per_cpu(tlb_flush_count, ap);
	EXPECT_EQ(handle_mm_fault(mm, find_vma(mm, TEST_VA), TEST_VA, 1), 0);
	EXPECT_EQ(per_cpu(tlb_flush_count, ap), tlb + 1);
	p = page_at(mm, TEST_VA);
	ASSERT_TRUE(p && p != page_at(child, TEST_VA));
	*(u32 *)page_address(p) = 0x2222;	/* the writer's own copy */
	EXPECT_EQ(read_on(ap, &a), 0x2222);
	EXPECT_EQ(*(u32 *)page_address(page_at(child, TEST_VA)), 0x1111);
	smp_call_function_single(ap, ap_unload_mm, &a, 1);
	mmput(child);
	mmput(mm);

	/* munmap: a page mapped there afterwards, without a flush of its own, is the one read */
	mm = mm_with_page_on(ap, &a, 0x3333, NULL);
	ASSERT_TRUE(mm);
	EXPECT_EQ(a.value, 0x3333);
	p = alloc_page(GFP_KERNEL);
	ASSERT_TRUE(p);
	*(u32 *)page_address(p) = 0x4444;
	tlb = per_cpu(tlb_flush_count, ap);
	EXPECT_EQ(do_munmap(mm, TEST_VA, PAGE_SIZE), 0);
	EXPECT_EQ(per_cpu(tlb_flush_count, ap), tlb + 1);
	ASSERT_TRUE(lookup_pte(mm->pgd, TEST_VA, 1));
	set_pte_no_flush(mm, TEST_VA, p);
	EXPECT_EQ(read_on(ap, &a), 0x4444);
	smp_call_function_single(ap, ap_unload_mm, &a, 1);
	unmap_page(mm->pgd, TEST_VA);
	__free_page(p);
	mmput(mm);

	/* mprotect */
	mm = mm_with_page_on(ap, &a, 0x5555, NULL);
	ASSERT_TRUE(mm);
	EXPECT_EQ(a.value, 0x5555);
	tlb = per_cpu(tlb_flush_count, ap);
	EXPECT_EQ(do_mprotect(mm, TEST_VA, PAGE_SIZE, PROT_READ), 0);
	EXPECT_EQ(per_cpu(tlb_flush_count, ap), tlb + 1);
	p = alloc_page(GFP_KERNEL);
	ASSERT_TRUE(p);
	*(u32 *)page_address(p) = 0x6666;
	{
		pte_t *pte = lookup_pte(mm->pgd, TEST_VA, 0), old = *pte;

		set_pte_no_flush(mm, TEST_VA, p);
		EXPECT_EQ(read_on(ap, &a), 0x6666);
		*pte = old;
	}
	smp_call_function_single(ap, ap_unload_mm, &a, 1);
	__free_page(p);
	mmput(mm);
}

/* cpu's idle loop went through schedule() since 'from', within ms */
static int wait_sched(int cpu, unsigned long from, unsigned long ms)
{
	u64 end = ktime_get_ns() + (u64)ms * 1000000;

	while (cpu_sched_count(cpu) == from) {
		if (ktime_get_ns() > end)
			return 0;
		cpu_relax();
	}
	return 1;
}

static void nap(void)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(1);
}

/*
 * User tasks run on the APs too: what the kshell ran before the test (a
 * child still exiting, a reaped task's last switch) may keep an AP busy a
 * moment, longer when the host starves the vCPU thread. The tests that need
 * an idle AP wait for one, napping so that the BKL is free for it.
 */
static int wait_idle(int cpu, unsigned long ms)
{
	u64 end = ktime_get_ns() + (u64)ms * 1000000;

	while (!cpu_idles(cpu)) {
		if (ktime_get_ns() > end) {
			printk("    CPU%d still busy: %s, %lu queued\n", cpu,
			       cpu_curr(cpu)->comm, cpu_nr_running(cpu));
			return 0;
		}
		nap();
	}
	return 1;
}

struct on_cpu {
	int cpu, ti_cpu, is_idle;
	struct task_struct *task;
};

static void report_current(void *info)
{
	struct on_cpu *o = info;

	o->cpu = smp_processor_id();
	o->ti_cpu = current_thread_info()->cpu;
	o->task = current;
	o->is_idle = current == idle_task(o->cpu);
}

/*
 * Each AP runs its own idle task at the head of its own run queue, which
 * holds nothing else (tasks all go to CPU 0's); a reschedule IPI sends its
 * idle loop through schedule() on that queue, and the lock is free after.
 */
KTEST(smp, each_ap_idles_on_its_own_run_queue)
{
	int cpu;

	EXPECT_TRUE(idle_task(0) == &init_task);
	EXPECT_GE(cpu_nr_running(0), 1);	/* this test's own task */
	if (!first_ap())
		return;
	for (cpu = 1; cpu < NR_CPUS; cpu++) {
		struct on_cpu o = { -1, -1, 0, NULL };
		unsigned long sched;

		if (!cpu_online(cpu))
			continue;
		EXPECT_NOT_NULL(idle_task(cpu));
		EXPECT_TRUE(idle_task(cpu) != idle_task(0));
		EXPECT_TRUE(wait_idle(cpu, 5000));
		EXPECT_EQ(smp_call_function_single(cpu, report_current, &o, 1), 0);
		EXPECT_EQ(o.cpu, cpu);
		EXPECT_EQ(o.ti_cpu, cpu);
		EXPECT_TRUE(o.is_idle);
		EXPECT_TRUE(o.task == idle_task(cpu));
		sched = cpu_sched_count(cpu);
		smp_send_reschedule(cpu);
		EXPECT_TRUE(wait_sched(cpu, sched, 1000));
		EXPECT_EQ(cpu_nr_running(cpu), 0);
		/* the count moves under the lock: give the AP its unlock, then it stays free */
		{
			u64 end = ktime_get_ns() + 1000000000ULL;

			while (cpu_rq_locked(cpu) && ktime_get_ns() < end)
				cpu_relax();
		}
		EXPECT_FALSE(cpu_rq_locked(cpu));
	}
}

/* ---- the big kernel lock (lib/kernel_lock.c) ---- */

long do_wait(pid_t pid, int options, int __user *stat_addr, void __user *ru);

KTEST(smp, bkl_nests_and_kernel_threads_hold_it)
{
	int depth = current->lock_depth;

	EXPECT_TRUE(kernel_locked());		/* the kshell is a kernel thread */
	EXPECT_TRUE(bkl_is_locked());
	lock_kernel();
	EXPECT_EQ(current->lock_depth, depth + 1);
	unlock_kernel();
	EXPECT_EQ(current->lock_depth, depth);
	EXPECT_TRUE(bkl_is_locked());
	/* it is no spinlock for the sleep check: schedule() with it is fine */
	{
		int held = atomic_read(&per_cpu(spinlocks_held, smp_processor_id()));
		int bugs = atomic_read(&spinlock_bugs);

		EXPECT_EQ(held, 0);
		schedule();
		EXPECT_EQ(atomic_read(&spinlock_bugs), bugs);
		EXPECT_TRUE(kernel_locked());
		EXPECT_TRUE(bkl_is_locked());
	}
	/* SysV sem/msg and futex run without it (unless nobkl=0); never shm, mqueue, read */
	{
#define NOBKL(nr) ((syscall_nobkl[(nr) / 32] >> ((nr) % 32)) & 1)
		unsigned long on = NOBKL(__NR_semtimedop_time64);

		EXPECT_EQ(NOBKL(__NR_ipc), on);
		EXPECT_EQ(NOBKL(__NR_semget), on);
		EXPECT_EQ(NOBKL(__NR_msgrcv), on);
		EXPECT_EQ(NOBKL(__NR_shmat), 0UL);
		EXPECT_EQ(NOBKL(__NR_shmdt), 0UL);
		EXPECT_EQ(NOBKL(__NR_read), 0UL);
		EXPECT_EQ(NOBKL(__NR_futex), on);
		EXPECT_EQ(NOBKL(__NR_mq_timedsend), 0UL);
#undef NOBKL
	}
}

/* the first AP that takes tasks: none without its own tick (nolapic_timer) */
static int task_ap(void)
{
	if (!using_apic_timer) {
		printk("    (nolapic_timer: tasks stay on CPU 0)\n");
		return 0;
	}
	return first_ap();
}

static volatile int bkl_thread_cpu, bkl_thread_locked, bkl_thread_done;
static volatile unsigned long bkl_counter;
#define BKL_ROUNDS	20000

/* a non-atomic read-modify-write: only the BKL keeps two CPUs from losing updates */
static void bkl_count(void)
{
	for (int i = 0; i < BKL_ROUNDS; i++) {
		unsigned long v;

		lock_kernel();
		v = bkl_counter;
		cpu_relax();
		bkl_counter = v + 1;
		unlock_kernel();
	}
}

static int bkl_thread(void *ap)
{
	/* we start holding it: the kshell let it go by sleeping */
	set_cpus_allowed(current, 1UL << (unsigned long)ap);
	schedule();			/* the move happens here, the BKL comes back after */
	bkl_thread_cpu = smp_processor_id();
	bkl_thread_locked = kernel_locked() && bkl_is_locked();
	bkl_thread_done = 1;
	while (bkl_thread_done != 2)	/* the kshell is ready to count */
		nap();
	unlock_kernel();
	bkl_count();
	lock_kernel();
	bkl_thread_done = 3;
	return 0;
}

KTEST(smp, bkl_is_released_while_asleep_and_excludes_across_cpus)
{
	int ap = task_ap();
	pid_t pid;
	u64 end;

	if (!ap)
		return;
	bkl_thread_cpu = -1;
	bkl_thread_locked = 0;
	bkl_thread_done = 0;
	bkl_counter = 0;
	pid = kernel_thread(bkl_thread, (void *)(unsigned long)ap, SIGCHLD);
	ASSERT_TRUE(pid > 0);
	end = ktime_get_ns() + 10000000000ULL;	/* generous: a starved vCPU thread */
	while (!bkl_thread_done && ktime_get_ns() < end)
		nap();	/* lets the BKL go each time */
	EXPECT_EQ(bkl_thread_done, 1);
	EXPECT_EQ(bkl_thread_cpu, ap);		/* set_cpus_allowed moved it */
	EXPECT_TRUE(bkl_thread_locked);
	bkl_thread_done = 2;
	unlock_kernel();
	bkl_count();
	lock_kernel();
	while (bkl_thread_done != 3 && ktime_get_ns() < end + 5000000000ULL)
		nap();
	EXPECT_EQ(bkl_thread_done, 3);
	EXPECT_EQ(bkl_counter, 2UL * BKL_ROUNDS);
	EXPECT_EQ(do_wait(pid, 0, NULL, NULL), pid);
}

static int report_cpu_thread(void *unused)
{
	(void)unused;
	bkl_thread_cpu = smp_processor_id();
	return 0;
}

KTEST(smp, fork_balancing_puts_a_new_task_on_an_idle_cpu)
{
	int ap = task_ap();

	if (!ap)
		return;
	/* the kshell is pinned to CPU 0: a child allowed everywhere goes to an idle AP */
	EXPECT_TRUE(wait_idle(ap, 5000));
	bkl_thread_done = 0;
	current->cpus_allowed = ~0UL;
	{
		pid_t pid = kernel_thread(report_cpu_thread, NULL, SIGCHLD);

		current->cpus_allowed = 1UL;
		ASSERT_TRUE(pid > 0);
		EXPECT_EQ(do_wait(pid, 0, NULL, NULL), pid);
	}
	EXPECT_NE(bkl_thread_cpu, 0);
	EXPECT_TRUE(cpu_online(bkl_thread_cpu));
}

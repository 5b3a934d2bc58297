/*
 * boot/apic.c - the local APIC of each CPU (Linux: arch/i386/kernel/apic.c).
 * It carries the inter-processor interrupts and each CPU's own tick: its
 * APIC timer, periodic at HZ, calibrated once against PIT channel 2 on
 * the boot CPU (the APs share its bus clock, as 2.6's calibration_result).
 * Devices start on the 8259 PIC, delivered to the boot CPU through its
 * LINT0 as ExtINT ("virtual wire" mode, 2.6's pic_mode), until the I/O APIC
 * takes them (boot/io_apic.c), also to CPU 0 only: every device handler and
 * the PIT's global tick (jiffies, the timer list) run on CPU 0; tasks run
 * on every CPU, so what a handler shares with them is behind a spinlock.
 */
#include <kernel/apic.h>
#include <kernel/atomic.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/pgtable.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/timer.h>

#define MSR_IA32_APICBASE		0x1b
#define MSR_IA32_APICBASE_ENABLE	(1 << 11)
#define X86_FEATURE_APIC		(1 << 9)	/* CPUID 1, edx */

int cpu_has_apic;
int using_apic_timer;
int disable_apic_timer;
static int disable_apic;
static u32 calibration_result;		/* APIC timer counts (divided by 16) per tick */
extern unsigned long tsc_khz;

static int parse_nolapic(char *s)
{
	(void)s;
	disable_apic = 1;
	return 1;
}
__setup("nolapic", parse_nolapic);

/* nolapic_timer: CPU 0 takes its process time from the PIT, the APs have no tick */
static int parse_nolapic_timer(char *s)
{
	(void)s;
	disable_apic_timer = 1;
	return 1;
}
__setup("nolapic_timer", parse_nolapic_timer);

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

/* busy-wait on the TSC (calibrated against the PIT by time_init) */
void udelay(unsigned long usecs)
{
	u64 end;

	if (!tsc_khz) {			/* not calibrated yet: about 1 us per port write */
		while (usecs--)
			io_delay();
		return;
	}
	end = rdtsc() + (u64)usecs * tsc_khz / 1000;
	while (rdtsc() < end)
		cpu_relax();
}

void mdelay(unsigned long msecs)
{
	while (msecs--)
		udelay(1000);
}

/*
 * Map the APIC window into the top page-directory entry of the kernel's
 * directory, uncached. Every address space copies the kernel's entries
 * when it is made, so this runs before the first process exists.
 */
int apic_map(void)
{
	unsigned int a, b, c, d;
	u64 base;

	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
	if (disable_apic || !(d & X86_FEATURE_APIC))
		return -ENODEV;
	base = rdmsr(MSR_IA32_APICBASE);
	if ((base & ~0xfffULL) != APIC_DEFAULT_PHYS_BASE) {
		printk(KERN_INFO "APIC: local APIC at 0x%08lx, not the default; not used\n",
		       (unsigned long)(base & ~0xfffULL));
		return -ENODEV;
	}
	if (!(base & MSR_IA32_APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE);
	swapper_pg_dir[pgd_index(APIC_VIRT_BASE)] = APIC_WINDOW_PHYS | _PAGE_PSE |
		_PAGE_PCD | _PAGE_PWT | PAGE_KERNEL;
	invlpg(APIC_VIRT_BASE);
	cpu_has_apic = 1;
	return 0;
}

/*
 * Software-enable this CPU's local APIC (2.6's setup_local_APIC). On the
 * boot CPU, LINT0 takes the 8259's interrupts as ExtINT and LINT1 the NMI;
 * an AP masks both, so it sees IPIs (and, once the I/O APIC is set up,
 * nothing else: its interrupts are sent to the boot CPU) only.
 */
void setup_local_APIC(int bsp)
{
	apic_write(APIC_TASKPRI, 0);			/* accept every priority */
	apic_write(APIC_DFR, 0xffffffff);		/* flat model */
	apic_write(APIC_LDR, (apic_read(APIC_LDR) & 0x00ffffff) | (1u << 24));
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);	/* until its clock is set up */
	apic_write(APIC_LVTPC, APIC_LVT_MASKED);
	apic_write(APIC_LVTERR, APIC_LVT_MASKED | ERROR_APIC_VECTOR);
	apic_write(APIC_LVT0, APIC_DM_EXTINT | (bsp ? 0 : APIC_LVT_MASKED));
	apic_write(APIC_LVT1, APIC_DM_NMI | (bsp ? 0 : APIC_LVT_MASKED));
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	apic_write(APIC_ESR, 0);			/* the ESR is written before it is read */
	apic_write(APIC_ESR, 0);
	apic_write(APIC_EOI, 0);			/* anything left in service from the BIOS */
}

/* the previous IPI has left the ICR: 0, or -ETIMEDOUT after about 20 ms */
int apic_wait_icr_idle(void)
{
	for (int timeout = 0; timeout < 1000; timeout++) {
		if (!(apic_read(APIC_ICR) & APIC_ICR_BUSY))
			return 0;
		udelay(20);
	}
	return -ETIMEDOUT;
}

void apic_send_ipi(int apicid, u32 icr)
{
	unsigned long flags = local_irq_save();	/* ICR2 and ICR are one operation */

	apic_wait_icr_idle();
	apic_write(APIC_ICR2, (u32)apicid << 24);
	apic_write(APIC_ICR, icr);
	local_irq_restore(flags);
}

/* start this CPU's timer: periodic, one interrupt a tick */
static void setup_APIC_timer(u32 counts)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, counts);
}

/* APIC timer counts across 10 ms of PIT channel 2 (its gate, as calibrate_tsc) */
static u32 apic_counts_in_10ms(void)
{
	unsigned long latch = CLOCK_TICK_RATE / 100;
	u32 t0, t1;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(0x43, 0xb0);			/* channel 2, lo/hi, mode 0 */
	outb(0x42, latch & 0xff);
	outb(0x42, latch >> 8);
	t0 = apic_read(APIC_TMCCT);
	while (!(inb(0x61) & 0x20))		/* OUT2 goes high at terminal count */
		;
	t1 = apic_read(APIC_TMCCT);
	return t0 - t1;				/* it counts down */
}

/*
 * Calibrate and start CPU 0's timer (2.6's setup_boot_APIC_clock): the
 * median of five 10 ms measurements, since a host that preempts QEMU
 * between the PIT and the APIC reads spoils one of them. From here on the
 * PIT's interrupt no longer counts CPU 0's process time.
 */
int setup_boot_APIC_clock(void)
{
	u32 m[5], t;
	unsigned long flags, bus_khz;

	if (!cpu_has_apic || disable_apic_timer)
		return -ENODEV;
	flags = local_irq_save();
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);	/* one-shot, silent */
	apic_write(APIC_TMICT, 0xffffffff);
	for (int i = 0; i < 5; i++) {
		m[i] = apic_counts_in_10ms();
		for (int j = i; j > 0 && m[j] < m[j - 1]; j--) {
			t = m[j];
			m[j] = m[j - 1];
			m[j - 1] = t;
		}
	}
	calibration_result = m[2] / (HZ / 100);
	if (calibration_result < 16) {		/* a timer that barely moves: not usable */
		apic_write(APIC_TMICT, 0);
		local_irq_restore(flags);
		printk(KERN_INFO "APIC timer: %u counts in 10 ms, not used\n", m[2]);
		return -ENODEV;
	}
	using_apic_timer = 1;
	setup_APIC_timer(calibration_result);
	local_irq_restore(flags);
	bus_khz = (unsigned long)((u64)calibration_result * 16 * HZ / 1000);
	printk(KERN_INFO "APIC timer: bus clock %lu.%03lu MHz (calibrated on the PIT), %u counts a tick\n",
	       bus_khz / 1000, bus_khz % 1000, calibration_result);
	return 0;
}

/* an AP's timer, with the boot CPU's calibration */
void setup_secondary_APIC_clock(void)
{
	if (using_apic_timer)
		setup_APIC_timer(calibration_result);
}

/* LOCAL_TIMER_VECTOR (boot/entry.asm), interrupts off: this CPU's tick */
void smp_apic_timer_interrupt(struct pt_regs *regs)
{
	ack_APIC_irq();
	per_cpu(apic_timer_irqs, smp_processor_id())++;
	update_process_times(regs);
}

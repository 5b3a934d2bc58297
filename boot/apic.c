/*
 * boot/apic.c - the local APIC of each CPU (Linux: arch/i386/kernel/apic.c).
 * This slice uses it for inter-processor interrupts only: the boot CPU
 * keeps the 8259 PIC and the PIT for its timer and devices, delivered
 * through its local APIC's LINT0 as ExtINT ("virtual wire" mode, 2.6's
 * pic_mode), and every APIC timer stays masked. The APIC timer on each CPU
 * and the I/O APIC come with the next slice.
 */
#include <kernel/apic.h>
#include <kernel/atomic.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/pgtable.h>
#include <kernel/printk.h>

#define MSR_IA32_APICBASE		0x1b
#define MSR_IA32_APICBASE_ENABLE	(1 << 11)
#define X86_FEATURE_APIC		(1 << 9)	/* CPUID 1, edx */

int cpu_has_apic;
static int disable_apic;
extern unsigned long tsc_khz;

static int parse_nolapic(char *s)
{
	(void)s;
	disable_apic = 1;
	return 1;
}
__setup("nolapic", parse_nolapic);

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
 * an AP masks both, so it sees IPIs only.
 */
void setup_local_APIC(int bsp)
{
	apic_write(APIC_TASKPRI, 0);			/* accept every priority */
	apic_write(APIC_DFR, 0xffffffff);		/* flat model */
	apic_write(APIC_LDR, (apic_read(APIC_LDR) & 0x00ffffff) | (1u << 24));
	apic_write(APIC_LVTT, APIC_LVT_MASKED);		/* the APIC timer: next slice */
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

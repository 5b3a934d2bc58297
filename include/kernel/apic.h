/*
 * include/kernel/apic.h - the local APIC (boot/apic.c; Linux:
 * include/asm-i386/apic.h, apicdef.h and mach-default/irq_vectors.h).
 * Each CPU reaches its own local APIC at the same address; the kernel maps
 * the 4 MiB that hold it and the I/O APIC at APIC_VIRT_BASE.
 */
#ifndef _KERNEL_APIC_H
#define _KERNEL_APIC_H

#include <kernel/types.h>

#define APIC_DEFAULT_PHYS_BASE	0xfee00000UL
#define APIC_WINDOW_PHYS	0xfec00000UL	/* I/O APIC and local APIC, one 4 MiB page */
#define APIC_VIRT_BASE		0xffc00000UL	/* the top page directory entry */

/* registers, byte offsets */
#define APIC_ID		0x20
#define APIC_LVR	0x30
#define APIC_TASKPRI	0x80
#define APIC_EOI	0xb0
#define APIC_LDR	0xd0
#define APIC_DFR	0xe0
#define APIC_SPIV	0xf0
#define  APIC_SPIV_APIC_ENABLED	0x100
#define APIC_ESR	0x280
#define APIC_ICR	0x300
#define  APIC_DEST_SELF		0x40000
#define  APIC_DEST_ALLBUT	0xc0000
#define  APIC_ICR_BUSY		0x1000
#define  APIC_INT_LEVELTRIG	0x8000
#define  APIC_INT_ASSERT	0x4000
#define  APIC_DM_FIXED		0x000
#define  APIC_DM_NMI		0x400
#define  APIC_DM_INIT		0x500
#define  APIC_DM_STARTUP	0x600
#define  APIC_DM_EXTINT		0x700
#define APIC_ICR2	0x310
#define APIC_LVTT	0x320
#define  APIC_LVT_TIMER_PERIODIC	0x20000
#define APIC_LVTPC	0x340
#define APIC_LVT0	0x350
#define APIC_LVT1	0x360
#define APIC_LVTERR	0x370
#define  APIC_LVT_MASKED	0x10000
#define APIC_TMICT	0x380		/* timer initial count */
#define APIC_TMCCT	0x390		/* timer current count */
#define APIC_TDCR	0x3e0		/* timer divide configuration */
#define  APIC_TDR_DIV_16	0x3

/* vectors, as 2.6's irq_vectors.h */
#define SPURIOUS_APIC_VECTOR	0xff
#define ERROR_APIC_VECTOR	0xfe
#define INVALIDATE_TLB_VECTOR	0xfd
#define RESCHEDULE_VECTOR	0xfc
#define CALL_FUNCTION_VECTOR	0xfb
#define LOCAL_TIMER_VECTOR	0xef

#define GET_APIC_ID(x)	(((x) >> 24) & 0xff)

static inline u32 apic_read(u32 reg)
{
	return *(volatile u32 *)(APIC_VIRT_BASE + (APIC_DEFAULT_PHYS_BASE - APIC_WINDOW_PHYS) + reg);
}

static inline void apic_write(u32 reg, u32 v)
{
	*(volatile u32 *)(APIC_VIRT_BASE + (APIC_DEFAULT_PHYS_BASE - APIC_WINDOW_PHYS) + reg) = v;
}

static inline void ack_APIC_irq(void)
{
	apic_write(APIC_EOI, 0);
}

extern int cpu_has_apic;		/* 0 with nolapic, or no APIC in CPUID */

int apic_map(void);			/* 0, or -ENODEV: no local APIC to use */
void setup_local_APIC(int bsp);
int apic_wait_icr_idle(void);		/* 0, or -ETIMEDOUT */
void apic_send_ipi(int apicid, u32 icr);	/* ICR2 = apicid, ICR = icr */
int setup_boot_APIC_clock(void);	/* calibrate on the PIT, start CPU0's: 0 or -ENODEV */
void setup_secondary_APIC_clock(void);
extern int using_apic_timer;		/* the APIC timer ticks each CPU */
extern int disable_apic_timer;		/* nolapic_timer was given */
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);
void set_intr_gate(unsigned int n, void *addr);	/* boot/traps.c */

#endif

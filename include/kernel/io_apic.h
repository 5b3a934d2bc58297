/*
 * include/kernel/io_apic.h - the I/O APIC (boot/io_apic.c; Linux:
 * include/asm-i386/io_apic.h and arch/i386/kernel/io_apic.c's interface).
 * The firmware's tables tell where it is and how the ISA IRQs reach its
 * pins; setup_IO_APIC moves the ISA lines off the 8259 onto it.
 */
#ifndef _KERNEL_IO_APIC_H
#define _KERNEL_IO_APIC_H

#include <kernel/types.h>

/* MPS INTI flags, the same in the MP table's and the MADT's entries */
#define MP_IRQPOL_MASK		0x3	/* 0 conforms to the bus (ISA: high), 1 high, 3 low */
#define  MP_IRQPOL_LOW		0x3
#define MP_IRQTRIG_MASK		0xc	/* 0 conforms (ISA: edge), 4 edge, 0xc level */
#define  MP_IRQTRIG_LEVEL	0xc

extern int skip_ioapic_setup;		/* "noapic" */
extern int acpi_skip_timer_override;	/* "acpi_skip_timer_override" (boot/acpi_boot.c) */

/* ISA IRQ bus_irq arrives at global interrupt gsi (the MADT's INT_SRC_OVR, the MP table's INTSRC) */
void mp_override_legacy_irq(unsigned int bus_irq, unsigned int gsi, u16 flags);
void mp_clear_legacy_irqs(void);	/* the tables that gave them were dropped */

/*
 * Program the first I/O APIC and move every ISA IRQ it has a pin for onto
 * it, delivered to the boot CPU; the 8259 is left masked. Called once on
 * the boot CPU, local APIC up, interrupts on (the timer is checked to
 * tick). 0, or -ENODEV: there is none to use and the 8259 keeps the lines.
 */
int setup_IO_APIC(void);

#endif

/*
 * include/kernel/irq.h - the 16 ISA IRQ lines and their handlers
 * (kernel/irq.c; Linux: include/linux/irq.h and include/asm-i386/hw_irq.h).
 * Each line belongs to an interrupt controller, its irq_chip: the 8259 PIC
 * (boot/i8259.c, "XT-PIC") from boot, the I/O APIC (boot/io_apic.c,
 * "IO-APIC-edge") once setup_IO_APIC has moved it there.
 */
#ifndef _KERNEL_IRQ_H
#define _KERNEL_IRQ_H

#include <kernel/ptrace.h>

#define NR_IRQS		16
#define NR_VECTORS	256
#define FIRST_EXTERNAL_VECTOR 0x20	/* the 8259's IRQ 0-15: 0x20-0x2f */
#define FIRST_DEVICE_VECTOR 0x31	/* the I/O APIC's, 2.6's irq_vectors.h */

typedef void (*irq_handler_t)(int irq, struct pt_regs *regs);

/*
 * An interrupt controller (2.6's struct irq_chip, alias hw_interrupt_type):
 * its name for /proc/interrupts, unmask and mask a line, and ack, which
 * do_IRQ calls before the handler (an edge interrupt can then come again
 * while its handler runs, and is not lost). Called with the line's
 * irq_desc lock held.
 */
struct irq_chip {
	const char *name;
	void (*enable)(unsigned int irq);
	void (*disable)(unsigned int irq);
	void (*ack)(unsigned int irq);
};

void init_ISA_irqs(struct irq_chip *chip);
int request_irq(unsigned int irq, irq_handler_t handler, const char *name);
void disable_irq(unsigned int irq);	/* nests: as many enable_irq to undo */
void enable_irq(unsigned int irq);
int set_irq_chip(unsigned int irq, struct irq_chip *chip);	/* 0 or -EINVAL */
void set_irq_vector(unsigned int vector, unsigned int irq);	/* do_IRQ's map */
int irq_enabled(unsigned int irq);	/* requested and not disabled */
void do_IRQ(struct pt_regs *regs);
unsigned long irq_count(unsigned int irq);	/* over every CPU */
unsigned long kstat_irqs_cpu(unsigned int irq, int cpu);
const char *irq_name(unsigned int irq);	/* the handler's, NULL for none */
const char *irq_chip_name(unsigned int irq);

extern struct irq_chip i8259A_chip;
void init_8259A(void);
void enable_8259A_irq(unsigned int irq);
void disable_8259A_irq(unsigned int irq);
int i8259A_irq_pending(unsigned int irq);	/* its IRR bit */

#endif

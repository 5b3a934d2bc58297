/*
 * include/kernel/irq.h - legacy IRQ lines 0-15 behind the 8259 PICs
 * (boot/i8259.c) and their handlers (kernel/irq.c).
 */
#ifndef _KERNEL_IRQ_H
#define _KERNEL_IRQ_H

#include <kernel/ptrace.h>

#define NR_IRQS		16
#define FIRST_EXTERNAL_VECTOR 0x20

typedef void (*irq_handler_t)(int irq, struct pt_regs *regs);

int request_irq(unsigned int irq, irq_handler_t handler, const char *name);
void do_IRQ(struct pt_regs *regs);
unsigned long irq_count(unsigned int irq);
const char *irq_name(unsigned int irq);

void init_8259A(void);
void enable_8259A_irq(unsigned int irq);
void disable_8259A_irq(unsigned int irq);
void ack_8259A_irq(unsigned int irq);

#endif

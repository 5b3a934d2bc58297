/*
 * kernel/irq.c - dispatch of the 16 legacy IRQs to their handlers (Linux:
 * arch/i386/kernel/irq.c and kernel/irq/handle.c, much reduced: one handler
 * per line, no sharing).
 */
#include <kernel/bug.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>

struct irq_desc {
	irq_handler_t handler;
	const char *name;
	unsigned long count;
};

static struct irq_desc irq_desc[NR_IRQS];

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	irq_desc[irq].handler = handler;
	irq_desc[irq].name = name;
	enable_8259A_irq(irq);
	return 0;
}

void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = regs->trapno - FIRST_EXTERNAL_VECTOR;
	struct irq_desc *desc = &irq_desc[irq];

#ifdef CONFIG_DEBUG_STACKOVERFLOW
	stack_overflow_check();
#endif
	/* IRQ 7 and 15 fire spuriously on a PIC glitch; they need no EOI work */
	desc->count++;
	ack_8259A_irq(irq);
	if (desc->handler)
		desc->handler(irq, regs);
}

unsigned long irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].count : 0;
}

const char *irq_name(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].name : NULL;
}

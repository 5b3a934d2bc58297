/*
 * kernel/irq.c - dispatch of the 16 ISA IRQs to their handlers (Linux:
 * arch/i386/kernel/irq.c and kernel/irq/handle.c, manage.c, much reduced:
 * one handler per line, no sharing). A vector comes in, vector_irq[] names
 * its line, the line's irq_chip acks it and its handler runs. The 8259 and
 * the I/O APIC register their chips (boot/i8259.c, boot/io_apic.c), so
 * nothing here knows which controller a line is on.
 *
 * Locking: desc->lock (with interrupts off) covers a line's chip, handler
 * and disable depth; a chip's own lock (i8259A_lock, ioapic_lock) nests
 * inside it. The counts are per CPU, each written by its own CPU only.
 */
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

struct irq_desc {
	spinlock_t lock;
	struct irq_chip *chip;
	irq_handler_t handler;
	const char *name;
	unsigned int depth;		/* disable_irq nesting; 1 until requested */
	unsigned long count[NR_CPUS];
};

static struct irq_desc irq_desc[NR_IRQS];

/* which line each vector belongs to, -1 for none (2.6.19's vector_irq) */
static signed char vector_irq[NR_VECTORS];

/*
 * Every line on chip, arriving at FIRST_EXTERNAL_VECTOR + irq, all masked
 * (2.6's init_ISA_irqs): init_8259A, before interrupts are first enabled.
 */
void init_ISA_irqs(struct irq_chip *chip)
{
	for (unsigned int v = 0; v < NR_VECTORS; v++)
		vector_irq[v] = -1;
	for (unsigned int i = 0; i < NR_IRQS; i++) {
		spin_lock_init(&irq_desc[i].lock);
		irq_desc[i].chip = chip;
		irq_desc[i].depth = 1;
		vector_irq[FIRST_EXTERNAL_VECTOR + i] = i;
	}
}

void set_irq_vector(unsigned int vector, unsigned int irq)
{
	if (vector < NR_VECTORS && irq < NR_IRQS)
		vector_irq[vector] = irq;
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	struct irq_desc *desc = &irq_desc[irq];
	unsigned long flags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	spin_lock_irqsave(&desc->lock, flags);
	if (desc->handler) {
		spin_unlock_irqrestore(&desc->lock, flags);
		return -EBUSY;
	}
	desc->handler = handler;
	desc->name = name;
	desc->depth = 0;
	desc->chip->enable(irq);
	spin_unlock_irqrestore(&desc->lock, flags);
	return 0;
}

void disable_irq(unsigned int irq)
{
	struct irq_desc *desc = &irq_desc[irq];
	unsigned long flags;

	if (irq >= NR_IRQS)
		return;
	spin_lock_irqsave(&desc->lock, flags);
	if (!desc->depth++)
		desc->chip->disable(irq);
	spin_unlock_irqrestore(&desc->lock, flags);
}

void enable_irq(unsigned int irq)
{
	struct irq_desc *desc = &irq_desc[irq];
	unsigned long flags;

	if (irq >= NR_IRQS)
		return;
	spin_lock_irqsave(&desc->lock, flags);
	if (!desc->depth)
		printk(KERN_WARNING "WARNING: unbalanced enable for IRQ %u\n", irq);
	else if (!--desc->depth)
		desc->chip->enable(irq);
	spin_unlock_irqrestore(&desc->lock, flags);
}

int irq_enabled(unsigned int irq)
{
	return irq < NR_IRQS && irq_desc[irq].handler && !irq_desc[irq].depth;
}

/*
 * Move a line to another controller: masked on the old one, unmasked on
 * the new one if it is in use. The caller has pointed the new chip's
 * vector at the line (set_irq_vector) and decides what to do with an
 * interrupt the old chip still holds.
 */
int set_irq_chip(unsigned int irq, struct irq_chip *chip)
{
	struct irq_desc *desc = &irq_desc[irq];
	unsigned long flags;

	if (irq >= NR_IRQS || !chip)
		return -EINVAL;
	spin_lock_irqsave(&desc->lock, flags);
	desc->chip->disable(irq);
	desc->chip = chip;
	if (desc->handler && !desc->depth)
		chip->enable(irq);
	spin_unlock_irqrestore(&desc->lock, flags);
	return 0;
}

void do_IRQ(struct pt_regs *regs)
{
	int irq = vector_irq[regs->trapno & 0xff];
	struct irq_desc *desc;
	irq_handler_t handler;

#ifdef CONFIG_DEBUG_STACKOVERFLOW
	stack_overflow_check();
#endif
	if (irq < 0) {			/* only vectors with a line get a gate */
		printk(KERN_ERR "do_IRQ: vector 0x%lx has no IRQ\n", regs->trapno);
		return;
	}
	desc = &irq_desc[irq];
	spin_lock(&desc->lock);
	desc->count[smp_processor_id()]++;
	/* IRQ 7 and 15 fire spuriously on a PIC glitch; the 8259's ack copes */
	desc->chip->ack(irq);
	handler = desc->handler;
	spin_unlock(&desc->lock);
	if (handler)
		handler(irq, regs);
}

unsigned long kstat_irqs_cpu(unsigned int irq, int cpu)
{
	return irq < NR_IRQS && cpu >= 0 && cpu < NR_CPUS ? irq_desc[irq].count[cpu] : 0;
}

unsigned long irq_count(unsigned int irq)
{
	unsigned long sum = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		sum += kstat_irqs_cpu(irq, cpu);
	return sum;
}

const char *irq_name(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].name : NULL;
}

const char *irq_chip_name(unsigned int irq)
{
	return irq < NR_IRQS ? irq_desc[irq].chip->name : NULL;
}

/*
 * boot/i8259.c - the two cascaded 8259A interrupt controllers (Linux:
 * arch/i386/kernel/i8259.c). Remapped so IRQ 0-15 arrive on vectors
 * 0x20-0x2f, clear of the CPU's exceptions; its irq_chip is "XT-PIC". Once
 * the I/O APIC takes the lines (boot/io_apic.c) it stays initialised with
 * every line masked, as in 2.6.
 */
#include <kernel/irq.h>
#include <kernel/io.h>
#include <kernel/spinlock.h>

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_DATA	0x21
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_DATA	0xa1
#define PIC_EOI		0x20
#define PIC_READ_IRR	0x0a		/* OCW3: the next command-port read is the IRR */

static DEFINE_SPINLOCK(i8259A_lock);	/* the mask and the command ports */
static u16 cached_irq_mask = 0xffff;

/* the slave's lines come in on the master's IR2: open while one of them is */
static void write_mask(void)
{
	u8 master = cached_irq_mask & 0xff, slave = cached_irq_mask >> 8;

	if (slave != 0xff)
		master &= ~(1 << 2);
	outb(PIC_MASTER_DATA, master);
	outb(PIC_SLAVE_DATA, slave);
}

void enable_8259A_irq(unsigned int irq)
{
	unsigned long flags;

	spin_lock_irqsave(&i8259A_lock, flags);
	cached_irq_mask &= ~(1 << irq);
	write_mask();
	spin_unlock_irqrestore(&i8259A_lock, flags);
}

void disable_8259A_irq(unsigned int irq)
{
	unsigned long flags;

	spin_lock_irqsave(&i8259A_lock, flags);
	cached_irq_mask |= 1 << irq;
	write_mask();
	spin_unlock_irqrestore(&i8259A_lock, flags);
}

/* an edge the 8259 latched and has not handed to a CPU yet */
int i8259A_irq_pending(unsigned int irq)
{
	unsigned long flags;
	int irr;

	spin_lock_irqsave(&i8259A_lock, flags);
	outb(PIC_MASTER_CMD, PIC_READ_IRR);
	outb(PIC_SLAVE_CMD, PIC_READ_IRR);
	irr = inb(PIC_MASTER_CMD) | (inb(PIC_SLAVE_CMD) << 8);
	spin_unlock_irqrestore(&i8259A_lock, flags);
	return (irr >> irq) & 1;
}

static void ack_8259A_irq(unsigned int irq)
{
	spin_lock(&i8259A_lock);	/* do_IRQ: interrupts are off */
	if (irq >= 8)
		outb(PIC_SLAVE_CMD, PIC_EOI);
	outb(PIC_MASTER_CMD, PIC_EOI);
	spin_unlock(&i8259A_lock);
}

struct irq_chip i8259A_chip = {
	.name = "XT-PIC",
	.enable = enable_8259A_irq,
	.disable = disable_8259A_irq,
	.ack = ack_8259A_irq,
};

void init_8259A(void)
{
	outb(PIC_MASTER_CMD, 0x11);	/* ICW1: edge, cascade, ICW4 follows */
	io_delay();
	outb(PIC_MASTER_DATA, FIRST_EXTERNAL_VECTOR);	/* ICW2: vector base */
	io_delay();
	outb(PIC_MASTER_DATA, 1 << 2);	/* ICW3: slave on IR2 */
	io_delay();
	outb(PIC_MASTER_DATA, 0x01);	/* ICW4: 8086 mode, normal EOI */
	io_delay();
	outb(PIC_SLAVE_CMD, 0x11);
	io_delay();
	outb(PIC_SLAVE_DATA, FIRST_EXTERNAL_VECTOR + 8);
	io_delay();
	outb(PIC_SLAVE_DATA, 2);	/* slave identity */
	io_delay();
	outb(PIC_SLAVE_DATA, 0x01);
	io_delay();
	/* early boot, one CPU, interrupts off: no lock yet */
	cached_irq_mask = 0xffff;
	write_mask();
	init_ISA_irqs(&i8259A_chip);
}

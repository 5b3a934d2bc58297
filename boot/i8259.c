/*
 * boot/i8259.c - the two cascaded 8259A interrupt controllers (Linux:
 * arch/i386/kernel/i8259.c). Remapped so IRQ 0-15 arrive on vectors
 * 0x20-0x2f, clear of the CPU's exceptions.
 */
#include <kernel/irq.h>
#include <kernel/io.h>

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_DATA	0x21
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_DATA	0xa1
#define PIC_EOI		0x20

static u16 cached_irq_mask = 0xffff;

static void write_mask(void)
{
	outb(PIC_MASTER_DATA, cached_irq_mask & 0xff);
	outb(PIC_SLAVE_DATA, cached_irq_mask >> 8);
}

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
	cached_irq_mask = 0xffff & ~(1 << 2);	/* cascade line always open */
	write_mask();
}

void enable_8259A_irq(unsigned int irq)
{
	cached_irq_mask &= ~(1 << irq);
	write_mask();
}

void disable_8259A_irq(unsigned int irq)
{
	cached_irq_mask |= 1 << irq;
	write_mask();
}

void ack_8259A_irq(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC_SLAVE_CMD, PIC_EOI);
	outb(PIC_MASTER_CMD, PIC_EOI);
}

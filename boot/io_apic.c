/*
 * boot/io_apic.c - the I/O APIC, which takes the ISA interrupts off the
 * 8259 PIC (Linux: arch/i386/kernel/io_apic.c, much reduced: the first
 * I/O APIC only, the 16 ISA lines only, edge-triggered).
 *
 * Each of its pins has a 64-bit redirection entry: the vector, how and to
 * which local APIC to deliver it, polarity, trigger, a mask bit. ISA IRQ n
 * is on pin n unless the firmware says otherwise: the MADT's interrupt
 * source overrides (QEMU: ISA IRQ 0, the PIT, on pin 2) or the MP table's
 * INTSRC entries. Each line gets a vector of its own, FIRST_DEVICE_VECTOR
 * + 8 * irq, one per priority class as 2.6's assign_irq_vector spreads
 * them, and the chip "IO-APIC-edge": ack is the local APIC's EOI.
 *
 * Where to: fixed delivery, physical destination, the boot CPU's APIC id.
 * 2.6 used lowest-priority delivery to a logical destination, letting the
 * APICs pick the least busy CPU; here every CPU's logical id is the same
 * (boot/apic.c sets LDR bit 0 on each, the flat model unused), so a logical
 * destination would not name one CPU, and the device handlers (tty,
 * keyboard, the PIT's global tick) have always run on CPU 0. Spreading
 * them is a later step: give each CPU its own LDR bit, then lowest
 * priority.
 *
 * The 8259 stays initialised with every line masked; the boot CPU's LINT0
 * stays in ExtINT ("virtual wire"), so a line the I/O APIC cannot take
 * still works through it: the timer when it does not tick on its pin
 * (2.6's check_timer fallback, "acpi_skip_timer_override" provokes it
 * under QEMU), a level-triggered line (no driver here has one). 2.6's
 * check_timer masks LINT0 when the timer works on the I/O APIC; with the
 * 8259 masked, nothing comes in on it either way.
 *
 * Locking: ioapic_lock covers the index/data register pair; the irq_desc
 * lock (kernel/irq.c) is taken outside it.
 */
#include <kernel/apic.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/io.h>
#include <kernel/io_apic.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

#define IO_APIC_ID		0x00
#define IO_APIC_VERSION		0x01	/* bits 0-7 version, 16-23 the last entry's index */
#define IO_APIC_REDTBL(pin)	(0x10 + 2 * (pin))	/* low word; +1 the high */

/* redirection entry, low word */
#define IO_APIC_DEST_LOGICAL	(1 << 11)	/* unset: physical, by APIC id */
#define IO_APIC_POLARITY_LOW	(1 << 13)
#define IO_APIC_TRIGGER_LEVEL	(1 << 15)
#define IO_APIC_MASKED		(1 << 16)

#define IO_APIC_VECTOR(irq)	(FIRST_DEVICE_VECTOR + 8 * (irq))

int skip_ioapic_setup;
static DEFINE_SPINLOCK(ioapic_lock);
static volatile u32 *ioapic_base;	/* IOREGSEL at 0, IOWIN at 0x10 */
static int nr_ioapic_registers;
static int irq_2_pin[NR_IRQS];		/* the pin each ISA line is on, -1 none */

/* the firmware's overrides: ISA IRQ -> global interrupt, flags */
static struct {
	int set;
	unsigned int gsi;
	u16 flags;
} legacy_irq[NR_IRQS];

extern void *const ioapic_interrupt[NR_IRQS];	/* boot/entry.asm: one entry each */

static int parse_noapic(char *s)
{
	(void)s;
	skip_ioapic_setup = 1;
	return 1;
}
__setup("noapic", parse_noapic);

static u32 io_apic_read(unsigned int reg)
{
	ioapic_base[0] = reg;
	return ioapic_base[4];
}

static void io_apic_write(unsigned int reg, u32 v)
{
	ioapic_base[0] = reg;
	ioapic_base[4] = v;
}

void mp_override_legacy_irq(unsigned int bus_irq, unsigned int gsi, u16 flags)
{
	if (bus_irq >= NR_IRQS)
		return;
	legacy_irq[bus_irq].set = 1;
	legacy_irq[bus_irq].gsi = gsi;
	legacy_irq[bus_irq].flags = flags;
}

void mp_clear_legacy_irqs(void)
{
	for (int i = 0; i < NR_IRQS; i++)
		legacy_irq[i].set = 0;
}

/*
 * The pin of ISA IRQ irq: its override, else pin irq unless an override
 * took that pin for another IRQ (QEMU's IRQ 0 -> pin 2 leaves IRQ 2 none),
 * as 2.6's mp_config_acpi_legacy_irqs. -1 for none.
 */
static int isa_irq_pin(unsigned int irq, unsigned int gsi_base)
{
	int pin = irq;

	if (legacy_irq[irq].set) {
		pin = (int)legacy_irq[irq].gsi - (int)gsi_base;
	} else {
		for (int i = 0; i < NR_IRQS; i++)
			if (legacy_irq[i].set && legacy_irq[i].gsi - gsi_base == irq)
				return -1;
	}
	return pin >= 0 && pin < nr_ioapic_registers ? pin : -1;
}

/* set and clear bits of irq's redirection entry (2.6's __modify_IO_APIC_irq) */
static void modify_IO_APIC_irq(unsigned int irq, u32 set, u32 clear)
{
	unsigned long flags;
	int pin = irq_2_pin[irq];

	if (pin < 0)
		return;
	spin_lock_irqsave(&ioapic_lock, flags);
	io_apic_write(IO_APIC_REDTBL(pin), (io_apic_read(IO_APIC_REDTBL(pin)) & ~clear) | set);
	io_apic_read(IO_APIC_REDTBL(pin));	/* the write has reached the chip */
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

static void unmask_IO_APIC_irq(unsigned int irq)
{
	modify_IO_APIC_irq(irq, 0, IO_APIC_MASKED);
}

static void mask_IO_APIC_irq(unsigned int irq)
{
	modify_IO_APIC_irq(irq, IO_APIC_MASKED, 0);
}

/* an edge interrupt is done with once the local APIC has its EOI */
static void ack_edge_ioapic_irq(unsigned int irq)
{
	(void)irq;
	ack_APIC_irq();
}

static struct irq_chip ioapic_edge_chip = {
	.name = "IO-APIC-edge",
	.enable = unmask_IO_APIC_irq,
	.disable = mask_IO_APIC_irq,
	.ack = ack_edge_ioapic_irq,
};

/* every pin masked, whatever the BIOS left (2.6's clear_IO_APIC) */
static void clear_IO_APIC(void)
{
	unsigned long flags;

	spin_lock_irqsave(&ioapic_lock, flags);
	for (int pin = 0; pin < nr_ioapic_registers; pin++) {
		io_apic_write(IO_APIC_REDTBL(pin), IO_APIC_MASKED);
		io_apic_write(IO_APIC_REDTBL(pin) + 1, 0);
	}
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

/*
 * Move ISA line irq to pin, interrupts off: the entry written masked, the
 * vector's gate and map set, then the line changes chips (unmasked there
 * if in use). An edge the 8259 latched meanwhile would be lost with it:
 * send it again to this CPU on the new vector (2.6's hw_resend_irq).
 */
static void setup_ioapic_irq(unsigned int irq, int pin, u16 flags, int dest)
{
	u32 low = IO_APIC_VECTOR(irq) | IO_APIC_MASKED;	/* fixed, physical, edge */
	unsigned long lf;

	if ((flags & MP_IRQPOL_MASK) == MP_IRQPOL_LOW)
		low |= IO_APIC_POLARITY_LOW;
	spin_lock_irqsave(&ioapic_lock, lf);
	io_apic_write(IO_APIC_REDTBL(pin) + 1, (u32)dest << 24);
	io_apic_write(IO_APIC_REDTBL(pin), low);
	spin_unlock_irqrestore(&ioapic_lock, lf);
	irq_2_pin[irq] = pin;
	set_intr_gate(IO_APIC_VECTOR(irq), ioapic_interrupt[irq]);
	set_irq_vector(IO_APIC_VECTOR(irq), irq);
	set_irq_chip(irq, &ioapic_edge_chip);
	if (irq_enabled(irq) && i8259A_irq_pending(irq))
		apic_send_ipi(dest, APIC_DEST_SELF | APIC_DM_FIXED | IO_APIC_VECTOR(irq));
}

/* 2.6's timer_irq_works: five ticks within half a second */
static int timer_irq_works(void)
{
	unsigned long t0 = irq_count(0);

	for (int ms = 0; ms < 500; ms++) {
		if (irq_count(0) - t0 >= 5)
			return 1;
		mdelay(1);
	}
	return 0;
}

/*
 * 2.6's check_timer, its first and its virtual-wire tries: IRQ 0 on its
 * pin, else back on the 8259, whose interrupts reach CPU 0 through LINT0.
 */
static void check_timer(void)
{
	if (!irq_enabled(0))
		return;
	printk(KERN_INFO "..TIMER: vector=0x%02x apic1=0 pin1=%d apic2=-1 pin2=-1\n",
	       IO_APIC_VECTOR(0), irq_2_pin[0]);
	if (irq_2_pin[0] >= 0 && timer_irq_works())
		return;
	printk(KERN_WARNING "..MP-BIOS bug: 8254 timer not connected to IO-APIC\n");
	printk(KERN_INFO "...trying to set up timer (IRQ0) through the 8259A ... ");
	set_irq_chip(0, &i8259A_chip);
	irq_2_pin[0] = -1;
	if (timer_irq_works())
		printk(" works.\n");
	else
		printk(" failed: the tick is lost.\n");
}

int setup_IO_APIC(void)
{
	unsigned long addr = mp_ioapic_addr, flags;
	int dest = cpu_data[0].apicid, level = 0;
	u32 ver;

	if (skip_ioapic_setup) {
		printk(KERN_INFO "IO-APIC: not used (noapic): the 8259 PIC keeps the IRQs\n");
		return -ENODEV;
	}
	if (!mp_nr_ioapics) {
		printk(KERN_INFO "IO-APIC: none found: the 8259 PIC keeps the IRQs\n");
		return -ENODEV;
	}
	/* the local APIC's 4 MiB window (boot/apic.c) holds it below the local APIC */
	if (addr < APIC_WINDOW_PHYS || addr + 0x20 > APIC_DEFAULT_PHYS_BASE || (addr & 0xf)) {
		printk(KERN_INFO "IO-APIC: at 0x%08lx, outside the APIC window: not used\n", addr);
		return -ENODEV;
	}
	ioapic_base = (volatile u32 *)(APIC_VIRT_BASE + (addr - APIC_WINDOW_PHYS));
	ver = io_apic_read(IO_APIC_VERSION);
	if (ver == 0xffffffff) {	/* nothing answers at that address */
		printk(KERN_INFO "IO-APIC: no chip at 0x%08lx: not used\n", addr);
		return -ENODEV;
	}
	nr_ioapic_registers = ((ver >> 16) & 0xff) + 1;
	printk(KERN_INFO "IOAPIC[0]: apic_id %d, version %u, address 0x%08lx, GSI %lu-%lu\n",
	       mp_ioapic_id, ver & 0xff, addr, mp_ioapic_gsi_base,
	       mp_ioapic_gsi_base + nr_ioapic_registers - 1);
	clear_IO_APIC();

	printk(KERN_INFO "ENABLING IO-APIC IRQs\n");
	flags = local_irq_save();
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		int pin = isa_irq_pin(irq, mp_ioapic_gsi_base);
		u16 f = legacy_irq[irq].set ? legacy_irq[irq].flags : 0;

		irq_2_pin[irq] = -1;
		if (pin < 0)
			continue;
		/* level-triggered (QEMU's PCI links): no driver here; the 8259 keeps it */
		if ((f & MP_IRQTRIG_MASK) == MP_IRQTRIG_LEVEL) {
			level |= 1 << irq;
			continue;
		}
		setup_ioapic_irq(irq, pin, f, dest);
	}
	local_irq_restore(flags);
	printk(KERN_INFO "IO-APIC: ISA IRQs to CPU0 (APIC id %d), fixed delivery; the 8259 masked",
	       dest);
	if (level) {
		printk("; level-triggered, left on the 8259:");
		for (int irq = 0; irq < NR_IRQS; irq++)
			if (level & (1 << irq))
				printk(" %d", irq);
	}
	printk("\n");
	check_timer();
	return 0;
}

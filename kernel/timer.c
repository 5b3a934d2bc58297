/*
 * kernel/timer.c - the periodic tick (Linux: arch/i386/kernel/time.c and
 * i8253.c, kernel/timer.c). PIT channel 0 interrupts HZ times a second on
 * IRQ 0; each tick advances jiffies. The TSC rate is measured once against
 * the PIT so cycle counts can be turned into time.
 */
#include <kernel/timer.h>
#include <kernel/io.h>
#include <kernel/irq.h>
#include <kernel/printk.h>

#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define LATCH		((CLOCK_TICK_RATE + HZ / 2) / HZ)

volatile u64 jiffies_64;
unsigned long tsc_khz;

u64 get_jiffies_64(void)
{
	unsigned long flags = local_irq_save();
	u64 j = jiffies_64;

	local_irq_restore(flags);
	return j;
}

static void timer_interrupt(int irq, struct pt_regs *regs)
{
	(void)irq;
	(void)regs;
	jiffies_64++;
}

/* count TSC cycles across 10 ms of PIT channel 2 (the speaker gate) */
static void calibrate_tsc(void)
{
	const unsigned long ms = 10;
	unsigned long latch = CLOCK_TICK_RATE * ms / 1000;
	u64 t0, t1;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xb0);			/* channel 2, lo/hi, mode 0 */
	outb(0x42, latch & 0xff);
	outb(0x42, latch >> 8);
	t0 = rdtsc();
	while (!(inb(0x61) & 0x20))		/* OUT2 goes high at terminal count */
		;
	t1 = rdtsc();
	tsc_khz = (unsigned long)((t1 - t0) / ms);
}

void time_init(void)
{
	calibrate_tsc();
	outb(PIT_CMD, 0x34);			/* channel 0, lo/hi, rate generator */
	outb(PIT_CH0, LATCH & 0xff);
	outb(PIT_CH0, LATCH >> 8);
	request_irq(0, timer_interrupt, "timer");
	printk(KERN_INFO "time: PIT at %d Hz, TSC %lu.%03lu MHz\n", HZ,
	       tsc_khz / 1000, tsc_khz % 1000);
}

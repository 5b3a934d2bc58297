/*
 * tests/kernel/test_irq.c - the ISA lines and their controllers (kernel/
 * irq.c, boot/i8259.c, boot/io_apic.c): every line in use is on a chip with
 * a name, the I/O APIC (or the 8259) delivers them to CPU 0 only, and
 * disable_irq masks a line on whichever chip has it, nesting as 2.6's.
 * tests/host/run_tests.py checks which chip each line is on.
 */
#include <kernel/apic.h>
#include <kernel/irq.h>
#include <kernel/ktest.h>
#include <kernel/smp.h>
#include <kernel/string.h>

/* up to 500 ms with interrupts on for IRQ 0 to fire n more times: 1 if it did */
static int timer_fires(unsigned long n)
{
	unsigned long t0 = irq_count(0);

	for (int ms = 0; ms < 500; ms++) {
		if (irq_count(0) - t0 >= n)
			return 1;
		mdelay(1);
	}
	return 0;
}

KTEST(irq, lines_in_use_have_a_chip_and_reach_cpu0_only)
{
	int cpu;

	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		const char *chip = irq_chip_name(irq);

		ASSERT_NOT_NULL(chip);
		EXPECT_TRUE(!strcmp(chip, "XT-PIC") || !strcmp(chip, "IO-APIC-edge"));
		for_each_online_cpu(cpu)
			if (cpu)
				EXPECT_EQ(kstat_irqs_cpu(irq, cpu), 0);
	}
	EXPECT_TRUE(irq_enabled(0));			/* the PIT's global tick */
	EXPECT_NOT_NULL(irq_name(0));
	EXPECT_TRUE(timer_fires(5));
}

KTEST(irq, disable_irq_nests_and_masks_the_line_on_its_chip)
{
	unsigned long t;

	disable_irq(0);
	disable_irq(0);
	EXPECT_FALSE(irq_enabled(0));
	t = irq_count(0);
	mdelay(30);
	EXPECT_LE(irq_count(0) - t, 1);		/* one may have been on its way */
	enable_irq(0);				/* still disabled once */
	EXPECT_FALSE(irq_enabled(0));
	t = irq_count(0);
	mdelay(30);
	EXPECT_EQ(irq_count(0), t);
	enable_irq(0);
	EXPECT_TRUE(irq_enabled(0));
	EXPECT_TRUE(timer_fires(5));
}

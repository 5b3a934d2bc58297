/*
 * kernel/power.c - halt, reboot and power-off (Linux: arch/i386/kernel/
 * reboot.c), plus the exit door QEMU offers tests: the isa-debug-exit port.
 */
#include <kernel/power.h>
#include <kernel/io.h>
#include <kernel/printk.h>

int panic_exits_qemu;

void qemu_debug_exit(int value)
{
	outb(0xf4, value);	/* nothing happens without the device */
}

void machine_halt(void)
{
	printk(KERN_EMERG "System halted.\n");
	for (;;) {
		cli();
		halt();
	}
}

void machine_power_off(void)
{
	printk(KERN_NOTICE "Power down.\n");
	outw(0x604, 0x2000);	/* ACPI S5 on QEMU's q35 and recent i440fx */
	outw(0xb004, 0x2000);	/* older QEMU and Bochs */
	machine_halt();
}

void machine_restart(void)
{
	struct {
		u16 limit;
		u32 base;
	} __packed null_idt = { 0, 0 };

	printk(KERN_NOTICE "Restarting system.\n");
	for (int i = 0; i < 0x10000 && (inb(0x64) & 0x02); i++)
		;
	outb(0x64, 0xfe);	/* the keyboard controller pulses the reset line */
	asm volatile("lidt %0; int3" : : "m"(null_idt));	/* or a triple fault */
	machine_halt();
}

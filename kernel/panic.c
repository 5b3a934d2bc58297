/*
 * kernel/panic.c - panic(): say why, show where, stop (Linux: kernel/panic.c).
 * When the kernel runs a command for a test (kshell.run), it also tells QEMU
 * to exit with the panic status, so the test fails at once instead of waiting
 * for its timeout.
 */
#include <kernel/printk.h>
#include <kernel/power.h>
#include <kernel/io.h>

void panic(const char *fmt, ...)
{
	static int in_panic;
	char buf[256];
	va_list ap;

	cli();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	if (!in_panic++)
		dump_stack();
	if (panic_exits_qemu)
		qemu_debug_exit(QEMU_EXIT_PANIC);
	machine_halt();
}

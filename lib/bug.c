/*
 * lib/bug.c - the common part of the debug kernel's reports (Linux: the
 * "BUG: ..." printks and add_taint of the CONFIG_DEBUG_* options, lib/bug.c):
 * the report line and its count, call sites named through kallsyms, and the
 * shell's debugcheck, which runs every whole-kernel check at once.
 */
#include <kernel/bug.h>
#include <kernel/kshell.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/time.h>
#include <kernel/traps.h>

unsigned long debug_reports;
const char *debug_last_report = "";

void debug_report(const char *kind, const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	debug_reports++;
	debug_last_report = kind;
	printk(KERN_ERR "BUG: %s\n", buf);
}

void print_ip_sym(const char *prefix, unsigned long ip)
{
	unsigned long off;
	const char *name = ip ? kallsyms_lookup(ip, &off) : NULL;

	if (name)
		printk(KERN_ERR "%s [<%08lx>] %s+0x%lx\n", prefix, ip, name, off);
	else
		printk(KERN_ERR "%s [<%08lx>] ?\n", prefix, ip);
}

/*
 * Where the function that calls this was called from (ips[0]), and from
 * where that caller was called (ips[1], ...): the frame chain, which stays
 * inside this 8 KiB stack (-fno-omit-frame-pointer); 0 past its end.
 */
void save_call_sites(unsigned long *ips, int n)
{
	unsigned long ebp, base;

	asm volatile("mov %%ebp, %0" : "=r"(ebp));
	base = ebp & ~(THREAD_SIZE - 1);
	for (int i = 0; i < n; i++)
		ips[i] = 0;
	for (int i = 0; i <= n; i++) {
		unsigned long *frame = (unsigned long *)ebp;

		if ((ebp & 3) || ebp < base + sizeof(struct thread_info) ||
		    ebp + 8 > base + THREAD_SIZE)
			return;
		if (i)
			ips[i - 1] = frame[1];	/* the return address into depth i + 1 */
		if (frame[0] <= ebp)
			return;
		ebp = frame[0];
	}
}

void debug_check_all(void)
{
	kmem_cache_check_all();
}

#ifdef CONFIG_DEBUG_KERNEL
static int cmd_debugcheck(int argc, char **argv)
{
	unsigned long before = debug_reports;
	u64 t0 = ktime_get_ns();

	(void)argc;
	(void)argv;
	debug_check_all();
	printk("debugcheck: %lu reports now, %lu since boot (%lu us)\n", debug_reports - before,
	       debug_reports, (unsigned long)((ktime_get_ns() - t0) / 1000));
	return debug_reports != before;
}
KSHELL_COMMAND(debugcheck, cmd_debugcheck, "check every kmalloc object's red zones and poison now");
#endif

/*
 * kernel/kshell.c - the in-kernel test shell: reads lines from the console
 * (serial line or VGA keyboard), runs built-in commands. With the boot option
 * kshell.run="COMMAND" it runs that one command and tells QEMU to exit with
 * its outcome: the way every automated test drives the kernel.
 */
#include <kernel/kshell.h>
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>

#define KSHELL_LINE_MAX 256
#define KSHELL_ARGS_MAX 16

extern const struct kshell_command __start_kshell_cmds[], __stop_kshell_cmds[];

static char *run_command;

static int kshell_run_setup(char *v)
{
	run_command = v;
	panic_exits_qemu = 1;
	return 0;
}
__setup("kshell.run=", kshell_run_setup);

static int split_args(char *line, char **argv)
{
	int argc = 0;

	while (*line && argc < KSHELL_ARGS_MAX - 1) {
		while (*line == ' ' || *line == '\t')
			*line++ = '\0';
		if (!*line)
			break;
		argv[argc++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
	}
	argv[argc] = NULL;
	return argc;
}

int kshell_execute(char *line)
{
	char *argv[KSHELL_ARGS_MAX];
	int argc = split_args(line, argv);

	if (!argc)
		return 0;
	for (const struct kshell_command *c = __start_kshell_cmds; c < __stop_kshell_cmds; c++)
		if (!strcmp(c->name, argv[0]))
			return c->fn(argc, argv);
	printk("kshell: %s: command not found (try 'help')\n", argv[0]);
	return 127;
}

static void echo(const char *s, size_t n)
{
	console_write(s, n, 6);
}

/* read a line with backspace, ^U (kill line) and ^C (abandon line) */
static int read_line(char *buf, int size)
{
	int n = 0;

	for (;;) {
		int c = console_getc();

		if (c == '\r' || c == '\n') {
			echo("\n", 1);
			buf[n] = '\0';
			return n;
		}
		if (c == 0x7f || c == '\b') {
			if (n) {
				n--;
				echo("\b \b", 3);
			}
		} else if (c == 0x15) {		/* ^U */
			while (n) {
				n--;
				echo("\b \b", 3);
			}
		} else if (c == 0x03) {		/* ^C */
			echo("^C\n", 3);
			buf[0] = '\0';
			return 0;
		} else if (c >= ' ' && c < 0x7f && n < size - 1) {
			char ch = c;

			buf[n++] = ch;
			echo(&ch, 1);
		}
	}
}

void kshell_main(void)
{
	static char line[KSHELL_LINE_MAX];

	if (run_command) {
		int ret;

		printk(KERN_INFO "kshell: running \"%s\"\n", run_command);
		strlcpy(line, run_command, sizeof(line));
		ret = kshell_execute(line);
		printk(KERN_INFO "kshell: \"%s\" exited with status %d\n", run_command, ret);
		qemu_debug_exit(ret ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
		machine_power_off();
	}
	printk("Type 'help' for the list of commands.\n");
	for (;;) {
		printk("kshell# ");
		read_line(line, sizeof(line));
		kshell_execute(line);
	}
}

/* ---- built-in commands ---- */

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (const struct kshell_command *c = __start_kshell_cmds; c < __stop_kshell_cmds; c++)
		printk("  %-10s %s\n", c->name, c->help);
	return 0;
}
KSHELL_COMMAND(help, cmd_help, "list the commands");

static int cmd_mem(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	show_mem();
	printk("kmalloc caches (size: objects in use, slabs):\n");
	for (unsigned int i = 0; i < kmalloc_cache_count(); i++) {
		size_t size;
		unsigned long objs, slabs;

		kmalloc_cache_info(i, &size, &objs, &slabs);
		printk("  %4u: %lu, %lu\n", (unsigned int)size, objs, slabs);
	}
	return 0;
}
KSHELL_COMMAND(mem, cmd_mem, "free and used pages, free blocks per order, kmalloc caches");

static int cmd_test(int argc, char **argv)
{
	int passed, failed, ret;

	if (argc > 1 && !strcmp(argv[1], "list")) {
		ktest_list_suites();
		return 0;
	}
	ret = ktest_run(argc > 1 ? argv[1] : "all", &passed, &failed);
	if (ret < 0) {
		ktest_list_suites();
		return 1;
	}
	printk("ktest: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
KSHELL_COMMAND(test, cmd_test, "[all|SUITE|list] - run the in-kernel tests");

static int cmd_uptime(int argc, char **argv)
{
	u64 j = get_jiffies_64();

	(void)argc;
	(void)argv;
	printk("up %lu.%03lu s (%llu jiffies, HZ=%d)\n", (unsigned long)(j / HZ),
	       (unsigned long)(j % HZ), j, HZ);
	return 0;
}
KSHELL_COMMAND(uptime, cmd_uptime, "time since boot");

static int cmd_reboot(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	machine_restart();
}
KSHELL_COMMAND(reboot, cmd_reboot, "restart the machine");

static int cmd_halt(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	machine_power_off();
}
KSHELL_COMMAND(halt, cmd_halt, "power off (ends QEMU)");

static int cmd_echo(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printk("%s%s", argv[i], i + 1 < argc ? " " : "");
	printk("\n");
	return 0;
}
KSHELL_COMMAND(echo, cmd_echo, "TEXT - print TEXT");

static int cmd_dmesg(int argc, char **argv)
{
	extern size_t log_buf_copy(char *dst, size_t size);
	char *buf = kmalloc(16384, GFP_KERNEL);
	size_t n;

	(void)argc;
	(void)argv;
	if (!buf)
		return 1;
	n = log_buf_copy(buf, 16384);
	console_write(buf, n, 6);
	kfree(buf);
	return 0;
}
KSHELL_COMMAND(dmesg, cmd_dmesg, "print the kernel log buffer");

/*
 * Deliberate faults, to see (and test) what a kernel bug prints: the
 * register dump and the symbolised backtrace. The helpers are noinline so
 * the backtrace has frames worth reading.
 */
static volatile int crash_divisor;

static int __attribute__((noinline, noclone)) crash_divide(int n)
{
	return n / crash_divisor;
}

static int __attribute__((noinline, noclone)) crash_unmapped(unsigned long addr)
{
	return *(volatile int *)addr;
}

static int cmd_crash(int argc, char **argv)
{
	if (argc < 2) {
		printk("usage: crash divzero|pagefault|null|panic\n");
		return 1;
	}
	if (!strcmp(argv[1], "divzero"))
		return crash_divide(100);
	if (!strcmp(argv[1], "pagefault"))
		return crash_unmapped(0xf8000000);	/* beyond the direct map */
	if (!strcmp(argv[1], "null"))
		return crash_unmapped(0);
	if (!strcmp(argv[1], "panic"))
		panic("crash command");
	printk("crash: unknown fault '%s'\n", argv[1]);
	return 1;
}
KSHELL_COMMAND(crash, cmd_crash, "divzero|pagefault|null|panic - test-only: fault on purpose");

/* cycles per operation, median of 9 runs of 1000: figures to quote, never to assert */
static unsigned long median9(unsigned long *v)
{
	for (int i = 1; i < 9; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			unsigned long t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[4];
}

static int cmd_kbench(int argc, char **argv)
{
	unsigned long runs[9];

	(void)argc;
	(void)argv;
	for (int r = 0; r < 9; r++) {
		u64 t0 = rdtsc();

		for (int i = 0; i < 1000; i++)
			__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
		runs[r] = (unsigned long)((rdtsc() - t0) / 1000);
	}
	printk("alloc_pages(0)+__free_pages: %lu cycles\n", median9(runs));
	for (int r = 0; r < 9; r++) {
		u64 t0 = rdtsc();

		for (int i = 0; i < 1000; i++)
			kfree(kmalloc(64, GFP_KERNEL));
		runs[r] = (unsigned long)((rdtsc() - t0) / 1000);
	}
	printk("kmalloc(64)+kfree: %lu cycles\n", median9(runs));
	return 0;
}
KSHELL_COMMAND(kbench, cmd_kbench, "cycles per page and kmalloc allocate+free (median of 9)");

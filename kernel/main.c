/*
 * kernel/main.c - start_kernel: from the loader's hand-off to the shell
 * (Linux: init/main.c). head.asm arrives here on the boot stack with paging
 * on and the first 16 MiB mapped; each step below brings up what the next
 * one needs.
 */
#include <kernel/smp_lock.h>
#include <kernel/anon_inodes.h>
#include <kernel/boot.h>
#include <kernel/console.h>
#include <kernel/desc.h>
#include <kernel/init.h>
#include <kernel/io.h>
#include <kernel/irq.h>
#include <kernel/kshell.h>
#include <kernel/mm.h>
#include <kernel/multiboot.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/mqueue.h>
#include <kernel/shmem.h>
#include <kernel/net.h>
#include <kernel/smp.h>

char boot_command_line[COMMAND_LINE_SIZE];
struct boot_module boot_modules[MAX_BOOT_MODULES];
int nr_boot_modules;
const char *boot_loader_name = "unknown";
static char loader_name_buf[64];

void serial_enable_rx(void);

/* the VFS, the root file system and the devices (fs/); nothing until they exist */
void __attribute__((weak)) fs_init(void)
{
}

/* copy what we need out of the loader's structures while they are still mapped */
static void save_boot_info(const struct multiboot_info *mbi)
{
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		if (strlcpy(boot_command_line, __va(mbi->cmdline), sizeof(boot_command_line)) >=
		    sizeof(boot_command_line))
			printk(KERN_WARNING "Command line longer than %u bytes: cut\n",
			       (unsigned int)sizeof(boot_command_line) - 1);
	if (mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME) {
		strlcpy(loader_name_buf, __va(mbi->boot_loader_name), sizeof(loader_name_buf));
		boot_loader_name = loader_name_buf;
	}
	if (mbi->flags & MULTIBOOT_INFO_MODS) {
		const struct multiboot_module *m = __va(mbi->mods_addr);

		for (u32 i = 0; i < mbi->mods_count && i < MAX_BOOT_MODULES; i++) {
			boot_modules[i].start = m[i].mod_start;
			boot_modules[i].end = m[i].mod_end;
			if (m[i].string)
				strlcpy(boot_modules[i].name, __va(m[i].string),
					sizeof(boot_modules[i].name));
			nr_boot_modules++;
		}
	}
}

void pipe_init(void);
void proc_root_init(void);
void clocks_init(void);
u64 ktime_get_ns(void);
long do_wait(pid_t pid, int options, int __user *stat_addr, void __user *ru);
int kernel_execve(const char *filename, char *const argv[], char *const envp[]);

static char *init_argv[] = { "/sbin/init", NULL };
static char *init_envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin", NULL };

/*
 * pid 1: becomes /sbin/init when there is one; otherwise stays a kernel
 * thread that adopts orphans and reaps them, which is init's duty.
 */
static int init(void *unused)
{
	(void)unused;
	child_reaper = current;
	strlcpy(current->comm, "init", sizeof(current->comm));
	current->pgrp = current->session = 1;
	{
		u64 ns = ktime_get_ns();

		printk(KERN_INFO "Run %s as init process, %lu.%06lu s after boot\n", init_argv[0],
		       (unsigned long)(ns / 1000000000ULL), (unsigned long)(ns / 1000 % 1000000));
	}
	kernel_execve(init_argv[0], init_argv, init_envp);
	printk(KERN_INFO "init: no /sbin/init, the kernel reaps orphans itself\n");
	for (;;)
		if (do_wait(-1, 0, NULL, NULL) == -ECHILD)
			wait_event_interruptible(current->wait_chldexit,
						 !list_empty(&current->children));
	return 0;
}

static int kshell_thread(void *unused)
{
	(void)unused;
	strlcpy(current->comm, "kshell", sizeof(current->comm));
	/* on CPU 0, the console's: its tests count the APs as "the others" */
	if (set_cpus_allowed(current, 1UL) == 0 && smp_processor_id() != 0)
		schedule();
	kshell_main();
	return 0;
}

/* the boot task's last steps: start init and the shell, then idle forever */
static void rest_init(void)
{
	lock_kernel();		/* the first threads may start on other CPUs */
	kernel_thread(init, NULL, 0);
	kernel_thread(kshell_thread, NULL, 0);
	unlock_kernel();	/* an idle task never holds it */
	cpu_idle();
}

void start_kernel(unsigned long magic, unsigned long mbi_phys)
{
	const struct multiboot_info *mbi = __va(mbi_phys);
	static char cmdline_copy[COMMAND_LINE_SIZE];

	serial_init();
	vga_init();
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a Multiboot loader (magic %08lx)", magic);
	save_boot_info(mbi);

	cpu_init();
	trap_init();
	init_8259A();
	printk(KERN_NOTICE "%s %s (i386), booted by %s\n", KERNEL_NAME, KERNEL_VERSION,
	       boot_loader_name);
	printk(KERN_INFO "Command line: %s\n", boot_command_line);
	strlcpy(cmdline_copy, boot_command_line, sizeof(cmdline_copy));
	parse_args(cmdline_copy);	/* early: kshell.run makes a panic exit QEMU */
	syscall_nobkl_init();		/* which calls run without the BKL (nobkl=) */

	mem_init(mbi);		/* from here on, only the direct map: mbi is gone */
	kmem_cache_init();

	sched_init();
	time_init();
	clocks_init();
	keyboard_init();
	serial_enable_rx();
	sti();
	smp_init();		/* the local APIC, then the other CPUs, which park */
	fs_init();
	pipe_init();
	anon_inode_init();
	sock_init();
	proc_root_init();
	mq_init();
	shmem_init();

	rest_init();
}

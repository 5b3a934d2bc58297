/*
 * include/kernel/boot.h - what start_kernel keeps from the boot loader: the
 * command line, the Multiboot modules, and the kernel's own symbols.
 */
#ifndef _KERNEL_BOOT_H
#define _KERNEL_BOOT_H

#include <kernel/types.h>

#define COMMAND_LINE_SIZE 1024
#define MAX_BOOT_MODULES 8

struct boot_module {
	unsigned long start, end;	/* physical, [start, end) */
	char name[64];
};

extern char boot_command_line[COMMAND_LINE_SIZE];
extern struct boot_module boot_modules[MAX_BOOT_MODULES];
extern int nr_boot_modules;
extern const char *boot_loader_name;

/* linker symbols */
extern char _text[], _etext[], _sdata[], __bss_start[], __bss_stop[], _end[];

#define KERNEL_VERSION "0.1.0"
#define KERNEL_NAME "ipckernel"

#endif

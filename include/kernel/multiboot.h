/* include/kernel/multiboot.h - what a Multiboot 1 loader hands the kernel (GRUB, QEMU -kernel). */
#ifndef _KERNEL_MULTIBOOT_H
#define _KERNEL_MULTIBOOT_H

#include <kernel/types.h>

#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002

#define MULTIBOOT_INFO_MEMORY		0x001
#define MULTIBOOT_INFO_CMDLINE		0x004
#define MULTIBOOT_INFO_MODS		0x008
#define MULTIBOOT_INFO_MEM_MAP		0x040
#define MULTIBOOT_INFO_BOOT_LOADER_NAME	0x200

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper;	/* KiB below 1 MiB, above 1 MiB */
	u32 boot_device;
	u32 cmdline;			/* physical address of a C string */
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
	u32 apm_table;
} __packed;

struct multiboot_mmap_entry {
	u32 size;			/* of the rest of this entry */
	u64 addr;
	u64 len;
	u32 type;			/* 1 = usable RAM */
} __packed;

#define MULTIBOOT_MEMORY_AVAILABLE 1

struct multiboot_module {
	u32 mod_start, mod_end;
	u32 string;
	u32 reserved;
} __packed;

#endif

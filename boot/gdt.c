/*
 * boot/gdt.c - the global descriptor table and the task state segment
 * (Linux: arch/i386/kernel/cpu/common.c, cpu_init). Flat 4 GiB segments for
 * kernel and user; the TSS only supplies the kernel stack (esp0) the CPU
 * switches to when an interrupt arrives in user mode. These are CPU 0's;
 * each AP gets copies (boot/smpboot.c), found through cpu_gdt_descr[] and
 * cpu_tss_descr[].
 */
#include <kernel/desc.h>
#include <kernel/smp.h>
#include <kernel/string.h>

struct desc_struct gdt_table[GDT_ENTRIES] __aligned(8);
struct tss_struct init_tss __aligned(128);
struct desc_struct *cpu_gdt_descr[NR_CPUS] = { gdt_table };
struct tss_struct *cpu_tss_descr[NR_CPUS] = { &init_tss };

/* the stack an interrupt from user mode lands on, in the TSS of the CPU we run on */
void load_esp0(unsigned long esp0)
{
	cpu_tss_descr[smp_processor_id()]->esp0 = esp0;
}

struct gdt_ptr {
	u16 limit;
	u32 base;
} __packed;

void set_gdt_entry(int n, u32 base, u32 limit, u8 access, u8 gran)
{
	gdt_table[n].a = (limit & 0xffff) | ((base & 0xffff) << 16);
	gdt_table[n].b = ((base >> 16) & 0xff) | ((u32)access << 8) |
			 (limit & 0xf0000) | ((u32)(gran & 0xf0) << 16) | (base & 0xff000000);
}

void cpu_init(void)
{
	struct gdt_ptr gp = { sizeof(gdt_table) - 1, (u32)gdt_table };

	memset(gdt_table, 0, sizeof(gdt_table));
	/* access: present, ring, code/data, type; gran 0xc0: 4 KiB units, 32-bit */
	set_gdt_entry(GDT_ENTRY_KERNEL_CS, 0, 0xfffff, 0x9a, 0xc0);
	set_gdt_entry(GDT_ENTRY_KERNEL_DS, 0, 0xfffff, 0x92, 0xc0);
	set_gdt_entry(GDT_ENTRY_USER_CS, 0, 0xfffff, 0xfa, 0xc0);
	set_gdt_entry(GDT_ENTRY_USER_DS, 0, 0xfffff, 0xf2, 0xc0);

	memset(&init_tss, 0, sizeof(init_tss));
	init_tss.ss0 = __KERNEL_DS;
	init_tss.io_bitmap_base = sizeof(init_tss);	/* no I/O bitmap: user port access faults */
	set_gdt_entry(GDT_ENTRY_TSS, (u32)&init_tss, sizeof(init_tss) - 1, 0x89, 0x00);
	doublefault_init();

	asm volatile("lgdt %0\n\t"
		     "ljmp %1, $1f\n"
		     "1:\n\t"
		     "mov %2, %%ds\n\t"
		     "mov %2, %%es\n\t"
		     "mov %2, %%ss\n\t"
		     "mov %3, %%fs\n\t"
		     "mov %3, %%gs\n\t"
		     "ltr %w4"
		     : : "m"(gp), "i"(__KERNEL_CS), "r"(__KERNEL_DS), "r"(0), "r"(__TSS_SEL)
		     : "memory");
}

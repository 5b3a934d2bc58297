/*
 * include/kernel/desc.h - the GDT, IDT and TSS (boot/gdt.c, boot/traps.c).
 * Selector numbers follow Linux 2.6 i386: TLS in entries 6-8, kernel code
 * and data in 12-13, user code and data in 14-15, the TSS in 16.
 */
#ifndef _KERNEL_DESC_H
#define _KERNEL_DESC_H

#include <kernel/types.h>

#define GDT_ENTRIES		32
#define GDT_ENTRY_TLS_MIN	6
#define GDT_ENTRY_TLS_ENTRIES	3
#define GDT_ENTRY_KERNEL_CS	12
#define GDT_ENTRY_KERNEL_DS	13
#define GDT_ENTRY_USER_CS	14
#define GDT_ENTRY_USER_DS	15
#define GDT_ENTRY_TSS		16
#define GDT_ENTRY_DOUBLEFAULT_TSS 31

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)		/* 0x60 */
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)		/* 0x68 */
#define __USER_CS	(GDT_ENTRY_USER_CS * 8 + 3)		/* 0x73 */
#define __USER_DS	(GDT_ENTRY_USER_DS * 8 + 3)		/* 0x7b */
#define __TSS_SEL	(GDT_ENTRY_TSS * 8)
#define __DOUBLEFAULT_TSS_SEL	(GDT_ENTRY_DOUBLEFAULT_TSS * 8)

struct desc_struct {
	u32 a, b;
};

struct tss_struct {
	u16 back_link, __blh;
	u32 esp0;
	u16 ss0, __ss0h;
	u32 esp1;
	u16 ss1, __ss1h;
	u32 esp2;
	u16 ss2, __ss2h;
	u32 cr3, eip, eflags;
	u32 eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u16 es, __esh, cs, __csh, ss, __ssh, ds, __dsh, fs, __fsh, gs, __gsh;
	u16 ldt, __ldth;
	u16 trace, io_bitmap_base;
} __packed;

extern struct desc_struct gdt_table[GDT_ENTRIES];	/* CPU 0's */
extern struct tss_struct init_tss;			/* CPU 0's */

/*
 * Each CPU's own GDT and TSS (2.6's per-CPU cpu_gdt_table and init_tss):
 * CPU 0 has the two above, an AP the copies boot/smpboot.c made for it.
 * A task's TLS entries go into the GDT of the CPU it runs on, its kernel
 * stack into that CPU's TSS.
 */
extern struct desc_struct *cpu_gdt_descr[];
extern struct tss_struct *cpu_tss_descr[];
#define get_cpu_gdt_table(cpu)	(cpu_gdt_descr[cpu])
struct task_struct;
void load_TLS(struct task_struct *t, int cpu);	/* boot/tls.c */

void cpu_init(void);
void doublefault_init(void);
void trap_init(void);
void set_gdt_entry(int n, u32 base, u32 limit, u8 access, u8 gran);
void load_esp0(unsigned long esp0);		/* this CPU's TSS */

#endif

/*
 * boot/doublefault.c - a double fault runs as its own hardware task (Linux:
 * arch/i386/kernel/doublefault.c). A fault the CPU cannot deliver on the
 * current stack (a kernel stack overflow, a bad esp0) would otherwise end in
 * a silent triple fault and reset; the task gate switches to a known-good
 * stack and page directory, so the report below reaches the console.
 */
#include <kernel/desc.h>
#include <kernel/mm.h>
#include <kernel/pgtable.h>
#include <kernel/printk.h>

#define DOUBLEFAULT_STACKSIZE 1024
static unsigned long doublefault_stack[DOUBLEFAULT_STACKSIZE];
static struct tss_struct doublefault_tss __aligned(128);

static void doublefault_fn(void)
{
	/* the CPU saved the faulting context in the task we came from: init_tss */
	struct tss_struct *t = &init_tss;

	printk(KERN_EMERG "double fault: the kernel could not deliver an exception\n");
	printk(KERN_EMERG "eip: %04x:%08x eflags: %08x esp0: %08x\n",
	       t->cs, t->eip, t->eflags, t->esp0);
	printk(KERN_EMERG "eax: %08x ebx: %08x ecx: %08x edx: %08x\n", t->eax, t->ebx, t->ecx, t->edx);
	printk(KERN_EMERG "esi: %08x edi: %08x ebp: %08x esp: %08x\n", t->esi, t->edi, t->ebp, t->esp);
	printk(KERN_EMERG "ds: %04x es: %04x fs: %04x gs: %04x ss: %04x cr3: %08x\n",
	       t->ds, t->es, t->fs, t->gs, t->ss, t->cr3);
	panic("double fault");
}

/* the TSS the #DF task gate names, and its GDT descriptor */
void doublefault_init(void)
{
	struct tss_struct *t = &doublefault_tss;

	t->esp0 = t->esp = (unsigned long)(doublefault_stack + DOUBLEFAULT_STACKSIZE);
	t->ss0 = t->ss = __KERNEL_DS;
	t->ds = t->es = __KERNEL_DS;
	t->fs = t->gs = 0;
	t->cs = __KERNEL_CS;
	t->eip = (unsigned long)doublefault_fn;
	t->eflags = 0x2;			/* interrupts off */
	t->cr3 = __pa(swapper_pg_dir);
	t->io_bitmap_base = sizeof(*t);
	set_gdt_entry(GDT_ENTRY_DOUBLEFAULT_TSS, (u32)t, sizeof(*t) - 1, 0x89, 0x00);
}

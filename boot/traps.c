/*
 * boot/traps.c - the interrupt descriptor table and the CPU exceptions
 * (Linux: arch/i386/kernel/traps.c). A fault in kernel code either has a
 * fix-up (a user access that may fault) or is a bug: then die() prints the
 * exception, the registers and a symbolised backtrace, and the kernel stops.
 */
#include <kernel/traps.h>
#include <kernel/desc.h>
#include <kernel/io.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/printk.h>

#define THREAD_SIZE 8192

struct gate {
	u16 offset_low;
	u16 selector;
	u8 zero;
	u8 type_attr;
	u16 offset_high;
} __packed;

static struct gate idt_table[256] __aligned(8);

#define GATE_INTERRUPT	0x8e	/* present, ring 0, interrupts off on entry */
#define GATE_TRAP	0x8f	/* present, ring 0, interrupts stay as they were */
#define GATE_USER	0x60	/* DPL 3: reachable with int from user mode */

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "reserved",
	"coprocessor error", "alignment check", "machine check",
	"SIMD floating-point exception", "virtualization exception",
	"control protection exception", "reserved", "reserved", "reserved",
	"reserved", "reserved", "reserved", "reserved", "reserved",
	"security exception", "reserved",
};

static void set_gate(int n, void *handler, u8 type)
{
	unsigned long a = (unsigned long)handler;

	idt_table[n].offset_low = a & 0xffff;
	idt_table[n].offset_high = a >> 16;
	idt_table[n].selector = __KERNEL_CS;
	idt_table[n].zero = 0;
	idt_table[n].type_attr = type;
}

extern char trap_0[], trap_1[], trap_2[], trap_3[], trap_4[], trap_5[], trap_6[],
	trap_7[], trap_8[], trap_9[], trap_10[], trap_11[], trap_12[], trap_13[],
	trap_14[], trap_15[], trap_16[], trap_17[], trap_18[], trap_19[], trap_20[],
	trap_21[], trap_22[], trap_23[], trap_24[], trap_25[], trap_26[], trap_27[],
	trap_28[], trap_29[], trap_30[], trap_31[];
extern char irq_0[], irq_1[], irq_2[], irq_3[], irq_4[], irq_5[], irq_6[], irq_7[],
	irq_8[], irq_9[], irq_10[], irq_11[], irq_12[], irq_13[], irq_14[], irq_15[];
extern char system_call[];

static void *const trap_entries[32] = {
	trap_0, trap_1, trap_2, trap_3, trap_4, trap_5, trap_6, trap_7, trap_8,
	trap_9, trap_10, trap_11, trap_12, trap_13, trap_14, trap_15, trap_16,
	trap_17, trap_18, trap_19, trap_20, trap_21, trap_22, trap_23, trap_24,
	trap_25, trap_26, trap_27, trap_28, trap_29, trap_30, trap_31,
};

static void *const irq_entries[NR_IRQS] = {
	irq_0, irq_1, irq_2, irq_3, irq_4, irq_5, irq_6, irq_7, irq_8, irq_9,
	irq_10, irq_11, irq_12, irq_13, irq_14, irq_15,
};

void trap_init(void)
{
	struct {
		u16 limit;
		u32 base;
	} __packed idtr = { sizeof(idt_table) - 1, (u32)idt_table };

	/* interrupt gates for faults: cr2 must be read before anything else can fault */
	for (int i = 0; i < 32; i++)
		set_gate(i, trap_entries[i], GATE_INTERRUPT);
	set_gate(3, trap_entries[3], GATE_INTERRUPT | GATE_USER);	/* int3 */
	set_gate(4, trap_entries[4], GATE_INTERRUPT | GATE_USER);	/* into */
	for (int i = 0; i < NR_IRQS; i++)
		set_gate(FIRST_EXTERNAL_VECTOR + i, irq_entries[i], GATE_INTERRUPT);
	set_gate(0x80, system_call, GATE_TRAP | GATE_USER);
	asm volatile("lidt %0" : : "m"(idtr));
}

const struct exception_table_entry *search_exception_tables(unsigned long eip)
{
	extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == eip)
			return e;
	return NULL;
}

int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->eip);

	if (!e)
		return 0;
	regs->eip = e->fixup;
	return 1;
}

static void print_symbol(const char *fmt, unsigned long addr)
{
	unsigned long off;
	const char *name = kallsyms_lookup(addr, &off);

	if (name)
		printk(fmt, addr, name, off);
	else
		printk(fmt, addr, "?", 0UL);
}

/*
 * Walk the frame-pointer chain: [ebp] = caller's ebp, [ebp+4] = return
 * address. Every frame must lie in the same 8 KiB kernel stack as the first.
 */
static void walk_frames(unsigned long eip, unsigned long ebp)
{
	unsigned long base = ebp & ~(THREAD_SIZE - 1);

	if (eip)
		print_symbol(KERN_EMERG " [<%08lx>] %s+0x%lx\n", eip);
	for (int depth = 0; depth < 32; depth++) {
		unsigned long *frame = (unsigned long *)ebp;

		if ((ebp & 3) || ebp < PAGE_OFFSET || ebp < base ||
		    ebp + 8 > base + THREAD_SIZE || !frame[1])
			break;
		print_symbol(KERN_EMERG " [<%08lx>] %s+0x%lx\n", frame[1]);
		if (frame[0] <= ebp)	/* stacks grow down: callers live higher */
			break;
		ebp = frame[0];
	}
}

void show_backtrace(unsigned long eip, unsigned long ebp)
{
	printk(KERN_EMERG "Call Trace:\n");
	walk_frames(eip, ebp);
}

/*
 * From a register frame: gcc leaves out the frame of a leaf function that
 * needs no stack, so when the faulting function does not begin with
 * "push %ebp", its return address is the word on top of the stack.
 */
static void show_backtrace_regs(struct pt_regs *regs)
{
	unsigned long off, *sp = (unsigned long *)&regs->esp;
	const char *fn = kallsyms_lookup(regs->eip, &off);

	if (user_mode(regs) || !fn || *(unsigned char *)(regs->eip - off) == 0x55 ||
	    !kallsyms_lookup(*sp, NULL)) {
		show_backtrace(regs->eip, regs->ebp);
		return;
	}
	printk(KERN_EMERG "Call Trace:\n");
	walk_frames(regs->eip, 0);
	print_symbol(KERN_EMERG " [<%08lx>] %s+0x%lx\n", *sp);
	walk_frames(0, regs->ebp);
}

void dump_stack(void)
{
	unsigned long ebp;

	asm volatile("mov %%ebp, %0" : "=r"(ebp));
	show_backtrace(0, ebp);
}

void show_regs(struct pt_regs *regs)
{
	unsigned long esp = user_mode(regs) ? (unsigned long)regs->esp : (unsigned long)&regs->esp;
	unsigned long off;
	const char *sym = kallsyms_lookup(regs->eip, &off);

	printk(KERN_EMERG "EIP: %04lx:[<%08lx>] EFLAGS: %08lx  %s+0x%lx\n",
	       regs->xcs & 0xffff, regs->eip, regs->eflags, sym ? sym : "?", sym ? off : 0);
	printk(KERN_EMERG "EAX: %08lx EBX: %08lx ECX: %08lx EDX: %08lx\n",
	       regs->eax, regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "ESI: %08lx EDI: %08lx EBP: %08lx ESP: %08lx\n",
	       regs->esi, regs->edi, regs->ebp, esp);
	printk(KERN_EMERG "DS: %04lx ES: %04lx FS: %04lx GS: %04lx CR0: %08lx CR3: %08lx\n",
	       regs->xds & 0xffff, regs->xes & 0xffff, regs->xfs & 0xffff,
	       regs->xgs & 0xffff, read_cr0(), read_cr3());
}

void die(const char *str, struct pt_regs *regs, long err)
{
	cli();
	printk(KERN_EMERG "%s: %04lx [#1]\n", str, err & 0xffff);
	if (regs->trapno == 14)
		printk(KERN_EMERG "CR2: %08lx\n", read_cr2());
	show_regs(regs);
	show_backtrace_regs(regs);
	panic("Fatal exception: %s", str);
}

void do_trap(struct pt_regs *regs)
{
	unsigned long nr = regs->trapno;

	if (nr == 14) {
		do_page_fault(regs, regs->err);
		return;
	}
	if (!user_mode(regs) && fixup_exception(regs))
		return;
	die(nr < 32 ? exception_names[nr] : "unknown trap", regs, regs->err);
}

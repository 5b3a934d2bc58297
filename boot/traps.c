/*
 * boot/traps.c - the interrupt descriptor table and the CPU exceptions
 * (Linux: arch/i386/kernel/traps.c). An exception in user mode is the
 * process's problem: it becomes a signal (SIGFPE for a divide error, SIGILL
 * for an invalid opcode, SIGSEGV for a protection fault...), sent with
 * force_sig_info so that blocking or ignoring it cannot loop on the fault.
 * In the kernel an exception either has a fix-up (a user access that may
 * fault) or is a bug: then die() prints the exception, the registers and a
 * symbolised backtrace, and the kernel stops.
 */
#include <kernel/smp_lock.h>
#include <kernel/traps.h>
#include <kernel/desc.h>
#include <kernel/io.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/i387.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/string.h>

#define THREAD_SIZE 8192

#define X86_EFLAGS_TF	0x00000100
#define X86_CR0_TS	0x00000008
#define X86_CR0_AM	0x00040000
#define DR_STEP		0x4000		/* DR6.BS: a single step */
#define DR_TRAP_BITS	0xf		/* DR6.B0-B3: a hardware breakpoint */

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
#define GATE_TASK	0x85	/* present, ring 0, a task switch (boot/doublefault.c) */

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

/* an interrupt gate outside trap_init's ranges (the APIC vectors, boot/smpboot.c) */
void set_intr_gate(unsigned int n, void *addr)
{
	set_gate(n, addr, GATE_INTERRUPT);
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
	/* #DF switches task: the current stack may be the reason it happened */
	set_gate(8, NULL, GATE_TASK);
	idt_table[8].selector = __DOUBLEFAULT_TSS_SEL;
	for (int i = 0; i < NR_IRQS; i++)
		set_gate(FIRST_EXTERNAL_VECTOR + i, irq_entries[i], GATE_INTERRUPT);
	set_gate(0x80, system_call, GATE_TRAP | GATE_USER);
	asm volatile("lidt %0" : : "m"(idtr));
	/* as Linux: a user program that sets EFLAGS.AC gets #AC (SIGBUS) for misaligned data */
	asm volatile("mov %%cr0, %%eax; or %0, %%eax; mov %%eax, %%cr0" : : "i"(X86_CR0_AM) : "eax");
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

/* ---- the exceptions ---- */

/*
 * The common path of 2.6's do_trap: in user mode, record the trap for the
 * signal frame (sigcontext's trapno and err) and force the signal; si_code 0
 * means the plain force_sig (SI_KERNEL, no address), as Linux sends for the
 * traps that name no culprit. In the kernel: the fix-up, or die.
 */
static void do_trap_signal(int trapnr, int signr, const char *str, struct pt_regs *regs,
			   long error_code, int si_code, void __user *addr)
{
	struct task_struct *tsk = current;
	siginfo_t info;

	if (!user_mode(regs)) {
		if (fixup_exception(regs))
			return;
		die(str, regs, error_code);
	}
	tsk->thread.error_code = error_code;
	tsk->thread.trap_no = trapnr;
	if (!si_code) {
		force_sig(signr, tsk);
		return;
	}
	memset(&info, 0, sizeof(info));
	info.si_signo = signr;
	info.si_code = si_code;
	info.si_addr = addr;
	force_sig_info(signr, &info, tsk);
}

/*
 * #DB: DR6 says why. A single step (TF, set by the program with popf) is
 * TRAP_TRACE as today's Linux reports it, a hardware breakpoint TRAP_HWBKPT,
 * anything else (icebp) TRAP_BRKPT. In the kernel only a step can happen -
 * TF carried in through a gate - and it is dropped, as 2.6 does.
 */
static void do_debug(struct pt_regs *regs)
{
	unsigned long dr6;
	int si_code;

	asm volatile("mov %%db6, %0" : "=r"(dr6));
	asm volatile("mov %0, %%db6" : : "r"(0UL));	/* the CPU never clears it */
	if (!user_mode(regs)) {
		if (dr6 & DR_STEP) {
			regs->eflags &= ~X86_EFLAGS_TF;
			return;
		}
		die("debug", regs, 0);
	}
	if (dr6 & DR_STEP)
		si_code = TRAP_TRACE;
	else if (dr6 & DR_TRAP_BITS)
		si_code = TRAP_HWBKPT;
	else
		si_code = TRAP_BRKPT;
	do_trap_signal(1, SIGTRAP, "debug", regs, 0, si_code, (void __user *)regs->eip);
}

/* an NMI is the hardware's news (memory parity, a watchdog): report it and go on */
static void do_nmi(struct pt_regs *regs)
{
	printk(KERN_EMERG "Uhhuh. NMI received for unknown reason at %08lx.\n", regs->eip);
}

/*
 * #NM: the FPU is switched eagerly with the task (kernel/sched.c), so its
 * registers already hold current's state; a stray CR0.TS is cleared and the
 * instruction runs again. CR0.EM is never set; were it, there would be no FPU
 * for user code, and 2.6 without math emulation sends SIGFPE.
 */
static void do_device_not_available(struct pt_regs *regs)
{
	if (read_cr0() & X86_CR0_TS) {
		asm volatile("clts");
		return;
	}
	do_trap_signal(7, SIGFPE, "device not available", regs, 0, 0, NULL);
}

/* #MF and #XF: which exception it was comes from the saved FPU state (math_error) */
static void do_math_error(struct pt_regs *regs, int trapnr)
{
	struct task_struct *tsk = current;
	const char *str = trapnr == 16 ? "fpu exception" : "simd exception";
	int si_code;

	if (!user_mode(regs)) {
		if (fixup_exception(regs))
			return;
		die(str, regs, 0);
	}
	unlazy_fpu(tsk);	/* the handler inspects the state in its frame */
	si_code = fpu_exception_code(tsk, trapnr);
	if (!si_code)
		return;		/* spurious: nothing unmasked is pending */
	do_trap_signal(trapnr, SIGFPE, str, regs, 0, si_code, (void __user *)regs->eip);
}

/*
 * The exceptions that are nothing but a signal, 2.6's DO_ERROR lines: which
 * signal, which si_code (0: SI_KERNEL without an address), and whether
 * si_addr is the faulting instruction.
 */
static const struct {
	int signr, si_code, at_eip;
} trap_signals[20] = {
	[0] = { SIGFPE, FPE_INTDIV, 1 },	/* divide error */
	[3] = { SIGTRAP, 0, 0 },		/* int3 */
	[4] = { SIGSEGV, 0, 0 },		/* into */
	[5] = { SIGSEGV, 0, 0 },		/* bound */
	[6] = { SIGILL, ILL_ILLOPN, 1 },	/* invalid opcode */
	[9] = { SIGFPE, 0, 0 },			/* coprocessor segment overrun */
	[10] = { SIGSEGV, 0, 0 },		/* invalid TSS */
	[11] = { SIGBUS, 0, 0 },		/* segment not present */
	[12] = { SIGBUS, 0, 0 },		/* stack segment */
	[13] = { SIGSEGV, 0, 0 },		/* #GP: privileged instructions, bad
						   selectors, int through a DPL-0 gate */
	[17] = { SIGBUS, BUS_ADRALN, 0 },	/* alignment check */
};

void do_trap(struct pt_regs *regs)
{
	unsigned long nr = regs->trapno;

	/*
	 * From user mode: under the big kernel lock, spun for with interrupts
	 * on (they were on in user mode), dropped by exit_to_user_mode. The
	 * page fault takes it itself, once cr2 is read; an NMI never does.
	 */
	if (user_mode(regs) && nr != 14 && nr != 2) {
		sti();
		lock_kernel();
	}
	switch (nr) {
	case 1:
		do_debug(regs);
		return;
	case 2:
		do_nmi(regs);
		return;
	case 7:
		do_device_not_available(regs);
		return;
	case 14:
		do_page_fault(regs, regs->err);
		return;
	case 15:
		return;		/* the spurious-interrupt erratum: nothing to do */
	case 16:
	case 19:
		do_math_error(regs, nr);
		return;
	}
	if (nr < 20 && trap_signals[nr].signr) {
		do_trap_signal(nr, trap_signals[nr].signr, exception_names[nr], regs, regs->err,
			       trap_signals[nr].si_code,
			       trap_signals[nr].at_eip ? (void __user *)regs->eip : NULL);
		return;
	}
	/* double fault, machine check, reserved vectors: never a user matter */
	if (!user_mode(regs) && fixup_exception(regs))
		return;
	die(nr < 32 ? exception_names[nr] : "unknown trap", regs, regs->err);
}

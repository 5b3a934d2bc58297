/*
 * trap_segv.c - the user-mode exceptions Linux turns into SIGSEGV with
 * si_code SI_KERNEL and no address: a general protection fault (#GP) from a
 * privileged instruction (hlt, cli, sti, out, in, lgdt, mov from %cr0), from
 * loading a selector the GDT does not have, from int through a gate user mode
 * may not use (vector 0x81, which has none; vector 0x20, an IRQ) - with the
 * error code the CPU pushed in sigcontext's err - and the overflow (#OF:
 * into, int $4) and bounds (#BR: bound) traps. The kernel carries on after
 * every one, and an unhandled one kills with SIGSEGV. A misaligned load with
 * EFLAGS.AC set is SIGBUS with BUS_ADRALN (QEMU's TCG checks no alignment:
 * skipped there with a note).
 */
#include "trap_util.h"

void do_hlt(void), do_cli(void), do_sti(void), do_out(void), do_in(void);
void do_lgdt(void), do_mov_cr0(void), do_bad_ds(void), do_bad_gs(void);
void do_int81(void), do_int20(void), do_int1(void);
void do_into(void), do_int4(void), do_bound(void), do_bound_ok(void), do_misaligned(void);
extern char into_after[], int4_after[], bound_at[];

asm(".text\n"
    "do_hlt: hlt\n ret\n"
    "do_cli: cli\n ret\n"
    "do_sti: sti\n ret\n"
    "do_out: movb $0, %al\n outb %al, $0x80\n ret\n"
    "do_in: movw $0x60, %dx\n inb %dx, %al\n ret\n"
    "do_lgdt: subl $8, %esp\n movl $0, (%esp)\n movl $0, 4(%esp)\n lgdt (%esp)\n addl $8, %esp\n ret\n"
    "do_mov_cr0: movl %cr0, %eax\n ret\n"
    "do_bad_ds: pushl %ds\n movl $0xfff8, %eax\n movl %eax, %ds\n popl %ds\n ret\n"
    "do_bad_gs: pushl %gs\n movl $0xfffb, %eax\n movl %eax, %gs\n popl %gs\n ret\n"
    "do_int81: int $0x81\n ret\n"
    "do_int20: int $0x20\n ret\n"
    "do_int1: int $1\n ret\n"
    "do_into:\n"
    "	movl $0x7fffffff, %eax\n"
    "	addl $1, %eax\n"		/* sets OF */
    "	into\n"
    "into_after:\n"
    "	ret\n"
    "do_int4:\n"
    "	int $4\n"			/* the gate is DPL 3, as Linux's */
    "int4_after:\n"
    "	ret\n"
    "do_bound:\n"
    "	pushl $5\n"			/* upper bound */
    "	pushl $1\n"			/* lower bound */
    "	movl $9, %eax\n"
    "bound_at:\n"
    "	bound %eax, (%esp)\n"
    "	addl $8, %esp\n"
    "	ret\n"
    "do_misaligned:\n"
    "	pushf\n"
    "	orl $0x40000, (%esp)\n"		/* EFLAGS.AC */
    "	popf\n"
    "	movl 1(%esp), %eax\n"
    "	pushf\n"
    "	andl $~0x40000, (%esp)\n"
    "	popf\n"
    "	ret\n"
    "do_bound_ok:\n"
    "	pushl $5\n"
    "	pushl $1\n"
    "	movl $3, %eax\n"
    "	bound %eax, (%esp)\n"
    "	addl $8, %esp\n"
    "	ret\n");

static volatile int ac_code = -1, ac_trapno = -1;
static void *volatile ac_addr = (void *)1;

/* runs with AC still set (Linux leaves it): aligned stores only; clear it and retry */
static void on_sigbus(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	ac_code = si->si_code;
	ac_addr = si->si_addr;
	ac_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	uc->uc_mcontext.gregs[REG_EFL] &= ~0x40000;
}

static void default_child(void)
{
	signal(SIGSEGV, SIG_DFL);
	do_hlt();
	_exit(2);
}

static void blocked_child(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
	do_int81();
	_exit(2);
}

int main(void)
{
	int status;

	trap_catch_all();
	CHECK_TRAP("hlt", do_hlt, SIGSEGV, SI_KERNEL, 0, 13, 0);
	CHECK_TRAP("cli", do_cli, SIGSEGV, SI_KERNEL, 0, 13, 0);
	CHECK_TRAP("sti", do_sti, SIGSEGV, SI_KERNEL, 0, 13, 0);
	CHECK_TRAP("outb", do_out, SIGSEGV, SI_KERNEL, 0, 13, 0);
	CHECK_TRAP("inb", do_in, SIGSEGV, SI_KERNEL, 0, 13, 0);
	CHECK_TRAP("lgdt", do_lgdt, SIGSEGV, SI_KERNEL, 0, 13, 0);
	CHECK_TRAP("mov %cr0", do_mov_cr0, SIGSEGV, SI_KERNEL, 0, 13, 0);
	CHECK_TRAP("mov to %ds of a selector past the GDT", do_bad_ds, SIGSEGV, SI_KERNEL, 0, 13, 0xfff8);
	CHECK_TRAP("mov to %gs of a selector past the GDT", do_bad_gs, SIGSEGV, SI_KERNEL, 0, 13, 0xfff8);
	CHECK_TRAP("int $0x81 (no user gate)", do_int81, SIGSEGV, SI_KERNEL, 0, 13, 0x81 * 8 + 2);
	CHECK_TRAP("int $0x20 (an IRQ gate)", do_int20, SIGSEGV, SI_KERNEL, 0, 13, 0x20 * 8 + 2);
	CHECK_TRAP("int $1 (the debug gate is DPL 0)", do_int1, SIGSEGV, SI_KERNEL, 0, 13, 1 * 8 + 2);
	CHECK_TRAP("into with OF set", do_into, SIGSEGV, SI_KERNEL, 0, 4, 0);
	CHECK_EQ("into: sigcontext eip is after it (a trap)", seen.eip, (unsigned long)into_after);
	CHECK_TRAP("int $4", do_int4, SIGSEGV, SI_KERNEL, 0, 4, 0);
	CHECK_EQ("int $4: sigcontext eip is after it", seen.eip, (unsigned long)int4_after);
	CHECK_TRAP("bound out of range", do_bound, SIGSEGV, SI_KERNEL, 0, 5, 0);
	CHECK_EQ("bound: sigcontext eip is the bound (a fault)", seen.eip, (unsigned long)bound_at);
	CHECK("bound in range: no signal", !trap_run(do_bound_ok));

	int n = 0;
	for (int i = 0; i < 500; i++)
		n += trap_run(do_int81) && seen.signo == SIGSEGV;
	CHECK_EQ("500 int $0x81, 500 SIGSEGVs", n, 500);

	{
		trap_handler(SIGBUS, on_sigbus);
		do_misaligned();
		if (ac_code == -1) {
			printf("SKIP trap_segv: this CPU checks no alignment (no #AC): the AC checks need it\n");
		} else {
			CHECK_EQ("misaligned load with AC: SIGBUS si_code BUS_ADRALN", ac_code, BUS_ADRALN);
			CHECK("misaligned load with AC: no si_addr", ac_addr == NULL);
			CHECK_EQ("misaligned load with AC: sigcontext trapno 17", ac_trapno, 17);
		}
		trap_catch_all();
	}

	status = trap_in_child(default_child);
	CHECK("an unhandled hlt kills with SIGSEGV", WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	status = trap_in_child(blocked_child);
	CHECK("int $0x81 with SIGSEGV blocked kills with SIGSEGV",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	return utest_done();
}

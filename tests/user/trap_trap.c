/*
 * trap_trap.c - breakpoints and single steps from user mode are SIGTRAP as
 * Linux sends them: int3 (and int $3) with si_code SI_KERNEL, no address,
 * trapno 3 and eip after the instruction; the trap flag set by the program
 * itself (pushf; or; popf) steps one instruction per SIGTRAP with si_code
 * TRAP_TRACE, trapno 1 and si_addr the next instruction, the handler itself
 * running unstepped and sigreturn stepping on, and a system call stepped
 * over as one instruction without a trap of its own; an unhandled one kills.
 */
#include "trap_util.h"

void do_int3(void), do_int_3(void), do_step(void), do_step_syscall(void);
extern char int3_after[], int_3_after[], step_first[], step_end[];
extern char sys_int[], sys_nop1[], sys_nop2[];

asm(".text\n"
    "do_int3:\n"
    "	int3\n"
    "int3_after:\n"
    "	ret\n"
    "do_int_3:\n"
    "	int $3\n"
    "int_3_after:\n"
    "	ret\n"
    "do_step:\n"
    "	pushf\n"
    "	orl $0x100, (%esp)\n"
    "	popf\n"			/* the trap comes after the next instruction */
    "step_first:\n"
    "	nop\n"
    "	movl $1, %eax\n"
    "	addl %eax, %eax\n"
    "	pushf\n"
    "	andl $~0x100, (%esp)\n"
    "	popf\n"			/* TF was set as it began: one more trap */
    "step_end:\n"
    "	ret\n"
    "do_step_syscall:\n"
    "	pushf\n"
    "	orl $0x100, (%esp)\n"
    "	popf\n"
    "	nop\n"
    "	movl $20, %eax\n"		/* getpid */
    "sys_int:\n"
    "	int $0x80\n"			/* no trap for it: the next comes after sys_nop1 */
    "sys_nop1:\n"
    "	nop\n"
    "sys_nop2:\n"
    "	nop\n"
    "	pushf\n"
    "	andl $~0x100, (%esp)\n"
    "	popf\n"
    "	ret\n");

#define MAX_STEPS 16
static volatile int steps, handler_tf;
static unsigned long step_addr[MAX_STEPS];
static int step_code[MAX_STEPS], step_trapno[MAX_STEPS];

static void on_step(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long fl;

	(void)sig;
	asm volatile("pushf; popl %0" : "=r"(fl));
	handler_tf |= fl & 0x100;
	if (steps < MAX_STEPS) {
		step_addr[steps] = (unsigned long)si->si_addr;
		step_code[steps] = si->si_code;
		step_trapno[steps] = uc->uc_mcontext.gregs[REG_TRAPNO];
	}
	steps++;
}

static void default_child(void)
{
	signal(SIGTRAP, SIG_DFL);
	do_int3();
	_exit(2);
}

static void step_child(void)
{
	signal(SIGTRAP, SIG_DFL);
	do_step();
	_exit(2);
}

int main(void)
{
	int status;

	trap_catch_all();
	CHECK_TRAP("int3", do_int3, SIGTRAP, SI_KERNEL, 0, 3, 0);
	CHECK_EQ("int3: sigcontext eip is after it", seen.eip, (unsigned long)int3_after);
	CHECK_TRAP("int $3", do_int_3, SIGTRAP, SI_KERNEL, 0, 3, 0);
	CHECK_EQ("int $3: sigcontext eip is after it", seen.eip, (unsigned long)int_3_after);

	trap_handler(SIGTRAP, on_step);
	do_step();
	/* after: nop, movl, addl, pushf, andl, popf */
	CHECK_EQ("single step: one SIGTRAP per instruction until TF is cleared", steps, 6);
	CHECK_EQ("single step: first si_addr is the instruction after the first stepped",
		 step_addr[0], (unsigned long)step_first + 1);
	CHECK_EQ("single step: last si_addr is after the popf that cleared TF",
		 step_addr[steps > 0 && steps <= MAX_STEPS ? steps - 1 : 0], (unsigned long)step_end);
	CHECK_EQ("single step: si_code TRAP_TRACE", step_code[0], TRAP_TRACE);
	CHECK_EQ("single step: sigcontext trapno 1", step_trapno[0], 1);
	CHECK_EQ("single step: the handler runs without TF", handler_tf, 0);
	steps = 0;
	do_step_syscall();
	/* after: nop, movl, (int $0x80: none), nop, nop, pushf, andl, popf */
	CHECK_EQ("stepping over int $0x80: no trap for the system call itself", steps, 7);
	CHECK_EQ("stepping over int $0x80: the one before it is at the int", step_addr[1],
		 (unsigned long)sys_int);
	CHECK_EQ("stepping over int $0x80: the one after it follows the next instruction",
		 step_addr[2], (unsigned long)sys_nop2);
	steps = 0;
	do_int_3();
	CHECK_EQ("after stepping: int $3 is one SIGTRAP, no steps", steps, 1);
	CHECK_EQ("after stepping: it says SI_KERNEL", step_code[0], SI_KERNEL);

	status = trap_in_child(default_child);
	CHECK("an unhandled int3 kills with SIGTRAP", WIFSIGNALED(status) && WTERMSIG(status) == SIGTRAP);
	status = trap_in_child(step_child);
	CHECK("an unhandled single step kills with SIGTRAP",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGTRAP);
	return utest_done();
}

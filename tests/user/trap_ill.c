/*
 * trap_ill.c - an invalid opcode (#UD) in user mode is SIGILL with
 * ILL_ILLOPN and si_addr at the instruction, as Linux sends it: ud2, a lock
 * prefix on an instruction that takes none, and a register operand where
 * only memory is allowed. A SIGILL handler that returns without skipping the
 * instruction runs again (checked a few times), and an unhandled one kills.
 */
#include "trap_util.h"

void do_ud2(void);
void do_lock_nop(void);
void do_lea_reg(void);
extern char ud2_at[], lock_nop_at[], lea_reg_at[];

asm(".text\n"
    "do_ud2:\n"
    "ud2_at:\n"
    "	ud2\n"
    "	ret\n"
    "do_lock_nop:\n"
    "lock_nop_at:\n"
    "	.byte 0xf0, 0x90\n"		/* lock nop */
    "	ret\n"
    "do_lea_reg:\n"
    "lea_reg_at:\n"
    "	.byte 0x8d, 0xc0\n"		/* lea %eax, %eax: lea needs memory */
    "	ret\n");

static volatile int again;

/* return into the same ud2 twice, then step over it */
static void retry_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	if (++again == 3)
		uc->uc_mcontext.gregs[REG_EIP] += 2;
}

static void default_child(void)
{
	signal(SIGILL, SIG_DFL);
	do_ud2();
	_exit(2);
}

int main(void)
{
	int status;

	trap_catch_all();
	CHECK_TRAP("ud2", do_ud2, SIGILL, ILL_ILLOPN, ud2_at, 6, 0);
	CHECK_EQ("ud2: sigcontext eip is the ud2", seen.eip, (unsigned long)ud2_at);
	CHECK_TRAP("lock nop", do_lock_nop, SIGILL, ILL_ILLOPN, lock_nop_at, 6, 0);
	CHECK_TRAP("lea with a register operand", do_lea_reg, SIGILL, ILL_ILLOPN, lea_reg_at, 6, 0);

	trap_handler(SIGILL, retry_handler);
	do_ud2();
	CHECK_EQ("a handler returning to the ud2 sees it again, then skips it", again, 3);

	status = trap_in_child(default_child);
	CHECK("an unhandled ud2 kills with SIGILL", WIFSIGNALED(status) && WTERMSIG(status) == SIGILL);
	return utest_done();
}

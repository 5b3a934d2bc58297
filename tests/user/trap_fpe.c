/*
 * trap_fpe.c - a divide error (#DE) in user mode is SIGFPE with FPE_INTDIV
 * and the faulting instruction's address, as Linux's traps.c sends it: for a
 * zero divisor and for INT_MIN / -1, signed and unsigned; and the signal is
 * forced: blocked, ignored, or raised again inside its own handler, it kills
 * the process with SIGFPE. Before user traps became signals each of these
 * brought the whole kernel down.
 */
#include "trap_util.h"

void idiv_zero(void);
void div_zero(void);
void idiv_overflow(void);
extern char idiv_zero_at[], div_zero_at[], idiv_overflow_at[];

asm(".text\n"
    "idiv_zero:\n"
    "	xorl %ecx, %ecx\n"
    "	movl $1, %eax\n"
    "	cltd\n"
    "idiv_zero_at:\n"
    "	idivl %ecx\n"
    "	ret\n"
    "div_zero:\n"
    "	xorl %ecx, %ecx\n"
    "	movl $7, %eax\n"
    "	xorl %edx, %edx\n"
    "div_zero_at:\n"
    "	divl %ecx\n"
    "	ret\n"
    "idiv_overflow:\n"
    "	movl $0x80000000, %eax\n"
    "	movl $-1, %ecx\n"
    "	cltd\n"
    "idiv_overflow_at:\n"
    "	idivl %ecx\n"
    "	ret\n");

static volatile int handler_ran;

static void count_handler(int sig)
{
	(void)sig;
	handler_ran = 1;
}

static void blocked_child(void)
{
	sigset_t set;

	signal(SIGFPE, count_handler);
	sigemptyset(&set);
	sigaddset(&set, SIGFPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	idiv_zero();
	_exit(handler_ran ? 3 : 2);	/* survived: wrong */
}

static void ignored_child(void)
{
	signal(SIGFPE, SIG_IGN);
	idiv_zero();
	_exit(2);
}

static void default_child(void)
{
	signal(SIGFPE, SIG_DFL);
	div_zero();
	_exit(2);
}

static void again_handler(int sig)
{
	(void)sig;
	handler_ran = 1;
	idiv_zero();		/* SIGFPE is blocked inside its own handler */
	_exit(4);
}

static void nested_child(void)
{
	signal(SIGFPE, again_handler);
	idiv_zero();
	_exit(2);
}

static void check_killed(const char *what, void (*fn)(void))
{
	int status = trap_in_child(fn);

	CHECK(what, WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE);
	if (!WIFSIGNALED(status))
		printf("  (%s: status %#x)\n", what, status);
}

int main(void)
{
	trap_catch_all();
	CHECK_TRAP("idiv by zero", idiv_zero, SIGFPE, FPE_INTDIV, idiv_zero_at, 0, 0);
	CHECK_EQ("idiv by zero: sigcontext eip is the idiv", seen.eip, (unsigned long)idiv_zero_at);
	CHECK_TRAP("div by zero", div_zero, SIGFPE, FPE_INTDIV, div_zero_at, 0, 0);
	CHECK_TRAP("INT_MIN / -1", idiv_overflow, SIGFPE, FPE_INTDIV, idiv_overflow_at, 0, 0);
	/* many in a row: each one a signal, none a panic */
	int n = 0;
	for (int i = 0; i < 1000; i++)
		n += trap_run(idiv_zero) && seen.signo == SIGFPE;
	CHECK_EQ("1000 divide errors, 1000 SIGFPEs", n, 1000);

	check_killed("SIGFPE blocked: the divide error kills with SIGFPE", blocked_child);
	check_killed("SIGFPE ignored: the divide error kills with SIGFPE", ignored_child);
	check_killed("SIGFPE default: the divide error kills with SIGFPE", default_child);
	check_killed("a divide error inside the SIGFPE handler kills with SIGFPE", nested_child);
	CHECK("still running after the children died", trap_run(div_zero) && seen.signo == SIGFPE);
	return utest_done();
}

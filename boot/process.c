/*
 * boot/process.c - the i386 side of running user code (Linux:
 * arch/i386/kernel/process.c): the register frame a new program starts with.
 */
#include <kernel/desc.h>
#include <kernel/ptrace.h>
#include <kernel/string.h>

void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp)
{
	memset(regs, 0, sizeof(*regs));	/* edx = 0: no rtld_fini for _start */
	regs->xds = __USER_DS;
	regs->xes = __USER_DS;
	regs->xss = __USER_DS;
	regs->xcs = __USER_CS;
	regs->eip = eip;
	regs->esp = esp;
	regs->eflags = 0x202;		/* interrupts on */
	regs->orig_eax = -1;
}

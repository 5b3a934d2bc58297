/*
 * mm/fault.c - the page-fault handler (Linux: arch/i386/mm/fault.c). A fault
 * in kernel mode at a user access with a fix-up continues at the fix-up
 * (the access returns -EFAULT); any other kernel fault is a bug and dies.
 */
#include <kernel/traps.h>
#include <kernel/io.h>
#include <kernel/printk.h>

void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	if (!user_mode(regs) && fixup_exception(regs))
		return;
	printk(KERN_EMERG "BUG: unable to handle kernel %s at virtual address %08lx\n",
	       address < 4096 ? "NULL pointer dereference" : "paging request", address);
	die("page fault", regs, error_code);
}

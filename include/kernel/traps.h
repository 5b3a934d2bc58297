/* include/kernel/traps.h - exception handling and the fault fix-up table (boot/traps.c). */
#ifndef _KERNEL_TRAPS_H
#define _KERNEL_TRAPS_H

#include <kernel/types.h>
#include <kernel/ptrace.h>

/*
 * An instruction allowed to fault (a user access) and where to continue when
 * it does; uaccess code adds entries with the _ASM_EXTABLE macro.
 */
struct exception_table_entry {
	unsigned long insn, fixup;
};

#define _ASM_EXTABLE(from, to)					\
	".pushsection __ex_table, \"a\"\n\t"			\
	".balign 4\n\t"						\
	".long " #from ", " #to "\n\t"				\
	".popsection\n\t"

const struct exception_table_entry *search_exception_tables(unsigned long eip);
int fixup_exception(struct pt_regs *regs);
__noreturn void die(const char *str, struct pt_regs *regs, long err);
void show_regs(struct pt_regs *regs);
void do_trap(struct pt_regs *regs);
void do_page_fault(struct pt_regs *regs, unsigned long error_code);

/* kernel/kallsyms.c */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset);
unsigned long kallsyms_lookup_name(const char *name);

#endif

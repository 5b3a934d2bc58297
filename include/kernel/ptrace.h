/*
 * include/kernel/ptrace.h - struct pt_regs: the registers boot/entry.asm saves
 * on the kernel stack at every entry. ebx..ebp come first so that a system
 * call handler receives them as its six C arguments.
 */
#ifndef _KERNEL_PTRACE_H
#define _KERNEL_PTRACE_H

struct pt_regs {
	long ebx;
	long ecx;
	long edx;
	long esi;
	long edi;
	long ebp;
	long eax;
	long xds;
	long xes;
	long xfs;
	long xgs;
	long orig_eax;		/* system call number, -1 for interrupts */
	long trapno;		/* vector */
	long err;		/* CPU error code, 0 where there is none */
	long eip;
	long xcs;
	long eflags;
	long esp;		/* only when coming from user mode */
	long xss;
};

#define user_mode(regs) (((regs)->xcs & 3) != 0)

#endif

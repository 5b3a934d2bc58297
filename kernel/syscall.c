/*
 * kernel/syscall.c - the system-call table, indexed by the Linux i386
 * numbers (Linux: arch/i386/kernel/syscall_table.S). boot/entry.asm calls
 * sys_call_table[eax] with the saved ebx, ecx, edx, esi, edi, ebp as the
 * arguments; every slot without an implementation returns -ENOSYS and logs
 * its number once.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/ptrace.h>
#include <kernel/syscalls.h>
#include <uapi/unistd.h>

#define NR_syscalls 450		/* must match boot/entry.asm */

/* handlers take different arguments; the entry code calls them all alike */
typedef const void *syscall_fn;

static unsigned long ni_logged[(NR_syscalls + 31) / 32];

long sys_ni_syscall_nr(unsigned long nr)
{
	if (nr < NR_syscalls && !(ni_logged[nr / 32] & (1UL << (nr % 32)))) {
		ni_logged[nr / 32] |= 1UL << (nr % 32);
		printk(KERN_INFO "syscall %lu not implemented\n", nr);
	} else if (nr >= NR_syscalls) {
		printk(KERN_INFO "syscall %lu out of range\n", nr);
	}
	return -ENOSYS;
}

/* a slot with no handler: find the number from the saved orig_eax */
static long sys_ni_syscall(struct pt_regs regs)
{
	return sys_ni_syscall_nr(regs.orig_eax);
}

/*
 * Later designators override the range default; this file is built with
 * -Wno-override-init for that. Grouped by subsystem, numbers in order.
 */
syscall_fn sys_call_table[NR_syscalls] = {
	[0 ... NR_syscalls - 1] = sys_ni_syscall,

	/* files (fs/) */
	/* end of files */

	/* processes, memory, signals, time (kernel/, mm/) */
	/* end of processes */

	/* System V IPC (ipc/) */
	/* end of System V IPC */
};

/* the last stop before iret to user mode: signals and rescheduling go here */
void exit_to_user_mode(struct pt_regs *regs)
{
	(void)regs;
}

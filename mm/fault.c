/*
 * mm/fault.c - the page-fault handler (Linux: arch/i386/mm/fault.c). A fault
 * inside a region the access is allowed in is resolved by mm/memory.c. A bad
 * user access is SIGSEGV for that process alone; a bad kernel access to user
 * memory (inside copy_*_user) resumes at its fix-up with -EFAULT; anything
 * else in the kernel is a bug and dies. No free page: mm/oom_kill.c.
 *
 * Locking: the mm (its vmas, page tables, rss) has no lock of its own
 * (2.6's mmap_sem): every path that changes it - mmap, brk, munmap,
 * mprotect, fork, exec, exit, this handler - runs under the big kernel
 * lock (2.0's model, which 2.6 replaced by mmap_sem: here the BKL is the
 * mm's lock). A fault from user mode takes it here; so does a fault inside
 * copy_*_user from a system call that runs without it (syscall_nobkl), for
 * the time of the fault only. Such a call touches user memory only with no
 * spinlock held, so spinning for the BKL here cannot deadlock.
 */
#include <kernel/smp_lock.h>
#include <kernel/traps.h>
#include <kernel/io.h>
#include <kernel/mm_types.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>

#define PF_PROT		0x1	/* the page was present: a protection fault */
#define PF_WRITE	0x2
#define PF_USER		0x4

static void bad_area(struct pt_regs *regs, unsigned long address,
		     unsigned long error_code, int si_code)
{
	struct task_struct *tsk = current;
	siginfo_t info = { 0 };

	if (user_mode(regs)) {
		tsk->thread.cr2 = address;
		tsk->thread.error_code = error_code;
		tsk->thread.trap_no = 14;
		info.si_signo = SIGSEGV;
		info.si_code = si_code;
		info.si_addr = (void *)address;
		force_sig_info(SIGSEGV, &info, tsk);
		return;
	}
	if (fixup_exception(regs))
		return;
	printk(KERN_EMERG "BUG: unable to handle kernel %s at virtual address %08lx\n",
	       address < PAGE_SIZE ? "NULL pointer dereference" : "paging request", address);
	die("page fault", regs, error_code);
}

static void __do_page_fault(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address);

void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	/* cr2 is safe in 'address' now; let interrupts in if they were on */
	if (regs->eflags & 0x200)
		sti();
	if (user_mode(regs)) {
		lock_kernel();		/* dropped by exit_to_user_mode */
		__do_page_fault(regs, error_code, address);
		return;
	}
	/*
	 * A copy_*_user in a call without the BKL: the mm's lock for this fault
	 * (it nests when the call holds it). Not for a kernel address or with
	 * interrupts off: both are kernel bugs on their way to die(), and the
	 * BKL's holder may be waiting for this CPU to take an IPI.
	 */
	if (address >= TASK_SIZE || !(regs->eflags & 0x200)) {
		__do_page_fault(regs, error_code, address);
		return;
	}
	lock_kernel();
	__do_page_fault(regs, error_code, address);
	unlock_kernel();
}

static void __do_page_fault(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int write = error_code & PF_WRITE, ret;

	if (address >= TASK_SIZE || !mm) {
		bad_area(regs, address, error_code, SEGV_MAPERR);
		return;
	}
	vma = find_vma(mm, address);
	if (!vma)
		goto bad_area_map;
	if (vma->vm_start > address) {
		/* below the stack: allowed within reach of the stack pointer (push, enter) */
		if (!(vma->vm_flags & VM_GROWSDOWN))
			goto bad_area_map;
		if ((error_code & PF_USER) && address + 65536 + 32 * sizeof(long) < (unsigned long)regs->esp)
			goto bad_area_map;
		if (expand_stack(vma, address))
			goto bad_area_map;
	}
	if (write) {
		if (!(vma->vm_flags & VM_WRITE))
			goto bad_area_acc;
	} else if (!(vma->vm_flags & (VM_READ | VM_EXEC | VM_WRITE))) {
		goto bad_area_acc;	/* PROT_NONE */
	}
	ret = handle_mm_fault(mm, vma, address, write);
	if (!ret)
		return;
	if (ret == VM_FAULT_OOM) {
		/* Linux's pagefault_out_of_memory: the biggest process dies, we retry */
		if (!out_of_memory(regs->eflags & 0x200))
			return;
		if (user_mode(regs))
			return;		/* SIGKILL is pending: it dies on the way out */
		if (fixup_exception(regs))
			return;
		die("out of memory in a kernel fault", regs, error_code);
	}
	if (ret == VM_FAULT_SIGBUS) {
		siginfo_t info = { 0 };

		if (!user_mode(regs) && fixup_exception(regs))
			return;
		info.si_signo = SIGBUS;
		info.si_code = 2;	/* BUS_ADRERR */
		info.si_addr = (void *)address;
		force_sig_info(SIGBUS, &info, current);
		return;
	}
bad_area_map:
	bad_area(regs, address, error_code, SEGV_MAPERR);
	return;
bad_area_acc:
	bad_area(regs, address, error_code, SEGV_ACCERR);
}

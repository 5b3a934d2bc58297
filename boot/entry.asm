; boot/entry.asm - every way into the kernel after boot: exceptions, IRQs and
; the int 0x80 system call (Linux: arch/i386/kernel/entry.S). Each path saves
; the registers as a struct pt_regs on the kernel stack and leaves through
; ret_from_intr, the single exit where signals and rescheduling will happen.
; A system call takes the big kernel lock before its handler runs (bar the
; ones syscall_nobkl exempts); exit_to_user_mode drops it before the iret.
;
; Layout of struct pt_regs (include/kernel/ptrace.h), lowest address first:
;   ebx ecx edx esi edi ebp eax ds es fs gs orig_eax trapno err eip cs eflags [esp ss]
; ebx..ebp come first so that a system-call handler sees them as its six C
; arguments when it is called straight from the table, as Linux 2.6 does.

%define __KERNEL_DS	0x68
%define NR_syscalls	450
%define PT_EAX		24
%define PT_ORIG_EAX	44

section .text

%macro SAVE_ALL 0
	push gs
	push fs
	push es
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
	mov edx, __KERNEL_DS
	mov ds, edx
	mov es, edx
	; the kernel uses neither %fs nor %gs: hold the null selector, so that a
	; fault on reloading a stale user one in ret_from_intr saves a good value
	; in its own frame (else its return faults the same way, without end)
	xor edx, edx
	mov fs, edx
	mov gs, edx
	cld
%endmacro

; exceptions without a CPU error code push a zero to keep one frame shape
%macro TRAP_NOERR 1
global trap_%1
trap_%1:
	push dword 0
	push dword %1
	jmp trap_common
%endmacro

%macro TRAP_ERR 1
global trap_%1
trap_%1:
	push dword %1
	jmp trap_common
%endmacro

%macro IRQ 1
global irq_%1
irq_%1:
	push dword 0
	push dword (32 + %1)
	jmp irq_common
%endmacro

TRAP_NOERR 0
TRAP_NOERR 1
TRAP_NOERR 2
TRAP_NOERR 3
TRAP_NOERR 4
TRAP_NOERR 5
TRAP_NOERR 6
TRAP_NOERR 7
TRAP_ERR   8
TRAP_NOERR 9
TRAP_ERR   10
TRAP_ERR   11
TRAP_ERR   12
TRAP_ERR   13
TRAP_ERR   14
TRAP_NOERR 15
TRAP_NOERR 16
TRAP_ERR   17
TRAP_NOERR 18
TRAP_NOERR 19
TRAP_NOERR 20
TRAP_ERR   21
TRAP_NOERR 22
TRAP_NOERR 23
TRAP_NOERR 24
TRAP_NOERR 25
TRAP_NOERR 26
TRAP_NOERR 27
TRAP_NOERR 28
TRAP_ERR   29
TRAP_ERR   30
TRAP_NOERR 31

%assign i 0
%rep 16
IRQ i
%assign i i+1
%endrep

; the same 16 lines when the I/O APIC delivers them (boot/io_apic.c), each on
; its own vector, FIRST_DEVICE_VECTOR + 8 * irq; ioapic_interrupt[irq] is the
; entry to put in that vector's gate (2.6's interrupt[] array)
%macro IOAPIC_IRQ 1
global ioapic_irq_%1
ioapic_irq_%1:
	push dword 0
	push dword (0x31 + 8 * %1)
	jmp irq_common
%endmacro

%assign i 0
%rep 16
IOAPIC_IRQ i
%assign i i+1
%endrep

section .rodata
global ioapic_interrupt
ioapic_interrupt:
%assign i 0
%rep 16
	dd ioapic_irq_%[i]
%assign i i+1
%endrep
section .text

extern do_trap
extern do_IRQ
extern sys_call_table
extern sys_ni_syscall_nr
extern exit_to_user_mode
extern lock_kernel
extern syscall_nobkl
%ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
extern syscall_irqs_off_report
%endif

trap_common:
	push dword -1			; orig_eax: not a system call
	SAVE_ALL
	push esp
	call do_trap
	add esp, 4
	jmp ret_from_intr

irq_common:
	push dword -1
	SAVE_ALL
	push esp
	call do_IRQ
	add esp, 4
	jmp ret_from_intr

; The local APIC's vectors (boot/apic.c, boot/smp.c): the same frame as an
; IRQ's, so a tick or an IPI that interrupts user mode on CPU 0 leaves through
; ret_from_intr and may reschedule there; on an idle AP it just returns.
%macro BUILD_INTERRUPT 3		; entry name, C handler(regs), vector
extern %2
global %1
%1:
	push dword 0
	push dword %3
	push dword -1
	SAVE_ALL
	push esp
	call %2
	add esp, 4
	jmp ret_from_intr
%endmacro

BUILD_INTERRUPT apic_timer_interrupt, smp_apic_timer_interrupt, 0xef
BUILD_INTERRUPT reschedule_interrupt, smp_reschedule_interrupt, 0xfc
BUILD_INTERRUPT invalidate_interrupt, smp_invalidate_interrupt, 0xfd
BUILD_INTERRUPT call_function_interrupt, smp_call_function_interrupt, 0xfb

global spurious_interrupt
spurious_interrupt:			; no EOI for a spurious interrupt
	iret

; int 0x80: eax = number, ebx ecx edx esi edi ebp = arguments
global system_call
system_call:
	push dword 0			; err
	push dword 0x80			; trapno
	push eax			; orig_eax
	SAVE_ALL
	sti
	cmp eax, NR_syscalls
	jae .badsys
	; the big kernel lock (lib/kernel_lock.c), unless syscall_nobkl says
	; this call does without; ret_from_intr's exit_to_user_mode drops it
	bt dword [syscall_nobkl], eax
	jc .call
	call lock_kernel		; spins with interrupts on
	mov eax, [esp + PT_ORIG_EAX]	; the arguments are in pt_regs, eax is not
.call:
	call [sys_call_table + eax * 4]
	mov [esp + PT_EAX], eax
%ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
	pushfd				; the handler must come back with interrupts on
	pop ecx
	test ecx, 0x200
	jnz ret_from_intr
	push esp
	call syscall_irqs_off_report
	add esp, 4
%endif
	jmp ret_from_intr
.badsys:
	push eax
	call sys_ni_syscall_nr
	add esp, 4
	mov [esp + PT_EAX], eax

; Back to whatever was interrupted. Going to user mode, give the kernel its
; chance to deliver signals and reschedule first.
global ret_from_intr
ret_from_intr:
	cli
	test dword [esp + 60], 3	; pt_regs.cs: returning to ring 3?
	jz .restore
	push esp
	call exit_to_user_mode
	add esp, 4
.restore:
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
.pop_ds:
	pop ds
.pop_es:
	pop es
.pop_fs:
	pop fs
.pop_gs:
	pop gs
	add esp, 12			; orig_eax, trapno, err
	iret

; A saved selector the GDT no longer backs (a TLS entry cleared by exec, a
; bogus value from sigreturn) must not oops the kernel: load the null
; selector instead, as Linux's fix-ups do; the user access that needs it
; will fault in user mode, where it is the process's problem.
section .text.fixup progbits alloc exec nowrite
.fix_ds:
	mov dword [esp], 0
	jmp .pop_ds
.fix_es:
	mov dword [esp], 0
	jmp .pop_es
.fix_fs:
	mov dword [esp], 0
	jmp .pop_fs
.fix_gs:
	mov dword [esp], 0
	jmp .pop_gs
section __ex_table progbits alloc noexec nowrite align=4
	dd .pop_ds, .fix_ds
	dd .pop_es, .fix_es
	dd .pop_fs, .fix_fs
	dd .pop_gs, .fix_gs
section .text

section .note.GNU-stack noalloc noexec nowrite progbits

section .text
; switch_to_asm(&prev->thread.esp, next->thread.esp): keep the callee-saved
; registers on prev's stack, move to next's stack, and return on it - into
; next's own earlier call of this function, or into ret_from_fork for a new
; task. eax still holds prev's slot; the C wrapper returns prev.
global switch_to_asm
switch_to_asm:
	mov eax, [esp + 4]
	mov edx, [esp + 8]
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, edx
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; A new task's first return from switch_to_asm lands here, with its
; pt_regs above: finish the switch, then leave as any interrupt does.
extern schedule_tail
global ret_from_fork
ret_from_fork:
	push eax			; prev's saved-esp slot, from switch_to_asm
	call schedule_tail
	add esp, 4
	jmp ret_from_intr

; Kernel threads start here from ret_from_fork's iret: ebx = fn, edx = arg.
; The iret left esp inside the thread's own pt_regs at the top of the stack;
; step below them, so a thread that execs can rebuild them for user mode.
extern do_exit
global kernel_thread_helper
kernel_thread_helper:
	sub esp, 100
	push edx
	call ebx
	push eax
	call do_exit

; start_user_thread(regs): a kernel thread that has just exec'd leaves for
; user mode through the ordinary exit path, on the pt_regs exec filled in.
global start_user_thread
start_user_thread:
	mov esp, [esp + 4]
	jmp ret_from_intr

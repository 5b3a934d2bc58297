; boot/trampoline.asm - where an application processor starts (Linux:
; arch/i386/kernel/trampoline.S and head.S's startup_32_smp). The STARTUP
; IPI starts an AP in real mode at TRAMPOLINE_BASE (vector = address >> 12),
; so smpboot.c copies trampoline_data there, below 1 MiB. The AP loads a
; flat GDT, enters protected mode, turns paging on with head.asm's boot_pgdir
; (it maps the low 16 MiB both at 0 and at PAGE_OFFSET, so the next
; instruction is still mapped), loads its own GDT and jumps to the kernel's
; startup_32_smp, which moves to the kernel's page directory and its own
; idle stack. Everything inside the trampoline is addressed as
; TRAMPOLINE_BASE + (label - trampoline_data), valid after the copy.

TRAMPOLINE_BASE	equ 0x8000
PAGE_OFFSET	equ 0xC0000000
__KERNEL_CS	equ 0x60
__KERNEL_DS	equ 0x68

%define TR(x) (TRAMPOLINE_BASE + (x) - trampoline_data)

extern boot_pgdir
extern swapper_pg_dir
extern start_secondary

section .rodata
align 16
global trampoline_data, trampoline_end
global tr_cr0, tr_cr4, tr_gdt_desc, tr_started
bits 16
trampoline_data:
	cli
	mov ax, cs			; 0x0800: the code's own segment
	mov ds, ax
	mov byte [tr_started - trampoline_data], 0xa5	; tells the BSP we ran (2.6's 0xA5)
	lgdt [tr_boot_gdt_desc - trampoline_data]
	mov eax, cr0
	or eax, 1			; CR0.PE
	mov cr0, eax
	jmp dword 0x08:TR(tr_pm32)

bits 32
tr_pm32:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, [TR(tr_cr4)]		; the boot CPU's: PSE for boot_pgdir, PGE, OSFXSR
	mov cr4, eax
	mov eax, boot_pgdir		; linked at its physical address
	mov cr3, eax
	mov eax, [TR(tr_cr0)]		; PG, WP, PE, and the FPU bits
	mov cr0, eax
	lgdt [TR(tr_gdt_desc)]		; this CPU's own GDT, at its kernel address
	jmp __KERNEL_CS:startup_32_smp

align 8
tr_boot_gdt:
	dq 0
	dq 0x00cf9a000000ffff		; 0x08: flat 32-bit code
	dq 0x00cf92000000ffff		; 0x10: flat data
tr_boot_gdt_desc:
	dw 3 * 8 - 1
	dd TR(tr_boot_gdt)
align 4
tr_cr0:	dd 0
tr_cr4:	dd 0
tr_gdt_desc:
	dw 0
	dd 0
tr_started:
	db 0
trampoline_end:

; The page a CPU is sent to when smp_deaf_apic= asks for one that never
; answers: it halts in real mode, as a dead CPU would stay silent.
global deaf_trampoline, deaf_trampoline_end
bits 16
deaf_trampoline:
	cli
	hlt
	jmp deaf_trampoline
deaf_trampoline_end:

bits 32
section .data
global smp_boot_esp
smp_boot_esp:	dd 0			; the idle stack of the AP being started

section .text
startup_32_smp:
	mov ax, __KERNEL_DS
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov eax, swapper_pg_dir - PAGE_OFFSET
	mov cr3, eax			; the low identity map is not needed any more
	mov esp, [smp_boot_esp]
	xor ebp, ebp			; ends every backtrace
	push 0
	popfd
	call start_secondary
.hang:
	cli
	hlt
	jmp .hang

section .note.GNU-stack noalloc noexec nowrite progbits

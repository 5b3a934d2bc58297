; boot/head.asm - the Multiboot header and the first instructions the loader
; jumps to (Linux: arch/i386/kernel/head.S). Runs at the physical load address
; with paging off, maps the first 16 MiB both at 0 and at PAGE_OFFSET with
; 4 MiB pages, turns paging on and jumps to the higher-half kernel.

MB_MAGIC	equ 0x1BADB002
MB_FLAGS	equ 0x00000003	; page-align modules, give us the memory map
PAGE_OFFSET	equ 0xC0000000
THREAD_SIZE	equ 8192
PDE_4M		equ 0x83	; present, writable, 4 MiB page
EARLY_PDES	equ 4		; 4 x 4 MiB = 16 MiB mapped before paging_init

section .multiboot progbits alloc noexec nowrite align=4
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)

section .boot.data progbits alloc noexec write align=4096
global boot_pgdir
boot_pgdir:
	times 1024 dd 0

section .boot.text progbits alloc exec nowrite align=16
global _start
_start:
	cli
	; eax = Multiboot magic and ebx = info pointer: keep both for start_kernel
	mov edi, boot_pgdir
	mov edx, PDE_4M
	xor ecx, ecx
.fill:
	mov [edi + ecx * 4], edx			; identity, for the jump below
	mov [edi + ecx * 4 + (PAGE_OFFSET >> 20)], edx	; the kernel's own view
	add edx, 0x400000
	inc ecx
	cmp ecx, EARLY_PDES
	jb .fill

	mov ecx, cr4
	or ecx, 0x10			; CR4.PSE: 4 MiB pages
	mov cr4, ecx
	mov ecx, boot_pgdir
	mov cr3, ecx
	mov ecx, cr0
	or ecx, 0x80010000		; CR0.PG | CR0.WP (honour read-only in ring 0)
	mov cr0, ecx
	mov ecx, startup_32_high
	jmp ecx

section .text
extern start_kernel
extern init_thread_union
startup_32_high:
	mov esp, init_thread_union + THREAD_SIZE
	xor ebp, ebp			; ends every backtrace
	push 0
	popfd
	push ebx			; multiboot info (physical)
	push eax			; multiboot magic
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang

section .note.GNU-stack noalloc noexec nowrite progbits

/* include/kernel/io.h - x86 port I/O and the privileged instructions C needs. */
#ifndef _KERNEL_IO_H
#define _KERNEL_IO_H

#include <kernel/types.h>

static inline void outb(u16 port, u8 v) { asm volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(u16 port, u16 v) { asm volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(u16 port, u32 v) { asm volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u16 inw(u16 port) { u16 v; asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void io_delay(void) { outb(0x80, 0); }

static inline void cli(void) { asm volatile("cli" ::: "memory"); }
static inline void sti(void) { asm volatile("sti" ::: "memory"); }
static inline void halt(void) { asm volatile("hlt" ::: "memory"); }
/* sti takes effect after the next instruction, so no interrupt slips in between */
static inline void safe_halt(void) { asm volatile("sti; hlt" ::: "memory"); }

static inline unsigned long read_cr2(void) { unsigned long v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline unsigned long read_cr3(void) { unsigned long v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline void write_cr3(unsigned long v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline unsigned long read_cr0(void) { unsigned long v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline unsigned long read_cr4(void) { unsigned long v; asm volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr4(unsigned long v) { asm volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
static inline void invlpg(unsigned long addr) { asm volatile("invlpg (%0)" : : "r"(addr) : "memory"); }

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline unsigned long read_eflags(void)
{
	unsigned long f;
	asm volatile("pushfl; popl %0" : "=r"(f));
	return f;
}

/*
 * Interrupt-off sections. On one CPU this is all the locking shared state
 * needs; keep using these helpers so SMP can change them in one place.
 */
static inline unsigned long local_irq_save(void)
{
	unsigned long f = read_eflags();
	cli();
	return f;
}

static inline void local_irq_restore(unsigned long f)
{
	if (f & 0x200)
		sti();
}

#endif

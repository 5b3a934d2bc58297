/*
 * include/kernel/atomic.h - atomic counters and exchange on i386 (Linux:
 * include/asm-i386/atomic.h and system.h's xchg). The lock prefix makes each
 * read-modify-write one indivisible bus transaction, so it holds across CPUs.
 */
#ifndef _KERNEL_ATOMIC_H
#define _KERNEL_ATOMIC_H

typedef struct {
	volatile int counter;
} atomic_t;

#define ATOMIC_INIT(i)	{ (i) }
#define atomic_read(v)	((v)->counter)
#define atomic_set(v, i) (((v)->counter) = (i))

static inline void atomic_inc(atomic_t *v)
{
	asm volatile("lock; incl %0" : "+m"(v->counter) : : "memory");
}

static inline void atomic_dec(atomic_t *v)
{
	asm volatile("lock; decl %0" : "+m"(v->counter) : : "memory");
}

/* 1 when the counter reached zero */
static inline int atomic_dec_and_test(atomic_t *v)
{
	unsigned char c;

	asm volatile("lock; decl %0; sete %1" : "+m"(v->counter), "=qm"(c) : : "memory");
	return c != 0;
}

/* the new value (2.6's atomic_add_return: xadd, a 486 instruction) */
static inline int atomic_add_return(int i, atomic_t *v)
{
	int old = i;

	asm volatile("lock; xaddl %0, %1" : "+r"(old), "+m"(v->counter) : : "memory");
	return old + i;
}

#define atomic_inc_return(v)	atomic_add_return(1, (v))

/* xchg with a memory operand is locked by the CPU even without the prefix */
static inline unsigned int xchg(volatile unsigned int *p, unsigned int v)
{
	asm volatile("xchgl %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

#define barrier()	asm volatile("" : : : "memory")
#define mb()		asm volatile("lock; addl $0, 0(%%esp)" : : : "memory")
#define cpu_relax()	asm volatile("rep; nop" : : : "memory")	/* pause */

#endif

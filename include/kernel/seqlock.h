/*
 * include/kernel/seqlock.h - sequence locks (Linux: include/linux/seqlock.h).
 * A writer takes the spinlock and bumps the sequence before and after its
 * update; a reader never writes: it reads the sequence, the data, and the
 * sequence again, and retries if a writer ran (odd, or changed) meanwhile.
 * For small data read often and written from the tick: jiffies_64, whose
 * two halves a 32-bit CPU cannot read in one go (2.6's xtime_lock).
 */
#ifndef _KERNEL_SEQLOCK_H
#define _KERNEL_SEQLOCK_H

#include <kernel/spinlock.h>

typedef struct {
	volatile unsigned int sequence;
	spinlock_t lock;
} seqlock_t;

#define __SEQLOCK_UNLOCKED(name)	{ 0, __SPIN_LOCK_UNLOCKED(name) }
#define DEFINE_SEQLOCK(x)		seqlock_t x = __SEQLOCK_UNLOCKED(x)

static inline void write_seqlock(seqlock_t *sl)
{
	spin_lock(&sl->lock);
	sl->sequence++;
	barrier();		/* x86 keeps stores in order: the compiler must too */
}

static inline void write_sequnlock(seqlock_t *sl)
{
	barrier();
	sl->sequence++;
	spin_unlock(&sl->lock);
}

static inline unsigned int read_seqbegin(const seqlock_t *sl)
{
	unsigned int seq;

	while ((seq = sl->sequence) & 1)
		cpu_relax();
	barrier();		/* x86 keeps loads in order too */
	return seq;
}

static inline int read_seqretry(const seqlock_t *sl, unsigned int start)
{
	barrier();
	return sl->sequence != start;
}

#define write_seqlock_irqsave(sl, flags) \
	do { (flags) = local_irq_save(); write_seqlock(sl); } while (0)
#define write_sequnlock_irqrestore(sl, flags) \
	do { write_sequnlock(sl); local_irq_restore(flags); } while (0)

#endif

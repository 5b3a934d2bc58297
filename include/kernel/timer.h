/* include/kernel/timer.h - the PIT tick and jiffies (kernel/timer.c). */
#ifndef _KERNEL_TIMER_H
#define _KERNEL_TIMER_H

#include <kernel/types.h>

#define HZ 1000
#define CLOCK_TICK_RATE 1193182		/* the PIT's input clock, Hz */

extern volatile u64 jiffies_64;
#define jiffies ((unsigned long)jiffies_64)

void time_init(void);
u64 get_jiffies_64(void);
extern unsigned long tsc_khz;		/* measured against the PIT at boot */

#endif

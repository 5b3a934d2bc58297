/* include/kernel/timer.h - the PIT tick and jiffies (kernel/timer.c). */
#ifndef _KERNEL_TIMER_H
#define _KERNEL_TIMER_H

#include <kernel/types.h>
#include <kernel/list.h>

#define HZ 1000
#define TICK_NSEC	(1000000000LL / HZ)
#define CLOCK_TICK_RATE 1193182		/* the PIT's input clock, Hz */

extern volatile u64 jiffies_64;
#define jiffies ((unsigned long)jiffies_64)

void time_init(void);

/* one-shot kernel timers, run from the tick (kernel/timer.c) */
struct timer_list {
	struct list_head entry;
	unsigned long expires;			/* jiffies */
	void (*function)(unsigned long);
	unsigned long data;
};

#define MAX_SCHEDULE_TIMEOUT 0x7fffffffL

void setup_timer(struct timer_list *t, void (*fn)(unsigned long), unsigned long data);
void mod_timer(struct timer_list *t, unsigned long expires);
void mod_timer_ns(struct timer_list *t, u64 expires_ns);	/* CLOCK_MONOTONIC ns */
u64 timer_forward_ns(u64 *expires, u64 now, u64 interval);	/* periods skipped */
int del_timer(struct timer_list *t);
int del_timer_sync(struct timer_list *t);
int try_to_del_timer_sync(struct timer_list *t);	/* -1: its callback runs now */	/* and wait for its callback on another CPU */
int timer_pending(const struct timer_list *t);
int timer_find(void (*fn)(unsigned long), unsigned long data);
unsigned long msecs_to_jiffies(unsigned long ms);
u64 get_jiffies_64(void);
unsigned long jiffies_sync(void);	/* jiffies caught up with CLOCK_MONOTONIC */
extern unsigned long tsc_khz;		/* measured against the PIT at boot */

struct pt_regs;
void update_process_times(struct pt_regs *regs);	/* one CPU's tick: its process time */

#endif

/*
 * include/kernel/profile.h - the sampling profiler (kernel/profile.c;
 * Linux: include/linux/profile.h). While it is on, every timer tick adds
 * the interrupted kernel EIP to a histogram; the shell's "prof" shows it.
 */
#ifndef _KERNEL_PROFILE_H
#define _KERNEL_PROFILE_H

#include <kernel/types.h>

struct pt_regs;

extern int prof_on;

void profile_tick(struct pt_regs *regs);	/* from the tick, interrupts off */
int profile_start(void);			/* clear the histogram, start sampling */
void profile_stop(void);
void profile_show(int top);			/* print the top functions */

#endif

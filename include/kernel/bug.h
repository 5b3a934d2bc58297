/*
 * include/kernel/bug.h - the debug kernel's reports (make DEBUG=1; Linux:
 * include/linux/bug.h, the "BUG: ..." lines of the CONFIG_DEBUG_* options).
 * Every check that finds corruption or a context bug starts its report with
 * debug_report(), which prints a line beginning "BUG: " and counts it; the
 * test runner fails a test during which the count moved.
 */
#ifndef _KERNEL_BUG_H
#define _KERNEL_BUG_H

#include <kernel/types.h>

/* reports so far, and a short name for the kind of the last one (tests) */
extern unsigned long debug_reports;
extern const char *debug_last_report;

/* "BUG: " + the message, counted; the caller adds details, then dump_stack() */
void debug_report(const char *kind, const char *fmt, ...) __printf(2, 3);
/* " name+0x12/0x80" for a kernel text address, for call sites in reports */
void print_ip_sym(const char *prefix, unsigned long ip);
/* ips[0]: where our caller was called from; ips[1]: its caller's call site ... */
void save_call_sites(unsigned long *ips, int n);

/* every whole-kernel check at once (slab objects); the shell's debugcheck */
void debug_check_all(void);

struct pt_regs;
struct task_struct;
struct thread_info;
struct mutex;

/* kernel/debug_atomic.c: the context checks */
void user_return_checks(struct pt_regs *regs);	/* just before iret to user mode */

#ifdef CONFIG_DEBUG_STACKOVERFLOW
void stack_canary_set(struct thread_info *ti);
void stack_canary_check(struct task_struct *t, const char *where);
void stack_overflow_check(void);		/* do_IRQ: less than 2 KiB left? */
extern long stack_lowest_reported;	/* bytes left at the last such report */
#endif

#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
void schedule_debug_sleep(struct task_struct *prev, unsigned long flags);
void mutex_acquired(struct mutex *m);		/* the per-task count of mutexes held */
void mutex_released(struct mutex *m);
/*
 * A function that may sleep says so (Linux: might_sleep()): called with
 * interrupts off - the spinlock of this uniprocessor kernel - it is reported.
 */
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)
#else
#define might_sleep() do { } while (0)
#endif

#endif

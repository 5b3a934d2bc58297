/*
 * include/kernel/futex.h - fast user-space mutexes (kernel/futex.c; Linux:
 * include/linux/futex.h). The operation codes are the Linux i386 ABI.
 */
#ifndef _KERNEL_FUTEX_H
#define _KERNEL_FUTEX_H

#include <kernel/types.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2	/* removed in Linux 2.6.26: ENOSYS */
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10

#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

struct timespec;
struct timespec64;

#define FUTEX_BITSET_MATCH_ANY	0xffffffffU

/* FUTEX_WAKE_OP's encoded operation (Linux's uapi/linux/futex.h) */
#define FUTEX_OP_SET		0	/* uaddr2 = oparg */
#define FUTEX_OP_ADD		1	/* uaddr2 += oparg */
#define FUTEX_OP_OR		2	/* uaddr2 |= oparg */
#define FUTEX_OP_ANDN		3	/* uaddr2 &= ~oparg */
#define FUTEX_OP_XOR		4	/* uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT	8	/* oparg is 1 << oparg */
#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_NE		1
#define FUTEX_OP_CMP_LT		2
#define FUTEX_OP_CMP_LE		3
#define FUTEX_OP_CMP_GT		4
#define FUTEX_OP_CMP_GE		5

/* wake up to nr_wake tasks waiting on uaddr; shared is 0 for FUTEX_PRIVATE_FLAG */
int futex_wake(u32 __user *uaddr, int shared, int nr_wake, u32 bitset);

struct task_struct;
void exit_robust_list(struct task_struct *tsk);	/* exit and exec */
long sys_get_robust_list(int pid, u32 __user *head_ptr, u32 __user *len_ptr);

long sys_futex(u32 __user *uaddr, int op, u32 val, const struct timespec __user *utime,
	       u32 __user *uaddr2, u32 val3);
long sys_futex_time64(u32 __user *uaddr, int op, u32 val,
		      const struct timespec64 __user *utime, u32 __user *uaddr2, u32 val3);

#endif

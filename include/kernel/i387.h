/*
 * include/kernel/i387.h - the task's FPU and SSE state (boot/i387.c; Linux:
 * asm-i386/i387.h). The registers are switched eagerly with the task
 * (kernel/sched.c), so the live FPU always holds current's state.
 */
#ifndef _KERNEL_I387_H
#define _KERNEL_I387_H

#include <kernel/types.h>
#include <uapi/sigcontext.h>

struct task_struct;

/* what fxsave stores (Intel SDM vol. 1, 10.5.1) */
struct i387_fxsave_struct {
	u16 cwd, swd, twd, fop;		/* twd: fxsave's one-bit-per-register tag */
	u32 fip, fcs, foo, fos;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];		/* 8 registers, 16 bytes each, ST(0) first */
	u32 xmm_space[32];
	u32 padding[56];
};

#define MXCSR_DEFAULT	0x1f80

/* kernel/sched.c */
void init_fpu(struct task_struct *t);
void unlazy_fpu(struct task_struct *t);

/* boot/i387.c */
void fpu_reset_current(void);
int save_i387(struct _fpstate __user *buf);
int restore_i387(struct _fpstate __user *buf);
int fpu_exception_code(struct task_struct *tsk, int trapnr);

#endif

/*
 * boot/i387.c - the FPU and SSE state seen from user space (Linux:
 * arch/i386/kernel/i387.c): the signal frame's copy in Linux's layout (an
 * fnsave-style header, then the fxsave image), and the si_code a floating
 * point exception gets from the status and control words or from MXCSR.
 */
#include <kernel/i387.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/signal.h>

#define FP_TAG_VALID	0
#define FP_TAG_ZERO	1
#define FP_TAG_SPECIAL	2
#define FP_TAG_EMPTY	3

static u32 mxcsr_feature_mask;

static struct i387_fxsave_struct *fxsave_of(struct task_struct *tsk)
{
	return (struct i387_fxsave_struct *)&tsk->thread.i387;
}

/* the MXCSR bits this CPU implements: fxrstor of any other bit is #GP */
static u32 get_mxcsr_mask(void)
{
	static struct i387_fxsave_struct probe __aligned(16);

	if (!mxcsr_feature_mask) {
		memset(&probe, 0, sizeof(probe));
		asm volatile("fxsave %0" : "=m"(probe));
		mxcsr_feature_mask = probe.mxcsr_mask ? probe.mxcsr_mask : 0xffbf;
	}
	return mxcsr_feature_mask;
}

static void load_fpu_state(struct task_struct *tsk)
{
	asm volatile("fxrstor %0" : : "m"(tsk->thread.i387));
}

/* a handler, or a sigreturn without FPU state, starts from the state exec gives */
void fpu_reset_current(void)
{
	init_fpu(current);
	load_fpu_state(current);
}

/* fxsave keeps one "in use" bit per register; fnsave's tag word classifies the value */
static u32 twd_fxsr_to_i387(const struct i387_fxsave_struct *fx)
{
	u32 top = (fx->swd >> 11) & 7, ret = 0xffff0000u;

	for (u32 phys = 0; phys < 8; phys++) {
		u32 tag = FP_TAG_EMPTY;

		if (fx->twd & (1u << phys)) {
			/* the slots are in stack order: ST(i) is physical register top + i */
			const struct _fpxreg *st =
				(const struct _fpxreg *)&fx->st_space[((phys - top) & 7) * 4];
			u32 exp = st->exponent & 0x7fff;

			if (exp == 0x7fff)
				tag = FP_TAG_SPECIAL;
			else if (exp == 0)
				tag = (st->significand[0] | st->significand[1] |
				       st->significand[2] | st->significand[3]) ?
					FP_TAG_SPECIAL : FP_TAG_ZERO;
			else
				tag = (st->significand[3] & 0x8000) ? FP_TAG_VALID : FP_TAG_SPECIAL;
		}
		ret |= tag << (2 * phys);
	}
	return ret;
}

static u16 twd_i387_to_fxsr(u32 twd)
{
	u16 ret = 0;

	for (int i = 0; i < 8; i++)
		if (((twd >> (2 * i)) & 3) != FP_TAG_EMPTY)
			ret |= 1 << i;
	return ret;
}

/* current's FPU registers into a signal frame */
int save_i387(struct _fpstate __user *buf)
{
	struct task_struct *tsk = current;
	struct i387_fxsave_struct *fx = fxsave_of(tsk);
	struct _fpstate hdr;

	unlazy_fpu(tsk);
	memset(&hdr, 0, offsetof(struct _fpstate, _fxsr_env));
	hdr.cw = fx->cwd | 0xffff0000u;
	hdr.sw = fx->swd | 0xffff0000u;
	hdr.tag = twd_fxsr_to_i387(fx);
	hdr.ipoff = fx->fip;
	hdr.cssel = (fx->fcs & 0xffff) | ((u32)fx->fop << 16);
	hdr.dataoff = fx->foo;
	hdr.datasel = fx->fos | 0xffff0000u;
	for (int i = 0; i < 8; i++)
		memcpy(&hdr._st[i], &fx->st_space[i * 4], sizeof(hdr._st[i]));
	hdr.status = fx->swd;
	hdr.magic = X86_FXSR_MAGIC;
	if (copy_to_user(buf, &hdr, offsetof(struct _fpstate, _fxsr_env)) ||
	    copy_to_user(&buf->_fxsr_env[0], fx, sizeof(*fx)))
		return -EFAULT;
	return 0;
}

/*
 * sigreturn: the fxsave image, with the x87 part taken from the header, as
 * Linux does (a handler fixes the FPU by editing the fnsave-style fields).
 */
int restore_i387(struct _fpstate __user *buf)
{
	struct task_struct *tsk = current;
	struct i387_fxsave_struct fx;
	struct _fpstate hdr;

	if (copy_from_user(&fx, &buf->_fxsr_env[0], sizeof(fx)) ||
	    copy_from_user(&hdr, buf, offsetof(struct _fpstate, _fxsr_env)))
		return -EFAULT;
	fx.mxcsr &= get_mxcsr_mask();
	fx.cwd = hdr.cw;
	fx.swd = hdr.sw;
	fx.twd = twd_i387_to_fxsr(hdr.tag);
	fx.fip = hdr.ipoff;
	fx.fcs = hdr.cssel & 0xffff;
	fx.fop = hdr.cssel >> 16;
	fx.foo = hdr.dataoff;
	fx.fos = hdr.datasel & 0xffff;
	for (int i = 0; i < 8; i++)
		memcpy(&fx.st_space[i * 4], &hdr._st[i], sizeof(hdr._st[i]));
	*fxsave_of(tsk) = fx;
	load_fpu_state(tsk);
	return 0;
}

/*
 * Which exception a #MF (x87) or #XF (SSE) reports: the first unmasked one
 * raised, in Linux's order; 0 for a spurious trap with none.
 */
int fpu_exception_code(struct task_struct *tsk, int trapnr)
{
	struct i387_fxsave_struct *fx = fxsave_of(tsk);
	u32 err;

	if (trapnr == 16)
		err = fx->swd & ~fx->cwd;
	else
		err = ~(fx->mxcsr >> 7) & fx->mxcsr;
	if (err & 0x001)
		return FPE_FLTINV;	/* invalid operation, stack fault included */
	if (err & 0x004)
		return FPE_FLTDIV;
	if (err & 0x008)
		return FPE_FLTOVF;
	if (err & 0x012)
		return FPE_FLTUND;	/* denormal operand, underflow */
	if (err & 0x020)
		return FPE_FLTRES;	/* precision */
	return 0;
}

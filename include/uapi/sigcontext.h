/*
 * include/uapi/sigcontext.h - the registers a signal handler finds in its
 * frame on Linux i386 (asm-i386/sigcontext.h): struct sigcontext and the FPU
 * image struct _fpstate, an fnsave-style header followed by fxsave's 512 bytes.
 */
#ifndef _UAPI_SIGCONTEXT_H
#define _UAPI_SIGCONTEXT_H

#include <kernel/types.h>

struct _fpreg {
	u16 significand[4];
	u16 exponent;
};

struct _fpxreg {
	u16 significand[4];
	u16 exponent;
	u16 padding[3];
};

struct _xmmreg {
	u32 element[4];
};

struct _fpstate {
	/* the classic 108-byte fnsave image, converted from fxsave */
	u32 cw, sw, tag, ipoff, cssel, dataoff, datasel;
	struct _fpreg _st[8];
	u16 status;		/* the status word as the exception left it */
	u16 magic;		/* X86_FXSR_MAGIC: an fxsave image follows */
	/* fxsave's own image from here on, as the CPU stores it */
	u32 _fxsr_env[6];	/* control, status, tag, fop, ip, cs, dp, ds */
	u32 mxcsr;
	u32 reserved;
	struct _fpxreg _fxsr_st[8];
	struct _xmmreg _xmm[8];
	u32 padding[56];
};

#define X86_FXSR_MAGIC	0x0000

struct sigcontext {
	u16 gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	unsigned long edi, esi, ebp, esp, ebx, edx, ecx, eax;
	unsigned long trapno, err, eip;
	u16 cs, __csh;
	unsigned long eflags, esp_at_signal;
	u16 ss, __ssh;
	struct _fpstate __user *fpstate;
	unsigned long oldmask, cr2;
};

#endif

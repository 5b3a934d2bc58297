/*
 * include/kernel/errno.h - the user-visible errors plus the kernel-internal
 * restart codes, which the signal code turns into EINTR or a restart and
 * which never reach user space (Linux: include/linux/errno.h).
 */
#ifndef _KERNEL_ERRNO_H
#define _KERNEL_ERRNO_H

#include <uapi/errno.h>

#define ERESTARTSYS		512
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ERESTART_RESTARTBLOCK	516
#define ENOIOCTLCMD		515	/* no such ioctl here: ENOTTY to the user */

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long err) { return (void *)err; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline int IS_ERR(const void *p) { return IS_ERR_VALUE(p); }
static inline int IS_ERR_OR_NULL(const void *p) { return !p || IS_ERR_VALUE(p); }

#endif

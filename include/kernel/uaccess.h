/*
 * include/kernel/uaccess.h - moving data across the user/kernel boundary
 * (mm/uaccess.c; Linux: include/asm-i386/uaccess.h, arch/i386/lib/usercopy.c).
 * access_ok is one comparison against the task's limit (USER_DS, or
 * KERNEL_DS inside set_fs); a fault inside a copy is caught through the
 * exception table and turned into a short count or -EFAULT, never an oops.
 */
#ifndef _KERNEL_UACCESS_H
#define _KERNEL_UACCESS_H

#include <kernel/types.h>
#include <kernel/sched.h>
#include <kernel/errno.h>

static inline int access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr, limit = get_fs();

	return size <= limit && a <= limit - size;
}

/* these return the number of bytes NOT copied: 0 on success */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
/* length copied (without the NUL), or -EFAULT; at most count bytes are read */
long strncpy_from_user(char *dst, const char __user *src, long count);
/* length including the NUL, 0 on a fault, > n if there is no NUL within n */
long strnlen_user(const char __user *s, long n);

#define get_user(x, ptr) ({						\
	__typeof__(*(ptr)) __gu_val;					\
	int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(*(ptr))) ? -EFAULT : 0; \
	(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val;		\
	__gu_err;							\
})

#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __pu_val = (x);				\
	copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0;	\
})

#endif

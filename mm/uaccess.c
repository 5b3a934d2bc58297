/*
 * mm/uaccess.c - copies to and from user memory (Linux: arch/i386/lib/
 * usercopy.c). Each instruction that touches user memory has an exception
 * table entry: when it faults and the page-fault handler cannot map the page,
 * execution resumes at the fix-up, which reports how much was left.
 */
#include <kernel/uaccess.h>
#include <kernel/string.h>
#include <kernel/traps.h>
#include <kernel/bug.h>
#include <kernel/sched.h>

/* a user page may need faulting in, which may sleep (Linux: might_fault) */
static inline void might_fault(void)
{
	if (get_fs() != KERNEL_DS)
		might_sleep();
}

/*
 * rep movsl for the bulk, rep movsb for the rest; returns bytes left
 * uncopied. A fault in the movsl retries what is left byte by byte, so the
 * count is exact to the byte (a short read returns all it could copy).
 */
static unsigned long __copy_user(void *to, const void *from, unsigned long n)
{
	unsigned long d0, d1, tail = n & 3;

	asm volatile("	shrl $2, %0\n"
		     "0:	rep movsl\n"
		     "	movl %3, %0\n"
		     "1:	rep movsb\n"
		     "2:\n"
		     ".section .text.fixup, \"ax\"\n"
		     "3:	leal (%3,%0,4), %0\n"	/* words left * 4 + the tail */
		     "	jmp 1b\n"
		     ".previous\n"
		     _ASM_EXTABLE(0b, 3b)
		     _ASM_EXTABLE(1b, 2b)
		     : "+c"(n), "=&D"(d0), "=&S"(d1), "+r"(tail)
		     : "1"(to), "2"(from)
		     : "memory");
	return n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_fault();
	if (!access_ok(to, n))
		return n;
	return __copy_user(to, from, n);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	might_fault();
	if (access_ok(from, n))
		left = __copy_user(to, from, n);
	if (left)	/* never leave stale kernel data in the destination */
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	unsigned long d0;

	if (!access_ok(to, n))
		return n;
	asm volatile("0:	rep stosb\n"
		     "1:\n"
		     _ASM_EXTABLE(0b, 1b)
		     : "+c"(n), "=&D"(d0)
		     : "1"(to), "a"(0)
		     : "memory");
	return n;
}

/* one byte, 0 or -EFAULT */
static int get_user_byte(char *dst, const char __user *src)
{
	int err = 0;
	char c = 0;

	asm volatile("0:	movb (%2), %1\n"
		     "1:\n"
		     ".section .text.fixup, \"ax\"\n"
		     "2:	movl %3, %0\n"
		     "	jmp 1b\n"
		     ".previous\n"
		     _ASM_EXTABLE(0b, 2b)
		     : "+r"(err), "+q"(c)
		     : "r"(src), "i"(-EFAULT));
	*dst = c;
	return err;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		if (!access_ok(src + i, 1) || get_user_byte(&dst[i], src + i))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return i;
}

long strnlen_user(const char __user *s, long n)
{
	char c;

	for (long i = 0; i < n; i++) {
		if (!access_ok(s + i, 1) || get_user_byte(&c, s + i))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}

/*
 * proc_mm.c - the user address space: brk/sbrk growth and shrink, anonymous mmap
 * (zero-filled, writable, page aligned), SIGSEGV after munmap and on writes to
 * read-only pages (checked in children), EINVAL for bad mmap/munmap/mprotect
 * arguments, a growing stack, and __thread (TLS) variables across fork.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "utest.h"

#define PAGE 4096

static __thread int tls_init = 42;
static __thread int tls_zero;
static const char rodata_str[] = "read-only string";
static volatile char *volatile null_ptr;
static char outbuf[4096];	/* hidden from the optimiser */

/* Run fn(arg) in a child; return the terminating signal, or 0 if it exited. */
static int dies_by(void (*fn)(volatile char *), volatile char *arg)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static void do_read(volatile char *p)
{
	char c = *p;
	(void)c;
}

static void do_write(volatile char *p)
{
	*p = 1;
}

/* Touch `kib` KiB of stack, a page at a time, recursing in 16 KiB frames. */
static int deep_stack(int kib)
{
	volatile char frame[16 * 1024];
	int i;

	for (i = 0; i < (int)sizeof(frame); i += PAGE)
		frame[i] = (char)kib;
	if (kib > 16)
		return deep_stack(kib - 16) + frame[0] - (char)kib + 1;
	return 1;
}

int main(void)
{
	char *b0, *b1, *b2, *b3, *b4, *b5, *m, *p;
	int brk_back;
	int zero_ok, i, st;
	char last;
	pid_t pid;

	alarm(20);
	/* A static stdout buffer: no malloc (and so no brk) behind our back. */
	setvbuf(stdout, outbuf, _IOLBF, sizeof(outbuf));

	/* brk/sbrk: record everything first, check afterwards (checks use stdio). */
	b0 = sbrk(0);
	b1 = sbrk(64 * 1024);
	b2 = sbrk(0);
	memset(b1, 0x5a, 64 * 1024);
	last = b1[64 * 1024 - 1];
	zero_ok = 1;
	b3 = sbrk(-48 * 1024);
	b4 = sbrk(0);
	sbrk(48 * 1024);		/* grow again: pages given back must return zeroed */
	for (i = 16 * 1024; i < 64 * 1024; i += 512)
		if (b1[i] != 0 && (uintptr_t)(b1 + i) >= (((uintptr_t)b4 + PAGE - 1) & ~(uintptr_t)(PAGE - 1)))
			zero_ok = 0;
	brk_back = brk(b0);
	b5 = sbrk(0);
	CHECK("sbrk(64 KiB) returns the old break", b1 == b0);
	CHECK("the break moved up by 64 KiB", b2 == b0 + 64 * 1024);
	CHECK_EQ("the new heap memory is writable up to the break", last, 0x5a);
	CHECK("sbrk(-48 KiB) returns the old break", b3 == b2);
	CHECK("the break moved down by 48 KiB", b4 == b2 - 48 * 1024);
	CHECK("pages released by shrinking come back zero-filled when the break grows again",
	      zero_ok);
	CHECK_EQ("brk() back to the original break returns 0", brk_back, 0);
	CHECK("sbrk(0) then reports the original break", b5 == b0);
	p = (char *)(((uintptr_t)b0 + PAGE - 1) & ~(uintptr_t)(PAGE - 1)) + 8 * PAGE;
	CHECK_EQ("touching memory 8 pages above the shrunk break kills a child with SIGSEGV",
		 dies_by(do_read, p), SIGSEGV);

	/* Anonymous private mmap. */
	m = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mmap of 8 anonymous pages succeeds", m != MAP_FAILED);
	if (m == MAP_FAILED)
		return utest_done();
	CHECK_EQ("the mapping is page aligned", (uintptr_t)m & (PAGE - 1), 0);
	zero_ok = 1;
	for (i = 0; i < 8 * PAGE; i += 256)
		if (m[i])
			zero_ok = 0;
	CHECK("anonymous memory reads as zero", zero_ok);
	memset(m, 0x33, 8 * PAGE);
	CHECK("it is writable up to its last byte", m[0] == 0x33 && m[8 * PAGE - 1] == 0x33);

	/* Unmap the middle page: it faults, its neighbours do not. */
	CHECK_OK("munmap of the 4th page succeeds", munmap(m + 3 * PAGE, PAGE));
	CHECK_EQ("reading the unmapped page kills a child with SIGSEGV",
		 dies_by(do_read, m + 3 * PAGE), SIGSEGV);
	CHECK_EQ("the pages on either side still work (child exits normally)",
		 dies_by(do_write, m + 2 * PAGE + PAGE - 1) + dies_by(do_write, m + 4 * PAGE), 0);

	/* mprotect. */
	CHECK_OK("mprotect(PROT_READ) on two pages succeeds", mprotect(m, 2 * PAGE, PROT_READ));
	CHECK_EQ("reading a PROT_READ page works in a child", dies_by(do_read, m + PAGE), 0);
	CHECK_EQ("writing a PROT_READ page kills a child with SIGSEGV",
		 dies_by(do_write, m + PAGE), SIGSEGV);
	CHECK_OK("mprotect back to read/write succeeds", mprotect(m, 2 * PAGE, PROT_READ | PROT_WRITE));
	CHECK_EQ("after which writing works again (and the old contents are kept)",
		 dies_by(do_write, m + PAGE) + m[PAGE], 0x33);
	mprotect(m + 5 * PAGE, PAGE, PROT_NONE);
	CHECK_EQ("reading a PROT_NONE page kills a child with SIGSEGV",
		 dies_by(do_read, m + 5 * PAGE), SIGSEGV);
	CHECK_EQ("writing into program text kills a child with SIGSEGV",
		 dies_by(do_write, (volatile char *)(uintptr_t)&deep_stack), SIGSEGV);
	CHECK_EQ("writing into a const string kills a child with SIGSEGV",
		 dies_by(do_write, (volatile char *)(uintptr_t)rodata_str), SIGSEGV);
	CHECK_EQ("a NULL dereference kills a child with SIGSEGV", dies_by(do_read, null_ptr), SIGSEGV);

	/* MAP_FIXED over existing pages replaces them with zero pages. */
	p = mmap(m + 6 * PAGE, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK("MAP_FIXED returns exactly the requested address", p == m + 6 * PAGE);
	CHECK("and the replaced page reads as zero", p[0] == 0 && p[PAGE - 1] == 0);

	/* Bad arguments. */
	CHECK("mmap with length 0 fails with EINVAL",
	      mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
	      errno == EINVAL);
	errno = 0;
	CHECK("mmap with neither MAP_PRIVATE nor MAP_SHARED fails with EINVAL",
	      mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
	errno = 0;
	CHECK("MAP_FIXED at an unaligned address fails with EINVAL",
	      mmap(m + 1, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
	      MAP_FAILED && errno == EINVAL);
	CHECK_ERR("munmap of an unaligned address fails with EINVAL", munmap(m + 1, PAGE), EINVAL);
	CHECK_ERR("munmap with length 0 fails with EINVAL", munmap(m, 0), EINVAL);
	CHECK_ERR("mprotect of an unaligned address fails with EINVAL",
		  mprotect(m + 1, PAGE, PROT_READ), EINVAL);
	CHECK_OK("munmap of a range that is partly unmapped already succeeds",
		 munmap(m, 8 * PAGE));

	/* The stack grows on demand. */
	CHECK_EQ("256 KiB of stack frames, touched page by page, are usable",
		 deep_stack(256), 16);

	/* Thread-local storage. */
	CHECK_EQ("a __thread int initialised to 42 reads 42", tls_init, 42);
	CHECK_EQ("a zero-initialised __thread int reads 0", tls_zero, 0);
	tls_init = 43;
	pid = fork();
	if (pid == 0) {
		int ok = tls_init == 43 && tls_zero == 0;

		tls_init = 100;
		tls_zero = 5;
		_exit(ok && tls_init == 100 && tls_zero == 5 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK_EQ("the child sees the parent's TLS value and can change its own copy",
		 WIFEXITED(st) ? WEXITSTATUS(st) : 99, 0);
	CHECK("the child's TLS writes are not seen by the parent", tls_init == 43 && tls_zero == 0);

	return utest_done();
}

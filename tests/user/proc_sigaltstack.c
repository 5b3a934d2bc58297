/*
 * proc_sigaltstack.c - sigaltstack and SA_ONSTACK as Linux does them: the
 * flag and size rules (SS_DISABLE, SS_ONSTACK, today's SS_AUTODISARM, EINVAL
 * for others, ENOMEM below MINSIGSTKSZ, EPERM while on it, EFAULT), handlers
 * with SA_ONSTACK on it and others not, nested signals staying on it, the
 * rt frame's uc_stack and sigreturn putting it back, fork inheriting and exec
 * clearing it, a SIGSEGV from runaway recursion caught on it, and a stack in
 * unmapped or read-only memory killing the process with SIGSEGV.
 */
#include "trap_util.h"
#include <sched.h>
#include <stdint.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <sys/resource.h>

/* the kernel's i386 MINSIGSTKSZ (glibc's macro may be a sysconf call) */
#define KERNEL_MINSIGSTKSZ 2048
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif
#define ALT_SIZE 65536
static char alt[ALT_SIZE] __attribute__((aligned(16)));

static int on_alt(const void *p)
{
	return (uintptr_t)p >= (uintptr_t)alt && (uintptr_t)p < (uintptr_t)alt + ALT_SIZE;
}

static int set_alt(void *sp, size_t size, int flags)
{
	stack_t ss = { .ss_sp = sp, .ss_size = size, .ss_flags = flags };

	return sigaltstack(&ss, NULL);
}

static stack_t query(void)
{
	stack_t o;

	memset(&o, 0x55, sizeof(o));
	sigaltstack(NULL, &o);
	return o;
}

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

/* what the handlers saw */
static volatile int h_on_alt, h_flags, h_eperm_change, h_eperm_disable, h_uc_flags;
static volatile uintptr_t h_local, nested_local;
static void *volatile h_uc_sp;
static volatile size_t h_uc_size;
static volatile int nested_on_alt, nested_flags, disarmed_flags;

static void on_usr2(int sig, siginfo_t *si, void *ucv)
{
	char here;

	(void)sig, (void)si, (void)ucv;
	nested_local = (uintptr_t)&here;
	nested_on_alt = on_alt(&here);
	nested_flags = query().ss_flags;
}

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	stack_t o = query(), n = o;
	char here;

	(void)sig, (void)si;
	h_local = (uintptr_t)&here;
	h_on_alt = on_alt(&here);
	h_flags = o.ss_flags;
	h_uc_sp = uc->uc_stack.ss_sp;
	h_uc_size = uc->uc_stack.ss_size;
	h_uc_flags = uc->uc_stack.ss_flags;
	n.ss_flags = 0;
	h_eperm_change = sigaltstack(&n, NULL) == -1 && errno == EPERM;
	n.ss_flags = SS_DISABLE;
	h_eperm_disable = sigaltstack(&n, NULL) == -1 && errno == EPERM;
	raise(SIGUSR2);
}

static void on_usr1_disarmed(int sig, siginfo_t *si, void *ucv)
{
	(void)sig, (void)si, (void)ucv;
	disarmed_flags = query().ss_flags;
}

static void on_usr1_edit(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig, (void)si;
	uc->uc_stack.ss_flags = SS_DISABLE;	/* rt_sigreturn applies it */
}

/* ---- the stack overflow, in a child ---- */

static volatile int overflow_onstack;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	char here;

	(void)sig, (void)ucv;
	overflow_onstack = (query().ss_flags & SS_ONSTACK) && on_alt(&here) && si->si_code == SEGV_MAPERR;
	_exit(overflow_onstack ? 42 : 43);
}

static volatile int keep_going = 1;

static int recurse(int n)
{
	volatile char buf[1024];

	buf[0] = n;
	if (!keep_going)	/* never: recursion until the stack runs out */
		return n;
	return recurse(n + 1) + buf[0];
}

static void overflow_with_altstack(void)
{
	struct rlimit rl = { 1 << 20, 1 << 20 };

	setrlimit(RLIMIT_STACK, &rl);
	set_alt(alt, ALT_SIZE, 0);
	set_handler(SIGSEGV, on_segv, SA_ONSTACK);
	recurse(0);
}

static void overflow_without_altstack(void)
{
	struct rlimit rl = { 1 << 20, 1 << 20 };

	setrlimit(RLIMIT_STACK, &rl);
	set_handler(SIGSEGV, on_segv, 0);
	recurse(0);
}

static void plain_handler(int sig, siginfo_t *si, void *ucv)
{
	(void)sig, (void)si, (void)ucv;
	_exit(5);
}

static void altstack_unmapped(void)
{
	char *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	set_alt(p, 65536, 0);
	munmap(p, 65536);
	set_handler(SIGUSR1, plain_handler, SA_ONSTACK);
	raise(SIGUSR1);
	_exit(6);
}

static void altstack_readonly(void)
{
	char *p = mmap(NULL, 65536, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	set_alt(p, 65536, 0);
	set_handler(SIGUSR1, plain_handler, SA_ONSTACK);
	raise(SIGUSR1);
	_exit(6);
}

static void fork_child(void)
{
	stack_t o = query();

	_exit(o.ss_sp == alt && o.ss_size == ALT_SIZE && o.ss_flags == 0 ? 7 : 8);
}

/* a CLONE_VM child: its answer goes back through the shared memory */
static volatile int clone_saw = -1;

static int clone_child(void *arg)
{
	(void)arg;
	clone_saw = query().ss_flags;
	return 0;
}

/* clone with flags on a stack of its own; the child's ss_flags, or -1 */
static int clone_flags_seen(int flags)
{
	static char stack[16384] __attribute__((aligned(16)));
	int status;
	pid_t pid;

	clone_saw = -1;
	pid = clone(clone_child, stack + sizeof(stack), flags | SIGCHLD, NULL);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return clone_saw;
}

int main(int argc, char **argv)
{
	stack_t o;
	int status;

	if (argc > 1 && !strcmp(argv[1], "exec-check")) {
		o = query();
		return o.ss_flags == SS_DISABLE && !o.ss_sp && !o.ss_size ? 9 : 10;
	}

	o = query();
	CHECK_EQ("no alternate stack at first: SS_DISABLE", o.ss_flags, SS_DISABLE);
	CHECK("no alternate stack at first: sp NULL, size 0", !o.ss_sp && !o.ss_size);
	CHECK_ERR("a size below MINSIGSTKSZ is ENOMEM", set_alt(alt, KERNEL_MINSIGSTKSZ - 1, 0), ENOMEM);
	CHECK_ERR("flags 3 are EINVAL", set_alt(alt, ALT_SIZE, 3), EINVAL);
	CHECK_ERR("flags 4 are EINVAL", set_alt(alt, ALT_SIZE, 4), EINVAL);
	CHECK_ERR("flag bit 30 is EINVAL", set_alt(alt, ALT_SIZE, 0x40000000), EINVAL);
	CHECK_ERR("a bad ss pointer is EFAULT", sigaltstack((stack_t *)8, NULL), EFAULT);
	CHECK_ERR("a bad oss pointer is EFAULT", sigaltstack(NULL, (stack_t *)8), EFAULT);
	CHECK_OK("MINSIGSTKSZ is enough", set_alt(alt, KERNEL_MINSIGSTKSZ, 0));
	o = query();
	CHECK("it reads back", o.ss_sp == alt && o.ss_size == KERNEL_MINSIGSTKSZ && o.ss_flags == 0);
	CHECK_OK("a huge size is accepted", set_alt(alt, 0x7fffffff, 0));
	CHECK_OK("SS_DISABLE ignores sp and size", set_alt((void *)1, 5, SS_DISABLE));
	o = query();
	CHECK("disabled: SS_DISABLE, sp NULL, size 0", o.ss_flags == SS_DISABLE && !o.ss_sp && !o.ss_size);
	CHECK_OK("SS_ONSTACK as a flag means enable", set_alt(alt, ALT_SIZE, SS_ONSTACK));
	CHECK_EQ("... and reads back as 0 off the stack", query().ss_flags, 0);
	CHECK_OK("SS_AUTODISARM is accepted", set_alt(alt, ALT_SIZE, SS_AUTODISARM));
	CHECK_EQ("... and reads back", (unsigned)query().ss_flags, SS_AUTODISARM);
	{
		stack_t ss = { .ss_sp = alt, .ss_size = 4096, .ss_flags = 0 };

		CHECK_ERR("a bad oss is EFAULT after setting ss", sigaltstack(&ss, (stack_t *)8), EFAULT);
		CHECK_EQ("... which took effect", query().ss_size, 4096);
	}

	/* handlers on it, nested ones staying on it */
	set_alt(alt, ALT_SIZE, 0);
	set_handler(SIGUSR1, on_usr1, SA_ONSTACK);
	set_handler(SIGUSR2, on_usr2, 0);
	raise(SIGUSR1);
	CHECK("an SA_ONSTACK handler runs on the alternate stack", h_on_alt);
	CHECK_EQ("inside it sigaltstack says SS_ONSTACK", h_flags, SS_ONSTACK);
	CHECK("inside it changing the stack is EPERM", h_eperm_change);
	CHECK("inside it disabling the stack is EPERM", h_eperm_disable);
	CHECK("uc_stack has the stack", h_uc_sp == alt && h_uc_size == ALT_SIZE);
	CHECK_EQ("uc_stack's flags are as set", h_uc_flags, 0);
	CHECK("a nested signal without SA_ONSTACK stays on it", nested_on_alt);
	CHECK("... below the outer handler's frame", nested_local < h_local);
	CHECK_EQ("... and sigaltstack says SS_ONSTACK there", nested_flags, SS_ONSTACK);
	o = query();
	CHECK("after the handlers return: off the stack again", o.ss_flags == 0 && o.ss_sp == alt);
	CHECK_OK("... and it may change again", set_alt(alt, ALT_SIZE, 0));
	raise(SIGUSR2);
	CHECK("a handler without SA_ONSTACK runs on the normal stack", !nested_on_alt);

	/* SS_AUTODISARM: off while its handler runs, back after sigreturn */
	set_alt(alt, ALT_SIZE, SS_AUTODISARM);
	set_handler(SIGUSR1, on_usr1_disarmed, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK_EQ("SS_AUTODISARM: inside the handler the stack is disabled", disarmed_flags, SS_DISABLE);
	CHECK_EQ("SS_AUTODISARM: sigreturn re-arms it", (unsigned)query().ss_flags, SS_AUTODISARM);
	set_alt(alt, ALT_SIZE, 0);
	set_handler(SIGUSR1, on_usr1_edit, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK_EQ("rt_sigreturn applies the frame's uc_stack", query().ss_flags, SS_DISABLE);

	/* fork inherits, exec clears */
	set_alt(alt, ALT_SIZE, 0);
	status = trap_in_child(fork_child);
	CHECK("fork inherits the alternate stack", WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK_EQ("a CLONE_VM child without CLONE_VFORK starts with none (SS_DISABLE)",
		 clone_flags_seen(CLONE_VM), SS_DISABLE);
	CHECK_EQ("a CLONE_VM|CLONE_VFORK child shares it (0: set, not on it)",
		 clone_flags_seen(CLONE_VM | CLONE_VFORK), 0);
	{
		pid_t pid = fork();

		if (pid == 0) {
			execl("/proc/self/exe", argv[0], "exec-check", (char *)NULL);
			_exit(11);
		}
		waitpid(pid, &status, 0);
		CHECK("exec clears the alternate stack", WIFEXITED(status) && WEXITSTATUS(status) == 9);
	}

	/* the classic use */
	status = trap_in_child(overflow_with_altstack);
	CHECK("a stack overflow's SIGSEGV is caught on the alternate stack, SS_ONSTACK inside",
	      WIFEXITED(status) && WEXITSTATUS(status) == 42);
	status = trap_in_child(overflow_without_altstack);
	CHECK("without one the overflow kills with SIGSEGV",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	status = trap_in_child(altstack_unmapped);
	CHECK("an alternate stack in unmapped memory: the signal kills with SIGSEGV",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	status = trap_in_child(altstack_readonly);
	CHECK("an alternate stack in read-only memory: the signal kills with SIGSEGV",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	return utest_done();
}

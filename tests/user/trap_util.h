/*
 * tests/user/trap_util.h - catching a CPU exception's signal in the trap_*
 * tests: a SA_SIGINFO handler records what Linux reports (signal, si_code,
 * si_addr, and the frame's trapno, err, eip, cr2) and siglongjmps back;
 * trap_in_child runs a function in a child and returns its wait status.
 */
#ifndef TRAP_UTIL_H
#define TRAP_UTIL_H

#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <sys/wait.h>
#include "utest.h"

struct trap_seen {
	int signo, code;
	void *addr;
	unsigned long trapno, err, eip, cr2;
};

static struct trap_seen seen;
static sigjmp_buf trap_jmp;

__attribute__((unused)) static void trap_catch(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	seen.signo = sig;
	seen.code = si->si_code;
	seen.addr = si->si_addr;
	seen.trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	seen.err = uc->uc_mcontext.gregs[REG_ERR];
	seen.eip = uc->uc_mcontext.gregs[REG_EIP];
	seen.cr2 = uc->uc_mcontext.cr2;
	siglongjmp(trap_jmp, 1);
}

/* a SA_SIGINFO handler for sig */
__attribute__((unused)) static void trap_handler(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

__attribute__((unused)) static void trap_catch_all(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };

	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		trap_handler(sigs[i], trap_catch);
}

/* run fn; 1 if a signal came (recorded in seen), 0 if fn returned */
__attribute__((unused)) static int trap_run(void (*fn)(void))
{
	memset(&seen, 0, sizeof(seen));
	if (sigsetjmp(trap_jmp, 1))
		return 1;
	fn();
	return 0;
}

/* run fn in a child; its wait status */
__attribute__((unused)) static int trap_in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		alarm(20);
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* a trap of this kind must arrive as Linux reports it */
#define CHECK_TRAP(what, fn, sig_, code_, addr_, trapno_, err_) do {		\
	int _caught = trap_run(fn);						\
	CHECK(what ": a signal arrives", _caught);				\
	CHECK_EQ(what ": signal", seen.signo, sig_);				\
	CHECK_EQ(what ": si_code", seen.code, code_);				\
	CHECK_EQ(what ": si_addr", (unsigned long)seen.addr, (unsigned long)(addr_)); \
	CHECK_EQ(what ": sigcontext trapno", seen.trapno, trapno_);		\
	CHECK_EQ(what ": sigcontext err", seen.err, err_);			\
} while (0)

#endif /* TRAP_UTIL_H */

/*
 * include/kernel/kshell.h - the in-kernel test shell (kernel/kshell.c).
 * Subsystems add commands with KSHELL_COMMAND(name, fn, "usage - help").
 */
#ifndef _KERNEL_KSHELL_H
#define _KERNEL_KSHELL_H

#include <kernel/types.h>

struct kshell_command {
	const char *name;
	int (*fn)(int argc, char **argv);	/* 0 on success */
	const char *help;
};

#define KSHELL_COMMAND(cname, fn, help)					\
	static const struct kshell_command __kshell_##fn		\
	__section(".kshell_cmds") __used __aligned(4) = { #cname, fn, help }

int kshell_execute(char *line);
int kshell_execute_line(char *line);		/* "cmd1; cmd2" */
const char *kshell_strerror(long err);		/* "ENOENT (No such file or directory)" */

/* kernel/kshell_proc.c: programs run from the shell */
int kshell_run_program(char **argv, int quiet);	/* exit status, or 128 + signal */
void kshell_reap_jobs(void);
int ktest_run_user_programs(const char *only, int *passed, int *failed);
__attribute__((noreturn)) void kshell_main(void);

#endif

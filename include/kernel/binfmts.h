/*
 * include/kernel/binfmts.h - what execve carries from the old program to the
 * new one (fs/exec.c, fs/binfmt_elf.c, fs/binfmt_script.c; Linux:
 * include/linux/binfmts.h). The argument and environment strings are copied
 * into kernel chunks before the old address space goes away, as much as
 * Linux allows: a quarter of RLIMIT_STACK (at least 32 pages, at most 6 MiB)
 * for the strings and their pointers, each string MAX_ARG_STRLEN at most.
 */
#ifndef _KERNEL_BINFMTS_H
#define _KERNEL_BINFMTS_H

#include <kernel/types.h>

#define BINPRM_BUF_SIZE	128
#define MAX_ARG_STRLEN	(32 * 4096)	/* one string with its NUL: E2BIG past this */
#define MAX_ARG_STRINGS	0x7fffffff	/* strings in argv or envp */
#define ARG_MAX_MIN	(32 * 4096)	/* the strings' room whatever RLIMIT_STACK says */
#define ARG_MAX_CAP	(6 << 20)	/* 3/4 of _STK_LIM / 4: the most it can be */
/* kernel/kshell_proc.c's argument file ("run -f") */
#define MAX_ARG_BYTES	(128 * 1024)
#define MAX_ARGS	4096
#define MAX_INTERP_DEPTH 4

struct file;
struct pt_regs;
struct arg_chunk;

struct linux_binprm {
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	struct file *file;
	char *filename;			/* as the caller named it (AT_EXECFN) */
	char *interp;			/* the file actually loaded */
	int argc, envc;
	char **argv, **envp;		/* into the chunks */
	int argv_room;			/* argv's slots, its NULL included */
	struct arg_chunk *chunks;	/* the strings, newest chunk first */
	unsigned long arg_left;		/* room left under the limit, in bytes */
	int depth;			/* #! nesting */
};

int prepare_binprm(struct linux_binprm *bprm);
int bprm_add_string(struct linux_binprm *bprm, const char *s, char **slot);
int flush_old_exec(struct linux_binprm *bprm);
int search_binary_handler(struct linux_binprm *bprm, struct pt_regs *regs);
int load_elf_binary(struct linux_binprm *bprm, struct pt_regs *regs);
int load_script(struct linux_binprm *bprm, struct pt_regs *regs);
struct file *open_exec(const char *name);
void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp);
int do_execve(char *filename, char __user *__user *argv, char __user *__user *envp,
	      struct pt_regs *regs);
int kernel_execve(const char *filename, char *const argv[], char *const envp[]);

#endif

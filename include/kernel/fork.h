/* include/kernel/fork.h - clone flags and task creation (kernel/fork.c). */
#ifndef _KERNEL_FORK_H
#define _KERNEL_FORK_H

#include <kernel/types.h>
#include <kernel/wait.h>

#define CSIGNAL			0x000000ff	/* signal sent to the parent at exit */
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000

struct pt_regs;
struct task_struct;
struct user_desc;

struct vfork_done {
	int done;
	wait_queue_head_t wait;
};

long do_fork(unsigned long clone_flags, unsigned long stack_start, struct pt_regs *regs,
	     int __user *parent_tidptr, int __user *child_tidptr, unsigned long tls);
void complete_vfork_done(struct task_struct *p);
void free_task(struct task_struct *p);
int do_set_thread_area(struct task_struct *p, struct user_desc __user *u_info);
void exit_sem(struct task_struct *p);

#endif

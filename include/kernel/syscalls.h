/*
 * include/kernel/syscalls.h - prototypes of every sys_* handler in the table
 * (kernel/syscall.c). Each takes its arguments as Linux i386 does, in the
 * order ebx, ecx, edx, esi, edi, ebp; handlers that need the whole register
 * frame (fork, execve, sigreturn) take struct pt_regs by value, which is the
 * frame itself.
 */
#ifndef _KERNEL_SYSCALLS_H
#define _KERNEL_SYSCALLS_H

#include <kernel/types.h>
#include <kernel/ptrace.h>

/* files: fs/ */
/* end of files */

/* processes, memory, signals, time */
/* end of processes */

/* System V IPC: ipc/ */
/* end of System V IPC */

#endif

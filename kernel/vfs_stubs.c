/* TEMPORARY (processes branch): stand-ins until System V IPC lands. */
#include <kernel/types.h>
struct task_struct;
__attribute__((weak)) int copy_semundo(unsigned long f, struct task_struct *t) { (void)f; (void)t; return 0; }
__attribute__((weak)) void exit_sem(struct task_struct *t) { (void)t; }

/*
 * kernel/syscall.c - the system-call table, indexed by the Linux i386
 * numbers (Linux: arch/i386/kernel/syscall_table.S). boot/entry.asm calls
 * sys_call_table[eax] with the saved ebx, ecx, edx, esi, edi, ebp as the
 * arguments; every slot without an implementation returns -ENOSYS and logs
 * its number once.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/ptrace.h>
#include <kernel/syscalls.h>
#include <uapi/unistd.h>

#define NR_syscalls 450		/* must match boot/entry.asm */

/* handlers take different arguments; the entry code calls them all alike */
typedef const void *syscall_fn;

static unsigned long ni_logged[(NR_syscalls + 31) / 32];

long sys_ni_syscall_nr(unsigned long nr)
{
	if (nr < NR_syscalls && !(ni_logged[nr / 32] & (1UL << (nr % 32)))) {
		ni_logged[nr / 32] |= 1UL << (nr % 32);
		printk(KERN_INFO "syscall %lu not implemented\n", nr);
	} else if (nr >= NR_syscalls) {
		printk(KERN_INFO "syscall %lu out of range\n", nr);
	}
	return -ENOSYS;
}

/* a slot with no handler: find the number from the saved orig_eax */
static long sys_ni_syscall(struct pt_regs regs)
{
	return sys_ni_syscall_nr(regs.orig_eax);
}

/*
 * Later designators override the range default; this file is built with
 * -Wno-override-init for that. Grouped by subsystem, numbers in order.
 */
syscall_fn sys_call_table[NR_syscalls] = {
	[0 ... NR_syscalls - 1] = sys_ni_syscall,

	/* files (fs/) */
	[__NR_read] = sys_read,
	[__NR_write] = sys_write,
	[__NR_open] = sys_open,
	[__NR_close] = sys_close,
	[__NR_creat] = sys_creat,
	[__NR_link] = sys_link,
	[__NR_unlink] = sys_unlink,
	[__NR_chdir] = sys_chdir,
	[__NR_mknod] = sys_mknod,
	[__NR_chmod] = sys_chmod,
	[__NR_lseek] = sys_lseek,
	[__NR_mount] = sys_mount,
	[__NR_umount] = sys_oldumount,
	[__NR_access] = sys_access,
	[__NR_sync] = sys_sync,
	[__NR_rename] = sys_rename,
	[__NR_mkdir] = sys_mkdir,
	[__NR_rmdir] = sys_rmdir,
	[__NR_dup] = sys_dup,
	[__NR_umount2] = sys_umount,
	[__NR_ioctl] = sys_ioctl,
	[__NR_fcntl] = sys_fcntl,
	[__NR_umask] = sys_umask,
	[__NR_dup2] = sys_dup2,
	[__NR_symlink] = sys_symlink,
	[__NR_readlink] = sys_readlink,
	[__NR_truncate] = sys_truncate,
	[__NR_ftruncate] = sys_ftruncate,
	[__NR_fchmod] = sys_fchmod,
	[__NR_fsync] = sys_fsync,
	[__NR_fchdir] = sys_fchdir,
	[__NR__llseek] = sys_llseek,
	[__NR_readv] = sys_readv,
	[__NR_writev] = sys_writev,
	[__NR_fdatasync] = sys_fdatasync,
	[__NR_pread64] = sys_pread64,
	[__NR_pwrite64] = sys_pwrite64,
	[__NR_getcwd] = sys_getcwd,
	[__NR_truncate64] = sys_truncate64,
	[__NR_ftruncate64] = sys_ftruncate64,
	[__NR_stat64] = sys_stat64,
	[__NR_lstat64] = sys_lstat64,
	[__NR_fstat64] = sys_fstat64,
	[__NR_lchown32] = sys_lchown32,
	[__NR_fchown32] = sys_fchown32,
	[__NR_chown32] = sys_chown32,
	[__NR_getdents64] = sys_getdents64,
	[__NR_fcntl64] = sys_fcntl64,
	[__NR_openat] = sys_openat,
	[__NR_mkdirat] = sys_mkdirat,
	[__NR_mknodat] = sys_mknodat,
	[__NR_fchownat] = sys_fchownat,
	[__NR_fstatat64] = sys_fstatat64,
	[__NR_unlinkat] = sys_unlinkat,
	[__NR_renameat] = sys_renameat,
	[__NR_linkat] = sys_linkat,
	[__NR_symlinkat] = sys_symlinkat,
	[__NR_readlinkat] = sys_readlinkat,
	[__NR_fchmodat] = sys_fchmodat,
	[__NR_faccessat] = sys_faccessat,
	[__NR_utimensat] = sys_utimensat,
	[__NR_dup3] = sys_dup3,
	[__NR_renameat2] = sys_renameat2,
	[__NR_statx] = sys_statx,
	[__NR_utimensat_time64] = sys_utimensat_time64,
	[__NR_faccessat2] = sys_faccessat2,
	[__NR_statfs64] = sys_statfs64,
	[__NR_fstatfs64] = sys_fstatfs64,
	[__NR_chroot] = sys_chroot,
	[__NR_close_range] = sys_close_range,
	/* end of files */

	/* processes, memory, signals, time (kernel/, mm/) */
	/* end of processes */

	/* System V IPC (ipc/) */
	/* end of System V IPC */
};

/* the last stop before iret to user mode: signals and rescheduling go here */
void exit_to_user_mode(struct pt_regs *regs)
{
	(void)regs;
}

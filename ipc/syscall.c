/*
 * ipc/syscall.c - the ipc() multiplexer, system call 117 (Linux 2.6:
 * sys_ipc in arch/i386/kernel/sys_i386.c). The only code that knows the
 * call numbers, the version bits and the indirect semctl/msgrcv arguments.
 * It runs without the big kernel lock (lib/kernel_lock.c's nobkl_calls):
 * the semaphore and message-queue calls have their own locks, and the
 * shared-memory calls take the BKL here, as their direct calls do in
 * system_call (shmat and shmdt change the mm, whose lock is the BKL).
 */
#include <kernel/errno.h>
#include <kernel/ipc.h>
#include <kernel/smp_lock.h>
#include <kernel/syscalls.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>

/* msgrcv's version-0 argument block */
struct ipc_kludge {
	struct msgbuf __user *msgp;
	long msgtyp;
};

static long shm_ipc(unsigned int call, int first, int second, int third, void __user *ptr)
{
	int version = call >> 16;
	unsigned long raddr;
	long ret;

	switch (call & 0xffff) {
	case SHMAT:
		if (version == 1)
			return -EINVAL;	/* iBCS2 only, never from user mode */
		ret = do_shmat(first, (unsigned long)ptr, second, &raddr);
		if (ret)
			return ret;
		/* an EFAULT here leaves the segment attached, as in Linux */
		return put_user(raddr, (unsigned long __user *)third);
	case SHMDT:
		return sys_shmdt(ptr);
	case SHMGET:
		return sys_shmget(first, second, third);
	default:
		return sys_shmctl(first, second, ptr);
	}
}

long sys_ipc(unsigned int call, int first, int second, int third,
	     void __user *ptr, long fifth)
{
	int version = call >> 16;
	long ret;

	switch (call & 0xffff) {
	case SEMOP:
		return sys_semtimedop(first, ptr, second, NULL);
	case SEMTIMEDOP:
		return sys_semtimedop(first, ptr, second,
				      (const struct timespec __user *)fifth);
	case SEMGET:
		return sys_semget(first, second, third);
	case SEMCTL: {
		unsigned long arg;

		if (!ptr)
			return -EINVAL;
		if (get_user(arg, (unsigned long __user *)ptr))
			return -EFAULT;
		return sys_semctl(first, second, third, arg);
	}
	case MSGSND:
		return sys_msgsnd(first, ptr, second, third);
	case MSGRCV:
		if (version == 0) {
			struct ipc_kludge tmp;

			if (!ptr)
				return -EINVAL;
			if (copy_from_user(&tmp, ptr, sizeof(tmp)))
				return -EFAULT;
			return sys_msgrcv(first, tmp.msgp, second, tmp.msgtyp, third);
		}
		return sys_msgrcv(first, ptr, second, fifth, third);
	case MSGGET:
		return sys_msgget(first, second);
	case MSGCTL:
		return sys_msgctl(first, second, ptr);
	case SHMAT:
	case SHMDT:
	case SHMGET:
	case SHMCTL:
		lock_kernel();
		ret = shm_ipc(call, first, second, third, ptr);
		unlock_kernel();
		return ret;
	default:
		return -ENOSYS;
	}
}

/*
 * kernel/prctl.c - prctl, the process's odds and ends (Linux keeps sys_prctl
 * in kernel/sys.c): its name, the signal it gets when its parent dies,
 * whether it may dump core, no_new_privs, whether it adopts the orphans
 * below it (child subreaper). Every other option is EINVAL.
 */
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39

long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	struct task_struct *me = current;
	char comm[TASK_COMM_LEN];
	long n;

	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		me->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(me->pdeath_signal, (int __user *)arg2);
	case PR_GET_DUMPABLE:
		return me->dumpable;
	case PR_SET_DUMPABLE:
		if (arg2 != 0 && arg2 != 1)
			return -EINVAL;
		me->dumpable = (int)arg2;
		return 0;
	case PR_SET_NAME:
		/* at most 15 bytes and the NUL; a longer name is cut, as Linux does */
		memset(comm, 0, sizeof(comm));
		n = strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1);
		if (n < 0)
			return n;
		memcpy(me->comm, comm, sizeof(comm));
		return 0;
	case PR_GET_NAME:
		memcpy(comm, me->comm, sizeof(comm));
		comm[sizeof(comm) - 1] = 0;
		return copy_to_user((char __user *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	case PR_SET_CHILD_SUBREAPER:	/* the process's, not the thread's; not inherited */
		me->signal->is_child_subreaper = arg2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_user(me->signal->is_child_subreaper, (int __user *)arg2);
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		me->no_new_privs = 1;	/* for good: inherited, never cleared */
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return me->no_new_privs;
	}
	return -EINVAL;
}

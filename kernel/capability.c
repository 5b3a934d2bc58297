/*
 * kernel/capability.c - capget and capset (Linux: kernel/capability.c).
 * Capabilities here follow the uid model (include/kernel/sched.h capable()):
 * euid 0 holds all of them, anyone else none, so capget reports exactly
 * that, and capset accepts only the sets a task already has (dropping
 * capabilities while staying root is not modelled yet: EPERM).
 */
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define _LINUX_CAPABILITY_VERSION_1	0x19980330
#define _LINUX_CAPABILITY_VERSION_2	0x20071026
#define _LINUX_CAPABILITY_VERSION_3	0x20080522
#define CAP_LAST_CAP			40

struct cap_user_header {
	u32 version;
	int pid;
};

struct cap_user_data {
	u32 effective;
	u32 permitted;
	u32 inheritable;
};

/* how many 32-bit words the header's version carries; a bad one is EINVAL
 * after the header is told the version the kernel prefers */
static long cap_validate_magic(struct cap_user_header __user *header, int *words)
{
	u32 version;

	if (get_user(version, &header->version))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		*words = 1;
		return 0;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		*words = 2;
		return 0;
	}
	if (put_user((u32)_LINUX_CAPABILITY_VERSION_3, &header->version))
		return -EFAULT;
	return -EINVAL;
}

/* what the uid model gives t: everything for euid 0 (permitted: uid or suid 0) */
static void task_caps(struct task_struct *t, struct cap_user_data d[2])
{
	u32 all[2] = { 0xffffffffU, (1U << (CAP_LAST_CAP - 31)) - 1 };

	memset(d, 0, 2 * sizeof(*d));
	for (int i = 0; i < 2; i++) {
		if (t->euid == 0)
			d[i].effective = all[i];
		if (t->euid == 0 || t->uid == 0 || t->suid == 0)
			d[i].permitted = all[i];
	}
}

long sys_capget(struct cap_user_header __user *header, struct cap_user_data __user *dataptr)
{
	struct cap_user_data d[2];
	struct task_struct *t;
	int words, pid;
	long ret = cap_validate_magic(header, &words);

	if (!dataptr || ret)
		return !dataptr && ret == -EINVAL ? 0 : ret;
	if (get_user(pid, &header->pid))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	t = pid ? find_task_by_pid(pid) : current;
	if (!t || (t->state & EXIT_DEAD))
		return -ESRCH;
	task_caps(t, d);
	return copy_to_user(dataptr, d, words * sizeof(d[0])) ? -EFAULT : 0;
}

long sys_capset(struct cap_user_header __user *header, const struct cap_user_data __user *data)
{
	struct cap_user_data want[2], have[2];
	int words, pid;
	long ret = cap_validate_magic(header, &words);

	if (ret)
		return ret;
	if (get_user(pid, &header->pid))
		return -EFAULT;
	if (pid != 0 && pid != current->pid)
		return -EPERM;		/* only one's own, as today's Linux */
	memset(want, 0, sizeof(want));
	if (copy_from_user(want, data, words * sizeof(want[0])))
		return -EFAULT;
	task_caps(current, have);
	for (int i = 0; i < words; i++) {
		/* no more than one has (Linux's rule), and no less: not modelled */
		if (want[i].effective != have[i].effective ||
		    want[i].permitted != have[i].permitted || want[i].inheritable)
			return -EPERM;
	}
	return 0;
}

/*
 * ipc/ipc_sysctl.c - the System V IPC limits as kernel.* sysctls (Linux:
 * ipc/ipc_sysctl.c): shmmax, shmall, shmmni, msgmax, msgmni, msgmnb, sem
 * and the *_next_id settings, with today's ranges. The limits are read
 * where they are enforced, so a new value holds for the next call.
 */
#include "util.h"
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/sysctl.h>

static int ipc_mni = IPCMNI;

/*
 * kernel.sem: four ints; a SEMMNI past IPCMNI is ERANGE and SEMMNI keeps
 * its value (the other three take theirs, as Linux's proc_ipc_sem_dointvec)
 */
static int proc_ipc_sem_dointvec(struct ctl_table *table, int write, char *buffer,
				 size_t *lenp, loff_t *ppos)
{
	int semmni = init_ipc_ns.sc_semmni, err;

	err = proc_dointvec(table, write, buffer, lenp, ppos);
	if (!write || err)
		return err;
	if (init_ipc_ns.sc_semmni < 0 || init_ipc_ns.sc_semmni > ipc_mni) {
		init_ipc_ns.sc_semmni = semmni;
		return -ERANGE;
	}
	return 0;
}

/*
 * *_next_id: setting one takes CAP_CHECKPOINT_RESTORE (here: CAP_SYS_ADMIN).
 * Under the table's mutex, which ipc_addid holds when it uses and clears
 * the value: *get() runs without the BKL.
 */
static int proc_ipc_next_id(struct ctl_table *table, int write, char *buffer, size_t *lenp,
			    loff_t *ppos)
{
	struct ipc_ids *ids = container_of((int *)table->data, struct ipc_ids, next_id);
	int err;

	if (write && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	ipc_ids_lock(ids);
	err = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	ipc_ids_unlock(ids);
	return err;
}

/* kernel.sem_overlaps (ipc/sem.c): read-only, for the SMP tests */
extern atomic_t sem_overlaps;

static struct ctl_table ipc_sysctls[] = {
	{
		.procname = "shmmax", .data = &init_ipc_ns.shm_ctlmax,
		.maxlen = sizeof(init_ipc_ns.shm_ctlmax), .mode = 0644,
		.proc_handler = proc_doulongvec_minmax,
	},
	{
		.procname = "shmall", .data = &init_ipc_ns.shm_ctlall,
		.maxlen = sizeof(init_ipc_ns.shm_ctlall), .mode = 0644,
		.proc_handler = proc_doulongvec_minmax,
	},
	{
		.procname = "shmmni", .data = &init_ipc_ns.shm_ctlmni,
		.maxlen = sizeof(init_ipc_ns.shm_ctlmni), .mode = 0644,
		.proc_handler = proc_dointvec_minmax, .extra1 = &sysctl_zero, .extra2 = &ipc_mni,
	},
	{
		.procname = "msgmax", .data = &init_ipc_ns.msg_ctlmax,
		.maxlen = sizeof(init_ipc_ns.msg_ctlmax), .mode = 0644,
		.proc_handler = proc_dointvec_minmax, .extra1 = &sysctl_zero,
		.extra2 = &sysctl_int_max,
	},
	{
		.procname = "msgmni", .data = &init_ipc_ns.msg_ctlmni,
		.maxlen = sizeof(init_ipc_ns.msg_ctlmni), .mode = 0644,
		.proc_handler = proc_dointvec_minmax, .extra1 = &sysctl_zero, .extra2 = &ipc_mni,
	},
	{
		.procname = "msgmnb", .data = &init_ipc_ns.msg_ctlmnb,
		.maxlen = sizeof(init_ipc_ns.msg_ctlmnb), .mode = 0644,
		.proc_handler = proc_dointvec_minmax, .extra1 = &sysctl_zero,
		.extra2 = &sysctl_int_max,
	},
	{
		.procname = "sem", .data = &init_ipc_ns.sem_ctls,
		.maxlen = sizeof(init_ipc_ns.sem_ctls), .mode = 0644,
		.proc_handler = proc_ipc_sem_dointvec,
	},
	/* today's Linux: 0644, and a write needs CAP_CHECKPOINT_RESTORE */
	{
		.procname = "sem_next_id", .data = &sem_ids.next_id, .maxlen = sizeof(int),
		.mode = 0644, .proc_handler = proc_ipc_next_id,
		.extra1 = &sysctl_zero, .extra2 = &sysctl_int_max,
	},
	{
		.procname = "msg_next_id", .data = &msg_ids.next_id, .maxlen = sizeof(int),
		.mode = 0644, .proc_handler = proc_ipc_next_id,
		.extra1 = &sysctl_zero, .extra2 = &sysctl_int_max,
	},
	{
		.procname = "shm_next_id", .data = &shm_ids.next_id, .maxlen = sizeof(int),
		.mode = 0644, .proc_handler = proc_ipc_next_id,
		.extra1 = &sysctl_zero, .extra2 = &sysctl_int_max,
	},
	{
		.procname = "sem_overlaps", .data = (int *)&sem_overlaps.counter, .maxlen = sizeof(int),
		.mode = 0444, .proc_handler = proc_dointvec,
	},
	{ .procname = NULL }
};

void ipc_sysctl_init(void)
{
	register_sysctl("kernel", ipc_sysctls);
}

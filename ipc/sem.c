/*
 * ipc/sem.c - System V semaphores (Linux 2.6: ipc/sem.c): sem_array,
 * sem_queue and sem_undo; semop applied all-or-nothing by try_atomic_semop,
 * sleepers retried by update_queue, SEM_UNDO applied by exit_sem.
 *
 * Locking (2.6's ipc/sem.c):
 *   sem_ids.mutex  semget's lookup and creation, IPC_RMID, IPC_SET,
 *                  IPC_INFO/SEM_INFO, used_sems.
 *   sma->sem_perm.lock (sem_lock/sem_unlock) - the values, pids, times,
 *                  sem_pending and every sem_queue on it, list_id and the
 *                  semadj of the undo entries on it.
 *   ulp->lock      (2.6: sem_undo_list->lock) - a task's list_proc.
 * Order: sem_ids.mutex -> ulp->lock -> sma lock. A sleeper queues itself and
 * sets TASK_INTERRUPTIBLE under the set's lock, then unlocks and sleeps; the
 * waker unlinks it and writes its result under the lock with the IN_WAKEUP
 * handshake (below), so a sleeper that finds a result never touches the
 * set again, and one that finds -EINTR relocks the set by id to decide.
 */
#include "util.h"
#include <kernel/errno.h>
#include <kernel/fork.h>
#include <kernel/ipc.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>

struct sem {
	int semval;
	int sempid;
};

struct sem_array {
	struct kern_ipc_perm sem_perm;
	unsigned long sem_otime;	/* last semop */
	unsigned long sem_ctime;	/* creation, SETVAL, SETALL, IPC_SET */
	struct sem *sem_base;
	struct list_head sem_pending;	/* sem_queue, FIFO (wait-for-zero first) */
	struct list_head list_id;	/* sem_undo of every process */
	int sem_nsems;
};

/*
 * One sleeping semop, on the sleeper's stack. It stays on sma->sem_pending
 * until someone decides it (update_queue: the result; freeary: EIDRM),
 * unlinking it and writing status before the wake-up, or until the sleeper
 * unlinks itself after a signal or its timeout with status still -EINTR.
 * freeary decides every queued sleeper before it frees the set, so a
 * sleeper that finds -EINTR knows the set still exists, and one that finds
 * a decision never touches the set again: no reference count is needed
 * (see ipc/msg.c for why the uniprocessor kernel needs no RCU either).
 */
struct sem_queue {
	struct list_head list;
	struct task_struct *sleeper;
	struct sem_undo *undo;
	int pid;
	int status;		/* -EINTR until someone decides for it */
	struct sem_array *sma;
	int id;
	struct sembuf *sops;
	int nsops;
	int alter;		/* any sem_op != 0 */
	struct sembuf *blocking;	/* the op it waits on, for GETNCNT/GETZCNT */
};

/* one process's adjustments for one set */
struct sem_undo {
	struct list_head list_proc;	/* in sem_undo_list.list_proc */
	struct list_head list_id;	/* in sem_array.list_id */
	int semid;			/* -1: the set is gone */
	short *semadj;
};

/* a task's undo entries; shared between tasks only with CLONE_SYSVSEM */
struct sem_undo_list {
	atomic_t refcnt;
	spinlock_t lock;		/* list_proc */
	struct list_head list_proc;
};

/*
 * The status a waker writes first (2.6's IN_WAKEUP): the sleeper spins
 * while it sees it, so it cannot return, and its task and stack cannot go,
 * before wake_up_process() is done with them.
 */
#define IN_WAKEUP	1

struct ipc_ids sem_ids = IPC_IDS_INIT(sem_ids, init_ipc_ns.sc_semmni);

/* semop arrays and semctl value arrays up to these sizes stay on the stack */
#define SEMOPM_FAST	64
#define SEMMSL_FAST	256
static int used_sems;		/* semaphores in all sets, against SEMMNS */

#define sem_obj(p) container_of(p, struct sem_array, sem_perm)

_Static_assert(__builtin_offsetof(struct sem_array, sem_perm) == 0, "ipc_putref kfrees the set");

/* the set locked (2.6's sem_lock_check), or ERR_PTR */
static struct sem_array *sem_lock_check(int id)
{
	struct kern_ipc_perm *p = ipc_lock_check(&sem_ids, id);

	return IS_ERR(p) ? (struct sem_array *)p : sem_obj(p);
}

static inline void sem_unlock(struct sem_array *sma)
{
	ipc_unlock(&sma->sem_perm);
}

/* the sleeper's side of IN_WAKEUP */
static int get_queue_result(struct sem_queue *q)
{
	int status;

	while ((status = *(volatile int *)&q->status) == IN_WAKEUP)
		cpu_relax();
	return status;
}

/* the waker's side, with the set's lock held: unlink, wake, then the result */
static void wake_up_sem_queue(struct sem_queue *q, int status)
{
	list_del_init(&q->list);
	q->status = IN_WAKEUP;
	wake_up_process(q->sleeper);
	barrier();		/* x86 keeps stores in order: the result lands after */
	q->status = status;
}

static int newary(key_t key, int semflg, void *arg)
{
	int nsems = *(int *)arg;
	struct sem_array *sma;
	int err;

	if (!nsems)
		return -EINVAL;
	if (used_sems + nsems > init_ipc_ns.sc_semmns)
		return -ENOSPC;
	sma = kzalloc(sizeof(*sma) + nsems * sizeof(struct sem), GFP_KERNEL);
	if (!sma)
		return -ENOMEM;
	sma->sem_perm.key = key;
	sma->sem_perm.mode = semflg & 0777;
	sma->sem_base = (struct sem *)(sma + 1);
	sma->sem_nsems = nsems;
	INIT_LIST_HEAD(&sma->sem_pending);
	INIT_LIST_HEAD(&sma->list_id);
	sma->sem_ctime = get_seconds();
	err = ipc_addid(&sem_ids, &sma->sem_perm);
	if (err < 0) {
		kfree(sma);
		return err;
	}
	used_sems += nsems;
	err = sma->sem_perm.id;
	spin_unlock(&sma->sem_perm.lock);	/* ipc_addid returned it locked */
	return err;
}

static int sem_more_checks(struct kern_ipc_perm *ipcp, void *arg)
{
	return *(int *)arg > sem_obj(ipcp)->sem_nsems ? -EINVAL : 0;
}

static const struct ipc_ops sem_ops = { newary, sem_more_checks };

long do_semget(key_t key, int nsems, int semflg)
{
	if (nsems < 0 || nsems > init_ipc_ns.sc_semmsl)
		return -EINVAL;
	return ipcget(&sem_ids, key, semflg, &sem_ops, &nsems);
}

long sys_semget(key_t key, int nsems, int semflg)
{
	return do_semget(key, nsems, semflg);
}

/*
 * Apply every operation or none. Returns 0 when done, 1 when the caller
 * must sleep (*blocking: the op that blocks), -EAGAIN when that op has
 * IPC_NOWAIT, -ERANGE past SEMVMX or past the undo range. On success
 * sempid and sem_otime are updated; on failure values and adjustments are
 * rolled back.
 *
 * The adjustment moves with each op, so several SEM_UNDO ops on one
 * semaphore are checked by their sum, as today's perform_atomic_semop
 * does: 2.6.18 checked each op against the adjustment from before the
 * call, and the short semadj could then wrap.
 */
static int try_atomic_semop(struct sem_array *sma, struct sembuf *sops, int nsops,
			    struct sem_undo *un, int pid, struct sembuf **blocking)
{
	struct sembuf *sop;
	int result, i;

	for (i = 0; i < nsops; i++) {
		struct sem *curr;

		sop = &sops[i];
		curr = &sma->sem_base[sop->sem_num];
		result = curr->semval;
		if (!sop->sem_op && result)
			goto would_block;
		result += sop->sem_op;
		if (result < 0)
			goto would_block;
		if (result > SEMVMX)
			goto out_of_range;
		if (sop->sem_flg & SEM_UNDO) {
			int undo = un->semadj[sop->sem_num] - sop->sem_op;

			if (undo < -SEMAEM - 1 || undo > SEMAEM)
				goto out_of_range;
			un->semadj[sop->sem_num] = undo;
		}
		curr->semval = result;
	}
	for (i = 0; i < nsops; i++)
		sma->sem_base[sops[i].sem_num].sempid = pid;
	sma->sem_otime = get_seconds();
	return 0;

out_of_range:
	result = -ERANGE;
	goto undo;
would_block:
	if (blocking)
		*blocking = sop;
	result = (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
undo:
	/* roll back sops[0..i) in reverse */
	while (--i >= 0) {
		sma->sem_base[sops[i].sem_num].semval -= sops[i].sem_op;
		if (sops[i].sem_flg & SEM_UNDO)
			un->semadj[sops[i].sem_num] += sops[i].sem_op;
	}
	return result;
}

/*
 * Retry the sleepers after a change, from the head. A finished altering op
 * may let earlier ones through, so the scan restarts from the head after
 * one; a finished wait-for-zero only moves on.
 */
static void update_queue(struct sem_array *sma)
{
	struct sem_queue *q;
	struct list_head *pos = sma->sem_pending.next;

	while (pos != &sma->sem_pending) {
		int error, alter;

		q = list_entry(pos, struct sem_queue, list);
		error = try_atomic_semop(sma, q->sops, q->nsops, q->undo, q->pid, &q->blocking);
		if (error > 0) {
			pos = pos->next;
			continue;
		}
		pos = pos->next;
		alter = q->alter;
		wake_up_sem_queue(q, error);
		if (alter)
			pos = sma->sem_pending.next;
	}
}

/*
 * GETNCNT / GETZCNT: the sleepers blocked on semnum, each counted once, by
 * the op it is blocked on (Linux 3.16's check_qop, as SUS asks). 2.6
 * counted every matching op of every sleeper, on whichever semaphore.
 */
static int count_semcnt(struct sem_array *sma, int semnum, int zero)
{
	struct sem_queue *q;
	int n = 0;

	list_for_each_entry(q, &sma->sem_pending, list) {
		struct sembuf *sop = q->blocking;

		if (sop->sem_num != semnum)
			continue;
		if (zero ? sop->sem_op == 0 : sop->sem_op < 0)
			n++;
	}
	return n;
}

/*
 * IPC_RMID, with sem_ids.mutex and the set's lock held: sleepers get EIDRM,
 * undo entries are invalidated, the set leaves the table. The memory goes
 * with the last reference (the caller's sem_unlock, or a lookup's).
 */
static void freeary(struct sem_array *sma)
{
	struct sem_undo *un, *un_n;
	struct sem_queue *q, *q_n;

	list_for_each_entry_safe(un, un_n, &sma->list_id, list_id) {
		/* unlinked first: its owner frees it once it sees -1 (under its ulp->lock) */
		list_del_init(&un->list_id);
		barrier();
		un->semid = -1;
	}
	list_for_each_entry_safe(q, q_n, &sma->sem_pending, list)
		wake_up_sem_queue(q, -EIDRM);
	ipc_rmid(&sem_ids, &sma->sem_perm);
	used_sems -= sma->sem_nsems;
}

/* the undo list of the current task, created on first use */
static struct sem_undo_list *get_undo_list(void)
{
	struct sem_undo_list *ulp = current->sysvsem;

	if (!ulp) {
		ulp = kzalloc(sizeof(*ulp), GFP_KERNEL);
		if (!ulp)
			return NULL;
		atomic_set(&ulp->refcnt, 1);
		spin_lock_init(&ulp->lock);
		INIT_LIST_HEAD(&ulp->list_proc);
		current->sysvsem = ulp;
	}
	return ulp;
}

static void free_undo(struct sem_undo *un)
{
	list_del(&un->list_proc);
	kfree(un);
}

/* ulp->lock held: the entry for semid; entries of removed sets are freed */
static struct sem_undo *lookup_undo(struct sem_undo_list *ulp, int semid)
{
	struct sem_undo *un, *n;

	list_for_each_entry_safe(un, n, &ulp->list_proc, list_proc) {
		if (un->semid == semid)
			return un;
		if (un->semid == -1)
			free_undo(un);
	}
	return NULL;
}

/*
 * The current task's undo entry for semid, created (zeroed) if there is
 * none, returned with the set locked in *psma (2.6.2x's find_alloc_undo);
 * ERR_PTR on error, with nothing locked. The entry is looked up with
 * ulp->lock and the set's lock both held: an entry whose set is still
 * there cannot be freed while the set's lock is held (only a removed set's
 * entries are freed, by lookup_undo in any CLONE_SYSVSEM sibling, and
 * freeary marks them under that lock). A new entry is allocated with no
 * lock held, then both locks are taken again and the set (which a
 * reference kept in memory) checked for removal and the list for an entry
 * a sibling added meanwhile.
 */
static struct sem_undo *find_alloc_undo(int semid, struct sem_array **psma)
{
	struct sem_undo_list *ulp = get_undo_list();
	struct sem_undo *un, *new;
	struct sem_array *sma;
	int nsems;

	if (!ulp)
		return ERR_PTR(-ENOMEM);
	spin_lock(&ulp->lock);
	sma = sem_lock_check(semid);
	if (IS_ERR(sma)) {
		spin_unlock(&ulp->lock);
		return (struct sem_undo *)sma;
	}
	un = lookup_undo(ulp, semid);
	spin_unlock(&ulp->lock);
	if (un)
		goto out;
	nsems = sma->sem_nsems;
	ipc_getref(&sma->sem_perm);
	sem_unlock(sma);

	new = kzalloc(sizeof(*new) + nsems * sizeof(short), GFP_KERNEL);
	if (!new) {
		ipc_putref(&sma->sem_perm);
		return ERR_PTR(-ENOMEM);
	}
	new->semadj = (short *)(new + 1);
	new->semid = semid;

	spin_lock(&ulp->lock);
	ipc_lock_by_ptr(&sma->sem_perm);	/* the reference taken above: sem_unlock drops it */
	if (sma->sem_perm.deleted) {
		sem_unlock(sma);
		spin_unlock(&ulp->lock);
		kfree(new);
		return ERR_PTR(-EIDRM);
	}
	un = lookup_undo(ulp, semid);
	if (!un) {
		un = new;
		new = NULL;
		list_add(&un->list_proc, &ulp->list_proc);
		list_add(&un->list_id, &sma->list_id);
	}
	spin_unlock(&ulp->lock);
	kfree(new);		/* kfree under the set's lock: slab has its own spinlock */
out:
	*psma = sma;
	return un;
}

/*
 * How often a semop found another CPU inside semop (kernel.sem_overlaps):
 * sem_inside counts the CPUs running the body of do_semtimedop, not its
 * sleepers. Under the BKL it stays 0; with semop in syscall_nobkl it shows
 * that two CPUs really were inside at once.
 */
static atomic_t sem_inside;
atomic_t sem_overlaps;

static inline void sem_enter(void)
{
	if (atomic_inc_return(&sem_inside) > 1)
		atomic_inc(&sem_overlaps);
}

static inline void sem_leave(void)
{
	atomic_dec(&sem_inside);
}

/*
 * semop/semtimedop on kernel sops. timeout is in jiffies, SEM_NO_TIMEOUT
 * for none. Checks in the spec's order (5.3).
 */
long do_semtimedop(int semid, struct sembuf *sops, unsigned int nsops, long timeout)
{
	struct sem_array *sma;
	struct sem_undo *un = NULL;
	struct sem_queue queue;
	int undos = 0, alter = 0, max = 0, err;
	long left = timeout;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > (unsigned int)init_ipc_ns.sc_semopm)
		return -E2BIG;
	for (unsigned int i = 0; i < nsops; i++) {
		if (sops[i].sem_num >= max)
			max = sops[i].sem_num;
		if (sops[i].sem_flg & SEM_UNDO)
			undos = 1;
		if (sops[i].sem_op)
			alter = 1;
	}
	sem_enter();
	if (undos) {
		un = find_alloc_undo(semid, &sma);
		if (IS_ERR(un)) {
			err = PTR_ERR(un);
			goto out;
		}
	} else {
		sma = sem_lock_check(semid);
		if (IS_ERR(sma)) {
			err = PTR_ERR(sma);
			goto out;
		}
	}
	err = -EFBIG;
	if (max >= sma->sem_nsems)
		goto out_unlock;
	err = -EACCES;
	if (ipcperms(&sma->sem_perm, alter ? S_IWUGO : S_IRUGO))
		goto out_unlock;

	err = try_atomic_semop(sma, sops, nsops, un, ipc_pid(current), &queue.blocking);
	if (err <= 0) {
		if (!err && alter)
			update_queue(sma);
		goto out_unlock;
	}

	/* sleep: altering ops queue at the tail, wait-for-zero at the head */
	queue.sma = sma;
	queue.sops = sops;
	queue.nsops = nsops;
	queue.undo = un;
	queue.pid = ipc_pid(current);
	queue.id = semid;
	queue.alter = alter;
	queue.sleeper = current;
	queue.status = -EINTR;
	if (alter)
		list_add_tail(&queue.list, &sma->sem_pending);
	else
		list_add(&queue.list, &sma->sem_pending);

	/* asleep before the unlock: a waker on another CPU cannot be missed */
	set_current_state(TASK_INTERRUPTIBLE);
	sem_unlock(sma);
	sem_leave();
	if (timeout == SEM_NO_TIMEOUT)
		schedule();
	else
		left = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);
	sem_enter();

	/*
	 * Decided for us: done (0), EIDRM, ERANGE or EAGAIN; the set may be
	 * gone. A timeout or a signal racing the decision loses to it, as in
	 * Linux: a semtimedop whose set went while it timed out gets EIDRM.
	 */
	err = get_queue_result(&queue);
	if (err != -EINTR)
		goto out;
	/* a signal or the timeout, or a decision still on its way: decide under the lock */
	sma = sem_lock_check(semid);
	if (IS_ERR(sma)) {
		err = get_queue_result(&queue);	/* freeary decided us before it went */
		goto out;
	}
	err = get_queue_result(&queue);
	if (err != -EINTR)
		goto out_unlock;
	list_del_init(&queue.list);
	err = (timeout != SEM_NO_TIMEOUT && !left) ? -EAGAIN : -EINTR;
out_unlock:
	sem_unlock(sma);
out:
	sem_leave();
	return err;
}

/* copy a timespec's value into jiffies (spec 5.3 step 4) */
static long semtimedop_jiffies(long sec, long nsec)
{
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (sec >= MAX_SCHEDULE_TIMEOUT / HZ - 1)
		return MAX_SCHEDULE_TIMEOUT - 1;
	return sec * HZ + (nsec + NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ);
}

/*
 * The sembuf array in, then the work; the two layouts of timeout differ
 * only in width. The checks run in today's order (ksys_semtimedop, then
 * do_semtimedop, then __do_semtimedop): the timeout is read first, then
 * nsops (unsigned: a huge count is E2BIG, even with a bad id), the array,
 * the id, the timeout's value. 2.6.18 checked nsops < 1 and the id first.
 */
static long semtimedop_user(int semid, struct sembuf __user *tsops, unsigned int nsops,
			    const void __user *timeout, int time64)
{
	struct sembuf fast[SEMOPM_FAST], *sops = fast;
	struct timespec64 ts64 = { 0, 0 };
	long jif = SEM_NO_TIMEOUT, err;

	if (timeout) {
		struct timespec ts;

		if (time64) {
			if (copy_from_user(&ts64, timeout, sizeof(ts64)))
				return -EFAULT;
		} else {
			if (copy_from_user(&ts, timeout, sizeof(ts)))
				return -EFAULT;
			ts64.tv_sec = ts.tv_sec;
			ts64.tv_nsec = ts.tv_nsec;
		}
	}
	if (nsops > (unsigned int)init_ipc_ns.sc_semopm)
		return -E2BIG;
	if (nsops < 1)
		return -EINVAL;
	if (nsops > SEMOPM_FAST) {
		sops = kmalloc(nsops * sizeof(*sops), GFP_KERNEL);
		if (!sops)
			return -ENOMEM;
	}
	err = -EFAULT;
	if (copy_from_user(sops, tsops, nsops * sizeof(struct sembuf)))
		goto out;
	err = -EINVAL;
	if (semid < 0)
		goto out;
	if (timeout) {
		if (ts64.tv_sec < 0 || ts64.tv_nsec < 0 || ts64.tv_nsec >= NSEC_PER_SEC)
			goto out;
		err = jif = semtimedop_jiffies(ts64.tv_sec > 0x7fffffffLL ? 0x7fffffffL :
					       (long)ts64.tv_sec, (long)ts64.tv_nsec);
		if (jif < 0)
			goto out;
	}
	err = do_semtimedop(semid, sops, nsops, jif);
out:
	if (sops != fast)
		kfree(sops);
	return err;
}

long sys_semtimedop(int semid, struct sembuf __user *tsops, unsigned int nsops,
		    const struct timespec __user *timeout)
{
	return semtimedop_user(semid, tsops, nsops, timeout, 0);
}

long sys_semtimedop_time64(int semid, struct sembuf __user *tsops, unsigned int nsops,
			   const struct timespec64 __user *timeout)
{
	return semtimedop_user(semid, tsops, nsops, timeout, 1);
}

long sys_semop(int semid, struct sembuf __user *tsops, unsigned int nsops)
{
	return sys_semtimedop(semid, tsops, nsops, NULL);
}

static void fill_seminfo(struct seminfo *si, int cmd)
{
	memset(si, 0, sizeof(*si));
	si->semmni = init_ipc_ns.sc_semmni;
	si->semmns = init_ipc_ns.sc_semmns;
	si->semmsl = init_ipc_ns.sc_semmsl;
	si->semopm = init_ipc_ns.sc_semopm;
	si->semvmx = SEMVMX;
	si->semmnu = SEMMNU;
	si->semmap = SEMMAP;
	si->semume = SEMUME;
	if (cmd == SEM_INFO) {
		si->semusz = sem_ids.in_use;
		si->semaem = used_sems;
	} else {
		si->semusz = SEMUSZ;
		si->semaem = SEMAEM;
	}
}

static void fill_semid64(struct sem_array *sma, struct semid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	kernel_to_ipc64_perm(&sma->sem_perm, &out->sem_perm);
	out->sem_otime = sma->sem_otime;
	out->sem_ctime = sma->sem_ctime;
	out->sem_nsems = sma->sem_nsems;
}

/* SETVAL and SETALL forget every process's adjustment of what they set */
static void clear_semadj(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->list_id, list_id) {
		if (semnum >= 0)
			un->semadj[semnum] = 0;
		else
			memset(un->semadj, 0, sma->sem_nsems * sizeof(short));
	}
}

/* IPC_SET and IPC_RMID: under sem_ids.mutex, as 2.6's semctl_down */
static long semctl_down(int semid, int cmd, struct semid64_ds *ds)
{
	struct sem_array *sma;
	long err;

	ipc_ids_lock(&sem_ids);
	sma = sem_lock_check(semid);
	if (IS_ERR(sma)) {
		err = PTR_ERR(sma);
		goto out;
	}
	err = ipc_check_owner(&sma->sem_perm);
	if (err)
		goto out_unlock;
	if (cmd == IPC_RMID) {
		freeary(sma);
	} else {
		err = ipc_set_perm(&sma->sem_perm, ds->sem_perm.uid, ds->sem_perm.gid,
				   ds->sem_perm.mode);
		if (!err)
			sma->sem_ctime = get_seconds();
	}
out_unlock:
	sem_unlock(sma);
	if (cmd == IPC_RMID && !err)
		ipc_shrink(&sem_ids);
out:
	ipc_ids_unlock(&sem_ids);
	return err;
}

static long semctl_main(struct sem_array *sma, int semnum, int cmd, int val,
			unsigned short *array);

/*
 * Every semctl command on kernel buffers: buf is unsigned short[nsems] for
 * GETALL/SETALL, a semid64_ds for IPC_STAT/SEM_STAT/IPC_SET, a seminfo for
 * IPC_INFO/SEM_INFO. cmd carries no IPC_64 bit here.
 */
long do_semctl(int semid, int semnum, int cmd, int val, void *buf)
{
	struct sem_array *sma;
	struct kern_ipc_perm *ipcp;
	unsigned short *array = buf;
	int i;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		ipc_ids_lock(&sem_ids);
		fill_seminfo(buf, cmd);
		i = sem_ids.max_id < 0 ? 0 : sem_ids.max_id;
		ipc_ids_unlock(&sem_ids);
		return i;
	case SEM_STAT:
	case SEM_STAT_ANY:
		ipcp = ipc_lock_index(&sem_ids, semid);
		if (IS_ERR(ipcp))
			return PTR_ERR(ipcp);
		i = -EACCES;
		if (cmd == SEM_STAT_ANY || !ipcperms(ipcp, S_IRUGO)) {
			fill_semid64(sem_obj(ipcp), buf);
			i = ipcp->id;
		}
		ipc_unlock(ipcp);
		return i;
	case IPC_STAT:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case GETALL:
	case SETVAL:
		/* today's semctl_setval checks the value first, before the id */
		if (val > SEMVMX || val < 0)
			return -ERANGE;
		break;
	case SETALL:
	case IPC_SET:
	case IPC_RMID:
		break;
	default:
		return -EINVAL;
	}

	if (cmd == IPC_SET || cmd == IPC_RMID)
		return semctl_down(semid, cmd, buf);
	sma = sem_lock_check(semid);
	if (IS_ERR(sma))
		return PTR_ERR(sma);
	i = semctl_main(sma, semnum, cmd, val, array);
	sem_unlock(sma);
	return i;
}

/* the commands on a locked set, on kernel buffers */
static long semctl_main(struct sem_array *sma, int semnum, int cmd, int val,
			unsigned short *array)
{
	int nsems = sma->sem_nsems, i;

	/* today's SETVAL checks the semaphore number before the permission */
	if (cmd == SETVAL && (semnum < 0 || semnum >= nsems))
		return -EINVAL;
	if (ipcperms(&sma->sem_perm, (cmd == SETVAL || cmd == SETALL) ? S_IWUGO : S_IRUGO))
		return -EACCES;

	switch (cmd) {
	case IPC_STAT:
		fill_semid64(sma, (struct semid64_ds *)array);
		return 0;
	case GETALL:
		for (i = 0; i < nsems; i++)
			array[i] = (unsigned short)sma->sem_base[i].semval;
		return 0;
	case SETALL:
		for (i = 0; i < nsems; i++)
			if (array[i] > SEMVMX)
				return -ERANGE;
		/* sempid too, as today's Linux (2.6.18 left it) */
		for (i = 0; i < nsems; i++) {
			sma->sem_base[i].semval = array[i];
			sma->sem_base[i].sempid = ipc_pid(current);
		}
		clear_semadj(sma, -1);
		sma->sem_ctime = get_seconds();
		update_queue(sma);
		return 0;
	}

	/* the commands on one semaphore */
	if (semnum < 0 || semnum >= nsems)
		return -EINVAL;
	switch (cmd) {
	case GETVAL:
		return sma->sem_base[semnum].semval;
	case GETPID:
		return sma->sem_base[semnum].sempid;
	case GETNCNT:
		return count_semcnt(sma, semnum, 0);
	case GETZCNT:
		return count_semcnt(sma, semnum, 1);
	case SETVAL:
		clear_semadj(sma, semnum);
		sma->sem_base[semnum].semval = val;
		sma->sem_base[semnum].sempid = ipc_pid(current);
		sma->sem_ctime = get_seconds();
		update_queue(sma);
		return 0;
	}
	return -EINVAL;
}

/* lookup and permission for the sys layer, before it copies a SETALL array */
static int semctl_nsems(int semid, short flag)
{
	struct sem_array *sma = sem_lock_check(semid);
	int n;

	if (IS_ERR(sma))
		return PTR_ERR(sma);
	n = ipcperms(&sma->sem_perm, flag) ? -EACCES : sma->sem_nsems;
	sem_unlock(sma);
	return n;
}

/* GETALL and SETALL: the values go through a kernel array, on the stack when small */
static long semctl_all(int semid, int semnum, int cmd, unsigned short __user *p)
{
	unsigned short fast[SEMMSL_FAST], *array = fast;
	long ret;
	int n;

	n = semctl_nsems(semid, cmd == GETALL ? S_IRUGO : S_IWUGO);
	if (n < 0)
		return n;
	if (n > SEMMSL_FAST) {
		array = kmalloc(n * sizeof(*array), GFP_KERNEL);
		if (!array)
			return -ENOMEM;
	}
	if (cmd == GETALL) {
		ret = do_semctl(semid, semnum, cmd, 0, array);
		if (!ret && copy_to_user(p, array, n * sizeof(*array)))
			ret = -EFAULT;
	} else {
		ret = -EFAULT;
		if (!copy_from_user(array, p, n * sizeof(*array)))
			ret = do_semctl(semid, semnum, cmd, 0, array);
	}
	if (array != fast)
		kfree(array);
	return ret;
}

/* semctl from user space: arg is the union's value (val or a pointer) */
long sys_semctl(int semid, int semnum, int cmd, unsigned long arg)
{
	int version = ipc_parse_version(&cmd);
	void __user *p = (void __user *)arg;
	long ret;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO: {
		struct seminfo si;

		ret = do_semctl(semid, semnum, cmd, 0, &si);
		if (ret >= 0 && copy_to_user(p, &si, sizeof(si)))
			return -EFAULT;
		return ret;
	}
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY: {
		struct semid64_ds ds;

		ret = do_semctl(semid, semnum, cmd, 0, &ds);
		if (ret < 0)
			return ret;
		if (version == IPC_64) {
			if (copy_to_user(p, &ds, sizeof(ds)))
				return -EFAULT;
		} else {
			struct semid_ds old;

			memset(&old, 0, sizeof(old));
			ipc64_perm_to_ipc_perm(&ds.sem_perm, &old.sem_perm);
			old.sem_otime = ds.sem_otime;
			old.sem_ctime = ds.sem_ctime;
			old.sem_nsems = ipc_clamp16(ds.sem_nsems);
			if (copy_to_user(p, &old, sizeof(old)))
				return -EFAULT;
		}
		return ret;
	}
	case GETALL:
	case SETALL:
		return semctl_all(semid, semnum, cmd, p);
	case IPC_SET: {
		struct semid64_ds ds;

		memset(&ds, 0, sizeof(ds));
		if (version == IPC_64) {
			if (copy_from_user(&ds, p, sizeof(ds)))
				return -EFAULT;
		} else {
			struct semid_ds old;

			if (copy_from_user(&old, p, sizeof(old)))
				return -EFAULT;
			ds.sem_perm.uid = old.sem_perm.uid;
			ds.sem_perm.gid = old.sem_perm.gid;
			ds.sem_perm.mode = old.sem_perm.mode;
		}
		return do_semctl(semid, semnum, cmd, 0, &ds);
	}
	default:
		/* GETVAL, GETPID, GETNCNT, GETZCNT, SETVAL, IPC_RMID, unknown */
		return do_semctl(semid, semnum, cmd, (int)arg, NULL);
	}
}

/*
 * fork: the child shares the undo list only with CLONE_SYSVSEM, else it
 * starts with none (glibc's fork never passes it).
 */
int copy_semundo(unsigned long clone_flags, struct task_struct *tsk)
{
	if (clone_flags & CLONE_SYSVSEM) {
		struct sem_undo_list *ulp = get_undo_list();

		if (!ulp)
			return -ENOMEM;
		atomic_inc(&ulp->refcnt);
		tsk->sysvsem = ulp;
	} else {
		tsk->sysvsem = NULL;
	}
	return 0;
}

/*
 * exit (and a failed fork): when the last task sharing the undo list goes,
 * apply each valid entry's adjustments, clamped to [0, SEMVMX]; they never
 * block or fail. sempid becomes the exiting process, as 2.6 does.
 */
void exit_sem(struct task_struct *tsk)
{
	struct sem_undo_list *ulp = tsk->sysvsem;
	struct sem_undo *un, *n;

	if (!ulp)
		return;
	tsk->sysvsem = NULL;
	if (!atomic_dec_and_test(&ulp->refcnt))
		return;
	/* the last user: nobody else walks list_proc now (2.6 takes no ulp->lock here either) */
	list_for_each_entry_safe(un, n, &ulp->list_proc, list_proc) {
		struct sem_array *sma;
		int semid = un->semid;

		if (semid == -1)
			goto free;
		/* a set that is gone (or going) has unlinked the entry under its lock */
		sma = sem_lock_check(semid);
		if (IS_ERR(sma))
			goto free;
		if (un->semid == -1) {
			sem_unlock(sma);
			goto free;
		}
		list_del(&un->list_id);
		for (int i = 0; i < sma->sem_nsems; i++) {
			struct sem *sem = &sma->sem_base[i];

			if (!un->semadj[i])
				continue;
			sem->semval += un->semadj[i];
			if (sem->semval < 0)
				sem->semval = 0;
			if (sem->semval > SEMVMX)
				sem->semval = SEMVMX;
			sem->sempid = ipc_pid(tsk);
		}
		sma->sem_otime = get_seconds();
		update_queue(sma);
		sem_unlock(sma);
free:
		free_undo(un);
	}
	kfree(ulp);
}

/* ipcs in the shell: the set, then the pids asleep in semop on it */
void sem_show_all(void)
{
	printk("------ Semaphore Arrays --------\n");
	printk("%-10s %-10s %-10s %-10s %-10s %s\n",
	       "key", "semid", "owner", "perms", "nsems", "waiting");
	/* the table's mutex keeps the objects; each one's lock keeps its queues still */
	ipc_ids_lock(&sem_ids);
	for (int i = 0; i <= sem_ids.max_id; i++) {
		struct kern_ipc_perm *p = sem_ids.entries[i];
		struct sem_array *sma;
		struct sem_queue *q;

		if (!p)
			continue;
		spin_lock(&p->lock);
		sma = sem_obj(p);
		printk("0x%08x %-10d %-10u %-10o %-10d", (unsigned)p->key, p->id, p->uid,
		       p->mode & 0777, sma->sem_nsems);
		list_for_each_entry(q, &sma->sem_pending, list)
			printk(" %d%s", q->pid, q->alter ? "" : "(z)");
		printk("\n");
		spin_unlock(&p->lock);
	}
	ipc_ids_unlock(&sem_ids);
	printk("\n");
}

/* ---- /proc/sysvipc/sem ---- */

#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>

static int sysvipc_sem_proc_show(struct seq_file *s, void *it)
{
	struct sem_array *sma = container_of(it, struct sem_array, sem_perm);

	seq_printf(s, "%10d %10d  %4o %10u %5u %5u %5u %5u %10lu %10lu\n",
		   sma->sem_perm.key, sma->sem_perm.id, sma->sem_perm.mode & 0777,
		   sma->sem_nsems, sma->sem_perm.uid, sma->sem_perm.gid,
		   sma->sem_perm.cuid, sma->sem_perm.cgid, sma->sem_otime, sma->sem_ctime);
	return 0;
}

void sem_proc_init(void)
{
	ipc_init_proc_interface("sem", "       key      semid perms      nsems   uid   gid  cuid  cgid"
				"      otime      ctime\n",
				&sem_ids, sysvipc_sem_proc_show);
}

/* ---- the wait-for graph: a semop sleeper waits for the units SEM_UNDO shows others hold ---- */

#include <kernel/waitgraph.h>

static void sem_waitgraph_scan(void)
{
	for (int i = 0; i <= sem_ids.max_id; i++) {
		struct kern_ipc_perm *perm = sem_ids.entries[i];
		struct sem_queue *q;

		if (!perm)
			continue;
		list_for_each_entry(q, &sem_obj(perm)->sem_pending, list) {
			int num = q->blocking ? q->blocking->sem_num : q->sops[0].sem_num;
			int op = q->blocking ? q->blocking->sem_op : q->sops[0].sem_op;
			char what[48], wants[40];
			struct task_struct *p;
			struct wg_sleeper *s;

			snprintf(what, sizeof(what), "semop %+d on sem %d of set %d", op, num, perm->id);
			snprintf(wants, sizeof(wants), "sem %d of set %d", num, perm->id);
			s = wg_add(q->sleeper, what, wants);
			if (!s)
				continue;
			s->role = "holder";
			snprintf(s->holds, sizeof(s->holds), "sem %d of set %d", num, perm->id);
			/* a unit taken with SEM_UNDO shows as semadj > 0 (< 0 for one added) */
			list_for_each_entry(p, &task_list, tasks) {
				struct sem_undo *un;

				if (!p->sysvsem || (p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
					continue;
				list_for_each_entry(un, &p->sysvsem->list_proc, list_proc)
					if (un->semid == perm->id &&
					    (op ? un->semadj[num] > 0 : un->semadj[num] < 0))
						wg_waker(s, p, -1);
			}
			if (!s->nwakers)
				wg_anyone(s, "no SEM_UNDO holder: any process may post");
		}
	}
}
WAITGRAPH_KIND(sem, sem_waitgraph_scan);

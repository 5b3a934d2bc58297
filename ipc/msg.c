/*
 * ipc/msg.c - System V message queues (Linux 2.6: ipc/msg.c and
 * ipc/msgutil.c): msg_queue with its messages, sleeping receivers and
 * senders; a message for a waiting receiver is handed over directly.
 */
#include "util.h"
#include <kernel/errno.h>
#include <kernel/ipc.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>

#define INT_MAX		0x7fffffff
#define LONG_MAX	0x7fffffffL
#define LONG_MIN	(-LONG_MAX - 1)

/* one message; the text follows it in the same allocation */
struct msg_msg {
	struct list_head m_list;
	long m_type;
	int m_ts;		/* text size */
	char m_text[];
};

struct msg_queue {
	struct kern_ipc_perm q_perm;
	unsigned long q_stime, q_rtime, q_ctime;
	unsigned long q_cbytes;		/* bytes queued */
	unsigned long q_qnum;		/* messages queued */
	unsigned long q_qbytes;		/* the limit on both */
	pid_t q_lspid, q_lrpid;
	struct list_head q_messages;
	struct list_head q_receivers;
	struct list_head q_senders;
};

/*
 * Locking (2.6's ipc/msg.c):
 *   msg_ids.mutex   msgget's lookup and creation, IPC_RMID, IPC_SET,
 *                   IPC_INFO/MSG_INFO.
 *   msq->q_perm.lock (msg_lock/msg_unlock) - the messages, the counters and
 *                   times, q_receivers and q_senders with every
 *                   msg_receiver/msg_sender on them.
 *   msg_bytes, msg_hdrs are atomic (2.6 the same): queues change them
 *                   under their own locks.
 * Order: msg_ids.mutex -> queue lock. Messages are allocated and copied in
 * from user space before the lock, and copied out after it.
 *
 * Sleepers (2.6's r_msg protocol). A sleeper's msg_receiver or msg_sender
 * lives on its stack, linked on the queue, and the sleeper keeps a
 * reference to the queue (in place of 2.6's rcu_read_lock) across the
 * sleep. It is queued and set TASK_INTERRUPTIBLE under the lock, then the
 * lock is dropped and it sleeps.
 *  - A waker that decides a receiver's fate (pipelined_send: a message or
 *    E2BIG; freeque: EIDRM) unlinks it under the lock, writes r_msg = NULL,
 *    wakes it, then writes the result. The woken receiver reads r_msg
 *    without the lock, spinning while it is NULL: a result means done, and
 *    the queue is never touched again (only the reference dropped).
 *  - Still ERR_PTR(-EAGAIN) (IPC_SET, a signal): it takes the lock by
 *    pointer, reads r_msg again (a decision may have come meanwhile),
 *    else unlinks itself and retries or returns.
 *  - Senders wait for room; every wake is a re-check: relock by pointer,
 *    EIDRM if the queue was removed (freeque unlinks them), else unlink.
 */

/* a sleeping msgrcv, on its stack */
struct msg_receiver {
	struct list_head r_list;
	struct task_struct *r_tsk;
	int r_mode;
	long r_msgtype;
	long r_maxsize;
	struct msg_msg *volatile r_msg;	/* ERR_PTR(-EAGAIN) until decided */
};

/* a sleeping msgsnd, on its stack */
struct msg_sender {
	struct list_head list;
	struct task_struct *tsk;
	int deleted;		/* the queue was removed while it slept */
};

#define SEARCH_ANY		1
#define SEARCH_EQUAL		2
#define SEARCH_NOTEQUAL		3
#define SEARCH_LESSEQUAL	4
#define SEARCH_NUMBER		5	/* MSG_COPY: the msgtyp-th message */

struct ipc_ids msg_ids = IPC_IDS_INIT(msg_ids, init_ipc_ns.msg_ctlmni);
static atomic_t msg_bytes, msg_hdrs;	/* queued in every queue, for MSG_INFO */

/* 2.6's atomic_add/atomic_sub on the two totals */
static inline void msg_stat_add(atomic_t *v, int i)
{
	asm volatile("lock; addl %1, %0" : "+m"(v->counter) : "ir"(i) : "memory");
}

#define msq_obj(p) container_of(p, struct msg_queue, q_perm)
_Static_assert(__builtin_offsetof(struct msg_queue, q_perm) == 0, "ipc_putref kfrees the queue");

/* the queue locked, or ERR_PTR */
static struct msg_queue *msg_lock_check(int id)
{
	struct kern_ipc_perm *p = ipc_lock_check(&msg_ids, id);

	return IS_ERR(p) ? (struct msg_queue *)p : msq_obj(p);
}

static inline void msg_unlock(struct msg_queue *msq)
{
	ipc_unlock(&msq->q_perm);
}

static struct msg_msg *alloc_msg(size_t len)
{
	struct msg_msg *msg = kmalloc(sizeof(*msg) + len, GFP_KERNEL);

	if (msg)
		msg->m_ts = len;
	return msg;
}

static void free_msg(struct msg_msg *msg)
{
	kfree(msg);
}

static int newque(key_t key, int msgflg, void *arg)
{
	struct msg_queue *msq = kzalloc(sizeof(*msq), GFP_KERNEL);
	int err;

	(void)arg;
	if (!msq)
		return -ENOMEM;
	msq->q_perm.key = key;
	msq->q_perm.mode = msgflg & 0777;
	msq->q_qbytes = init_ipc_ns.msg_ctlmnb;
	INIT_LIST_HEAD(&msq->q_messages);
	INIT_LIST_HEAD(&msq->q_receivers);
	INIT_LIST_HEAD(&msq->q_senders);
	msq->q_ctime = get_seconds();
	err = ipc_addid(&msg_ids, &msq->q_perm);
	if (err < 0) {
		kfree(msq);
		return err;
	}
	err = msq->q_perm.id;
	spin_unlock(&msq->q_perm.lock);	/* ipc_addid returned it locked */
	return err;
}

static const struct ipc_ops msg_ops = { newque, NULL };

long do_msgget(key_t key, int msgflg)
{
	return ipcget(&msg_ids, key, msgflg, &msg_ops, NULL);
}

long sys_msgget(key_t key, int msgflg)
{
	return do_msgget(key, msgflg);
}

/*
 * Wake every sleeping sender. Without kill they stay linked and re-check
 * (a slot may have freed, IPC_SET may have changed the limit); with kill
 * (freeque) they are unlinked and told the queue is gone.
 */
static void ss_wakeup(struct msg_queue *msq, int kill)
{
	struct msg_sender *s, *n;

	list_for_each_entry_safe(s, n, &msq->q_senders, list) {
		if (kill) {
			s->deleted = 1;
			list_del_init(&s->list);
		}
		wake_up_process(s->tsk);
	}
}

/*
 * The waker's side of r_msg, lock held: NULL while the wake-up runs, then
 * the result; the receiver spins on NULL, so its stack stays until then.
 */
static void wake_receiver(struct msg_receiver *r, struct msg_msg *res)
{
	r->r_msg = NULL;
	wake_up_process(r->r_tsk);
	barrier();		/* x86 keeps the stores in order */
	r->r_msg = res;
}

/*
 * Wake every sleeping receiver with res: -EAGAIN (IPC_SET: re-check; they
 * stay linked, so a later freeque still finds and decides them) or -EIDRM
 * (freeque: final, they are unlinked and never look at the queue again).
 */
static void expunge_all(struct msg_queue *msq, int res)
{
	struct msg_receiver *r, *n;

	list_for_each_entry_safe(r, n, &msq->q_receivers, r_list) {
		if (res != -EAGAIN)
			list_del_init(&r->r_list);
		wake_receiver(r, ERR_PTR(res));
	}
}

/* IPC_RMID, msg_ids.mutex and the lock held; the memory goes with the last reference */
static void freeque(struct msg_queue *msq)
{
	struct msg_msg *msg, *n;

	expunge_all(msq, -EIDRM);
	ss_wakeup(msq, 1);
	ipc_rmid(&msg_ids, &msq->q_perm);
	list_for_each_entry_safe(msg, n, &msq->q_messages, m_list) {
		atomic_dec(&msg_hdrs);
		list_del(&msg->m_list);
		free_msg(msg);
	}
	msg_stat_add(&msg_bytes, -(int)msq->q_cbytes);
	msq->q_cbytes = msq->q_qnum = 0;
}

static int testmsg(struct msg_msg *msg, long type, int mode)
{
	switch (mode) {
	case SEARCH_ANY:
		return 1;
	case SEARCH_LESSEQUAL:
		return msg->m_type <= type;
	case SEARCH_EQUAL:
		return msg->m_type == type;
	case SEARCH_NOTEQUAL:
		return msg->m_type != type;
	case SEARCH_NUMBER:
		return 1;
	}
	return 0;
}

/* hand msg to the first matching receiver; 1 if one took it */
static int pipelined_send(struct msg_queue *msq, struct msg_msg *msg)
{
	struct msg_receiver *r, *n;

	list_for_each_entry_safe(r, n, &msq->q_receivers, r_list) {
		if (!testmsg(msg, r->r_msgtype, r->r_mode))
			continue;
		list_del_init(&r->r_list);
		if (r->r_maxsize < msg->m_ts) {
			wake_receiver(r, ERR_PTR(-E2BIG));
			continue;
		}
		msq->q_lrpid = ipc_pid(r->r_tsk);
		msq->q_rtime = get_seconds();
		wake_receiver(r, msg);
		return 1;
	}
	return 0;
}

/*
 * Queue msg (a kernel copy, owned from here on) on msqid, sleeping while
 * the queue is full unless IPC_NOWAIT. Spec 7.3 steps 4-9.
 */
static long msgsnd_msg(int msqid, struct msg_msg *msg, int msgflg)
{
	struct msg_queue *msq;
	struct msg_sender s;
	long err;

	msq = msg_lock_check(msqid);
	if (IS_ERR(msq)) {
		err = PTR_ERR(msq);
		goto out_free;
	}
	for (;;) {
		err = -EACCES;
		if (ipcperms(&msq->q_perm, S_IWUGO))
			goto out_unlock;
		if (msq->q_cbytes + msg->m_ts <= msq->q_qbytes &&
		    msq->q_qnum + 1 <= msq->q_qbytes)
			break;
		err = -EAGAIN;
		if (msgflg & IPC_NOWAIT)
			goto out_unlock;
		s.tsk = current;
		s.deleted = 0;
		list_add_tail(&s.list, &msq->q_senders);
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock(&msq->q_perm.lock);	/* the lookup's reference stays */
		schedule();
		__set_current_state(TASK_RUNNING);
		ipc_lock_by_ptr(&msq->q_perm);
		err = -EIDRM;
		if (s.deleted)
			goto out_unlock;	/* freeque unlinked us: msq is leaving */
		list_del(&s.list);
		err = -ERESTARTNOHAND;
		if (signal_pending(current))
			goto out_unlock;
	}
	msq->q_lspid = ipc_pid(current);
	msq->q_stime = get_seconds();
	if (!pipelined_send(msq, msg)) {
		list_add_tail(&msg->m_list, &msq->q_messages);
		msq->q_cbytes += msg->m_ts;
		msq->q_qnum++;
		msg_stat_add(&msg_bytes, msg->m_ts);
		atomic_inc(&msg_hdrs);
	}
	msg_unlock(msq);
	return 0;

out_unlock:
	msg_unlock(msq);
out_free:
	free_msg(msg);
	return err;
}

/* msgsnd of a kernel buffer */
long do_msgsnd(int msqid, long mtype, const void *text, size_t msgsz, int msgflg)
{
	struct msg_msg *msg;

	if (msgsz > (size_t)init_ipc_ns.msg_ctlmax || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	msg = alloc_msg(msgsz);
	if (!msg)
		return -ENOMEM;
	msg->m_type = mtype;
	memcpy(msg->m_text, text, msgsz);
	return msgsnd_msg(msqid, msg, msgflg);
}

long sys_msgsnd(int msqid, struct msgbuf __user *msgp, size_t msgsz, int msgflg)
{
	struct msg_msg *msg;
	long mtype;

	/* mtype first, as today's ksys_msgsnd: a NULL buffer is EFAULT whatever else is wrong */
	if (get_user(mtype, &msgp->mtype))
		return -EFAULT;
	if (msgsz > (size_t)init_ipc_ns.msg_ctlmax || (long)msgsz < 0 || msqid < 0)
		return -EINVAL;
	if (mtype < 1)
		return -EINVAL;
	msg = alloc_msg(msgsz);
	if (!msg)
		return -ENOMEM;
	msg->m_type = mtype;
	if (copy_from_user(msg->m_text, msgp->mtext, msgsz)) {
		free_msg(msg);
		return -EFAULT;
	}
	return msgsnd_msg(msqid, msg, msgflg);
}

static int convert_mode(long *msgtyp, int msgflg)
{
	if (msgflg & MSG_COPY)
		return SEARCH_NUMBER;
	if (!*msgtyp)
		return SEARCH_ANY;
	if (*msgtyp < 0) {
		/* -LONG_MIN does not exist: it means -LONG_MAX (2.6 negated it to itself) */
		*msgtyp = *msgtyp == LONG_MIN ? LONG_MAX : -*msgtyp;
		return SEARCH_LESSEQUAL;
	}
	if (msgflg & MSG_EXCEPT)
		return SEARCH_NOTEQUAL;
	return SEARCH_EQUAL;
}

/*
 * MSG_COPY: a copy of msg, which stays queued, into copy, a buffer of
 * min(msgsz, MSGMAX) bytes made before the lock (Linux's prepare_copy);
 * a message that does not fit it is EINVAL, MSG_NOERROR or not.
 */
static struct msg_msg *copy_msg(struct msg_msg *msg, struct msg_msg *copy)
{
	if (msg->m_ts > copy->m_ts)
		return ERR_PTR(-EINVAL);
	copy->m_type = msg->m_type;
	copy->m_ts = msg->m_ts;
	memcpy(copy->m_text, msg->m_text, msg->m_ts);
	return copy;
}

/* the message msgrcv would take, by mode; SEARCH_NUMBER counts from 0 */
static struct msg_msg *find_msg(struct msg_queue *msq, long type, int mode)
{
	struct msg_msg *msg, *found = NULL;
	long count = 0;

	list_for_each_entry(msg, &msq->q_messages, m_list) {
		if (!testmsg(msg, type, mode))
			continue;
		if (mode == SEARCH_NUMBER) {
			if (count++ == type)
				return msg;
			continue;
		}
		if (mode != SEARCH_LESSEQUAL)
			return msg;
		/* the lowest type wins, the oldest among ties; 1 cannot be beaten */
		found = msg;
		type = msg->m_type - 1;
		if (!type)
			break;
	}
	return found;
}

/*
 * Take a message off msqid (spec 7.4), sleeping for one unless
 * IPC_NOWAIT. Returns the message, now owned by the caller, or ERR_PTR.
 */
static struct msg_msg *msgrcv_msg(int msqid, size_t msgsz, long msgtyp, int msgflg)
{
	struct msg_queue *msq;
	struct msg_receiver r;
	struct msg_msg *msg, *copy = NULL;
	int mode;

	if (msqid < 0 || (long)msgsz < 0)
		return ERR_PTR(-EINVAL);
	/* MSG_COPY (Linux 3.8, checkpoint/restore) peeks without waiting */
	if ((msgflg & MSG_COPY) && ((msgflg & MSG_EXCEPT) || !(msgflg & IPC_NOWAIT)))
		return ERR_PTR(-EINVAL);
	mode = convert_mode(&msgtyp, msgflg);
	if (msgflg & MSG_COPY) {
		size_t room = msgsz < (size_t)init_ipc_ns.msg_ctlmax ? msgsz :
			      (size_t)init_ipc_ns.msg_ctlmax;

		copy = alloc_msg(room);		/* no allocation under the lock */
		if (!copy)
			return ERR_PTR(-ENOMEM);
	}
	msq = msg_lock_check(msqid);
	if (IS_ERR(msq)) {
		msg = (struct msg_msg *)msq;
		goto out_free;
	}
	for (;;) {
		msg = ERR_PTR(-EACCES);
		if (ipcperms(&msq->q_perm, S_IRUGO))
			goto out_unlock;
		msg = find_msg(msq, msgtyp, mode);
		if (msg) {
			if ((long)msgsz < msg->m_ts && !(msgflg & MSG_NOERROR)) {
				msg = ERR_PTR(-E2BIG);
				goto out_unlock;
			}
			if (msgflg & MSG_COPY) {
				msg = copy_msg(msg, copy);
				if (!IS_ERR(msg))
					copy = NULL;
				goto out_unlock;
			}
			list_del(&msg->m_list);
			msq->q_qnum--;
			msq->q_cbytes -= msg->m_ts;
			msq->q_rtime = get_seconds();
			msq->q_lrpid = ipc_pid(current);
			msg_stat_add(&msg_bytes, -msg->m_ts);
			atomic_dec(&msg_hdrs);
			ss_wakeup(msq, 0);
			goto out_unlock;
		}
		msg = ERR_PTR(-ENOMSG);
		if (msgflg & IPC_NOWAIT)
			goto out_unlock;
		r.r_tsk = current;
		r.r_mode = mode;
		r.r_msgtype = msgtyp;
		r.r_maxsize = (msgflg & MSG_NOERROR) ? INT_MAX : (long)msgsz;
		r.r_msg = ERR_PTR(-EAGAIN);
		list_add_tail(&r.r_list, &msq->q_receivers);
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock(&msq->q_perm.lock);	/* the lookup's reference stays */
		schedule();
		__set_current_state(TASK_RUNNING);

		/* lockless receive: a decision (message, E2BIG, EIDRM) is final */
		while (!(msg = r.r_msg))
			cpu_relax();
		if (msg != ERR_PTR(-EAGAIN)) {
			ipc_putref(&msq->q_perm);
			goto out_free;
		}
		/* nothing decided yet (IPC_SET or a signal): decide under the lock */
		ipc_lock_by_ptr(&msq->q_perm);
		msg = r.r_msg;
		if (msg != ERR_PTR(-EAGAIN))
			goto out_unlock;
		list_del(&r.r_list);
		msg = ERR_PTR(-ERESTARTNOHAND);
		if (signal_pending(current))
			goto out_unlock;
		msg = ERR_PTR(-EIDRM);
		if (msq->q_perm.deleted)
			goto out_unlock;
	}
out_unlock:
	msg_unlock(msq);
out_free:
	if (copy)
		free_msg(copy);
	return msg;
}

/* msgrcv into a kernel buffer; returns the bytes copied */
long do_msgrcv(int msqid, long *mtype, void *text, size_t msgsz, long msgtyp, int msgflg)
{
	struct msg_msg *msg = msgrcv_msg(msqid, msgsz, msgtyp, msgflg);
	size_t n;

	if (IS_ERR(msg))
		return PTR_ERR(msg);
	n = msgsz < (size_t)msg->m_ts ? msgsz : (size_t)msg->m_ts;
	*mtype = msg->m_type;
	memcpy(text, msg->m_text, n);
	free_msg(msg);
	return n;
}

/*
 * MSG_COPY reads the caller's buffer before it looks the queue up: Linux's
 * prepare_copy loads min(msgsz, MSGMAX) bytes of it into the message the
 * copy will fill, so an unreadable buffer is EFAULT even for a bad id.
 */
static long msg_copy_probe(struct msgbuf __user *msgp, size_t msgsz)
{
	size_t n = msgsz < (size_t)init_ipc_ns.msg_ctlmax ? msgsz : (size_t)init_ipc_ns.msg_ctlmax;
	void *tmp;
	long err = 0;

	if (!n)
		return 0;
	tmp = kmalloc(n, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	if (copy_from_user(tmp, msgp, n))
		err = -EFAULT;
	kfree(tmp);
	return err;
}

long sys_msgrcv(int msqid, struct msgbuf __user *msgp, size_t msgsz, long msgtyp, int msgflg)
{
	struct msg_msg *msg;
	long ret;
	size_t n;

	if ((msgflg & MSG_COPY) && msqid >= 0 && (long)msgsz >= 0 &&
	    !(msgflg & MSG_EXCEPT) && (msgflg & IPC_NOWAIT)) {
		ret = msg_copy_probe(msgp, msgsz);
		if (ret)
			return ret;
	}
	msg = msgrcv_msg(msqid, msgsz, msgtyp, msgflg);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	n = msgsz < (size_t)msg->m_ts ? msgsz : (size_t)msg->m_ts;
	ret = n;
	/* a fault here loses the message, as in Linux */
	if (put_user(msg->m_type, &msgp->mtype) || copy_to_user(msgp->mtext, msg->m_text, n))
		ret = -EFAULT;
	free_msg(msg);
	return ret;
}

static void fill_msqid64(struct msg_queue *msq, struct msqid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	kernel_to_ipc64_perm(&msq->q_perm, &out->msg_perm);
	out->msg_stime = msq->q_stime;
	out->msg_rtime = msq->q_rtime;
	out->msg_ctime = msq->q_ctime;
	out->msg_cbytes = msq->q_cbytes;
	out->msg_qnum = msq->q_qnum;
	out->msg_qbytes = msq->q_qbytes;
	out->msg_lspid = msq->q_lspid;
	out->msg_lrpid = msq->q_lrpid;
}

/* IPC_SET and IPC_RMID, under msg_ids.mutex (2.6's msgctl_down) */
static long msgctl_down(int msqid, int cmd, struct msqid64_ds *ds)
{
	struct msg_queue *msq;
	long err;

	ipc_ids_lock(&msg_ids);
	msq = msg_lock_check(msqid);
	if (IS_ERR(msq)) {
		err = PTR_ERR(msq);
		goto out;
	}
	err = -EPERM;
	if (ipc_check_owner(&msq->q_perm))
		goto out_unlock;
	if (cmd == IPC_RMID) {
		freeque(msq);
		err = 0;
		goto out_unlock;
	}
	if (ds->msg_qbytes > (unsigned long)init_ipc_ns.msg_ctlmnb && !capable(CAP_SYS_RESOURCE))
		goto out_unlock;
	err = -EINVAL;	/* before the limit changes, as today's msgctl_down */
	if (ipc_set_perm(&msq->q_perm, ds->msg_perm.uid, ds->msg_perm.gid, ds->msg_perm.mode))
		goto out_unlock;
	msq->q_qbytes = ds->msg_qbytes;
	msq->q_ctime = get_seconds();
	/* sleepers re-check: the limit or the permissions may have changed */
	expunge_all(msq, -EAGAIN);
	ss_wakeup(msq, 0);
	err = 0;
out_unlock:
	msg_unlock(msq);
	if (cmd == IPC_RMID && !err)
		ipc_shrink(&msg_ids);
out:
	ipc_ids_unlock(&msg_ids);
	return err;
}

/*
 * Every msgctl command on kernel buffers: buf is a msqid64_ds (IPC_STAT,
 * MSG_STAT, IPC_SET) or a msginfo (IPC_INFO, MSG_INFO).
 */
long do_msgctl(int msqid, int cmd, void *buf)
{
	struct msg_queue *msq;
	struct kern_ipc_perm *ipcp;

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO: {
		struct msginfo *mi = buf;
		int max_id;

		memset(mi, 0, sizeof(*mi));
		mi->msgmni = init_ipc_ns.msg_ctlmni;
		mi->msgmax = init_ipc_ns.msg_ctlmax;
		mi->msgmnb = init_ipc_ns.msg_ctlmnb;
		mi->msgssz = MSGSSZ;
		mi->msgseg = MSGSEG;
		ipc_ids_lock(&msg_ids);
		if (cmd == MSG_INFO) {
			mi->msgpool = msg_ids.in_use;
			mi->msgmap = atomic_read(&msg_hdrs);
			mi->msgtql = atomic_read(&msg_bytes);
		} else {
			mi->msgpool = MSGPOOL;
			mi->msgmap = MSGMAP;
			mi->msgtql = MSGTQL;
		}
		max_id = msg_ids.max_id < 0 ? 0 : msg_ids.max_id;
		ipc_ids_unlock(&msg_ids);
		return max_id;
	}
	case MSG_STAT:
	case MSG_STAT_ANY: {
		long ret = -EACCES;

		ipcp = ipc_lock_index(&msg_ids, msqid);
		if (IS_ERR(ipcp))
			return PTR_ERR(ipcp);
		if (cmd == MSG_STAT_ANY || !ipcperms(ipcp, S_IRUGO)) {
			fill_msqid64(msq_obj(ipcp), buf);
			ret = ipcp->id;
		}
		ipc_unlock(ipcp);
		return ret;
	}
	case IPC_STAT:
	case IPC_SET:
	case IPC_RMID:
		break;
	default:
		return -EINVAL;
	}

	if (cmd == IPC_STAT) {
		long ret = -EACCES;

		msq = msg_lock_check(msqid);
		if (IS_ERR(msq))
			return PTR_ERR(msq);
		if (!ipcperms(&msq->q_perm, S_IRUGO)) {
			fill_msqid64(msq, buf);
			ret = 0;
		}
		msg_unlock(msq);
		return ret;
	}
	return msgctl_down(msqid, cmd, buf);
}

long sys_msgctl(int msqid, int cmd, void __user *buf)
{
	int version = ipc_parse_version(&cmd);
	union {
		struct msqid64_ds ds;
		struct msginfo info;
	} u;
	long ret;

	if (msqid < 0 || cmd < 0)
		return -EINVAL;
	memset(&u, 0, sizeof(u));
	switch (cmd) {
	/* the id is looked up before the buffer is touched: a bad id wins over a bad buffer */
	case IPC_INFO:
	case MSG_INFO:
		ret = do_msgctl(msqid, cmd, &u.info);
		if (copy_to_user(buf, &u.info, sizeof(u.info)))
			return -EFAULT;
		return ret;
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		ret = do_msgctl(msqid, cmd, &u.ds);
		if (ret < 0)
			return ret;
		if (version == IPC_64) {
			if (copy_to_user(buf, &u.ds, sizeof(u.ds)))
				return -EFAULT;
		} else {
			struct msqid_ds old;

			memset(&old, 0, sizeof(old));
			ipc64_perm_to_ipc_perm(&u.ds.msg_perm, &old.msg_perm);
			old.msg_stime = u.ds.msg_stime;
			old.msg_rtime = u.ds.msg_rtime;
			old.msg_ctime = u.ds.msg_ctime;
			old.msg_lcbytes = u.ds.msg_cbytes;
			old.msg_lqbytes = u.ds.msg_qbytes;
			old.msg_cbytes = ipc_clamp16(u.ds.msg_cbytes);
			old.msg_qnum = ipc_clamp16(u.ds.msg_qnum);
			old.msg_qbytes = ipc_clamp16(u.ds.msg_qbytes);
			old.msg_lspid = ipc_clamp16(u.ds.msg_lspid);
			old.msg_lrpid = ipc_clamp16(u.ds.msg_lrpid);
			if (copy_to_user(buf, &old, sizeof(old)))
				return -EFAULT;
		}
		return ret;
	case IPC_SET:
		if (version == IPC_64) {
			if (copy_from_user(&u.ds, buf, sizeof(u.ds)))
				return -EFAULT;
		} else {
			struct msqid_ds old;

			if (copy_from_user(&old, buf, sizeof(old)))
				return -EFAULT;
			u.ds.msg_perm.uid = old.msg_perm.uid;
			u.ds.msg_perm.gid = old.msg_perm.gid;
			u.ds.msg_perm.mode = old.msg_perm.mode;
			u.ds.msg_qbytes = old.msg_qbytes ? old.msg_qbytes : old.msg_lqbytes;
		}
		return do_msgctl(msqid, cmd, &u.ds);
	default:
		return do_msgctl(msqid, cmd, NULL);
	}
}

/* ipcs in the shell: the queue, then its sleeping receivers (r) and senders (s) */
void msg_show_all(void)
{
	printk("------ Message Queues --------\n");
	printk("%-10s %-10s %-10s %-10s %-12s %-12s %s\n",
	       "key", "msqid", "owner", "perms", "used-bytes", "messages", "waiting");
	/* the table's mutex keeps the objects; each one's lock keeps its queues still */
	ipc_ids_lock(&msg_ids);
	for (int i = 0; i <= msg_ids.max_id; i++) {
		struct kern_ipc_perm *p = msg_ids.entries[i];
		struct msg_queue *msq;
		struct msg_receiver *r;
		struct msg_sender *s;

		if (!p)
			continue;
		spin_lock(&p->lock);
		msq = msq_obj(p);
		printk("0x%08x %-10d %-10u %-10o %-12lu %-12lu", (unsigned)p->key, p->id,
		       p->uid, p->mode & 0777, msq->q_cbytes, msq->q_qnum);
		list_for_each_entry(r, &msq->q_receivers, r_list)
			printk(" r%d", ipc_pid(r->r_tsk));
		list_for_each_entry(s, &msq->q_senders, list)
			printk(" s%d", ipc_pid(s->tsk));
		printk("\n");
		spin_unlock(&p->lock);
	}
	ipc_ids_unlock(&msg_ids);
	printk("\n");
}

/* ---- /proc/sysvipc/msg ---- */

#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>

static int sysvipc_msg_proc_show(struct seq_file *s, void *it)
{
	struct msg_queue *msq = container_of(it, struct msg_queue, q_perm);

	seq_printf(s, "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10lu %10lu %10lu\n",
		   msq->q_perm.key, msq->q_perm.id, msq->q_perm.mode & 0777,
		   msq->q_cbytes, msq->q_qnum, msq->q_lspid, msq->q_lrpid,
		   msq->q_perm.uid, msq->q_perm.gid, msq->q_perm.cuid, msq->q_perm.cgid,
		   msq->q_stime, msq->q_rtime, msq->q_ctime);
	return 0;
}

void msg_proc_init(void)
{
	ipc_init_proc_interface("msg", "       key      msqid perms      cbytes       qnum lspid lrpid"
				"   uid   gid  cuid  cgid      stime      rtime      ctime\n",
				&msg_ids, sysvipc_msg_proc_show);
}

/* ---- the wait-for graph: any process may send or receive; the last sender is a hint ---- */

#include <kernel/waitgraph.h>

static void msg_waitgraph_scan(void)
{
	for (int i = 0; i <= msg_ids.max_id; i++) {
		struct kern_ipc_perm *perm = msg_ids.entries[i];
		struct msg_queue *msq;
		struct msg_receiver *r;
		struct msg_sender *snd;
		struct wg_sleeper *s;
		char what[48];

		if (!perm)
			continue;
		msq = container_of(perm, struct msg_queue, q_perm);
		list_for_each_entry(r, &msq->q_receivers, r_list) {
			snprintf(what, sizeof(what), "msgrcv type %ld on queue %d", r->r_msgtype, perm->id);
			s = wg_add(r->r_tsk, what, "a message");
			if (s) {
				wg_anyone(s, "any process with write permission may send");
				s->hint = msq->q_lspid;
			}
		}
		list_for_each_entry(snd, &msq->q_senders, list) {
			snprintf(what, sizeof(what), "msgsnd on full queue %d", perm->id);
			s = wg_add(snd->tsk, what, "room in the queue");
			if (s)
				wg_anyone(s, "any process with read permission may receive");
		}
	}
}
WAITGRAPH_KIND(msg, msg_waitgraph_scan);

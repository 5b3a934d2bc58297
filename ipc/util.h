/*
 * ipc/util.h - what the three System V IPC mechanisms share, private to
 * ipc/ (Linux 2.6: ipc/util.h). User-visible layouts live in include/uapi/.
 *
 * Locking (2.6.9's ipc/util.c, with a reference count in place of RCU):
 *   ids->mutex   (2.6.9: ids->sem; 2.6.24+: ids->rw_mutex) - a sleeping lock
 *                held by every change to the table's membership: *get()
 *                (key lookup and creation), IPC_RMID, IPC_SET, the slot
 *                array's growth and kernel.*_next_id, /proc/sysvipc walks.
 *   ids->lock    spinlock over entries[], size and the slot pointers: a
 *                lookup by id holds it only to read the slot and take a
 *                reference (2.6: rcu_read_lock around the same read).
 *   perm->lock   (2.6: kern_ipc_perm.lock, taken by ipc_lock()) - spinlock
 *                over the object's whole state (values, queues, times,
 *                permissions) and its `deleted` flag, which the lookup
 *                checks after taking it (2.6 does the same after RCU).
 *   perm->refcount keeps the memory of an object alive while a lookup waits
 *                for its lock or a task sleeps with a pointer to it
 *                (2.6.24+: ipc_rcu_getref/putref); the table holds one.
 * Order: ids->mutex -> perm->lock -> ids->lock. Nothing sleeps or touches
 * user memory under a spinlock: callers copy into kernel buffers first.
 */
#ifndef _IPC_UTIL_H
#define _IPC_UTIL_H

#include <kernel/types.h>
#include <kernel/atomic.h>
#include <kernel/ipc.h>
#include <kernel/mutex.h>
#include <kernel/spinlock.h>
#include <uapi/ipc.h>

struct seq_file;

#define SEQ_MULTIPLIER	32768	/* IPCMNI */
#define IPCMNI		32768
#define IPC_SEQ_MAX	65535

/* permission bits asked of ipcperms(): S_IRUGO, S_IWUGO, S_IXUGO */
#include <uapi/stat.h>

/* the first member of every object, which is kmalloc'ed: the last ipc_putref kfree()s it */
struct kern_ipc_perm {
	spinlock_t lock;
	int deleted;		/* set under lock by ipc_rmid */
	atomic_t refcount;
	key_t key;
	uid_t uid;
	gid_t gid;
	uid_t cuid;
	gid_t cgid;
	mode_t mode;		/* 0777 plus type flags (SHM_DEST, SHM_LOCKED) */
	unsigned long seq;
	int id;			/* seq * SEQ_MULTIPLIER + index */
};

/*
 * One table per kind: slot i holds the object whose id is seq * 32768 + i,
 * so a lookup is one index. The slot array grows on demand (by doubling, as
 * 2.6's grow_ary) up to the kind's limit and shrinks again as the highest
 * used slot comes down; its first IPC_MIN_SLOTS slots are 'first', inside
 * the table, so a quiet system holds no extra pages.
 */
#define IPC_MIN_SLOTS	16

struct ipc_ids {
	struct mutex mutex;
	spinlock_t lock;	/* entries[] and size, for lookups */
	int in_use;
	int max_id;		/* highest used index, -1 when empty */
	unsigned short seq;
	unsigned short seq_max;
	const int *mni;		/* the kind's limit in init_ipc_ns: msg_ctlmni... */
	int size;		/* slots in 'entries' */
	int free_hint;		/* no free slot below this index */
	struct kern_ipc_perm **entries;
	struct kern_ipc_perm *first[IPC_MIN_SLOTS];
	int next_id;		/* kernel.*_next_id: the next object's id, or -1 */
};

#define IPC_IDS_INIT(name, limit) {					\
	.mutex = __MUTEX_INITIALIZER((name).mutex),			\
	.lock = __SPIN_LOCK_UNLOCKED((name).lock),			\
	.max_id = -1, .seq_max = IPC_SEQ_MAX, .mni = &(limit),		\
	.size = IPC_MIN_SLOTS, .entries = (name).first, .next_id = -1,	\
}

/* ids->mutex: membership changes (2.6.9 down(&ids->sem)) */
static inline void ipc_ids_lock(struct ipc_ids *ids) { mutex_lock(&ids->mutex); }
static inline void ipc_ids_unlock(struct ipc_ids *ids) { mutex_unlock(&ids->mutex); }

struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, key_t key);	/* ids->mutex held */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new);		/* ids->mutex held; new comes back locked */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *ipcp);	/* ids->mutex and ipcp->lock held */
/* lookups: the object locked and referenced, or ERR_PTR (-EINVAL, -EIDRM) */
struct kern_ipc_perm *ipc_lock_check(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_lock_index(struct ipc_ids *ids, int id);

static inline void ipc_getref(struct kern_ipc_perm *p) { atomic_inc(&p->refcount); }
void ipc_putref(struct kern_ipc_perm *p);	/* the last one frees the object */
void ipc_shrink(struct ipc_ids *ids);		/* after ipc_rmid, ids->mutex held, no spinlock */

/* 2.6's ipc_lock_by_ptr: the caller holds a reference (ipc_getref) released by ipc_unlock */
static inline void ipc_lock_by_ptr(struct kern_ipc_perm *p) { spin_lock(&p->lock); }

/* drop the object's lock and the reference the lookup took */
static inline void ipc_unlock(struct kern_ipc_perm *p)
{
	spin_unlock(&p->lock);
	ipc_putref(p);
}

static inline int ipc_buildid(int index, unsigned long seq)
{
	return (int)(seq * SEQ_MULTIPLIER + index);
}

int ipcperms(struct kern_ipc_perm *ipcp, short flag);
int ipc_check_owner(struct kern_ipc_perm *ipcp);
int ipc_set_perm(struct kern_ipc_perm *ipcp, uid_t uid, gid_t gid, mode_t mode);
int ipc_parse_version(int *cmd);
void kernel_to_ipc64_perm(struct kern_ipc_perm *in, struct ipc64_perm *out);
void ipc64_perm_to_ipc_perm(struct ipc64_perm *in, struct ipc_perm *out);

/*
 * The shared *get() logic (spec 4.2): 'newobj' creates an object for the
 * key and returns its id; 'more_checks' is the kind's size check on an
 * existing object (NULL for none).
 */
struct ipc_ops {
	int (*newobj)(key_t key, int flg, void *arg);
	int (*more_checks)(struct kern_ipc_perm *ipcp, void *arg);
};
int ipcget(struct ipc_ids *ids, key_t key, int flg, const struct ipc_ops *ops, void *arg);

static inline unsigned short ipc_clamp16(unsigned long v)
{
	return v > 65535 ? 65535 : (unsigned short)v;
}

/*
 * A uid or gid in a 16-bit field of an old layout: one that does not fit
 * shows as the overflow id, 65534 (Linux's high2lowuid with the default
 * fs.overflowuid/overflowgid), never clamped to 65535 or truncated.
 */
#define OVERFLOWUID	65534
#define OVERFLOWGID	65534
static inline unsigned short high2lowuid(uid_t uid)
{
	return (uid & ~0xffffU) ? OVERFLOWUID : (unsigned short)uid;
}
static inline unsigned short high2lowgid(gid_t gid)
{
	return (gid & ~0xffffU) ? OVERFLOWGID : (unsigned short)gid;
}

/* the IPC id numbering of a process: its thread group */
#define ipc_pid(t) ((t)->tgid)

/* the tables, for ipcs and the tests */
extern struct ipc_ids sem_ids, msg_ids, shm_ids;

#endif

/* /proc/sysvipc/NAME: a header line, then one show() line per object */
void ipc_init_proc_interface(const char *name, const char *header, struct ipc_ids *ids,
			     int (*show)(struct seq_file *, void *));
/* the id the next object of a kind takes (kernel.*_next_id), -1: the usual one */
int ipc_next_id_slot(struct ipc_ids *ids, int *index);

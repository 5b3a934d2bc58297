/*
 * ipc/util.h - what the three System V IPC mechanisms share, private to
 * ipc/ (Linux 2.6: ipc/util.h). User-visible layouts live in include/uapi/.
 *
 * Locking: the kernel is uniprocessor and not preemptible, so an IPC
 * operation runs undisturbed between its explicit sleeps; ipc_lock() and
 * ipc_unlock() mark those critical sections for the day a real lock is
 * needed (SMP), and every sleep re-validates what it held.
 */
#ifndef _IPC_UTIL_H
#define _IPC_UTIL_H

#include <kernel/types.h>
#include <kernel/ipc.h>
#include <uapi/ipc.h>

struct seq_file;

#define SEQ_MULTIPLIER	32768	/* IPCMNI */
#define IPCMNI		32768
#define IPC_SEQ_MAX	65535

/* permission bits asked of ipcperms(): S_IRUGO, S_IWUGO, S_IXUGO */
#include <uapi/stat.h>

struct kern_ipc_perm {
	int deleted;
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
	.max_id = -1, .seq_max = IPC_SEQ_MAX, .mni = &(limit),		\
	.size = IPC_MIN_SLOTS, .entries = (name).first, .next_id = -1,	\
}

static inline void ipc_lock(struct ipc_ids *ids) { (void)ids; }
static inline void ipc_unlock(struct ipc_ids *ids) { (void)ids; }

struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, key_t key);
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new);
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *ipcp);
struct kern_ipc_perm *ipc_lock_check(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_lock_index(struct ipc_ids *ids, int id);

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

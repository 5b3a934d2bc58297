/*
 * ipc/util.c - the machinery shared by semaphores, message queues and shared
 * memory (Linux 2.6: ipc/util.c): id tables with sequence numbers so a stale
 * id is refused, key lookup, the permission check and IPC_64 parsing.
 * Locking: see util.h (ids->mutex -> perm->lock -> ids->lock).
 */
#include "util.h"
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <uapi/sem.h>
#include <uapi/shm.h>
#include <uapi/msg.h>

/* the ABI layouts, checked against the spec's offset table */
_Static_assert(sizeof(struct ipc64_perm) == 36, "ipc64_perm");
_Static_assert(sizeof(struct ipc_perm) == 16, "ipc_perm");
_Static_assert(sizeof(struct semid64_ds) == 64, "semid64_ds");
_Static_assert(sizeof(struct semid_ds) == 44, "semid_ds");
_Static_assert(sizeof(struct shmid64_ds) == 84, "shmid64_ds");
_Static_assert(sizeof(struct shmid_ds) == 48, "shmid_ds");
_Static_assert(sizeof(struct msqid64_ds) == 88, "msqid64_ds");
_Static_assert(sizeof(struct msqid_ds) == 56, "msqid_ds");
_Static_assert(sizeof(struct seminfo) == 40, "seminfo");
_Static_assert(sizeof(struct shminfo64) == 36, "shminfo64");
_Static_assert(sizeof(struct shminfo) == 20, "shminfo");
_Static_assert(sizeof(struct shm_info) == 24, "shm_info");
_Static_assert(sizeof(struct msginfo) == 32, "msginfo");
_Static_assert(sizeof(struct sembuf) == 6, "sembuf");
_Static_assert(__builtin_offsetof(struct ipc64_perm, seq) == 24, "ipc64_perm.seq");
_Static_assert(__builtin_offsetof(struct semid64_ds, sem_nsems) == 52, "sem_nsems");
_Static_assert(__builtin_offsetof(struct semid_ds, sem_nsems) == 40, "old sem_nsems");
_Static_assert(__builtin_offsetof(struct shmid64_ds, shm_nattch) == 72, "shm_nattch");
_Static_assert(__builtin_offsetof(struct shmid_ds, shm_nattch) == 36, "old shm_nattch");
_Static_assert(__builtin_offsetof(struct msqid64_ds, msg_lrpid) == 76, "msg_lrpid");
_Static_assert(__builtin_offsetof(struct msqid_ds, msg_lrpid) == 52, "old msg_lrpid");
_Static_assert(__builtin_offsetof(struct msqid_ds, msg_lcbytes) == 36, "old msg_lcbytes");
_Static_assert(__builtin_offsetof(struct msginfo, msgseg) == 28, "msgseg");

/* the limits, at today's defaults; the sysctls will write them */
struct ipc_namespace init_ipc_ns = {
	.sem_ctls = { SEMMSL, SEMMNS, SEMOPM, SEMMNI },
	.msg_ctlmax = MSGMAX,
	.msg_ctlmnb = MSGMNB,
	.msg_ctlmni = MSGMNI,
	.shm_ctlmax = SHMMAX,
	.shm_ctlall = SHMALL,
	.shm_ctlmni = SHMMNI,
};

/* linear search over the used slots; IPC_PRIVATE (0) is never found */
struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, key_t key)
{
	if (key == IPC_PRIVATE)
		return NULL;
	for (int i = 0; i <= ids->max_id; i++) {
		struct kern_ipc_perm *p = ids->entries[i];

		if (p && p->key == key)
			return p;
	}
	return NULL;
}

/*
 * Move the slots to an array of newsize (at least max_id + 1), the table's
 * own 'first' when newsize is IPC_MIN_SLOTS. -ENOMEM leaves it unchanged.
 */
static int ipc_resize(struct ipc_ids *ids, int newsize)
{
	struct kern_ipc_perm **new = ids->first, **old;
	int keep = ids->max_id + 1;

	/* ids->mutex is held: nobody else changes the size; lookups read under ids->lock */
	if (newsize > IPC_MIN_SLOTS) {
		new = kmalloc(newsize * sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOMEM;
	}
	spin_lock(&ids->lock);
	old = ids->entries;
	if (new != old)
		memmove(new, old, keep * sizeof(*new));
	memset(new + keep, 0, (newsize - keep) * sizeof(*new));
	ids->entries = new;
	ids->size = newsize;
	spin_unlock(&ids->lock);
	if (new != old && old != ids->first)
		kfree(old);
	return 0;
}

/* the kind's limit on slots: its sysctl, never past what an id can name */
static int ipc_mni(struct ipc_ids *ids)
{
	return *ids->mni < IPCMNI ? *ids->mni : IPCMNI;
}

/*
 * Put 'new' in the lowest free slot and give it its id, growing the slot
 * array by doubling when the lowest free slot lies past it. The caller has
 * filled key and mode; the owner and creator are the caller. Returns the
 * index, -ENOSPC when the kind's limit is reached, -ENOMEM.
 */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *new)
{
	int index = ids->free_hint, start;
	/* kernel.*_next_id: search from its slot, take its sequence number */
	int next_seq = ipc_next_id_slot(ids, &index);

	/* every slot below free_hint is used, so the search starts there */
	start = index;
	while (index <= ids->max_id && ids->entries[index])
		index++;
	if (index >= ipc_mni(ids))
		return -ENOSPC;
	if (index >= ids->size) {
		int newsize = ids->size * 2;

		while (newsize <= index)
			newsize *= 2;
		if (newsize > IPCMNI)
			newsize = IPCMNI;
		if (ipc_resize(ids, newsize))
			return -ENOMEM;
	}
	if (start <= ids->free_hint)
		ids->free_hint = index + 1;
	ids->in_use++;
	if (index > ids->max_id)
		ids->max_id = index;
	new->uid = new->cuid = current->euid;
	new->gid = new->cgid = current->egid;
	new->deleted = 0;
	spin_lock_init(&new->lock);
	atomic_set(&new->refcount, 1);	/* the table's */
	if (next_seq >= 0) {
		new->seq = next_seq;
	} else {
		new->seq = ids->seq++;
		if (ids->seq > ids->seq_max)
			ids->seq = 0;
	}
	new->id = ipc_buildid(index, new->seq);
	/* locked before it is visible: the creator finishes it first (2.6 the same) */
	spin_lock(&new->lock);
	spin_lock(&ids->lock);
	ids->entries[index] = new;
	spin_unlock(&ids->lock);
	return index;
}

/*
 * Empty the object's slot; later uses of its id give EINVAL.
 * The slot array halves once the used slots fit in a quarter of it, so a
 * burst of objects gives its memory back (and halving again needs as many
 * removals as the growth took additions: no thrashing at a boundary).
 * Called with ids->mutex and ipcp->lock held; the caller's ipc_unlock()
 * (or ipc_putref()) then drops the table's reference as well as its own.
 * The shrinking allocates, so it is left to ipc_shrink(), after the unlock.
 */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *ipcp)
{
	int index = ipcp->id % SEQ_MULTIPLIER;

	spin_lock(&ids->lock);
	ids->entries[index] = NULL;
	spin_unlock(&ids->lock);
	ids->in_use--;
	if (index < ids->free_hint)
		ids->free_hint = index;
	if (index == ids->max_id)
		while (ids->max_id >= 0 && !ids->entries[ids->max_id])
			ids->max_id--;
	ipcp->deleted = 1;
	atomic_dec(&ipcp->refcount);	/* the table's: never the last, the caller holds one */
}

/* after a removal, with ids->mutex held and no spinlock: give back slot memory */
void ipc_shrink(struct ipc_ids *ids)
{
	while (ids->size > IPC_MIN_SLOTS && ids->max_id + 1 <= ids->size / 4)
		if (ipc_resize(ids, ids->size / 2))
			break;
}

void ipc_putref(struct kern_ipc_perm *p)
{
	if (atomic_dec_and_test(&p->refcount))
		kfree(p);
}

/*
 * The slot's object, referenced under ids->lock, then locked; NULL for an
 * empty slot. One removed while we waited for its lock is refused by its
 * deleted flag (2.6's check after spin_lock in ipc_lock).
 */
static struct kern_ipc_perm *ipc_lock_slot(struct ipc_ids *ids, int index)
{
	struct kern_ipc_perm *p = NULL;

	spin_lock(&ids->lock);
	if (index < ids->size && (p = ids->entries[index]))
		ipc_getref(p);
	spin_unlock(&ids->lock);
	if (!p)
		return NULL;
	spin_lock(&p->lock);
	if (p->deleted) {
		ipc_unlock(p);
		return NULL;
	}
	return p;
}

/*
 * The object by id, or ERR_PTR(-EINVAL) for an empty slot and for a stale
 * id whose slot holds a newer object. 2.6's ipc_checkid made the second
 * -EIDRM; today's Linux (ipc_obtain_object_check) answers -EINVAL, and that
 * is the ABI kept. EIDRM stays the answer of a sleeper whose object went.
 */
struct kern_ipc_perm *ipc_lock_check(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;
	int index;

	if (id < 0)
		return ERR_PTR(-EINVAL);
	index = id % SEQ_MULTIPLIER;
	if (!(p = ipc_lock_slot(ids, index)))
		return ERR_PTR(-EINVAL);
	if ((unsigned long)(id / SEQ_MULTIPLIER) != p->seq) {
		ipc_unlock(p);
		return ERR_PTR(-EINVAL);	/* 2.6: -EIDRM */
	}
	return p;
}

/*
 * The object in the slot that id names, for the *_STAT commands: no
 * sequence check, so an index and a full id (of any age) both work. 2.6
 * took only an index (an id past the table was EINVAL); today's Linux
 * (ipc_obtain_object_idr) takes the slot of a full id.
 */
struct kern_ipc_perm *ipc_lock_index(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	if (id < 0 || !(p = ipc_lock_slot(ids, id % SEQ_MULTIPLIER)))
		return ERR_PTR(-EINVAL);
	return p;
}

/*
 * Owner, group or other bits by who the caller is; root (CAP_IPC_OWNER)
 * passes everything. 0 or -EACCES (Linux returns -1; the callers map it).
 */
int ipcperms(struct kern_ipc_perm *ipcp, short flag)
{
	int requested = ((flag >> 6) | (flag >> 3) | flag) & 7;
	int granted = ipcp->mode;

	if (current->euid == ipcp->cuid || current->euid == ipcp->uid)
		granted >>= 6;
	else if (in_egroup_p(ipcp->cgid) || in_egroup_p(ipcp->gid))
		granted >>= 3;
	if ((requested & ~granted & 7) && !capable(CAP_IPC_OWNER))
		return -EACCES;
	return 0;
}

/* IPC_SET and IPC_RMID: the owner, the creator or CAP_SYS_ADMIN */
int ipc_check_owner(struct kern_ipc_perm *ipcp)
{
	if (current->euid == ipcp->cuid || current->euid == ipcp->uid ||
	    capable(CAP_SYS_ADMIN))
		return 0;
	return -EPERM;
}

/*
 * IPC_SET's common part: cuid, cgid and the bits above 0777 never change.
 * (uid_t)-1 and (gid_t)-1 name nobody: -EINVAL and nothing changes, as
 * today's ipc_update_perm (make_kuid gives INVALID_UID); 2.6 stored them.
 */
int ipc_set_perm(struct kern_ipc_perm *ipcp, uid_t uid, gid_t gid, mode_t mode)
{
	if (uid == (uid_t)-1 || gid == (gid_t)-1)
		return -EINVAL;
	ipcp->uid = uid;
	ipcp->gid = gid;
	ipcp->mode = (ipcp->mode & ~0777) | (mode & 0777);
	return 0;
}

/* strip IPC_64 from *cmd and say which layout the caller wants */
int ipc_parse_version(int *cmd)
{
	if (*cmd & IPC_64) {
		*cmd ^= IPC_64;
		return IPC_64;
	}
	return IPC_OLD;
}

void kernel_to_ipc64_perm(struct kern_ipc_perm *in, struct ipc64_perm *out)
{
	memset(out, 0, sizeof(*out));
	out->key = in->key;
	out->uid = in->uid;
	out->gid = in->gid;
	out->cuid = in->cuid;
	out->cgid = in->cgid;
	out->mode = (unsigned short)in->mode;
	out->seq = (unsigned short)in->seq;
}

void ipc64_perm_to_ipc_perm(struct ipc64_perm *in, struct ipc_perm *out)
{
	memset(out, 0, sizeof(*out));
	out->key = in->key;
	out->uid = high2lowuid(in->uid);
	out->gid = high2lowgid(in->gid);
	out->cuid = high2lowuid(in->cuid);
	out->cgid = high2lowgid(in->cgid);
	out->mode = in->mode;
	out->seq = in->seq;
}

/*
 * semget/msgget/shmget (spec 4.2): IPC_PRIVATE always creates; a missing
 * key needs IPC_CREAT (ENOENT); an existing one fails IPC_CREAT|IPC_EXCL
 * (EEXIST) before the kind's size check and the permission check.
 */
int ipcget(struct ipc_ids *ids, key_t key, int flg, const struct ipc_ops *ops, void *arg)
{
	struct kern_ipc_perm *ipcp;
	int err;

	ipc_ids_lock(ids);
	if (key == IPC_PRIVATE) {
		err = ops->newobj(key, flg, arg);
		goto out;
	}
	ipcp = ipc_findkey(ids, key);
	if (!ipcp) {
		err = (flg & IPC_CREAT) ? ops->newobj(key, flg, arg) : -ENOENT;
		goto out;
	}
	if ((flg & IPC_CREAT) && (flg & IPC_EXCL)) {
		err = -EEXIST;
		goto out;
	}
	/* the mutex keeps it in the table; its lock keeps IPC_SET... out of the checks */
	spin_lock(&ipcp->lock);
	err = ops->more_checks ? ops->more_checks(ipcp, arg) : 0;
	if (!err)
		err = ipcperms(ipcp, flg);
	if (!err)
		err = ipcp->id;
	spin_unlock(&ipcp->lock);
out:
	ipc_ids_unlock(ids);
	return err;
}

/*
 * kernel.msg_next_id, sem_next_id, shm_next_id (Linux: ipc_idr_alloc under
 * CONFIG_CHECKPOINT_RESTORE): when set, the next object searches for a
 * slot from that id's index and takes its sequence number; it is used once.
 * Returns the sequence number, or -1 (and *index untouched) when unset.
 */
int ipc_next_id_slot(struct ipc_ids *ids, int *index)
{
	int id = ids->next_id;

	if (id < 0)
		return -1;
	ids->next_id = -1;
	*index = id % SEQ_MULTIPLIER;
	return id / SEQ_MULTIPLIER;
}

/* ---- /proc/sysvipc (Linux: sysvipc_proc_*) ---- */

#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>

struct ipc_proc_iface {
	const char *header;
	struct ipc_ids *ids;
	int (*show)(struct seq_file *, void *);
};

static struct proc_dir_entry *sysvipc_dir;

/* position 0 is the header, position i + 1 the object in slot i */
static void *sysvipc_find(struct ipc_ids *ids, loff_t *pos)
{
	for (loff_t i = *pos - 1; i <= ids->max_id; i++)
		if (ids->entries[i]) {
			*pos = i + 1;
			return ids->entries[i];
		}
	*pos = (loff_t)ids->max_id + 2;
	return NULL;
}

static void *sysvipc_proc_start(struct seq_file *m, loff_t *pos)
{
	struct ipc_proc_iface *iface = m->private;

	/* the table's mutex from start to stop (2.6.24+: down_read(&ids->rw_mutex)) */
	ipc_ids_lock(iface->ids);
	if (*pos == 0)
		return SEQ_START_TOKEN;
	return sysvipc_find(iface->ids, pos);
}

static void *sysvipc_proc_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct ipc_proc_iface *iface = m->private;

	(void)v;
	++*pos;
	return sysvipc_find(iface->ids, pos);
}

static void sysvipc_proc_stop(struct seq_file *m, void *v)
{
	struct ipc_proc_iface *iface = m->private;

	(void)v;
	ipc_ids_unlock(iface->ids);
}

static int sysvipc_proc_show(struct seq_file *m, void *v)
{
	struct ipc_proc_iface *iface = m->private;

	struct kern_ipc_perm *p = v;
	int err;

	if (v == SEQ_START_TOKEN) {
		seq_puts(m, iface->header);
		return 0;
	}
	/* the line is formatted into the seq_file's kernel buffer: no sleep */
	spin_lock(&p->lock);
	err = iface->show(m, v);
	spin_unlock(&p->lock);
	return err;
}

static const struct seq_operations sysvipc_proc_seqops = {
	.start = sysvipc_proc_start,
	.next = sysvipc_proc_next,
	.stop = sysvipc_proc_stop,
	.show = sysvipc_proc_show,
};

static int sysvipc_proc_open(struct inode *inode, struct file *f)
{
	int err = seq_open(f, &sysvipc_proc_seqops);

	if (!err)
		((struct seq_file *)f->private_data)->private = PDE(inode)->data;
	return err;
}

static const struct file_operations sysvipc_proc_fops = {
	.open = sysvipc_proc_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

void ipc_init_proc_interface(const char *name, const char *header, struct ipc_ids *ids,
			     int (*show)(struct seq_file *, void *))
{
	struct ipc_proc_iface *iface = kmalloc(sizeof(*iface), GFP_KERNEL);
	struct proc_dir_entry *de;

	if (!iface)
		return;
	iface->header = header;
	iface->ids = ids;
	iface->show = show;
	de = proc_create(name, 0444, sysvipc_dir, &sysvipc_proc_fops);
	if (de)
		de->data = iface;
	else
		kfree(iface);
}

void sysvipc_proc_init(void)
{
	sysvipc_dir = proc_mkdir("sysvipc", NULL);
	msg_proc_init();
	sem_proc_init();
	shm_proc_init();
}

/*
 * kernel/futex.c - fast user-space mutexes: FUTEX_WAIT and FUTEX_WAKE, and
 * their bitset forms, which glibc's semaphores and condition variables use
 * (Linux: kernel/futex.c). A waiter hangs a futex_q on one chain of a hashed table,
 * keyed by what identifies the futex word: (mm, address) for a private futex,
 * (shared object, page offset) for one in shared memory, so two processes
 * mapping the same shm segment or MAP_SHARED area meet on the same key.
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE move waiters from one futex to another
 * (glibc's condition variables once used them), FUTEX_WAKE_OP changes a second
 * word and wakes on both. Robust futexes: each thread registers a list of
 * the mutexes it holds, and its exit marks those FUTEX_OWNER_DIED and wakes a
 * waiter. The priority-inheritance operations are not here:
 * they are ENOSYS, as for an unknown operation.
 *
 * Locking (2.6's): each hash bucket has a spinlock (futex_hash_bucket.lock)
 * over its chain and every futex_q on it, the q's key and lock_ptr. A
 * waiter queues itself under the lock, then reads the word (the read may
 * fault, so it is not under the lock as 2.6's get_futex_value_locked is:
 * queueing first keeps a wake-up that follows a change of the word from
 * being missed). The waker takes the bucket lock, unlinks the q, wakes the
 * task and last clears q->lock_ptr (2.6's wake_futex): a waiter that finds
 * lock_ptr NULL was woken and never touches the bucket; one that finds it
 * set takes that lock, re-checks it (a requeue moves q under both bucket
 * locks, taken in address order), and unqueues itself. WAKE_OP changes the
 * word with a locked cmpxchg on user memory (2.6: futex_atomic_op_inuser)
 * before the buckets are locked. A shared key's vma walk takes the mm's
 * lock, which is the big kernel lock here (2.6: mmap_sem around
 * get_futex_key); a private key needs none. With that, futex() runs
 * without the BKL (lib/kernel_lock.c): user words are read and changed with
 * no spinlock held, and a fault there takes the BKL for itself.
 */
#include <kernel/futex.h>
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/list.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/sched.h>
#include <kernel/smp_lock.h>
#include <kernel/spinlock.h>
#include <kernel/time.h>
#include <kernel/traps.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>

#define FUTEX_HASHBITS	8
#define FUT_OFF_INODE	1	/* in key.both.offset: a shared-object key */

/*
 * The futex's identity. Private: the mm and the page-aligned address.
 * Shared: the object behind the mapping (Linux: the inode) and the page's
 * offset in it. offset is the word's offset in its page, plus FUT_OFF_INODE
 * for a shared key, so the two kinds never compare equal.
 */
union futex_key {
	struct {
		unsigned long pgoff;
		void *object;
		int offset;
	} shared;
	struct {
		unsigned long address;
		struct mm_struct *mm;
		int offset;
	} private;
	struct {
		unsigned long word;
		void *ptr;
		int offset;
	} both;
};

/* one sleeping waiter; lives on its stack, on a chain while it may be woken */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	union futex_key key;
	u32 bitset;		/* FUTEX_WAKE_BITSET wakes it if the masks meet */
	u32 __user *uaddr;	/* the word, as the waiter (or a requeue) named it: for the wait-for graph */
	spinlock_t *lock_ptr;	/* its bucket's lock while queued, NULL once woken */
};

struct futex_hash_bucket {
	spinlock_t lock;
	struct list_head chain;
};

static struct futex_hash_bucket futex_queues[1 << FUTEX_HASHBITS];

static volatile int futex_init_done;
static DEFINE_SPINLOCK(futex_init_lock);

static void futex_init(void)
{
	spin_lock(&futex_init_lock);
	if (!futex_init_done) {
		for (int i = 0; i < (1 << FUTEX_HASHBITS); i++) {
			spin_lock_init(&futex_queues[i].lock);
			INIT_LIST_HEAD(&futex_queues[i].chain);
		}
		barrier();
		futex_init_done = 1;
	}
	spin_unlock(&futex_init_lock);
}

static struct futex_hash_bucket *hash_futex(const union futex_key *key)
{
	u32 h = (u32)key->both.word ^ ((u32)(unsigned long)key->both.ptr >> 4) ^
		(u32)key->both.offset;

	if (!futex_init_done)
		futex_init();
	return &futex_queues[(h * 0x9e370001U) >> (32 - FUTEX_HASHBITS)];
}

static int match_futex(const union futex_key *a, const union futex_key *b)
{
	return a->both.word == b->both.word && a->both.ptr == b->both.ptr &&
	       a->both.offset == b->both.offset;
}

/*
 * The key for uaddr. A word must be 4-byte aligned (EINVAL) and a user
 * address (EFAULT). A shared futex in a private mapping is private to this
 * address space anyway, so it gets the private key, as in Linux.
 */
static int get_futex_key(u32 __user *uaddr, int shared, union futex_key *key)
{
	unsigned long address = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int ret = -EFAULT;

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	if (shared && mm) {
		lock_kernel();		/* the mm's lock: mmap and munmap change the vmas */
		vma = find_vma(mm, address);
		if (!vma || vma->vm_start > address)
			goto out_unlock;
		/*
		 * A shared file mapping is keyed by the file's page cache, so
		 * every open of the file and every mapping agree (Linux keys by
		 * the inode); shared anonymous and SysV shm by their object.
		 */
		if ((vma->vm_flags & VM_SHARED) && (vma->vm_file || vma->vm_private_data)) {
			key->shared.object = vma->vm_file ? (void *)file_inode(vma->vm_file)->i_mapping :
							    vma->vm_private_data;
			key->shared.pgoff = vma->vm_pgoff +
					    ((address - vma->vm_start) >> PAGE_SHIFT);
			key->shared.offset = (address & ~PAGE_MASK) | FUT_OFF_INODE;
			ret = 0;
			goto out_unlock;
		}
		unlock_kernel();
	}
	key->private.mm = mm;
	key->private.address = address & PAGE_MASK;
	key->private.offset = address & ~PAGE_MASK;
	return 0;

out_unlock:
	unlock_kernel();
	return ret;
}

static void queue_me(struct futex_q *q, struct futex_hash_bucket *hb)
{
	spin_lock(&hb->lock);
	q->lock_ptr = &hb->lock;
	list_add_tail(&q->list, &hb->chain);
	spin_unlock(&hb->lock);
}

/* with the bucket locked: unlink, wake, and only then say so (the waiter's stack may go) */
static void wake_futex(struct futex_q *q)
{
	list_del_init(&q->list);
	wake_up_process(q->task);
	barrier();		/* x86 keeps stores in order: lock_ptr is cleared last */
	q->lock_ptr = NULL;
}

/* 1 if q was still queued (we took it off), 0 if a waker got there first */
static int unqueue_me(struct futex_q *q)
{
	spinlock_t *lock_ptr;
	int ret = 0;

	for (;;) {
		lock_ptr = *(spinlock_t *volatile *)&q->lock_ptr;
		if (!lock_ptr)
			break;
		spin_lock(lock_ptr);
		/* a requeue may have moved q to another bucket meanwhile */
		if (lock_ptr == q->lock_ptr) {
			list_del_init(&q->list);
			q->lock_ptr = NULL;
			spin_unlock(lock_ptr);
			ret = 1;
			break;
		}
		spin_unlock(lock_ptr);
	}
	return ret;
}

/* both buckets of a requeue, the lower first (2.6's double_lock_hb) */
static void double_lock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
{
	if (hb1 > hb2) {
		struct futex_hash_bucket *t = hb1;

		hb1 = hb2;
		hb2 = t;
	}
	spin_lock(&hb1->lock);
	if (hb1 != hb2)
		spin_lock(&hb2->lock);
}

static void double_unlock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2)
{
	spin_unlock(&hb1->lock);
	if (hb1 != hb2)
		spin_unlock(&hb2->lock);
}

/*
 * cmpxchg on a user word (2.6: futex_atomic_cmpxchg_inatomic): *cur gets
 * the value found; 0, or -EFAULT when the page cannot be mapped. Called
 * with no spinlock held: the fault handler may have to map the page.
 */
static int futex_cmpxchg_user(u32 __user *uaddr, u32 old, u32 new, u32 *cur)
{
	int ret = 0;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	asm volatile("1:	lock; cmpxchgl %3, %1\n"
		     "2:\n"
		     ".section .text.fixup, \"ax\"\n"
		     "3:	movl %4, %0\n"
		     "	jmp 2b\n"
		     ".previous\n"
		     _ASM_EXTABLE(1b, 3b)
		     : "+r"(ret), "+m"(*(u32 *)uaddr), "+a"(old)
		     : "r"(new), "i"(-EFAULT)
		     : "memory");
	*cur = old;
	return ret;
}

static long futex_wait(u32 __user *uaddr, int shared, u32 val, long timeout, int abs,
		       u32 bitset);

/*
 * A signal broke the wait. Untimed waits and absolute timeouts restart as
 * they were (ERESTARTSYS); a relative one goes on through restart_syscall
 * for the time it had left, its deadline in jiffies in the restart block
 * (Linux: futex_wait_restart). With a handler to run both are EINTR, as
 * Linux's futex_wait says, whatever SA_RESTART asks.
 */
static long futex_wait_restart(struct restart_block *rb)
{
	long timeout = (long)(rb->arg2 - jiffies);
	u32 flags = rb->arg3;

	if (timeout < 0)
		timeout = 0;
	return futex_wait((u32 __user *)rb->arg0, flags & 1, rb->arg1, timeout, 0,
			  FUTEX_BITSET_MATCH_ANY);
}

static long futex_interrupted(u32 __user *uaddr, int shared, u32 val, long timeout, int abs,
			      u32 bitset)
{
	struct restart_block *rb = &current->restart_block;

	if (timeout == MAX_SCHEDULE_TIMEOUT || abs)
		return -ERESTARTSYS;
	(void)bitset;		/* a relative wait is FUTEX_WAIT's: any bitset */
	rb->fn = futex_wait_restart;
	rb->arg0 = (unsigned long)uaddr;
	rb->arg1 = val;
	rb->arg2 = jiffies + timeout;
	rb->arg3 = shared ? 1 : 0;
	return -ERESTART_RESTARTBLOCK;
}

/*
 * FUTEX_WAIT: sleep while *uaddr == val. We are queued before the value is
 * read, so a FUTEX_WAKE that follows the waker's change of the value cannot
 * be missed: it finds us on the chain and takes us off it.
 */
static long futex_wait(u32 __user *uaddr, int shared, u32 val, long timeout, int abs,
		       u32 bitset)
{
	struct futex_hash_bucket *hb;
	union futex_key key;
	struct futex_q q;
	u32 uval;
	long ret;

	ret = get_futex_key(uaddr, shared, &key);
	if (ret)
		return ret;
	q.key = key;
	q.task = current;
	q.uaddr = uaddr;
	q.bitset = bitset;
	for (;;) {
		if (!match_futex(&q.key, &key))
			return 0;	/* requeued, then woken spuriously: a wake-up as far as we know */
		hb = hash_futex(&q.key);
		queue_me(&q, hb);
		if (get_user(uval, uaddr)) {
			unqueue_me(&q);
			return -EFAULT;
		}
		if (uval != val) {
			unqueue_me(&q);
			return -EAGAIN;		/* EWOULDBLOCK */
		}
		/*
		 * Still on the chain? The waker unlinks q before it wakes us
		 * (and clears lock_ptr only after), and set_current_state is a
		 * full barrier: either it sees us asleep or we see q unlinked
		 * (2.6 tests plist_node_empty the same way).
		 */
		set_current_state(TASK_INTERRUPTIBLE);
		if (*(struct list_head *volatile *)&q.list.next != &q.list) {
			if (timeout == MAX_SCHEDULE_TIMEOUT)
				schedule();
			else
				timeout = schedule_timeout(timeout);
		}
		__set_current_state(TASK_RUNNING);
		if (!unqueue_me(&q))
			return 0;		/* woken by FUTEX_WAKE */
		if (!timeout)
			return -ETIMEDOUT;
		/*
		 * A signal: untimed waits and absolute timeouts restart as
		 * Linux's do; a relative one has no restart block here, so it
		 * is EINTR when a handler runs.
		 */
		if (signal_pending(current))
			return futex_interrupted(uaddr, shared, val, timeout, abs, bitset);
		/* a spurious wake-up: wait again, as Linux does */
	}
}

/*
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wake nr_wake waiters of uaddr1 and move
 * up to nr_requeue more onto uaddr2, where a FUTEX_WAKE of uaddr2 finds them.
 * The CMP form first checks that *uaddr1 is still cmpval (EAGAIN if not).
 * Returns how many were woken or moved.
 */
static long futex_requeue(u32 __user *uaddr1, int shared, u32 __user *uaddr2, int nr_wake,
			  int nr_requeue, u32 *cmpval)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_q *this, *next;
	union futex_key key1, key2;
	int ret, woken = 0, moved = 0;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = get_futex_key(uaddr1, shared, &key1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, shared, &key2);
	if (ret)
		return ret;
	if (cmpval) {
		u32 curval;

		if (get_user(curval, uaddr1))
			return -EFAULT;
		if (curval != *cmpval)
			return -EAGAIN;
	}
	/*
	 * 2.6 compares under both bucket locks with the word read "inatomic";
	 * without pagefault_disable() the read comes first, so a waiter that
	 * changes the word after it is requeued rather than refused.
	 */
	hb1 = hash_futex(&key1);
	hb2 = hash_futex(&key2);
	double_lock_hb(hb1, hb2);
	list_for_each_entry_safe(this, next, &hb1->chain, list) {
		if (!match_futex(&this->key, &key1))
			continue;
		if (woken < nr_wake) {
			wake_futex(this);
			woken++;
			continue;
		}
		if (moved >= nr_requeue)
			break;
		moved++;
		if (match_futex(&key1, &key2))
			continue;	/* onto itself: it stays where it is */
		this->key = key2;
		this->uaddr = uaddr2;
		if (hb1 != hb2) {
			list_del(&this->list);
			list_add_tail(&this->list, &hb2->chain);
			this->lock_ptr = &hb2->lock;
		}
	}
	double_unlock_hb(hb1, hb2);
	return woken + moved;
}

/*
 * FUTEX_WAKE_OP: *uaddr2 = *uaddr2 OP oparg, then wake nr_wake waiters of
 * uaddr1 and, if the old value of *uaddr2 passes the comparison, nr_wake2
 * of uaddr2. The encoding in val3 is Linux's: op:4 cmp:4 oparg:12 cmparg:12,
 * both arguments sign-extended. The change is one locked cmpxchg, retried
 * while another CPU or thread changes the word in between (2.6's
 * futex_atomic_op_inuser); a fault (EFAULT) leaves the word as it was.
 */
static long futex_wake_op(u32 __user *uaddr1, int shared, u32 __user *uaddr2, int nr_wake,
			  int nr_wake2, u32 encoded)
{
	int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int oparg = (int)(encoded << 8) >> 20, cmparg = (int)(encoded << 20) >> 20;
	union futex_key key;
	int oldval, newval, hit;
	u32 cur;
	long ret, ret2;

	/* the keys first: an unaligned word is EINVAL before anything is written */
	ret = get_futex_key(uaddr1, shared, &key);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, shared, &key);
	if (ret)
		return ret;
	if ((encoded >> 28) & FUTEX_OP_OPARG_SHIFT) {
		if (oparg < 0 || oparg > 31)
			oparg &= 31;	/* Linux warns once and masks */
		oparg = 1 << oparg;
	}
	if (get_user(oldval, (int __user *)uaddr2))
		return -EFAULT;
again:
	switch (op) {
	case FUTEX_OP_SET:	newval = oparg; break;
	case FUTEX_OP_ADD:	newval = oldval + oparg; break;
	case FUTEX_OP_OR:	newval = oldval | oparg; break;
	case FUTEX_OP_ANDN:	newval = oldval & ~oparg; break;
	case FUTEX_OP_XOR:	newval = oldval ^ oparg; break;
	default:		return -ENOSYS;
	}
	switch (cmp) {
	case FUTEX_OP_CMP_EQ:	hit = oldval == cmparg; break;
	case FUTEX_OP_CMP_NE:	hit = oldval != cmparg; break;
	case FUTEX_OP_CMP_LT:	hit = oldval < cmparg; break;
	case FUTEX_OP_CMP_LE:	hit = oldval <= cmparg; break;
	case FUTEX_OP_CMP_GT:	hit = oldval > cmparg; break;
	case FUTEX_OP_CMP_GE:	hit = oldval >= cmparg; break;
	default:		return -ENOSYS;
	}
	if (futex_cmpxchg_user(uaddr2, oldval, newval, &cur))
		return -EFAULT;
	if ((int)cur != oldval) {
		oldval = cur;		/* changed under us: redo the op on what is there */
		goto again;
	}
	ret = futex_wake(uaddr1, shared, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (ret < 0)
		return ret;
	if (hit) {
		ret2 = futex_wake(uaddr2, shared, nr_wake2, FUTEX_BITSET_MATCH_ANY);
		if (ret2 > 0)
			ret += ret2;
	}
	return ret;
}

/* FUTEX_WAKE: up to nr_wake waiters (at least one, as Linux counts) whose bitset meets ours */
int futex_wake(u32 __user *uaddr, int shared, int nr_wake, u32 bitset)
{
	struct futex_hash_bucket *hb;
	struct futex_q *this, *next;
	union futex_key key;
	int ret;

	ret = get_futex_key(uaddr, shared, &key);
	if (ret)
		return ret;
	hb = hash_futex(&key);
	spin_lock(&hb->lock);
	list_for_each_entry_safe(this, next, &hb->chain, list) {
		if (!match_futex(&this->key, &key) || !(this->bitset & bitset))
			continue;
		wake_futex(this);	/* the waiter sees lock_ptr NULL: woken */
		if (++ret >= nr_wake)
			break;
	}
	spin_unlock(&hb->lock);
	return ret;
}

/* ticks for ns nanoseconds, rounded up, plus one for the tick under way: never early */
static long ns_to_timeout(u64 ns)
{
	u64 tick = NSEC_PER_SEC / HZ;

	if (ns / tick >= (u64)MAX_SCHEDULE_TIMEOUT - 2)
		return MAX_SCHEDULE_TIMEOUT - 1;
	return (long)((ns + tick - 1) / tick) + 1;
}

/*
 * The wait's timeout in ticks: relative for FUTEX_WAIT, an absolute
 * CLOCK_MONOTONIC (or, with FUTEX_CLOCK_REALTIME, CLOCK_REALTIME) time for
 * FUTEX_WAIT_BITSET; 0 when that time has passed.
 */
static long futex_timeout(long long sec, long long nsec, int abs, int realtime)
{
	u64 t, now;

	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (sec > 8000000000LL)		/* past 2200: for ever, and no overflow below */
		return MAX_SCHEDULE_TIMEOUT - 1;
	t = (u64)sec * NSEC_PER_SEC + nsec;
	if (!abs)
		return ns_to_timeout(t);
	now = realtime ? ktime_get_real_ns() : ktime_get_ns();
	return t > now ? ns_to_timeout(t - now) : 0;
}

static long do_futex(u32 __user *uaddr, int op, u32 val, long timeout, u32 __user *uaddr2,
		     u32 val2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	int shared = !(op & FUTEX_PRIVATE_FLAG);

	/* FUTEX_CLOCK_REALTIME only means something to the absolute waits */
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, shared, val, timeout, 0, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wait(uaddr, shared, val, timeout, 1, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake(uaddr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, (int)val, (int)val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, (int)val, (int)val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, shared, uaddr2, (int)val, (int)val2, val3);
	default:
		return -ENOSYS;
	}
}

/* the two system calls differ only in the width of the timeout's fields */
static long futex_user(u32 __user *uaddr, int op, u32 val, const void __user *utime,
		       u32 __user *uaddr2, u32 val3, int time64)
{
	int cmd = op & FUTEX_CMD_MASK;
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)) {
		struct timespec ts;
		struct timespec64 ts64;

		if (time64) {
			if (copy_from_user(&ts64, utime, sizeof(ts64)))
				return -EFAULT;
		} else {
			if (copy_from_user(&ts, utime, sizeof(ts)))
				return -EFAULT;
			ts64.tv_sec = ts.tv_sec;
			ts64.tv_nsec = ts.tv_nsec;
		}
		timeout = futex_timeout(ts64.tv_sec, ts64.tv_nsec, cmd == FUTEX_WAIT_BITSET,
					op & FUTEX_CLOCK_REALTIME);
		if (timeout < 0)
			return timeout;
	}
	/* for the requeue and wake-op calls the "timeout" is a count */
	return do_futex(uaddr, op, val, timeout, uaddr2, (u32)(unsigned long)utime, val3);
}

long sys_futex(u32 __user *uaddr, int op, u32 val, const struct timespec __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	return futex_user(uaddr, op, val, utime, uaddr2, val3, 0);
}

long sys_futex_time64(u32 __user *uaddr, int op, u32 val,
		      const struct timespec64 __user *utime, u32 __user *uaddr2, u32 val3)
{
	return futex_user(uaddr, op, val, utime, uaddr2, val3, 1);
}

/* ---- robust futexes (Linux: exit_robust_list and get_robust_list) ---- */

#define FUTEX_WAITERS		0x80000000
#define FUTEX_OWNER_DIED	0x40000000
#define FUTEX_TID_MASK		0x3fffffff
#define ROBUST_LIST_LIMIT	2048	/* a looping list stops here */

/* i386's struct robust_list_head: the list, the word's offset, the lock in flight */
struct robust_list_head32 {
	u32 next;
	s32 futex_offset;
	u32 list_op_pending;
};

/* an entry's low bit says "priority inheritance"; the pointer is the rest */
static int fetch_robust_entry(u32 *entry, u32 __user *from, int *pi)
{
	u32 v;

	if (get_user(v, from))
		return -EFAULT;
	*entry = v & ~1u;
	*pi = v & 1;
	return 0;
}

/* the owner tsk is gone: hand the word over marked OWNER_DIED and wake one waiter */
static int handle_futex_death(u32 __user *uaddr, struct task_struct *tsk, int pi, int pending)
{
	u32 uval, nval;

	if ((unsigned long)uaddr % sizeof(u32))
		return -EINVAL;
	if (get_user(uval, uaddr))
		return -EFAULT;
	/* died between taking an unowned lock and recording it: let a waiter try */
	if (pending && !pi && !uval) {
		futex_wake(uaddr, 1, 1, FUTEX_BITSET_MATCH_ANY);
		return 0;
	}
	if ((uval & FUTEX_TID_MASK) != (u32)tsk->pid)
		return 0;
	nval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	/* a cmpxchg, as 2.6: a waiter on another CPU may be setting FUTEX_WAITERS */
	for (;;) {
		u32 cur;

		if (futex_cmpxchg_user(uaddr, uval, nval, &cur))
			return -EFAULT;
		if (cur == uval)
			break;
		if ((cur & FUTEX_TID_MASK) != (u32)tsk->pid)
			return 0;
		uval = cur;
		nval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	}
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, 1, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* at exit (and exec), while the memory is still ours; bad pointers end the walk */
void exit_robust_list(struct task_struct *tsk)
{
	struct robust_list_head32 __user *head = (void __user *)tsk->robust_list;
	u32 entry, next, pending;
	int pi, next_pi, pending_pi, limit = ROBUST_LIST_LIMIT;
	s32 offset;

	tsk->robust_list = NULL;
	if (!head || !tsk->mm)
		return;
	if (fetch_robust_entry(&entry, &head->next, &pi))
		return;
	if (get_user(offset, &head->futex_offset))
		return;
	if (fetch_robust_entry(&pending, &head->list_op_pending, &pending_pi))
		return;
	while (entry != (u32)(unsigned long)&head->next) {
		int rc = fetch_robust_entry(&next, (u32 __user *)(unsigned long)entry, &next_pi);

		if (entry != pending)
			handle_futex_death((u32 __user *)(unsigned long)(entry + offset), tsk, pi, 0);
		if (rc)
			return;
		entry = next;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		handle_futex_death((u32 __user *)(unsigned long)(pending + offset), tsk, pending_pi, 1);
}

/* get_robust_list(pid, head_ptr, len_ptr): pid 0 is the caller */
long sys_get_robust_list(int pid, u32 __user *head_ptr, u32 __user *len_ptr)
{
	struct task_struct *p = current;

	if (pid) {
		p = find_task_by_pid(pid);
		if (!p || (p->state & EXIT_DEAD))
			return -ESRCH;
		/* as ptrace_may_access for reading: the same real and saved uid, or root */
		if (current->euid != 0 && (current->uid != p->euid || current->uid != p->suid ||
					   current->uid != p->uid))
			return -EPERM;
	}
	if (put_user((u32)sizeof(struct robust_list_head32), len_ptr))
		return -EFAULT;
	return put_user((u32)(unsigned long)p->robust_list, head_ptr);
}

/*
 * ---- the wait-for graph: a futex waiter waits for a FUTEX_WAKE, which only
 * a task sharing the word can send: the threads of its mm for a private
 * futex, the tasks mapping the object for a shared one (anyone, if the
 * object is a file or a SysV segment that a new process may attach). A word
 * holding the TID of a task whose robust list has the lock names its owner.
 * ----
 */
#include <kernel/ipc.h>
#include <kernel/pgtable.h>
#include <kernel/printk.h>
#include <kernel/waitgraph.h>

/* the kernel address of a user word of mm, or NULL when its page is not in */
static u32 *futex_word(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = mm ? lookup_pte(mm->pgd, addr & PAGE_MASK, 0) : NULL;

	if (!pte || !(*pte & _PAGE_PRESENT) || (addr & 3))
		return NULL;
	return (u32 *)((char *)page_address(pfn_to_page(*pte >> PAGE_SHIFT)) + (addr & ~PAGE_MASK));
}

/* is the word at w (kernel address) on t's robust list, or its lock in flight? */
static int futex_on_robust_list(struct task_struct *t, u32 *w)
{
	struct robust_list_head32 *head;
	u32 *p;
	unsigned long entry;
	int limit = 64;

	if (!t->robust_list || !t->mm)
		return 0;
	head = (struct robust_list_head32 *)futex_word(t->mm, (unsigned long)t->robust_list);
	if (!head || ((unsigned long)t->robust_list & ~PAGE_MASK) > PAGE_SIZE - sizeof(*head))
		return 0;
	if (head->list_op_pending &&
	    futex_word(t->mm, (head->list_op_pending & ~1u) + head->futex_offset) == w)
		return 1;
	entry = head->next & ~1u;
	while (entry && entry != (unsigned long)t->robust_list && limit--) {
		if (futex_word(t->mm, entry + head->futex_offset) == w)
			return 1;
		p = futex_word(t->mm, entry);
		if (!p)
			break;
		entry = *p & ~1u;
	}
	return 0;
}

static int futex_vma_shares(struct vm_area_struct *vma, const union futex_key *key)
{
	void *obj;

	if (!(vma->vm_flags & VM_SHARED) || !(vma->vm_file || vma->vm_private_data))
		return 0;
	obj = vma->vm_file ? (void *)file_inode(vma->vm_file)->i_mapping : vma->vm_private_data;
	return obj == key->shared.object && key->shared.pgoff >= vma->vm_pgoff &&
	       key->shared.pgoff < vma->vm_pgoff + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
}

static void futex_wg_sharers(struct wg_sleeper *s, const union futex_key *key)
{
	struct task_struct *p;
	struct vm_area_struct *vma;

	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm || (p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
			continue;
		if (!(key->both.offset & FUT_OFF_INODE)) {
			if (p->mm == key->private.mm)
				wg_waker(s, p, -1);
			continue;
		}
		list_for_each_entry(vma, &p->mm->mmap, vm_list)
			if (futex_vma_shares(vma, key)) {
				wg_waker(s, p, -1);
				if (vma->vm_file)
					wg_anyone(s, "any process may map the file");
				else if (shm_vma_attachable(vma))
					wg_anyone(s, "any process may attach the SysV segment");
				break;
			}
	}
}

static void futex_waitgraph_scan(void)
{
	if (!futex_init_done)
		return;
	for (int i = 0; i < (1 << FUTEX_HASHBITS); i++) {
		struct futex_q *q;

		list_for_each_entry(q, &futex_queues[i].chain, list) {
			unsigned long addr = (unsigned long)q->uaddr;
			struct task_struct *owner;
			char what[48], wants[40];
			struct wg_sleeper *s;
			u32 *w;

			snprintf(what, sizeof(what), "futex_wait on 0x%lx", addr);
			snprintf(wants, sizeof(wants), "a FUTEX_WAKE on 0x%lx", addr);
			s = wg_add(q->task, what, wants);
			if (!s)
				continue;
			s->role = "sharer";
			s->advice = "no other task shares the word, so no FUTEX_WAKE can come";
			/* sharing the word is all a waker is known to do with it */
			snprintf(s->holds, sizeof(s->holds), "a share of the word 0x%lx", addr);
			futex_wg_sharers(s, &q->key);
			w = futex_word(q->task->mm, addr);
			owner = w && (*w & FUTEX_TID_MASK) ? find_task_by_pid(*w & FUTEX_TID_MASK) : NULL;
			if (owner && owner != q->task && futex_on_robust_list(owner, w)) {
				s->owner = owner->pid;
				snprintf(s->owner_holds, sizeof(s->owner_holds),
					 "the lock 0x%lx (its TID is in the word)", addr);
			}
		}
	}
}
WAITGRAPH_KIND(futex, futex_waitgraph_scan);

/*
 * kernel/futex.c - fast user-space mutexes: FUTEX_WAIT and FUTEX_WAKE, and
 * their bitset forms, which glibc's semaphores and condition variables use
 * (Linux: kernel/futex.c). A waiter hangs a futex_q on one chain of a hashed table,
 * keyed by what identifies the futex word: (mm, address) for a private futex,
 * (shared object, page offset) for one in shared memory, so two processes
 * mapping the same shm segment or MAP_SHARED area meet on the same key.
 * The requeue, wake-op and priority-inheritance operations are not here
 * yet: they are ENOSYS, as for an unknown operation.
 */
#include <kernel/futex.h>
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/list.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/sched.h>
#include <kernel/time.h>
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
};

struct futex_hash_bucket {
	struct list_head chain;
};

static struct futex_hash_bucket futex_queues[1 << FUTEX_HASHBITS];

static int futex_init_done;

static void futex_init(void)
{
	for (int i = 0; i < (1 << FUTEX_HASHBITS); i++)
		INIT_LIST_HEAD(&futex_queues[i].chain);
	futex_init_done = 1;
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

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	if (shared && mm) {
		vma = find_vma(mm, address);
		if (!vma || vma->vm_start > address)
			return -EFAULT;
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
			return 0;
		}
	}
	key->private.mm = mm;
	key->private.address = address & PAGE_MASK;
	key->private.offset = address & ~PAGE_MASK;
	return 0;
}

static void queue_me(struct futex_q *q, struct futex_hash_bucket *hb)
{
	unsigned long flags = local_irq_save();

	list_add_tail(&q->list, &hb->chain);
	local_irq_restore(flags);
}

/* 1 if q was still queued (we took it off), 0 if a waker got there first */
static int unqueue_me(struct futex_q *q)
{
	unsigned long flags = local_irq_save();
	int ret = !list_empty(&q->list);

	if (ret)
		list_del_init(&q->list);
	local_irq_restore(flags);
	return ret;
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
	struct futex_q q;
	u32 uval;
	long ret;

	ret = get_futex_key(uaddr, shared, &q.key);
	if (ret)
		return ret;
	hb = hash_futex(&q.key);
	q.task = current;
	q.bitset = bitset;
	for (;;) {
		queue_me(&q, hb);
		if (get_user(uval, uaddr)) {
			unqueue_me(&q);
			return -EFAULT;
		}
		if (uval != val) {
			unqueue_me(&q);
			return -EAGAIN;		/* EWOULDBLOCK */
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!list_empty(&q.list)) {
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
			return timeout == MAX_SCHEDULE_TIMEOUT || abs ? -ERESTARTSYS : -ERESTARTNOHAND;
		/* a spurious wake-up: wait again, as Linux does */
	}
}

/* FUTEX_WAKE: up to nr_wake waiters (at least one, as Linux counts) whose bitset meets ours */
int futex_wake(u32 __user *uaddr, int shared, int nr_wake, u32 bitset)
{
	struct futex_hash_bucket *hb;
	struct futex_q *this, *next;
	union futex_key key;
	unsigned long flags;
	int ret;

	ret = get_futex_key(uaddr, shared, &key);
	if (ret)
		return ret;
	hb = hash_futex(&key);
	flags = local_irq_save();
	list_for_each_entry_safe(this, next, &hb->chain, list) {
		if (!match_futex(&this->key, &key) || !(this->bitset & bitset))
			continue;
		list_del_init(&this->list);	/* the waiter sees it was woken */
		wake_up_process(this->task);
		if (++ret >= nr_wake)
			break;
	}
	local_irq_restore(flags);
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

static long do_futex(u32 __user *uaddr, int op, u32 val, long timeout, u32 val3)
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
	default:
		return -ENOSYS;
	}
}

/* the two system calls differ only in the width of the timeout's fields */
static long futex_user(u32 __user *uaddr, int op, u32 val, const void __user *utime, u32 val3,
		       int time64)
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
	return do_futex(uaddr, op, val, timeout, val3);
}

long sys_futex(u32 __user *uaddr, int op, u32 val, const struct timespec __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	(void)uaddr2;
	return futex_user(uaddr, op, val, utime, val3, 0);
}

long sys_futex_time64(u32 __user *uaddr, int op, u32 val,
		      const struct timespec64 __user *utime, u32 __user *uaddr2, u32 val3)
{
	(void)uaddr2;
	return futex_user(uaddr, op, val, utime, val3, 1);
}

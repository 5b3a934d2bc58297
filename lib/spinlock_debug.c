/*
 * lib/spinlock_debug.c - the checking spinlocks of CONFIG_DEBUG_SPINLOCK
 * (Linux: lib/spinlock_debug.c). Each report is a "BUG: spinlock ..." line
 * naming the lock, its owner and this CPU, then a backtrace; spinlock_bugs
 * counts them (tests/kernel/test_smp.c deliberately provokes each kind),
 * schedule_debug the sleeping-with-a-lock-held ones.
 */
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

atomic_t spinlock_bugs;

static void spin_bug(spinlock_t *lock, const char *msg)
{
	struct task_struct *owner = lock->owner;

	atomic_inc(&spinlock_bugs);
	printk(KERN_EMERG "BUG: spinlock %s on CPU#%d, %s/%d\n", msg, smp_processor_id(),
	       current->comm, current->pid);
	printk(KERN_EMERG " lock: %p, .name: %s, .owner: %s/%d, .owner_cpu: %d\n", (void *)lock,
	       lock->name ? lock->name : "?", owner ? owner->comm : "<none>",
	       owner ? owner->pid : -1, lock->owner_cpu);
	dump_stack();
}

static inline void debug_spin_lock_after(spinlock_t *lock)
{
	lock->owner_cpu = smp_processor_id();
	lock->owner = current;
	atomic_inc(&per_cpu(spinlocks_held, lock->owner_cpu));
}

/* a task must not sleep or yield holding a spinlock: another may spin on it for ever */
void schedule_debug(void)
{
	int cpu = smp_processor_id(), held = atomic_read(&per_cpu(spinlocks_held, cpu));

	if (likely(!held))
		return;
	atomic_inc(&spinlock_bugs);
	printk(KERN_EMERG "BUG: scheduling while atomic: %s/%d, %d spinlock%s held on CPU#%d\n",
	       current->comm, current->pid, held, held == 1 ? "" : "s", cpu);
	dump_stack();
}

void _spin_lock(spinlock_t *lock)
{
	/* only this CPU can have set owner_cpu to itself while the lock is held */
	if (lock->slock && lock->owner_cpu == smp_processor_id()) {
		spin_bug(lock, "recursion");
		return;		/* already ours: waiting would never end (see spinlock.h) */
	}
	__raw_spin_lock(lock);
	debug_spin_lock_after(lock);
}

int _spin_trylock(spinlock_t *lock)
{
	int ret = __raw_spin_trylock(lock);

	if (ret)
		debug_spin_lock_after(lock);
	return ret;
}

void _spin_unlock(spinlock_t *lock)
{
	if (!lock->slock) {
		spin_bug(lock, "already unlocked");
		return;
	}
	if (lock->owner_cpu != smp_processor_id())
		spin_bug(lock, "wrong CPU");	/* reported, then released as 2.6 does */
	atomic_dec(&per_cpu(spinlocks_held, lock->owner_cpu));	/* the taker's count */
	lock->owner = NULL;
	lock->owner_cpu = -1;
	__raw_spin_unlock(lock);
}

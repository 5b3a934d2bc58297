/*
 * kernel/sched.c - the O(1) scheduler of Linux 2.6 (Linux: kernel/sched.c).
 * Runnable tasks sit in 140 priority lists with a bitmap of the
 * non-empty ones, so picking the next task is one find-first-bit whatever
 * the number of tasks. A task that uses up its time slice moves to the
 * expired array; when the active array runs dry the two swap. Time slices
 * come from the nice value (100 ms at nice 0, 800 ms at -20, 5 ms at +19).
 * A waker yields to the equal task it woke (wakeup_preempts_equal).
 * Left out: the interactivity estimator (sleep_avg bonus), sched domains.
 *
 * One run queue per CPU (2.6's runqueues[]), each behind its own lock,
 * taken with interrupts off; this_rq() is this CPU's, task_rq(p) the one
 * p is on. schedule() takes this CPU's lock and the task switched to drops
 * it (finish_task_switch), as 2.6 does: so whoever holds a queue's lock
 * and sees p is not its curr knows p is off every CPU, safe to move.
 * Tasks go where the load is least: a new task to the least-loaded CPU it
 * may use (fork balancing, wake_up_new_task), an exec'ing one too if that
 * evens things out (sched_exec); a woken task to its last CPU if that one
 * idles, else to an idle CPU, else stays with its last (try_to_wake_up);
 * and every CPU's tick pulls a task from the busiest queue when it has at
 * least two more than its own (rebalance_tick, both locks in address order
 * as double_rq_lock). Waking a task queued on another CPU sends that CPU the
 * reschedule IPI (resched_task).
 *
 * cpus_allowed (sched_setaffinity) bounds all of that. A task that must
 * leave its CPU (its mask no longer has it, or sched_exec chose another) is
 * taken off its queue by its own schedule() and put on the new CPU's queue
 * by finish_task_switch, once it is off this CPU - in place of 2.6's
 * migration thread; a queued task that is not running moves at once.
 *
 * The big kernel lock (lib/kernel_lock.c) is let go before a switch and
 * taken back after it, spinning with interrupts on (2.6's
 * release_kernel_lock/reacquire_kernel_lock).
 */
#include <kernel/bug.h>
#include <kernel/apic.h>
#include <kernel/sched.h>
#include <kernel/desc.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/kernel_stat.h>
#include <kernel/smp.h>
#include <kernel/smp_lock.h>
#include <kernel/mm.h>
#include <kernel/pgtable.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/mm_types.h>
#include <kernel/mmu_context.h>
#include <kernel/traps.h>
#include <kernel/uaccess.h>

#define BITMAP_SIZE	((MAX_PRIO + 31) / 32)
#define MAX_USER_PRIO	(MAX_PRIO - MAX_RT_PRIO)
#define DEF_TIMESLICE	(100 * HZ / 1000)
#define MIN_TIMESLICE	(5 * HZ / 1000)

struct prio_array {
	unsigned int nr_active;
	unsigned long bitmap[BITMAP_SIZE];
	struct list_head queue[MAX_PRIO];
};

struct runqueue {
	spinlock_t lock;
	unsigned long nr_running;
	long nr_uninterruptible;	/* asleep in D state from here; per CPU it may go below 0 */
	unsigned long long nr_switches;
	unsigned long sched_cnt;		/* schedule() calls (2.6's schedstat) */
	struct task_struct *curr, *idle;
	struct prio_array *active, *expired, arrays[2];
};

static struct runqueue runqueues[NR_CPUS];
#define cpu_rq(cpu)	(&runqueues[(cpu)])
#define this_rq()	cpu_rq(smp_processor_id())
#define task_cpu(p)	((p)->thread_info->cpu)
#define task_rq(p)	cpu_rq(task_cpu(p))
#define task_running(rq, p)	((rq)->curr == (p))

/* only with p off every CPU and its queue's lock held, or p not yet queued */
static inline void set_task_cpu(struct task_struct *p, int cpu)
{
	p->thread_info->cpu = cpu;
}

/*
 * The CPUs that take tasks: the online ones, if each has its own tick to
 * end a time slice (nolapic_timer leaves the APs without one: CPU 0 alone).
 */
static inline cpumask_t sched_cpus(void)
{
	return using_apic_timer ? cpu_online_map : 1UL;
}

/* the CPUs p may be put on now */
static inline cpumask_t task_cpus(const struct task_struct *p)
{
	cpumask_t m = p->cpus_allowed & sched_cpus();

	return m ? m : sched_cpus();	/* never nowhere: a mask of CPUs that went away */
}

/* the allowed CPU with the shortest queue; ties go to 'prefer', then the lowest number */
static int least_loaded_cpu(const struct task_struct *p, int prefer)
{
	cpumask_t m = task_cpus(p);
	unsigned long best_load = ~0UL;
	int best = -1, cpu;

	if (cpu_isset(prefer, m)) {
		best = prefer;
		best_load = cpu_rq(prefer)->nr_running;
	}
	for_each_online_cpu(cpu)
		if (cpu_isset(cpu, m) && cpu_rq(cpu)->nr_running < best_load) {
			best = cpu;
			best_load = cpu_rq(cpu)->nr_running;
		}
	return best;
}

/* both queues, the lower address first (2.6's double_rq_lock); interrupts already off */
static void double_rq_lock(struct runqueue *a, struct runqueue *b)
{
	if (a == b) {
		spin_lock(&a->lock);
	} else if (a < b) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
}

static void double_rq_unlock(struct runqueue *a, struct runqueue *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/* p's run queue, locked, interrupts off (p may move between the look and the lock) */
static struct runqueue *task_rq_lock(struct task_struct *p, unsigned long *flags)
{
	struct runqueue *rq;

	for (;;) {
		*flags = local_irq_save();
		rq = task_rq(p);
		spin_lock(&rq->lock);
		if (rq == task_rq(p))
			return rq;
		spin_unlock(&rq->lock);
		local_irq_restore(*flags);
	}
}

static void task_rq_unlock(struct runqueue *rq, unsigned long flags)
{
	spin_unlock(&rq->lock);
	local_irq_restore(flags);
}

#define RR_TIMESLICE	(100 * HZ / 1000)

/* the larger a task's static priority (the nicer it is), the shorter its slice */
static unsigned int task_timeslice(const struct task_struct *p)
{
	unsigned int base = p->static_prio < NICE_TO_PRIO(0) ? DEF_TIMESLICE * 4 : DEF_TIMESLICE;
	unsigned int ts = base * (MAX_PRIO - p->static_prio) / (MAX_USER_PRIO / 2);

	return ts > MIN_TIMESLICE ? ts : MIN_TIMESLICE;
}

static void enqueue_task(struct task_struct *p, struct prio_array *array)
{
	list_add_tail(&p->run_list, &array->queue[p->prio]);
	array->bitmap[p->prio / 32] |= 1UL << (p->prio % 32);
	array->nr_active++;
	p->array = array;
}

static void dequeue_task(struct task_struct *p, struct prio_array *array)
{
	array->nr_active--;
	list_del_init(&p->run_list);
	if (list_empty(&array->queue[p->prio]))
		array->bitmap[p->prio / 32] &= ~(1UL << (p->prio % 32));
	p->array = NULL;
}

static void activate_task(struct task_struct *p, struct runqueue *rq)
{
	enqueue_task(p, rq->active);
	rq->nr_running++;
}

static void deactivate_task(struct task_struct *p, struct runqueue *rq)
{
	rq->nr_running--;
	dequeue_task(p, p->array);
}

static int sched_find_first_bit(const unsigned long *b)
{
	for (int i = 0; i < BITMAP_SIZE; i++)
		if (b[i])
			return i * 32 + __builtin_ctzl(b[i]);
	return MAX_PRIO;
}

/* p's CPU calls schedule() soon: at its next return from an interrupt, or now by IPI */
static void resched_task(struct task_struct *p)
{
	int cpu = task_cpu(p);

	set_tsk_thread_flag(p, TIF_NEED_RESCHED);
	if (cpu != smp_processor_id())
		smp_send_reschedule(cpu);
}

/*
 * A task woken from sleep runs before the equal-priority task that woke it:
 * the waker goes to the back of its list, behind the wakee (what Linux 2.6's
 * sleep bonus, and CFS's sleeper credit, give a waker-wakee pair on one CPU).
 * Without it a task that wakes a waiter and spins on (stress-ng's futex
 * stressor) keeps the CPU for its whole 100 ms slice per wake-up. The waker
 * moves back rather than the wakee forward, so the order of the others is
 * kept and a herd of wakees cannot starve a runnable task. Not for a sync
 * wake-up (the waker is about to sleep anyway), nor for real-time, batch or
 * idle tasks.
 */
static int wakeup_preempts_equal(struct runqueue *rq, struct task_struct *p, int sync)
{
	struct task_struct *curr = rq->curr;

	return !sync && curr != rq->idle && curr != p && p->policy == SCHED_NORMAL &&
	       curr->policy == SCHED_NORMAL && p->prio == curr->prio && p->array == rq->active &&
	       curr->array == rq->active;
}

/*
 * Where a woken task goes: its last CPU if it may run there and that CPU
 * idles (its cache may still be warm), else any idle CPU it may use, else
 * its last CPU again if allowed, else the least loaded one it may use.
 */
static int wake_cpu(struct task_struct *p)
{
	cpumask_t m = task_cpus(p);
	int cpu = task_cpu(p), i;

	if (cpu_isset(cpu, m) && cpu_rq(cpu)->curr == cpu_rq(cpu)->idle)
		return cpu;
	for_each_online_cpu(i)
		if (cpu_isset(i, m) && cpu_rq(i)->curr == cpu_rq(i)->idle && !cpu_rq(i)->nr_running)
			return i;
	if (cpu_isset(cpu, m))
		return cpu;
	return least_loaded_cpu(p, cpu);
}

int try_to_wake_up(struct task_struct *p, unsigned int state, int sync)
{
	unsigned long flags;
	struct runqueue *rq = task_rq_lock(p, &flags);
	int success = 0, cpu;

	if (!(p->state & state))
		goto out;
	if (!p->array && !task_running(rq, p)) {
		/* off every CPU: it may change queue, under the old queue's lock */
		cpu = wake_cpu(p);
		if (cpu != task_cpu(p)) {
			set_task_cpu(p, cpu);
			task_rq_unlock(rq, flags);
			rq = task_rq_lock(p, &flags);
			if (!(p->state & state))	/* woken meanwhile by another */
				goto out;
		}
	}
	if (!p->array) {
		if (p->state == TASK_UNINTERRUPTIBLE)
			rq->nr_uninterruptible--;
		activate_task(p, rq);
		if (wakeup_preempts_equal(rq, p, sync)) {
			list_move_tail(&rq->curr->run_list, &rq->active->queue[p->prio]);
			resched_task(rq->curr);
		}
	}
	p->state = TASK_RUNNING;
	/* a better-priority task, or anyone at all if we idle, gets the CPU soon */
	if (rq->curr == rq->idle || p->prio < rq->curr->prio)
		resched_task(rq->curr);
	success = 1;
out:
	task_rq_unlock(rq, flags);
	return success;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_STOPPED | TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE, 0);
}

/* a new child: half of the parent's remaining slice, so fork cannot mint time */
void sched_fork(struct task_struct *p)
{
	unsigned long flags = local_irq_save();

	p->state = TASK_RUNNING;
	INIT_LIST_HEAD(&p->run_list);
	p->array = NULL;
	p->prio = current->prio;
	p->static_prio = current->static_prio;
	if (current->sched_reset_on_fork) {	/* the child starts as SCHED_NORMAL */
		p->sched_reset_on_fork = 0;
		if (p->policy == SCHED_FIFO || p->policy == SCHED_RR) {
			p->policy = SCHED_NORMAL;
			p->rt_priority = 0;
			p->prio = p->static_prio;
		}
	}
	p->time_slice = (current->time_slice + 1) >> 1;
	current->time_slice >>= 1;
	if (!current->time_slice)
		current->time_slice = 1;
	if (!p->time_slice)
		p->time_slice = 1;
	local_irq_restore(flags);
}

/* balancing on fork: the least-loaded CPU the child may use, the parent's on a tie */
void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags = local_irq_save();
	int cpu = least_loaded_cpu(p, smp_processor_id());
	struct runqueue *rq = cpu_rq(cpu);

	spin_lock(&rq->lock);
	set_task_cpu(p, cpu);		/* not on any queue yet */
	activate_task(p, rq);
	if (rq->curr == rq->idle || p->prio < rq->curr->prio)
		resched_task(rq->curr);
	task_rq_unlock(rq, flags);
}

/*
 * p, taken off its queue by its own schedule() (migrate_pending) and now
 * off every CPU, onto the least loaded CPU it may use.
 */
static void migrate_queued(struct task_struct *p)
{
	unsigned long flags;
	struct runqueue *rq = task_rq_lock(p, &flags);
	int cpu;

	if (!p->migrate_pending || p->array || task_running(rq, p))
		goto out;
	cpu = least_loaded_cpu(p, task_cpu(p));
	if (cpu != task_cpu(p)) {
		set_task_cpu(p, cpu);
		task_rq_unlock(rq, flags);
		rq = task_rq_lock(p, &flags);
		if (!p->migrate_pending || p->array)
			goto out;
	}
	p->migrate_pending = 0;
	activate_task(p, rq);
	if (rq->curr == rq->idle || p->prio < rq->curr->prio)
		resched_task(rq->curr);
out:
	task_rq_unlock(rq, flags);
}

/*
 * exec is the cheapest moment to move (no cache worth keeping): to a CPU
 * whose queue is shorter by two or more, so that the move evens the load
 * instead of just swapping it (2.6's sched_exec moves to the idlest CPU).
 */
void sched_exec(void)
{
	unsigned long flags = local_irq_save();
	int this_cpu = smp_processor_id();
	int cpu = least_loaded_cpu(current, this_cpu);
	int move = cpu != this_cpu &&
		   cpu_rq(cpu)->nr_running + 1 < cpu_rq(this_cpu)->nr_running;

	local_irq_restore(flags);
	if (move) {
		current->migrate_pending = 1;
		schedule();
	}
}

/* pull one task from busiest to this CPU, both locked; 1 if one moved */
static int pull_one_task(struct runqueue *this_rq, int this_cpu, struct runqueue *busiest)
{
	/* the expired array first: its tasks have waited longest and are cache-cold */
	struct prio_array *arrays[2] = { busiest->expired, busiest->active };

	for (int a = 0; a < 2; a++) {
		struct prio_array *array = arrays[a];

		if (!array->nr_active)
			continue;
		for (int prio = 0; prio < MAX_PRIO; prio++) {
			struct task_struct *p;

			if (!(array->bitmap[prio / 32] & (1UL << (prio % 32))))
				continue;
			list_for_each_entry(p, &array->queue[prio], run_list) {
				if (task_running(busiest, p) || p->migrate_pending ||
				    !cpu_isset(this_cpu, p->cpus_allowed))
					continue;
				dequeue_task(p, array);
				busiest->nr_running--;
				set_task_cpu(p, this_cpu);
				enqueue_task(p, array == busiest->active ? this_rq->active
									 : this_rq->expired);
				this_rq->nr_running++;
				if (this_rq->curr == this_rq->idle || p->prio < this_rq->curr->prio)
					resched_task(this_rq->curr);
				return 1;
			}
		}
	}
	return 0;
}

unsigned long nr_balance_pulls;		/* tasks moved by rebalance_tick (the tests) */

/*
 * The tick's load balancing (2.6's rebalance_tick and load_balance, one
 * domain): the busiest queue, if it has two or more tasks more than ours,
 * gives us one. An idle CPU looks every tick, a busy one every 20 ms.
 * Called from the timer interrupt, interrupts off.
 */
#define BUSY_REBALANCE_TICKS	(20 * HZ / 1000)

static void rebalance_tick(int this_cpu, struct runqueue *this_rq, int idle)
{
	struct runqueue *busiest = NULL;
	unsigned long max = 0;
	int cpu;

	if (!idle && jiffies % BUSY_REBALANCE_TICKS != (unsigned long)this_cpu % BUSY_REBALANCE_TICKS)
		return;
	for_each_online_cpu(cpu) {
		if (cpu == this_cpu)
			continue;
		if (cpu_rq(cpu)->nr_running > max) {
			max = cpu_rq(cpu)->nr_running;
			busiest = cpu_rq(cpu);
		}
	}
	if (!busiest || max < this_rq->nr_running + 2)
		return;
	double_rq_lock(this_rq, busiest);
	if (busiest->nr_running >= this_rq->nr_running + 2 &&
	    pull_one_task(this_rq, this_cpu, busiest))
		nr_balance_pulls++;
	double_rq_unlock(this_rq, busiest);
}

struct kernel_stat kstat[NR_CPUS];

/*
 * the tick's kind, as 2.6's account_user_time/account_system_time: an idle
 * task (pid 0, one per CPU) in the kernel is idle time, user time at a
 * positive nice is "nice"
 */
void account_cpu_tick(int cpu, struct task_struct *p, int user)
{
	struct cpu_usage_stat *cs = &kstat_cpu(cpu).cpustat;

	if (user)
		*(p->static_prio > NICE_TO_PRIO(0) ? &cs->nice : &cs->user) += 1;
	else if (p->pid == 0)
		cs->idle++;
	else
		cs->system++;
}

/* called from the timer interrupt with the interrupted task as current */
static void calc_global_load(void);
static void __scheduler_tick(struct runqueue *rq, struct task_struct *p);

void scheduler_tick(void)
{
	struct runqueue *rq = this_rq();
	struct task_struct *p = current;

	if (smp_processor_id() == 0)
		calc_global_load();	/* once a tick for the whole machine */

	if (p == rq->idle) {
		if (rq->nr_running)
			resched_task(p);
		else if (num_online_cpus() > 1)
			rebalance_tick(smp_processor_id(), rq, 1);
		return;
	}
	spin_lock(&rq->lock);
	__scheduler_tick(rq, p);
	spin_unlock(&rq->lock);
	if (num_online_cpus() > 1)
		rebalance_tick(smp_processor_id(), rq, 0);
}

/* the running task's slice, under rq->lock */
static void __scheduler_tick(struct runqueue *rq, struct task_struct *p)
{
	p->sched_time++;
	/* asleep on its way out, or already expired but not yet switched away */
	if (p->array != rq->active) {
		resched_task(p);
		return;
	}
	/* real time: FIFO runs until it blocks or yields; RR to the back of its list */
	if (rt_task(p)) {
		if (p->policy == SCHED_RR && !--p->time_slice) {
			p->time_slice = RR_TIMESLICE;
			resched_task(p);
			dequeue_task(p, rq->active);
			enqueue_task(p, rq->active);
		}
		return;
	}
	if (!--p->time_slice) {
		dequeue_task(p, rq->active);
		resched_task(p);
		p->time_slice = task_timeslice(p);
		enqueue_task(p, rq->expired);
	}
}

extern unsigned long *switch_to_asm(unsigned long *prev_esp, unsigned long next_esp);

/*
 * After a switch, on the new task's stack. 'prev_slot' is what switch_to_asm
 * left in eax: the previous task's saved-esp field, the one reliable way to
 * know who ran last. A task that exited with nobody to wait for it is
 * returned, to be freed by reap_dead() now that nothing runs on its stack.
 */
static struct task_struct *finish_task_switch(unsigned long *prev_slot)
{
	struct task_struct *prev = container_of(prev_slot, struct task_struct, thread.esp);
	/*
	 * Read before the unlock, as 2.6 reads prev_state: once the lock is
	 * dropped prev is off every CPU, and a zombie's parent on another CPU
	 * (wait_task_inactive) may free it at once, or a sleeper be woken
	 * there and exit. Only a task with migrate_pending (running, on no
	 * queue, so nobody can wake or pull it) or a self-reaped one (PF_DEAD,
	 * which only the task sets; a zombie leader made EXIT_DEAD by its last
	 * thread is released by that thread) is still ours afterwards.
	 */
	int migrate = prev->migrate_pending;
	int dead = prev->flags & PF_DEAD;

	spin_unlock(&this_rq()->lock);	/* taken by schedule() on prev's stack */
	if (migrate)
		migrate_queued(prev);	/* off this CPU now: onto its new queue */
	return dead ? prev : NULL;
}

/*
 * release_task() unlinks the task from the task and thread lists and drops
 * its signal counts, which the BKL guards: a self-reaped task is released
 * under it, after the switch, and with interrupts on while spinning for it
 * (freeing it in finish_task_switch without the BKL let a thread's exit on
 * another CPU walk a thread list through a freed task).
 */
static void reap_dead(struct task_struct *dead)
{
	unsigned long flags;

	if (kernel_locked()) {
		release_task(dead);
		return;
	}
	flags = local_irq_save();
	sti();
	lock_kernel();
	release_task(dead);
	unlock_kernel();
	local_irq_restore(flags);
}

/* the first thing a new task runs, from ret_from_fork */
void schedule_tail(unsigned long *prev_slot)
{
	struct task_struct *dead = finish_task_switch(prev_slot);

	sti();
	reacquire_kernel_lock(current);	/* a kernel thread starts under it */
	if (dead)
		reap_dead(dead);
	/* CLONE_CHILD_SETTID: the child writes its tid in its own address space */
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
}

static void load_fpu(struct task_struct *t)
{
	asm volatile("fxrstor %0" : : "m"(t->thread.i387));
}

static void save_fpu(struct task_struct *t)
{
	asm volatile("fxsave %0" : "=m"(t->thread.i387));
}

static struct task_struct *context_switch(struct task_struct *prev, struct task_struct *next)
{
	struct mm_struct *mm = next->mm, *oldmm = prev->active_mm;

	/* a kernel thread borrows the address space it finds (lazy TLB) */
	if (!mm) {
		next->active_mm = oldmm;
	} else if (oldmm != mm) {
		switch_mm(oldmm, mm);
	}
	if (!(prev->flags & PF_KTHREAD))
		save_fpu(prev);
	if (!(next->flags & PF_KTHREAD))
		load_fpu(next);
	load_esp0(next->thread.esp0);
	/*
	 * The next task's TLS entries into the GDT. The kernel runs with null
	 * %fs and %gs (SAVE_ALL), so nothing cached here can be stale: the
	 * user's selectors wait in pt_regs, reloaded (or fixed up to null) on
	 * the way back to user mode.
	 */
	load_TLS(next, smp_processor_id());
	return finish_task_switch(switch_to_asm(&prev->thread.esp, next->thread.esp));
}

void schedule(void)
{
	struct runqueue *rq;
	struct task_struct *prev, *next, *dead = NULL;
	unsigned long flags = local_irq_save();
	struct prio_array *array;
	int cpu = smp_processor_id();

	rq = cpu_rq(cpu);
	schedule_debug();
	prev = current;
	release_kernel_lock(prev);	/* taken back below, once prev runs again */
#ifdef CONFIG_DEBUG_SPINLOCK_SLEEP
	schedule_debug_sleep(prev, flags);
#endif
#ifdef CONFIG_DEBUG_STACKOVERFLOW
	stack_canary_check(prev, "in schedule");
#endif
	spin_lock(&rq->lock);
	rq->sched_cnt++;
	if (prev->state != TASK_RUNNING && prev->array) {
		/* a signal aborts an interruptible sleep before it starts */
		if (prev->state == TASK_INTERRUPTIBLE && signal_pending(prev))
			prev->state = TASK_RUNNING;
		else {
			if (prev->state == TASK_UNINTERRUPTIBLE)
				rq->nr_uninterruptible++;
			deactivate_task(prev, rq);
		}
	}
	/* leaving this CPU: off the queue now, onto another in finish_task_switch */
	if (prev->state == TASK_RUNNING && prev->array && prev != rq->idle &&
	    (prev->migrate_pending || !cpu_isset(cpu, task_cpus(prev)))) {
		deactivate_task(prev, rq);
		prev->migrate_pending = 1;
	}
	if (!rq->nr_running) {
		next = rq->idle;
	} else {
		array = rq->active;
		if (!array->nr_active) {	/* everyone used their slice: swap */
			rq->active = rq->expired;
			rq->expired = array;
			array = rq->active;
		}
		next = list_first_entry(&array->queue[sched_find_first_bit(array->bitmap)],
					struct task_struct, run_list);
	}
	clear_tsk_thread_flag(prev, TIF_NEED_RESCHED);
	if (prev != next) {
		rq->nr_switches++;
		rq->curr = next;
		dead = context_switch(prev, next);	/* next unlocks rq; we may wake on another CPU */
	} else {
		spin_unlock(&rq->lock);
	}
	local_irq_restore(flags);
	reacquire_kernel_lock(prev);
	if (dead)
		reap_dead(dead);
}

/*
 * Until p is off every CPU (2.6's wait_task_inactive): a zombie reaped from
 * another CPU may still be in its last schedule(), on the stack about to be
 * freed. Its queue's lock is held from before it stops being curr until the
 * task after it runs, so once we see another curr under that lock, p is gone.
 */
void wait_task_inactive(struct task_struct *p)
{
	unsigned long flags;
	struct runqueue *rq;
	int running;

	for (;;) {
		rq = task_rq_lock(p, &flags);
		running = task_running(rq, p);
		task_rq_unlock(rq, flags);
		if (!running)
			return;
		cpu_relax();
	}
}

static void process_timeout(unsigned long data)
{
	wake_up_process((struct task_struct *)data);
}

/*
 * Sleep for at most 'timeout' jiffies in the state the caller set; returns
 * the jiffies left (0 if it ran out). The timer list is kernel/timer.c's.
 */
/* does t sleep in schedule_timeout with its timer armed? (kernel/waitgraph.c) */
int schedule_timeout_pending(struct task_struct *t)
{
	return timer_find(process_timeout, (unsigned long)t);
}

long schedule_timeout(long timeout)
{
	struct timer_list timer;
	unsigned long expire;

	might_sleep();
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = jiffies_sync() + timeout;	/* from now, not from the last tick */
	setup_timer(&timer, process_timeout, (unsigned long)current);
	mod_timer(&timer, expire);
	schedule();
	/*
	 * _sync: woken otherwise while CPU 0's tick is running this timer, we
	 * must not go on (and sleep again) before its wake-up has landed, or it
	 * wakes the next sleep, which then looks like a timeout (2.6's
	 * del_singleshot_timer_sync).
	 */
	del_timer_sync(&timer);
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}

/*
 * sched_yield as 2.6 does it: to the back of the line, behind everyone
 * in the active array (the expired array), unless it is alone.
 */
void yield(void)
{
	unsigned long flags = local_irq_save();
	struct runqueue *rq = this_rq();
	struct task_struct *p = current;

	spin_lock(&rq->lock);
	if (p != rq->idle && p->array && rq->nr_running > 1) {
		/* 2.6: a real-time task only goes behind its equals */
		struct prio_array *to = rt_task(p) ? p->array : rq->expired;

		dequeue_task(p, p->array);
		enqueue_task(p, to);
	}
	resched_task(p);
	task_rq_unlock(rq, flags);
	schedule();
}

/* each CPU's idle task, the boot task's last job: halt until there is work, forever */
void cpu_idle(void)
{
	for (;;) {
		cli();
		while (!need_resched()) {
			safe_halt();
			cli();
		}
		sti();
		schedule();
	}
}

/* cpu's run queue gets its idle task (2.6's init_idle; boot/smpboot.c for the APs) */
void init_idle(struct task_struct *idle, int cpu)
{
	struct runqueue *rq = cpu_rq(cpu);
	unsigned long flags = local_irq_save();

	spin_lock(&rq->lock);
	idle->thread_info->cpu = cpu;
	idle->state = TASK_RUNNING;
	idle->array = NULL;
	idle->time_slice = task_timeslice(idle);
	rq->curr = rq->idle = idle;
	task_rq_unlock(rq, flags);
}

void sched_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct runqueue *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock);
		rq->active = &rq->arrays[0];
		rq->expired = &rq->arrays[1];
		for (int j = 0; j < 2; j++)
			for (int k = 0; k < MAX_PRIO; k++)
				INIT_LIST_HEAD(&rq->arrays[j].queue[k]);
	}
	cpu_rq(0)->curr = cpu_rq(0)->idle = &init_task;
	init_task.active_mm = &init_mm;
	init_task.thread.esp0 = (unsigned long)&init_thread_union + THREAD_SIZE;
#ifdef CONFIG_DEBUG_STACKOVERFLOW
	stack_canary_set(&init_thread_union.info);
#endif
	init_task.time_slice = task_timeslice(&init_task);
	/* CR0.MP|NE and CR4.OSFXSR|OSXMMEXCPT: user code may use x87 and SSE */
	asm volatile("mov %%cr0, %%eax; and $~0x4, %%eax; or $0x22, %%eax; mov %%eax, %%cr0" ::: "eax");
	write_cr4(read_cr4() | 0x600);
	asm volatile("fninit");
}

void set_user_nice(struct task_struct *p, long nice)
{
	unsigned long flags;
	struct runqueue *rq = task_rq_lock(p, &flags);
	struct prio_array *array = p->array;

	if (array)
		dequeue_task(p, array);
	p->static_prio = NICE_TO_PRIO(nice);
	if (!rt_task(p))	/* a real-time task keeps its priority; nice waits for later */
		p->prio = p->static_prio;
	if (array)
		enqueue_task(p, array);
	if (p == rq->curr || (array && p->prio < rq->curr->prio))
		resched_task(rq->curr);
	task_rq_unlock(rq, flags);
}

int task_nice(const struct task_struct *p)
{
	return PRIO_TO_NICE(p->static_prio);
}

unsigned long nr_running(void)
{
	unsigned long sum = 0;
	int cpu;

	for_each_online_cpu(cpu)
		sum += cpu_rq(cpu)->nr_running;
	return sum;
}

/*
 * The load average (Linux: kernel/sched/loadavg.c): every 5 s, each of
 * avenrun[] moves towards the number of runnable and uninterruptible
 * tasks by 1/e over 1, 5 and 15 minutes, in FSHIFT-bit fixed point.
 */
#define LOAD_FREQ	(5 * HZ + 1)
#define EXP_1		1884		/* 1/exp(5s/1min) */
#define EXP_5		2014
#define EXP_15		2037
static unsigned long avenrun[3];
static unsigned long calc_load_update = LOAD_FREQ;

static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/*
 * From the run queues, as 2.6's nr_active(): the task list is changed by
 * fork and exit on other CPUs, which this tick (an interrupt) cannot lock out.
 */
static void calc_global_load(void)
{
	long active = 0;
	int cpu;

	if ((long)(jiffies - calc_load_update) < 0)
		return;
	calc_load_update = jiffies + LOAD_FREQ;
	for_each_online_cpu(cpu)
		active += cpu_rq(cpu)->nr_running + cpu_rq(cpu)->nr_uninterruptible;
	if (active < 0)
		active = 0;
	active *= FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}

/* the load average, rounded by 'offset' (Linux's get_avenrun) */
void get_avenrun(unsigned long *loads, unsigned long offset)
{
	for (int i = 0; i < 3; i++)
		loads[i] = avenrun[i] + offset;
}

unsigned long long nr_context_switches(void)
{
	unsigned long long sum = 0;
	int cpu;

	for_each_online_cpu(cpu)
		sum += cpu_rq(cpu)->nr_switches;
	return sum;
}

/* for the tests (tests/kernel/test_smp.c): cpu's idle task and queue length */
struct task_struct *idle_task(int cpu)
{
	return cpu_rq(cpu)->idle;
}

unsigned long cpu_nr_running(int cpu)
{
	return cpu_rq(cpu)->nr_running;
}

unsigned long cpu_sched_count(int cpu)
{
	return cpu_rq(cpu)->sched_cnt;
}

int cpu_rq_locked(int cpu)
{
	return spin_is_locked(&cpu_rq(cpu)->lock);
}

struct task_struct *cpu_curr(int cpu)
{
	return cpu_rq(cpu)->curr;
}

int cpu_idles(int cpu)
{
	struct runqueue *rq = cpu_rq(cpu);

	return rq->curr == rq->idle && !rq->nr_running;
}

/* fresh FPU state for a task about to run user code */
void init_fpu(struct task_struct *t)
{
	memset(&t->thread.i387, 0, sizeof(t->thread.i387));
	t->thread.i387.words[0] = 0x037f;	/* FCW: all exceptions masked */
	t->thread.i387.words[6] = 0x1f80;	/* MXCSR: the same for SSE */
}

/* the parent's live FPU registers, into its saved area before fork copies it */
void unlazy_fpu(struct task_struct *t)
{
	if (t == current && !(t->flags & PF_KTHREAD))
		save_fpu(t);
}

/* ---- the scheduling-policy system calls (Linux: kernel/sched.c) ---- */

struct sched_param {
	int sched_priority;
};

static struct task_struct *find_process_by_pid(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (!p || p == &init_task || (p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
		return NULL;
	return p;
}

static int rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* may current change p's scheduling? its own uid, or CAP_SYS_NICE */
static int check_same_owner(struct task_struct *p)
{
	return current->euid == p->euid || current->euid == p->uid;
}

/*
 * Linux's __sched_setscheduler checks: a valid policy (SCHED_DEADLINE needs
 * sched_setattr, not here); priority 1..99 for FIFO/RR, 0 otherwise; without
 * CAP_SYS_NICE, RLIMIT_RTPRIO bounds real time and only one's own tasks.
 */
static long do_setscheduler(struct task_struct *p, int policy, int prio)
{
	struct runqueue *rq;
	unsigned long flags;
	struct prio_array *array;
	int reset = 0;

	if (policy < 0) {
		policy = p->policy;
		reset = p->sched_reset_on_fork;
	} else {
		reset = !!(policy & SCHED_RESET_ON_FORK);
		policy &= ~SCHED_RESET_ON_FORK;
		if (policy != SCHED_NORMAL && policy != SCHED_FIFO && policy != SCHED_RR &&
		    policy != SCHED_BATCH && policy != SCHED_IDLE)
			return -EINVAL;
	}
	if (prio < 0 || prio > MAX_RT_PRIO - 1 || rt_policy(policy) != (prio != 0))
		return -EINVAL;
	if (!capable(CAP_SYS_NICE)) {
		unsigned long rlim = current->rlim[RLIMIT_RTPRIO].rlim_cur;

		if (rt_policy(policy)) {
			if (policy != (int)p->policy && !rlim)
				return -EPERM;
			if ((unsigned int)prio > p->rt_priority && (unsigned long)prio > rlim)
				return -EPERM;
		}
		if (!check_same_owner(p))
			return -EPERM;
		if (p->sched_reset_on_fork && !reset)
			return -EPERM;
	}
	rq = task_rq_lock(p, &flags);
	array = p->array;
	if (array)
		dequeue_task(p, array);
	p->policy = policy;
	p->rt_priority = prio;
	p->sched_reset_on_fork = reset;
	p->prio = rt_policy(policy) ? MAX_RT_PRIO - 1 - prio : p->static_prio;
	if (policy == SCHED_RR)
		p->time_slice = RR_TIMESLICE;
	if (array) {
		/* a real-time task always runs from the active array */
		enqueue_task(p, rt_task(p) ? rq->active : array);
		if (p == current || p->prio < rq->curr->prio)
			resched_task(rq->curr);
		else if (p == rq->curr)
			resched_task(p);
	}
	task_rq_unlock(rq, flags);
	return 0;
}

static long setscheduler_user(pid_t pid, int policy, struct sched_param __user *param)
{
	struct sched_param lp;
	struct task_struct *p;

	if (!param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&lp, param, sizeof(lp)))
		return -EFAULT;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	return do_setscheduler(p, policy, lp.sched_priority);
}

long sys_sched_setscheduler(pid_t pid, int policy, struct sched_param __user *param)
{
	if (policy < 0)
		return -EINVAL;
	return setscheduler_user(pid, policy, param);
}

long sys_sched_setparam(pid_t pid, struct sched_param __user *param)
{
	return setscheduler_user(pid, -1, param);
}

long sys_sched_getscheduler(pid_t pid)
{
	struct task_struct *p;

	if (pid < 0)
		return -EINVAL;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	return p->policy | (p->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

long sys_sched_getparam(pid_t pid, struct sched_param __user *param)
{
	struct sched_param lp;
	struct task_struct *p;

	if (!param || pid < 0)
		return -EINVAL;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	lp.sched_priority = rt_policy(p->policy) ? (int)p->rt_priority : 0;
	return copy_to_user(param, &lp, sizeof(lp)) ? -EFAULT : 0;
}

/*
 * sched_setattr and sched_getattr (Linux 3.14): the policy, nice and
 * priority in one extensible struct. Its size rules are Linux's: 0 means
 * the first version (48 bytes), less or more than a page is E2BIG with the
 * kernel's size written back, so are nonzero bytes past what we know.
 * SCHED_DEADLINE is checked as Linux checks it (parameters EINVAL, a user
 * EPERM), then refused with EBUSY, the answer Linux's admission control
 * gives when it has no bandwidth left: there is no EDF class here.
 * Utilisation clamps are CONFIG_UCLAMP_TASK off: EOPNOTSUPP.
 */
struct sched_attr {
	u32 size;
	u32 sched_policy;
	u64 sched_flags;
	s32 sched_nice;
	u32 sched_priority;
	u64 sched_runtime, sched_deadline, sched_period;	/* SCHED_DEADLINE, ns */
	u32 sched_util_min, sched_util_max;			/* the second version */
};
#define SCHED_ATTR_SIZE_VER0		48
#define SCHED_ATTR_SIZE_VER1		56
#define SCHED_FLAG_RESET_ON_FORK	0x01
#define SCHED_FLAG_RECLAIM		0x02
#define SCHED_FLAG_DL_OVERRUN		0x04
#define SCHED_FLAG_KEEP_POLICY		0x08
#define SCHED_FLAG_KEEP_PARAMS		0x10
#define SCHED_FLAG_UTIL_CLAMP_MIN	0x20
#define SCHED_FLAG_UTIL_CLAMP_MAX	0x40
#define SCHED_FLAG_UTIL_CLAMP		(SCHED_FLAG_UTIL_CLAMP_MIN | SCHED_FLAG_UTIL_CLAMP_MAX)
#define SCHED_FLAG_ALL			0x7f
#define SCHED_FLAG_SUGOV		0x10000000
#define DL_SCALE			10
#define DL_PERIOD_MIN_NS		(100ULL * 1000)		/* sched_deadline_period_min_us */
#define DL_PERIOD_MAX_NS		(4194304ULL * 1000)	/* sched_deadline_period_max_us */

static long sched_copy_attr(struct sched_attr __user *uattr, struct sched_attr *attr)
{
	u32 size;
	unsigned char c;

	memset(attr, 0, sizeof(*attr));
	if (get_user(size, &uattr->size))
		return -EFAULT;
	if (!size)
		size = SCHED_ATTR_SIZE_VER0;	/* the first callers passed no size */
	if (size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE)
		goto too_big;
	/* a newer caller's tail we do not know must be zeros */
	for (u32 off = sizeof(*attr); off < size; off++) {
		if (get_user(c, (unsigned char __user *)uattr + off))
			return -EFAULT;
		if (c)
			goto too_big;
	}
	if (copy_from_user(attr, uattr, size < sizeof(*attr) ? size : sizeof(*attr)))
		return -EFAULT;
	if ((attr->sched_flags & SCHED_FLAG_UTIL_CLAMP) && size < SCHED_ATTR_SIZE_VER1)
		return -EINVAL;
	/* nice out of range is clamped, as Linux does */
	if (attr->sched_nice < -20)
		attr->sched_nice = -20;
	if (attr->sched_nice > 19)
		attr->sched_nice = 19;
	return 0;
too_big:
	put_user((u32)sizeof(*attr), &uattr->size);
	return -E2BIG;
}

/* Linux's __checkparam_dl: runtime <= deadline <= period, within the sysctl's bounds */
static int checkparam_dl(const struct sched_attr *a)
{
	u64 period = a->sched_period ? a->sched_period : a->sched_deadline;

	if (!a->sched_deadline || a->sched_runtime < (1ULL << DL_SCALE))
		return 0;
	if ((a->sched_deadline | a->sched_period) & (1ULL << 63))
		return 0;
	if (period < a->sched_deadline || a->sched_deadline < a->sched_runtime)
		return 0;
	return period >= DL_PERIOD_MIN_NS && period <= DL_PERIOD_MAX_NS;
}

/* lowering nice to 'nice' within RLIMIT_NICE (20 - nice), or CAP_SYS_NICE */
static int can_nice(int nice)
{
	unsigned long lim = current->rlim[RLIMIT_NICE].rlim_cur;

	return lim == RLIM_INFINITY || (unsigned long)(20 - nice) <= lim || capable(CAP_SYS_NICE);
}

static int fair_policy(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE;
}

static long do_sched_setattr(struct task_struct *p, struct sched_attr *a)
{
	int policy = (a->sched_flags & SCHED_FLAG_KEEP_POLICY) ? -1 : (int)a->sched_policy;
	int eff = policy < 0 ? (int)p->policy : policy;
	long err;

	if (a->sched_flags & SCHED_FLAG_KEEP_PARAMS) {
		a->sched_priority = rt_policy(p->policy) ? p->rt_priority : 0;
		a->sched_nice = task_nice(p);
	}
	if (policy >= 0 && !fair_policy(policy) && !rt_policy(policy) && policy != SCHED_DEADLINE)
		return -EINVAL;
	if (a->sched_flags & ~(u64)(SCHED_FLAG_ALL | SCHED_FLAG_SUGOV))
		return -EINVAL;
	if (a->sched_priority > MAX_RT_PRIO - 1)
		return -EINVAL;
	if ((eff == SCHED_DEADLINE && !checkparam_dl(a)) ||
	    rt_policy(eff) != (a->sched_priority != 0))
		return -EINVAL;
	if (!capable(CAP_SYS_NICE)) {
		if (fair_policy(eff) && a->sched_nice < task_nice(p) && !can_nice(a->sched_nice))
			return -EPERM;
		if (eff == SCHED_DEADLINE)
			return -EPERM;
		if (p->policy == SCHED_IDLE && eff != SCHED_IDLE && !can_nice(task_nice(p)))
			return -EPERM;
	}
	if (a->sched_flags & SCHED_FLAG_SUGOV)
		return -EINVAL;		/* the kernel's own cpufreq threads only */
	if (a->sched_flags & SCHED_FLAG_UTIL_CLAMP)
		return -EOPNOTSUPP;	/* CONFIG_UCLAMP_TASK off */
	if (eff == SCHED_DEADLINE)
		return -EBUSY;		/* no deadline bandwidth: see above */
	if (a->sched_flags & SCHED_FLAG_KEEP_PARAMS)
		return 0;		/* as Linux: policy and parameters stay, only clamps would move */
	err = do_setscheduler(p, policy < 0 ? -1 :
			      policy | ((a->sched_flags & SCHED_FLAG_RESET_ON_FORK) ?
					SCHED_RESET_ON_FORK : 0), (int)a->sched_priority);
	if (err)
		return err;
	if (fair_policy(eff) && a->sched_nice != task_nice(p))
		set_user_nice(p, a->sched_nice);
	return 0;
}

long sys_sched_setattr(pid_t pid, struct sched_attr __user *uattr, unsigned int flags)
{
	struct sched_attr attr;
	struct task_struct *p;
	long err;

	if (!uattr || pid < 0 || flags)
		return -EINVAL;
	err = sched_copy_attr(uattr, &attr);
	if (err)
		return err;
	if ((int)attr.sched_policy < 0)
		return -EINVAL;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	return do_sched_setattr(p, &attr);
}

long sys_sched_getattr(pid_t pid, struct sched_attr __user *uattr, unsigned int usize,
		       unsigned int flags)
{
	struct sched_attr k;
	struct task_struct *p;

	if (!uattr || pid < 0 || usize > PAGE_SIZE || usize < SCHED_ATTR_SIZE_VER0 || flags)
		return -EINVAL;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	memset(&k, 0, sizeof(k));
	k.sched_policy = p->policy;
	if (p->sched_reset_on_fork)
		k.sched_flags |= SCHED_FLAG_RESET_ON_FORK;
	if (rt_policy(p->policy))
		k.sched_priority = p->rt_priority;
	else
		k.sched_nice = task_nice(p);
	/* as much as both sides know, size says how much; a longer buffer's rest zeroed */
	k.size = usize < sizeof(k) ? usize : sizeof(k);
	if (copy_to_user(uattr, &k, k.size))
		return -EFAULT;
	if (usize > k.size && clear_user((char __user *)uattr + k.size, usize - k.size))
		return -EFAULT;
	return 0;
}

long sys_sched_get_priority_max(int policy)
{
	if (rt_policy(policy))
		return MAX_RT_PRIO - 1;
	if (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE ||
	    policy == SCHED_DEADLINE)
		return 0;
	return -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
	if (rt_policy(policy))
		return 1;
	if (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE ||
	    policy == SCHED_DEADLINE)
		return 0;
	return -EINVAL;
}

/* the slice a task gets: RR's 100 ms, none for FIFO, the nice-based one otherwise */
static long rr_interval(pid_t pid, long *ns)
{
	struct task_struct *p;

	if (pid < 0)
		return -EINVAL;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	*ns = p->policy == SCHED_FIFO ? 0 :
	      (long)(p->policy == SCHED_RR ? RR_TIMESLICE : task_timeslice(p)) * (NSEC_PER_SEC / HZ);
	return 0;
}

/* the two layouts differ only in the width of their fields */
static long rr_get_interval_user(pid_t pid, void __user *interval, int is64)
{
	struct timespec64 t64;
	struct timespec t;
	long ns, err = rr_interval(pid, &ns);

	if (err)
		return err;
	t.tv_sec = t64.tv_sec = ns / NSEC_PER_SEC;
	t.tv_nsec = t64.tv_nsec = ns % NSEC_PER_SEC;
	if (is64)
		return copy_to_user(interval, &t64, sizeof(t64)) ? -EFAULT : 0;
	return copy_to_user(interval, &t, sizeof(t)) ? -EFAULT : 0;
}

long sys_sched_rr_get_interval(pid_t pid, struct timespec __user *interval)
{
	return rr_get_interval_user(pid, interval, 0);
}

long sys_sched_rr_get_interval_time64(pid_t pid, struct timespec64 __user *interval)
{
	return rr_get_interval_user(pid, interval, 1);
}

/*
 * sched_setaffinity/sched_getaffinity (Linux's ABI). A mask shorter than
 * the kernel's (4 bytes) is zero-extended, a longer one cut, as Linux does;
 * one with no online CPU in it is EINVAL. The mask is kept as given; what
 * getaffinity reports, and where the task may run, is it and the online
 * CPUs. A task queued elsewhere moves at once; a running one at its next
 * schedule(), which set_cpus_allowed asks for (see the top of this file).
 */
#define CPUMASK_SIZE	sizeof(unsigned long)

int set_cpus_allowed(struct task_struct *p, cpumask_t new_mask)
{
	unsigned long flags;
	struct runqueue *rq;

	if (!(new_mask & cpu_online_map))
		return -EINVAL;		/* (nolapic_timer: an AP-only mask still runs on CPU 0) */
	rq = task_rq_lock(p, &flags);
	p->cpus_allowed = new_mask;
	if (cpu_isset(task_cpu(p), task_cpus(p))) {
		task_rq_unlock(rq, flags);
		return 0;
	}
	if (task_running(rq, p)) {
		resched_task(p);	/* its schedule() takes it off this CPU */
	} else if (p->array) {
		deactivate_task(p, rq);
		p->migrate_pending = 1;
		task_rq_unlock(rq, flags);
		migrate_queued(p);
		return 0;
	}
	/* asleep: try_to_wake_up puts it on an allowed CPU */
	task_rq_unlock(rq, flags);
	return 0;
}

long sys_sched_setaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr)
{
	unsigned long mask = 0;
	struct task_struct *p;

	if (copy_from_user(&mask, user_mask_ptr, len < CPUMASK_SIZE ? len : CPUMASK_SIZE))
		return -EFAULT;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	if (!check_same_owner(p) && !capable(CAP_SYS_NICE))
		return -EPERM;
	if (NR_CPUS < 8 * CPUMASK_SIZE)
		mask &= (1UL << NR_CPUS) - 1;
	return set_cpus_allowed(p, mask);
}

long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *user_mask_ptr)
{
	struct task_struct *p;
	unsigned long mask;

	if (len * 8 < NR_CPUS || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	p = find_process_by_pid(pid);
	if (!p)
		return -ESRCH;
	mask = p->cpus_allowed & cpu_online_map;
	if (copy_to_user(user_mask_ptr, &mask, CPUMASK_SIZE))
		return -EFAULT;
	return CPUMASK_SIZE;
}

/* getcpu: the CPU we run on, node 0 (Linux keeps it in kernel/sys.c) */
long sys_getcpu(unsigned int __user *cpup, unsigned int __user *nodep, void __user *unused)
{
	unsigned int cpu = smp_processor_id();

	(void)unused;
	if (cpup && put_user(cpu, cpup))
		return -EFAULT;
	if (nodep && put_user(0U, nodep))
		return -EFAULT;
	return 0;
}

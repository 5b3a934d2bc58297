/*
 * kernel/init_task.c - task 0 (Linux: arch/i386/kernel/init_task.c): the
 * boot context, which becomes the idle task. Its stack is the one head.asm
 * starts on, aligned so that esp & ~(THREAD_SIZE - 1) finds its thread_info.
 */
#include <kernel/sched.h>

struct task_struct init_task;

union thread_union init_thread_union __aligned(THREAD_SIZE) __section(".data.init_task") = {
	.info = {
		.task = &init_task,
		.addr_limit = KERNEL_DS,
	},
};

static struct sighand_struct init_sighand = { .count = 1 };
static struct signal_struct init_signals = {
	.count = 1,
	.live = 1,
	.shared_pending = { .list = LIST_HEAD_INIT(init_signals.shared_pending.list) },
	.tsk = &init_task,
	.real_timer = { .entry = LIST_HEAD_INIT(init_signals.real_timer.entry),
			.function = it_real_fn, .data = (unsigned long)&init_signals },
	.posix_timers = LIST_HEAD_INIT(init_signals.posix_timers),
};

LIST_HEAD(task_list);

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.thread_info = &init_thread_union.info,
	.flags = PF_KTHREAD,
	.cpus_allowed = ~0UL,
	.lock_depth = -1,
	.prio = MAX_PRIO - 20,
	.static_prio = MAX_PRIO - 20,
	.dumpable = 1,
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_chldexit),
	.real_parent = &init_task,
	.parent = &init_task,
	.comm = "swapper",
	.sighand = &init_sighand,
	.signal = &init_signals,
	.group_leader = &init_task,
	.thread_group = LIST_HEAD_INIT(init_task.thread_group),
	.pending = { .list = LIST_HEAD_INIT(init_task.pending.list) },
	.rlim = {
		[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_STACK] = { 8UL << 20, RLIM_INFINITY },
		[RLIMIT_CORE] = { 0, RLIM_INFINITY },
		[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_NPROC] = { 4096, 4096 },
		[RLIMIT_NOFILE] = { 1024, 4096 },	/* INR_OPEN_CUR, INR_OPEN_MAX */
		[RLIMIT_MEMLOCK] = { 64 << 10, 64 << 10 },
		[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },
		[10 ... RLIMIT_MSGQUEUE - 1] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_MSGQUEUE] = { 819200, 819200 },	/* MQ_BYTES_MAX */
		[RLIMIT_NICE] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_RTPRIO] = { 0, 0 },	/* real time for CAP_SYS_NICE only, as Linux */
		[RLIMIT_RTPRIO + 1 ... RLIM_NLIMITS - 1] = { RLIM_INFINITY, RLIM_INFINITY },
	},
};

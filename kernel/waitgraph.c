/*
 * kernel/waitgraph.c - the wait-for graph: every sleeping task, what it
 * waits for and which tasks could wake it, gathered from the subsystems'
 * WAITGRAPH_KIND scans; the shell's "waits" and "waits -d", and the
 * hung_task_warn= check. Linux has no such graph (kernel/hung_task.c only
 * notices long D-state sleeps); the report names who blocks whom.
 *
 * A task is stuck when it sleeps with a closed list of possible wakers and
 * every one of them is itself stuck (a sleep with an armed timeout never is); the stuck set is the largest set with
 * that property (start from every sleeper with a closed list, drop any
 * whose waker is awake, unknown, or dropped, until nothing changes).
 */
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/init.h>
#include <kernel/io.h>
#include <kernel/kshell.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/waitgraph.h>

extern const struct waitgraph_kind __start_waitgraph_kinds[], __stop_waitgraph_kinds[];

#define WG_MAX		1024	/* sleepers in one snapshot */
#define WG_LIST		40	/* lines "waits" prints before "... N more" */

static struct wg_sleeper *wg_table;
static int wg_n, wg_full;
static int wg_busy;		/* the shell is printing wg_table: the timer keeps off it */
static const struct waitgraph_kind *wg_kind;	/* the scan running */
static const char *wg_kindof[WG_MAX];

static int wg_find(pid_t pid)
{
	for (int i = 0; i < wg_n; i++)
		if (wg_table[i].pid == pid)
			return i;
	return -1;
}

struct wg_sleeper *wg_add(struct task_struct *t, const char *what, const char *wants)
{
	struct wg_sleeper *s;

	if (t->state != TASK_INTERRUPTIBLE && t->state != TASK_UNINTERRUPTIBLE)
		return NULL;
	if (wg_find(t->pid) >= 0)
		return NULL;
	if (wg_n == WG_MAX) {
		wg_full++;
		return NULL;
	}
	wg_kindof[wg_n] = wg_kind->name;
	s = &wg_table[wg_n++];
	memset(s, 0, sizeof(*s));
	s->pid = t->pid;
	memcpy(s->comm, t->comm, sizeof(s->comm));
	s->comm[sizeof(s->comm) - 1] = 0;
	strlcpy(s->what, what, sizeof(s->what));
	strlcpy(s->wants, wants, sizeof(s->wants));
	s->role = "waker";
	/* a sleep with a timeout ends by itself: never part of a deadlock */
	if (schedule_timeout_pending(t))
		wg_anyone(s, "its timeout");
	return s;
}

void wg_waker(struct wg_sleeper *s, struct task_struct *t, int fd)
{
	for (int i = 0; i < s->nwakers; i++)
		if (s->wakers[i].pid == t->pid)
			return;
	if (s->nwakers == WG_WAKERS) {
		wg_anyone(s, "more possible wakers than the graph keeps");
		return;
	}
	s->wakers[s->nwakers].pid = t->pid;
	s->wakers[s->nwakers++].fd = fd;
}

void wg_anyone(struct wg_sleeper *s, const char *why)
{
	if (!s->anyone)
		s->anyone = why;
}

void wg_fd_holders(struct wg_sleeper *s, wg_match_t match, void *arg)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks) {
		struct fdtable *fdt;

		if (!p->files || (p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
			continue;
		fdt = files_fdtable(p->files);
		for (unsigned int fd = 0; fd < fdt->max_fds; fd++)
			if (fdt->fd[fd] && match(fdt->fd[fd], arg)) {
				wg_waker(s, p, fd);
				break;
			}
	}
}

void wg_file_holders(struct wg_sleeper *s, wg_match_t match, void *arg)
{
	const struct waitgraph_kind *k;

	wg_fd_holders(s, match, arg);
	for (k = __start_waitgraph_kinds; k < __stop_waitgraph_kinds; k++)
		if (k->carried)
			k->carried(s, match, arg);
}

/* wait4: the sleeper's children can wake it (kernel/exit.c's do_wait) */
static void wait4_scan(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks) {
		struct task_struct *c;
		struct wg_sleeper *s;

		if (list_empty(&p->wait_chldexit.task_list) || list_empty(&p->children))
			continue;
		s = wg_add(p, "wait4 for a child", "a child to exit");
		if (!s)
			continue;
		s->role = "child";
		snprintf(s->holds, sizeof(s->holds), "a child of pid %d", p->pid);
		list_for_each_entry(c, &p->children, sibling)
			wg_waker(s, c, -1);
	}
}
WAITGRAPH_KIND(wait4, wait4_scan);

/* take a snapshot: 0, or -ENOMEM */
static int wg_snapshot(void)
{
	unsigned long flags;

	if (!wg_table)
		wg_table = kmalloc(WG_MAX * sizeof(*wg_table), 0);
	if (!wg_table)
		return -ENOMEM;
	/* interrupts off: no wake-up on this CPU mid-scan; other CPUs' process context is the BKL's */
	flags = local_irq_save();
	wg_n = wg_full = 0;
	for (wg_kind = __start_waitgraph_kinds; wg_kind < __stop_waitgraph_kinds; wg_kind++)
		wg_kind->scan();
	local_irq_restore(flags);
	return 0;
}

static int wg_is_stuck(pid_t pid)
{
	int i = wg_find(pid);

	return i >= 0 && wg_table[i].stuck;
}

static int wg_find_stuck(void)
{
	int changed = 1, n = 0;

	for (int i = 0; i < wg_n; i++) {
		struct wg_sleeper *s = &wg_table[i];

		s->stuck = !s->anyone && s->nwakers > 0;
		s->group = 0;
	}
	while (changed) {
		changed = 0;
		for (int i = 0; i < wg_n; i++) {
			struct wg_sleeper *s = &wg_table[i];

			for (int w = 0; s->stuck && w < s->nwakers; w++)
				if (!wg_is_stuck(s->wakers[w].pid)) {
					s->stuck = 0;
					changed = 1;
				}
		}
	}
	for (int i = 0; i < wg_n; i++)
		n += wg_table[i].stuck;
	return n;
}

/* does from reach to through wakers? (iterative, bounded by the table) */
static int wg_reaches(int from, int to, char *seen, int *stack)
{
	int top = 0;

	memset(seen, 0, wg_n);
	stack[top++] = from;
	seen[from] = 1;
	while (top) {
		struct wg_sleeper *s = &wg_table[stack[--top]];

		for (int w = 0; w < s->nwakers; w++) {
			int j = wg_find(s->wakers[w].pid);

			if (j == to)
				return 1;
			if (j >= 0 && wg_table[j].stuck && !seen[j]) {
				seen[j] = 1;
				stack[top++] = j;
			}
		}
	}
	return 0;
}

/* the fd through which pid can wake sleeper s, -2 when it cannot */
static int wg_waker_fd(struct wg_sleeper *s, pid_t pid)
{
	for (int w = 0; w < s->nwakers; w++)
		if (s->wakers[w].pid == pid)
			return s->wakers[w].fd;
	return -2;
}

static void wg_print_holds(struct wg_sleeper *s, pid_t pid, int fd)
{
	printk("%s", s->owner && s->owner == pid ? s->owner_holds : s->holds);
	if (fd >= 0)
		printk(" (fd %d)", fd);
}

/* one cycle, members in group g */
static void wg_report_cycle(int first, int g)
{
	struct wg_sleeper *s = &wg_table[first];
	int members[WG_MAX > 64 ? 64 : WG_MAX], n = 0;

	for (int i = first; i < wg_n && n < 64; i++)
		if (wg_table[i].group == g)
			members[n++] = i;
	if (n == 1) {
		int fd = wg_waker_fd(s, s->pid);

		printk("pid %d (%s) sleeps in %s; the only %s is pid %d itself", s->pid, s->comm,
		       s->what, s->role, s->pid);
		if (fd >= 0)
			printk(" (fd %d)", fd);
		printk(": ");
		printk(s->advice ? s->advice : "nothing else can wake it", fd);
		printk("\n");
		return;
	}
	printk("pids ");
	for (int k = 0; k < n; k++)
		printk("%d%s", wg_table[members[k]].pid,
		       k == n - 1 ? "" : k == n - 2 ? " and " : ", ");
	printk(" are deadlocked: ");
	for (int k = 0; k < n; k++) {
		struct wg_sleeper *m = &wg_table[members[k]];

		printk("%d holds ", m->pid);
		/* what m holds that another member of the cycle waits for */
		for (int j = 0; j < n; j++) {
			struct wg_sleeper *o = &wg_table[members[(k + 1 + j) % n]];
			int fd = wg_waker_fd(o, m->pid);

			if (fd != -2) {
				wg_print_holds(o, m->pid, fd);
				break;
			}
		}
		printk(" and waits for %s%s", m->wants, k == n - 1 ? "\n" : "; ");
	}
}

static int wg_report_deadlocks(void)
{
	char *seen = kmalloc(wg_n + 1, 0);
	int *stack = kmalloc((wg_n + 1) * sizeof(int) * WG_WAKERS, 0);
	int groups = 0, stuck = wg_find_stuck();

	if (!seen || !stack) {
		kfree(seen);
		kfree(stack);
		return -ENOMEM;
	}
	/* group the tasks on cycles: i and j together when each reaches the other */
	for (int i = 0; i < wg_n; i++) {
		struct wg_sleeper *s = &wg_table[i];

		if (!s->stuck || s->group || !wg_reaches(i, i, seen, stack))
			continue;
		s->group = ++groups;
		for (int j = i + 1; j < wg_n; j++)
			if (wg_table[j].stuck && !wg_table[j].group && wg_reaches(i, j, seen, stack) &&
			    wg_reaches(j, i, seen, stack))
				wg_table[j].group = groups;
		wg_report_cycle(i, groups);
	}
	/* the rest wait on a cycle without being on one */
	for (int i = 0; i < wg_n; i++) {
		struct wg_sleeper *s = &wg_table[i];

		if (!s->stuck || s->group)
			continue;
		printk("pid %d (%s) sleeps in %s; every %s that could wake it (pid ", s->pid,
		       s->comm, s->what, s->role);
		for (int w = 0; w < s->nwakers; w++)
			printk("%s%d", w ? "," : "", s->wakers[w].pid);
		printk(") is stuck itself: it waits behind the deadlock above\n");
	}
	kfree(seen);
	kfree(stack);
	return stuck;
}

static void wg_print_sleeper(struct wg_sleeper *s)
{
	printk("  %5d %-15s %s <- ", s->pid, s->comm, s->what);
	if (s->anyone)
		printk("anyone (%s)", s->anyone);
	else
		for (int w = 0; w < s->nwakers; w++) {
			printk("%s%s %d", w ? ", " : "", s->role, s->wakers[w].pid);
			if (s->wakers[w].pid == s->owner)
				printk(" (owner)");
			if (s->wakers[w].fd >= 0)
				printk(" (fd %d)", s->wakers[w].fd);
		}
	if (s->hint)
		printk("; %s pid %d (a hint only)", s->hint_what ? s->hint_what : "last sender", s->hint);
	printk("\n");
}

int waitgraph_report(int all, int deadlocks)
{
	int stuck, asleep = 0;
	struct task_struct *p;

	if (wg_snapshot())
		return -ENOMEM;
	list_for_each_entry(p, &task_list, tasks)
		asleep += p->state == TASK_INTERRUPTIBLE || p->state == TASK_UNINTERRUPTIBLE;
	if (!deadlocks) {
		const struct waitgraph_kind *k;

		printk("%d asleep, %d on objects in the graph:", asleep, wg_n + wg_full);
		for (k = __start_waitgraph_kinds; k < __stop_waitgraph_kinds; k++) {
			int n = 0;

			for (int i = 0; i < wg_n; i++)
				n += wg_kindof[i] == k->name;
			if (n)
				printk(" %s %d", k->name, n);
		}
		printk("; %d elsewhere (nanosleep, poll, mutexes)\n", asleep - wg_n - wg_full);
		if (wg_full)
			printk("the graph keeps %d sleepers; %d left out\n", WG_MAX, wg_full);
		for (int i = 0; i < wg_n && (all || i < WG_LIST); i++)
			wg_print_sleeper(&wg_table[i]);
		if (!all && wg_n > WG_LIST)
			printk("  ... %d more (waits -a lists them all)\n", wg_n - WG_LIST);
		return 0;
	}
	stuck = wg_report_deadlocks();
	if (stuck == 0)
		printk("waits: no deadlock among %d sleepers\n", wg_n);
	return stuck;
}

static int cmd_waits(int argc, char **argv)
{
	int all = 0, d = 0, err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-d"))
			d = 1;
		else if (!strcmp(argv[i], "-a"))
			all = 1;
		else {
			printk("usage: waits [-a] [-d]\n");
			return 1;
		}
	}
	wg_busy = 1;
	err = waitgraph_report(all, d);
	wg_busy = 0;
	if (err < 0) {
		printk("waits: out of memory\n");
		return 1;
	}
	return 0;
}
KSHELL_COMMAND(waits, cmd_waits, "[-a] [-d] - who sleeps on what and who could wake it; -d: deadlocks");

/*
 * hung_task_warn=SECONDS: every SECONDS, a timer takes the snapshot; tasks
 * stuck at two checks in a row (so for SECONDS at least) get the report,
 * once. Off by default: a snapshot walks every fd table with interrupts off.
 */
static unsigned long hung_task_warn;
static struct timer_list hung_timer;
static pid_t hung_prev[64], hung_told[64];
static int hung_nprev, hung_ntold;

static int pid_in(pid_t pid, pid_t *set, int n)
{
	for (int i = 0; i < n; i++)
		if (set[i] == pid)
			return 1;
	return 0;
}

static void hung_check(unsigned long data)
{
	int report = 0, n = 0;
	pid_t now[64];

	(void)data;
	if (wg_busy) {
		mod_timer(&hung_timer, jiffies + hung_task_warn * HZ);
		return;
	}
	if (wg_snapshot() == 0 && wg_find_stuck() > 0) {
		for (int i = 0; i < wg_n && n < 64; i++)
			if (wg_table[i].stuck) {
				now[n++] = wg_table[i].pid;
				if (pid_in(now[n - 1], hung_prev, hung_nprev) &&
				    !pid_in(now[n - 1], hung_told, hung_ntold))
					report = 1;
			}
		if (report) {
			printk("hung_task_warn: stuck for %lu s or more:\n", hung_task_warn);
			wg_report_deadlocks();
			for (int i = 0; i < n && hung_ntold < 64; i++)
				if (!pid_in(now[i], hung_told, hung_ntold))
					hung_told[hung_ntold++] = now[i];
		}
	}
	memcpy(hung_prev, now, n * sizeof(pid_t));
	hung_nprev = n;
	mod_timer(&hung_timer, jiffies + hung_task_warn * HZ);
}

static int hung_task_warn_setup(char *val)
{
	unsigned long v = 0;

	while (*val >= '0' && *val <= '9')
		v = v * 10 + (*val++ - '0');
	if (*val || v == 0 || v > 86400)
		return 0;
	hung_task_warn = v;
	setup_timer(&hung_timer, hung_check, 0);
	mod_timer(&hung_timer, jiffies + v * HZ);
	return 1;
}
__setup("hung_task_warn=", hung_task_warn_setup);

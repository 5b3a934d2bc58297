/*
 * include/kernel/waitgraph.h - the wait-for graph (kernel/waitgraph.c; Linux
 * has nothing like it, its nearest relative is kernel/hung_task.c). Each
 * kind of object a task can sleep on registers a scan with WAITGRAPH_KIND:
 * the scan calls wg_add() for every task asleep on one of its objects, says
 * what the task waits for, and names the tasks that could wake it.
 */
#ifndef _KERNEL_WAITGRAPH_H
#define _KERNEL_WAITGRAPH_H

#include <kernel/types.h>

struct task_struct;
struct file;

struct wg_sleeper;
typedef int (*wg_match_t)(struct file *f, void *arg);

struct waitgraph_kind {
	const char *name;
	void (*scan)(void);	/* runs with interrupts off; must not sleep */
	/*
	 * Optional: a kind that keeps files outside fd tables (a UNIX socket's
	 * SCM_RIGHTS messages) names the tasks that could take a matching one
	 * out, so wg_file_holders sees those holders too.
	 */
	void (*carried)(struct wg_sleeper *s, wg_match_t match, void *arg);
};

#define WAITGRAPH_KIND(kname, fn)					\
	static const struct waitgraph_kind __waitgraph_##fn		\
	__section(".waitgraph_kinds") __used __aligned(4) = { #kname, fn, NULL }
#define WAITGRAPH_KIND_CARRIER(kname, fn, carried)			\
	static const struct waitgraph_kind __waitgraph_##fn		\
	__section(".waitgraph_kinds") __used __aligned(4) = { #kname, fn, carried }

#define WG_WAKERS	8	/* more possible wakers than this: "anyone" */

struct wg_waker {
	pid_t pid;
	int fd;			/* the fd through which it holds the object, or -1 */
};

struct wg_sleeper {
	pid_t pid;
	char comm[16];
	char what[48];		/* "sleeps in <what>": "read on pipe:[345]" */
	char wants[40];		/* "waits for <wants>": "data on pipe:[345]" */
	char holds[48];		/* what each waker holds: "the write end of pipe:[345]" */
	const char *role;	/* a waker's name: "writer" */
	const char *advice;	/* for a task that only it can wake; may use its fd (%d) */
	const char *anyone;	/* set: any task could wake it (why); never a deadlock */
	pid_t hint;		/* a likely waker only (msg_lspid), or 0 */
	const char *hint_what;	/* who the hint is: "last sender" unless set */
	pid_t owner;		/* the waker that owns the object (a futex word's TID), or 0 */
	char owner_holds[48];	/* what the owner holds, said instead of holds */
	int nwakers;
	struct wg_waker wakers[WG_WAKERS];
	int stuck, group;	/* kernel/waitgraph.c's */
};

/* a new sleeper, or NULL when t is not asleep, is already in, or the table is full */
struct wg_sleeper *wg_add(struct task_struct *t, const char *what, const char *wants);
void wg_waker(struct wg_sleeper *s, struct task_struct *t, int fd);
void wg_anyone(struct wg_sleeper *s, const char *why);
/* every task holding a file that match() accepts: fd tables, then the kinds' carriers */
void wg_file_holders(struct wg_sleeper *s, wg_match_t match, void *arg);
/* the fd tables only (for a carrier: who holds the socket a file rides in) */
void wg_fd_holders(struct wg_sleeper *s, wg_match_t match, void *arg);

int waitgraph_report(int verbose, int deadlocks_only);	/* the number of stuck tasks */

#endif

/*
 * include/kernel/list.h - circular doubly linked lists (Linux: include/linux/list.h).
 * CONFIG_DEBUG_LIST (make DEBUG=1; Linux: lib/list_debug.c) checks the
 * neighbours' pointers on every add, delete and walk step and poisons what
 * list_del unlinks, so a corruption is reported at the next operation.
 */
#ifndef _KERNEL_LIST_H
#define _KERNEL_LIST_H

#include <kernel/types.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

#ifdef CONFIG_DEBUG_LIST
/*
 * What list_del leaves in an entry. Linux's values are low user addresses;
 * these lie past the direct map (768 MiB at most), so following one faults
 * in every address space instead of reading a user's page.
 */
#define LIST_POISON1	((struct list_head *)0xf0100100)
#define LIST_POISON2	((struct list_head *)0xf0200200)
/* lib/list_debug.c: 1 when the operation is safe, else 0 after a report */
int __list_add_valid(struct list_head *n, struct list_head *prev, struct list_head *next);
int __list_del_entry_valid(struct list_head *e);
int __list_walk_valid(const struct list_head *e);
int __list_walk_safe_valid(const struct list_head *e);
#else
#define LIST_POISON1	NULL
#define LIST_POISON2	NULL
static inline int __list_add_valid(struct list_head *n, struct list_head *prev,
				   struct list_head *next)
{
	(void)n, (void)prev, (void)next;
	return 1;
}
static inline int __list_del_entry_valid(struct list_head *e) { (void)e; return 1; }
static inline int __list_walk_valid(const struct list_head *e) { (void)e; return 1; }
static inline int __list_walk_safe_valid(const struct list_head *e) { (void)e; return 1; }
#endif

static inline void INIT_LIST_HEAD(struct list_head *l)
{
	l->next = l;
	l->prev = l;
}

static inline void __list_add(struct list_head *n, struct list_head *prev,
			      struct list_head *next)
{
	if (!__list_add_valid(n, prev, next))
		return;
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

/* after head: a stack */
static inline void list_add(struct list_head *n, struct list_head *head)
{
	__list_add(n, head, head->next);
}

/* before head: a queue */
static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
	__list_add(n, head->prev, head);
}

static inline void list_del(struct list_head *e)
{
	if (!__list_del_entry_valid(e))
		return;
	e->next->prev = e->prev;
	e->prev->next = e->next;
	e->next = LIST_POISON1;
	e->prev = LIST_POISON2;
}

static inline void list_del_init(struct list_head *e)
{
	if (!__list_del_entry_valid(e))
		return;
	e->next->prev = e->prev;
	e->prev->next = e->next;
	INIT_LIST_HEAD(e);
}

static inline int list_empty(const struct list_head *head)
{
	return head->next == head;
}

static inline void list_move(struct list_head *e, struct list_head *head)
{
	list_del(e);
	list_add(e, head);
}

static inline void list_move_tail(struct list_head *e, struct list_head *head)
{
	list_del(e);
	list_add_tail(e, head);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)

/*
 * Each walk step checks the entry it reaches (CONFIG_DEBUG_LIST), stopping
 * at damage; a _safe walk checks only the link ahead, since its body may
 * free the entry behind without unlinking it (tearing down a whole list).
 */
#define list_for_each_entry_reverse(pos, head, member)			\
	for (pos = list_entry((head)->prev, __typeof__(*pos), member);	\
	     &pos->member != (head) && __list_walk_valid(&pos->member);	\
	     pos = list_entry(pos->member.prev, __typeof__(*pos), member))

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head) && __list_walk_valid(pos); pos = pos->next)

#define list_for_each_safe(pos, n, head) \
	for (pos = (head)->next, n = pos->next; pos != (head) && __list_walk_safe_valid(pos); \
	     pos = n, n = pos->next)

#define list_for_each_entry(pos, head, member)				\
	for (pos = list_entry((head)->next, __typeof__(*pos), member);	\
	     &pos->member != (head) && __list_walk_valid(&pos->member);	\
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_entry((head)->next, __typeof__(*pos), member),	\
	     n = list_entry(pos->member.next, __typeof__(*pos), member);	\
	     &pos->member != (head) && __list_walk_safe_valid(&pos->member); \
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))

#endif

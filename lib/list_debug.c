/*
 * lib/list_debug.c - CONFIG_DEBUG_LIST (Linux: lib/list_debug.c): before a
 * list operation touches the neighbours of an entry, check that they point
 * back at it, and report instead of spreading the damage.
 */
#include <kernel/list.h>
#include <kernel/bug.h>
#include <kernel/mm.h>
#include <kernel/printk.h>

#ifdef CONFIG_DEBUG_LIST
/* every list_head lives in the direct map: the image, kmalloc, stacks */
static int bad_ptr(const struct list_head *p)
{
	return !virt_addr_valid(p) || ((unsigned long)p & 3);
}

static const char *poisoned(const struct list_head *p)
{
	if (p == LIST_POISON1)
		return " (LIST_POISON1: the entry was deleted)";
	if (p == LIST_POISON2)
		return " (LIST_POISON2: the entry was deleted)";
	return "";
}

int __list_add_valid(struct list_head *n, struct list_head *prev, struct list_head *next)
{
	if (bad_ptr(prev) || bad_ptr(next)) {
		debug_report("list-corruption", "list_add corruption: prev %p%s, next %p%s",
			     prev, poisoned(prev), next, poisoned(next));
	} else if (next->prev != prev) {
		debug_report("list-corruption", "list_add corruption: next->prev should be "
			     "prev (%p), but was %p%s (next %p)", prev, next->prev,
			     poisoned(next->prev), next);
	} else if (prev->next != next) {
		debug_report("list-corruption", "list_add corruption: prev->next should be "
			     "next (%p), but was %p%s (prev %p)", next, prev->next,
			     poisoned(prev->next), prev);
	} else if (n == prev || n == next) {
		debug_report("list-corruption", "list_add double add: new %p, prev %p, next %p",
			     n, prev, next);
	} else {
		return 1;
	}
	dump_stack();
	return 0;
}

int __list_del_entry_valid(struct list_head *e)
{
	struct list_head *prev = e->prev, *next = e->next;

	if (next == LIST_POISON1 || prev == LIST_POISON2) {
		debug_report("list-corruption", "list_del of %p, which was already deleted: "
			     "next %p%s, prev %p%s", e, next, poisoned(next), prev, poisoned(prev));
	} else if (bad_ptr(prev) || bad_ptr(next)) {
		debug_report("list-corruption", "list_del corruption: %p has prev %p, next %p",
			     e, prev, next);
	} else if (prev->next != e) {
		debug_report("list-corruption", "list_del corruption: prev->next should be %p, "
			     "but was %p%s (prev %p)", e, prev->next, poisoned(prev->next), prev);
	} else if (next->prev != e) {
		debug_report("list-corruption", "list_del corruption: next->prev should be %p, "
			     "but was %p%s (next %p)", e, next->prev, poisoned(next->prev), next);
	} else {
		return 1;
	}
	dump_stack();
	return 0;
}

/* a walk reaching e: it must be linked both ways; 0 stops the walk */
int __list_walk_valid(const struct list_head *e)
{
	if (bad_ptr(e)) {
		debug_report("list-corruption", "list walk reached %p%s", e, poisoned(e));
	} else if (bad_ptr(e->next) || bad_ptr(e->prev)) {
		debug_report("list-corruption", "list walk: entry %p has next %p%s, prev %p%s",
			     e, e->next, poisoned(e->next), e->prev, poisoned(e->prev));
	} else if (e->next->prev != e || e->prev->next != e) {
		debug_report("list-corruption", "list walk: entry %p not linked both ways: "
			     "next %p whose prev is %p, prev %p whose next is %p", e, e->next,
			     e->next->prev, e->prev, e->prev->next);
	} else {
		return 1;
	}
	dump_stack();
	return 0;
}

/* a _safe walk reaching e: the entry behind it may be freed already */
int __list_walk_safe_valid(const struct list_head *e)
{
	if (bad_ptr(e)) {
		debug_report("list-corruption", "list walk reached %p%s", e, poisoned(e));
	} else if (bad_ptr(e->next)) {
		debug_report("list-corruption", "list walk: entry %p has next %p%s",
			     e, e->next, poisoned(e->next));
	} else if (e->next->prev != e) {
		debug_report("list-corruption", "list walk: entry %p not linked both ways: "
			     "next %p whose prev is %p", e, e->next, e->next->prev);
	} else {
		return 1;
	}
	dump_stack();
	return 0;
}
#endif

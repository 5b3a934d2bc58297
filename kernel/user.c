/*
 * kernel/user.c - one user_struct per user id with live tasks (Linux 2.6:
 * kernel/user.c): how many tasks each real uid owns, for RLIMIT_NPROC in
 * fork. A task belongs to the user of its real uid; setuid moves it.
 */
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/list.h>
#include <kernel/mm.h>
#include <kernel/slab.h>

#define UIDHASH_BITS	6
#define UIDHASH_SZ	(1 << UIDHASH_BITS)

struct user_struct root_user = {
	.count = 1,		/* init_task's, never dropped */
	.processes = 0,
	.uid = 0,
};

static struct list_head uidhash_table[UIDHASH_SZ];

static struct list_head *uidhashentry(uid_t uid)
{
	return &uidhash_table[(uid ^ (uid >> UIDHASH_BITS)) & (UIDHASH_SZ - 1)];
}

/* fork_init: the table, with root in it */
void uid_cache_init(void)
{
	for (int i = 0; i < UIDHASH_SZ; i++)
		INIT_LIST_HEAD(&uidhash_table[i]);
	list_add(&root_user.uidhash, uidhashentry(0));
}

/* the user_struct of uid, with a reference; NULL when memory is short */
struct user_struct *alloc_uid(uid_t uid)
{
	struct list_head *head = uidhashentry(uid);
	struct user_struct *up;

	list_for_each_entry(up, head, uidhash) {
		if (up->uid == uid) {
			up->count++;
			return up;
		}
	}
	up = kmalloc(sizeof(*up), GFP_KERNEL);
	if (!up)
		return NULL;
	up->count = 1;
	up->processes = 0;
	up->uid = uid;
	list_add(&up->uidhash, head);
	return up;
}

void free_uid(struct user_struct *up)
{
	if (!up || --up->count)
		return;
	list_del(&up->uidhash);
	kfree(up);
}

/*
 * A new real uid: the task's count moves to that user. Today's Linux lets
 * setuid succeed even over RLIMIT_NPROC (2.6 failed it with EAGAIN); the
 * limit bites at the next fork.
 */
int switch_uid(struct task_struct *t, uid_t uid)
{
	struct user_struct *new, *old = t->user;

	if (old && old->uid == uid)
		return 0;
	new = alloc_uid(uid);
	if (!new)
		return -EAGAIN;
	new->processes++;
	t->user = new;
	if (old) {
		old->processes--;
		free_uid(old);
	}
	return 0;
}

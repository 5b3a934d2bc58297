/*
 * mm/shmem.c - shared anonymous memory (Linux: mm/shmem.c, without tmpfs or
 * swap). A shmem_object is an array of pages, allocated zeroed on first
 * touch; every mapping of it holds a reference, so a MAP_SHARED|MAP_ANONYMOUS
 * region stays shared across fork and lives until its last mapping goes.
 * System V shared memory (ipc/shm.c) builds its segments on the same object.
 */
#include <kernel/shmem.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/list.h>
#include <kernel/mm_types.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <uapi/resource.h>

struct shmem_object *shmem_object_alloc(unsigned long size)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return NULL;
	obj->npages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	obj->pages = kzalloc(obj->npages * sizeof(struct page *), GFP_KERNEL);
	if (!obj->pages) {
		kfree(obj);
		return NULL;
	}
	obj->count = 1;
	return obj;
}

void shmem_object_get(struct shmem_object *obj)
{
	obj->count++;
}

void shmem_object_put(struct shmem_object *obj)
{
	if (--obj->count)
		return;
	for (unsigned long i = 0; i < obj->npages; i++)
		if (obj->pages[i])
			put_page(obj->pages[i]);
	kfree(obj->pages);
	kfree(obj);
}

/* the page at index, allocated on first use; returned with a new reference */
struct page *shmem_object_page(struct shmem_object *obj, unsigned long index)
{
	struct page *page;

	if (index >= obj->npages)
		return NULL;
	page = obj->pages[index];
	if (!page) {
		page = alloc_page(__GFP_ZERO);
		if (!page)
			return NULL;
		obj->pages[index] = page;
		obj->nr_present++;
	}
	get_page(page);
	return page;
}

/*
 * The pages each user has locked with SHM_LOCK: Linux 2.6 keeps the count
 * in user_struct.locked_shm (today in the user's ucounts); there is no
 * user_struct here, so a user with a count has an entry, freed at 0. The
 * user is the real uid, as current->user (and today's cred->ucounts) is.
 */
struct user_shm {
	struct list_head list;
	uid_t uid;
	unsigned long locked_shm;	/* pages */
};
static LIST_HEAD(shm_lock_users);

static struct user_shm *find_user_shm(uid_t uid)
{
	struct user_shm *u;

	list_for_each_entry(u, &shm_lock_users, list)
		if (u->uid == uid)
			return u;
	return NULL;
}

unsigned long user_shm_locked(uid_t uid)
{
	struct user_shm *u = find_user_shm(uid);

	return u ? u->locked_shm : 0;
}

/*
 * 1 when size more bytes may be locked by user: its total stays within
 * RLIMIT_MEMLOCK, or the caller has CAP_IPC_LOCK. Today's Linux charges a
 * privileged caller's total too (2.6.18 did as well); only the check is
 * skipped. 0 when refused or out of memory for the entry.
 */
int user_shm_lock(unsigned long size, uid_t uid)
{
	unsigned long locked = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	unsigned long lock_limit = current->rlim[RLIMIT_MEMLOCK].rlim_cur;
	struct user_shm *u = find_user_shm(uid);
	unsigned long total = (u ? u->locked_shm : 0) + locked;

	/* RLIM_INFINITY stays infinite (2.6.18 shifted it like a number) */
	if (lock_limit != RLIM_INFINITY)
		lock_limit >>= PAGE_SHIFT;
	if ((total < locked || total > lock_limit) && !capable(CAP_IPC_LOCK))
		return 0;
	if (!u) {
		u = kzalloc(sizeof(*u), GFP_KERNEL);
		if (!u)
			return 0;
		u->uid = uid;
		list_add(&u->list, &shm_lock_users);
	}
	u->locked_shm = total;
	return 1;
}

void user_shm_unlock(unsigned long size, uid_t uid)
{
	struct user_shm *u = find_user_shm(uid);
	unsigned long locked = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;

	if (!u)
		return;
	u->locked_shm -= locked < u->locked_shm ? locked : u->locked_shm;
	if (!u->locked_shm) {
		list_del(&u->list);
		kfree(u);
	}
}

/* Linux's shmem_lock: pages never leave memory here, so it is the accounting */
int shmem_lock(struct shmem_object *obj, int lock, uid_t user)
{
	if (lock && !obj->locked) {
		if (!user_shm_lock(obj->npages << PAGE_SHIFT, user))
			return -ENOMEM;
		obj->locked = 1;
	}
	if (!lock && obj->locked) {
		user_shm_unlock(obj->npages << PAGE_SHIFT, user);
		obj->locked = 0;
	}
	return 0;
}

static void shmem_vm_open(struct vm_area_struct *vma)
{
	shmem_object_get(vma->vm_private_data);
}

static void shmem_vm_close(struct vm_area_struct *vma)
{
	shmem_object_put(vma->vm_private_data);
}

static struct page *shmem_vm_nopage(struct vm_area_struct *vma, unsigned long address)
{
	unsigned long index = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);

	return shmem_object_page(vma->vm_private_data, index);
}

static const struct vm_operations_struct shmem_anon_vm_ops = {
	.open = shmem_vm_open,
	.close = shmem_vm_close,
	.nopage = shmem_vm_nopage,
};

long shmem_mmap_anon(struct mm_struct *mm, unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags)
{
	struct shmem_object *obj;
	long ret;

	if (!len)
		return -EINVAL;
	obj = shmem_object_alloc(len);
	if (!obj)
		return -ENOMEM;
	ret = do_mmap_pgoff(mm, addr, len, prot, flags, 0, &shmem_anon_vm_ops, obj);
	shmem_object_put(obj);	/* the mapping's own reference keeps it now */
	return ret;
}

/*
 * ipc/shm.c - System V shared memory (Linux 2.6: ipc/shm.c). A segment,
 * shmid_kernel, owns a shmem_object (mm/shmem.c) of zero-filled pages made
 * on first touch; its mappings count shm_nattch through their vm_ops.
 *
 * Locking (2.6's ipc/shm.c):
 *   shm_ids.mutex   shmget's lookup and creation, IPC_RMID, IPC_SET, the
 *                   INFO commands, shm_tot, and every last detach (shm_close,
 *                   shmat's unpin), which may destroy the segment.
 *   shp->shm_perm.lock (shm_lock/shm_unlock) - shm_nattch, the times and
 *                   pids, mode (SHM_DEST, SHM_LOCKED) and the permissions.
 * Order: shm_ids.mutex -> segment lock (mm's own locks are outside: do_mmap
 * and do_munmap run with neither held, and call shm_open/shm_close). An
 * attachment (shm_nattch > 0) keeps the segment, so the vm_ops lock it by
 * the vma's pointer; shmat pins it with shm_nattch across do_mmap_pgoff.
 */
#include "util.h"
#include <kernel/errno.h>
#include <kernel/ipc.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shmem.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <uapi/mman.h>

struct shmid_kernel {
	struct kern_ipc_perm shm_perm;
	struct shmem_object *shm_file;	/* the pages */
	int id;
	unsigned long shm_nattch;	/* live mappings */
	size_t shm_segsz;		/* as asked, not rounded */
	unsigned long shm_atim, shm_dtim, shm_ctim;
	pid_t shm_cprid, shm_lprid;
	uid_t mlock_user;		/* charged for SHM_LOCK (Linux: a user_struct) */
};

struct ipc_ids shm_ids = IPC_IDS_INIT(shm_ids, init_ipc_ns.shm_ctlmni);
static unsigned long shm_tot;	/* pages of all segments, against SHMALL */

#define shm_obj(p) container_of(p, struct shmid_kernel, shm_perm)

static const struct vm_operations_struct shm_vm_ops;

_Static_assert(__builtin_offsetof(struct shmid_kernel, shm_perm) == 0, "ipc_putref kfrees it");

/* the segment locked, or ERR_PTR */
static struct shmid_kernel *shm_lock_check(int id)
{
	struct kern_ipc_perm *p = ipc_lock_check(&shm_ids, id);

	return IS_ERR(p) ? (struct shmid_kernel *)p : shm_obj(p);
}

/* an attached segment, by pointer: the attachment keeps it */
static void shm_lock_by_ptr(struct shmid_kernel *shp)
{
	ipc_getref(&shp->shm_perm);
	ipc_lock_by_ptr(&shp->shm_perm);
}

static inline void shm_unlock(struct shmid_kernel *shp)
{
	ipc_unlock(&shp->shm_perm);
}

static unsigned long shm_pages(struct shmid_kernel *shp)
{
	return (shp->shm_segsz + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

/*
 * With shm_ids.mutex and the segment's lock held: out of the table and the
 * totals, then unlocked; the pages go after the unlock, the memory with the
 * last reference.
 */
static void shm_destroy(struct shmid_kernel *shp)
{
	struct shmem_object *file = shp->shm_file;

	shm_tot -= shm_pages(shp);
	/* a locked segment gives its pages back to the user it was charged to */
	shmem_lock(file, 0, shp->mlock_user);
	ipc_rmid(&shm_ids, &shp->shm_perm);
	shp->shm_file = NULL;
	shm_unlock(shp);
	shmem_object_put(file);
	ipc_shrink(&shm_ids);
}

/* shm_ids.mutex and the lock held: the last detach of a removed segment frees it */
static void shm_unlock_maybe_destroy(struct shmid_kernel *shp)
{
	if (!shp->shm_nattch && (shp->shm_perm.mode & SHM_DEST))
		shm_destroy(shp);
	else
		shm_unlock(shp);
}

/* vm_ops: a new mapping (attach, fork, split) */
static void shm_open(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma->vm_private_data;

	shm_lock_by_ptr(shp);
	shp->shm_atim = get_seconds();
	shp->shm_lprid = ipc_pid(current);
	shp->shm_nattch++;
	shm_unlock(shp);
}

/* vm_ops: a mapping goes (shmdt, munmap, exit, exec); 2.6 takes the ids' mutex here too */
static void shm_close(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma->vm_private_data;

	ipc_ids_lock(&shm_ids);
	shm_lock_by_ptr(shp);
	shp->shm_lprid = ipc_pid(current);
	shp->shm_dtim = get_seconds();
	shp->shm_nattch--;
	shm_unlock_maybe_destroy(shp);
	ipc_ids_unlock(&shm_ids);
}

static struct page *shm_nopage(struct vm_area_struct *vma, unsigned long address)
{
	struct shmid_kernel *shp = vma->vm_private_data;
	unsigned long index = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);

	return shmem_object_page(shp->shm_file, index);
}

static const struct vm_operations_struct shm_vm_ops = {
	.open = shm_open,
	.close = shm_close,
	.nopage = shm_nopage,
};

static int newseg(key_t key, int shmflg, void *arg)
{
	size_t size = *(size_t *)arg;
	unsigned long pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	struct shmid_kernel *shp;
	int err;

	if (size < SHMMIN || size > init_ipc_ns.shm_ctlmax)
		return -EINVAL;
	if (pages << PAGE_SHIFT < size)
		return -ENOSPC;		/* the rounding overflowed */
	/* today's bound is "more than shmall" (2.6.18 refused reaching it) */
	if (shm_tot + pages < shm_tot || shm_tot + pages > init_ipc_ns.shm_ctlall)
		return -ENOSPC;
	/*
	 * With SHMMAX as good as unlimited, what bounds a segment is memory:
	 * Linux's default overcommit heuristic refuses one bigger than all
	 * of RAM (there is no swap here) unless SHM_NORESERVE.
	 */
	if (!(shmflg & SHM_NORESERVE) && pages > totalram_pages)
		return -ENOMEM;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	shp->shm_perm.key = key;
	shp->shm_perm.mode = shmflg & 0777;
	shp->shm_file = shmem_object_alloc(size);
	if (!shp->shm_file) {
		err = -ENOMEM;
		goto out_free;
	}
	shp->shm_segsz = size;
	shp->shm_cprid = ipc_pid(current);
	shp->shm_ctim = get_seconds();
	err = ipc_addid(&shm_ids, &shp->shm_perm);
	if (err < 0)
		goto out_put;
	shp->id = shp->shm_perm.id;
	shm_tot += pages;
	err = shp->id;
	spin_unlock(&shp->shm_perm.lock);	/* ipc_addid returned it locked */
	return err;

out_put:
	shmem_object_put(shp->shm_file);
out_free:
	kfree(shp);
	return err;
}

static int shm_more_checks(struct kern_ipc_perm *ipcp, void *arg)
{
	return *(size_t *)arg > shm_obj(ipcp)->shm_segsz ? -EINVAL : 0;
}

static const struct ipc_ops shm_ops = { newseg, shm_more_checks };

long do_shmget(key_t key, size_t size, int shmflg)
{
	return ipcget(&shm_ids, key, shmflg, &shm_ops, &size);
}

long sys_shmget(key_t key, size_t size, int shmflg)
{
	return do_shmget(key, size, shmflg);
}

/*
 * Attach segment shmid to the current address space at shmaddr (0: the
 * kernel chooses), storing the address in *raddr. Spec 6.3.
 */
long do_shmat(int shmid, unsigned long shmaddr, int shmflg, unsigned long *raddr)
{
	struct mm_struct *mm = current->mm;
	struct shmid_kernel *shp;
	unsigned long addr = shmaddr, size, flags, prot;
	short acc;
	long err;

	if (shmid < 0)
		return -EINVAL;
	if (addr) {
		if (addr & (SHMLBA - 1)) {
			if (!(shmflg & SHM_RND))
				return -EINVAL;
			addr &= ~(unsigned long)(SHMLBA - 1);	/* round down */
			/*
			 * Today's Linux refuses a remap at 0 that the rounding
			 * made (2.6.18 went on to MAP_FIXED at 0); without
			 * SHM_REMAP a fixed mapping at 0 is mmap_min_addr's.
			 */
			if (!addr && (shmflg & SHM_REMAP))
				return -EINVAL;
		}
		flags = MAP_SHARED | MAP_FIXED;
	} else {
		if (shmflg & SHM_REMAP)
			return -EINVAL;
		flags = MAP_SHARED;
	}
	if (shmflg & SHM_RDONLY) {
		prot = PROT_READ;
		acc = S_IRUGO;
	} else {
		prot = PROT_READ | PROT_WRITE;
		acc = S_IRUGO | S_IWUGO;
	}
	if (shmflg & SHM_EXEC) {
		prot |= PROT_EXEC;
		acc |= S_IXUGO;
	}
	if (!mm)
		return -EINVAL;

	shp = shm_lock_check(shmid);
	if (IS_ERR(shp))
		return PTR_ERR(shp);
	if (ipcperms(&shp->shm_perm, acc)) {
		shm_unlock(shp);
		return -EACCES;
	}
	size = PAGE_ALIGN(shp->shm_segsz);

	shp->shm_nattch++;	/* pin it across the mapping, which sleeps: no lock held */
	shm_unlock(shp);
	if (addr && !(shmflg & SHM_REMAP)) {
		struct vm_area_struct *vma = find_vma(mm, addr);

		err = -EINVAL;
		if (vma && vma->vm_start < addr + size)
			goto out_unpin;
		if (addr < mm->start_stack && addr > mm->start_stack - size - PAGE_SIZE * 5)
			goto out_unpin;
	}
	err = do_mmap_pgoff(mm, addr, size, prot, flags, 0, &shm_vm_ops, shp);
	if (!IS_ERR_VALUE(err)) {
		*raddr = (unsigned long)err;
		/* like a file opened read-only: mprotect cannot make it writable */
		if (shmflg & SHM_RDONLY)
			find_vma(mm, *raddr)->vm_flags &= ~VM_MAYWRITE;
		err = 0;
	}
out_unpin:
	ipc_ids_lock(&shm_ids);
	shm_lock_by_ptr(shp);
	shp->shm_nattch--;
	shm_unlock_maybe_destroy(shp);
	ipc_ids_unlock(&shm_ids);
	return err;
}

/* the direct shmat (397): returns the address */
long sys_shmat(int shmid, char __user *shmaddr, int shmflg)
{
	unsigned long addr;
	long err = do_shmat(shmid, (unsigned long)shmaddr, shmflg, &addr);

	return err ? err : (long)addr;
}

/* the region after vma in address order, or NULL */
static struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *vma)
{
	return vma->vm_list.next == &mm->mmap ? NULL :
		list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

/* a SysV mapping whose segment a new shmat can still reach (the futex wait-for graph) */
int shm_vma_attachable(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp = vma->vm_private_data;

	return vma->vm_ops == &shm_vm_ops && shp && !(shp->shm_perm.mode & SHM_DEST);
}

/* vma is a piece of a System V attachment made at addr: its offset says so */
static int shm_fragment_of(struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_ops == &shm_vm_ops && vma->vm_start >= addr &&
	       ((vma->vm_start - addr) >> PAGE_SHIFT) == vma->vm_pgoff;
}

/*
 * Detach the attachment made at addr, every fragment of it, as Linux does:
 * mprotect and munmap may have cut it into pieces (and removed its first
 * page), so the first shm region at or above addr whose offset matches
 * names the segment, and every later region of the same segment whose
 * offset matches, up to the segment's size past addr, goes too. Unmapping
 * the last piece of a removed segment frees it: only its size is kept, and
 * later regions are compared with the pointer, never through it.
 */
long do_shmdt(unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *next;
	struct shmid_kernel *shp = NULL;
	unsigned long size = 0;

	if (!mm || (addr & ~PAGE_MASK))
		return -EINVAL;
	for (vma = find_vma(mm, addr); vma; vma = next) {
		next = vma_next(mm, vma);
		if (shm_fragment_of(vma, addr)) {
			shp = vma->vm_private_data;
			size = PAGE_ALIGN(shp->shm_segsz);
			do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
			vma = next;
			break;
		}
	}
	if (!shp)
		return -EINVAL;
	/* a fragment cannot lie further than the segment's size from addr */
	for (; vma && vma->vm_end - addr <= size; vma = next) {
		next = vma_next(mm, vma);
		if (shm_fragment_of(vma, addr) && vma->vm_private_data == shp)
			do_munmap(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	}
	return 0;
}

long sys_shmdt(char __user *shmaddr)
{
	return do_shmdt((unsigned long)shmaddr);
}

static void fill_shmid64(struct shmid_kernel *shp, struct shmid64_ds *out)
{
	memset(out, 0, sizeof(*out));
	kernel_to_ipc64_perm(&shp->shm_perm, &out->shm_perm);
	out->shm_segsz = shp->shm_segsz;
	out->shm_atime = shp->shm_atim;
	out->shm_dtime = shp->shm_dtim;
	out->shm_ctime = shp->shm_ctim;
	out->shm_cpid = shp->shm_cprid;
	out->shm_lpid = shp->shm_lprid;
	out->shm_nattch = shp->shm_nattch;
}

/* shm_ids.mutex held: nothing leaves the table */
static unsigned long shm_rss(void)
{
	unsigned long rss = 0;

	for (int i = 0; i <= shm_ids.max_id; i++)
		if (shm_ids.entries[i])
			rss += shm_obj(shm_ids.entries[i])->shm_file->nr_present;
	return rss;
}

/*
 * Every shmctl command on kernel buffers: buf is a shmid64_ds (IPC_STAT,
 * SHM_STAT, IPC_SET), a shminfo64 (IPC_INFO) or a shm_info (SHM_INFO).
 */
static long shmctl_locked(struct shmid_kernel *shp, int cmd, void *buf);
static long shmctl_down(int shmid, int cmd, struct shmid64_ds *ds);

long do_shmctl(int shmid, int cmd, void *buf)
{
	struct shmid_kernel *shp;
	struct kern_ipc_perm *ipcp;
	long err;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO: {
		struct shminfo64 *si = buf;

		memset(si, 0, sizeof(*si));
		si->shmmax = init_ipc_ns.shm_ctlmax;
		si->shmmin = SHMMIN;
		si->shmmni = init_ipc_ns.shm_ctlmni;
		si->shmseg = init_ipc_ns.shm_ctlmni;
		si->shmall = init_ipc_ns.shm_ctlall;
		ipc_ids_lock(&shm_ids);
		err = shm_ids.max_id < 0 ? 0 : shm_ids.max_id;
		ipc_ids_unlock(&shm_ids);
		return err;
	}
	case SHM_INFO: {
		struct shm_info *si = buf;

		memset(si, 0, sizeof(*si));
		ipc_ids_lock(&shm_ids);
		si->used_ids = shm_ids.in_use;
		si->shm_tot = shm_tot;
		si->shm_rss = shm_rss();
		err = shm_ids.max_id < 0 ? 0 : shm_ids.max_id;
		ipc_ids_unlock(&shm_ids);
		return err;
	}
	case SHM_STAT:
	case SHM_STAT_ANY:
		ipcp = ipc_lock_index(&shm_ids, shmid);
		if (IS_ERR(ipcp))
			return PTR_ERR(ipcp);
		err = -EACCES;
		if (cmd == SHM_STAT_ANY || !ipcperms(ipcp, S_IRUGO)) {
			fill_shmid64(shm_obj(ipcp), buf);
			err = ipcp->id;
		}
		ipc_unlock(ipcp);
		return err;
	case IPC_STAT:
	case IPC_SET:
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		break;
	default:
		return -EINVAL;
	}

	if (cmd == IPC_SET || cmd == IPC_RMID)
		return shmctl_down(shmid, cmd, buf);
	shp = shm_lock_check(shmid);
	if (IS_ERR(shp))
		return PTR_ERR(shp);
	err = shmctl_locked(shp, cmd, buf);
	shm_unlock(shp);
	return err;
}

/* IPC_STAT, SHM_LOCK, SHM_UNLOCK on a locked segment */
static long shmctl_locked(struct shmid_kernel *shp, int cmd, void *buf)
{
	switch (cmd) {
	case IPC_STAT:
		if (ipcperms(&shp->shm_perm, S_IRUGO))
			return -EACCES;
		fill_shmid64(shp, buf);
		return 0;
	case SHM_LOCK:
	case SHM_UNLOCK: {
		int err;

		if (!capable(CAP_IPC_LOCK)) {
			if (current->euid != shp->shm_perm.uid &&
			    current->euid != shp->shm_perm.cuid)
				return -EPERM;
			if (cmd == SHM_LOCK && !current->rlim[RLIMIT_MEMLOCK].rlim_cur)
				return -EPERM;
		}
		/*
		 * The locker's running total is charged against its
		 * RLIMIT_MEMLOCK (user_shm_lock), not this segment alone; an
		 * unlock, by whoever, gives it back to the user charged.
		 */
		if (cmd == SHM_LOCK) {
			err = shmem_lock(shp->shm_file, 1, current->uid);
			if (!err && !(shp->shm_perm.mode & SHM_LOCKED)) {
				shp->shm_perm.mode |= SHM_LOCKED;
				shp->mlock_user = current->uid;
			}
			return err;
		}
		if (shp->shm_perm.mode & SHM_LOCKED) {
			shmem_lock(shp->shm_file, 0, shp->mlock_user);
			shp->shm_perm.mode &= ~SHM_LOCKED;
		}
		return 0;
	}
	}
	return -EINVAL;
}

/* IPC_SET and IPC_RMID, under shm_ids.mutex (2.6's shmctl with down(&shm_ids.sem)) */
static long shmctl_down(int shmid, int cmd, struct shmid64_ds *ds)
{
	struct shmid_kernel *shp;
	long err;

	ipc_ids_lock(&shm_ids);
	shp = shm_lock_check(shmid);
	if (IS_ERR(shp)) {
		err = PTR_ERR(shp);
		goto out;
	}
	err = -EPERM;
	if (ipc_check_owner(&shp->shm_perm)) {
		shm_unlock(shp);
		goto out;
	}
	err = 0;
	if (cmd == IPC_SET) {
		err = ipc_set_perm(&shp->shm_perm, ds->shm_perm.uid, ds->shm_perm.gid,
				   ds->shm_perm.mode);
		if (!err)
			shp->shm_ctim = get_seconds();
		shm_unlock(shp);
	} else if (shp->shm_nattch) {
		/* IPC_RMID: deferred while attached; the key turns private at once */
		shp->shm_perm.mode |= SHM_DEST;
		shp->shm_perm.key = IPC_PRIVATE;
		shm_unlock(shp);
	} else {
		shm_destroy(shp);
	}
out:
	ipc_ids_unlock(&shm_ids);
	return err;
}

long sys_shmctl(int shmid, int cmd, void __user *buf)
{
	int version = ipc_parse_version(&cmd);
	union {
		struct shmid64_ds ds;
		struct shminfo64 info;
		struct shm_info sinfo;
	} u;
	long ret;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	memset(&u, 0, sizeof(u));
	switch (cmd) {
	case IPC_INFO:
		ret = do_shmctl(shmid, cmd, &u.info);
		/*
		 * Both layouts report at most INT_MAX bytes, as the host (an
		 * x86-64 Linux, the oracle) does for i386 programs through its
		 * compat path; a native i386 Linux shows 0xfeffffff in IPC_64.
		 */
		if (u.info.shmmax > 0x7fffffffUL)
			u.info.shmmax = 0x7fffffff;
		if (version == IPC_64) {
			if (copy_to_user(buf, &u.info, sizeof(u.info)))
				return -EFAULT;
		} else {
			struct shminfo old;

			old.shmmax = u.info.shmmax;
			old.shmmin = u.info.shmmin;
			old.shmmni = u.info.shmmni;
			old.shmseg = u.info.shmseg;
			old.shmall = u.info.shmall;
			if (copy_to_user(buf, &old, sizeof(old)))
				return -EFAULT;
		}
		return ret;
	case SHM_INFO:
		ret = do_shmctl(shmid, cmd, &u.sinfo);
		if (copy_to_user(buf, &u.sinfo, sizeof(u.sinfo)))
			return -EFAULT;
		return ret;
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		ret = do_shmctl(shmid, cmd, &u.ds);
		if (ret < 0)
			return ret;
		if (version == IPC_64) {
			if (copy_to_user(buf, &u.ds, sizeof(u.ds)))
				return -EFAULT;
		} else {
			struct shmid_ds old;

			memset(&old, 0, sizeof(old));
			ipc64_perm_to_ipc_perm(&u.ds.shm_perm, &old.shm_perm);
			old.shm_segsz = u.ds.shm_segsz;
			old.shm_atime = u.ds.shm_atime;
			old.shm_dtime = u.ds.shm_dtime;
			old.shm_ctime = u.ds.shm_ctime;
			old.shm_cpid = ipc_clamp16(u.ds.shm_cpid);
			old.shm_lpid = ipc_clamp16(u.ds.shm_lpid);
			old.shm_nattch = ipc_clamp16(u.ds.shm_nattch);
			if (copy_to_user(buf, &old, sizeof(old)))
				return -EFAULT;
		}
		return ret;
	case IPC_SET:
		if (version == IPC_64) {
			if (copy_from_user(&u.ds, buf, sizeof(u.ds)))
				return -EFAULT;
		} else {
			struct shmid_ds old;

			if (copy_from_user(&old, buf, sizeof(old)))
				return -EFAULT;
			u.ds.shm_perm.uid = old.shm_perm.uid;
			u.ds.shm_perm.gid = old.shm_perm.gid;
			u.ds.shm_perm.mode = old.shm_perm.mode;
		}
		return do_shmctl(shmid, cmd, &u.ds);
	default:
		return do_shmctl(shmid, cmd, NULL);
	}
}

/* ipcs in the shell */
void shm_show_all(void)
{
	printk("------ Shared Memory Segments --------\n");
	printk("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n",
	       "key", "shmid", "owner", "perms", "bytes", "nattch", "status");
	for (int i = 0; i <= shm_ids.max_id; i++) {
		struct kern_ipc_perm *p = shm_ids.entries[i];
		struct shmid_kernel *shp;

		if (!p)
			continue;
		shp = shm_obj(p);
		printk("0x%08x %-10d %-10u %-10o %-10u %-10lu %-6s %-6s\n", (unsigned)p->key,
		       p->id, p->uid, p->mode & 0777, (unsigned)shp->shm_segsz, shp->shm_nattch,
		       (p->mode & SHM_DEST) ? "dest" : " ", (p->mode & SHM_LOCKED) ? "locked" : " ");
	}
	printk("\n");
}

/* ---- /proc: sysvipc/shm, the segments in maps, their pages in meminfo ---- */

#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/shmem.h>

static int sysvipc_shm_proc_show(struct seq_file *s, void *it)
{
	struct shmid_kernel *shp = shm_obj(it);
	unsigned long rss = shp->shm_file ? shp->shm_file->nr_present << PAGE_SHIFT : 0;

	seq_printf(s, "%10d %10d  %4o %10lu %5u %5u  %5lu %5u %5u %5u %5u %10lu %10lu %10lu %10lu %10lu\n",
		   shp->shm_perm.key, shp->shm_perm.id, shp->shm_perm.mode & 01777,
		   (unsigned long)shp->shm_segsz, shp->shm_cprid, shp->shm_lprid, shp->shm_nattch,
		   shp->shm_perm.uid, shp->shm_perm.gid, shp->shm_perm.cuid, shp->shm_perm.cgid,
		   shp->shm_atim, shp->shm_dtim, shp->shm_ctim, rss, 0UL);
	return 0;
}

void shm_proc_init(void)
{
	ipc_init_proc_interface("shm", "       key      shmid perms       size  cpid  lpid nattch"
				"   uid   gid  cuid  cgid      atime      dtime      ctime        rss       swap\n",
				&shm_ids, sysvipc_shm_proc_show);
}

/* is vma an attached segment? Its key and id, for /proc/PID/maps */
int shm_vma_info(struct vm_area_struct *vma, int *key, int *id)
{
	struct shmid_kernel *shp = vma->vm_private_data;

	if (vma->vm_ops != &shm_vm_ops || !shp)
		return 0;
	*key = shp->shm_perm.key;
	*id = shp->shm_perm.id;
	return 1;
}

/* pages the segments hold: meminfo's Shmem (process context: the mutex keeps them) */
unsigned long shm_nr_pages(void)
{
	unsigned long n = 0;

	ipc_ids_lock(&shm_ids);
	for (int i = 0; i <= shm_ids.max_id; i++) {
		struct kern_ipc_perm *p = shm_ids.entries[i];

		if (p && shm_obj(p)->shm_file)
			n += shm_obj(p)->shm_file->nr_present;
	}
	ipc_ids_unlock(&shm_ids);
	return n;
}

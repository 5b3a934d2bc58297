/*
 * mm/mmap.c - the regions of a process's address space (Linux: mm/mmap.c,
 * mm/mprotect.c). An mm_struct keeps its vm_area_structs in one list sorted
 * by address; mmap, munmap, brk and mprotect add, split, trim and remove
 * them. No page is touched here beyond zapping: pages arrive on demand in
 * mm/memory.c.
 */
#include <kernel/mm_types.h>
#include <kernel/tlbflush.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <uapi/mman.h>
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/shmem.h>
#include <kernel/uaccess.h>

struct mm_struct init_mm = {
	.mmap = LIST_HEAD_INIT(init_mm.mmap),
	.pgd = swapper_pg_dir,
	.mm_users = 1,
};

#define MMAP_GAP	(128UL << 20)	/* kept free below the stack */
#define MAX_MAP_COUNT	65530		/* Linux's sysctl_max_map_count */
#define STACK_GUARD_GAP	(256UL << PAGE_SHIFT)	/* Linux's stack_guard_gap */

/*
 * vm.mmap_min_addr (Linux: mm/mmap.c and security/min_addr.c): nothing below
 * it is mapped unless the caller has CAP_SYS_RAWIO, so a NULL pointer the
 * kernel follows always faults. 4096 is the host's value; a /proc/sys file
 * may one day make it writable.
 */
unsigned long mmap_min_addr = PAGE_SIZE;

/* may a mapping start at addr? (Linux: security_mmap_addr -> cap_mmap_addr) */
int mmap_addr_permitted(unsigned long addr)
{
	return addr >= mmap_min_addr || capable(CAP_SYS_RAWIO);
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	INIT_LIST_HEAD(&mm->mmap);
	mm->mm_users = 1;
	mm->mmap_base = STACK_TOP - STACK_LIMIT - MMAP_GAP;
	return mm;
}

static struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start,
					unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (!vma)
		return NULL;
	vma->vm_mm = mm;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	INIT_LIST_HEAD(&vma->vm_list);
	return vma;
}

static void vma_free(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	kfree(vma);
}

/* the first region that ends above addr (it may start above it too), or NULL */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache;

	if (vma && vma->vm_start <= addr && addr < vma->vm_end)
		return vma;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end > addr) {
			mm->mmap_cache = vma;
			return vma;
		}
	}
	return NULL;
}

/* link a region into the sorted list; -ENOMEM if it overlaps one */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct list_head *pos = &mm->mmap;
	struct vm_area_struct *v;

	list_for_each_entry(v, &mm->mmap, vm_list) {
		if (v->vm_end <= vma->vm_start)
			continue;
		if (v->vm_start < vma->vm_end)
			return -ENOMEM;
		pos = &v->vm_list;
		break;
	}
	list_add_tail(&vma->vm_list, pos);
	mm->map_count++;
	mm->total_vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return 0;
}

static void unlink_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	mm->map_count--;
	mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;
}

static int range_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return !vma || vma->vm_start >= addr + len;
}

/* a hole of len bytes: the hint if it is free, else top-down from mmap_base */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long top = mm->mmap_base;
	struct vm_area_struct *vma;

	if (len > TASK_SIZE)
		return -ENOMEM;
	if (addr) {
		addr = PAGE_ALIGN(addr);
		if (addr >= mmap_min_addr && addr <= TASK_SIZE - len && range_free(mm, addr, len))
			return addr;
	}
	/* a hint below mmap_min_addr is ignored; the search never goes below it */
	/* walk the regions from the highest down, looking for a gap below top */
	list_for_each_entry_reverse(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= top)
			continue;
		if (top < len + mmap_min_addr)
			return -ENOMEM;
		if (vma->vm_end <= top - len)
			return top - len;
		top = vma->vm_start;
	}
	return top >= len + mmap_min_addr ? top - len : (unsigned long)-ENOMEM;
}

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (prot & PROT_READ)
		vm |= VM_READ;
	if (prot & PROT_WRITE)
		vm |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm |= VM_EXEC | VM_READ;	/* i386 cannot tell exec from read */
	if (flags & MAP_SHARED)
		vm |= VM_SHARED;
	if (flags & MAP_GROWSDOWN)
		vm |= VM_GROWSDOWN;
	if (flags & MAP_LOCKED)
		vm |= VM_LOCKED;
	return vm;
}

/* RLIMIT_AS: may this address space grow by len bytes? (Linux: may_expand_vm) */
int may_expand_vm(struct mm_struct *mm, unsigned long len)
{
	unsigned long limit = current->rlim[RLIMIT_AS].rlim_cur;

	if (limit == RLIM_INFINITY || mm != current->mm)
		return 1;
	return (mm->total_vm << PAGE_SHIFT) + len <= limit;
}

/*
 * Make a region (Linux: do_mmap_pgoff + mmap_region): either with the
 * given ops and object, or, for a file, whatever its f_op->mmap sets up.
 */
static long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
			unsigned long flags, unsigned long vm_flags, unsigned long pgoff,
			struct file *file, const struct vm_operations_struct *ops, void *private)
{
	struct vm_area_struct *vma;
	long err;

	if (!len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (!may_expand_vm(mm, len) || mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	err = mlock_future_check(mm, vm_flags | mm->def_flags, len);	/* mm/mlock.c */
	if (err)
		return err;
	if (flags & MAP_FIXED) {
		if ((addr & ~PAGE_MASK) || addr > TASK_SIZE - len)
			return -EINVAL;
		if (!mmap_addr_permitted(addr))
			return -EPERM;
		err = do_munmap(mm, addr, len);
		if (err)
			return err;
	} else {
		addr = get_unmapped_area(mm, addr, len);
		if (IS_ERR_VALUE(addr))
			return addr;
	}
	vma = vma_alloc(mm, addr, addr + len, vm_flags | mm->def_flags);
	if (!vma)
		return -ENOMEM;
	vma->vm_pgoff = pgoff;
	vma->vm_ops = ops;
	vma->vm_private_data = private;
	if (file) {
		err = file->f_op->mmap(file, vma);
		if (err)
			goto free;
	}
	err = insert_vm_struct(mm, vma);
	if (err)
		goto free;
	if (vma->vm_ops && vma->vm_ops->open)
		vma->vm_ops->open(vma);
	/* MAP_POPULATE (not with MAP_NONBLOCK, as since 2.6.23) and locked regions: fault in now */
	if (mm == current->mm && ((vma->vm_flags & VM_LOCKED) ||
				  (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		mm_populate(mm, addr, len);
	return addr;
free:
	kfree(vma);
	return err;
}

long do_mmap_pgoff(struct mm_struct *mm, unsigned long addr, unsigned long len,
		   unsigned long prot, unsigned long flags, unsigned long pgoff,
		   const struct vm_operations_struct *ops, void *private)
{
	return mmap_region(mm, addr, len, flags, calc_vm_flags(prot, flags), pgoff,
			   NULL, ops, private);
}

/*
 * mmap of a file (Linux: the file half of do_mmap_pgoff). Linux's order of
 * checks, so the errors match: a shared writable mapping needs the file
 * open for writing, any mapping needs it open for reading, and the file
 * must be mappable at all (ENODEV: directories, pipes, FIFOs, sockets).
 */
static long do_mmap_file(struct file *file, unsigned long addr, unsigned long len,
			 unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	unsigned long vm_flags = calc_vm_flags(prot, flags);

	if (!len)
		return -EINVAL;
	if (PAGE_ALIGN(len) && pgoff + (PAGE_ALIGN(len) >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (flags & MAP_SHARED) {
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		/* a read-only file's shared mapping may never become writable */
		if (!(file->f_mode & FMODE_WRITE))
			vm_flags &= ~VM_MAYWRITE;
	}
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!file->f_op || !file->f_op->mmap)
		return -ENODEV;
	/* a noexec mount's files: never executable, not even later by mprotect */
	if (file->f_vfsmnt && (file->f_vfsmnt->mnt_flags & MNT_NOEXEC)) {
		if (prot & PROT_EXEC)
			return -EPERM;
		vm_flags &= ~VM_MAYEXEC;
	}
	return mmap_region(current->mm, addr, len, flags, vm_flags, pgoff, file, NULL, NULL);
}

/* cut vma in two at addr; the new upper part is returned, already linked */
struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
					unsigned long addr)
{
	struct vm_area_struct *upper;

	if (mm->map_count >= MAX_MAP_COUNT)
		return NULL;
	upper = vma_alloc(mm, addr, vma->vm_end, vma->vm_flags);
	if (!upper)
		return NULL;
	upper->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	upper->vm_ops = vma->vm_ops;
	upper->vm_private_data = vma->vm_private_data;
	vma->vm_end = addr;
	list_add(&upper->vm_list, &vma->vm_list);
	mm->map_count++;
	if (upper->vm_ops && upper->vm_ops->open)
		upper->vm_ops->open(upper);
	return upper;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end;
	struct vm_area_struct *vma, *next;

	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = start + len;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	/* first make the range's edges region boundaries, then drop what lies inside */
	if (vma->vm_start < start && !split_vma(mm, vma, start))
		return -ENOMEM;
	vma = find_vma(mm, start);
	while (vma && vma->vm_start < end) {
		next = vma->vm_list.next == &mm->mmap ? NULL :
			list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
		if (vma->vm_end > end && !split_vma(mm, vma, end))
			return -ENOMEM;
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		unlink_vma(mm, vma);
		vma_free(vma);
		vma = next;
	}
	return 0;
}

/* the heap: grow the anonymous region that ends at addr, or make one */
unsigned long do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
			      mm->def_flags;

	len = PAGE_ALIGN(len);
	if (!len)
		return addr;
	if (addr > TASK_SIZE - len || !range_free(mm, addr, len) || !may_expand_vm(mm, len))
		return -ENOMEM;
	if (!mmap_addr_permitted(addr))
		return -EPERM;
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end == addr)
			prev = vma;
	if (prev && !prev->vm_ops && prev->vm_flags == flags) {
		prev->vm_end += len;
		mm->total_vm += len >> PAGE_SHIFT;
		return addr;
	}
	vma = vma_alloc(mm, addr, addr + len, flags);
	if (!vma)
		return -ENOMEM;
	insert_vm_struct(mm, vma);
	return addr;
}

/*
 * A fault just below a VM_GROWSDOWN region: grow it to cover address
 * (Linux: expand_stack/expand_downwards). Never below mmap_min_addr, whoever
 * asks, so that with RLIMIT_STACK unlimited a kernel access through NULL is
 * still EFAULT; never within the guard gap of the region below; never past
 * RLIMIT_STACK or RLIMIT_AS.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long start = address & PAGE_MASK, grow;
	struct vm_area_struct *prev = NULL, *v;

	if (!(vma->vm_flags & VM_GROWSDOWN) || start >= vma->vm_start)
		return -EFAULT;
	if (address < mmap_min_addr)
		return -EPERM;
	list_for_each_entry(v, &mm->mmap, vm_list) {
		if (v == vma)
			break;
		prev = v;
	}
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) &&
	    (prev->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) &&
	    start - prev->vm_end < STACK_GUARD_GAP)
		return -ENOMEM;
	grow = vma->vm_start - start;
	if (vma->vm_end - start > current->rlim[RLIMIT_STACK].rlim_cur ||
	    !may_expand_vm(mm, grow))
		return -ENOMEM;
	mm->total_vm += grow >> PAGE_SHIFT;
	vma->vm_start = start;
	return 0;
}

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *n;

	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list) {
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		unlink_vma(mm, vma);
		vma_free(vma);
	}
}

void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	leave_mm_others(mm);	/* no CPU may keep it loaded once it is freed */
	exit_mmap(mm);
	if (mm->exe_file)
		fput(mm->exe_file);
	pgd_free(mm->pgd);
	kfree(mm);
}

/* fork: the same regions, and the same pages shared copy-on-write */
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->mmap_base = old->mmap_base;
	mm->exe_file = old->exe_file ? get_file(old->exe_file) : NULL;
	list_for_each_entry(vma, &old->mmap, vm_list) {
		/* mlock is not inherited (Linux: dup_mmap) */
		struct vm_area_struct *n = vma_alloc(mm, vma->vm_start, vma->vm_end,
						     vma->vm_flags & ~VM_LOCKED);

		if (!n)
			goto fail;
		n->vm_pgoff = vma->vm_pgoff;
		n->vm_ops = vma->vm_ops;
		n->vm_private_data = vma->vm_private_data;
		insert_vm_struct(mm, n);
		if (n->vm_ops && n->vm_ops->open)
			n->vm_ops->open(n);
		if (copy_page_range(mm, old, vma))
			goto fail;
	}
	/* the parent's pages just became read-only: drop its stale TLB entries, on every CPU */
	flush_tlb_mm(old);
	return mm;
fail:
	flush_tlb_mm(old);
	mmput(mm);
	return NULL;
}

int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot)
{
	unsigned long end, newflags, addr;
	struct vm_area_struct *vma;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (!len)
		return 0;
	/* the whole range must be mapped, without holes, and allow the change */
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		if ((prot & PROT_WRITE) && !(vma->vm_flags & VM_MAYWRITE))
			return -EACCES;	/* before anything is split or changed */
		if ((prot & PROT_EXEC) && !(vma->vm_flags & VM_MAYEXEC))
			return -EACCES;	/* a noexec mount's file */
	}
	vma = find_vma(mm, start);
	if (vma->vm_start < start && !split_vma(mm, vma, start))
		return -ENOMEM;
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (vma->vm_end > end && !split_vma(mm, vma, end))
			return -ENOMEM;
		/* the VM_MAY* limits (SHM_RDONLY's, say) stay what the mapping was given */
		newflags = (calc_vm_flags(prot, 0) & (VM_READ | VM_WRITE | VM_EXEC)) |
			   (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		vma->vm_flags = newflags;
		change_protection(mm, vma->vm_start, vma->vm_end, newflags);
	}
	return 0;
}

/* ---- the system calls ---- */

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk;

	/* on failure brk returns the old break, not an error: glibc then tries mmap */
	if (brk < mm->start_brk || brk > TASK_SIZE - STACK_LIMIT - MMAP_GAP)
		return mm->brk;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (newbrk == oldbrk)
		goto set;
	if (brk <= mm->brk) {
		if (!do_munmap(mm, newbrk, oldbrk - newbrk))
			goto set;
		return mm->brk;
	}
	if (!range_free(mm, oldbrk, newbrk - oldbrk + PAGE_SIZE))
		return mm->brk;
	if (IS_ERR_VALUE(do_brk(mm, oldbrk, newbrk - oldbrk)))
		return mm->brk;
set:
	mm->brk = brk;
	return brk;
}

/* what MAP_SHARED_VALIDATE accepts (Linux's LEGACY_MAP_MASK; MAP_UNINITIALIZED is configured out) */
#define LEGACY_MAP_MASK	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | \
			 MAP_EXECUTABLE | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | \
			 MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT | \
			 MAP_HUGE_MASK)

long do_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	/* mmap's MAP_FIXED past the top of user space: ENOMEM, before alignment (get_unmapped_area) */
	if ((flags & MAP_FIXED) && PAGE_ALIGN(len) && addr > TASK_SIZE - PAGE_ALIGN(len))
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS)) {
		struct file *file = fget(fd);
		long ret;

		if (!file)
			return -EBADF;
		ret = -EINVAL;
		/*
		 * MAP_SHARED_VALIDATE (Linux 4.15, not in 2.6): MAP_SHARED that
		 * refuses the flags it does not know instead of ignoring them.
		 */
		if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE) {
			ret = -EOPNOTSUPP;
			if (flags & ~LEGACY_MAP_MASK)
				goto out_fput;
			flags = (flags & ~MAP_TYPE) | MAP_SHARED;
		}
		if ((flags & MAP_TYPE) == MAP_PRIVATE || (flags & MAP_TYPE) == MAP_SHARED)
			ret = do_mmap_file(file, addr, len, prot, flags, pgoff);
out_fput:
		fput(file);
		return ret;
	}
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (flags & MAP_TYPE) != MAP_SHARED)
		return -EINVAL;
	if (flags & MAP_SHARED)
		return shmem_mmap_anon(current->mm, addr, len, prot, flags);
	return do_mmap_pgoff(current->mm, addr, len, prot, flags, pgoff, NULL, NULL);
}

long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	return do_mmap2(addr, len, prot, flags, fd, pgoff);
}

/* the old mmap(90) takes its six arguments from a block in user memory */
struct mmap_arg_struct {
	unsigned long addr, len, prot, flags, fd, offset;
};

long sys_old_mmap(struct mmap_arg_struct __user *arg)
{
	struct mmap_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (a.offset & ~PAGE_MASK)
		return -EINVAL;
	return do_mmap2(a.addr, a.len, a.prot, a.flags, a.fd, a.offset >> PAGE_SHIFT);
}

long sys_munmap(unsigned long addr, size_t len)
{
	return do_munmap(current->mm, addr, len);
}

long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	return do_mprotect(current->mm, start, len, prot);
}

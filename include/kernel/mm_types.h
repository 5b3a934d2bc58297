/*
 * include/kernel/mm_types.h - a process's address space: mm_struct and its
 * sorted list of vm_area_struct (mm/mmap.c, mm/memory.c; Linux:
 * include/linux/mm_types.h and mm.h).
 */
#ifndef _KERNEL_MM_TYPES_H
#define _KERNEL_MM_TYPES_H

#include <kernel/types.h>
#include <kernel/cpumask.h>
#include <kernel/list.h>
#include <kernel/mm.h>
#include <kernel/pgtable.h>

struct file;
struct shmid_kernel;

/* vm_flags */
#define VM_READ		0x0001
#define VM_WRITE	0x0002
#define VM_EXEC		0x0004
#define VM_SHARED	0x0008
#define VM_MAYREAD	0x0010
#define VM_MAYWRITE	0x0020
#define VM_MAYEXEC	0x0040
#define VM_GROWSDOWN	0x0100
#define VM_DENYWRITE	0x0800
#define VM_LOCKED	0x2000		/* mlock: pages stay resident */

struct vm_area_struct;

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);	/* a copy was made (fork) */
	void (*close)(struct vm_area_struct *vma);	/* it is going away */
	/* the page to map at 'address', with a reference taken; NULL: SIGBUS */
	struct page *(*nopage)(struct vm_area_struct *vma, unsigned long address);
};

struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start, vm_end;		/* [start, end) */
	unsigned long vm_flags;
	unsigned long vm_pgoff;			/* offset in the backing object, pages */
	struct list_head vm_list;		/* sorted by address */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;			/* shared anonymous or SysV shm object, or the file */
	struct file *vm_file;			/* a file mapping's file (set by its open) */
	struct list_head shared;		/* a file mapping: on its i_mmap list */
};

struct mm_struct {
	struct list_head mmap;			/* the VMAs, sorted */
	struct vm_area_struct *mmap_cache;	/* the last find_vma result */
	int map_count;
	pgd_t *pgd;
	volatile cpumask_t cpu_vm_mask;		/* the CPUs that have pgd loaded (TLB shootdown) */
	int mm_users;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long total_vm;			/* pages mapped */
	unsigned long mmap_base;		/* top of the mmap area, which grows down */
	struct file *exe_file;			/* the program: /proc/PID/exe */
	unsigned long def_flags;		/* VM_LOCKED after mlockall(MCL_FUTURE) */
};

extern struct mm_struct init_mm;

#define TASK_SIZE		PAGE_OFFSET
#define TASK_UNMAPPED_BASE	0x40000000UL	/* first mmap area search start (bottom-up fallback) */
#define STACK_TOP		TASK_SIZE
#define STACK_LIMIT		(8UL << 20)	/* RLIMIT_STACK default */

/* mm/mmap.c */
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
struct mm_struct *dup_mm(struct mm_struct *old);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len);
long do_mmap_pgoff(struct mm_struct *mm, unsigned long addr, unsigned long len,
		   unsigned long prot, unsigned long flags, unsigned long pgoff,
		   const struct vm_operations_struct *ops, void *private);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
unsigned long do_brk(struct mm_struct *mm, unsigned long addr, unsigned long len);
void exit_mmap(struct mm_struct *mm);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
extern unsigned long mmap_min_addr;	/* vm.mmap_min_addr */
int mmap_addr_permitted(unsigned long addr);
int may_expand_vm(struct mm_struct *mm, unsigned long len);
struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
				 unsigned long addr);

/* mm/mlock.c */
unsigned long mm_locked_pages(struct mm_struct *mm);
int mlock_may_grow(struct mm_struct *mm, unsigned long len);
int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len);
void mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len);

/* mm/memory.c */
#define VM_FAULT_OOM	-1
#define VM_FAULT_SIGBUS	-2
#define VM_FAULT_SIGSEGV -3
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, int write);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long vm_flags);
int get_user_pages_write(struct mm_struct *mm, unsigned long addr);

/* mm/oom_kill.c: 1 if the faulting task must give up, 0 to retry */
int out_of_memory(int may_sleep);

#endif

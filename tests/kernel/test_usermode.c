/*
 * tests/kernel/test_usermode.c - user mode without a file system: a kernel
 * thread builds a tiny address space holding a few hand-assembled
 * instructions and drops to ring 3 through the normal exit path. Checks
 * int 0x80 system calls, exit status through wait4, a fatal SIGSEGV, demand
 * paging of the stack, and that every page comes back.
 */
#include <kernel/ktest.h>
#include <kernel/kshell.h>
#include <kernel/binfmts.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/mman.h>

long do_wait(pid_t pid, int options, int __user *stat_addr, void __user *ru);
long do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot);
extern void start_user_thread(struct pt_regs *regs) __attribute__((noreturn));
void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp);

#define CODE_ADDR 0x08048000UL

/* getpid; push it (touches the stack); exit(pid & 0xff) */
static const u8 prog_exit_pid[] = {
	0xb8, 20, 0, 0, 0,	/* mov $__NR_getpid, %eax */
	0xcd, 0x80,		/* int $0x80 */
	0x50,			/* push %eax: the first stack touch faults a page in */
	0x5b,			/* pop %ebx */
	0xb8, 1, 0, 0, 0,	/* mov $__NR_exit, %eax */
	0xcd, 0x80,
};

/* read a kernel address: SIGSEGV */
static const u8 prog_read_kernel[] = {
	0xa1, 0x00, 0x00, 0x00, 0xc0,	/* mov 0xc0000000, %eax */
	0xb8, 1, 0, 0, 0,
	0xcd, 0x80,
};

/* an unknown system call returns -ENOSYS, which becomes the exit status */
static const u8 prog_enosys[] = {
	0xb8, 0xff, 0x01, 0, 0,	/* mov $511, %eax: beyond the table */
	0xcd, 0x80,
	0xf7, 0xd8,		/* neg %eax: 38 */
	0x89, 0xc3,		/* mov %eax, %ebx */
	0xb8, 1, 0, 0, 0,
	0xcd, 0x80,
};

struct prog {
	const u8 *code;
	size_t len;
};

static int user_prog(void *arg)
{
	struct prog *p = arg;
	struct mm_struct *mm = mm_alloc();
	struct pt_regs *regs = task_pt_regs(current);

	if (!mm)
		return 100;
	current->mm = current->active_mm = mm;
	switch_pgd(mm->pgd);
	if (IS_ERR_VALUE(do_mmap_pgoff(mm, CODE_ADDR, PAGE_SIZE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_FIXED, 0, NULL, NULL)))
		return 101;
	if (copy_to_user((void __user *)CODE_ADDR, p->code, p->len))
		return 102;
	do_mprotect(mm, CODE_ADDR, PAGE_SIZE, PROT_READ | PROT_EXEC);
	if (IS_ERR_VALUE(do_mmap_pgoff(mm, STACK_TOP - 4 * PAGE_SIZE, 4 * PAGE_SIZE,
				       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_GROWSDOWN,
				       0, NULL, NULL)))
		return 103;
	start_thread(regs, CODE_ADDR, STACK_TOP - 16);
	set_fs(USER_DS);
	current->flags &= ~PF_KTHREAD;
	start_user_thread(regs);
}

static int run_prog(const u8 *code, size_t len, pid_t *pidp)
{
	struct prog p = { code, len };
	int status = -1;
	pid_t pid = kernel_thread(user_prog, &p, SIGCHLD);

	if (pid < 0)
		return pid;
	*pidp = pid;
	if (do_wait(pid, 0, &status, NULL) != pid)
		return -1;
	return status;
}

KTEST(usermode, syscall_and_exit_status)
{
	pid_t pid = 0;
	int status = run_prog(prog_exit_pid, sizeof(prog_exit_pid), &pid);

	EXPECT_EQ(status, (pid & 0xff) << 8);
}

KTEST(usermode, kernel_address_is_sigsegv)
{
	pid_t pid;
	int status = run_prog(prog_read_kernel, sizeof(prog_read_kernel), &pid);

	EXPECT_EQ(status, SIGSEGV);	/* killed by signal 11, no core bit */
}

KTEST(usermode, unknown_syscall_is_enosys)
{
	pid_t pid;
	int status = run_prog(prog_enosys, sizeof(prog_enosys), &pid);

	EXPECT_EQ(status, ENOSYS << 8);
}

KTEST(usermode, thousand_runs_give_back_every_page)
{
	unsigned long before = nr_free_pages();
	pid_t pid;
	int bad = 0;

	for (int i = 0; i < 1000; i++)
		bad += run_prog(prog_exit_pid, sizeof(prog_exit_pid), &pid) != (pid & 0xff) << 8;
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(nr_free_pages(), before);
}

/*
 * The same with a real glibc program: 1,000 fork+exit+wait cycles inside
 * one process (lat_fork), after one warm-up run so that the dentries of
 * /bin/bench are already cached; every page must come back.
 */
KTEST_FLAGS(usermode, thousand_glibc_forks_give_back_every_page, KTEST_NO_LEAK_CHECK)
{
	char *warm[] = { "/bin/bench/lat_fork", "10", NULL };
	char *run[] = { "/bin/bench/lat_fork", "1000", NULL };
	unsigned long before;

	ASSERT_EQ(kshell_run_program(warm, 1), 0);
	before = nr_free_pages();
	EXPECT_EQ(kshell_run_program(run, 1), 0);
	EXPECT_EQ(nr_free_pages(), before);
}

/*
 * fs/binfmt_elf.c - loading a static ELF32 i386 executable (Linux:
 * fs/binfmt_elf.c, without the dynamic loader). Each PT_LOAD segment becomes
 * a private region, filled from the file and zero beyond its file size; the
 * stack gets argc, argv, envp and the auxiliary vector glibc's start-up reads.
 */
#include <kernel/binfmts.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/printk.h>
#include <kernel/ptrace.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/elf.h>
#include <uapi/mman.h>

#define MAX_PHNUM 64
#define STACK_INITIAL (128 * 1024)	/* mapped at exec; it grows down from there */
#define USER_HZ 100

long do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot);
void get_random_bytes(void *buf, size_t n);

static int elf_check(const Elf32_Ehdr *eh)
{
	if (memcmp(eh->e_ident, "\177ELF", 4) || eh->e_ident[4] != ELFCLASS32 ||
	    eh->e_ident[5] != ELFDATA2LSB)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_386)
		return -ENOEXEC;	/* shared objects and static-pie need a loader */
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || !eh->e_phnum || eh->e_phnum > MAX_PHNUM)
		return -ENOEXEC;
	return 0;
}

static unsigned long elf_prot(u32 flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) | ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}

/* file bytes [off, off+len) to user address addr, through a bounce page */
static int copy_segment(struct file *file, unsigned long addr, u32 off, u32 len)
{
	char *buf = (char *)__get_free_page(GFP_KERNEL);
	int err = 0;

	if (!buf)
		return -ENOMEM;
	while (len) {
		u32 n = len < PAGE_SIZE ? len : PAGE_SIZE;
		int got = kernel_read(file, off, buf, n);

		if (got != (int)n) {
			err = got < 0 ? got : -EIO;
			break;
		}
		if (copy_to_user((void __user *)addr, buf, n)) {
			err = -EFAULT;
			break;
		}
		addr += n;
		off += n;
		len -= n;
	}
	free_page((unsigned long)buf);
	return err;
}

extern const struct vm_operations_struct generic_file_vm_ops;

/*
 * A segment as Linux maps it: its file part straight from the page cache
 * (copy-on-write), zeros from the end of the file data to the end of that
 * page, and anonymous zero pages for the rest of the bss. Writable while
 * being set up; its own protection comes after.
 */
static int map_segment(struct mm_struct *mm, struct file *file, const Elf32_Phdr *ph)
{
	unsigned long start = ph->p_vaddr & PAGE_MASK;
	unsigned long file_end = PAGE_ALIGN(ph->p_vaddr + ph->p_filesz);
	unsigned long end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
	unsigned long data_end = ph->p_vaddr + ph->p_filesz;
	long addr;

	if (ph->p_filesz) {
		addr = do_mmap_pgoff(mm, start, file_end - start, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_FIXED, ph->p_offset >> PAGE_SHIFT,
				     &generic_file_vm_ops, file);
		if (IS_ERR_VALUE(addr))
			return addr;
		/* the file page holding the end of the data may hold other bytes after it */
		if (ph->p_memsz > ph->p_filesz && (data_end & ~PAGE_MASK) &&
		    clear_user((void __user *)data_end, file_end - data_end))
			return -EFAULT;
	} else {
		file_end = start;
	}
	if (end > file_end) {
		addr = do_mmap_pgoff(mm, file_end, end - file_end, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_FIXED, 0, NULL, NULL);
		if (IS_ERR_VALUE(addr))
			return addr;
	}
	return 0;
}

static int push_string(unsigned long *sp, const char *s, unsigned long *where)
{
	size_t n = strlen(s) + 1;

	*sp -= n;
	*where = *sp;
	return copy_to_user((void __user *)*sp, s, n) ? -EFAULT : 0;
}

/* the initial stack: strings at the top, then auxv, envp, argv and argc below */
static int create_elf_tables(struct linux_binprm *bprm, const Elf32_Ehdr *eh,
			     unsigned long phdr_addr, unsigned long *spp)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = STACK_TOP, execfn, platform, random, *vec, *v;
	unsigned long hwcap, eax = 1, ebx, ecx, edx;
	size_t words;
	u8 rnd[16];
	int err, i;

	err = push_string(&sp, bprm->filename, &execfn);
	mm->env_end = sp;
	for (i = bprm->envc - 1; i >= 0 && !err; i--)
		err = push_string(&sp, bprm->envp[i], (unsigned long *)&bprm->envp[i]);
	mm->env_start = mm->arg_end = sp;
	for (i = bprm->argc - 1; i >= 0 && !err; i--)
		err = push_string(&sp, bprm->argv[i], (unsigned long *)&bprm->argv[i]);
	mm->arg_start = sp;
	if (!err)
		err = push_string(&sp, "i686", &platform);
	if (err)
		return err;
	get_random_bytes(rnd, sizeof(rnd));
	sp = (sp - sizeof(rnd)) & ~15UL;
	random = sp;
	if (copy_to_user((void __user *)random, rnd, sizeof(rnd)))
		return -EFAULT;
	asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
	hwcap = edx;

	/* argc, argv[] NULL, envp[] NULL, then 19 auxv pairs (with AT_NULL) */
	words = 1 + bprm->argc + 1 + bprm->envc + 1 + 2 * 19;
	vec = kmalloc(words * sizeof(long), GFP_KERNEL);
	if (!vec)
		return -ENOMEM;
	v = vec;
	*v++ = bprm->argc;
	for (i = 0; i < bprm->argc; i++)
		*v++ = (unsigned long)bprm->argv[i];	/* now user addresses */
	*v++ = 0;
	for (i = 0; i < bprm->envc; i++)
		*v++ = (unsigned long)bprm->envp[i];
	*v++ = 0;
#define NEW_AUX_ENT(id, val) do { *v++ = (id); *v++ = (val); } while (0)
	NEW_AUX_ENT(AT_HWCAP, hwcap);
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, USER_HZ);
	NEW_AUX_ENT(AT_PHDR, phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf32_Phdr));
	NEW_AUX_ENT(AT_PHNUM, eh->e_phnum);
	NEW_AUX_ENT(AT_BASE, 0);
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, eh->e_entry);
	NEW_AUX_ENT(AT_UID, current->uid);
	NEW_AUX_ENT(AT_EUID, current->euid);
	NEW_AUX_ENT(AT_GID, current->gid);
	NEW_AUX_ENT(AT_EGID, current->egid);
	NEW_AUX_ENT(AT_SECURE, 0);
	NEW_AUX_ENT(AT_RANDOM, random);
	NEW_AUX_ENT(AT_HWCAP2, 0);
	NEW_AUX_ENT(AT_EXECFN, execfn);
	NEW_AUX_ENT(AT_PLATFORM, platform);
	NEW_AUX_ENT(AT_NULL, 0);
#undef NEW_AUX_ENT
	sp = (sp - (v - vec) * sizeof(long)) & ~15UL;
	err = copy_to_user((void __user *)sp, vec, (v - vec) * sizeof(long)) ? -EFAULT : 0;
	kfree(vec);
	mm->start_stack = sp;
	*spp = sp;
	return err;
}

int load_elf_binary(struct linux_binprm *bprm, struct pt_regs *regs)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)bprm->buf;
	Elf32_Phdr *phdrs = NULL, *ph;
	struct mm_struct *mm;
	unsigned long load_bias_addr = 0, brk = 0, sp, phdr_addr = 0;
	unsigned long end_code = 0, start_data = ~0UL, end_data = 0, start_code = ~0UL;
	int err, i, have_load = 0;

	err = elf_check(eh);
	if (err)
		return err;
	phdrs = kmalloc(eh->e_phnum * sizeof(Elf32_Phdr), GFP_KERNEL);
	if (!phdrs)
		return -ENOMEM;
	err = kernel_read(bprm->file, eh->e_phoff, (char *)phdrs, eh->e_phnum * sizeof(Elf32_Phdr));
	if (err != (int)(eh->e_phnum * sizeof(Elf32_Phdr))) {
		err = err < 0 ? err : -ENOEXEC;
		goto out;
	}
	for (i = 0, ph = phdrs; i < eh->e_phnum; i++, ph++) {
		if (ph->p_type == PT_INTERP) {
			err = -ENOEXEC;		/* dynamically linked: no loader here */
			goto out;
		}
		if (ph->p_type == PT_LOAD) {
			if (ph->p_filesz > ph->p_memsz || ph->p_vaddr >= TASK_SIZE ||
			    ph->p_memsz > TASK_SIZE - ph->p_vaddr ||
			    (ph->p_vaddr & ~PAGE_MASK) != (ph->p_offset & ~PAGE_MASK)) {
				err = -ENOEXEC;
				goto out;
			}
			have_load = 1;
		}
	}
	if (!have_load) {
		err = -ENOEXEC;
		goto out;
	}

	err = flush_old_exec(bprm);
	if (err)
		goto out;
	/* from here a failure cannot return to the old program: it is gone */
	mm = current->mm;
	mm->exe_file = get_file(bprm->file);
	for (i = 0, ph = phdrs; i < eh->e_phnum; i++, ph++) {
		unsigned long start, end;
		long addr;

		if (ph->p_type != PT_LOAD)
			continue;
		start = ph->p_vaddr & PAGE_MASK;
		end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
		if (start >= brk) {
			err = map_segment(mm, bprm->file, ph);
			if (err)
				goto kill;
		} else {
			/* shares its first page with the previous segment: copy it in */
			start = PAGE_ALIGN(brk);
			if (start < end) {
				addr = do_mmap_pgoff(mm, start, end - start, PROT_READ | PROT_WRITE,
						     MAP_PRIVATE | MAP_FIXED, 0, NULL, NULL);
				if (IS_ERR_VALUE(addr)) {
					err = addr;
					goto kill;
				}
			}
			err = copy_segment(bprm->file, ph->p_vaddr, ph->p_offset, ph->p_filesz);
			if (err)
				goto kill;
		}
		if (!load_bias_addr || ph->p_vaddr - ph->p_offset < load_bias_addr)
			load_bias_addr = ph->p_vaddr - ph->p_offset;
		if (eh->e_phoff >= ph->p_offset && eh->e_phoff < ph->p_offset + ph->p_filesz)
			phdr_addr = ph->p_vaddr + (eh->e_phoff - ph->p_offset);
		if (ph->p_flags & PF_X) {
			start_code = min(start_code, (unsigned long)ph->p_vaddr);
			end_code = max(end_code, (unsigned long)(ph->p_vaddr + ph->p_filesz));
		} else {
			start_data = min(start_data, (unsigned long)ph->p_vaddr);
			end_data = max(end_data, (unsigned long)(ph->p_vaddr + ph->p_filesz));
		}
		brk = max(brk, (unsigned long)(ph->p_vaddr + ph->p_memsz));
	}
	for (i = 0, ph = phdrs; i < eh->e_phnum; i++, ph++) {
		unsigned long start = ph->p_vaddr & PAGE_MASK;

		if (ph->p_type == PT_LOAD && !(ph->p_flags & PF_W))
			do_mprotect(mm, start, PAGE_ALIGN(ph->p_vaddr + ph->p_memsz) - start,
				    elf_prot(ph->p_flags));
	}
	mm->start_code = start_code;
	mm->end_code = end_code;
	mm->start_data = start_data == ~0UL ? end_code : start_data;
	mm->end_data = end_data;
	mm->start_brk = mm->brk = PAGE_ALIGN(brk);

	/* the stack: a region that grows down on demand */
	if (IS_ERR_VALUE(do_mmap_pgoff(mm, STACK_TOP - STACK_INITIAL, STACK_INITIAL,
				       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_GROWSDOWN,
				       0, NULL, NULL))) {
		err = -ENOMEM;
		goto kill;
	}
	if (!phdr_addr)
		phdr_addr = load_bias_addr + eh->e_phoff;
	err = create_elf_tables(bprm, eh, phdr_addr, &sp);
	if (err)
		goto kill;
	start_thread(regs, eh->e_entry, sp);
	err = 0;
	goto out;
kill:
	printk(KERN_ERR "exec %s: failed after the point of no return (%d)\n", bprm->filename, err);
	force_sig(SIGSEGV, current);	/* as Linux's bprm_execve: a fatal SIGSEGV */
out:
	kfree(phdrs);
	return err;
}

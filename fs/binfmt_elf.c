/*
 * fs/binfmt_elf.c - loading an ELF32 i386 program (Linux: fs/binfmt_elf.c).
 * Each PT_LOAD segment becomes a private file mapping, zero beyond its file
 * size; a PT_INTERP program also gets its interpreter (the dynamic loader,
 * /lib/ld-linux.so.2) mapped at a random base, and starts there. ET_DYN
 * programs (PIE) load at a random base too. The stack gets argc, argv, envp
 * and the auxiliary vector the loader and glibc's start-up read.
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
#include <uapi/personality.h>

#define MAX_PHNUM (PAGE_SIZE / sizeof(Elf32_Phdr))	/* as Linux: the headers fit a page */
#define STACK_INITIAL (128 * 1024)	/* mapped at exec; it grows down from there */
#define USER_HZ 100
/* where a PIE with an interpreter goes (Linux's ia32 ELF_ET_DYN_BASE), before its random offset */
#define ELF_ET_DYN_BASE 0x00400000UL
#define MMAP_RND_PAGES	256	/* 8 bits of page randomness, as Linux's i386 mmap_rnd_bits */
#define BRK_RND_BYTES	(32UL << 20)	/* Linux's arch_randomize_brk range */
#define STACK_RND_BYTES	8192	/* the initial sp moves within this (Linux: arch_align_stack) */

long do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot);
void get_random_bytes(void *buf, size_t n);
extern int randomize_va_space;		/* mm/memory.c: kernel.randomize_va_space */

static unsigned long rnd_below(unsigned long n)
{
	unsigned long r;

	get_random_bytes(&r, sizeof(r));
	return r % n;
}

/* the checks Linux makes of the program before anything else (ENOEXEC) */
static int elf_check(const Elf32_Ehdr *eh)
{
	if (memcmp(eh->e_ident, "\177ELF", 4) || eh->e_ident[4] != ELFCLASS32 ||
	    eh->e_ident[5] != ELFDATA2LSB)
		return -ENOEXEC;
	if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) || eh->e_machine != EM_386)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || !eh->e_phnum || eh->e_phnum > MAX_PHNUM)
		return -ENOEXEC;
	return 0;
}

/* the program headers; a short read (a truncated file) is -ENOEXEC */
static int read_phdrs(struct file *file, const Elf32_Ehdr *eh, Elf32_Phdr **out)
{
	size_t size = eh->e_phnum * sizeof(Elf32_Phdr);
	Elf32_Phdr *ph = kmalloc(size, GFP_KERNEL);
	int n;

	if (!ph)
		return -ENOMEM;
	n = kernel_read(file, eh->e_phoff, (char *)ph, size);
	if (n != (int)size) {
		kfree(ph);
		return n < 0 ? n : -ENOEXEC;
	}
	*out = ph;
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
static int map_segment(struct mm_struct *mm, struct file *file, const Elf32_Phdr *ph,
		       unsigned long vaddr)
{
	unsigned long start = vaddr & PAGE_MASK;
	unsigned long file_end = PAGE_ALIGN(vaddr + ph->p_filesz);
	unsigned long end = PAGE_ALIGN(vaddr + ph->p_memsz);
	unsigned long data_end = vaddr + ph->p_filesz;
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

/* what mapping an image found out, for mm's fields and the auxiliary vector */
struct elf_layout {
	unsigned long bias;		/* added to every p_vaddr (0 for ET_EXEC) */
	unsigned long phdr;		/* where the program headers ended up */
	unsigned long brk;		/* the end of the highest segment */
	unsigned long start_code, end_code, start_data, end_data;
};

/* the page-aligned span of the PT_LOAD segments; 0 if there are none or it is absurd */
static unsigned long load_span(const Elf32_Ehdr *eh, const Elf32_Phdr *phdrs, unsigned long *lo)
{
	unsigned long first = ~0UL, last = 0;
	int i;

	for (i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = &phdrs[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_memsz > TASK_SIZE || ph->p_vaddr > TASK_SIZE - ph->p_memsz)
			return 0;
		first = min(first, (unsigned long)ph->p_vaddr & PAGE_MASK);
		last = max(last, PAGE_ALIGN((unsigned long)ph->p_vaddr + ph->p_memsz));
	}
	*lo = first;
	return first < last ? last - first : 0;
}

/*
 * Map every PT_LOAD segment of an image at bias + p_vaddr, then give each
 * its own protection (p_flags: a segment without PF_X is not executable,
 * without PF_W read-only; the loader later makes RELRO read-only itself).
 * Past the point of no return: an error kills the process.
 */
static int map_image(struct mm_struct *mm, struct file *file, const Elf32_Ehdr *eh,
		     const Elf32_Phdr *phdrs, unsigned long bias, struct elf_layout *l)
{
	unsigned long brk = 0, lowest = ~0UL;
	int err, i;

	l->bias = bias;
	l->phdr = 0;
	l->start_code = l->start_data = ~0UL;
	l->end_code = l->end_data = 0;
	for (i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = &phdrs[i];
		unsigned long vaddr = bias + ph->p_vaddr, start, end;
		long addr;

		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_filesz > ph->p_memsz || ph->p_memsz > TASK_SIZE ||
		    vaddr > TASK_SIZE - ph->p_memsz ||
		    (ph->p_vaddr & ~PAGE_MASK) != (ph->p_offset & ~PAGE_MASK))
			return -EINVAL;		/* Linux's elf_map and set_brk refuse these too */
		start = vaddr & PAGE_MASK;
		end = PAGE_ALIGN(vaddr + ph->p_memsz);
		if (start >= brk) {
			err = map_segment(mm, file, ph, vaddr);
			if (err)
				return err;
		} else {
			/* shares its first page with the previous segment: copy it in */
			start = PAGE_ALIGN(brk);
			if (start < end) {
				addr = do_mmap_pgoff(mm, start, end - start, PROT_READ | PROT_WRITE,
						     MAP_PRIVATE | MAP_FIXED, 0, NULL, NULL);
				if (IS_ERR_VALUE(addr))
					return addr;
			}
			err = copy_segment(file, vaddr, ph->p_offset, ph->p_filesz);
			if (err)
				return err;
		}
		if (vaddr - ph->p_offset < lowest)
			lowest = vaddr - ph->p_offset;
		if (eh->e_phoff >= ph->p_offset && eh->e_phoff < ph->p_offset + ph->p_filesz)
			l->phdr = vaddr + (eh->e_phoff - ph->p_offset);
		if (ph->p_flags & PF_X) {
			l->start_code = min(l->start_code, vaddr);
			l->end_code = max(l->end_code, vaddr + ph->p_filesz);
		} else {
			l->start_data = min(l->start_data, vaddr);
			l->end_data = max(l->end_data, vaddr + ph->p_filesz);
		}
		brk = max(brk, vaddr + ph->p_memsz);
	}
	for (i = 0; i < eh->e_phnum; i++) {
		const Elf32_Phdr *ph = &phdrs[i];
		unsigned long start = (bias + ph->p_vaddr) & PAGE_MASK;

		if (ph->p_type == PT_LOAD && !(ph->p_flags & PF_W))
			do_mprotect(mm, start, PAGE_ALIGN(bias + ph->p_vaddr + ph->p_memsz) - start,
				    elf_prot(ph->p_flags));
	}
	if (!l->phdr && lowest != ~0UL)
		l->phdr = lowest + eh->e_phoff;
	l->brk = brk;
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
			     const struct elf_layout *exe, unsigned long interp_base,
			     unsigned long sp_offset, unsigned long *spp)
{
	struct mm_struct *mm = current->mm;
	unsigned long sp = STACK_TOP, execfn, platform, random, *vec, *v;
	unsigned long hwcap, eax = 1, ebx, ecx, edx;
	size_t words;
	u8 rnd[16];
	int err, i;

	sp -= sp_offset;
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
	NEW_AUX_ENT(AT_PHDR, exe->phdr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf32_Phdr));
	NEW_AUX_ENT(AT_PHNUM, eh->e_phnum);
	NEW_AUX_ENT(AT_BASE, interp_base);	/* where the loader is; 0 without one */
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, exe->bias + eh->e_entry);	/* the program's, not the loader's */
	NEW_AUX_ENT(AT_UID, current->uid);
	NEW_AUX_ENT(AT_EUID, current->euid);
	NEW_AUX_ENT(AT_GID, current->gid);
	NEW_AUX_ENT(AT_EGID, current->egid);
	/* glibc's loader then ignores LD_LIBRARY_PATH and friends */
	NEW_AUX_ENT(AT_SECURE, current->uid != current->euid || current->gid != current->egid);
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

/*
 * The interpreter PT_INTERP names, opened and checked as Linux does before
 * the point of no return: a bad PT_INTERP is ENOEXEC, a short read EIO, a
 * missing file ENOENT, and a file that is no i386 ELF image ELIBBAD.
 */
static int open_interp(struct file *file, const Elf32_Phdr *ph, struct file **filep,
		       Elf32_Ehdr *ieh, Elf32_Phdr **iphdrs)
{
	struct file *interp;
	char *name;
	int err, n;

	if (ph->p_filesz > PATH_MAX || ph->p_filesz < 2)
		return -ENOEXEC;
	name = kmalloc(ph->p_filesz, GFP_KERNEL);
	if (!name)
		return -ENOMEM;
	n = kernel_read(file, ph->p_offset, name, ph->p_filesz);
	err = n < 0 ? n : n != (int)ph->p_filesz ? -EIO : 0;
	if (!err && name[ph->p_filesz - 1])
		err = -ENOEXEC;		/* the path must end with its NUL */
	if (err) {
		kfree(name);
		return err;
	}
	interp = open_exec(name);
	kfree(name);
	if (IS_ERR(interp))
		return PTR_ERR(interp);
	n = kernel_read(interp, 0, (char *)ieh, sizeof(*ieh));
	err = n < 0 ? n : n != sizeof(*ieh) ? -EIO : 0;
	if (!err) {
		err = -ELIBBAD;
		/* the interpreter's own PT_INTERP, if any, is not looked at: Linux neither */
		if (!memcmp(ieh->e_ident, "\177ELF", 4) && ieh->e_machine == EM_386 &&
		    ieh->e_phentsize == sizeof(Elf32_Phdr) && ieh->e_phnum &&
		    ieh->e_phnum <= MAX_PHNUM && !read_phdrs(interp, ieh, iphdrs))
			err = 0;
	}
	if (err) {
		fput(interp);
		return err;
	}
	*filep = interp;
	return 0;
}

/* kernel.randomize_va_space, less what personality(ADDR_NO_RANDOMIZE) turns off */
static int randomizing(void)
{
	return (current->personality & ADDR_NO_RANDOMIZE) ? 0 : randomize_va_space;
}

int load_elf_binary(struct linux_binprm *bprm, struct pt_regs *regs)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)bprm->buf, ieh;
	Elf32_Phdr *phdrs = NULL, *iphdrs = NULL;
	struct file *interp = NULL;
	struct elf_layout exe, il;
	struct mm_struct *mm;
	unsigned long sp, span, lo, bias = 0, entry, interp_base = 0, sp_offset = 0;
	int err, i, rnd;

	err = elf_check(eh);
	if (err)
		return err;
	err = read_phdrs(bprm->file, eh, &phdrs);
	if (err)
		return err;
	for (i = 0; i < eh->e_phnum; i++)
		if (phdrs[i].p_type == PT_INTERP) {	/* the first one counts */
			err = open_interp(bprm->file, &phdrs[i], &interp, &ieh, &iphdrs);
			if (err)
				goto out;
			break;
		}

	err = flush_old_exec(bprm);
	if (err)
		goto out;
	/*
	 * From here a failure cannot return to the old program: it is gone.
	 * Segments that overlap, lie out of range or are too big are found
	 * here, as in Linux: the process dies with SIGSEGV.
	 */
	mm = current->mm;
	mm->exe_file = get_file(bprm->file);
	rnd = randomizing();
	if (rnd)
		mm->mmap_base -= rnd_below(MMAP_RND_PAGES) << PAGE_SHIFT;
	err = -EINVAL;
	span = load_span(eh, phdrs, &lo);
	if (!span)
		goto kill;
	if (eh->e_type == ET_DYN) {
		if (interp) {
			bias = ELF_ET_DYN_BASE - lo;
			if (rnd)
				bias += rnd_below(MMAP_RND_PAGES) << PAGE_SHIFT;
		} else {	/* the loader itself run as a program, or a static PIE */
			bias = get_unmapped_area(mm, 0, span);
			if (IS_ERR_VALUE(bias)) {
				err = bias;
				goto kill;
			}
			bias -= lo;
		}
	}
	err = map_image(mm, bprm->file, eh, phdrs, bias, &exe);
	if (err)
		goto kill;
	entry = bias + eh->e_entry;
	mm->start_code = exe.start_code;
	mm->end_code = exe.end_code;
	mm->start_data = exe.start_data == ~0UL ? exe.end_code : exe.start_data;
	mm->end_data = exe.end_data;
	mm->start_brk = mm->brk = PAGE_ALIGN(exe.brk);
	if (rnd > 1) {
		/* a PIE run without a loader has the mmap area above it: its heap goes low */
		if (eh->e_type == ET_DYN && !interp)
			mm->start_brk = ELF_ET_DYN_BASE;
		mm->start_brk += rnd_below(BRK_RND_BYTES >> PAGE_SHIFT) << PAGE_SHIFT;
		mm->brk = mm->start_brk;
	}

	if (interp) {
		/* the loader (Linux: load_elf_interp): anywhere in the mmap area */
		err = -ELIBBAD;
		if (ieh.e_type != ET_EXEC && ieh.e_type != ET_DYN)
			goto kill;
		err = -EINVAL;
		span = load_span(&ieh, iphdrs, &lo);
		if (!span)
			goto kill;
		bias = 0;
		if (ieh.e_type == ET_DYN) {
			bias = get_unmapped_area(mm, 0, span);
			if (IS_ERR_VALUE(bias)) {
				err = bias;
				goto kill;
			}
			bias -= lo;
		}
		err = map_image(mm, interp, &ieh, iphdrs, bias, &il);
		if (err)
			goto kill;
		interp_base = bias + lo;
		entry = bias + ieh.e_entry;
	}

	/* the stack: a region that grows down on demand */
	if (IS_ERR_VALUE(do_mmap_pgoff(mm, STACK_TOP - STACK_INITIAL, STACK_INITIAL,
				       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_GROWSDOWN,
				       0, NULL, NULL))) {
		err = -ENOMEM;
		goto kill;
	}
	if (rnd)
		sp_offset = rnd_below(STACK_RND_BYTES) & ~15UL;
	err = create_elf_tables(bprm, eh, &exe, interp_base, sp_offset, &sp);
	if (err)
		goto kill;
	start_thread(regs, entry, sp);
	err = 0;
	goto out;
kill:
	printk(KERN_ERR "exec %s: failed after the point of no return (%d)\n", bprm->filename, err);
	force_sig(SIGSEGV, current);	/* as Linux's bprm_execve: a fatal SIGSEGV */
out:
	if (interp)
		fput(interp);
	kfree(iphdrs);
	kfree(phdrs);
	return err;
}

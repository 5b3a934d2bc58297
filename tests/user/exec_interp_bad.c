/*
 * tests/user/exec_interp_bad.c - execve of ELF files made up here, in
 * /tmp: a program with an interpreter (PT_INTERP) that is missing, not an
 * ELF file, a 64-bit one, itself dynamic, unreadable; a broken PT_INTERP;
 * overlapping, out-of-range, huge and truncated segments. Each gives the
 * errno Linux gives while the caller survives (checked: its memory and
 * files are untouched), or, once past the point of no return, kills it with
 * SIGSEGV (or SIGBUS where a page of the file is missing).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "utest.h"

#define BASE	0x08048000u
#define CODE	0x200		/* where the code sits in each file */
#define INTERP	0x100		/* where the PT_INTERP string sits */

/* the whole program: exit(status) */
static void put_exit(unsigned char *p, int status)
{
	unsigned char code[] = { 0xb8, 1, 0, 0, 0, 0xbb, (unsigned char)status, 0, 0, 0, 0xcd, 0x80 };

	memcpy(p, code, sizeof(code));
}

struct elf {
	unsigned char b[3 * 4096];
	size_t len;
	Elf32_Ehdr *eh;
	Elf32_Phdr *ph;
};

/* an ELF that exits with status: ET_EXEC at BASE, or ET_DYN at 0; one PT_LOAD of the file */
static void elf_init(struct elf *e, int type, int status)
{
	unsigned int base = type == ET_EXEC ? BASE : 0;

	memset(e, 0, sizeof(*e));
	e->len = 4096;
	e->eh = (Elf32_Ehdr *)e->b;
	e->ph = (Elf32_Phdr *)(e->b + sizeof(Elf32_Ehdr));
	memcpy(e->eh->e_ident, ELFMAG, SELFMAG);
	e->eh->e_ident[EI_CLASS] = ELFCLASS32;
	e->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	e->eh->e_ident[EI_VERSION] = EV_CURRENT;
	e->eh->e_type = type;
	e->eh->e_machine = EM_386;
	e->eh->e_version = EV_CURRENT;
	e->eh->e_entry = base + CODE;
	e->eh->e_phoff = sizeof(Elf32_Ehdr);
	e->eh->e_ehsize = sizeof(Elf32_Ehdr);
	e->eh->e_phentsize = sizeof(Elf32_Phdr);
	e->eh->e_phnum = 1;
	e->ph[0].p_type = PT_LOAD;
	e->ph[0].p_vaddr = e->ph[0].p_paddr = base;
	e->ph[0].p_filesz = e->ph[0].p_memsz = 4096;
	e->ph[0].p_flags = PF_R | PF_X;
	e->ph[0].p_align = 4096;
	put_exit(e->b + CODE, status);
}

/* a PT_INTERP naming path (its header first, as linkers put it) */
static Elf32_Phdr *elf_interp(struct elf *e, const char *path)
{
	Elf32_Phdr *ph = &e->ph[e->eh->e_phnum++];

	memmove(e->ph + 1, e->ph, (e->eh->e_phnum - 1) * sizeof(*ph));
	ph = &e->ph[0];
	memset(ph, 0, sizeof(*ph));
	ph->p_type = PT_INTERP;
	ph->p_offset = INTERP;
	ph->p_filesz = strlen(path) + 1;
	ph->p_flags = PF_R;
	ph->p_align = 1;
	strcpy((char *)e->b + INTERP, path);
	return ph;
}

static int elf_write(const struct elf *e, const char *path, mode_t mode)
{
	int fd;
	ssize_t n;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return -1;
	n = write(fd, e->b, e->len);
	close(fd);
	return n == (ssize_t)e->len ? 0 : -1;
}

static int write_text(const char *path, const char *text, mode_t mode)
{
	int fd;
	ssize_t n;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static volatile int canary = 0x1234;

/*
 * execve(path) in a child: the child's exit status when the program ran,
 * 100 + errno when execve returned with the caller's state intact (99 if
 * it was not), 1000 + the signal that killed it.
 */
static int run(const char *path)
{
	int fd[2], status;
	pid_t pid;

	if (pipe(fd))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };
		char c = 'k';
		int e;

		close(fd[0]);
		execve(path, argv, envp);
		e = errno;
		/* before the point of no return nothing of ours is gone */
		if (canary != 0x1234 || write(fd[1], &c, 1) != 1)
			_exit(99);
		_exit(100 + e);
	}
	close(fd[1]);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	close(fd[0]);
	if (WIFSIGNALED(status))
		return 1000 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

#define P(name) "/tmp/exec_interp_bad." name

int main(void)
{
	struct elf e, i;
	Elf32_Phdr *ph;
	char dir[64];

	/* the made-up programs themselves work */
	elf_init(&e, ET_EXEC, 42);
	CHECK_OK("write a static ET_EXEC", elf_write(&e, P("exec"), 0755));
	CHECK_EQ("it runs: exit 42", run(P("exec")), 42);
	elf_init(&e, ET_DYN, 43);
	CHECK_OK("write a static ET_DYN (PIE)", elf_write(&e, P("dyn"), 0755));
	CHECK_EQ("it runs at its random base: exit 43", run(P("dyn")), 43);

	/* a working interpreter: it runs, not the program */
	elf_init(&i, ET_DYN, 44);
	CHECK_OK("write an interpreter", elf_write(&i, P("ld"), 0755));
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("ld"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("PT_INTERP: the interpreter's entry runs (exit 44)", run(P("prog")), 44);
	elf_init(&e, ET_DYN, 45);
	elf_interp(&e, P("ld"));
	elf_write(&e, P("pie"), 0755);
	CHECK_EQ("a PIE with PT_INTERP: the interpreter runs", run(P("pie")), 44);

	/* the interpreter missing, not ELF, 64-bit, not executable, a directory */
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("nosuch"));
	unlink(P("nosuch"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("missing interpreter: ENOENT, caller unharmed", run(P("prog")), 100 + ENOENT);
	write_text(P("text"), "#!/bin/sh\necho this is a shell script, no ELF interpreter\n", 0755);
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("text"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("non-ELF interpreter: ELIBBAD", run(P("prog")), 100 + ELIBBAD);
	write_text(P("short"), "#!/bin/sh\n", 0755);
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("short"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("interpreter shorter than an ELF header: EIO", run(P("prog")), 100 + EIO);
	elf_init(&i, ET_DYN, 44);
	i.eh->e_machine = EM_X86_64;
	i.eh->e_ident[EI_CLASS] = ELFCLASS64;
	elf_write(&i, P("ld64"), 0755);
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("ld64"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("64-bit interpreter: ELIBBAD", run(P("prog")), 100 + ELIBBAD);
	elf_init(&i, ET_DYN, 44);
	i.eh->e_phentsize = 56;
	elf_write(&i, P("ldph"), 0755);
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("ldph"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("interpreter with bad program headers: ELIBBAD", run(P("prog")), 100 + ELIBBAD);
	elf_init(&i, ET_DYN, 44);
	elf_write(&i, P("ldnox"), 0644);
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("ldnox"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("interpreter without execute permission: EACCES", run(P("prog")),
		 100 + EACCES);
	snprintf(dir, sizeof(dir), "/tmp/exec_interp_bad.d%d", (int)getpid());
	CHECK("a directory", mkdir(dir, 0700) == 0);
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, dir);
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("interpreter is a directory: EACCES", run(P("prog")), 100 + EACCES);
	rmdir(dir);

	/* an interpreter that has an interpreter: Linux does not look, it runs it */
	elf_init(&i, ET_DYN, 46);
	elf_interp(&i, P("nosuch"));
	elf_write(&i, P("ldld"), 0755);
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("ldld"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("interpreter with its own PT_INTERP: it runs, its PT_INTERP ignored",
		 run(P("prog")), 46);
	elf_init(&e, ET_DYN, 47);
	elf_interp(&e, P("self"));
	elf_write(&e, P("self"), 0755);
	CHECK_EQ("a program that is its own interpreter: loaded twice, runs once",
		 run(P("self")), 47);
	/* an interpreter of the wrong type is found past the point of no return */
	elf_init(&i, ET_REL, 44);
	elf_write(&i, P("ldrel"), 0755);
	elf_init(&e, ET_EXEC, 45);
	elf_interp(&e, P("ldrel"));
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("ET_REL interpreter: killed by SIGSEGV", run(P("prog")), 1000 + SIGSEGV);

	/* a broken PT_INTERP entry */
	elf_init(&e, ET_EXEC, 45);
	ph = elf_interp(&e, P("ld"));
	ph->p_filesz--;		/* the NUL left out */
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("PT_INTERP without its NUL: ENOEXEC", run(P("prog")), 100 + ENOEXEC);
	ph->p_filesz = 1;
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("PT_INTERP of one byte: ENOEXEC", run(P("prog")), 100 + ENOEXEC);
	ph->p_filesz = 8192;
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("PT_INTERP longer than PATH_MAX: ENOEXEC", run(P("prog")), 100 + ENOEXEC);
	ph->p_filesz = 20;
	ph->p_offset = 100000;
	elf_write(&e, P("prog"), 0755);
	CHECK_EQ("PT_INTERP past the end of the file: EIO", run(P("prog")), 100 + EIO);

	/* bad headers: ENOEXEC, caller unharmed */
	elf_init(&e, ET_EXEC, 42);
	e.len = 60;
	elf_write(&e, P("trunc"), 0755);
	CHECK_EQ("truncated in the program headers: ENOEXEC", run(P("trunc")), 100 + ENOEXEC);
	e.len = 30;
	elf_write(&e, P("trunc"), 0755);
	CHECK_EQ("truncated in the ELF header: ENOEXEC", run(P("trunc")), 100 + ENOEXEC);
	elf_init(&e, ET_EXEC, 42);
	e.eh->e_machine = EM_ARM;
	elf_write(&e, P("arm"), 0755);
	CHECK_EQ("another machine: ENOEXEC", run(P("arm")), 100 + ENOEXEC);
	elf_init(&e, ET_EXEC, 42);
	e.eh->e_phnum = 0;
	elf_write(&e, P("nophdr"), 0755);
	CHECK_EQ("no program headers: ENOEXEC", run(P("nophdr")), 100 + ENOEXEC);
	elf_init(&e, ET_REL, 42);
	elf_write(&e, P("rel"), 0755);
	CHECK_EQ("ET_REL: ENOEXEC", run(P("rel")), 100 + ENOEXEC);

	/* bad segments: past the point of no return, SIGSEGV */
	elf_init(&e, ET_EXEC, 42);
	e.ph[0].p_memsz = 0xfffff000u;	/* past 4 GiB: too big for any i386 */
	elf_write(&e, P("huge"), 0755);
	CHECK_EQ("huge p_memsz: killed by SIGSEGV", run(P("huge")), 1000 + SIGSEGV);
	elf_init(&e, ET_EXEC, 42);
	e.ph[0].p_vaddr = 0xfffff000u;
	e.eh->e_entry = 0xfffff000u + CODE;
	elf_write(&e, P("high"), 0755);
	CHECK_EQ("a segment past the top of user space: SIGSEGV", run(P("high")), 1000 + SIGSEGV);
	elf_init(&e, ET_EXEC, 42);
	e.ph[0].p_filesz = 8192;
	e.ph[0].p_memsz = 4096;
	elf_write(&e, P("filesz"), 0755);
	CHECK_EQ("p_filesz above p_memsz: SIGSEGV", run(P("filesz")), 1000 + SIGSEGV);
	elf_init(&e, ET_EXEC, 42);
	e.ph[0].p_type = PT_NOTE;
	elf_write(&e, P("noload"), 0755);
	CHECK_EQ("no PT_LOAD at all: SIGSEGV", run(P("noload")), 1000 + SIGSEGV);
	elf_init(&e, ET_EXEC, 42);
	e.ph[0].p_offset = 0x10;	/* not congruent with p_vaddr modulo the page */
	elf_write(&e, P("misalign"), 0755);
	CHECK_EQ("p_offset and p_vaddr differently page-aligned: SIGSEGV", run(P("misalign")),
		 1000 + SIGSEGV);

	/* overlapping segments: the later one wins, as with MAP_FIXED */
	elf_init(&e, ET_EXEC, 1);
	e.len = 8192;
	e.eh->e_phnum = 2;
	e.ph[1] = e.ph[0];
	e.ph[1].p_offset = 4096;
	put_exit(e.b + 4096 + CODE, 48);
	elf_write(&e, P("overlap"), 0755);
	CHECK_EQ("two segments at one address: the second's code runs", run(P("overlap")), 48);

	/* a segment whose file part is cut short: the missing page is SIGBUS */
	elf_init(&e, ET_EXEC, 42);
	e.ph[0].p_filesz = e.ph[0].p_memsz = 8192;
	e.eh->e_entry = BASE + 4096 + CODE;
	elf_write(&e, P("cut"), 0755);
	CHECK_EQ("entry in a page the file does not have: SIGBUS", run(P("cut")), 1000 + SIGBUS);

	CHECK_EQ("the caller is still itself", canary, 0x1234);
	unlink(P("exec")); unlink(P("dyn")); unlink(P("ld")); unlink(P("prog")); unlink(P("pie"));
	unlink(P("text")); unlink(P("short")); unlink(P("ld64")); unlink(P("ldph"));
	unlink(P("ldnox")); unlink(P("ldld")); unlink(P("self")); unlink(P("ldrel"));
	unlink(P("trunc")); unlink(P("arm")); unlink(P("nophdr")); unlink(P("rel"));
	unlink(P("huge")); unlink(P("high")); unlink(P("filesz")); unlink(P("noload"));
	unlink(P("misalign")); unlink(P("overlap")); unlink(P("cut"));
	return utest_done();
}

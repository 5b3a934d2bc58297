/*
 * tests/user/dyn_dlopen.c - a dynamically linked PIE (no -static): the
 * kernel maps /lib/ld-linux.so.2 at a random base and starts it, the loader
 * maps libc, then this program dlopen()s tests/user/lib/libdyntest.c and
 * calls it. Checks the auxiliary vector, /proc/self/maps naming the loader
 * and the libraries with their segments' protections, RELRO made read-only,
 * and the base addresses moving between runs unless randomization is off
 * (personality ADDR_NO_RANDOMIZE, as setarch -R).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include "utest.h"

extern char _start[];

static int twice(int x)
{
	return 2 * x;
}

/* the maps line holding addr, into line; 0 if none */
static int maps_line(unsigned long addr, char *line, size_t size)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	int found = 0;

	if (!f)
		return 0;
	while (fgets(line, size, f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo <= addr && addr < hi) {
			found = 1;
			break;
		}
	fclose(f);
	return found;
}

/* the permissions field ("r-xp") of the mapping holding addr */
static const char *perms_at(unsigned long addr)
{
	static char line[512], perms[8];

	if (!maps_line(addr, line, sizeof(line)) || sscanf(line, "%*[0-9a-f]-%*[0-9a-f] %4s", perms) != 1)
		return "none";
	return perms;
}

static int maps_has(const char *name)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, name) != NULL;
	fclose(f);
	return n;
}

/* "--bases": print the loader's and the program's addresses for the parent */
static int print_bases(void)
{
	printf("%lx %lx %lx\n", getauxval(AT_BASE), (unsigned long)_start, (unsigned long)&errno);
	return 0;
}

/* run ourselves with --bases, with personality(pers) first; 0 on failure */
static int bases(unsigned long pers, char *out, size_t size)
{
	int fd[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fd))
		return 0;
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		if (pers != 0xffffffff && personality(pers) == -1)
			_exit(3);
		execl("/proc/self/exe", "dyn_dlopen", "--bases", (char *)NULL);
		_exit(4);
	}
	close(fd[1]);
	n = read(fd[0], out, size - 1);
	close(fd[0]);
	waitpid(pid, &status, 0);
	if (n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return 0;
	out[n] = '\0';
	return 1;
}

int main(int argc, char **argv)
{
	const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	unsigned long base = getauxval(AT_BASE), entry = getauxval(AT_ENTRY), bias = 0;
	unsigned long relro = 0, relro_end = 0, text = 0, data = 0;
	int phnum = getauxval(AT_PHNUM), interp = 0, i;
	char buf1[128], buf2[128], buf3[128], buf4[128], exe[4096], line[512];
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	int (*add)(int, int), (*call)(int (*)(int), int), *ready, *datap;
	double (*sq)(double);
	void *h;
	ssize_t n;

	if (argc > 1 && !strcmp(argv[1], "--bases"))
		return print_bases();

	/* the auxiliary vector the kernel built */
	CHECK("AT_BASE: the loader's base, page-aligned", base && !(base & 4095));
	CHECK_EQ("AT_PAGESZ", getauxval(AT_PAGESZ), 4096);
	CHECK_EQ("AT_PHENT", getauxval(AT_PHENT), sizeof(ElfW(Phdr)));
	CHECK_EQ("AT_ENTRY is the program's _start, not the loader's", entry, (unsigned long)_start);
	CHECK_EQ("AT_UID", getauxval(AT_UID), getuid());
	CHECK_EQ("AT_EUID", getauxval(AT_EUID), geteuid());
	CHECK_EQ("AT_GID", getauxval(AT_GID), getgid());
	CHECK_EQ("AT_EGID", getauxval(AT_EGID), getegid());
	CHECK_EQ("AT_SECURE is 0 for a plain exec", getauxval(AT_SECURE), 0);
	CHECK("AT_RANDOM points at 16 bytes", getauxval(AT_RANDOM) != 0);
	CHECK("AT_HWCAP has the FPU bit", getauxval(AT_HWCAP) & 1);
	CHECK("AT_EXECFN is the name execve was given", execfn && !strcmp(execfn, argv[0]));
	CHECK("AT_PHDR and AT_PHNUM: the program's headers", ph && phnum > 2);
	for (i = 0; ph && i < phnum; i++) {
		if (ph[i].p_type == PT_PHDR)
			bias = (unsigned long)ph - ph[i].p_vaddr;
		interp += ph[i].p_type == PT_INTERP;
	}
	CHECK_EQ("the headers hold one PT_INTERP", interp, 1);
	CHECK("a PIE: loaded at a page-aligned base above 0", bias && !(bias & 4095));
	for (i = 0; ph && i < phnum; i++) {
		if (ph[i].p_type == PT_GNU_RELRO) {
			relro = (bias + ph[i].p_vaddr) & ~4095UL;
			relro_end = (bias + ph[i].p_vaddr + ph[i].p_memsz) & ~4095UL;
		}
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X))
			text = bias + ph[i].p_vaddr;
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_W))
			data = bias + ph[i].p_vaddr + ph[i].p_memsz - 1;
	}
	CHECK("the text segment is mapped r-x", text && !strcmp(perms_at(text), "r-xp"));
	CHECK("the data segment is mapped rw-", data && !strcmp(perms_at(data), "rw-p"));
	CHECK("the loader made RELRO read-only (mprotect)", relro && relro < relro_end &&
	      !strcmp(perms_at(relro), "r--p"));

	/* the loader and libc, named in /proc/self/maps */
	CHECK("maps names ld-linux.so.2", maps_has("ld-linux.so.2") > 0);
	CHECK("maps names libc.so.6", maps_has("libc.so.6") > 0);
	CHECK("the loader's first page is at AT_BASE", maps_line(base, line, sizeof(line)) &&
	      strstr(line, "ld-linux.so.2"));
	CHECK("libc.s text (dlopen, dlsym) is r-x", !strcmp(perms_at((unsigned long)dlopen), "r-xp") ||
	      !strcmp(perms_at((unsigned long)dlsym), "r-xp"));
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	CHECK("maps names the program", n > 0 && (exe[n] = '\0', maps_has(exe) > 0));

	/* dlopen: found through the rpath on the host, in /lib in the image */
	CHECK("dlopen of a missing library fails", !dlopen("libdyntest-nosuch.so", RTLD_NOW) &&
	      strstr(dlerror(), "No such file"));
	h = dlopen("libdyntest.so", RTLD_NOW);
	CHECK("dlopen(libdyntest.so)", h != NULL);
	if (!h) {
		printf("dlerror: %s\n", dlerror());
		return utest_done();
	}
	add = (int (*)(int, int))dlsym(h, "dyntest_add");
	call = (int (*)(int (*)(int), int))dlsym(h, "dyntest_call");
	sq = (double (*)(double))dlsym(h, "dyntest_sqrt");
	ready = dlsym(h, "dyntest_ready");
	datap = dlsym(h, "dyntest_data");
	CHECK("dlsym finds the functions and data", add && call && sq && ready && datap);
	if (add && call && sq && ready && datap) {
		CHECK_EQ("its constructor ran", *ready, 1234);
		CHECK_EQ("its initialised data", *datap, 41);
		CHECK_EQ("a call into it", add(2, 3), 5);
		*datap = 51;
		CHECK_EQ("its data is writable (private copy)", add(2, 3), 15);
		CHECK_EQ("a call back into the program, bss zero", call(twice, 21), 42);
		CHECK("its libm call", sq(2.25) == 1.5);
		CHECK("maps names libdyntest.so", maps_has("libdyntest.so") > 0);
		CHECK("maps names libm.so.6 (its dependency)", maps_has("libm.so.6") > 0);
		CHECK("its code is r-x", !strcmp(perms_at((unsigned long)add), "r-xp"));
	}
	CHECK_EQ("dlclose", dlclose(h), 0);
	CHECK("dlclose unmapped it", maps_has("libdyntest.so") == 0);

	/* address-space randomization, and personality(ADDR_NO_RANDOMIZE) turning it off */
	{
		FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "r");
		int rnd = -1;

		if (f) {
			if (fscanf(f, "%d", &rnd) != 1)
				rnd = -1;
			fclose(f);
		}
		CHECK("kernel.randomize_va_space is readable", rnd >= 0);
		CHECK("two runs", bases(0xffffffff, buf1, sizeof(buf1)) &&
		      bases(0xffffffff, buf2, sizeof(buf2)));
		if (rnd > 0)
			CHECK("two runs put the loader or the program at other addresses",
			      strcmp(buf1, buf2) != 0);
		else	/* booted with norandmaps, or the sysctl set to 0 */
			CHECK("randomize_va_space 0: two runs are laid out the same",
			      !strcmp(buf1, buf2));
		CHECK("two runs with ADDR_NO_RANDOMIZE",
		      bases(PER_LINUX | ADDR_NO_RANDOMIZE, buf3, sizeof(buf3)) &&
		      bases(PER_LINUX | ADDR_NO_RANDOMIZE, buf4, sizeof(buf4)));
		CHECK("with ADDR_NO_RANDOMIZE both runs are laid out the same", !strcmp(buf3, buf4));
		CHECK_EQ("personality(0xffffffff) reads it back", personality(0xffffffff),
			 PER_LINUX);
	}
	return utest_done();
}

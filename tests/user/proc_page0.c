/*
 * proc_page0.c - page 0 stays unmapped (vm.mmap_min_addr: 4096 on the host and
 * in this kernel, 65536 in Debian's own kernels; read from /proc/sys if there):
 * below it mmap with MAP_FIXED, shmat and an ELF segment are EPERM for a user
 * without CAP_SYS_RAWIO (uid 65534 here; root may, as on Linux), a hint there is
 * ignored, and stack growth never reaches it, so read(fd, NULL, n) is EFAULT
 * even with RLIMIT_STACK unlimited and a MAP_GROWSDOWN region just above.
 */
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include "utest.h"

#define PAGE 4096

static void *volatile null_ptr;		/* NULL, hidden from the compiler's checks */
static char *volatile low_ptr = (char *)0x800;

/* a static ELF with one PT_LOAD at vaddr: exit(42) */
static int write_elf(const char *path, unsigned long vaddr)
{
	static const unsigned char code[] = {
		0xb8, 0x01, 0x00, 0x00, 0x00,	/* mov $1, %eax (exit) */
		0xbb, 0x2a, 0x00, 0x00, 0x00,	/* mov $42, %ebx */
		0xcd, 0x80,			/* int $0x80 */
	};
	unsigned char img[sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr) + sizeof(code)] = { 0 };
	Elf32_Ehdr *eh = (Elf32_Ehdr *)img;
	Elf32_Phdr *ph = (Elf32_Phdr *)(img + sizeof(*eh));
	int fd, ok;

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_386;
	eh->e_version = EV_CURRENT;
	eh->e_entry = vaddr + sizeof(*eh) + sizeof(*ph);
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 1;
	ph->p_type = PT_LOAD;
	ph->p_vaddr = ph->p_paddr = vaddr;
	ph->p_filesz = ph->p_memsz = sizeof(img);
	ph->p_flags = PF_R | PF_X;
	ph->p_align = PAGE;
	memcpy(img + sizeof(*eh) + sizeof(*ph), code, sizeof(code));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	ok = write(fd, img, sizeof(img)) == (ssize_t)sizeof(img);
	close(fd);
	return ok ? 0 : -1;
}

/* run path in a child (as uid if uid >= 0); its wait status */
static int run(const char *path, int uid)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { (char *)path, NULL };

		if (uid >= 0 && setuid(uid))
			_exit(98);
		execv(path, argv);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	return status;
}

/* /proc/sys/vm/mmap_min_addr, or 4096 where there is no such file */
static unsigned long mmap_min_addr(void)
{
	unsigned long v = PAGE;
	FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");

	if (f) {
		if (fscanf(f, "%lu", &v) != 1 || v < PAGE)
			v = PAGE;
		fclose(f);
	}
	return v;
}

static void as_nobody(const char *low_elf, const char *ok_elf, int shmid)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	unsigned long min_addr = mmap_min_addr();
	char *p;
	int fd;

	if (setuid(65534)) {
		CHECK("setuid(65534)", 0);
		return;
	}
	CHECK_ERR("uid 65534: mmap(0, MAP_FIXED) is EPERM",
		  mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		       -1, 0), EPERM);
	CHECK_ERR("uid 65534: mmap(0, 3 pages, MAP_FIXED) is EPERM",
		  mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		  EPERM);
	CHECK_ERR("uid 65534: a MAP_SHARED|MAP_FIXED mapping at 0 is EPERM",
		  mmap(NULL, PAGE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EPERM);
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("uid 65534: mmap with no hint lands above page 0", p != MAP_FAILED && p >= (char *)PAGE);
	p = mmap((void *)0, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
	CHECK("uid 65534: a MAP_GROWSDOWN mmap with no hint lands above page 0",
	      p != MAP_FAILED && p >= (char *)PAGE);
	if (shmid >= 0) {
		CHECK_ERR("uid 65534: shmat at 0x100 with SHM_RND (rounded to 0) is EPERM",
			  (long)shmat(shmid, (void *)0x100, SHM_RND), EPERM);
		p = shmat(shmid, NULL, 0);
		CHECK("uid 65534: shmat(NULL) lands above page 0", p != (void *)-1 && p >= (char *)PAGE);
	}

	/* a stack region right above page 0, allowed to grow without limit */
	setrlimit(RLIMIT_STACK, &unlimited);
	p = mmap((void *)min_addr, 2 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1, 0);
	CHECK("uid 65534: a MAP_GROWSDOWN region at mmap_min_addr is allowed",
	      p == (char *)min_addr);
	fd = open("/proc/self/exe", O_RDONLY);
	if (fd < 0)
		fd = open(low_elf, O_RDONLY);
	CHECK_ERR("read(fd, NULL, 16) is EFAULT with RLIMIT_STACK unlimited and a stack above page 0",
		  read(fd, null_ptr, 16), EFAULT);
	CHECK_ERR("read(fd, (void *)0x800, 16) is EFAULT: the stack does not grow into page 0",
		  read(fd, low_ptr, 16), EFAULT);
	close(fd);

	int st = run(low_elf, -1);
	CHECK("uid 65534: exec of an ELF with a segment at 0 dies of SIGSEGV (past the point of no return)",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = run(ok_elf, -1);
	CHECK("uid 65534: the same ELF at 0x10000 runs (exit 42)", WIFEXITED(st) && WEXITSTATUS(st) == 42);
}

int main(void)
{
	char low_elf[64], ok_elf[64];
	int status, shmid;
	pid_t pid;
	void *p;

	alarm(30);
	snprintf(low_elf, sizeof(low_elf), "/tmp/proc_page0_low_%d", (int)getpid());
	snprintf(ok_elf, sizeof(ok_elf), "/tmp/proc_page0_ok_%d", (int)getpid());
	CHECK_EQ("write an ELF with a segment at 0", write_elf(low_elf, 0), 0);
	CHECK_EQ("write an ELF with a segment at 0x10000", write_elf(ok_elf, 0x10000), 0);
	shmid = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0666);

	pid = fork();
	if (pid == 0) {
		as_nobody(low_elf, ok_elf, shmid);
		fflush(stdout);
		_exit(utest_failed ? 1 : 0);	/* the parent prints the closing line */
	}
	waitpid(pid, &status, 0);
	CHECK("the uid 65534 checks all passed", WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* root has CAP_SYS_RAWIO: Linux lets it map page 0 */
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK("root (CAP_SYS_RAWIO) may mmap(0, MAP_FIXED)", p == NULL);
	if (p == NULL) {
		CHECK_EQ("and read(fd, NULL) then reads into it", read(open(ok_elf, O_RDONLY), null_ptr, 4), 4);
		munmap(NULL, PAGE);
	}
	status = run(low_elf, -1);
	CHECK("root may exec an ELF with a segment at 0 (exit 42)",
	      WIFEXITED(status) && WEXITSTATUS(status) == 42);
	if (shmid >= 0)
		shmctl(shmid, IPC_RMID, NULL);
	unlink(low_elf);
	unlink(ok_elf);
	return utest_done();
}

/*
 * trap_garbage.c - a corrupted program ends in a signal, never a kernel
 * panic: minimal ELF executables whose entry point runs into garbage are
 * exec'd in children (as uid 65534, no processes, an alarm, since garbage
 * might do anything a program may). Entry on an invalid opcode is SIGILL, an
 * entry point outside every segment SIGSEGV, and 64 pages of random bytes
 * each end in a signal (or an exit) while this program carries on.
 */
#include <signal.h>
#include <sys/wait.h>
#include "utest.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/resource.h>

#define BASE 0x08048000u
#define CODE_OFF 128

static char path[64];

static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put16(unsigned char *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

/* one PT_LOAD of one page, read+execute, entry at entry */
static int write_elf(const unsigned char *code, size_t len, uint32_t entry)
{
	unsigned char img[4096];
	int fd, ok;

	memset(img, 0, sizeof(img));
	memcpy(img, "\177ELF\1\1\1", 7);
	put16(img + 16, 2);		/* ET_EXEC */
	put16(img + 18, 3);		/* EM_386 */
	put32(img + 20, 1);
	put32(img + 24, entry);
	put32(img + 28, 52);		/* e_phoff */
	put16(img + 40, 52);		/* e_ehsize */
	put16(img + 42, 32);		/* e_phentsize */
	put16(img + 44, 1);		/* e_phnum */
	put32(img + 52, 1);		/* PT_LOAD */
	put32(img + 56, 0);
	put32(img + 60, BASE);
	put32(img + 64, BASE);
	put32(img + 68, sizeof(img));
	put32(img + 72, sizeof(img));
	put32(img + 76, 5);		/* PF_R | PF_X */
	put32(img + 80, 4096);
	memcpy(img + CODE_OFF, code, len);
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	ok = write(fd, img, sizeof(img)) == (ssize_t)sizeof(img);
	close(fd);
	return ok ? 0 : -1;
}

/* exec it unprivileged; the wait status */
static int run_elf(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit no = { 0, 0 };
		char *argv[] = { "garbage", NULL }, *envp[] = { NULL };

		if (setgid(65534) || setuid(65534))
			_exit(126);
		setrlimit(RLIMIT_NPROC, &no);
		alarm(5);
		execve(path, argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int is_trap_signal(int status)
{
	if (!WIFSIGNALED(status))
		return 0;
	switch (WTERMSIG(status)) {
	case SIGSEGV: case SIGILL: case SIGBUS: case SIGFPE: case SIGTRAP: case SIGALRM:
		return 1;
	}
	return 0;
}

int main(void)
{
	unsigned char code[4096 - CODE_OFF];
	uint32_t seed = 12345;
	int status, signalled = 0, exited = 0, other = 0;

	snprintf(path, sizeof(path), "/tmp/trap_garbage.%d", (int)getpid());
	memset(code, 0, sizeof(code));
	code[0] = 0x0f;
	code[1] = 0x0b;			/* ud2 */
	CHECK_OK("write an ELF whose entry is ud2", write_elf(code, 2, BASE + CODE_OFF));
	status = run_elf();
	CHECK("entry on ud2: killed by SIGILL", WIFSIGNALED(status) && WTERMSIG(status) == SIGILL);

	memset(code, 0xff, sizeof(code));	/* ff ff: an undefined ff /7 */
	CHECK_OK("write an ELF full of 0xff", write_elf(code, sizeof(code), BASE + CODE_OFF));
	status = run_elf();
	CHECK("entry on 0xff bytes: killed by SIGILL", WIFSIGNALED(status) && WTERMSIG(status) == SIGILL);

	CHECK_OK("write an ELF whose entry is outside its segment",
		 write_elf(code, 0, 0x40000000));
	status = run_elf();
	CHECK("entry outside every segment: killed by SIGSEGV",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);

	for (int round = 0; round < 64; round++) {
		for (size_t i = 0; i < sizeof(code); i++) {
			unsigned char b;

			do {
				seed = seed * 1103515245u + 12345u;
				b = seed >> 16;
			} while (b == 0xcd || b == 0x0f);	/* no int $n, no sysenter */
			code[i] = b;
		}
		if (write_elf(code, sizeof(code), BASE + CODE_OFF))
			break;
		status = run_elf();
		if (is_trap_signal(status))
			signalled++;
		else if (WIFEXITED(status) && WEXITSTATUS(status) < 126)
			exited++;
		else
			other++;
	}
	printf("  64 garbage pages: %d signalled, %d exited, %d other\n", signalled, exited, other);
	CHECK_EQ("64 garbage pages all end in a signal or an exit", signalled + exited, 64);
	CHECK("most of them by a signal", signalled >= 60);
	unlink(path);
	return utest_done();
}

/*
 * tests/user/mmap_noexec.c - PROT_EXEC and a noexec mount: a tmpfs mounted
 * with MS_NOEXEC refuses execve of its files (EACCES, scripts too), mmap
 * of them with PROT_EXEC (EPERM) and mprotect to PROT_EXEC later (EACCES);
 * the dynamic loader, run by hand on such a program, cannot map it either.
 * The same files on an ordinary tmpfs map executable.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "utest.h"

static int copy_file(const char *from, const char *to)
{
	char buf[4096];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n = 0;

	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			n = -1;
			break;
		}
	close(in);
	close(out);
	return n < 0 ? -1 : 0;
}

/* fork, execv; the exit status, 100 + errno if execv returned */
static int run(char *const argv[])
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(100 + errno);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
}

static int mounts_say_noexec(const char *dir)
{
	char line[512], want[300];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	if (!f)
		return 0;
	snprintf(want, sizeof(want), " %s tmpfs ", dir);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, want) && strstr(line, "noexec"))
			found = 1;
	fclose(f);
	return found;
}

int main(int argc, char **argv)
{
	char nx[40], ex[40];
	char prog[64], script[64], eprog[64], dyn[64], edyn[64], self[4096], *slash;
	ssize_t n;
	void *p;
	int fd;

	if (argc > 1 && !strcmp(argv[1], "--exit7"))
		return 7;
	snprintf(nx, sizeof(nx), "/tmp/mmap_noexec.%d", (int)getpid());
	snprintf(ex, sizeof(ex), "/tmp/mmap_exec.%d", (int)getpid());
	CHECK("two directories", mkdir(nx, 0700) == 0 && mkdir(ex, 0700) == 0);
	CHECK_OK("mount a tmpfs with MS_NOEXEC", mount("none", nx, "tmpfs", MS_NOEXEC, NULL));
	CHECK_OK("and one without", mount("none", ex, "tmpfs", 0, NULL));
	CHECK("/proc/mounts says noexec", mounts_say_noexec(nx));
	snprintf(prog, sizeof(prog), "%s/prog", nx);
	snprintf(script, sizeof(script), "%s/script", nx);
	snprintf(eprog, sizeof(eprog), "%s/prog", ex);
	CHECK_OK("copy this program onto both", copy_file("/proc/self/exe", prog) |
		 copy_file("/proc/self/exe", eprog));
	/* and the dynamic test program that sits next to this one */
	n = readlink("/proc/self/exe", self, sizeof(self) - 20);
	self[n > 0 ? n : 0] = '\0';
	slash = strrchr(self, '/');
	strcpy(slash ? slash + 1 : self, "dyn_dlopen");
	snprintf(dyn, sizeof(dyn), "%s/dyn", nx);
	snprintf(edyn, sizeof(edyn), "%s/dyn", ex);
	CHECK_OK("copy dyn_dlopen onto both", copy_file(self, dyn) | copy_file(self, edyn));
	fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	CHECK("a script there", fd >= 0 && write(fd, "#!/bin/sh\nexit 3\n", 17) == 17);
	close(fd);

	CHECK_EQ("execve on the noexec mount: EACCES", run((char *[]){ prog, "--exit7", NULL }),
		 100 + EACCES);
	CHECK_EQ("a script there too: EACCES", run((char *[]){ script, NULL }), 100 + EACCES);
	CHECK_EQ("the same program elsewhere runs", run((char *[]){ eprog, "--exit7", NULL }), 7);
	/* the loader run as a program maps its argument with PROT_EXEC itself */
	if (access("/lib/ld-linux.so.2", X_OK) == 0) {	/* always in the image; a host may lack it */
		CHECK_EQ("the dynamic loader run by hand runs a dynamic program",
			 run((char *[]){ "/lib/ld-linux.so.2", edyn, "--bases", NULL }), 0);
		CHECK_EQ("but not one on the noexec mount (its mmap PROT_EXEC fails)",
			 run((char *[]){ "/lib/ld-linux.so.2", dyn, "--bases", NULL }), 127);
	} else {
		printf("note: no /lib/ld-linux.so.2 here (libc6-i386): the loader checks left out\n");
	}

	fd = open(prog, O_RDONLY);
	CHECK("open it", fd >= 0);
	CHECK("mmap PROT_READ|PROT_EXEC: EPERM",
	      mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0) == MAP_FAILED &&
	      errno == EPERM);
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK("mmap PROT_READ works", p != MAP_FAILED);
	CHECK_ERR("mprotect it to PROT_EXEC: EACCES", mprotect(p, 4096, PROT_READ | PROT_EXEC),
		  EACCES);
	CHECK_OK("mprotect to PROT_READ|PROT_WRITE (private) is fine",
		 mprotect(p, 4096, PROT_READ | PROT_WRITE));
	munmap(p, 4096);
	close(fd);
	fd = open(eprog, O_RDONLY);
	p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	CHECK("PROT_EXEC of the copy on the ordinary mount works", p != MAP_FAILED);
	CHECK_OK("and mprotect back and forth", mprotect(p, 4096, PROT_READ) |
		 mprotect(p, 4096, PROT_READ | PROT_EXEC));
	CHECK("the mapping reads as the ELF file", p != MAP_FAILED && !memcmp(p, "\177ELF", 4));
	munmap(p, 4096);
	close(fd);
	/* anonymous memory is not affected */
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("anonymous PROT_EXEC memory works", p != MAP_FAILED);
	munmap(p, 4096);

	unlink(prog);
	unlink(dyn);
	unlink(edyn);
	unlink(script);
	unlink(eprog);
	CHECK_OK("umount the noexec tmpfs", umount(nx));
	CHECK_OK("umount the other", umount(ex));
	rmdir(nx);
	rmdir(ex);
	return utest_done();
}

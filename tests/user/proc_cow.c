/*
 * proc_cow.c - copy-on-write after fork: stack, static data, bss, small malloc,
 * a 1 MiB malloc'ed buffer and MAP_PRIVATE pages are private to each side in both
 * directions, while a MAP_SHARED|MAP_ANONYMOUS mapping stays shared across fork.
 */
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "utest.h"

#define BIG (1024 * 1024)
#define PAGE 4096

static int data_var = 1000;	/* .data */
static int bss_var;		/* .bss */

/* Every page of buf holds byte v (checked at the first and last byte of each page). */
static int pages_hold(const unsigned char *buf, size_t len, unsigned char v)
{
	size_t i;

	for (i = 0; i < len; i += PAGE)
		if (buf[i] != v || buf[i + PAGE - 1] != v)
			return 0;
	return 1;
}

static void fill_pages(unsigned char *buf, size_t len, unsigned char v)
{
	size_t i;

	for (i = 0; i < len; i += PAGE) {
		buf[i] = v;
		buf[i + PAGE - 1] = v;
	}
}

static int status_code(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

int main(void)
{
	volatile int stack_var = 7;
	int *heap_var = malloc(sizeof(int));
	unsigned char *big = malloc(BIG);
	unsigned char *priv, *shared;
	int go[2], code, bad, i;
	char c;
	pid_t pid;

	alarm(20);
	*heap_var = 55;
	memset(big, 0x11, BIG);
	priv = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK("mmap of 16 private and 4 shared anonymous pages works",
	      priv != MAP_FAILED && shared != MAP_FAILED);
	if (priv == MAP_FAILED || shared == MAP_FAILED || !big)
		return utest_done();
	fill_pages(priv, 16 * PAGE, 0x21);
	memset(shared, 0, 4 * PAGE);

	/*
	 * The child writes everything first; the parent checks its own copies after
	 * the child has exited. Then the parent writes and tells a second child,
	 * forked before the parent's writes, to check that it still sees the old values.
	 */
	pid = fork();
	if (pid == 0) {
		stack_var = 8;
		data_var = 2000;
		bss_var = 3;
		*heap_var = 66;
		fill_pages(big, BIG, 0xCC);
		fill_pages(priv, 16 * PAGE, 0xDD);
		shared[0] = 'c';
		shared[3 * PAGE] = 'C';
		bad = 0;
		if (stack_var != 8 || data_var != 2000 || bss_var != 3 || *heap_var != 66)
			bad |= 1;
		if (!pages_hold(big, BIG, 0xCC) || !pages_hold(priv, 16 * PAGE, 0xDD))
			bad |= 2;
		_exit(bad);
	}
	code = status_code(pid);
	CHECK_EQ("the child reads back its own writes to every area", code & 1, 0);
	CHECK_EQ("the child reads back its own writes to every page of the buffers", code, 0);
	CHECK_EQ("child's write to a stack variable is not seen by the parent", stack_var, 7);
	CHECK_EQ("child's write to initialised static data is not seen by the parent", data_var, 1000);
	CHECK_EQ("child's write to a bss variable is not seen by the parent", bss_var, 0);
	CHECK_EQ("child's write to a small malloc block is not seen by the parent", *heap_var, 55);
	CHECK("child's writes to all 256 pages of a 1 MiB malloc buffer are not seen by the parent",
	      pages_hold(big, BIG, 0x11));
	CHECK("child's writes to a MAP_PRIVATE mapping are not seen by the parent",
	      pages_hold(priv, 16 * PAGE, 0x21));
	CHECK("child's writes to a MAP_SHARED|MAP_ANONYMOUS mapping ARE seen by the parent",
	      shared[0] == 'c' && shared[3 * PAGE] == 'C');

	/* Now the other direction. */
	pipe(go);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)	/* the parent has written everything */
			_exit(64);
		bad = 0;
		if (stack_var != 7 || data_var != 1000 || bss_var != 0 || *heap_var != 55)
			bad |= 1;
		if (!pages_hold(big, BIG, 0x11))
			bad |= 2;
		if (!pages_hold(priv, 16 * PAGE, 0x21))
			bad |= 4;
		if (shared[1] != 'p' || shared[2 * PAGE + 5] != 'P')
			bad |= 8;
		/* Writing our own copy now still works and stays ours. */
		fill_pages(big, BIG, 0x99);
		stack_var = 9;
		if (!pages_hold(big, BIG, 0x99) || stack_var != 9)
			bad |= 16;
		shared[2] = 'k';
		_exit(bad);
	}
	close(go[0]);
	stack_var = 70;
	data_var = 10000;
	bss_var = 30;
	*heap_var = 550;
	fill_pages(big, BIG, 0xEE);
	fill_pages(priv, 16 * PAGE, 0xFF);
	shared[1] = 'p';
	shared[2 * PAGE + 5] = 'P';
	write(go[1], "g", 1);
	close(go[1]);
	code = status_code(pid);
	CHECK_EQ("parent's writes to stack, data, bss and heap are not seen by the child",
		 code & 1, 0);
	CHECK_EQ("parent's writes to the 1 MiB buffer are not seen by the child", code & 2, 0);
	CHECK_EQ("parent's writes to a MAP_PRIVATE mapping are not seen by the child", code & 4, 0);
	CHECK_EQ("parent's writes to the MAP_SHARED mapping ARE seen by the child", code & 8, 0);
	CHECK_EQ("the child's later writes to its copy read back (exit 0)", code, 0);
	CHECK("the parent keeps its own 1 MiB buffer contents", pages_hold(big, BIG, 0xEE));
	CHECK("the parent keeps its own MAP_PRIVATE contents", pages_hold(priv, 16 * PAGE, 0xFF));
	CHECK_EQ("the parent keeps its own stack variable", stack_var, 70);
	CHECK_EQ("the child's late write to the shared mapping is seen", shared[2], 'k');

	/* A grandchild's writes reach neither its parent nor ours; shared stays shared. */
	pid = fork();
	if (pid == 0) {
		pid_t g = fork();

		if (g == 0) {
			data_var = 3;
			big[BIG / 2] = 1;
			shared[4]++;
			_exit(0);
		}
		if (status_code(g) != 0)
			_exit(1);
		_exit(data_var == 10000 && big[BIG / 2] == 0xEE ? 0 : 2);
	}
	CHECK_EQ("a grandchild's private writes are seen by neither its parent nor ours",
		 status_code(pid), 0);
	CHECK_EQ("the grandchild's increment of the shared mapping reaches us", shared[4], 1);

	/* Three children each add 1 to a counter in the shared page. */
	for (i = 0; i < 3; i++) {
		pid = fork();
		if (pid == 0) {
			shared[PAGE + 100] += 1;
			_exit(0);
		}
		status_code(pid);	/* one at a time: no races */
	}
	CHECK_EQ("three children in turn increment one shared counter to 3",
		 shared[PAGE + 100], 3);
	CHECK_EQ("after the children exit the parent's private data is intact", data_var, 10000);

	munmap(priv, 16 * PAGE);
	munmap(shared, 4 * PAGE);
	free(big);
	free(heap_var);
	return utest_done();
}

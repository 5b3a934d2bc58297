/*
 * tests/kernel/test_pipe.c - the inside of fs/pipe.c that no system call
 * shows: the buffer ring (curbuf, nrbufs, wrap-around), the merge of a small
 * write into the last page, one page per larger write, slots freed only when
 * emptied, and every page back after the last close.
 */
#include <kernel/ktest.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/pipe_fs_i.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <uapi/fcntl.h>

static char buf[PIPE_BUFFERS * PAGE_SIZE + 100];

static struct pipe_inode_info *pipe_of(int fd)
{
	struct file *f = fget(fd);
	struct pipe_inode_info *pipe = f ? file_inode(f)->i_pipe : NULL;

	if (f)
		fput(f);
	return pipe;
}

KTEST(pipe, small_writes_merge_into_one_page)
{
	int fd[2];
	struct pipe_inode_info *pipe;

	ASSERT_EQ(do_pipe(fd, 0), 0);
	pipe = pipe_of(fd[0]);
	ASSERT_NOT_NULL(pipe);
	EXPECT_EQ(sys_write(fd[1], buf, 100), 100);
	EXPECT_EQ(sys_write(fd[1], buf, 100), 100);
	EXPECT_EQ(pipe->nrbufs, 1);
	EXPECT_EQ(pipe->bufs[pipe->curbuf].len, 200);
	/* a write of n bytes appends n % 4096 to the last page first: here all 3896 */
	EXPECT_EQ(sys_write(fd[1], buf, 3896), 3896);
	EXPECT_EQ(pipe->nrbufs, 1);
	EXPECT_EQ(pipe->bufs[pipe->curbuf].len, 4096);
	/* the page is full: the next byte needs a new one */
	EXPECT_EQ(sys_write(fd[1], buf, 1), 1);
	EXPECT_EQ(pipe->nrbufs, 2);
	EXPECT_EQ(pipe_bytes(pipe), 4097);
	sys_close(fd[0]);
	sys_close(fd[1]);
}

KTEST(pipe, page_sized_write_takes_its_own_slot)
{
	int fd[2];
	struct pipe_inode_info *pipe;

	ASSERT_EQ(do_pipe(fd, 0), 0);
	pipe = pipe_of(fd[0]);
	EXPECT_EQ(sys_write(fd[1], buf, 10), 10);
	/* 4096 % 4096 == 0: nothing to merge, a fresh page */
	EXPECT_EQ(sys_write(fd[1], buf, PAGE_SIZE), PAGE_SIZE);
	EXPECT_EQ(pipe->nrbufs, 2);
	EXPECT_EQ(pipe->bufs[pipe->curbuf].len, 10);
	/* 5000 % 4096 = 904 cannot merge into the full last page: two new slots */
	EXPECT_EQ(sys_write(fd[1], buf, 5000), 5000);
	EXPECT_EQ(pipe->nrbufs, 4);
	sys_close(fd[0]);
	sys_close(fd[1]);
}

KTEST(pipe, ring_wraps_and_slots_free_when_empty)
{
	int fd[2];
	struct pipe_inode_info *pipe;
	unsigned long before = nr_free_pages();

	ASSERT_EQ(do_pipe(fd, O_NONBLOCK), 0);
	pipe = pipe_of(fd[0]);
	/* fill all 16 slots */
	EXPECT_EQ(sys_write(fd[1], buf, PIPE_BUFFERS * PAGE_SIZE), PIPE_BUFFERS * PAGE_SIZE);
	EXPECT_EQ(pipe->nrbufs, PIPE_BUFFERS);
	EXPECT_EQ(sys_write(fd[1], buf, 1), -EAGAIN);
	/* a partial read frees no slot; a whole page does */
	EXPECT_EQ(sys_read(fd[0], buf, 100), 100);
	EXPECT_EQ(pipe->nrbufs, PIPE_BUFFERS);
	EXPECT_EQ(pipe->curbuf, 0);
	EXPECT_EQ(sys_write(fd[1], buf, 1), -EAGAIN);
	EXPECT_EQ(sys_read(fd[0], buf, PAGE_SIZE - 100), PAGE_SIZE - 100);
	EXPECT_EQ(pipe->nrbufs, PIPE_BUFFERS - 1);
	EXPECT_EQ(pipe->curbuf, 1);
	/* the freed slot is the ring's last one now: (curbuf + nrbufs) & 15 == 0 */
	EXPECT_EQ(sys_write(fd[1], buf, 7), 7);
	EXPECT_EQ(pipe->nrbufs, PIPE_BUFFERS);
	EXPECT_EQ(pipe->bufs[0].len, 7);
	/* drain everything: curbuf goes round to slot 1 again */
	EXPECT_EQ(sys_read(fd[0], buf, sizeof(buf)), (PIPE_BUFFERS - 1) * PAGE_SIZE + 7);
	EXPECT_EQ(pipe->nrbufs, 0);
	EXPECT_EQ(pipe->curbuf, 1);
	sys_close(fd[0]);
	sys_close(fd[1]);
	/* one page may linger as tmp_page while open; none after the last close */
	EXPECT_EQ(nr_free_pages(), before);
}

KTEST(pipe, last_close_frees_unread_data)
{
	unsigned long before = nr_free_pages();
	int fd[2];

	ASSERT_EQ(do_pipe(fd, O_NONBLOCK), 0);
	EXPECT_EQ(sys_write(fd[1], buf, 10 * PAGE_SIZE), 10 * PAGE_SIZE);
	EXPECT_LT(nr_free_pages(), before - 9);
	sys_close(fd[1]);
	EXPECT_EQ(sys_read(fd[0], buf, 1), 1);
	sys_close(fd[0]);
	EXPECT_EQ(nr_free_pages(), before);
}

KTEST(pipe, no_readers_is_epipe_and_zero_write_is_not)
{
	int fd[2];

	ASSERT_EQ(do_pipe(fd, 0), 0);
	sys_close(fd[0]);
	EXPECT_EQ(sys_write(fd[1], buf, 0), 0);
	EXPECT_EQ(sys_write(fd[1], buf, 1), -EPIPE);
	/* the kernel thread got SIGPIPE: clear it so it does not linger */
	flush_signals(current);
	sys_close(fd[1]);
}

/*
 * include/kernel/pipe_fs_i.h - the pipe object shared by anonymous pipes and
 * FIFOs (fs/pipe.c, fs/fifo.c; Linux: include/linux/pipe_fs_i.h). Data sits
 * in a ring of PIPE_BUFFERS page-sized buffers: bufs[curbuf] is the oldest,
 * nrbufs are in use, and slot i of the ring is (curbuf + i) & (PIPE_BUFFERS-1).
 */
#ifndef _KERNEL_PIPE_FS_I_H
#define _KERNEL_PIPE_FS_I_H

#include <kernel/types.h>
#include <kernel/mutex.h>
#include <kernel/wait.h>

#define PIPE_BUFFERS	16
#define PIPE_BUF	4096	/* writes up to this size are atomic */

struct page;
struct inode;
struct file;
struct pipe_inode_info;
struct fasync_struct;

struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
	const struct pipe_buf_operations *ops;	/* NULL: the slot is empty */
	unsigned int flags;
};

struct pipe_buf_operations {
	int can_merge;		/* a small write may append to this buffer */
	void (*release)(struct pipe_inode_info *, struct pipe_buffer *);
};

struct pipe_inode_info {
	wait_queue_head_t wait;		/* readers and writers, never exclusive */
	unsigned int nrbufs, curbuf;
	struct pipe_buffer bufs[PIPE_BUFFERS];
	struct page *tmp_page;		/* one released page kept for the next write */
	unsigned int readers;		/* open files that can read */
	unsigned int writers;		/* ... and write */
	unsigned int waiting_writers;	/* writers asleep in pipe_write */
	unsigned int r_counter;		/* opens for reading ever; FIFO open waits on it */
	unsigned int w_counter;
	struct fasync_struct *fasync_readers;
	struct fasync_struct *fasync_writers;
	struct inode *inode;
	struct mutex mutex;		/* Linux uses the inode's i_mutex */
	struct list_head list;		/* every pipe, for the shell's "pipes" */
};

struct pipe_inode_info *alloc_pipe_info(struct inode *inode);
void free_pipe_info(struct inode *inode);
void pipe_wait(struct pipe_inode_info *pipe);
unsigned int pipe_bytes(const struct pipe_inode_info *pipe);
int do_pipe(int *fd, int flags);

extern const struct file_operations read_pipe_fops;
extern const struct file_operations write_pipe_fops;
extern const struct file_operations rdwr_pipe_fops;

#endif

/*
 * include/kernel/pipe_fs_i.h - the pipe object shared by anonymous pipes and
 * FIFOs (fs/pipe.c, fs/fifo.c; Linux: include/linux/pipe_fs_i.h). Data sits
 * in a ring of page-sized buffers (PIPE_BUFFERS of them until F_SETPIPE_SZ):
 * bufs[curbuf] is the oldest, nrbufs are in use, and slot i of the ring is
 * (curbuf + i) & (buffers - 1).
 */
#ifndef _KERNEL_PIPE_FS_I_H
#define _KERNEL_PIPE_FS_I_H

#include <kernel/types.h>
#include <kernel/mutex.h>
#include <kernel/wait.h>

#define PIPE_BUFFERS	16	/* a new pipe's ring (Linux 2.6.35+: PIPE_DEF_BUFFERS) */
#define PIPE_BUF	4096	/* writes up to this size are atomic */

/* pipe_buffer.flags */
#define PIPE_BUF_FLAG_LRU	0x01	/* a page cache page (file_to_pipe) */
#define PIPE_BUF_FLAG_ATOMIC	0x02	/* mapped atomically (unused: no highmem) */
#define PIPE_BUF_FLAG_GIFT	0x04	/* vmsplice SPLICE_F_GIFT: the page may be stolen */
#define PIPE_BUF_FLAG_PACKET	0x08	/* O_DIRECT pipe: one write, one read */

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

/*
 * What a buffer's owner knows about its page (2.6.17 added these for
 * splice): confirm that the data is there (0, or -errno), release the
 * buffer's reference, steal the page for the caller's own use (0 when the
 * caller now owns it alone), get one more reference for a copy (tee).
 */
struct pipe_buf_operations {
	int can_merge;		/* a small write may append to this buffer */
	int (*confirm)(struct pipe_inode_info *, struct pipe_buffer *);
	void (*release)(struct pipe_inode_info *, struct pipe_buffer *);
	int (*steal)(struct pipe_inode_info *, struct pipe_buffer *);
	void (*get)(struct pipe_inode_info *, struct pipe_buffer *);
};

struct pipe_inode_info {
	wait_queue_head_t wait;		/* readers and writers, never exclusive */
	unsigned int nrbufs, curbuf;
	unsigned int buffers;		/* slots in bufs[], a power of 2 (F_SETPIPE_SZ) */
	struct pipe_buffer *bufs;
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
	unsigned int files;		/* open files on it (2.6.35+), under pipe_lock */
	struct list_head list;		/* every pipe, for the shell's "pipes" */
};

extern unsigned int pipe_max_size;	/* fs/pipe-max-size: F_SETPIPE_SZ's cap without privilege */

struct pipe_inode_info *alloc_pipe_info(struct inode *inode);
void free_pipe_info(struct pipe_inode_info *pipe);	/* nobody else can reach it */
void put_pipe_info(struct inode *inode, struct pipe_inode_info *pipe);	/* one file less */
struct pipe_inode_info *fifo_get_pipe(struct inode *inode);	/* i_pipe, or a new one; counted */
void pipe_wait(struct pipe_inode_info *pipe);
unsigned int pipe_bytes(const struct pipe_inode_info *pipe);
int do_pipe(int *fd, int flags);
struct pipe_inode_info *get_pipe_info(struct file *file);	/* NULL unless a pipe or FIFO */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg);
void pipe_wake_readers(struct pipe_inode_info *pipe);	/* after adding data */
void pipe_wake_writers(struct pipe_inode_info *pipe);	/* after freeing slots */

/* the operations for buffers a pipe_write filled (fs/pipe.c), shared with fs/splice.c */
extern const struct pipe_buf_operations anon_pipe_buf_ops;
int generic_pipe_buf_confirm(struct pipe_inode_info *pipe, struct pipe_buffer *buf);
int generic_pipe_buf_steal(struct pipe_inode_info *pipe, struct pipe_buffer *buf);
void generic_pipe_buf_get(struct pipe_inode_info *pipe, struct pipe_buffer *buf);

extern const struct file_operations read_pipe_fops;
extern const struct file_operations write_pipe_fops;
extern const struct file_operations rdwr_pipe_fops;

#endif

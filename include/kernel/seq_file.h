/*
 * include/kernel/seq_file.h - sequential text files made of records (Linux:
 * include/linux/seq_file.h, fs/seq_file.c). A reader walks records with
 * start/next/show/stop; seq_read cuts the text into whatever chunks and at
 * whatever offset the caller asks, regenerating records as needed.
 */
#ifndef _KERNEL_SEQ_FILE_H
#define _KERNEL_SEQ_FILE_H

#include <kernel/types.h>

struct file;
struct inode;
struct seq_operations;

struct seq_file {
	char *buf;
	size_t size;		/* of buf */
	size_t from;		/* first byte of buf not yet copied out */
	size_t count;		/* bytes in buf from 'from' on */
	loff_t index;		/* record the next start() begins at */
	loff_t read_pos;	/* file offset that buf[from] stands for */
	const struct seq_operations *op;
	void *private;
};

struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_START_TOKEN ((void *)1)

int seq_open(struct file *f, const struct seq_operations *op);
ssize_t seq_read(struct file *f, char __user *buf, size_t size, loff_t *ppos);
loff_t seq_lseek(struct file *f, loff_t offset, int origin);
int seq_release(struct inode *inode, struct file *f);
int seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
int seq_puts(struct seq_file *m, const char *s);
int seq_putc(struct seq_file *m, char c);
int seq_write(struct seq_file *m, const void *data, size_t len);
void seq_pad(struct seq_file *m, char c, size_t col);	/* pad the line to column col */
/* did the last record overflow the buffer (seq_read retries with a bigger one) */
static inline int seq_overflow(struct seq_file *m) { return m->count == m->size; }

/* one record made by show(m, data) */
int single_open(struct file *f, int (*show)(struct seq_file *, void *), void *data);
int single_release(struct inode *inode, struct file *f);

#endif

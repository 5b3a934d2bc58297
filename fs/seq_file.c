/*
 * fs/seq_file.c - text files built record by record (Linux: fs/seq_file.c).
 * A buffer holds the text of a run of whole records; a read at another
 * offset than where the buffer stands walks the records again from the
 * start up to it (traverse), so any chunk size and any offset work, and a
 * record too big for the buffer makes it grow by doubling.
 */
#include <kernel/seq_file.h>
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

#define SEQ_MAX_BUF	(1UL << 22)	/* 4 MiB: one record past this is ENOMEM */

int seq_open(struct file *f, const struct seq_operations *op)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	m->op = op;
	f->private_data = m;
	return 0;
}

static int seq_grow(struct seq_file *m)
{
	size_t size = m->size ? m->size * 2 : PAGE_SIZE;

	kfree(m->buf);
	m->buf = NULL;
	m->count = m->from = 0;
	if (size > SEQ_MAX_BUF)
		return -ENOMEM;
	m->buf = kmalloc(size, GFP_KERNEL);
	if (!m->buf)
		return -ENOMEM;
	m->size = size;
	return 0;
}

/*
 * Fill the buffer with whole records from m->index on: the first one
 * (growing the buffer until it fits), then as many as fit. count 0 means
 * the end. m->index becomes the first record not in the buffer.
 */
static int seq_fill(struct seq_file *m)
{
	loff_t pos = m->index;
	void *p;
	int err;

	m->from = m->count = 0;
	if (!m->buf && (err = seq_grow(m)))
		return err;
	for (;;) {
		p = m->op->start(m, &pos);
		if (!p || IS_ERR(p)) {
			m->op->stop(m, p);
			return p ? PTR_ERR(p) : 0;
		}
		err = m->op->show(m, p);
		if (err < 0) {
			m->op->stop(m, p);
			m->count = 0;
			return err;
		}
		if (!seq_overflow(m))
			break;
		m->op->stop(m, p);
		if ((err = seq_grow(m)))
			return err;
		pos = m->index;
	}
	for (;;) {
		size_t keep = m->count;

		p = m->op->next(m, p, &pos);
		if (!p || IS_ERR(p))
			break;
		err = m->op->show(m, p);
		if (err < 0 || seq_overflow(m)) {
			m->count = keep;	/* that record comes first next time */
			break;
		}
	}
	m->op->stop(m, p);
	m->index = pos;
	return 0;
}

/* make the buffer stand at offset 'offset': records again from the first */
static int traverse(struct seq_file *m, loff_t offset)
{
	loff_t at = 0;
	int err;

	m->index = 0;
	m->read_pos = 0;
	for (;;) {
		if ((err = seq_fill(m)))
			return err;
		if (!m->count || at + (loff_t)m->count > offset)
			break;
		at += m->count;
		m->read_pos = at;
	}
	m->read_pos = offset;
	if (m->count) {
		m->from = offset - at;
		m->count -= m->from;
	}
	return 0;
}

ssize_t seq_read(struct file *f, char __user *buf, size_t size, loff_t *ppos)
{
	struct seq_file *m = f->private_data;
	size_t copied = 0;
	int err = 0;

	if (*ppos < 0)
		return -EINVAL;
	if (*ppos != m->read_pos || !m->buf) {
		if ((err = traverse(m, *ppos)))
			return err;
	}
	while (copied < size) {
		size_t n;

		if (!m->count) {
			if ((err = seq_fill(m)) || !m->count)
				break;
		}
		n = m->count < size - copied ? m->count : size - copied;
		if (copy_to_user(buf + copied, m->buf + m->from, n)) {
			err = -EFAULT;
			break;
		}
		m->from += n;
		m->count -= n;
		copied += n;
		m->read_pos += n;
	}
	*ppos = m->read_pos;
	return copied ? (ssize_t)copied : err;
}

loff_t seq_lseek(struct file *f, loff_t offset, int origin)
{
	struct seq_file *m = f->private_data;

	if (origin == SEEK_CUR)
		offset += f->f_pos;
	else if (origin != SEEK_SET)
		return -EINVAL;	/* Linux: SEEK_END and the rest, EINVAL */
	if (offset < 0)
		return -EINVAL;
	if (offset != m->read_pos) {
		int err = traverse(m, offset);

		if (err) {
			m->read_pos = -1;	/* start over at the next read */
			return err;
		}
	}
	f->f_pos = offset;
	return offset;
}

int seq_release(struct inode *inode, struct file *f)
{
	struct seq_file *m = f->private_data;

	(void)inode;
	kfree(m->buf);
	kfree(m);
	return 0;
}

/* the show() helpers: on overflow count becomes size, and seq_fill retries */
int seq_write(struct seq_file *m, const void *data, size_t len)
{
	size_t end = m->from + m->count;

	if (end + len >= m->size) {
		m->count = m->size - m->from;
		return -1;
	}
	memcpy(m->buf + end, data, len);
	m->count += len;
	return 0;
}

int seq_puts(struct seq_file *m, const char *s)
{
	return seq_write(m, s, strlen(s));
}

int seq_putc(struct seq_file *m, char c)
{
	return seq_write(m, &c, 1);
}

int seq_printf(struct seq_file *m, const char *fmt, ...)
{
	size_t end = m->from + m->count;
	va_list ap;
	int n;

	if (end >= m->size)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + end, m->size - end, fmt, ap);
	va_end(ap);
	if (n < 0 || end + n >= m->size) {
		m->count = m->size - m->from;
		return -1;
	}
	m->count += n;
	return 0;
}

void seq_pad(struct seq_file *m, char c, size_t col)
{
	size_t end = m->from + m->count, line = end;

	while (line > m->from && m->buf[line - 1] != '\n')
		line--;
	while (end - line < col && !seq_overflow(m)) {
		seq_putc(m, ' ');
		end++;
	}
	if (c)
		seq_putc(m, c);
}

/* ---- one record ---- */

struct single {
	int (*show)(struct seq_file *, void *);
	void *data;
};

static void *single_start(struct seq_file *m, loff_t *pos)
{
	(void)m;
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *single_next(struct seq_file *m, void *v, loff_t *pos)
{
	(void)m;
	(void)v;
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *m, void *v)
{
	(void)m;
	(void)v;
}

static int single_show(struct seq_file *m, void *v)
{
	struct single *s = m->private;

	(void)v;
	return s->show(m, s->data);
}

static const struct seq_operations single_op = {
	.start = single_start,
	.next = single_next,
	.stop = single_stop,
	.show = single_show,
};

int single_open(struct file *f, int (*show)(struct seq_file *, void *), void *data)
{
	struct single *s = kmalloc(sizeof(*s), GFP_KERNEL);
	int err;

	if (!s)
		return -ENOMEM;
	s->show = show;
	s->data = data;
	err = seq_open(f, &single_op);
	if (err) {
		kfree(s);
		return err;
	}
	((struct seq_file *)f->private_data)->private = s;
	return 0;
}

int single_release(struct inode *inode, struct file *f)
{
	kfree(((struct seq_file *)f->private_data)->private);
	return seq_release(inode, f);
}

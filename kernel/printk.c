/*
 * kernel/printk.c - printk: format a message, keep it in the log buffer and
 * hand it to every console with its level (Linux: kernel/printk.c). A message
 * may start with a KERN_<level> prefix ("<n>"); the console shows it if n < console_loglevel.
 */
#include <kernel/printk.h>
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/string.h>

int console_loglevel = 7;	/* everything but KERN_DEBUG */

#define LOG_BUF_LEN 16384
static char log_buf[LOG_BUF_LEN];
static unsigned long log_end;
static int last_level = LOGLEVEL_DEFAULT;
static int at_line_start = 1;

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[log_end++ % LOG_BUF_LEN] = s[i];
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	const char *p = buf;
	unsigned long flags;
	int n, level;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;

	flags = local_irq_save();
	/* a level prefix counts only at the start of a line; continuations inherit it */
	if (n >= 3 && p[0] == '<' && p[1] >= '0' && p[1] <= '7' && p[2] == '>') {
		level = p[1] - '0';
		p += 3;
		n -= 3;
	} else {
		level = at_line_start ? LOGLEVEL_DEFAULT : last_level;
	}
	last_level = level;
	if (n)
		at_line_start = p[n - 1] == '\n';
	log_store(p, n);
	if (level < console_loglevel)
		console_write(p, n, level);
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* copy the newest part of the log (for the shell's dmesg) */
size_t log_buf_copy(char *dst, size_t size)
{
	unsigned long start = log_end > LOG_BUF_LEN ? log_end - LOG_BUF_LEN : 0;
	size_t n = 0;

	if (log_end - start > size)
		start = log_end - size;
	for (unsigned long i = start; i < log_end; i++)
		dst[n++] = log_buf[i % LOG_BUF_LEN];
	return n;
}

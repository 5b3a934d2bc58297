/*
 * kernel/printk.c - printk: format a message, keep it in the log buffer and
 * hand it to every console with its level (Linux: kernel/printk.c). A message
 * may start with a KERN_<level> prefix ("<n>"); the console shows it if n < console_loglevel.
 */
#include <kernel/printk.h>
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/timer.h>

int console_loglevel = 7;	/* everything but KERN_DEBUG */

#define LOG_BUF_LEN 16384
static char log_buf[LOG_BUF_LEN];
static unsigned long log_end;
static int last_level = LOGLEVEL_DEFAULT;
static int last_shell;		/* the line being continued is shell output */
static int at_line_start = 1;

/*
 * The shell prints its own output (prompts, listings, command results)
 * with plain printk; those messages are for the console only, so that the
 * log, and dmesg, hold the kernel's messages as Linux's does. Messages the
 * shell's task prints with an explicit level stay kernel messages.
 */
static struct task_struct *shell_task;

void printk_set_shell_task(struct task_struct *p)
{
	shell_task = p;
}

/*
 * One CPU at a time in the log and on the console (2.6's logbuf_lock). The
 * lock is taken raw, unchecked: the spinlock checker reports through printk.
 * A printk from inside a printk on the same CPU (a fault while printing,
 * then panic) goes on without it, as 2.6's printk_cpu test lets it.
 */
static DEFINE_SPINLOCK(logbuf_lock);
static volatile int printk_cpu = -1;

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
	int n, level, nested;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf)) {
		/* cut, but a line stays a line: the next printk must not run on after it */
		n = sizeof(buf) - 1;
		if (*fmt && fmt[strlen(fmt) - 1] == '\n')
			buf[n - 1] = '\n';
	}

	flags = local_irq_save();
	nested = printk_cpu == smp_processor_id();
	if (!nested) {
		__raw_spin_lock(&logbuf_lock);
		printk_cpu = smp_processor_id();
	}
	/* a level prefix counts only at the start of a line; continuations inherit it */
	if (n >= 3 && p[0] == '<' && p[1] >= '0' && p[1] <= '7' && p[2] == '>') {
		level = p[1] - '0';
		p += 3;
		n -= 3;
		last_shell = 0;
	} else if (at_line_start) {
		level = LOGLEVEL_DEFAULT;
		last_shell = shell_task && current == shell_task;
	} else {
		level = last_level;
	}
	last_level = level;
	if (n)
		at_line_start = p[n - 1] == '\n';
	if (last_shell) {
		console_write(p, n, 6);		/* whatever the log level */
	} else {
		log_store(p, n);
		if (level < console_loglevel)
			console_write(p, n, level);
	}
	if (!nested) {
		printk_cpu = -1;
		__raw_spin_unlock(&logbuf_lock);
	}
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

/*
 * At most 10 messages every 5 s, as Linux's printk_ratelimit(): callers
 * that user space can drive check it before printing, so no program can
 * flood the console.
 */
int printk_ratelimit(void)
{
	static unsigned long window_start;
	static int printed, missed;
	static DEFINE_SPINLOCK(ratelimit_lock);
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&ratelimit_lock, flags);
	if (!window_start || (long)(jiffies - window_start) > 5 * HZ) {
		if (missed)
			printk(KERN_DEBUG "printk: %d messages suppressed\n", missed);
		window_start = jiffies;
		printed = missed = 0;
	}
	ok = printed < 10;
	if (ok)
		printed++;
	else
		missed++;
	spin_unlock_irqrestore(&ratelimit_lock, flags);
	return ok;
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

/* bytes ever logged (an offset into the log's history), and the buffer's size: syslog(2) */
unsigned long log_buf_end(size_t *len)
{
	*len = LOG_BUF_LEN;
	return log_end;
}

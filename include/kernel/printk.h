/* include/kernel/printk.h - kernel logging, panic and assertions (kernel/printk.c, kernel/panic.c). */
#ifndef _KERNEL_PRINTK_H
#define _KERNEL_PRINTK_H

#include <kernel/types.h>

#define KERN_EMERG	"<0>"	/* system is unusable */
#define KERN_ALERT	"<1>"
#define KERN_CRIT	"<2>"
#define KERN_ERR	"<3>"
#define KERN_WARNING	"<4>"
#define KERN_NOTICE	"<5>"
#define KERN_INFO	"<6>"
#define KERN_DEBUG	"<7>"
#define LOGLEVEL_DEFAULT 4	/* a message without a level is a warning, as in 2.6 */

extern int console_loglevel;

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
int printk_ratelimit(void);		/* 0 when the caller should stay quiet */
struct task_struct;
void printk_set_shell_task(struct task_struct *p);	/* its plain printks skip the log */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

__noreturn void panic(const char *fmt, ...) __printf(1, 2);
void dump_stack(void);
void show_backtrace(unsigned long eip, unsigned long ebp);

#define BUG() panic("kernel BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c) do { if (unlikely(c)) BUG(); } while (0)
#define WARN_ON(c) ({							\
	int __w = !!(c);						\
	if (unlikely(__w)) {						\
		printk(KERN_WARNING "WARNING at %s:%d\n", __FILE__, __LINE__); \
		dump_stack();						\
	}								\
	__w;								\
})

#endif

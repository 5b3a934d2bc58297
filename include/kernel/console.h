/*
 * include/kernel/console.h - output consoles (VGA text, serial) and the raw
 * input queue that the keyboard and serial interrupts feed (kernel/console.c).
 */
#ifndef _KERNEL_CONSOLE_H
#define _KERNEL_CONSOLE_H

#include <kernel/types.h>

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t n, int level);
	struct console *next;
};

void register_console(struct console *con);
void console_write(const char *s, size_t n, int level);

/* input: interrupt handlers push characters, readers pop them */
void console_input_char(char c);
int console_trygetc(void);
int console_getc(void);
void console_set_input_handler(void (*fn)(unsigned char c));	/* the tty */

void vga_init(void);
void serial_init(void);
void serial_putc(char c);
void keyboard_init(void);
void keyboard_scancode(u8 sc);

#endif

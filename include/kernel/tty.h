/*
 * include/kernel/tty.h - terminals (kernel/drivers/tty.c; Linux:
 * include/linux/tty.h, drivers/char/tty_io.c and n_tty.c). One tty, the
 * system console, over the VGA screen with the PS/2 keyboard and over the
 * serial line: both feed its input, its output goes to both. The N_TTY line
 * discipline does canonical editing, echo and the signal characters.
 */
#ifndef _KERNEL_TTY_H
#define _KERNEL_TTY_H

#include <kernel/types.h>
#include <kernel/wait.h>
#include <kernel/spinlock.h>
#include <uapi/termios.h>

#define N_TTY_BUF_SIZE	4096

/* device numbers, as Linux */
#define TTY_MAJOR		4	/* tty0..63 virtual consoles, ttyS0.. from 64 */
#define TTYAUX_MAJOR		5	/* /dev/tty 0, /dev/console 1 */
#define TTY_SERIAL_MINOR	64

struct tty_struct;

struct tty_driver_ops {
	/* put n bytes on the wire or the screen */
	void (*write)(struct tty_struct *tty, const char *buf, size_t n);
};

struct tty_struct {
	const char *name;
	int count;			/* opens */
	struct termios termios;
	struct winsize winsize;
	pid_t pgrp;			/* foreground process group, 0 if none */
	pid_t session;
	const struct tty_driver_ops *ops;

	/* N_TTY: a ring of received characters; read_flags marks line ends */
	spinlock_t read_lock;		/* the ring and its counts (tty.c) */
	char read_buf[N_TTY_BUF_SIZE];
	unsigned long read_flags[N_TTY_BUF_SIZE / 32];	/* line ends */
	unsigned long eof_flags[N_TTY_BUF_SIZE / 32];	/* ... made by ^D: not data */
	unsigned int read_head, read_tail, read_cnt;
	unsigned int canon_head;	/* start of the line being edited */
	unsigned int canon_data;	/* complete lines ready to read */
	unsigned long intr_count;	/* ^C seen, for readers with no process group */
	wait_queue_head_t read_wait;
	wait_queue_head_t write_wait;
};

extern struct tty_struct console_tty;

void tty_init(void);
/* a character from the keyboard or serial interrupt */
void tty_receive_char(struct tty_struct *tty, unsigned char c);
/* the same for whatever feeds the console: keyboard and serial */
void tty_console_input(unsigned char c);
int tty_chars_ready(struct tty_struct *tty);
void tty_flush_input(struct tty_struct *tty);

#endif

/*
 * tests/kernel/test_tty.c - the console tty's line discipline, driven by
 * feeding characters as the keyboard and serial interrupts do. Echo is
 * turned off so the test does not write on the console; the termios and
 * the input queue are put back at the end.
 */
#include <kernel/ktest.h>
#include <kernel/tty.h>
#include <kernel/console.h>
#include <uapi/ioctls.h>
#include "vfs_test.h"

static void type(const char *s)
{
	while (*s)
		tty_receive_char(&console_tty, (unsigned char)*s++);
}

/* open the console quietly; the old termios goes to saved */
static long quiet_console(struct termios *saved)
{
	struct termios t;
	long fd = sys_open("/dev/console", O_RDWR | O_NONBLOCK, 0);

	if (fd < 0)
		return fd;
	sys_ioctl(fd, TCGETS, (unsigned long)saved);
	t = *saved;
	t.c_lflag &= ~ECHO;
	sys_ioctl(fd, TCSETSF, (unsigned long)&t);
	return fd;
}

static void restore_console(long fd, struct termios *saved)
{
	sys_ioctl(fd, TCSETSF, (unsigned long)saved);
	sys_close(fd);
}

KTEST(tty, termios_defaults_and_ioctls)
{
	struct termios t;
	struct winsize ws;
	int pgrp = -1, n = -1;
	long fd = sys_open("/dev/tty", O_RDWR, 0);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_ioctl(fd, TCGETS, (unsigned long)&t), 0);	/* isatty() */
	EXPECT_TRUE(t.c_lflag & ICANON);
	EXPECT_TRUE(t.c_lflag & ECHO);
	EXPECT_TRUE(t.c_lflag & ISIG);
	EXPECT_TRUE(t.c_iflag & ICRNL);
	EXPECT_EQ(t.c_cc[VINTR], 3);
	EXPECT_EQ(t.c_cc[VERASE], 127);
	EXPECT_EQ(t.c_cc[VEOF], 4);
	EXPECT_EQ(sizeof(t), 36);
	EXPECT_EQ(sys_ioctl(fd, TIOCGWINSZ, (unsigned long)&ws), 0);
	EXPECT_EQ(ws.ws_col, 80);
	ws.ws_row = 50;
	EXPECT_EQ(sys_ioctl(fd, TIOCSWINSZ, (unsigned long)&ws), 0);
	ws.ws_row = 0;
	EXPECT_EQ(sys_ioctl(fd, TIOCGWINSZ, (unsigned long)&ws), 0);
	EXPECT_EQ(ws.ws_row, 50);
	ws.ws_row = 25;
	sys_ioctl(fd, TIOCSWINSZ, (unsigned long)&ws);
	EXPECT_EQ(sys_ioctl(fd, TIOCGPGRP, (unsigned long)&pgrp), 0);
	EXPECT_EQ(pgrp, 0);
	pgrp = -5;
	EXPECT_EQ(sys_ioctl(fd, TIOCSPGRP, (unsigned long)&pgrp), -EINVAL);
	EXPECT_EQ(sys_ioctl(fd, FIONREAD, (unsigned long)&n), 0);
	EXPECT_EQ(n, 0);
	EXPECT_EQ(sys_ioctl(fd, 0x54ff, 0), -ENOTTY);
	/* a tty cannot seek */
	EXPECT_EQ(sys_lseek(fd, 0, SEEK_SET), -ESPIPE);
	EXPECT_EQ(sys_pread64(fd, (char *)&n, 1, 0, 0), -ESPIPE);
	/* and regular files are not ttys */
	{
		long f = sys_open("/dev/null", O_RDONLY, 0);

		EXPECT_EQ(sys_ioctl(f, TCGETS, (unsigned long)&t), -ENOTTY);
		sys_close(f);
	}
	sys_close(fd);
}

KTEST(tty, canonical_editing)
{
	struct termios saved;
	char buf[64];
	int n = -1;
	long fd = quiet_console(&saved);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), -EAGAIN);
	type("abc");			/* no line yet */
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), -EAGAIN);
	EXPECT_EQ(sys_ioctl(fd, FIONREAD, (unsigned long)&n), 0);
	EXPECT_EQ(n, 0);
	type("\x7f" "d\r");		/* DEL erases; CR becomes NL */
	EXPECT_EQ(sys_ioctl(fd, FIONREAD, (unsigned long)&n), 0);
	EXPECT_EQ(n, 4);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 4);
	EXPECT_EQ(memcmp(buf, "abd\n", 4), 0);
	type("junk\x15ok\n");		/* ^U kills the line */
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 3);
	EXPECT_EQ(memcmp(buf, "ok\n", 3), 0);
	type("one two\x17three\n");	/* ^W erases a word */
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 10);
	EXPECT_EQ(memcmp(buf, "one three\n", 10), 0);
	type("\b\bx\by\n");		/* ^H erases too; nothing to erase is fine */
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 2);
	EXPECT_EQ(memcmp(buf, "y\n", 2), 0);
	/* two lines: one per read; a short read leaves the rest */
	type("first\nsecond\n");
	EXPECT_EQ(sys_read(fd, buf, 3), 3);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 3);
	EXPECT_EQ(memcmp(buf, "st\n", 3), 0);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 7);
	/* ^D: ends a line without a character; on an empty line, end of file */
	type("hi\x04");
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 2);
	type("\x04");
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 0);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), -EAGAIN);
	restore_console(fd, &saved);
}

KTEST(tty, interrupt_flushes_and_signals)
{
	struct termios saved;
	unsigned long before = console_tty.intr_count;
	char buf[16];
	long fd = quiet_console(&saved);

	ASSERT_GE(fd, 0);
	type("partial");
	type("\x03");			/* ^C: the line is thrown away */
	EXPECT_EQ(console_tty.intr_count, before + 1);
	type("\n");
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 1);
	EXPECT_EQ(buf[0], '\n');
	/* with ISIG off ^C is just a character */
	{
		struct termios t = saved;

		t.c_lflag &= ~(ECHO | ISIG);
		sys_ioctl(fd, TCSETS, (unsigned long)&t);
		type("\x03\n");
		EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 2);
		EXPECT_EQ(buf[0], 3);
	}
	restore_console(fd, &saved);
}

KTEST(tty, raw_mode)
{
	struct termios saved, t;
	char buf[16];
	int n = -1;
	long fd = quiet_console(&saved);

	ASSERT_GE(fd, 0);
	t = saved;
	t.c_lflag &= ~(ECHO | ICANON);
	t.c_iflag &= ~ICRNL;
	t.c_cc[VMIN] = 1;
	EXPECT_EQ(sys_ioctl(fd, TCSETS, (unsigned long)&t), 0);
	type("a\x7f\r");		/* no editing, no CR mapping */
	EXPECT_EQ(sys_ioctl(fd, FIONREAD, (unsigned long)&n), 0);
	EXPECT_EQ(n, 3);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 3);
	EXPECT_EQ(memcmp(buf, "a\x7f\r", 3), 0);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), -EAGAIN);
	/* MIN 0: a read never waits */
	t.c_cc[VMIN] = 0;
	EXPECT_EQ(sys_ioctl(fd, TCSETS, (unsigned long)&t), 0);
	EXPECT_EQ(sys_fcntl64(fd, F_SETFL, 0), 0);	/* blocking */
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 0);
	/* back to canonical mode: what was typed raw becomes a readable line */
	type("raw");
	{
		struct termios c = t;

		c.c_lflag |= ICANON;
		EXPECT_EQ(sys_ioctl(fd, TCSETS, (unsigned long)&c), 0);
		EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 3);
		EXPECT_EQ(memcmp(buf, "raw", 3), 0);
		EXPECT_EQ(sys_ioctl(fd, TCSETS, (unsigned long)&t), 0);
	}
	/* TCSETSF drops pending input */
	type("zz");
	EXPECT_EQ(sys_ioctl(fd, TCSETSF, (unsigned long)&t), 0);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 0);
	restore_console(fd, &saved);
}

/* raw mode's TIME, in tenths of a second: overall with MIN 0, between characters with MIN > 0 */
KTEST(tty, raw_mode_time)
{
	struct termios saved, t;
	char buf[16];
	unsigned long start;
	long fd = quiet_console(&saved);

	ASSERT_GE(fd, 0);
	t = saved;
	t.c_lflag &= ~(ECHO | ICANON);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 2;
	EXPECT_EQ(sys_ioctl(fd, TCSETSF, (unsigned long)&t), 0);
	EXPECT_EQ(sys_fcntl64(fd, F_SETFL, 0), 0);	/* blocking */
	start = jiffies;
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 0);	/* nothing came within 0.2 s */
	EXPECT_GE(jiffies - start, 200);
	EXPECT_LT(jiffies - start, 5000);	/* it did end, and not at a later key */
	type("q");
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 1);	/* at once: a character is there */
	/* MIN 2, TIME 1: one character, then 0.1 s of silence ends the read */
	t.c_cc[VMIN] = 2;
	t.c_cc[VTIME] = 1;
	EXPECT_EQ(sys_ioctl(fd, TCSETS, (unsigned long)&t), 0);
	type("x");
	start = jiffies;
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 1);
	EXPECT_GE(jiffies - start, 100);
	type("yz");
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 2);	/* MIN met: no waiting */
	restore_console(fd, &saved);
}

KTEST(tty, write_reaches_the_console)
{
	long fd = sys_open("/dev/console", O_WRONLY, 0);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(sys_write(fd, "tty: write test\n", 16), 16);
	sys_close(fd);
}

/* PS/2 scancodes: a press and its release */
static void press(u8 sc, int extended)
{
	if (extended)
		keyboard_scancode(0xe0);
	keyboard_scancode(sc);
	if (extended)
		keyboard_scancode(0xe0);
	keyboard_scancode(sc | 0x80);
}

/* the keyboard's 0xE0 keys reach the tty as the serial line's escape sequences */
KTEST(tty, keyboard_extended_keys)
{
	static const struct { u8 sc; const char *seq; } keys[] = {
		{ 0x48, "\033[A" }, { 0x50, "\033[B" }, { 0x4d, "\033[C" },
		{ 0x4b, "\033[D" }, { 0x47, "\033[H" }, { 0x4f, "\033[F" },
		{ 0x53, "\033[3~" }, { 0x52, "\033[2~" }, { 0x49, "\033[5~" },
		{ 0x51, "\033[6~" },
	};
	struct termios saved, t;
	char buf[16];
	long fd = quiet_console(&saved);

	ASSERT_GE(fd, 0);
	t = saved;
	t.c_lflag &= ~(ECHO | ICANON | ISIG);
	t.c_cc[VMIN] = 1;
	EXPECT_EQ(sys_ioctl(fd, TCSETS, (unsigned long)&t), 0);
	for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		size_t n = strlen(keys[i].seq);

		press(keys[i].sc, 1);
		EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), (long)n);
		EXPECT_EQ(memcmp(buf, keys[i].seq, n), 0);
	}
	/* a plain key still types, right Ctrl (E0 1D) still controls, the fake shift (E0 2A) sends nothing */
	press(0x2a, 1);
	press(0x1e, 0);					/* a */
	keyboard_scancode(0xe0);
	keyboard_scancode(0x1d);
	press(0x2e, 0);					/* ^C, not a signal with ISIG off */
	keyboard_scancode(0xe0);
	keyboard_scancode(0x9d);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), 2);
	EXPECT_EQ(memcmp(buf, "a\x03", 2), 0);
	EXPECT_EQ(sys_read(fd, buf, sizeof(buf)), -EAGAIN);
	restore_console(fd, &saved);
}

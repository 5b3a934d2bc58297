/*
 * kernel/drivers/keyboard.c - the PS/2 keyboard on IRQ 1 (Linux:
 * drivers/input/keyboard/atkbd.c and drivers/char/keyboard.c, in miniature):
 * scancode set 1 with a US layout, Shift, Caps Lock and Ctrl, turned into
 * characters for the console input queue. Backspace sends DEL (127), as
 * Linux's console does, the tty's default erase character.
 */
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/irq.h>

#define KBD_DATA	0x60
#define KBD_STATUS	0x64

#define SC_LSHIFT	0x2a
#define SC_RSHIFT	0x36
#define SC_CTRL		0x1d
#define SC_CAPS		0x3a
#define SC_RELEASE	0x80

static const char keymap[128] = {
	0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 127,
	'\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n',
	0, 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
	0, '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0,
	'*', 0, ' ',
};

static const char keymap_shift[128] = {
	0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 127,
	'\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n',
	0, 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
	0, '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0,
	'*', 0, ' ',
};

static int shift, ctrl, caps, extended;

static void handle_scancode(u8 sc)
{
	int release = sc & SC_RELEASE;
	u8 key = sc & ~SC_RELEASE;
	char c;

	if (sc == 0xe0) {
		extended = 1;
		return;
	}
	if (extended) {		/* arrows and the like: right Ctrl only */
		extended = 0;
		if (key == SC_CTRL)
			ctrl = !release;
		return;
	}
	if (key == SC_LSHIFT || key == SC_RSHIFT) {
		shift = !release;
		return;
	}
	if (key == SC_CTRL) {
		ctrl = !release;
		return;
	}
	if (release)
		return;
	if (key == SC_CAPS) {
		caps = !caps;
		return;
	}
	c = shift ? keymap_shift[key] : keymap[key];
	if (!c)
		return;
	if (caps && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		c ^= 0x20;
	if (ctrl && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		c &= 0x1f;	/* ^C = 3, ^D = 4, ^U = 21 */
	console_input_char(c);
}

static void keyboard_interrupt(int irq, struct pt_regs *regs)
{
	(void)irq;
	(void)regs;
	while (inb(KBD_STATUS) & 0x01)
		handle_scancode(inb(KBD_DATA));
}

void keyboard_init(void)
{
	while (inb(KBD_STATUS) & 0x01)	/* drop whatever the BIOS left */
		inb(KBD_DATA);
	request_irq(1, keyboard_interrupt, "keyboard");
}

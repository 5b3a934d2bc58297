/*
 * kernel/drivers/keyboard.c - the PS/2 keyboard on IRQ 1 (Linux:
 * drivers/input/keyboard/atkbd.c and drivers/char/keyboard.c, in miniature):
 * scancode set 1 with a US layout, Shift, Caps Lock and Ctrl, turned into
 * characters for the console input queue. Backspace sends DEL (127), as
 * Linux's console does, the tty's default erase character. The 0xE0-prefixed
 * keys (arrows, Home, End, Insert, Delete, Page Up/Down) send the escape
 * sequences a serial terminal (xterm, VT220) sends, so line editors see the
 * same bytes from either.
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

/* the 0xE0-prefixed keys with a sequence, by their second byte */
static const char *const keymap_extended[128] = {
	[0x48] = "\033[A", [0x50] = "\033[B",	/* up, down */
	[0x4d] = "\033[C", [0x4b] = "\033[D",	/* right, left */
	[0x47] = "\033[H", [0x4f] = "\033[F",	/* Home, End */
	[0x52] = "\033[2~", [0x53] = "\033[3~",	/* Insert, Delete */
	[0x49] = "\033[5~", [0x51] = "\033[6~",	/* Page Up, Page Down */
	[0x1c] = "\n", [0x35] = "/",		/* the keypad's Enter and / */
};

static int shift, ctrl, caps, extended;

/* one scancode byte, as the interrupt reads it (the tty test feeds these) */
void keyboard_scancode(u8 sc)
{
	int release = sc & SC_RELEASE;
	u8 key = sc & ~SC_RELEASE;
	char c;

	if (sc == 0xe0) {
		extended = 1;
		return;
	}
	if (extended) {		/* right Ctrl, or a key with a sequence */
		const char *seq = keymap_extended[key];

		extended = 0;
		if (key == SC_CTRL)
			ctrl = !release;
		if (release || !seq)	/* the fake Shifts (E0 2A, E0 36) too */
			return;
		while (*seq)
			console_input_char(*seq++);
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
		keyboard_scancode(inb(KBD_DATA));
}

void keyboard_init(void)
{
	while (inb(KBD_STATUS) & 0x01)	/* drop whatever the BIOS left */
		inb(KBD_DATA);
	request_irq(1, keyboard_interrupt, "keyboard");
}

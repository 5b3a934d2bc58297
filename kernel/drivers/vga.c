/*
 * kernel/drivers/vga.c - the 80x25 VGA text console (Linux: drivers/video/
 * console/vgacon.c, in miniature): scrolling, the hardware cursor, a colour
 * per printk level.
 */
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/string.h>

#define VGA_COLS	80
#define VGA_ROWS	25
#define VGA_CRTC_INDEX	0x3d4
#define VGA_CRTC_DATA	0x3d5

static u16 *const vga_mem = (u16 *)(PAGE_OFFSET + 0xb8000);
static unsigned int row, col;

/* attribute byte per level: emerg..debug; background black */
static const u8 level_colour[8] = {
	0x4f,	/* white on red */
	0x0c,	/* light red */
	0x0c,
	0x0c,
	0x0e,	/* yellow */
	0x0b,	/* light cyan */
	0x07,	/* grey: ordinary output */
	0x08,	/* dark grey */
};

static void vga_set_cursor(void)
{
	unsigned int pos = row * VGA_COLS + col;

	outb(VGA_CRTC_INDEX, 14);
	outb(VGA_CRTC_DATA, pos >> 8);
	outb(VGA_CRTC_INDEX, 15);
	outb(VGA_CRTC_DATA, pos & 0xff);
}

static void vga_scroll(void)
{
	memmove(vga_mem, vga_mem + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * 2);
	for (int i = 0; i < VGA_COLS; i++)
		vga_mem[(VGA_ROWS - 1) * VGA_COLS + i] = 0x0720;
	row = VGA_ROWS - 1;
}

static void vga_putc(char c, u8 attr)
{
	switch (c) {
	case '\n':
		col = 0;
		row++;
		break;
	case '\r':
		col = 0;
		break;
	case '\b':
		if (col)
			col--;
		break;
	case '\t':
		col = (col + 8) & ~7;
		break;
	default:
		vga_mem[row * VGA_COLS + col] = (attr << 8) | (u8)c;
		col++;
	}
	if (col >= VGA_COLS) {
		col = 0;
		row++;
	}
	if (row >= VGA_ROWS)
		vga_scroll();
}

static void vga_write(struct console *con, const char *s, size_t n, int level)
{
	u8 attr = level_colour[level & 7];

	(void)con;
	for (size_t i = 0; i < n; i++)
		vga_putc(s[i], attr);
	vga_set_cursor();
}

static struct console vga_console = { .name = "vga", .write = vga_write };

void vga_init(void)
{
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga_mem[i] = 0x0720;
	row = col = 0;
	vga_set_cursor();
	register_console(&vga_console);
}

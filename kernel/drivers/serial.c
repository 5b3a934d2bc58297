/*
 * kernel/drivers/serial.c - the 16550 UART on COM1 (Linux:
 * drivers/serial/8250.c, in miniature): polled output at 115200 8N1 and
 * received characters by interrupt (IRQ 4) into the console input queue.
 */
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/irq.h>

#define COM1		0x3f8
#define UART_RX		0	/* receive buffer (DLAB 0) */
#define UART_TX		0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */

void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(COM1 + UART_TX, c);
}

static void serial_write(struct console *con, const char *s, size_t n, int level)
{
	(void)con;
	(void)level;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static void serial_interrupt(int irq, struct pt_regs *regs)
{
	(void)irq;
	(void)regs;
	while (inb(COM1 + UART_LSR) & UART_LSR_DR)
		console_input_char(inb(COM1 + UART_RX));
}

static struct console serial_console = { .name = "ttyS0", .write = serial_write };

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x80);	/* DLAB on: set the divisor */
	outb(COM1 + 0, 1);		/* 115200 baud */
	outb(COM1 + 1, 0);
	outb(COM1 + UART_LCR, 0x03);	/* 8 bits, no parity, one stop bit */
	outb(COM1 + UART_FCR, 0x07);	/* FIFO on and cleared */
	outb(COM1 + UART_MCR, 0x0b);	/* DTR, RTS, OUT2 (routes the IRQ) */
	register_console(&serial_console);
}

/* after the IDT and PIC are ready */
void serial_enable_rx(void)
{
	request_irq(4, serial_interrupt, "serial");
	outb(COM1 + UART_IER, 0x01);	/* interrupt on received data */
	serial_interrupt(4, NULL);	/* anything that arrived before now */
}

/*
 * kernel/console.c - the list of output consoles and the raw input queue
 * (Linux: the console half of kernel/printk.c). Until the tty layer takes
 * over input (console_set_input_handler), typed characters wait here.
 */
#include <kernel/console.h>
#include <kernel/io.h>

static struct console *consoles;

#define INPUT_SIZE 256
static char input_buf[INPUT_SIZE];
static volatile unsigned int input_head, input_tail;
static void (*input_handler)(unsigned char c);

void register_console(struct console *con)
{
	con->next = consoles;
	consoles = con;
}

void console_write(const char *s, size_t n, int level)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, n, level);
}

/* called from interrupt handlers; drops characters when nobody reads */
void console_input_char(char c)
{
	if (input_handler) {
		input_handler(c);
		return;
	}
	if (input_head - input_tail < INPUT_SIZE)
		input_buf[input_head++ % INPUT_SIZE] = c;
}

int console_trygetc(void)
{
	unsigned long flags = local_irq_save();
	int c = -1;

	if (input_tail != input_head)
		c = (unsigned char)input_buf[input_tail++ % INPUT_SIZE];
	local_irq_restore(flags);
	return c;
}

/* sleep with interrupts on until a character arrives */
int console_getc(void)
{
	int c;

	while ((c = console_trygetc()) < 0)
		safe_halt();
	return c;
}

/* the tty takes the input from now on, starting with what is queued */
void console_set_input_handler(void (*fn)(unsigned char c))
{
	unsigned long flags = local_irq_save();

	while (input_tail != input_head)
		fn(input_buf[input_tail++ % INPUT_SIZE]);
	input_handler = fn;
	local_irq_restore(flags);
}

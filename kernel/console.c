/*
 * kernel/console.c - the list of output consoles and the raw input queue
 * (Linux: the console half of kernel/printk.c). Until the tty layer takes
 * over input (console_set_input_handler), typed characters wait here.
 *
 * SMP: console_input_lock guards the input queue and the handler, taken by
 * the keyboard/serial interrupt and by readers (before the tty's read_lock:
 * the handler runs under it). console_lock keeps two CPUs' output from
 * interleaving inside a driver (the VGA cursor, the UART's FIFO): it is
 * taken raw, as printk's logbuf_lock, and a CPU that already holds it (a
 * printk from a fault while writing) goes on without it.
 */
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

static struct console *consoles;

#define INPUT_SIZE 256
static char input_buf[INPUT_SIZE];
static volatile unsigned int input_head, input_tail;
static void (*input_handler)(unsigned char c);
static DEFINE_SPINLOCK(console_input_lock);
static DEFINE_SPINLOCK(console_lock);
static volatile int console_cpu = -1;

void register_console(struct console *con)
{
	con->next = consoles;
	consoles = con;
}

void console_write(const char *s, size_t n, int level)
{
	unsigned long flags = local_irq_save();
	int nested = console_cpu == smp_processor_id();

	if (!nested) {
		__raw_spin_lock(&console_lock);
		console_cpu = smp_processor_id();
	}
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, n, level);
	if (!nested) {
		console_cpu = -1;
		__raw_spin_unlock(&console_lock);
	}
	local_irq_restore(flags);
}

/* called from interrupt handlers; drops characters when nobody reads */
void console_input_char(char c)
{
	unsigned long flags;

	spin_lock_irqsave(&console_input_lock, flags);
	if (input_handler)
		input_handler(c);
	else if (input_head - input_tail < INPUT_SIZE)
		input_buf[input_head++ % INPUT_SIZE] = c;
	spin_unlock_irqrestore(&console_input_lock, flags);
}

int console_trygetc(void)
{
	unsigned long flags;
	int c = -1;

	spin_lock_irqsave(&console_input_lock, flags);
	if (input_tail != input_head)
		c = (unsigned char)input_buf[input_tail++ % INPUT_SIZE];
	spin_unlock_irqrestore(&console_input_lock, flags);
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
	unsigned long flags;

	spin_lock_irqsave(&console_input_lock, flags);
	while (input_tail != input_head)
		fn(input_buf[input_tail++ % INPUT_SIZE]);
	input_handler = fn;
	spin_unlock_irqrestore(&console_input_lock, flags);
}

/*
 * ipc/kshell_mqueue.c - the in-kernel shell's mqs: the POSIX message queues
 * of /dev/mqueue with their counts, sleepers and notification (what Linux
 * shows one queue at a time in the queue file, and ls -l in /dev/mqueue).
 */
#include <kernel/kshell.h>
#include <kernel/mqueue.h>
#include <kernel/printk.h>

static int cmd_mqs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printk("\n");
	mq_show_all();
	return 0;
}
KSHELL_COMMAND(mqs, cmd_mqs, "- POSIX message queues: messages, bytes, sleepers (r/s pid), notification");

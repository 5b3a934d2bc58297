/*
 * ipc/kshell_ipc.c - the in-kernel shell's ipcs (util-linux's ipcs layout,
 * Linux 2.6 had /proc/sysvipc/ instead): the three tables, each row ending
 * with the pids asleep on the object.
 */
#include <kernel/ipc.h>
#include <kernel/kshell.h>
#include <kernel/printk.h>
#include <kernel/string.h>

static int cmd_ipcs(int argc, char **argv)
{
	int q = 1, m = 1, s = 1;

	if (argc > 1) {
		q = !strcmp(argv[1], "-q");
		m = !strcmp(argv[1], "-m");
		s = !strcmp(argv[1], "-s");
		if (!q && !m && !s) {
			printk("usage: ipcs [-q|-m|-s]\n");
			return 1;
		}
	}
	printk("\n");
	if (q)
		msg_show_all();
	if (m)
		shm_show_all();
	if (s)
		sem_show_all();
	return 0;
}
KSHELL_COMMAND(ipcs, cmd_ipcs, "[-q|-m|-s] - System V IPC objects, with the pids asleep on each");

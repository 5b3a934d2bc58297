/*
 * ipc/kshell_ipc.c - the in-kernel shell's ipcs (util-linux's ipcs layout;
 * Linux 2.6 had /proc/sysvipc/ instead): the three tables, each row ending
 * with the pids asleep on the object; and ipcbench, measured IPC costs.
 */
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/ipc.h>
#include <kernel/mm_types.h>
#include <kernel/pgtable.h>
#include <kernel/sched.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
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

/*
 * ipcbench: System V IPC costs between kernel threads, figures to quote and
 * never to assert: a semaphore ping-pong round trip (two sleeps and two
 * wake-ups), a message ping-pong round trip, and shmget + shmat + touch +
 * shmdt + IPC_RMID in a thread with an address space of its own.
 */

#define BENCH_ROUNDS 2000

long do_wait(pid_t pid, int options, int __user *stat_addr, void __user *ru);

struct bench_arg {
	int id;
	int rounds;
	u64 cycles;
};

static int sem_partner(void *p)
{
	struct bench_arg *a = p;
	struct sembuf down = { 0, -1, 0 }, up = { 1, 1, 0 };

	for (int i = 0; i < a->rounds; i++)
		if (do_semtimedop(a->id, &down, 1, SEM_NO_TIMEOUT) ||
		    do_semtimedop(a->id, &up, 1, SEM_NO_TIMEOUT))
			return 1;
	return 0;
}

static int msg_partner(void *p)
{
	struct bench_arg *a = p;
	long type;
	char c;

	for (int i = 0; i < a->rounds; i++)
		if (do_msgrcv(a->id, &type, &c, 1, 1, 0) != 1 || do_msgsnd(a->id, 2, &c, 1, 0))
			return 1;
	return 0;
}

static int shm_cycler(void *p)
{
	struct bench_arg *a = p;
	struct mm_struct *mm = mm_alloc();
	u64 t0;

	if (!mm)
		return 1;
	current->mm = current->active_mm = mm;
	switch_pgd(mm->pgd);
	t0 = rdtsc();
	for (int i = 0; i < a->rounds; i++) {
		unsigned long addr;
		int id = do_shmget(IPC_PRIVATE, 4096, 0600);

		if (id < 0 || do_shmat(id, 0, 0, &addr) ||
		    put_user(i, (int __user *)addr) || do_shmdt(addr) ||
		    do_shmctl(id, IPC_RMID, NULL))
			return 2;
	}
	a->cycles = rdtsc() - t0;
	return 0;
}

static void bench_print(const char *what, u64 cycles, int rounds)
{
	u64 per = cycles / rounds;
	unsigned long ns = tsc_khz ? (unsigned long)(per * 1000000ULL / tsc_khz) : 0;

	printk("%-44s %8lu cycles  %6lu ns\n", what, (unsigned long)per, ns);
}

static int cmd_ipcbench(int argc, char **argv)
{
	struct bench_arg a = { .rounds = BENCH_ROUNDS };
	struct sembuf up = { 0, 1, 0 }, down = { 1, -1, 0 };
	int status, err = 0;
	long type;
	char c = 'x';
	pid_t pid;
	u64 t0;

	(void)argc;
	(void)argv;
	a.id = do_semget(IPC_PRIVATE, 2, 0600);
	if (a.id < 0)
		return 1;
	pid = kernel_thread(sem_partner, &a, SIGCHLD);
	t0 = rdtsc();
	for (int i = 0; i < a.rounds && !err; i++)
		err = do_semtimedop(a.id, &up, 1, SEM_NO_TIMEOUT) ||
		      do_semtimedop(a.id, &down, 1, SEM_NO_TIMEOUT);
	a.cycles = rdtsc() - t0;
	do_wait(pid, 0, &status, NULL);
	do_semctl(a.id, 0, IPC_RMID, 0, NULL);
	if (err || status)
		return 1;
	bench_print("semaphore ping-pong round trip", a.cycles, a.rounds);

	a.id = do_msgget(IPC_PRIVATE, 0600);
	if (a.id < 0)
		return 1;
	pid = kernel_thread(msg_partner, &a, SIGCHLD);
	t0 = rdtsc();
	for (int i = 0; i < a.rounds && !err; i++)
		err = do_msgsnd(a.id, 1, &c, 1, 0) || do_msgrcv(a.id, &type, &c, 1, 2, 0) != 1;
	a.cycles = rdtsc() - t0;
	do_wait(pid, 0, &status, NULL);
	do_msgctl(a.id, IPC_RMID, NULL);
	if (err || status)
		return 1;
	bench_print("message ping-pong round trip (1 byte)", a.cycles, a.rounds);

	pid = kernel_thread(shm_cycler, &a, SIGCHLD);
	do_wait(pid, 0, &status, NULL);
	if (status)
		return 1;
	bench_print("shmget+shmat+touch+shmdt+IPC_RMID (4 KiB)", a.cycles, a.rounds);
	return 0;
}
KSHELL_COMMAND(ipcbench, cmd_ipcbench, "System V IPC costs between kernel threads");

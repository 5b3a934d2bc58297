/*
 * kernel/kshell_proc.c - the test shell's process commands: run a program
 * and report how it ended, list the tasks, send signals. The shell is a
 * kernel thread; "run" forks a kernel thread that execs the program, so the
 * program is the shell's child and the shell collects it with wait4.
 */
#include <kernel/smp.h>
#include <kernel/bug.h>
#include <kernel/kshell.h>
#include "../ipc/util.h"	/* sem_ids, msg_ids, shm_ids: the leak counts */
#include <kernel/binfmts.h>
#include <kernel/console.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/slab.h>
#include <kernel/timer.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <uapi/stat.h>
#include <uapi/ioctls.h>
#include <uapi/termios.h>

long do_wait(pid_t pid, int options, int __user *stat_addr, void __user *ru);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);

#define KSHELL_SH_ARGS	16

/*
 * 120 s on one CPU. With more, each virtual CPU is a host thread (multi-
 * threaded TCG) and guest time is wall time, so on a host with fewer cores
 * than the guest has CPUs the same program takes longer: proc_clonevm's
 * 10,000 rounds took 42 s on one CPU and 78 s on four on a loaded 2-core
 * host, and passed 120 s in a busier run.
 */
#define USER_TEST_TIMEOUT	((num_online_cpus() > 1 ? 300 : 120) * HZ)

static char *const run_envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin:/bin/tests", NULL };

/* armed by the test runner: fires SIGKILL at the program if it overruns */
static struct timer_list *kshell_watchdog;

struct run_request {
	const char *path;	/* what to exec; argv[0] stays as typed */
	char **argv;
	int exec_error;
	int background;		/* keep the shell's process group: no terminal for it */
	int session;		/* a session of its own with the console as its tty (sh) */
};

static int run_child(void *data)
{
	struct run_request *req = data;
	pid_t pgrp;

	current->cpus_allowed = ~0UL;	/* not pinned to CPU 0 as the shell is */
	if (req->session) {	/* as login does: setsid, then take the terminal */
		sys_setsid();
		sys_ioctl(0, TIOCSCTTY, 1);
	} else {
		sys_setpgid(0, 0);	/* its own process group: ^C goes to it, not to us */
	}
	pgrp = current->pgrp;
	if (!req->background)
		sys_ioctl(0, TIOCSPGRP, (unsigned long)&pgrp);
	req->exec_error = kernel_execve(req->path, req->argv, run_envp);
	return 127;		/* only reached when exec failed */
}

/*
 * A name without a slash is looked for in /bin, then /sbin, as a shell's
 * PATH would; the full path goes into buf. 0, or -ENOENT.
 */
static int find_program(const char *name, char *buf, size_t size)
{
	static const char *const dirs[] = { "/bin", "/sbin" };
	struct stat64 st;

	if (strchr(name, '/')) {
		strlcpy(buf, name, size);
		return 0;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(dirs); i++) {
		snprintf(buf, size, "%s/%s", dirs[i], name);
		if (!sys_stat64(buf, &st) && S_ISREG(st.st_mode))
			return 0;
	}
	return -ENOENT;
}

static const char *const signal_names[] = {
	"0", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
	"SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
	"TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

/*
 * Exit status as a shell reports it: the program's own status, or 128 plus
 * the signal that killed it (so SIGSEGV shows as 139).
 */
static int run_foreground(char **argv, int quiet, int session)
{
	struct run_request req = { NULL, argv, 0, 0, session };
	pid_t pid, own = current->pgrp;
	char path[128];
	int status = 0;
	long ret;

	if (find_program(argv[0], path, sizeof(path))) {
		printk("run: %s: %s\n", argv[0], kshell_strerror(-ENOENT));
		return 127;
	}
	req.path = path;
	pid = kernel_thread(run_child, &req, SIGCHLD);
	if (pid < 0) {
		printk("run: cannot fork: %s\n", kshell_strerror(pid));
		return 126;
	}
	if (kshell_watchdog) {
		kshell_watchdog->data = pid;
		mod_timer(kshell_watchdog, jiffies + USER_TEST_TIMEOUT);
	}
	do {
		ret = do_wait(pid, 0, &status, NULL);
		if (ret == -ERESTARTSYS)
			flush_signals(current);	/* a kernel thread has no handlers to run */
	} while (ret == -ERESTARTSYS);
	if (session)		/* take the terminal back from the finished session */
		sys_ioctl(0, TIOCSCTTY, 1);
	sys_ioctl(0, TIOCSPGRP, (unsigned long)&own);
	if (ret < 0) {
		printk("run: wait4: %s\n", kshell_strerror(ret));
		return 126;
	}
	if (req.exec_error) {
		printk("run: %s: cannot execute: %s\n", argv[0], kshell_strerror(req.exec_error));
		return req.exec_error == -ENOENT ? 127 : 126;
	}
	if ((status & 0x7f) == 0) {
		if (!quiet)
			printk("run: %s exited with status %d\n", argv[0], (status >> 8) & 0xff);
		return (status >> 8) & 0xff;
	}
	if (!quiet)
		printk("run: %s killed by signal %d (SIG%s)\n", argv[0], status & 0x7f,
		       (status & 0x7f) < 32 ? signal_names[status & 0x7f] : "RT");
	return 128 + (status & 0x7f);
}

int kshell_run_program(char **argv, int quiet)
{
	return run_foreground(argv, quiet, 0);
}

/* sh [ARGS]: busybox's /bin/sh on the console, in a session of its own (job control) */
static int cmd_sh(int argc, char **argv)
{
	char *sh_argv[KSHELL_SH_ARGS + 2] = { "sh" };

	for (int i = 1; i < argc && i <= KSHELL_SH_ARGS; i++)
		sh_argv[i] = argv[i];
	return run_foreground(sh_argv, 1, 1);
}
KSHELL_COMMAND(sh, cmd_sh, "[ARGS] - run /bin/sh (busybox) with job control; exit or ^D returns here");

/*
 * run -q [-f FILE]: for tools/qemu-exec. The program's output is framed by
 * two marker lines written straight to the console, whatever the log
 * level, so the host can cut it out of the boot messages and learn the exit
 * status; the console does not echo meanwhile, so what the host passes as
 * standard input is read, not printed. -f takes the program and its
 * arguments from FILE, NUL-separated (exactly as given, however many and
 * whatever they hold), instead of from the command line.
 */
static int run_background(char **argv);

static char **read_argv_file(const char *file, char **bufp)
{
	char *buf = (char *)__get_free_pages(GFP_KERNEL, 5);	/* MAX_ARG_BYTES */
	char **argv = kmalloc(MAX_ARGS * sizeof(char *), GFP_KERNEL);
	long fd, n = 0, r = 0;
	int argc = 0;

	if (!buf || !argv)
		goto fail;
	fd = sys_open(file, O_RDONLY, 0);
	if (fd < 0) {
		printk("run: %s: %s\n", file, kshell_strerror(fd));
		goto fail;
	}
	while (n < MAX_ARG_BYTES && (r = sys_read(fd, buf + n, MAX_ARG_BYTES - n)) > 0)
		n += r;
	sys_close(fd);
	if (r < 0 || n == 0 || n == MAX_ARG_BYTES || buf[n - 1]) {
		printk("run: %s: %s\n", file, kshell_strerror(r < 0 ? r : n ? -E2BIG : -EINVAL));
		goto fail;
	}
	for (long i = 0; i < n && argc < MAX_ARGS - 1; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = NULL;
	*bufp = buf;
	return argv;
fail:
	kfree(argv);
	if (buf)
		free_pages((unsigned long)buf, 5);
	return NULL;
}

static int cmd_run(int argc, char **argv)
{
	int quiet = argc > 1 && !strcmp(argv[1], "-q");
	int from_file = argc > 2 + quiet && !strcmp(argv[1 + quiet], "-f");
	char **args = argv + 1 + quiet, *buf = NULL, line[48];
	struct termios saved, t;
	int status, n, echo_off;

	if (argc < 2 + quiet + from_file) {
		printk("usage: run [-q] [-f ARGV-FILE | PROGRAM [ARGS...] [&]]\n");
		return 2;
	}
	if (from_file) {
		args = read_argv_file(argv[2 + quiet], &buf);
		if (!args)
			return 2;
	} else if (!strcmp(argv[argc - 1], "&")) {
		argv[argc - 1] = NULL;
		return run_background(args);
	}
	echo_off = quiet && !sys_ioctl(0, TCGETS, (unsigned long)&saved);
	if (echo_off) {
		t = saved;
		t.c_lflag &= ~(ECHO | ECHONL);
		sys_ioctl(0, TCSETS, (unsigned long)&t);
	}
	if (quiet)
		console_write("@@QEMU-EXEC-BEGIN@@\n", 20, 0);
	status = kshell_run_program(args, quiet);
	if (quiet) {
		n = snprintf(line, sizeof(line), "\n@@QEMU-EXEC-STATUS=%d@@\n", status);
		console_write(line, n, 0);
	}
	if (echo_off)
		sys_ioctl(0, TCSETS, (unsigned long)&saved);
	if (from_file) {
		kfree(args);
		free_pages((unsigned long)buf, 5);
	}
	return status;
}
KSHELL_COMMAND(run, cmd_run, "[-q] PROGRAM [ARGS] [&] - run a program (NAME: from /bin or /sbin; & in the background)");

/*
 * Background jobs: the shell does not wait, and reports each one's end
 * before its next prompt. The argument strings live in the job slot until
 * exec has copied them.
 */
#define MAX_JOBS 8

static struct job {
	pid_t pid;
	char path[128];
	char args[128];
	char *argv[16];
	struct run_request req;
} jobs[MAX_JOBS];

static int run_background(char **argv)
{
	struct job *j = NULL;
	char *p;

	for (int i = 0; i < MAX_JOBS; i++)
		if (!jobs[i].pid)
			j = &jobs[i];
	if (!j) {
		printk("run: too many background jobs\n");
		return 1;
	}
	if (find_program(argv[0], j->path, sizeof(j->path))) {
		printk("run: %s: %s\n", argv[0], kshell_strerror(-ENOENT));
		return 127;
	}
	p = j->args;
	for (int i = 0; argv[i] && i < 15; i++) {
		size_t n = strlen(argv[i]) + 1;

		if (p + n > j->args + sizeof(j->args))
			break;
		memcpy(p, argv[i], n);
		j->argv[i] = p;
		j->argv[i + 1] = NULL;
		p += n;
	}
	j->req.path = j->path;
	j->req.argv = j->argv;
	j->req.exec_error = 0;
	j->req.background = 1;
	j->pid = kernel_thread(run_child, &j->req, SIGCHLD);
	if (j->pid < 0) {
		printk("run: cannot fork: %s\n", kshell_strerror(j->pid));
		j->pid = 0;
		return 1;
	}
	printk("[%d] %s\n", j->pid, j->argv[0]);
	return 0;
}

/* called before each prompt: collect finished background jobs */
void kshell_reap_jobs(void)
{
	for (int i = 0; i < MAX_JOBS; i++) {
		int status;

		if (!jobs[i].pid || do_wait(jobs[i].pid, 1 /* WNOHANG */, &status, NULL) <= 0)
			continue;
		if ((status & 0x7f) == 0)
			printk("[%d] done, status %d: %s\n", jobs[i].pid, (status >> 8) & 0xff,
			       jobs[i].argv[0]);
		else
			printk("[%d] killed by signal %d: %s\n", jobs[i].pid, status & 0x7f,
			       jobs[i].argv[0]);
		jobs[i].pid = 0;
	}
}

static char task_state_char(const struct task_struct *p)
{
	if (p->state == TASK_RUNNING)
		return 'R';
	if (p->state & TASK_INTERRUPTIBLE)
		return 'S';
	if (p->state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (p->state & TASK_STOPPED)
		return 'T';
	if (p->state & EXIT_ZOMBIE)
		return 'Z';
	return 'X';
}

static int cmd_ps(int argc, char **argv)
{
	struct task_struct *p;

	(void)argc;
	(void)argv;
	printk("  PID   TID  PPID S PRI  NI   TIME CMD\n");	/* a thread: its own TID */
	list_for_each_entry(p, &task_list, tasks) {
		unsigned long t = (p->utime + p->stime) / 1000;

		printk("%5d %5d %5d %c %3d %3d %3lu:%02lu %s%s%s\n", p->tgid, p->pid,
		       p->real_parent->tgid,
		       task_state_char(p), p->prio - MAX_RT_PRIO, task_nice(p), t / 60, t % 60,
		       (p->flags & PF_KTHREAD) ? "[" : "", p->comm,
		       (p->flags & PF_KTHREAD) ? "]" : "");
	}
	return 0;
}
KSHELL_COMMAND(ps, cmd_ps, "list the tasks: pid, parent, state, priority, nice, name");

static int parse_signal(const char *s)
{
	char *end;
	long n;

	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (int i = 1; i < 32; i++)
		if (!strcmp(s, signal_names[i]))
			return i;
	n = simple_strtol(s, &end, 10);
	return *end || n < 0 || n > _NSIG ? -1 : n;
}

static int cmd_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1;
	long ret;
	char *end;
	long pid;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] && (argv[1][1] < '0' || argv[1][1] > '9' || argc > 2)) {
		sig = parse_signal(argv[1] + 1);
		i = 2;
	}
	if (sig < 0 || i >= argc) {
		printk("usage: kill [-SIGNAL] PID\n");
		return 2;
	}
	pid = simple_strtol(argv[i], &end, 10);
	if (*end) {
		printk("kill: %s: not a pid\n", argv[i]);
		return 2;
	}
	ret = sys_kill(pid, sig);
	if (ret)
		printk("kill: (%ld): %s\n", pid, kshell_strerror(ret));
	return ret ? 1 : 0;
}
KSHELL_COMMAND(kill, cmd_kill, "[-SIG] PID - send a signal (default TERM)");

/* ---- the user test programs, from "test all" and "test user" ---- */

#define USER_TEST_DIR		"/bin/tests"
#define USER_TEST_LEAK_SLACK	8	/* pages the caches may keep (dentries, inodes) */
#define MAX_USER_TESTS		256

/*
 * What a test program may not leave behind: free pages, kmalloc objects per
 * cache, open files, inodes, System V IPC objects and tasks, counted before
 * and after each program. Any difference fails the program with the counts.
 */
struct leak_counts {
	unsigned long seq;		/* kmalloc_seq: the debug kernel names new objects */
	unsigned long pages;
	unsigned long objs[16];
	unsigned long files, inodes, ipc, tasks;
};

static void leak_count(struct leak_counts *c)
{
	size_t size;
	unsigned long slabs;

	c->seq = kmalloc_seq;
	c->pages = nr_free_pages();
	for (unsigned int i = 0; i < kmalloc_cache_count() && i < 16; i++)
		kmalloc_cache_info(i, &size, &c->objs[i], &slabs);
	c->files = nr_open_files();
	c->inodes = inode_count();
	c->ipc = sem_ids.in_use + msg_ids.in_use + shm_ids.in_use;
	c->tasks = nr_threads;
}

/* 0 when nothing leaked, else -1 after printing every count that differs */
static int leak_compare(const char *name, const struct leak_counts *b,
			const struct leak_counts *a)
{
	size_t size;
	unsigned long objs, slabs;
	int bad = 0;

	if ((long)b->pages - (long)a->pages > USER_TEST_LEAK_SLACK) {
		printk("leak user/%s: %ld pages not returned\n", name, (long)b->pages - (long)a->pages);
		bad = -1;
	}
	for (unsigned int i = 0; i < kmalloc_cache_count() && i < 16; i++) {
		kmalloc_cache_info(i, &size, &objs, &slabs);
		if (a->objs[i] > b->objs[i]) {
			printk("leak user/%s: kmalloc-%u %lu objects before, %lu after\n", name,
			       (unsigned int)size, b->objs[i], a->objs[i]);
			kmem_cache_show_since(i, b->seq);
			bad = -1;
		}
	}
#define LEAK_FIELD(f, what) if (a->f != b->f) { \
		printk("leak user/%s: " what " %lu before, %lu after\n", name, b->f, a->f); \
		bad = -1; }
	LEAK_FIELD(files, "open files");
	LEAK_FIELD(inodes, "inodes");
	LEAK_FIELD(ipc, "IPC objects");
	LEAK_FIELD(tasks, "tasks");
#undef LEAK_FIELD
	return bad;
}

struct name_list {
	char names[MAX_USER_TESTS][32];
	int n;
	int dropped;	/* names that did not fit: a failure, never silence */
};

static int collect_name(void *buf, const char *name, int namelen, loff_t offset,
			u64 ino, unsigned int d_type)
{
	struct name_list *l = buf;

	(void)offset;
	(void)ino;
	(void)d_type;
	if (name[0] == '.')
		return 0;
	if (l->n == MAX_USER_TESTS || namelen >= 32) {
		l->dropped++;
		return 0;
	}
	memcpy(l->names[l->n], name, namelen);
	l->names[l->n][namelen] = '\0';
	l->n++;
	return 0;
}

static void sort_names(struct name_list *l)
{
	char tmp[32];

	for (int i = 1; i < l->n; i++)
		for (int j = i; j > 0 && strcmp(l->names[j - 1], l->names[j]) > 0; j--) {
			memcpy(tmp, l->names[j], 32);
			memcpy(l->names[j], l->names[j - 1], 32);
			memcpy(l->names[j - 1], tmp, 32);
		}
}

/* a program that hangs must not hang the whole test run */
static void test_watchdog(unsigned long pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	if (p && !(p->flags & PF_KTHREAD))
		send_sig(SIGKILL, p, 1);
}

int ktest_run_user_programs(const char *only, int *passed, int *failed)
{
	struct name_list *list = kzalloc(sizeof(*list), GFP_KERNEL);
	struct timer_list watchdog;
	struct file *dir;
	char path[64];
	int err;

	*passed = *failed = 0;
	if (!list)
		return -ENOMEM;
	dir = filp_open(USER_TEST_DIR, O_RDONLY | O_DIRECTORY, 0);
	if (IS_ERR(dir)) {
		printk("test: no %s: %ld\n", USER_TEST_DIR, PTR_ERR(dir));
		kfree(list);
		return PTR_ERR(dir);
	}
	err = vfs_readdir(dir, collect_name, list);
	fput(dir);
	if (err < 0)
		goto out;
	sort_names(list);
	for (int i = 0; i < list->n; i++) {
		char *argv[2] = { path, NULL };
		struct leak_counts before, after;
		unsigned long reports = debug_reports;
		int status, leaked;

		if (only && strcmp(only, list->names[i]))
			continue;
		snprintf(path, sizeof(path), "%s/%s", USER_TEST_DIR, list->names[i]);
		leak_count(&before);
		setup_timer(&watchdog, test_watchdog, 0);
		kshell_watchdog = &watchdog;
		status = kshell_run_program(argv, 1);
		del_timer(&watchdog);
		kshell_watchdog = NULL;
		/*
		 * What the program left running (an orphan being reaped by init, a
		 * helper thread) may still be exiting, here or on another CPU: up
		 * to 1 s for the run queues to hold only us and the task count to
		 * come back.
		 */
		for (int t = 0; t < 200 &&
				(nr_running() > 1 || (unsigned long)nr_threads > before.tasks); t++) {
			set_current_state(TASK_UNINTERRUPTIBLE);
			schedule_timeout(5);
		}
		leak_count(&after);
		leaked = leak_compare(list->names[i], &before, &after);
		/* the debug kernel: every kmalloc object checked now; any report fails it */
		debug_check_all();
		if (debug_reports != reports) {
			printk("debug user/%s: %lu reports (BUG: lines above)\n", list->names[i],
			       debug_reports - reports);
			leaked = -1;
		}
		if (!status && !leaked) {
			printk("PASS user/%s\n", list->names[i]);
			(*passed)++;
		} else {
			printk("FAIL user/%s (status %d%s)\n", list->names[i], status,
			       leaked ? ", leaked: see above" : "");
			(*failed)++;
		}
	}
	if (list->dropped) {
		printk("FAIL user/%s (%d programs not run: more than %d, or a name too long)\n",
		       "runner", list->dropped, MAX_USER_TESTS);
		(*failed)++;
	}
out:
	kfree(list);
	return err;
}

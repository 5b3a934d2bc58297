/*
 * kernel/kshell.c - the in-kernel test shell: reads lines from the console
 * tty (serial line or VGA keyboard; the tty does the line editing), runs
 * built-in commands, among them the file commands over the fs/ system
 * calls (ls, cat, echo > FILE, mkdir, rm, mkfifo, stat, cd, pwd). With the boot option
 * kshell.run="COMMAND" it runs that one command and tells QEMU to exit with
 * its outcome: the way every automated test drives the kernel.
 */
#include <kernel/kshell.h>
#include <kernel/boot.h>
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/file.h>
#include <kernel/syscalls.h>
#include <kernel/time.h>
#include <uapi/dirent.h>
#include <uapi/ioctls.h>
#include <uapi/termios.h>

#define KSHELL_LINE_MAX 256
#define KSHELL_ARGS_MAX 32
#define KSHELL_HISTORY 16

extern const struct kshell_command __start_kshell_cmds[], __stop_kshell_cmds[];

static char *run_command;

static int kshell_run_setup(char *v)
{
	run_command = v;
	panic_exits_qemu = 1;
	return 0;
}
__setup("kshell.run=", kshell_run_setup);

/*
 * Split a command into words in place: blanks separate words, '...' and
 * "..." keep blanks (and ';') inside one word, a backslash keeps the next
 * character. Words past KSHELL_ARGS_MAX - 1 are dropped.
 */
static int split_args(char *line, char **argv)
{
	char *in = line, *out = line;
	int argc = 0;

	for (;;) {
		char quote = 0;

		while (*in == ' ' || *in == '\t')
			in++;
		if (!*in)
			break;
		if (argc < KSHELL_ARGS_MAX - 1)
			argv[argc++] = out;
		while (*in && (quote || (*in != ' ' && *in != '\t'))) {
			if (quote && *in == quote) {
				quote = 0;
				in++;
			} else if (!quote && (*in == '\'' || *in == '"')) {
				quote = *in++;
			} else if (*in == '\\' && quote != '\'' && in[1]) {
				*out++ = in[1];
				in += 2;
			} else {
				*out++ = *in++;
			}
		}
		if (*in)
			in++;
		*out++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

int kshell_execute(char *line)
{
	char *argv[KSHELL_ARGS_MAX];
	int argc = split_args(line, argv);

	if (!argc)
		return 0;
	for (const struct kshell_command *c = __start_kshell_cmds; c < __stop_kshell_cmds; c++)
		if (!strcmp(c->name, argv[0]))
			return c->fn(argc, argv);
	printk("kshell: %s: command not found (try 'help')\n", argv[0]);
	return 127;
}

/* "a; b" runs both (a ';' inside quotes is text); the status is the last command's */
int kshell_execute_line(char *line)
{
	int ret = 0;

	while (line) {
		char *p = line, quote = 0;

		for (; *p && (quote || *p != ';'); p++) {
			if (*p == '\\' && quote != '\'' && p[1])
				p++;
			else if (quote ? *p == quote : (*p == '\'' || *p == '"'))
				quote = quote ? 0 : *p;
		}
		if (*p)
			*p++ = '\0';
		else
			p = NULL;
		ret = kshell_execute(line);
		line = p;
	}
	return ret;
}

/* errors as the shell reports them: "ENOENT (No such file or directory)" */
const char *kshell_strerror(long err)
{
	static const struct { int no; const char *name, *text; } errs[] = {
		{ EPERM, "EPERM", "Operation not permitted" },
		{ ENOENT, "ENOENT", "No such file or directory" },
		{ ESRCH, "ESRCH", "No such process" },
		{ EINTR, "EINTR", "Interrupted system call" },
		{ EIO, "EIO", "Input/output error" },
		{ ENXIO, "ENXIO", "No such device or address" },
		{ E2BIG, "E2BIG", "Argument list too long" },
		{ ENOEXEC, "ENOEXEC", "Exec format error" },
		{ EBADF, "EBADF", "Bad file descriptor" },
		{ ECHILD, "ECHILD", "No child processes" },
		{ EAGAIN, "EAGAIN", "Resource temporarily unavailable" },
		{ ENOMEM, "ENOMEM", "Cannot allocate memory" },
		{ EACCES, "EACCES", "Permission denied" },
		{ EFAULT, "EFAULT", "Bad address" },
		{ ENOTBLK, "ENOTBLK", "Block device required" },
		{ EBUSY, "EBUSY", "Device or resource busy" },
		{ EEXIST, "EEXIST", "File exists" },
		{ EXDEV, "EXDEV", "Invalid cross-device link" },
		{ ENODEV, "ENODEV", "No such device" },
		{ ENOTDIR, "ENOTDIR", "Not a directory" },
		{ EISDIR, "EISDIR", "Is a directory" },
		{ EINVAL, "EINVAL", "Invalid argument" },
		{ ENFILE, "ENFILE", "Too many open files in system" },
		{ EMFILE, "EMFILE", "Too many open files" },
		{ ENOTTY, "ENOTTY", "Inappropriate ioctl for device" },
		{ ETXTBSY, "ETXTBSY", "Text file busy" },
		{ EFBIG, "EFBIG", "File too large" },
		{ ENOSPC, "ENOSPC", "No space left on device" },
		{ ESPIPE, "ESPIPE", "Illegal seek" },
		{ EROFS, "EROFS", "Read-only file system" },
		{ EMLINK, "EMLINK", "Too many links" },
		{ EPIPE, "EPIPE", "Broken pipe" },
		{ EDOM, "EDOM", "Numerical argument out of domain" },
		{ ERANGE, "ERANGE", "Numerical result out of range" },
		{ EDEADLK, "EDEADLK", "Resource deadlock avoided" },
		{ ENAMETOOLONG, "ENAMETOOLONG", "File name too long" },
		{ ENOLCK, "ENOLCK", "No locks available" },
		{ ENOSYS, "ENOSYS", "Function not implemented" },
		{ ENOTEMPTY, "ENOTEMPTY", "Directory not empty" },
		{ ELOOP, "ELOOP", "Too many levels of symbolic links" },
		{ ENOMSG, "ENOMSG", "No message of desired type" },
		{ EIDRM, "EIDRM", "Identifier removed" },
		{ ENODATA, "ENODATA", "No data available" },
		{ ETIME, "ETIME", "Timer expired" },
		{ EOVERFLOW, "EOVERFLOW", "Value too large for defined data type" },
		{ EBADFD, "EBADFD", "File descriptor in bad state" },
		{ ELIBBAD, "ELIBBAD", "Accessing a corrupted shared library" },
		{ EILSEQ, "EILSEQ", "Invalid or incomplete multibyte or wide character" },
		{ ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket" },
		{ EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported" },
		{ ETIMEDOUT, "ETIMEDOUT", "Connection timed out" },
	};
	static char unknown[32];

	for (unsigned int i = 0; i < ARRAY_SIZE(errs); i++)
		if (errs[i].no == -err || errs[i].no == err) {
			static char buf[96];

			snprintf(buf, sizeof(buf), "%s (%s)", errs[i].name, errs[i].text);
			return buf;
		}
	snprintf(unknown, sizeof(unknown), "error %ld", err < 0 ? -err : err);
	return unknown;
}

static void echo(const char *s, size_t n)
{
	console_write(s, n, 6);
}

static void echo_back(int n)
{
	while (n-- > 0)
		echo("\b", 1);
}

/*
 * The line editor: printable characters insert at the cursor; Backspace,
 * Delete, ^U (erase the line), ^A/Home, ^E/End, left/right move, up/down
 * (and ^P/^N) walk the history; ^C abandons the line. Escape sequences
 * (CSI "ESC [ ... final" and SS3 "ESC O x") are consumed whole, the unknown
 * ones ignored; a control character cuts a half sequence short and counts
 * as itself. Other control characters and bytes past the line's end are
 * dropped. The line never holds anything but printable ASCII.
 */
static char history[KSHELL_HISTORY][KSHELL_LINE_MAX];
static unsigned int history_len;

struct line_state {
	char *buf;
	int size, len, pos;
};

static void line_replace(struct line_state *l, const char *text)
{
	int old = l->len;

	echo_back(l->pos);
	l->len = strlcpy(l->buf, text, l->size);
	if (l->len >= l->size)
		l->len = l->size - 1;
	echo(l->buf, l->len);
	for (int i = l->len; i < old; i++)
		echo(" ", 1);
	echo_back(old - l->len);
	l->pos = l->len;
}

static void line_delete(struct line_state *l)	/* the character under the cursor */
{
	if (l->pos == l->len)
		return;
	memmove(l->buf + l->pos, l->buf + l->pos + 1, l->len - l->pos - 1);
	l->len--;
	echo(l->buf + l->pos, l->len - l->pos);
	echo(" ", 1);
	echo_back(l->len - l->pos + 1);
}

static void line_key(struct line_state *l, int key, unsigned int *hist, char *fresh)
{
	switch (key) {
	case 'A':		/* up: an older line */
	case 'B':		/* down: a newer one, then the line being typed */
		if (key == 'A' && *hist + KSHELL_HISTORY > history_len && *hist > 0) {
			if (*hist == history_len) {	/* keep the line being typed */
				l->buf[l->len] = '\0';
				strlcpy(fresh, l->buf, KSHELL_LINE_MAX);
			}
			(*hist)--;
		} else if (key == 'B' && *hist < history_len) {
			(*hist)++;
		} else {
			return;
		}
		line_replace(l, *hist == history_len ? fresh : history[*hist % KSHELL_HISTORY]);
		return;
	case 'C':
		if (l->pos < l->len)
			echo(l->buf + l->pos++, 1);
		return;
	case 'D':
		if (l->pos > 0) {
			l->pos--;
			echo_back(1);
		}
		return;
	case 'H':
		echo_back(l->pos);
		l->pos = 0;
		return;
	case 'F':
		echo(l->buf + l->pos, l->len - l->pos);
		l->pos = l->len;
		return;
	case '3':		/* ESC [ 3 ~ */
		line_delete(l);
		return;
	}
}

static int edit_line(char *buf, int size, int (*getc)(void))
{
	static char fresh[KSHELL_LINE_MAX];
	struct line_state l = { buf, size, 0, 0 };
	unsigned int hist = history_len;
	int esc = 0, param = 0;

	buf[0] = '\0';
	for (;;) {
		int c = getc();

		if (c < 0) {		/* ^C through the tty, or no more input */
			echo("\n", 1);
			l.len = 0;
			break;
		}
		if (esc) {
			int final = c >= 0x40 && c <= 0x7e;

			if (c < 0x20 || c == 0x7f) {
				esc = 0;	/* a half sequence: drop it, take the key */
			} else if (esc == 1) {
				esc = c == '[' ? 2 : c == 'O' ? 3 : 0;
				param = 0;
				continue;
			} else if (esc == 2 && !final) {
				if (c >= '0' && c <= '9' && param < 1000)
					param = param * 10 + c - '0';
				continue;
			} else {
				esc = 0;
				if (c == '~')	/* ESC [ N ~: 1/7 Home, 4/8 End, 3 Delete */
					c = param == 1 || param == 7 ? 'H' : param == 4 || param == 8 ? 'F' :
					    param == 3 ? '3' : 0;
				line_key(&l, c, &hist, fresh);
				continue;
			}
		}
		if (c == '\r' || c == '\n') {
			echo("\n", 1);
			break;
		}
		switch (c) {
		case 0x1b:
			esc = 1;
			continue;
		case 0x7f:
		case '\b':
			if (l.pos) {
				line_key(&l, 'D', &hist, fresh);
				line_delete(&l);
			}
			continue;
		case 0x03:		/* ^C */
			echo("^C\n", 3);
			l.len = 0;
			goto done;
		case 0x15:		/* ^U */
			line_replace(&l, "");
			continue;
		case 0x01: line_key(&l, 'H', &hist, fresh); continue;
		case 0x05: line_key(&l, 'F', &hist, fresh); continue;
		case 0x02: line_key(&l, 'D', &hist, fresh); continue;
		case 0x06: line_key(&l, 'C', &hist, fresh); continue;
		case 0x10: line_key(&l, 'A', &hist, fresh); continue;
		case 0x0e: line_key(&l, 'B', &hist, fresh); continue;
		}
		if (c < ' ' || c > 0x7e || l.len >= size - 1)
			continue;
		memmove(buf + l.pos + 1, buf + l.pos, l.len - l.pos);
		buf[l.pos] = c;
		l.len++;
		echo(buf + l.pos, l.len - l.pos);
		l.pos++;
		echo_back(l.len - l.pos);
	}
done:
	buf[l.len] = '\0';
	if (l.len && (!history_len || strcmp(history[(history_len - 1) % KSHELL_HISTORY], buf)))
		strlcpy(history[history_len++ % KSHELL_HISTORY], buf, KSHELL_LINE_MAX);
	return l.len;
}

static struct file *console;

static long console_ioctl(unsigned int cmd, void *arg)
{
	if (!console->f_op || !console->f_op->ioctl)
		return -ENOTTY;
	return console->f_op->ioctl(file_inode(console), console, cmd, (unsigned long)arg);
}

/* one byte from /dev/console in raw mode; -1 for ^C-as-signal or end of input */
static int console_file_getc(void)
{
	char c;
	long r = kernel_read(console, 0, &c, 1);

	return r == 1 ? (unsigned char)c : -1;
}

/*
 * Read a line: from /dev/console once the tty exists, switched for the
 * line's length to raw mode (no echo, no signals, a byte at a time) so the
 * editor sees the arrow keys, then put back as it was for the command;
 * before the tty, straight from the console drivers.
 */
static int read_line(const char *prompt, char *buf, int size)
{
	struct termios saved, raw;
	int n;

	if (!console) {
		struct file *f = filp_open("/dev/console", O_RDWR, 0);

		if (IS_ERR(f)) {
			printk("%s", prompt);
			return edit_line(buf, size, console_getc);
		}
		console = f;
	}
	if (console_ioctl(TCGETS, &saved)) {
		printk("%s", prompt);
		return edit_line(buf, size, console_file_getc);
	}
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	console_ioctl(TCSETS, &raw);	/* before the prompt: nothing typed is echoed twice */
	printk("%s", prompt);
	n = edit_line(buf, size, console_file_getc);
	console_ioctl(TCSETS, &saved);
	return n;
}

/*
 * Before the first command, let init settle: on several CPUs it execs
 * /sbin/init on an AP while the shell starts on CPU 0, and a kernel test
 * that counts pages or wants an idle AP would see it at work (longer when
 * the host starves the AP's vCPU thread). Settled is asleep interruptibly
 * (sigsuspend, or the kernel's own wait for orphans), twice in a row.
 * Bounded: an init that never sleeps delays the shell 10 s at most.
 */
static void wait_init_settled(void)
{
	u64 end = ktime_get_ns() + 10000000000ULL;
	int quiet = 0;

	while (quiet < 2 && ktime_get_ns() < end) {
		struct task_struct *init = child_reaper;

		if (init != &init_task && init->state == TASK_INTERRUPTIBLE)
			quiet++;
		else
			quiet = 0;
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(1);
	}
}

void kshell_main(void)
{
	static char line[KSHELL_LINE_MAX];

	printk_set_shell_task(current);
	wait_init_settled();
	if (run_command) {
		/* the whole boot option, not one typed line: up to the command line's size */
		static char run_line[COMMAND_LINE_SIZE];
		int ret;

		printk(KERN_INFO "kshell: running \"%s\"\n", run_command);
		strlcpy(run_line, run_command, sizeof(run_line));
		ret = kshell_execute_line(run_line);
		printk(KERN_INFO "kshell: \"%s\" exited with status %d\n", run_command, ret);
		qemu_debug_exit(ret ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
		machine_power_off();
	}
	printk("Type 'help' for the list of commands.\n");
	for (;;) {
		kshell_reap_jobs();
		read_line("kshell# ", line, sizeof(line));
		kshell_execute_line(line);
	}
}

/* ---- built-in commands ---- */

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (const struct kshell_command *c = __start_kshell_cmds; c < __stop_kshell_cmds; c++)
		printk("  %-10s %s\n", c->name, c->help);
	return 0;
}
KSHELL_COMMAND(help, cmd_help, "list the commands");

static int cmd_mem(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	show_mem();
	printk("kmalloc caches (size: objects in use, slabs):\n");
	for (unsigned int i = 0; i < kmalloc_cache_count(); i++) {
		size_t size;
		unsigned long objs, slabs;

		kmalloc_cache_info(i, &size, &objs, &slabs);
		printk("  %4u: %lu, %lu\n", (unsigned int)size, objs, slabs);
	}
	printk("vfs: %lu dentries, %lu inodes, %lu open files, %lu pages of file data\n",
	       dentry_count(), inode_count(), nr_open_files(), ramfs_pages);
	return 0;
}
KSHELL_COMMAND(mem, cmd_mem, "free and used pages, free blocks per order, kmalloc caches");



/*
 * test [all]: the in-kernel tests, then every test program in /bin/tests;
 * test SUITE: one in-kernel suite; test user [NAME]: the programs only.
 */
static int cmd_test(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "all";
	int passed = 0, failed = 0, up = 0, uf = 0, ret = 0;

	if (!strcmp(what, "list")) {
		ktest_list_suites();
		return 0;
	}
	if (strcmp(what, "user")) {
		ret = ktest_run(what, &passed, &failed);
		if (ret < 0) {
			ktest_list_suites();
			return 1;
		}
		printk("ktest: %d passed, %d failed\n", passed, failed);
	}
	if (!strcmp(what, "all") || !strcmp(what, "user")) {
		ktest_run_user_programs(argc > 2 ? argv[2] : NULL, &up, &uf);
		printk("user tests: %d passed, %d failed\n", up, uf);
	}
	return failed || uf ? 1 : 0;
}
KSHELL_COMMAND(test, cmd_test, "[all|SUITE|user [NAME]|list] - in-kernel tests, then the user test programs");

static int cmd_uptime(int argc, char **argv)
{
	u64 j = get_jiffies_64();

	(void)argc;
	(void)argv;
	printk("up %lu.%03lu s (%llu jiffies, HZ=%d)\n", (unsigned long)(j / HZ),
	       (unsigned long)(j % HZ), j, HZ);
	return 0;
}
KSHELL_COMMAND(uptime, cmd_uptime, "time since boot");

static int cmd_reboot(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	machine_restart();
}
KSHELL_COMMAND(reboot, cmd_reboot, "restart the machine");

static int cmd_halt(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	machine_power_off();
}
KSHELL_COMMAND(halt, cmd_halt, "power off (ends QEMU)");

static int fs_fail(const char *cmd, const char *path, long err)
{
	printk("%s: %s: %s\n", cmd, path, kshell_strerror(err));
	return 1;
}

/* echo TEXT [> FILE | >> FILE] */
static int cmd_echo(int argc, char **argv)
{
	char text[KSHELL_LINE_MAX];
	const char *file = NULL;
	int append = 0, n = 0;
	long fd, err;

	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (w[0] == '>') {
			append = w[1] == '>';
			file = w[append ? 2 : 1] ? w + (append ? 2 : 1) : argv[i + 1];
			if (!file) {
				printk("echo: missing file after %s\n", w);
				return 1;
			}
			break;
		}
		n += snprintf(text + n, sizeof(text) - n, "%s%s", n ? " " : "", w);
		if (n >= (int)sizeof(text) - 1)
			n = sizeof(text) - 2;
	}
	text[n++] = '\n';
	text[n] = '\0';
	if (!file) {
		printk("%s", text);
		return 0;
	}
	fd = sys_open(file, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0666);
	if (fd < 0)
		return fs_fail("echo", file, fd);
	err = sys_write(fd, text, n);
	sys_close(fd);
	return err < 0 ? fs_fail("echo", file, err) : 0;
}
KSHELL_COMMAND(echo, cmd_echo, "TEXT [> FILE|>> FILE] - print TEXT, or write it to FILE");

static int cmd_dmesg(int argc, char **argv)
{
	extern size_t log_buf_copy(char *dst, size_t size);
	char *buf = kmalloc(16384, GFP_KERNEL);
	size_t n;

	(void)argc;
	(void)argv;
	if (!buf)
		return 1;
	n = log_buf_copy(buf, 16384);
	console_write(buf, n, 6);
	kfree(buf);
	return 0;
}
KSHELL_COMMAND(dmesg, cmd_dmesg, "print the kernel log buffer");

/*
 * Deliberate faults, to see (and test) what a kernel bug prints: the
 * register dump and the symbolised backtrace. The helpers are noinline so
 * the backtrace has frames worth reading.
 */
static volatile int crash_divisor;

static int __attribute__((noinline, noclone)) crash_divide(int n)
{
	return n / crash_divisor;
}

static int __attribute__((noinline, noclone)) crash_unmapped(unsigned long addr)
{
	return *(volatile int *)addr;
}

static int cmd_crash(int argc, char **argv)
{
	if (argc < 2) {
		printk("usage: crash divzero|pagefault|null|panic\n");
		return 1;
	}
	if (!strcmp(argv[1], "divzero"))
		return crash_divide(100);
	if (!strcmp(argv[1], "pagefault"))
		return crash_unmapped(0xf8000000);	/* beyond the direct map */
	if (!strcmp(argv[1], "null"))
		return crash_unmapped(0);
	if (!strcmp(argv[1], "panic"))
		panic("crash command");
	printk("crash: unknown fault '%s'\n", argv[1]);
	return 1;
}
KSHELL_COMMAND(crash, cmd_crash, "divzero|pagefault|null|panic - test-only: fault on purpose");

/* cycles per operation, median of 9 runs of 1000: figures to quote, never to assert */
static unsigned long median9(unsigned long *v)
{
	for (int i = 1; i < 9; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			unsigned long t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[4];
}

static int cmd_kbench(int argc, char **argv)
{
	unsigned long runs[9];

	(void)argc;
	(void)argv;
	for (int r = 0; r < 9; r++) {
		u64 t0 = rdtsc();

		for (int i = 0; i < 1000; i++)
			__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
		runs[r] = (unsigned long)((rdtsc() - t0) / 1000);
	}
	printk("alloc_pages(0)+__free_pages: %lu cycles\n", median9(runs));
	for (int r = 0; r < 9; r++) {
		u64 t0 = rdtsc();

		for (int i = 0; i < 1000; i++)
			kfree(kmalloc(64, GFP_KERNEL));
		runs[r] = (unsigned long)((rdtsc() - t0) / 1000);
	}
	printk("kmalloc(64)+kfree: %lu cycles\n", median9(runs));
	return 0;
}
KSHELL_COMMAND(kbench, cmd_kbench, "cycles per page and kmalloc allocate+free (median of 9)");

/* ---- files ---- */

static void mode_string(unsigned int mode, char *s)
{
	static const char types[16] = "?pc?d?b?-?l?s???";
	const char *rwx = "rwxrwxrwx";

	s[0] = types[(mode >> 12) & 15];
	for (int i = 0; i < 9; i++)
		s[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
	if (mode & S_ISUID)
		s[3] = (mode & S_IXUSR) ? 's' : 'S';
	if (mode & S_ISGID)
		s[6] = (mode & S_IXGRP) ? 's' : 'S';
	if (mode & S_ISVTX)
		s[9] = (mode & S_IXOTH) ? 't' : 'T';
	s[10] = '\0';
}

/* seconds since the Epoch as "YYYY-MM-DD HH:MM:SS" (UTC) */
static void time_string(unsigned long t, char *s, size_t n)
{
	unsigned long days = t / 86400, secs = t % 86400;
	unsigned long z = days + 719468, era = z / 146097, doe = z - era * 146097;
	unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
	unsigned long m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);

	snprintf(s, n, "%04lu-%02lu-%02lu %02lu:%02lu:%02lu", y, m, d, secs / 3600,
		 secs / 60 % 60, secs % 60);
}

static void ls_long(const char *dir, const char *name)
{
	char path[256], mode[11], when[24], size[24], target[128];
	struct stat64 st;
	long err;

	if (dir)
		snprintf(path, sizeof(path), "%s/%s", dir, name);
	else
		strlcpy(path, name, sizeof(path));
	err = sys_lstat64(path, &st);
	if (err) {
		fs_fail("ls", path, err);
		return;
	}
	mode_string(st.st_mode, mode);
	time_string(st.st_mtime, when, sizeof(when));
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		snprintf(size, sizeof(size), "%3u, %3u", (unsigned int)((st.st_rdev >> 8) & 0xfff),
			 (unsigned int)((st.st_rdev & 0xff) | ((st.st_rdev >> 12) & 0xfff00)));
	else
		snprintf(size, sizeof(size), "%8llu", (unsigned long long)st.st_size);
	printk("%s %2u %4lu %4lu %s %s %s", mode, st.st_nlink, st.st_uid, st.st_gid, size,
	       when, name);
	if (S_ISLNK(st.st_mode)) {
		err = sys_readlink(path, target, sizeof(target) - 1);
		if (err >= 0) {
			target[err] = '\0';
			printk(" -> %s", target);
		}
	}
	printk("\n");
}

static int name_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* ls [-l] [-a] [PATH]: names sorted, dot files only with -a */
static int cmd_ls(int argc, char **argv)
{
	const char *path = ".";
	int longfmt = 0, all = 0, count = 0, cap = 64, ret = 0;
	char **names = NULL, *buf = NULL;
	struct stat64 st;
	long fd, n, err;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-') {
			for (const char *c = argv[i] + 1; *c; c++) {
				if (*c == 'l')
					longfmt = 1;
				else if (*c == 'a')
					all = 1;
			}
		} else {
			path = argv[i];
		}
	}
	err = sys_stat64(path, &st);
	if (err)
		return fs_fail("ls", path, err);
	if (!S_ISDIR(st.st_mode)) {
		if (longfmt)
			ls_long(NULL, path);
		else
			printk("%s\n", path);
		return 0;
	}
	fd = sys_open(path, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return fs_fail("ls", path, fd);
	buf = kmalloc(4096, GFP_KERNEL);
	names = kmalloc(cap * sizeof(*names), GFP_KERNEL);
	if (!buf || !names) {
		ret = 1;
		goto out;
	}
	while ((n = sys_getdents64(fd, (struct linux_dirent64 *)buf, 4096)) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			char *copy;

			off += d->d_reclen;
			if (d->d_name[0] == '.' && !all)
				continue;
			if (count == cap) {
				char **bigger = kmalloc(2 * cap * sizeof(*names), GFP_KERNEL);

				if (!bigger)
					continue;
				memcpy(bigger, names, cap * sizeof(*names));
				kfree(names);
				names = bigger;
				cap *= 2;
			}
			copy = kmalloc(strlen(d->d_name) + 1, GFP_KERNEL);
			if (!copy)
				continue;
			strcpy(copy, d->d_name);
			names[count++] = copy;
		}
	}
	if (n < 0)
		ret = fs_fail("ls", path, n);
	for (int i = 1; i < count; i++)
		for (int j = i; j > 0 && name_cmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (int i = 0; i < count; i++) {
		if (longfmt)
			ls_long(path, names[i]);
		else
			printk("%s\n", names[i]);
		kfree(names[i]);
	}
out:
	kfree(names);
	kfree(buf);
	sys_close(fd);
	return ret;
}
KSHELL_COMMAND(ls, cmd_ls, "[-l] [-a] [PATH] - list a directory");

static int cmd_cat(int argc, char **argv)
{
	char buf[512];
	int ret = 0;

	if (argc < 2) {
		printk("usage: cat FILE...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		long fd = sys_open(argv[i], O_RDONLY, 0), n;

		if (fd < 0) {
			ret = fs_fail("cat", argv[i], fd);
			continue;
		}
		while ((n = sys_read(fd, buf, sizeof(buf))) > 0)
			console_write(buf, n, 6);
		if (n < 0)
			ret = fs_fail("cat", argv[i], n);
		sys_close(fd);
	}
	return ret;
}
KSHELL_COMMAND(cat, cmd_cat, "FILE... - print files");

/* run one call per path argument; report each failure */
static int for_each_path(int argc, char **argv, long (*fn)(const char *))
{
	int ret = 0;

	if (argc < 2) {
		printk("usage: %s PATH...\n", argv[0]);
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		long err = fn(argv[i]);

		if (err)
			ret = fs_fail(argv[0], argv[i], err);
	}
	return ret;
}

static long do_mkdir(const char *p) { return sys_mkdir(p, 0777); }
static long do_rm(const char *p) { return sys_unlink(p); }
static long do_rmdir_cmd(const char *p) { return sys_rmdir(p); }
static long do_mkfifo(const char *p) { return sys_mknod(p, S_IFIFO | 0666, 0); }

static int cmd_mkdir(int argc, char **argv) { return for_each_path(argc, argv, do_mkdir); }
KSHELL_COMMAND(mkdir, cmd_mkdir, "PATH... - make directories");
static int cmd_rm(int argc, char **argv) { return for_each_path(argc, argv, do_rm); }
KSHELL_COMMAND(rm, cmd_rm, "PATH... - remove files");
static int cmd_rmdir(int argc, char **argv) { return for_each_path(argc, argv, do_rmdir_cmd); }
KSHELL_COMMAND(rmdir, cmd_rmdir, "PATH... - remove empty directories");
static int cmd_mkfifo(int argc, char **argv) { return for_each_path(argc, argv, do_mkfifo); }
KSHELL_COMMAND(mkfifo, cmd_mkfifo, "PATH... - make FIFOs (named pipes)");

static int cmd_stat(int argc, char **argv)
{
	static const char *const types[16] = {
		"unknown", "fifo", "character special file", "unknown", "directory", "unknown",
		"block special file", "unknown", "regular file", "unknown", "symbolic link",
		"unknown", "socket", "unknown", "unknown", "unknown",
	};
	char mode[11], when[24];
	struct stat64 st;
	long err;

	if (argc < 2) {
		printk("usage: stat PATH\n");
		return 1;
	}
	err = sys_lstat64(argv[1], &st);
	if (err)
		return fs_fail("stat", argv[1], err);
	mode_string(st.st_mode, mode);
	printk("  File: %s\n", argv[1]);
	printk("  Size: %llu\tBlocks: %llu\tIO Block: %lu\t%s\n", (unsigned long long)st.st_size,
	       (unsigned long long)st.st_blocks, st.st_blksize, types[(st.st_mode >> 12) & 15]);
	printk("Device: %llxh\tInode: %llu\tLinks: %u", (unsigned long long)st.st_dev,
	       (unsigned long long)st.st_ino, st.st_nlink);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printk("\tDevice type: %u,%u", (unsigned int)((st.st_rdev >> 8) & 0xfff),
		       (unsigned int)(st.st_rdev & 0xff));
	printk("\nAccess: (%04o/%s)  Uid: %lu  Gid: %lu\n", st.st_mode & 07777, mode,
	       st.st_uid, st.st_gid);
	time_string(st.st_atime, when, sizeof(when));
	printk("Access: %s\n", when);
	time_string(st.st_mtime, when, sizeof(when));
	printk("Modify: %s\n", when);
	time_string(st.st_ctime, when, sizeof(when));
	printk("Change: %s\n", when);
	return 0;
}
KSHELL_COMMAND(stat, cmd_stat, "PATH - show a file's inode");

static int cmd_cd(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	long err = sys_chdir(path);

	return err ? fs_fail("cd", path, err) : 0;
}
KSHELL_COMMAND(cd, cmd_cd, "[PATH] - change directory (default /)");

static int cmd_pwd(int argc, char **argv)
{
	char buf[256];
	long err = sys_getcwd(buf, sizeof(buf));

	(void)argc;
	if (err < 0)
		return fs_fail(argv[0], ".", err);
	printk("%s\n", buf);
	return 0;
}
KSHELL_COMMAND(pwd, cmd_pwd, "print the working directory");

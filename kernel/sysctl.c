/*
 * kernel/sysctl.c - the sysctl directories and the generic handlers that
 * read and write integers, longs and strings (Linux: kernel/sysctl.c), with
 * Linux's parsing: whitespace-separated decimal values, a value must end
 * at whitespace or the end, out-of-range values are EINVAL and leave the
 * old value, a write past offset 0 is ignored (sysctl_writes_strict).
 */
#include <kernel/sysctl.h>
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/mm_types.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/pipe_fs_i.h>
#include <kernel/fs.h>

int sysctl_zero;
int sysctl_one = 1;
int sysctl_int_max = 0x7fffffff;

struct ctl_dir sysctl_dirs[] = { { .name = "fs" }, { .name = "kernel" }, { .name = "vm" } };
const int nr_sysctl_dirs = sizeof(sysctl_dirs) / sizeof(sysctl_dirs[0]);

int register_sysctl(const char *dir, struct ctl_table *table)
{
	for (int i = 0; i < nr_sysctl_dirs; i++) {
		if (strcmp(sysctl_dirs[i].name, dir))
			continue;
		for (int j = 0; j < SYSCTL_MAX_TABLES; j++)
			if (!sysctl_dirs[i].tables[j]) {
				sysctl_dirs[i].tables[j] = table;
				return 0;
			}
		return -ENOSPC;
	}
	return -ENOENT;
}

/* ---- the handlers ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static size_t skip_spaces(const char *p, size_t left)
{
	size_t n = 0;

	while (n < left && is_space(p[n]))
		n++;
	return n;
}

/*
 * One value at *p: an optional '-' then decimal digits, ended by
 * whitespace or the end of the data. 0, or -EINVAL for anything else or
 * a number past unsigned long.
 */
static int proc_get_long(const char **p, size_t *left, unsigned long *val, int *neg)
{
	const char *s = *p;
	size_t n = *left, i = 0;
	unsigned long v = 0;

	*neg = 0;
	if (i < n && s[i] == '-') {
		*neg = 1;
		i++;
	}
	if (i >= n || s[i] < '0' || s[i] > '9')
		return -EINVAL;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		unsigned long d = s[i] - '0';

		if (v > (~0UL - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	if (i < n && !is_space(s[i]))
		return -EINVAL;
	*val = v;
	*p = s + i;
	*left = n - i;
	return 0;
}

/* read: "v1\tv2...\n" from offset *ppos */
static int proc_put_text(const char *text, char *buffer, size_t *lenp, loff_t *ppos)
{
	size_t len = strlen(text);

	if (*ppos >= (loff_t)len) {
		*lenp = 0;
		return 0;
	}
	len -= *ppos;
	if (len > *lenp)
		len = *lenp;
	memcpy(buffer, text + *ppos, len);
	*lenp = len;
	*ppos += len;
	return 0;
}

/*
 * The vector handlers: ints or longs, each optionally within
 * [*min, *max]. A write parses every value first and stores only when all
 * are good, so a bad one leaves the old values.
 */
static int do_proc_vec(struct ctl_table *table, int write, char *buffer, size_t *lenp,
		       loff_t *ppos, int is_long, int check)
{
	size_t elem = is_long ? sizeof(long) : sizeof(int);
	int n = table->maxlen / elem;
	long vals[8];
	long min = -0x7fffffffL - 1, max = 0x7fffffffL;
	unsigned long umin = 0, umax = ~0UL;

	if (n > 8)
		n = 8;
	if (check && table->extra1) {
		min = is_long ? 0 : *(int *)table->extra1;
		umin = is_long ? *(unsigned long *)table->extra1 : 0;
	}
	if (check && table->extra2) {
		max = is_long ? 0 : *(int *)table->extra2;
		umax = is_long ? *(unsigned long *)table->extra2 : 0;
	}
	if (!write) {
		char text[8 * 24] = "";
		size_t at = 0;

		for (int i = 0; i < n; i++) {
			if (is_long)
				at += snprintf(text + at, sizeof(text) - at, "%s%lu", i ? "\t" : "",
					       ((unsigned long *)table->data)[i]);
			else
				at += snprintf(text + at, sizeof(text) - at, "%s%d", i ? "\t" : "",
					       ((int *)table->data)[i]);
		}
		snprintf(text + at, sizeof(text) - at, "\n");
		return proc_put_text(text, buffer, lenp, ppos);
	}
	if (*ppos)
		return 0;	/* strict: only a write at 0 sets the value; *lenp consumed */
	{
		const char *p = buffer;
		size_t left = *lenp, skip;
		int i;

		for (i = 0; i < n; i++) {
			unsigned long v;
			int neg, err;

			skip = skip_spaces(p, left);
			p += skip;
			left -= skip;
			if (!left)
				break;
			err = proc_get_long(&p, &left, &v, &neg);
			if (err)
				return err;
			if (is_long) {
				/* the unsigned long handlers take no sign */
				if (neg || v < umin || v > umax)
					return -EINVAL;
				vals[i] = v;
			} else {
				long long sv = neg ? -(long long)v : (long long)v;

				if (v > 0x80000000UL || sv < min || sv > max)
					return -EINVAL;
				vals[i] = (long)sv;
			}
		}
		if (!i)
			return -EINVAL;
		skip = skip_spaces(p, left);
		left -= skip;
		for (int j = 0; j < i; j++) {
			if (is_long)
				((unsigned long *)table->data)[j] = vals[j];
			else
				((int *)table->data)[j] = vals[j];
		}
		*lenp -= left;	/* what was not parsed is not consumed, as Linux */
		*ppos += *lenp;
	}
	return 0;
}

int proc_dointvec(struct ctl_table *table, int write, char *buffer, size_t *lenp, loff_t *ppos)
{
	return do_proc_vec(table, write, buffer, lenp, ppos, 0, 0);
}

int proc_dointvec_minmax(struct ctl_table *table, int write, char *buffer, size_t *lenp,
			 loff_t *ppos)
{
	return do_proc_vec(table, write, buffer, lenp, ppos, 0, 1);
}

int proc_doulongvec_minmax(struct ctl_table *table, int write, char *buffer, size_t *lenp,
			   loff_t *ppos)
{
	return do_proc_vec(table, write, buffer, lenp, ppos, 1, 1);
}

/* a string up to maxlen - 1 bytes; a write stops at the first newline */
int proc_dostring(struct ctl_table *table, int write, char *buffer, size_t *lenp, loff_t *ppos)
{
	char *data = table->data;

	if (!write) {
		char text[256];

		snprintf(text, sizeof(text), "%s\n", data);
		return proc_put_text(text, buffer, lenp, ppos);
	}
	if (*ppos)
		return 0;
	{
		size_t len = 0;

		while (len < *lenp && buffer[len] && buffer[len] != '\n')
			len++;
		if (len > (size_t)table->maxlen - 1)
			len = table->maxlen - 1;
		memcpy(data, buffer, len);
		data[len] = '\0';
		*ppos += *lenp;
	}
	return 0;
}

/* ---- kernel.*, vm.* ---- */

char system_utsname_nodename[65] = KERNEL_NAME;	/* uname's nodename */
char system_utsname_domainname[65] = "(none)";	/* uname's domainname */

/* vm.mmap_min_addr: writing it takes CAP_SYS_RAWIO (Linux: mmap_min_addr_handler) */
static int mmap_min_addr_handler(struct ctl_table *table, int write, char *buffer, size_t *lenp,
				 loff_t *ppos)
{
	if (write && !capable(CAP_SYS_RAWIO))
		return -EPERM;
	return proc_doulongvec_minmax(table, write, buffer, lenp, ppos);
}

extern int dmesg_restrict;	/* kernel/sys.c: syslog(2) */
extern int max_threads;		/* kernel/fork.c */
static int one = 1;

/* kernel.threads-max: 1..FUTEX_TID_MASK, the limit fork checks (Linux: sysctl_max_threads) */
static int sysctl_max_threads(struct ctl_table *table, int write, char *buffer, size_t *lenp,
			      loff_t *ppos)
{
	static int min = 1, max = 0x3fffffff;
	int threads = max_threads, err;
	struct ctl_table t = *table;

	t.data = &threads;
	t.extra1 = &min;
	t.extra2 = &max;
	err = proc_dointvec_minmax(&t, write, buffer, lenp, ppos);
	if (!err && write)
		max_threads = threads;
	return err;
}

extern int randomize_va_space;	/* mm/memory.c */
static int two = 2;

static struct ctl_table kern_table[] = {
	{
		.procname = "randomize_va_space", .data = &randomize_va_space,
		.maxlen = sizeof(int), .mode = 0644, .proc_handler = proc_dointvec_minmax,
		.extra1 = &sysctl_zero, .extra2 = &two,
	},
	{
		.procname = "dmesg_restrict", .data = &dmesg_restrict, .maxlen = sizeof(int),
		.mode = 0644, .proc_handler = proc_dointvec_minmax, .extra1 = &sysctl_zero,
		.extra2 = &one,
	},
	{
		.procname = "pid_max", .data = &pid_max, .maxlen = sizeof(int), .mode = 0644,
		.proc_handler = proc_dointvec_minmax, .extra1 = &pid_max_min, .extra2 = &pid_max_max,
	},
	{
		.procname = "threads-max", .maxlen = sizeof(int), .mode = 0644,
		.proc_handler = sysctl_max_threads,
	},
	{
		.procname = "hostname", .data = system_utsname_nodename,
		.maxlen = sizeof(system_utsname_nodename), .mode = 0644,
		.proc_handler = proc_dostring,
	},
	{
		.procname = "domainname", .data = system_utsname_domainname,
		.maxlen = sizeof(system_utsname_domainname), .mode = 0644,
		.proc_handler = proc_dostring,
	},
	{ .procname = NULL }
};

/*
 * fs.pipe-max-size: F_SETPIPE_SZ's cap without CAP_SYS_RESOURCE, kept as
 * a power-of-two number of pages (Linux: proc_dopipe_max_size, round_pipe_size);
 * past 2^31 is EINVAL.
 */
static int proc_dopipe_max_size(struct ctl_table *table, int write, char *buffer, size_t *lenp,
				loff_t *ppos)
{
	unsigned long val = pipe_max_size;
	struct ctl_table t = *table;
	int err;

	t.data = &val;
	t.maxlen = sizeof(val);
	t.extra1 = t.extra2 = NULL;
	err = proc_doulongvec_minmax(&t, write, buffer, lenp, ppos);
	if (err || !write)
		return err;
	if (val > (1UL << 31))
		return -EINVAL;
	if (val < PAGE_SIZE)
		val = PAGE_SIZE;
	while (val & (val - 1))
		val = (val | (val - 1)) + 1;	/* up to a power of two */
	pipe_max_size = val;
	return 0;
}

static struct ctl_table fs_table[] = {
	{
		.procname = "pipe-max-size", .maxlen = sizeof(unsigned int), .mode = 0644,
		.proc_handler = proc_dopipe_max_size,
	},
	{ .procname = NULL }
};

static struct ctl_table vm_table[] = {
	{
		.procname = "mmap_min_addr", .data = &mmap_min_addr, .maxlen = sizeof(unsigned long),
		.mode = 0644, .proc_handler = mmap_min_addr_handler,
	},
	{ .procname = NULL }
};

void sysctl_init(void)
{
	register_sysctl("kernel", kern_table);
	register_sysctl("vm", vm_table);
	register_sysctl("fs", fs_table);
	files_sysctl_init();
	ipc_sysctl_init();
}

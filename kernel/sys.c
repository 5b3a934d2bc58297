/*
 * kernel/sys.c - the small system calls about a process (Linux: kernel/sys.c,
 * kernel/timer.c's getpid family, kernel/uid16.c's 32-bit twins): ids,
 * credentials with Linux's permission rules, process groups and sessions,
 * priorities, resource limits, uname, times and getrandom.
 */
#include <kernel/sched.h>
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/time.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <uapi/resource.h>
#include <uapi/utsname.h>
#include <kernel/sysctl.h>
#include <kernel/fs.h>

long sys_getpid(void) { return current->tgid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) { return current->real_parent->tgid; }
long sys_getuid(void) { return current->uid; }
long sys_geteuid(void) { return current->euid; }
long sys_getgid(void) { return current->gid; }
long sys_getegid(void) { return current->egid; }

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_set_robust_list(int __user *head, size_t len)
{
	if (len != 12)		/* sizeof(struct robust_list_head) on i386 */
		return -EINVAL;
	current->robust_list = head;
	current->robust_len = len;
	return 0;
}

/* ---- credentials: root may do anything; others only shuffle ids they hold ---- */

long sys_setuid(uid_t uid)
{
	struct task_struct *t = current;

	if (capable(CAP_SETUID)) {
		if (switch_uid(t, uid))
			return -EAGAIN;
		t->uid = t->euid = t->suid = t->fsuid = uid;
		return 0;
	}
	if (uid != t->uid && uid != t->suid)
		return -EPERM;
	t->euid = t->fsuid = uid;
	return 0;
}

long sys_setgid(gid_t gid)
{
	struct task_struct *t = current;

	if (capable(CAP_SETGID)) {
		t->gid = t->egid = t->sgid = t->fsgid = gid;
		return 0;
	}
	if (gid != t->gid && gid != t->sgid)
		return -EPERM;
	t->egid = t->fsgid = gid;
	return 0;
}

long sys_setreuid(uid_t ruid, uid_t euid)
{
	struct task_struct *t = current;
	uid_t old_ruid = t->uid, new_ruid = t->uid, new_euid = t->euid;

	if (ruid != (uid_t)-1) {
		if (old_ruid != ruid && t->euid != ruid && !capable(CAP_SETUID))
			return -EPERM;
		new_ruid = ruid;
	}
	if (euid != (uid_t)-1) {
		if (old_ruid != euid && t->euid != euid && t->suid != euid && !capable(CAP_SETUID))
			return -EPERM;
		new_euid = euid;
	}
	/* a changed real id, or an effective one unlike the old real id, saves it */
	if (switch_uid(t, new_ruid))
		return -EAGAIN;
	if (ruid != (uid_t)-1 || (euid != (uid_t)-1 && euid != old_ruid))
		t->suid = new_euid;
	t->uid = new_ruid;
	t->euid = t->fsuid = new_euid;
	return 0;
}

long sys_setregid(gid_t rgid, gid_t egid)
{
	struct task_struct *t = current;
	gid_t old_rgid = t->gid, new_rgid = t->gid, new_egid = t->egid;

	if (rgid != (gid_t)-1) {
		if (old_rgid != rgid && t->egid != rgid && !capable(CAP_SETGID))
			return -EPERM;
		new_rgid = rgid;
	}
	if (egid != (gid_t)-1) {
		if (old_rgid != egid && t->egid != egid && t->sgid != egid && !capable(CAP_SETGID))
			return -EPERM;
		new_egid = egid;
	}
	if (rgid != (gid_t)-1 || (egid != (gid_t)-1 && egid != old_rgid))
		t->sgid = new_egid;
	t->gid = new_rgid;
	t->egid = t->fsgid = new_egid;
	return 0;
}

static int id_held(unsigned int id, unsigned int a, unsigned int b, unsigned int c)
{
	return id == (unsigned int)-1 || id == a || id == b || id == c;
}

long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	struct task_struct *t = current;

	if (!capable(CAP_SETUID) &&
	    (!id_held(ruid, t->uid, t->euid, t->suid) || !id_held(euid, t->uid, t->euid, t->suid) ||
	     !id_held(suid, t->uid, t->euid, t->suid)))
		return -EPERM;
	if (ruid != (uid_t)-1 && switch_uid(t, ruid))
		return -EAGAIN;
	if (ruid != (uid_t)-1)
		t->uid = ruid;
	if (euid != (uid_t)-1)
		t->euid = euid;
	if (suid != (uid_t)-1)
		t->suid = suid;
	t->fsuid = t->euid;
	return 0;
}

long sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	struct task_struct *t = current;

	if (!capable(CAP_SETGID) &&
	    (!id_held(rgid, t->gid, t->egid, t->sgid) || !id_held(egid, t->gid, t->egid, t->sgid) ||
	     !id_held(sgid, t->gid, t->egid, t->sgid)))
		return -EPERM;
	if (rgid != (gid_t)-1)
		t->gid = rgid;
	if (egid != (gid_t)-1)
		t->egid = egid;
	if (sgid != (gid_t)-1)
		t->sgid = sgid;
	t->fsgid = t->egid;
	return 0;
}

long sys_getresuid(uid_t __user *r, uid_t __user *e, uid_t __user *s)
{
	if (put_user(current->uid, r) || put_user(current->euid, e) || put_user(current->suid, s))
		return -EFAULT;
	return 0;
}

long sys_getresgid(gid_t __user *r, gid_t __user *e, gid_t __user *s)
{
	if (put_user(current->gid, r) || put_user(current->egid, e) || put_user(current->sgid, s))
		return -EFAULT;
	return 0;
}

/* setfsuid returns the old fsuid whether or not it changed anything */
long sys_setfsuid(uid_t uid)
{
	struct task_struct *t = current;
	uid_t old = t->fsuid;

	if (uid == t->uid || uid == t->euid || uid == t->suid || uid == t->fsuid ||
	    capable(CAP_SETUID))
		t->fsuid = uid;
	return old;
}

long sys_setfsgid(gid_t gid)
{
	struct task_struct *t = current;
	gid_t old = t->fsgid;

	if (gid == t->gid || gid == t->egid || gid == t->sgid || gid == t->fsgid ||
	    capable(CAP_SETGID))
		t->fsgid = gid;
	return old;
}

long sys_getgroups(int size, gid_t __user *list)
{
	if (size < 0)
		return -EINVAL;
	if (!size)
		return current->ngroups;
	if (size < current->ngroups)
		return -EINVAL;
	if (copy_to_user(list, current->groups, current->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return current->ngroups;
}

long sys_setgroups(int size, gid_t __user *list)
{
	gid_t groups[NGROUPS_MAX];

	if (!capable(CAP_SETGID))
		return -EPERM;
	if (size < 0 || size > NGROUPS_MAX)
		return -EINVAL;
	if (copy_from_user(groups, list, size * sizeof(gid_t)))
		return -EFAULT;
	memcpy(current->groups, groups, size * sizeof(gid_t));
	current->ngroups = size;
	return 0;
}

int in_group_p(gid_t gid)
{
	if (gid == current->fsgid)
		return 1;
	for (int i = 0; i < current->ngroups; i++)
		if (current->groups[i] == gid)
			return 1;
	return 0;
}

int in_egroup_p(gid_t gid)
{
	if (gid == current->egid)
		return 1;
	for (int i = 0; i < current->ngroups; i++)
		if (current->groups[i] == gid)
			return 1;
	return 0;
}

/* ---- process groups and sessions ---- */

static int session_has_pgrp(pid_t session, pid_t pgrp)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pgrp == pgrp && p->session == session)
			return 1;
	return 0;
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p;

	if (!pid)
		pid = current->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (!p || p == &init_task)
		return -ESRCH;
	if (p != current && p->real_parent != current)
		return -ESRCH;
	if (p->session == p->pid)	/* a session leader keeps its group */
		return -EPERM;
	if (p->session != current->session)
		return -EPERM;
	if (pgid != pid && !session_has_pgrp(current->session, pgid))
		return -EPERM;
	p->pgrp = pgid;
	return 0;
}

long sys_getpgid(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p && p != &init_task ? p->pgrp : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgrp;
}

long sys_getsid(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p && p != &init_task ? p->session : -ESRCH;
}

long sys_setsid(void)
{
	struct task_struct *p;

	/* not if we lead a group, nor if a group already has our id */
	list_for_each_entry(p, &task_list, tasks)
		if (p->pgrp == current->pid)
			return -EPERM;
	current->session = current->pgrp = current->pid;
	return current->session;
}

/* ---- priorities ---- */

long sys_sched_yield(void)
{
	yield();
	return 0;
}

long sys_nice(int increment)
{
	long nice;

	if (increment < -40)
		increment = -40;
	if (increment > 40)
		increment = 40;
	nice = task_nice(current) + increment;

	if (increment < 0 && !capable(CAP_SYS_NICE))
		return -EPERM;
	if (nice < -20)
		nice = -20;
	if (nice > 19)
		nice = 19;
	set_user_nice(current, nice);
	return 0;
}

static int prio_matches(struct task_struct *p, int which, int who)
{
	switch (which) {
	case PRIO_PROCESS:
		return p->pid == (who ? who : current->pid);
	case PRIO_PGRP:
		return p->pgrp == (who ? who : current->pgrp);
	default:
		return p->uid == (uid_t)(who ? who : (int)current->uid);
	}
}

long sys_setpriority(int which, int who, int niceval)
{
	struct task_struct *p;
	long err = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	if (niceval < -20)
		niceval = -20;
	if (niceval > 19)
		niceval = 19;
	list_for_each_entry(p, &task_list, tasks) {
		if (!prio_matches(p, which, who) || (p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
			continue;
		if (p->uid != current->euid && p->euid != current->euid && !capable(CAP_SYS_NICE)) {
			err = -EPERM;
			continue;
		}
		if (niceval < task_nice(p) && !capable(CAP_SYS_NICE)) {
			err = -EACCES;
			continue;
		}
		set_user_nice(p, niceval);
		if (err == -ESRCH)
			err = 0;
	}
	return err;
}

/* the raw call returns 20 - nice (1..40) so that no value looks like an error */
long sys_getpriority(int which, int who)
{
	struct task_struct *p;
	long best = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	list_for_each_entry(p, &task_list, tasks) {
		long v;

		if (!prio_matches(p, which, who) || (p->state & (EXIT_ZOMBIE | EXIT_DEAD)))
			continue;
		v = 20 - task_nice(p);
		if (v > best)
			best = v;
	}
	return best;
}

/* ---- resource limits ---- */

long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(rlim, &current->rlim[resource], sizeof(*rlim)) ? -EFAULT : 0;
}

static long do_setrlimit(unsigned int resource, struct rlimit *r)
{
	struct rlimit *old = &current->rlim[resource];

	if (r->rlim_cur > r->rlim_max)
		return -EINVAL;
	/* the fd table cannot grow past fs.nr_open, whoever asks, as Linux */
	if (resource == RLIMIT_NOFILE && r->rlim_max > sysctl_nr_open)
		return -EPERM;
	if (r->rlim_max > old->rlim_max && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	*old = *r;
	return 0;
}

long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	return do_setrlimit(resource, &r);
}

static unsigned long long rlim_to64(unsigned long v)
{
	return v == RLIM_INFINITY ? ~0ULL : v;
}

long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new,
		   struct rlimit64 __user *old)
{
	struct rlimit64 n, o;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && pid != current->pid)
		return find_task_by_pid(pid) ? -EPERM : -ESRCH;
	if (new && copy_from_user(&n, new, sizeof(n)))
		return -EFAULT;
	o.rlim_cur = rlim_to64(current->rlim[resource].rlim_cur);
	o.rlim_max = rlim_to64(current->rlim[resource].rlim_max);
	if (new) {
		struct rlimit r;
		long err;

		r.rlim_cur = n.rlim_cur >= RLIM_INFINITY ? RLIM_INFINITY : n.rlim_cur;
		r.rlim_max = n.rlim_max >= RLIM_INFINITY ? RLIM_INFINITY : n.rlim_max;
		err = do_setrlimit(resource, &r);
		if (err)
			return err;
	}
	if (old && copy_to_user(old, &o, sizeof(o)))
		return -EFAULT;
	return 0;
}

long sys_getrusage(int who, struct rusage __user *ru)
{
	struct rusage r;
	unsigned long ut, st;

	/* RUSAGE_SELF: the whole thread group; RUSAGE_CHILDREN: kept by its leader */
	if (who == 0) {
		thread_group_times(current, &ut, &st);
	} else if (who == -1) {
		ut = current->group_leader->cutime;
		st = current->group_leader->cstime;
	} else if (who == 1) {	/* RUSAGE_THREAD */
		ut = current->utime;
		st = current->stime;
	} else {
		return -EINVAL;
	}
	memset(&r, 0, sizeof(r));
	r.ru_utime.tv_sec = ut / HZ;
	r.ru_utime.tv_usec = (ut % HZ) * (1000000 / HZ);
	r.ru_stime.tv_sec = st / HZ;
	r.ru_stime.tv_usec = (st % HZ) * (1000000 / HZ);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* ---- about the system ---- */

static void fill_utsname(struct new_utsname *u);

/*
 * sethostname and setdomainname: CAP_SYS_ADMIN (EPERM first, as Linux),
 * then 0..64 bytes, not NUL-terminated, the rest of the field cleared.
 */
static long set_uts_field(char *field, const char __user *name, int len)
{
	char tmp[__NEW_UTS_LEN];
	unsigned long flags;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, name, len))
		return -EFAULT;
	flags = local_irq_save();	/* readers are process context too: the BKL serializes them */
	memcpy(field, tmp, len);
	memset(field + len, 0, __NEW_UTS_LEN + 1 - len);
	local_irq_restore(flags);
	return 0;
}

long sys_sethostname(const char __user *name, int len)
{
	return set_uts_field(system_utsname_nodename, name, len);
}

long sys_setdomainname(const char __user *name, int len)
{
	return set_uts_field(system_utsname_domainname, name, len);
}

long sys_newuname(struct new_utsname __user *name)
{
	struct new_utsname u;

	fill_utsname(&u);
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/* uname(109): struct old_utsname, new_utsname without the domain name */
long sys_uname(struct new_utsname __user *name)
{
	struct new_utsname u;

	fill_utsname(&u);
	return copy_to_user(name, &u, 5 * (__NEW_UTS_LEN + 1)) ? -EFAULT : 0;
}

/* olduname(59): struct oldold_utsname, five fields of 9 bytes, each cut and terminated */
#define __OLD_UTS_LEN 8
long sys_olduname(char __user *name)
{
	struct new_utsname u;
	const char *f[5];
	char out[5 * (__OLD_UTS_LEN + 1)];

	if (!name)
		return -EFAULT;
	fill_utsname(&u);
	f[0] = u.sysname;
	f[1] = u.nodename;
	f[2] = u.release;
	f[3] = u.version;
	f[4] = u.machine;
	memset(out, 0, sizeof(out));
	for (int i = 0; i < 5; i++)
		memcpy(out + i * (__OLD_UTS_LEN + 1), f[i], strnlen(f[i], __OLD_UTS_LEN));
	return copy_to_user(name, out, sizeof(out)) ? -EFAULT : 0;
}

static void fill_utsname(struct new_utsname *up)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Linux");	/* the ABI it speaks; glibc wants at least 3.2 */
	strcpy(u.nodename, system_utsname_nodename);	/* kernel.hostname */
	strcpy(u.release, "3.2.0-" KERNEL_NAME);
	strcpy(u.version, "#1 " KERNEL_NAME " " KERNEL_VERSION " (Linux 2.6 IPC semantics)");
	strcpy(u.machine, "i686");
	strcpy(u.domainname, system_utsname_domainname);	/* kernel.domainname */
	*up = u;
}

#define USER_HZ 100	/* what times() and AT_CLKTCK count in */

long sys_times(struct tms __user *tbuf)
{
	struct tms t;

	if (tbuf) {
		unsigned long ut, st;

		thread_group_times(current, &ut, &st);	/* the process: every thread */
		t.tms_utime = ut / (HZ / USER_HZ);
		t.tms_stime = st / (HZ / USER_HZ);
		t.tms_cutime = current->group_leader->cutime / (HZ / USER_HZ);
		t.tms_cstime = current->group_leader->cstime / (HZ / USER_HZ);
		if (copy_to_user(tbuf, &t, sizeof(t)))
			return -EFAULT;
	}
	return (long)(get_jiffies_64() / (HZ / USER_HZ));
}

/* xorshift128+, seeded from the TSC: unpredictable enough for AT_RANDOM and getrandom */
static u64 rng_s0, rng_s1;

static u64 rng_next(void)
{
	u64 x = rng_s0, y = rng_s1;

	if (!x && !y) {
		x = rdtsc() | 1;
		y = (x << 17) ^ 0x9e3779b97f4a7c15ULL;
	}
	rng_s0 = y;
	x ^= x << 23;
	rng_s1 = x ^ y ^ (x >> 17) ^ (y >> 26);
	return rng_s1 + y;
}

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;

	rng_s0 ^= rdtsc();
	while (n) {
		u64 r = rng_next();
		size_t k = n < 8 ? n : 8;

		memcpy(p, &r, k);
		p += k;
		n -= k;
	}
}

long sys_getrandom(char __user *buf, size_t count, unsigned int flags)
{
	u8 chunk[64];
	size_t done = 0;

	if (flags & ~0x7)	/* GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE */
		return -EINVAL;
	if (count > 33554431)
		count = 33554431;
	while (done < count) {
		size_t n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);

		size_t left;

		get_random_bytes(chunk, n);
		left = copy_to_user(buf + done, chunk, n);
		done += n - left;
		if (left)	/* a fault part-way: what was copied, as Linux */
			return done ? (long)done : -EFAULT;
	}
	return done;
}

/* personality(2): 0xffffffff only asks; any other value is taken, as Linux does */
long sys_personality(unsigned long persona)
{
	unsigned int old = current->personality;

	if (persona != 0xffffffff)
		current->personality = persona;
	return old;
}
/* ---- syslog(103): the kernel log for dmesg (Linux: kernel/printk.c do_syslog) ---- */

#include <kernel/printk.h>
#include <kernel/slab.h>

/* kernel/printk.c: the newest bytes of the log; bytes ever logged and the buffer's size */
size_t log_buf_copy(char *dst, size_t size);
unsigned long log_buf_end(size_t *len);

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

int dmesg_restrict = 1;		/* kernel.dmesg_restrict: Debian's default */
static unsigned long syslog_seq, clear_seq;	/* log offsets: read up to, cleared up to */
static int saved_console_loglevel = -1;

/*
 * The log bytes from log offset *from on (no further back than the log
 * keeps), at most len: the newest ones for READ_ALL, as Linux; the oldest
 * unread ones for READ, which then moves *from past them.
 */
static long syslog_copy(char __user *buf, int len, unsigned long *from, int oldest_first)
{
	size_t cap, kept, avail, n, start;
	unsigned long end = log_buf_end(&cap);
	char *kbuf = kmalloc(cap, GFP_KERNEL);
	long err = 0;

	if (!kbuf)
		return -ENOMEM;
	kept = log_buf_copy(kbuf, cap);
	avail = end - *from < kept ? end - *from : kept;
	n = avail < (size_t)len ? avail : (size_t)len;
	start = oldest_first ? kept - avail : kept - n;
	if (copy_to_user(buf, kbuf + start, n))
		err = -EFAULT;
	else if (oldest_first)
		*from = end - avail + n;
	kfree(kbuf);
	return err ? err : (long)n;
}

long do_syslog(int type, char __user *buf, int len)
{
	size_t cap;
	unsigned long end = log_buf_end(&cap);
	long n;

	/* with dmesg_restrict every action needs CAP_SYSLOG (root) */
	if ((dmesg_restrict || (type != SYSLOG_ACTION_READ_ALL &&
				type != SYSLOG_ACTION_SIZE_BUFFER)) && current->euid != 0)
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, len))
			return -EFAULT;
		if (type == SYSLOG_ACTION_READ) {
			if (syslog_seq < clear_seq)
				syslog_seq = clear_seq;
			/* Linux sleeps for new messages here; this returns what there is */
			return syslog_copy(buf, len, &syslog_seq, 1);
		}
		n = syslog_copy(buf, len, &clear_seq, 0);
		if (n >= 0 && type == SYSLOG_ACTION_READ_CLEAR)
			clear_seq = end;
		return n;
	case SYSLOG_ACTION_CLEAR:
		clear_seq = end;
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		console_loglevel = 1;	/* Linux's minimum_console_loglevel */
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel != -1) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len < 1 ? 1 : len;
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		if (syslog_seq < clear_seq)
			syslog_seq = clear_seq;
		n = end - syslog_seq;
		return n < (long)cap ? n : (long)cap;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return cap;
	}
	return -EINVAL;
}

long sys_syslog(int type, char __user *buf, int len)
{
	return do_syslog(type, buf, len);
}

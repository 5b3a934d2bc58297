/*
 * user/ipcs.c - show System V IPC objects, in the output format of
 * util-linux's ipcs. Everything comes from the control commands alone, no
 * /proc: *_INFO returns the highest slot index in use and *_STAT of each
 * index 0..max returns that slot's object (or fails for an empty slot).
 *
 *   ipcs [-a|-q|-m|-s]... [-t|-p|-c|-l|-u] [-b]      ipcs -m|-q|-s -i ID
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

enum format { F_DEFAULT, F_LIMITS, F_STATUS, F_CREATOR, F_TIME, F_PID };
enum unit { U_DEFAULT, U_BYTES, U_KB };

static const char *prog = "ipcs";

/* ---- user and group names from /etc/passwd and /etc/group ---- */

/* name of the first "name:x:ID:..." line with this ID, or NULL */
static const char *name_of(const char *file, unsigned id)
{
	static char line[512], name[64];
	FILE *f = fopen(file, "r");
	const char *found = NULL;

	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2, *end;
		unsigned long v;

		if (!c1 || !(c2 = strchr(c1 + 1, ':')))
			continue;
		errno = 0;
		v = strtoul(c2 + 1, &end, 10);
		if (errno || end == c2 + 1 || *end != ':' || v != id)
			continue;
		v = (unsigned long)(c1 - line);
		if (v >= sizeof(name))
			v = sizeof(name) - 1;
		memcpy(name, line, v);
		name[v] = 0;
		found = name;
		break;
	}
	fclose(f);
	return found;
}

static const char *user_name(unsigned uid) { return name_of("/etc/passwd", uid); }
static const char *group_name(unsigned gid) { return name_of("/etc/group", gid); }

/* "ID  owner" as ipcs prints it: the id in idw columns, the owner in 10 */
static void print_id_owner(int idw, int id, unsigned uid)
{
	const char *n = user_name(uid);

	if (n)
		printf("%-*d %-10.10s", idw, id, n);
	else
		printf("%-*d %-10u", idw, id, uid);
}

/* the -c row: id, perms, cuid, cgid, uid, gid */
static void print_creator(int id, const struct ipc_perm *p)
{
	const char *n;

	printf("%-10d %-10o", id, p->mode & 0777);
	if ((n = user_name(p->cuid)))
		printf(" %-10s", n);
	else
		printf(" %-10u", p->cuid);
	if ((n = group_name(p->cgid)))
		printf(" %-10s", n);
	else
		printf(" %-10u", p->cgid);
	if ((n = user_name(p->uid)))
		printf(" %-10s", n);
	else
		printf(" %-10u", p->uid);
	if ((n = group_name(p->gid)))
		printf(" %-10s\n", n);
	else
		printf(" %-10u\n", p->gid);
}

/* ctime() text, or "Not set" for 0 */
static const char *when(time_t t)
{
	return t ? ctime(&t) : "Not set";
}

/* ctime() without the weekday, or "Not set" */
static const char *when_short(time_t t)
{
	return t ? ctime(&t) + 4 : "Not set";
}

/* "label (bytes) = N" / "label (kbytes) = N" */
static void print_limit(enum unit u, const char *label, uint64_t v)
{
	if (u == U_KB)
		printf("%s (kbytes) = %ju\n", label, (uintmax_t)(v / 1024));
	else
		printf("%s (bytes) = %ju\n", label, (uintmax_t)v);
}

/* ---- shared memory ---- */

static void shm_limits(enum unit unit)
{
	struct shminfo si;
	uint64_t pgsz = getpagesize(), tot;

	memset(&si, 0, sizeof(si));
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)&si) < 0) {
		printf("unable to fetch shared memory limits\n");
		return;
	}
	printf("------ Shared Memory Limits --------\n");
	printf("max number of segments = %ju\n", (uintmax_t)si.shmmni);
	print_limit(unit == U_DEFAULT ? U_KB : unit, "max seg size", si.shmmax);
	if (unit == U_BYTES) {
		tot = (uint64_t)si.shmall * pgsz;
		if (si.shmall && tot / si.shmall != pgsz)
			tot = UINT64_MAX - UINT64_MAX % pgsz;
		print_limit(U_BYTES, "max total shared memory", tot);
	} else {
		tot = (uint64_t)si.shmall * (pgsz / 1024);
		if (si.shmall && tot / si.shmall != pgsz / 1024)
			tot = UINT64_MAX - UINT64_MAX % (pgsz / 1024);
		printf("max total shared memory (kbytes) = %ju\n", (uintmax_t)tot);
	}
	print_limit(U_BYTES, "min seg size", si.shmmin);
}

static void shm_status(void)
{
	struct shm_info hi;

	memset(&hi, 0, sizeof(hi));
	if (shmctl(0, SHM_INFO, (struct shmid_ds *)&hi) < 0) {
		printf("kernel not configured for shared memory\n");
		return;
	}
	printf("------ Shared Memory Status --------\n");
	printf("segments allocated %d\n"
	       "pages allocated %ld\n"
	       "pages resident  %ld\n"
	       "pages swapped   %ld\n"
	       "Swap performance: %ld attempts\t %ld successes\n",
	       hi.used_ids, (long)hi.shm_tot, (long)hi.shm_rss, (long)hi.shm_swp,
	       (long)hi.swap_attempts, (long)hi.swap_successes);
}

static void shm_row(enum format fmt, int id, const struct shmid_ds *d)
{
	const struct ipc_perm *p = &d->shm_perm;

	switch (fmt) {
	case F_CREATOR:
		print_creator(id, p);
		break;
	case F_TIME:
		print_id_owner(10, id, p->uid);
		printf(" %-20.16s", when_short(d->shm_atime));
		printf(" %-20.16s", when_short(d->shm_dtime));
		printf(" %-20.16s\n", when_short(d->shm_ctime));
		break;
	case F_PID:
		print_id_owner(10, id, p->uid);
		printf(" %-10u %-10u\n", (unsigned)d->shm_cpid, (unsigned)d->shm_lpid);
		break;
	default:
		printf("0x%08x ", (unsigned)p->__key);
		print_id_owner(10, id, p->uid);
		printf(" %-10o ", p->mode & 0777);
		printf("%-10ju", (uintmax_t)d->shm_segsz);
		printf(" %-10ju %-6s %-6s\n", (uintmax_t)d->shm_nattch,
		       (p->mode & SHM_DEST) ? "dest" : " ",
		       (p->mode & SHM_LOCKED) ? "locked" : " ");
		break;
	}
}

/* find a segment by id through the SHM_STAT scan; 1 if found */
static int shm_find(int want, struct shmid_ds *d)
{
	struct shmid_ds dummy;
	int max = shmctl(0, SHM_INFO, &dummy), i;

	for (i = 0; i <= max; i++)
		if (shmctl(i, SHM_STAT, d) == want && want >= 0)
			return 1;
	return 0;
}

static void do_shm(enum format fmt, enum unit unit)
{
	struct shmid_ds d;
	int max, i, id;

	switch (fmt) {
	case F_LIMITS:
		shm_limits(unit);
		return;
	case F_STATUS:
		shm_status();
		return;
	case F_CREATOR:
		printf("------ Shared Memory Segment Creators/Owners --------\n");
		printf("%-10s %-10s %-10s %-10s %-10s %-10s\n",
		       "shmid", "perms", "cuid", "cgid", "uid", "gid");
		break;
	case F_TIME:
		printf("------ Shared Memory Attach/Detach/Change Times --------\n");
		printf("%-10s %-10s %-20s %-20s %-20s\n",
		       "shmid", "owner", "attached", "detached", "changed");
		break;
	case F_PID:
		printf("------ Shared Memory Creator/Last-op PIDs --------\n");
		printf("%-10s %-10s %-10s %-10s\n", "shmid", "owner", "cpid", "lpid");
		break;
	default:
		printf("------ Shared Memory Segments --------\n");
		printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n",
		       "key", "shmid", "owner", "perms", "bytes", "nattch", "status");
		break;
	}
	max = shmctl(0, SHM_INFO, &d);
	for (i = 0; i <= max; i++) {
		memset(&d, 0, sizeof(d));
		id = shmctl(i, SHM_STAT, &d);
		if (id >= 0)
			shm_row(fmt, id, &d);
	}
}

static int print_shm(int id)
{
	struct shmid_ds d;

	memset(&d, 0, sizeof(d));
	if (!shm_find(id, &d)) {
		fprintf(stderr, "%s: id %d not found\n", prog, id);
		return 1;
	}
	printf("\nShared memory Segment shmid=%d\n", id);
	printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\n", d.shm_perm.uid, d.shm_perm.gid,
	       d.shm_perm.cuid, d.shm_perm.cgid);
	printf("mode=%#o\taccess_perms=%#o\n", d.shm_perm.mode, d.shm_perm.mode & 0777);
	printf("bytes=%ju\t", (uintmax_t)d.shm_segsz);
	printf("lpid=%u\tcpid=%u\tnattch=%jd\n", (unsigned)d.shm_lpid, (unsigned)d.shm_cpid,
	       (intmax_t)d.shm_nattch);
	printf("att_time=%-26.24s\n", when(d.shm_atime));
	printf("det_time=%-26.24s\n", when(d.shm_dtime));
	printf("change_time=%-26.24s\n", ctime(&d.shm_ctime));
	printf("\n");
	return 0;
}

/* ---- semaphores ---- */

static int sem_ctl(int id, int num, int cmd, void *p)
{
	union semun arg;

	arg.buf = p;
	return semctl(id, num, cmd, arg);
}

static void sem_limits(void)
{
	struct seminfo si;

	memset(&si, 0, sizeof(si));
	if (sem_ctl(0, 0, IPC_INFO, &si) < 0) {
		printf("unable to fetch semaphore limits\n");
		return;
	}
	printf("------ Semaphore Limits --------\n");
	printf("max number of arrays = %d\n", si.semmni);
	printf("max semaphores per array = %d\n", si.semmsl);
	printf("max semaphores system wide = %d\n", si.semmns);
	printf("max ops per semop call = %d\n", si.semopm);
	printf("semaphore max value = %u\n", (unsigned)si.semvmx);
}

static void sem_status(void)
{
	struct seminfo si;

	memset(&si, 0, sizeof(si));
	if (sem_ctl(0, 0, SEM_INFO, &si) < 0) {
		printf("kernel not configured for semaphores\n");
		return;
	}
	printf("------ Semaphore Status --------\n");
	printf("used arrays = %d\n", si.semusz);
	printf("allocated semaphores = %d\n", si.semaem);
}

static void sem_row(enum format fmt, int id, const struct semid_ds *d)
{
	const struct ipc_perm *p = &d->sem_perm;

	switch (fmt) {
	case F_CREATOR:
		print_creator(id, p);
		break;
	case F_TIME:
		print_id_owner(8, id, p->uid);
		printf("  %-26.24s", when(d->sem_otime));
		printf(" %-26.24s\n", when(d->sem_ctime));
		break;
	case F_PID:
		break;		/* util-linux prints nothing for semaphores here */
	default:
		printf("0x%08x ", (unsigned)p->__key);
		print_id_owner(10, id, p->uid);
		printf(" %-10o %-10ju\n", p->mode & 0777, (uintmax_t)d->sem_nsems);
		break;
	}
}

static int sem_find(int want, struct semid_ds *d)
{
	struct seminfo si;
	int max = sem_ctl(0, 0, SEM_INFO, &si), i;

	for (i = 0; i <= max; i++)
		if (sem_ctl(i, 0, SEM_STAT, d) == want && want >= 0)
			return 1;
	return 0;
}

static void do_sem(enum format fmt)
{
	struct semid_ds d;
	struct seminfo si;
	int max, i, id;

	switch (fmt) {
	case F_LIMITS:
		sem_limits();
		return;
	case F_STATUS:
		sem_status();
		return;
	case F_CREATOR:
		printf("------ Semaphore Arrays Creators/Owners --------\n");
		printf("%-10s %-10s %-10s %-10s %-10s %-10s\n",
		       "semid", "perms", "cuid", "cgid", "uid", "gid");
		break;
	case F_TIME:
		printf("------ Semaphore Operation/Change Times --------\n");
		printf("%-8s %-10s %-26.24s %-26.24s\n",
		       "semid", "owner", "last-op", "last-changed");
		break;
	case F_PID:
		break;
	default:
		printf("------ Semaphore Arrays --------\n");
		printf("%-10s %-10s %-10s %-10s %-10s\n",
		       "key", "semid", "owner", "perms", "nsems");
		break;
	}
	max = sem_ctl(0, 0, SEM_INFO, &si);
	for (i = 0; i <= max; i++) {
		memset(&d, 0, sizeof(d));
		id = sem_ctl(i, 0, SEM_STAT, &d);
		if (id >= 0)
			sem_row(fmt, id, &d);
	}
}

static int print_sem(int id)
{
	struct semid_ds d;
	unsigned long i;

	memset(&d, 0, sizeof(d));
	if (!sem_find(id, &d)) {
		fprintf(stderr, "%s: id %d not found\n", prog, id);
		return 1;
	}
	printf("\nSemaphore Array semid=%d\n", id);
	printf("uid=%u\t gid=%u\t cuid=%u\t cgid=%u\n", d.sem_perm.uid, d.sem_perm.gid,
	       d.sem_perm.cuid, d.sem_perm.cgid);
	printf("mode=%#o, access_perms=%#o\n", d.sem_perm.mode, d.sem_perm.mode & 0777);
	printf("nsems = %ju\n", (uintmax_t)d.sem_nsems);
	printf("otime = %-26.24s\n", when(d.sem_otime));
	printf("ctime = %-26.24s\n", ctime(&d.sem_ctime));
	printf("%-10s %-10s %-10s %-10s %-10s\n", "semnum", "value", "ncount", "zcount", "pid");
	for (i = 0; i < d.sem_nsems; i++) {
		int val = semctl(id, i, GETVAL), n = semctl(id, i, GETNCNT);
		int z = semctl(id, i, GETZCNT), pid = semctl(id, i, GETPID);

		printf("%-10lu %-10d %-10d %-10d %-10d\n", i, val, n, z, pid);
	}
	printf("\n");
	return 0;
}

/* ---- message queues ---- */

static void msg_limits(enum unit unit)
{
	struct msginfo mi;

	memset(&mi, 0, sizeof(mi));
	if (msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) < 0) {
		printf("unable to fetch message limits\n");
		return;
	}
	printf("------ Messages Limits --------\n");
	printf("max queues system wide = %d\n", mi.msgmni);
	print_limit(unit == U_DEFAULT ? U_BYTES : unit, "max size of message", mi.msgmax);
	print_limit(unit == U_DEFAULT ? U_BYTES : unit, "default max size of queue", mi.msgmnb);
}

static void msg_status(enum unit unit)
{
	struct msginfo mi;

	memset(&mi, 0, sizeof(mi));
	if (msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) < 0) {
		printf("kernel not configured for message queues\n");
		return;
	}
	printf("------ Messages Status --------\n");
	printf("allocated queues = %d\n", mi.msgpool);
	printf("used headers = %d\n", mi.msgmap);
	if (unit == U_DEFAULT)
		printf("used space = %ju bytes\n", (uintmax_t)(unsigned)mi.msgtql);
	else
		print_limit(unit, "used space", (unsigned)mi.msgtql);
}

static void msg_row(enum format fmt, int id, const struct msqid_ds *d)
{
	const struct ipc_perm *p = &d->msg_perm;

	switch (fmt) {
	case F_CREATOR:
		print_creator(id, p);
		break;
	case F_TIME:
		print_id_owner(8, id, p->uid);
		printf(" %-20.16s", when_short(d->msg_stime));
		printf(" %-20.16s", when_short(d->msg_rtime));
		printf(" %-20.16s\n", when_short(d->msg_ctime));
		break;
	case F_PID:
		print_id_owner(8, id, p->uid);
		printf("  %5d     %5d\n", (int)d->msg_lspid, (int)d->msg_lrpid);
		break;
	default:
		printf("0x%08x ", (unsigned)p->__key);
		print_id_owner(10, id, p->uid);
		printf(" %-10o ", p->mode & 0777);
		printf("%-12ju", (uintmax_t)d->__msg_cbytes);
		printf(" %-12ju\n", (uintmax_t)d->msg_qnum);
		break;
	}
}

static int msg_find(int want, struct msqid_ds *d)
{
	struct msginfo mi;
	int max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi), i;

	for (i = 0; i <= max; i++)
		if (msgctl(i, MSG_STAT, d) == want && want >= 0)
			return 1;
	return 0;
}

static void do_msg(enum format fmt, enum unit unit)
{
	struct msqid_ds d;
	struct msginfo mi;
	int max, i, id;

	switch (fmt) {
	case F_LIMITS:
		msg_limits(unit);
		return;
	case F_STATUS:
		msg_status(unit);
		return;
	case F_CREATOR:
		printf("------ Message Queues Creators/Owners --------\n");
		printf("%-10s %-10s %-10s %-10s %-10s %-10s\n",
		       "msqid", "perms", "cuid", "cgid", "uid", "gid");
		break;
	case F_TIME:
		printf("------ Message Queues Send/Recv/Change Times --------\n");
		printf("%-8s %-10s %-20s %-20s %-20s\n",
		       "msqid", "owner", "send", "recv", "change");
		break;
	case F_PID:
		printf("------ Message Queues PIDs --------\n");
		printf("%-10s %-10s %-10s %-10s\n", "msqid", "owner", "lspid", "lrpid");
		break;
	default:
		printf("------ Message Queues --------\n");
		printf("%-10s %-10s %-10s %-10s %-12s %-12s\n",
		       "key", "msqid", "owner", "perms", "used-bytes", "messages");
		break;
	}
	max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
	for (i = 0; i <= max; i++) {
		memset(&d, 0, sizeof(d));
		id = msgctl(i, MSG_STAT, &d);
		if (id >= 0)
			msg_row(fmt, id, &d);
	}
}

static int print_msg(int id)
{
	struct msqid_ds d;

	memset(&d, 0, sizeof(d));
	if (!msg_find(id, &d)) {
		fprintf(stderr, "%s: id %d not found\n", prog, id);
		return 1;
	}
	printf("\nMessage Queue msqid=%d\n", id);
	printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\tmode=%#o\n", d.msg_perm.uid,
	       d.msg_perm.gid, d.msg_perm.cuid, d.msg_perm.cgid, d.msg_perm.mode);
	printf("cbytes=%ju\t", (uintmax_t)d.__msg_cbytes);
	printf("qbytes=%ju\t", (uintmax_t)d.msg_qbytes);
	printf("qnum=%jd\tlspid=%d\tlrpid=%d\n", (intmax_t)d.msg_qnum, (int)d.msg_lspid,
	       (int)d.msg_lrpid);
	printf("send_time=%-26.24s\n", when(d.msg_stime));
	printf("rcv_time=%-26.24s\n", when(d.msg_rtime));
	printf("change_time=%-26.24s\n", when(d.msg_ctime));
	printf("\n");
	return 0;
}

/* ---- main ---- */

static void usage(FILE *out)
{
	fprintf(out,
		"\nUsage:\n"
		" %1$s [resource-option...] [output-option]\n"
		" %1$s -m|-q|-s -i <id>\n"
		"\nShow information on IPC facilities.\n"
		"\nOptions:\n"
		" -i, --id <id>  print details on resource identified by <id>\n"
		" -h, --help     display this help\n"
		"\nResource options:\n"
		" -m, --shmems      shared memory segments\n"
		" -q, --queues      message queues\n"
		" -s, --semaphores  semaphores\n"
		" -a, --all         all (default)\n"
		"\nOutput options:\n"
		" -t, --time        show attach, detach and change times\n"
		" -p, --pid         show PIDs of creator and last operator\n"
		" -c, --creator     show creator and owner\n"
		" -l, --limits      show resource limits\n"
		" -u, --summary     show status summary\n"
		" -b, --bytes       show sizes in bytes\n", prog);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "queues", no_argument, NULL, 'q' },
		{ "shmems", no_argument, NULL, 'm' },
		{ "semaphores", no_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "time", no_argument, NULL, 't' },
		{ "pid", no_argument, NULL, 'p' },
		{ "creator", no_argument, NULL, 'c' },
		{ "limits", no_argument, NULL, 'l' },
		{ "summary", no_argument, NULL, 'u' },
		{ "bytes", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int opt, msg = 0, shm = 0, sem = 0, id = 0, specific = 0, rc = 0;
	enum format fmt = F_DEFAULT;
	enum unit unit = U_DEFAULT;
	char *end;
	long v;

	if (argv[0] && argv[0][0]) {
		const char *slash = strrchr(argv[0], '/');

		prog = slash ? slash + 1 : argv[0];
	}
	while ((opt = getopt_long(argc, argv, "i:qmsatpclubh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || v < INT32_MIN || v > INT32_MAX) {
				fprintf(stderr, "%s: failed to parse id argument: '%s'\n",
					prog, optarg);
				return 1;
			}
			id = (int)v;
			specific = 1;
			break;
		case 'a': msg = shm = sem = 1; break;
		case 'q': msg = 1; break;
		case 'm': shm = 1; break;
		case 's': sem = 1; break;
		case 't': fmt = F_TIME; break;
		case 'c': fmt = F_CREATOR; break;
		case 'p': fmt = F_PID; break;
		case 'l': fmt = F_LIMITS; break;
		case 'u': fmt = F_STATUS; break;
		case 'b': unit = U_BYTES; break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", prog);
			return 1;
		}
	}

	if (specific && msg + shm + sem != 1) {
		fprintf(stderr, "%s: when using an ID, a single resource must be specified\n",
			prog);
		return 1;
	}
	if (specific) {
		if (msg)
			rc = print_msg(id);
		if (shm)
			rc = print_shm(id);
		if (sem)
			rc = print_sem(id);
		(void)rc;	/* util-linux exits 0 even when the id is missing */
		return 0;
	}
	if (!msg && !shm && !sem)
		msg = shm = sem = 1;
	printf("\n");
	if (msg) {
		do_msg(fmt, unit);
		printf("\n");
	}
	if (shm) {
		do_shm(fmt, unit);
		printf("\n");
	}
	if (sem) {
		do_sem(fmt);
		printf("\n");
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

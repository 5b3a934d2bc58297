/*
 * user/ipcrm.c - remove System V IPC objects, with the options, messages and
 * exit status of util-linux's ipcrm:
 *
 *   ipcrm [-s ID] [-m ID] [-q ID] [-S KEY] [-M KEY] [-Q KEY] [-a[=shm|msg|sem]] [-v]
 *   ipcrm shm|msg|sem ID...          (the old syntax)
 *
 * -a walks the slots 0..max returned by *_INFO with *_STAT, like ipcs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

enum kind { SHM, SEM, MSG, ALL };

static const char *prog = "ipcrm";
static int verbose;

/* "ipcrm: message" on stderr */
static void warnmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void warnmsg(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void try_help(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	exit(EXIT_FAILURE);
}

/* a failed parse: with errno (out of range) its text is appended */
static void parse_fail(const char *what, int err)
{
	if (err)
		warnmsg("failed to parse argument: '%s': %s", what, strerror(err));
	else
		warnmsg("failed to parse argument: '%s'", what);
	exit(EXIT_FAILURE);
}

/* an id option: a signed 32-bit decimal number */
static int parse_id(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == 0 && (v < INT32_MIN || v > INT32_MAX))
		errno = ERANGE;
	if (errno)
		parse_fail(s, errno);
	if (end == s || *end)
		parse_fail(s, 0);
	return (int)v;
}

/* IPC_RMID one object; 0 on success, 1 after a message */
static int remove_id(enum kind k, int iskey, int id)
{
	union semun arg;
	const char *msg;
	int r;

	arg.val = 0;
	switch (k) {
	case SHM:
		if (verbose)
			printf("removing shared memory segment id `%d'\n", id);
		r = shmctl(id, IPC_RMID, NULL);
		break;
	case MSG:
		if (verbose)
			printf("removing message queue id `%d'\n", id);
		r = msgctl(id, IPC_RMID, NULL);
		break;
	default:
		if (verbose)
			printf("removing semaphore id `%d'\n", id);
		r = semctl(id, 0, IPC_RMID, arg);
		break;
	}
	if (r == 0)
		return 0;
	switch (errno) {
	case EACCES:
	case EPERM:
		msg = iskey ? "permission denied for key" : "permission denied for id";
		break;
	case EINVAL:
		msg = iskey ? "invalid key" : "invalid id";
		break;
	case EIDRM:
		msg = iskey ? "already removed key" : "already removed id";
		break;
	default:
		warnmsg("%s: %s", iskey ? "key failed" : "id failed", strerror(errno));
		exit(EXIT_FAILURE);
	}
	warnmsg("%s (%d)", msg, id);
	return 1;
}

/* the id for a key (decimal, 0x hex or 0 octal); -1 after a message */
static int key_to_id(enum kind k, const char *s)
{
	unsigned long key;
	const char *msg;
	char *end;
	int id;

	if (*s == 0)
		parse_fail(s, 0);
	errno = 0;
	key = strtoul(s, &end, 0);
	if (errno)
		parse_fail(s, errno);
	if (end == s || *end)
		parse_fail(s, 0);
	if ((key_t)key == IPC_PRIVATE) {
		warnmsg("illegal key (%s)", s);
		return -1;
	}
	switch (k) {
	case SHM:
		id = shmget((key_t)key, 0, 0);
		break;
	case MSG:
		id = msgget((key_t)key, 0);
		break;
	default:
		id = semget((key_t)key, 0, 0);
		break;
	}
	if (id >= 0)
		return id;
	switch (errno) {
	case EACCES:
		msg = "permission denied for key";
		break;
	case EIDRM:
		msg = "already removed key";
		break;
	case ENOENT:
		msg = "invalid key";
		break;
	default:
		warnmsg("key failed: %s", strerror(errno));
		exit(EXIT_FAILURE);
	}
	warnmsg("%s (%s)", msg, s);
	return -1;
}

/* remove every object of a kind (or all kinds) that *_STAT shows us */
static int remove_all(enum kind k)
{
	int ret = 0, i, max, id;

	if (k == SHM || k == ALL) {
		struct shmid_ds d;

		max = shmctl(0, SHM_INFO, &d);
		if (max < 0) {
			warnmsg("kernel not configured for shared memory");
			exit(EXIT_FAILURE);
		}
		for (i = 0; i <= max; i++)
			if ((id = shmctl(i, SHM_STAT, &d)) >= 0)
				ret |= remove_id(SHM, 0, id);
	}
	if (k == SEM || k == ALL) {
		struct seminfo si;
		struct semid_ds d;
		union semun arg;

		arg.__buf = &si;
		max = semctl(0, 0, SEM_INFO, arg);
		if (max < 0) {
			warnmsg("kernel not configured for semaphores");
			exit(EXIT_FAILURE);
		}
		for (i = 0; i <= max; i++) {
			arg.buf = &d;
			if ((id = semctl(i, 0, SEM_STAT, arg)) >= 0)
				ret |= remove_id(SEM, 0, id);
		}
	}
	if (k == MSG || k == ALL) {
		struct msginfo mi;
		struct msqid_ds d;

		max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi);
		if (max < 0) {
			warnmsg("kernel not configured for message queues");
			exit(EXIT_FAILURE);
		}
		for (i = 0; i <= max; i++)
			if ((id = msgctl(i, MSG_STAT, &d)) >= 0)
				ret |= remove_id(MSG, 0, id);
	}
	return ret;
}

/* "ipcrm shm|msg|sem ID...": 1 if argv[1] named a kind (and it was done) */
static int old_syntax(int argc, char **argv)
{
	enum kind k;
	int i, errors = 0;

	if (!strcmp(argv[1], "shm"))
		k = SHM;
	else if (!strcmp(argv[1], "msg"))
		k = MSG;
	else if (!strcmp(argv[1], "sem"))
		k = SEM;
	else
		return 0;
	if (argc < 3) {
		warnmsg("not enough arguments");
		try_help();
	}
	for (i = 2; i < argc; i++) {
		char *end;
		unsigned long v;

		errno = 0;
		v = strtoul(argv[i], &end, 10);
		if (errno || end == argv[i] || *end) {
			warnmsg("invalid id: %s", argv[i]);
			errors++;
		} else if (remove_id(k, 0, (int)v)) {
			errors++;
		}
	}
	if (errors)
		exit(EXIT_FAILURE);
	printf("resource(s) deleted\n");
	return 1;
}

static void usage(void)
{
	printf("\nUsage:\n"
	       " %1$s [options]\n"
	       " %1$s shm|msg|sem <id>...\n"
	       "\nRemove certain IPC resources.\n"
	       "\nOptions:\n"
	       " -m, --shmem-id <id>        remove shared memory segment by id\n"
	       " -M, --shmem-key <key>      remove shared memory segment by key\n"
	       " -q, --queue-id <id>        remove message queue by id\n"
	       " -Q, --queue-key <key>      remove message queue by key\n"
	       " -s, --semaphore-id <id>    remove semaphore by id\n"
	       " -S, --semaphore-key <key>  remove semaphore by key\n"
	       " -a, --all[=shm|msg|sem]    remove all (in the specified category)\n"
	       " -v, --verbose              explain what is being done\n"
	       "\n -h, --help                 display this help\n", prog);
	exit(EXIT_SUCCESS);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "shmem-id", required_argument, NULL, 'm' },
		{ "shmem-key", required_argument, NULL, 'M' },
		{ "queue-id", required_argument, NULL, 'q' },
		{ "queue-key", required_argument, NULL, 'Q' },
		{ "semaphore-id", required_argument, NULL, 's' },
		{ "semaphore-key", required_argument, NULL, 'S' },
		{ "all", optional_argument, NULL, 'a' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	enum kind all_kind = ALL;
	int c, ret = 0, rm_all = 0, id;

	if (argv[0] && argv[0][0]) {
		const char *slash = strrchr(argv[0], '/');

		prog = slash ? slash + 1 : argv[0];
	}
	if (argc == 1)
		return 0;		/* nothing asked, nothing done */
	if (old_syntax(argc, argv))
		return EXIT_SUCCESS;

	while ((c = getopt_long(argc, argv, "q:m:s:Q:M:S:a::vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'M':
		case 'Q':
		case 'S':
			id = key_to_id(c == 'M' ? SHM : c == 'Q' ? MSG : SEM, optarg);
			if (id < 0 || remove_id(c == 'M' ? SHM : c == 'Q' ? MSG : SEM, 1, id))
				ret++;
			break;
		case 'm':
		case 'q':
		case 's':
			id = parse_id(optarg);
			if (remove_id(c == 'm' ? SHM : c == 'q' ? MSG : SEM, 0, id))
				ret++;
			break;
		case 'a':
			rm_all = 1;
			if (!optarg)
				all_kind = ALL;
			else if (!strcmp(optarg, "shm"))
				all_kind = SHM;
			else if (!strcmp(optarg, "msg"))
				all_kind = MSG;
			else if (!strcmp(optarg, "sem"))
				all_kind = SEM;
			else {
				warnmsg("unknown argument: %s", optarg);
				exit(EXIT_FAILURE);
			}
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			usage();
			break;
		default:
			try_help();
		}
	}
	if (rm_all && remove_all(all_kind))
		ret++;
	if (optind < argc) {
		warnmsg("unknown argument: %s", argv[optind]);
		try_help();
	}
	return ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/*
 * mq_rlimit: RLIMIT_MSGQUEUE, charged to the creator's real uid when a
 * queue is made, for its worst case: mq_maxmsg * (mq_msgsize + one message
 * header) + min(mq_maxmsg, MQ_PRIO_MAX) priority nodes, 48 bytes each on
 * the host; EMFILE past the limit; the charge stays until the queue is
 * both unlinked and closed. And the attribute limits: msg_max and
 * msgsize_max for a user without CAP_SYS_RESOURCE, the hard limits with it.
 * Uses uids 61900 and 61901 of its own (the host's charges are per user).
 */
#include <dirent.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "mq_util.h"

#define UID_A 61900
#define UID_B 61901
#define UID_C 61902
#define QUEUES_MAX 256
#define MNT "/tmp/mqt_rlimit_mnt"
#define OVERHEAD 96	/* per message slot */

static char qa[64], qb[64], qc[64];

static void become(uid_t uid, unsigned long limit)
{
	struct rlimit rl = { limit, limit };

	if (setrlimit(RLIMIT_MSGQUEUE, &rl) || setgid(uid) || setuid(uid))
		_exit(100);
}

/* in a child as uid with RLIMIT_MSGQUEUE limit: mq_open(name, maxmsg, msgsize): 0 or errno */
static int try_create(uid_t uid, unsigned long limit, const char *name, long maxmsg,
		      long msgsize, int keep)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct mq_attr a = mq_sizes(maxmsg, msgsize);
		int q;

		become(uid, limit);
		q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
		if (q < 0)
			_exit(errno);
		if (!keep)
			mq_unlink(name);
		_exit(0);
	}
	return mq_wait_child(pid);
}

/* the queues in the system now (those with names), by a listing of a mount */
static int count_queues(void)
{
	struct dirent *de;
	DIR *dir;
	int n = 0;

	mkdir(MNT, 0755);
	if (mount("none", MNT, "mqueue", 0, NULL) != 0)
		return -1;
	dir = opendir(MNT);
	while (dir && (de = readdir(dir)))
		n += de->d_name[0] != '.';
	if (dir)
		closedir(dir);
	umount(MNT);
	rmdir(MNT);
	return n;
}

/* as UID_C: make (1 x 1) queues until one fails; report how many and why */
static void fill_queues_max(int *made, int *why)
{
	int pf[2], r[2] = { -1, -1 };
	pid_t pid;

	if (pipe(pf) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		struct mq_attr a = mq_sizes(1, 1);
		char name[64];
		int n = 0, err = 0;

		become(UID_C, 819200);
		for (; n <= QUEUES_MAX; n++) {
			snprintf(name, sizeof(name), "/mqt_qmax_%d_%d", (int)getppid(), n);
			if (mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a) < 0) {
				err = errno;
				break;
			}
		}
		r[0] = n;
		r[1] = err;
		for (int i = 0; i < n; i++) {
			snprintf(name, sizeof(name), "/mqt_qmax_%d_%d", (int)getppid(), i);
			mq_unlink(name);
		}
		if (write(pf[1], r, sizeof(r)) != sizeof(r))
			_exit(1);
		_exit(0);
	}
	close(pf[1]);
	if (read(pf[0], r, sizeof(r)) != sizeof(r))
		r[0] = r[1] = -1;
	close(pf[0]);
	mq_wait_child(pid);
	*made = r[0];
	*why = r[1];
}

int main(void)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY }, rl;

	if (getuid() != 0) {
		printf("mq_rlimit needs root (it changes uid)\n");
		return utest_done();
	}
	mq_name(qa, sizeof(qa), "rlim_a");
	mq_name(qb, sizeof(qb), "rlim_b");
	mq_name(qc, sizeof(qc), "rlim_c");
	getrlimit(RLIMIT_MSGQUEUE, &rl);
	CHECK_EQ("RLIMIT_MSGQUEUE's default is 819200", rl.rlim_max, 819200);

	CHECK_EQ("limit 1000: 1 x 904 bytes fits (904 + 96)", try_create(UID_A, 1000, qa, 1, 904, 0), 0);
	CHECK_EQ("1 x 905 does not: EMFILE", try_create(UID_A, 1000, qa, 1, 905, 0), EMFILE);
	CHECK_EQ("2 x 404 fits (2 x (404 + 96))", try_create(UID_A, 1000, qa, 2, 404, 0), 0);
	CHECK_EQ("2 x 405 does not", try_create(UID_A, 1000, qa, 2, 405, 0), EMFILE);
	CHECK_EQ("limit 0: even 1 x 1 is EMFILE", try_create(UID_A, 0, qa, 1, 1, 0), EMFILE);

	/* the charge belongs to the user and lasts as long as the queue */
	CHECK_EQ("a user's first queue of 500 bytes", try_create(UID_A, 1000, qa, 1, 404, 1), 0);
	CHECK_EQ("its second: 1000 in all", try_create(UID_A, 1000, qb, 1, 404, 1), 0);
	CHECK_EQ("a third, in another process of the same user: EMFILE",
		 try_create(UID_A, 1000, qc, 1, 1, 0), EMFILE);
	CHECK_EQ("another user is not charged for them", try_create(UID_B, 1000, qc, 1, 904, 0), 0);
	int held = mq_open(qa, O_RDONLY);
	CHECK_OK("root holds the first queue open", held);
	CHECK_OK("and unlinks it", mq_unlink(qa));
	CHECK_EQ("unlinked but open, it is still charged", try_create(UID_A, 1000, qc, 1, 1, 0), EMFILE);
	close(held);
	CHECK_EQ("closed: the charge is gone", try_create(UID_A, 1000, qc, 1, 404, 0), 0);
	CHECK_EQ("... to the byte", try_create(UID_A, 1000, qc, 1, 405, 0), EMFILE);
	mq_unlink(qb);
	CHECK_EQ("all gone: 904 fits again", try_create(UID_A, 1000, qc, 1, 904, 0), 0);

	/* the attribute limits, without CAP_SYS_RESOURCE */
	CHECK_EQ("a user may ask for msg_max (10) x msgsize_max (8192)",
		 try_create(UID_A, 819200, qc, 10, 8192, 0), 0);
	CHECK_EQ("but not 11 messages: EINVAL", try_create(UID_A, 819200, qc, 11, 10, 0), EINVAL);
	CHECK_EQ("nor 8193 bytes", try_create(UID_A, 819200, qc, 1, 8193, 0), EINVAL);
	CHECK_EQ("EINVAL comes before EMFILE", try_create(UID_A, 0, qc, 11, 10, 0), EINVAL);

	/* queues_max: 256 queues in the system (other programs' queues count too) */
	int before = count_queues(), made = -1, why = -1;

	CHECK("a mount lists the queues there are", before >= 0);
	fill_queues_max(&made, &why);
	CHECK_EQ("past queues_max mq_open is ENOSPC", why, ENOSPC);
	CHECK("... after 256 queues in all (within what others hold meanwhile)",
	      made + before <= QUEUES_MAX && made + before >= QUEUES_MAX - 16);

	/* root: the hard limits if it has CAP_SYS_RESOURCE (the host's root may not) */
	setrlimit(RLIMIT_MSGQUEUE, &unlimited);
	struct mq_attr a = mq_sizes(11, 10);
	int q = mq_open(qc, O_CREAT | O_EXCL | O_RDWR, 0600, &a), q_errno = errno;

	if (mq_has_sys_resource()) {
		CHECK_OK("CAP_SYS_RESOURCE exceeds msg_max", q);
		mq_unlink(qc);
		a = mq_sizes(65536, 1);
		q = mq_open(qc, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
		CHECK_OK("... up to 65536 messages", q);
		close(q);
		mq_unlink(qc);
		a = mq_sizes(65537, 1);
		CHECK_ERR("... and no further", mq_open(qc, O_CREAT | O_EXCL | O_RDWR, 0600, &a), EINVAL);
		a = mq_sizes(1, 16 << 20);
		q = mq_open(qc, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
		CHECK_OK("... messages up to 16 MiB", q);
		close(q);
		mq_unlink(qc);
		a = mq_sizes(1, (16 << 20) + 1);
		CHECK_ERR("... and no bigger", mq_open(qc, O_CREAT | O_EXCL | O_RDWR, 0600, &a), EINVAL);
	} else {
		CHECK_EQ("without CAP_SYS_RESOURCE root too is held to msg_max: EINVAL",
			 q < 0 ? q_errno : 0, EINVAL);
		if (q >= 0)
			mq_unlink(qc);
	}
	return utest_done();
}

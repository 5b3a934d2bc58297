/*
 * mq_badinput: what the POSIX queue calls answer to bad input, from glibc
 * and straight from the system calls: names (no leading slash, another
 * slash, ".", too long), attributes (zero, negative, huge), descriptors
 * (bad, closed, not a queue, wrong mode), sizes (EMSGSIZE both ways),
 * pointers (EFAULT everywhere), priorities, time-outs and flags.
 */
#include <sys/resource.h>
#include "mq_util.h"

#define BAD ((void *)16)	/* an address nobody maps */

#ifndef SYS_mq_timedsend_time64
#define SYS_mq_timedsend_time64 418
#define SYS_mq_timedreceive_time64 419
#endif

struct ts64 {
	long long tv_sec, tv_nsec;
};

int main(void)
{
	char name[64], longname[400], buf[200];
	struct mq_attr a = mq_sizes(3, 100), g, bad;
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	unsigned int prio;
	int mqd, pf[2], reg, closed;

	setrlimit(RLIMIT_MSGQUEUE, &unlimited);	/* a no-op for non-root, enough */
	mq_name(name, sizeof(name), "bad");
	mqd = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	CHECK_OK("mq_open", mqd);
	if (mqd < 0)
		return utest_done();

	/* names */
	CHECK_ERR("a name without the leading slash: EINVAL (glibc)",
		  mq_open("mqt_noslash", O_CREAT | O_RDWR, 0600, &a), EINVAL);
	CHECK_ERR("a name with a second slash: EACCES", mq_open("/mqt_a/b", O_CREAT | O_RDWR, 0600, &a),
		  EACCES);
	CHECK_ERR("the system call given a leading slash: EACCES",
		  syscall(SYS_mq_open, "/mqt_x", O_CREAT | O_RDWR, 0600, &a), EACCES);
	CHECK_ERR("\"/\" alone: ENOENT", mq_open("/", O_CREAT | O_RDWR, 0600, &a), ENOENT);
	CHECK_ERR("\"/.\": EACCES", mq_open("/.", O_CREAT | O_RDWR, 0600, &a), EACCES);
	CHECK_ERR("\"/..\": EACCES", mq_open("/..", O_CREAT | O_RDWR, 0600, &a), EACCES);
	longname[0] = '/';
	memset(longname + 1, 'm', 256);
	longname[257] = '\0';
	CHECK_ERR("a 256-byte name: ENAMETOOLONG", mq_open(longname, O_CREAT | O_RDWR, 0600, &a),
		  ENAMETOOLONG);
	CHECK_ERR("... for mq_unlink too", mq_unlink(longname), ENAMETOOLONG);
	snprintf(longname + 240, sizeof(longname) - 240, "_%d", (int)getpid());
	memset(longname + strlen(longname), 'z', 256 - strlen(longname));
	longname[256] = '\0';
	int q = mq_open(longname, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	CHECK_OK("a 255-byte name is fine", q);
	if (q >= 0) {
		close(q);
		mq_unlink(longname);
	}
	CHECK_ERR("mq_unlink without the slash: EINVAL (glibc)", mq_unlink("mqt_noslash"), EINVAL);
	CHECK_ERR("mq_unlink with a second slash: EACCES", mq_unlink("/mqt_a/b"), EACCES);
	CHECK_ERR("mq_unlink of nothing: ENOENT", mq_unlink("/mqt_nothing_here_at_all"), ENOENT);
	CHECK_ERR("a bad name pointer: EFAULT", syscall(SYS_mq_open, BAD, O_RDWR, 0, NULL), EFAULT);
	CHECK_ERR("... for mq_unlink too", syscall(SYS_mq_unlink, BAD), EFAULT);
	CHECK_ERR("opening a missing queue without O_CREAT: ENOENT",
		  mq_open("/mqt_nothing_here_at_all", O_RDWR), ENOENT);
	CHECK_ERR("O_CREAT|O_EXCL of an existing queue: EEXIST",
		  mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a), EEXIST);

	/* attributes */
	char other[64];
	mq_name(other, sizeof(other), "bad_attr");
	bad = mq_sizes(0, 100);
	CHECK_ERR("mq_maxmsg 0: EINVAL", mq_open(other, O_CREAT | O_RDWR, 0600, &bad), EINVAL);
	bad = mq_sizes(3, 0);
	CHECK_ERR("mq_msgsize 0: EINVAL", mq_open(other, O_CREAT | O_RDWR, 0600, &bad), EINVAL);
	bad = mq_sizes(-1, 100);
	CHECK_ERR("mq_maxmsg -1: EINVAL", mq_open(other, O_CREAT | O_RDWR, 0600, &bad), EINVAL);
	bad = mq_sizes(3, -5);
	CHECK_ERR("mq_msgsize -5: EINVAL", mq_open(other, O_CREAT | O_RDWR, 0600, &bad), EINVAL);
	bad = mq_sizes(0x7fffffff, 100);
	CHECK_ERR("mq_maxmsg huge: EINVAL", mq_open(other, O_CREAT | O_RDWR, 0600, &bad), EINVAL);
	bad = mq_sizes(3, 0x7fffffff);
	CHECK_ERR("mq_msgsize huge: EINVAL", mq_open(other, O_CREAT | O_RDWR, 0600, &bad), EINVAL);
	CHECK_ERR("... and nothing was created", mq_open(other, O_RDWR), ENOENT);
	CHECK_ERR("a bad attr pointer with O_CREAT: EFAULT",
		  syscall(SYS_mq_open, other + 1, O_CREAT | O_RDWR, 0600, BAD), EFAULT);
	q = syscall(SYS_mq_open, name + 1, O_RDWR, 0600, BAD);
	CHECK_OK("without O_CREAT the attr pointer is not read", q);
	if (q >= 0)
		close(q);
	bad = mq_sizes(0, 0);
	q = mq_open(name, O_CREAT | O_RDWR, 0600, &bad);
	CHECK_OK("O_CREAT of an existing queue ignores the attributes", q);
	if (q >= 0)
		close(q);

	/* descriptors */
	if (pipe(pf) != 0)
		pf[0] = pf[1] = -1;
	reg = open("/proc/self/exe", O_RDONLY);
	if (reg < 0)
		reg = open(".", O_RDONLY);
	closed = dup(mqd);
	close(closed);
	CHECK_ERR("mq_send on -1: EBADF", mq_send(-1, "x", 1, 0), EBADF);
	CHECK_ERR("mq_send on a closed descriptor: EBADF", mq_send(closed, "x", 1, 0), EBADF);
	CHECK_ERR("mq_send on a pipe: EBADF", mq_send(pf[1], "x", 1, 0), EBADF);
	CHECK_ERR("mq_receive on a pipe: EBADF", mq_receive(pf[0], buf, sizeof(buf), &prio), EBADF);
	CHECK_ERR("mq_receive on a file: EBADF", mq_receive(reg, buf, sizeof(buf), &prio), EBADF);
	CHECK_ERR("mq_getattr on a file: EBADF", mq_getattr(reg, &g), EBADF);
	CHECK_ERR("mq_getattr on 999: EBADF", mq_getattr(999, &g), EBADF);
	CHECK_ERR("mq_notify on a file: EBADF", mq_notify(reg, NULL), EBADF);

	/* sizes */
	CHECK_ERR("a message longer than mq_msgsize: EMSGSIZE", mq_send(mqd, buf, 101, 0), EMSGSIZE);
	CHECK_OK("exactly mq_msgsize is fine", mq_send(mqd, buf, 100, 0));
	CHECK_OK("so is an empty message", mq_send(mqd, "", 0, 0));
	CHECK_ERR("a receive buffer smaller than mq_msgsize: EMSGSIZE",
		  mq_receive(mqd, buf, 99, &prio), EMSGSIZE);
	mq_getattr(mqd, &g);
	CHECK_EQ("... which takes nothing", g.mq_curmsgs, 2);
	CHECK_EQ("a 100-byte buffer takes the 100-byte message", mq_receive(mqd, buf, 100, &prio), 100);
	CHECK_EQ("the empty message is 0 bytes", mq_receive(mqd, buf, 100, &prio), 0);

	/* priorities and flags */
	CHECK_ERR("priority MQ_PRIO_MAX: EINVAL", mq_send(mqd, "x", 1, MQ_PRIO_MAX), EINVAL);
	CHECK_ERR("... checked before the descriptor", mq_send(999, "x", 1, MQ_PRIO_MAX), EINVAL);
	g = mq_sizes(0, 0);
	g.mq_flags = O_NONBLOCK | O_APPEND;
	CHECK_ERR("mq_setattr with flags other than O_NONBLOCK: EINVAL", mq_setattr(mqd, &g, NULL),
		  EINVAL);
	CHECK_ERR("... checked before the descriptor", mq_setattr(999, &g, NULL), EINVAL);

	/* pointers */
	CHECK_ERR("mq_send from a bad buffer: EFAULT", syscall(SYS_mq_timedsend, mqd, BAD, 5, 0, NULL),
		  EFAULT);
	mq_getattr(mqd, &g);
	CHECK_EQ("... queues nothing", g.mq_curmsgs, 0);
	mq_send(mqd, "lost", 5, 1);
	CHECK_ERR("mq_receive into a bad buffer: EFAULT",
		  syscall(SYS_mq_timedreceive, mqd, BAD, 100, &prio, NULL), EFAULT);
	mq_getattr(mqd, &g);
	CHECK_EQ("... and the message is lost, as Linux", g.mq_curmsgs, 0);
	mq_send(mqd, "lost", 5, 1);
	CHECK_ERR("a bad priority pointer: EFAULT",
		  syscall(SYS_mq_timedreceive, mqd, buf, 100, BAD, NULL), EFAULT);
	CHECK_ERR("a bad time-out pointer on send: EFAULT",
		  syscall(SYS_mq_timedsend, mqd, "x", 1, 0, BAD), EFAULT);
	CHECK_ERR("a bad time-out pointer on receive: EFAULT",
		  syscall(SYS_mq_timedreceive, mqd, buf, 100, &prio, BAD), EFAULT);
	CHECK_ERR("a bad 64-bit time-out pointer: EFAULT",
		  syscall(SYS_mq_timedsend_time64, mqd, "x", 1, 0, BAD), EFAULT);
	CHECK_ERR("... on receive", syscall(SYS_mq_timedreceive_time64, mqd, buf, 100, &prio, BAD),
		  EFAULT);
	struct ts64 past = { 1, 0 }, badns = { 1, 1000000000 };
	CHECK_ERR("a 64-bit time-out with tv_nsec 1e9: EINVAL",
		  syscall(SYS_mq_timedsend_time64, mqd, "x", 1, 0, &badns), EINVAL);
	CHECK_ERR("a 64-bit past time-out on an empty queue: ETIMEDOUT",
		  syscall(SYS_mq_timedreceive_time64, mqd, buf, 100, &prio, &past), ETIMEDOUT);
	CHECK_ERR("mq_getsetattr from a bad pointer: EFAULT",
		  syscall(SYS_mq_getsetattr, mqd, BAD, NULL), EFAULT);
	CHECK_ERR("mq_getsetattr to a bad pointer: EFAULT",
		  syscall(SYS_mq_getsetattr, mqd, NULL, BAD), EFAULT);
	CHECK_OK("mq_getsetattr with neither is 0", syscall(SYS_mq_getsetattr, mqd, NULL, NULL));
	CHECK_ERR("mq_notify from a bad pointer: EFAULT", syscall(SYS_mq_notify, mqd, BAD), EFAULT);

	close(pf[0]);
	close(pf[1]);
	close(reg);
	mq_close(mqd);
	CHECK_OK("mq_unlink", mq_unlink(name));
	return utest_done();
}

/*
 * mq_unlink_open: a queue unlinked while open lives on, messages and all,
 * until its last descriptor closes, while the name is free for a new queue;
 * queue descriptors are files: fork shares them, dup copies them, exec
 * closes them (mq_open makes them close-on-exec, as Linux).
 */
#include "mq_util.h"

int main(int argc, char **argv)
{
	char name[64], buf[64];
	struct mq_attr a = mq_sizes(3, 64), g;
	unsigned int prio;
	int mqd, other, fd2;
	pid_t pid;

	if (argc == 3 && !strcmp(argv[1], "exec-child")) {
		/* after exec: the inherited descriptor number must be closed */
		struct mq_attr x;
		int fd = atoi(argv[2]);

		return mq_getattr(fd, &x) == -1 && errno == EBADF ? 0 : 1;
	}

	mq_name(name, sizeof(name), "unlink");
	mqd = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	CHECK_OK("mq_open", mqd);
	if (mqd < 0)
		return utest_done();
	mq_send(mqd, "kept", 5, 2);
	CHECK_OK("mq_unlink while open", mq_unlink(name));
	CHECK_ERR("the name is gone", mq_open(name, O_RDWR), ENOENT);
	CHECK_ERR("a second mq_unlink: ENOENT", mq_unlink(name), ENOENT);
	CHECK_EQ("the open queue still has its message", mq_receive(mqd, buf, sizeof(buf), &prio), 5);
	CHECK("... intact", !strcmp(buf, "kept") && prio == 2);
	CHECK_OK("and takes new ones", mq_send(mqd, "more", 5, 1));
	other = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	CHECK_OK("the name makes a new queue", other);
	mq_getattr(other, &g);
	CHECK_EQ("... which is empty", g.mq_curmsgs, 0);
	mq_getattr(mqd, &g);
	CHECK_EQ("while the unlinked one keeps its message", g.mq_curmsgs, 1);

	/* descriptors are files */
	CHECK_EQ("mq_open sets FD_CLOEXEC", fcntl(mqd, F_GETFD), FD_CLOEXEC);
	fd2 = dup(mqd);
	CHECK_OK("dup of a queue descriptor", fd2);
	mq_getattr(fd2, &g);
	CHECK_EQ("the dup sees the same queue", g.mq_curmsgs, 1);
	CHECK_EQ("dup does not copy FD_CLOEXEC", fcntl(fd2, F_GETFD), 0);
	pid = fork();
	if (pid == 0) {
		/* the child sends on the unlinked queue through its inherited descriptor */
		_exit(mq_send(mqd, "from child", 11, 7) == 0 ? 0 : 1);
	}
	CHECK_EQ("a forked child sends on the inherited descriptor", mq_wait_child(pid), 0);
	CHECK_EQ("the parent receives it", mq_receive(mqd, buf, sizeof(buf), &prio), 11);
	CHECK("... at priority 7", prio == 7 && !strcmp(buf, "from child"));
	pid = fork();
	if (pid == 0) {
		char fdarg[16];

		snprintf(fdarg, sizeof(fdarg), "%d", mqd);
		execl("/proc/self/exe", argv[0], "exec-child", fdarg, (char *)NULL);
		execl(argv[0], argv[0], "exec-child", fdarg, (char *)NULL);
		_exit(2);
	}
	CHECK_EQ("exec closes the queue descriptor", mq_wait_child(pid), 0);
	CHECK_OK("close the dup", close(fd2));
	mq_getattr(mqd, &g);
	CHECK_EQ("the queue survives closing one of two descriptors", g.mq_curmsgs, 1);
	CHECK_OK("close the last descriptor", mq_close(mqd));
	CHECK_ERR("then the descriptor is gone", mq_getattr(mqd, &g), EBADF);
	mq_close(other);
	CHECK_OK("mq_unlink of the new queue", mq_unlink(name));
	return utest_done();
}

/*
 * mq_file: the mqueue file system. Every mount shows the same queues; a
 * queue is a regular file of size 80 with its creator's owner and mode,
 * whose text is Linux's "QSIZE:... NOTIFY:... SIGNO:... NOTIFY_PID:...";
 * unlink(2) there is mq_unlink, open(O_CREAT) there makes a queue with the
 * default sizes, mkdir is refused. /dev/mqueue, where the system has it,
 * is one more view of the same queues.
 */
#include <dirent.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "mq_util.h"

#define MNT1 "/tmp/mqt_file_mnt1"
#define MNT2 "/tmp/mqt_file_mnt2"

static int read_text(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, k = 0;

	if (fd < 0)
		return -1;
	/* in two pieces: the offset must carry over */
	while ((n = read(fd, out + k, k ? size - 1 - k : 7)) > 0)
		k += n;
	out[k] = '\0';
	close(fd);
	return (int)k;
}

static void expect_text(const char *what, const char *path, unsigned long qsize, int notify,
			int signo, int pid)
{
	char want[128], got[128];

	snprintf(want, sizeof(want), "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
		 qsize, notify, signo, pid);
	read_text(path, got, sizeof(got));
	CHECK(what, !strcmp(got, want));
	if (strcmp(got, want))
		printf("  got  [%s]\n  want [%s]\n", got, want);
}

int main(void)
{
	char name[64], path[128], path2[128], buf[128];
	static char big[8192];
	struct mq_attr a = mq_sizes(5, 100), g;
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	struct sigevent sev;
	struct stat st;
	int mqd, fd, found = 0;
	DIR *dir;
	struct dirent *de;

	if (getuid() != 0) {
		printf("mq_file needs root (mount)\n");
		return utest_done();
	}
	setrlimit(RLIMIT_MSGQUEUE, &unlimited);	/* default-sized queues below */
	umask(022);
	mkdir(MNT1, 0755);
	mkdir(MNT2, 0755);
	CHECK_OK("mount -t mqueue", mount("none", MNT1, "mqueue", 0, NULL));
	CHECK_OK("and a second mount", mount("mqueue", MNT2, "mqueue", 0, NULL));

	mq_name(name, sizeof(name), "file");
	mqd = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0640, &a);
	CHECK_OK("mq_open", mqd);
	snprintf(path, sizeof(path), MNT1 "%s", name);
	snprintf(path2, sizeof(path2), MNT2 "%s", name);

	CHECK_OK("the queue is a file in the mount", stat(path, &st));
	CHECK_EQ("a regular file, mode 0640", st.st_mode, S_IFREG | 0640);
	CHECK_EQ("of size 80", st.st_size, 80);
	CHECK_EQ("one link", st.st_nlink, 1);
	CHECK("owned by its creator", st.st_uid == getuid() && st.st_gid == getgid());
	CHECK_OK("the same file in the second mount", stat(path2, &st));
	CHECK_OK("the directory", stat(MNT1, &st));
	CHECK_EQ("is sticky and writable by all", st.st_mode, S_IFDIR | 01777);
	dir = opendir(MNT1);
	while (dir && (de = readdir(dir)))
		found |= !strcmp(de->d_name, name + 1);
	if (dir)
		closedir(dir);
	CHECK("readdir lists the queue, without the slash", found);

	expect_text("an empty queue's text", path, 0, 0, 0, 0);
	mq_send(mqd, "0123456789", 10, 1);
	mq_send(mqd, "abc", 3, 9);
	expect_text("QSIZE counts the bytes of text queued", path, 13, 0, 0, 0);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR2;
	mq_notify(mqd, &sev);
	expect_text("a SIGEV_SIGNAL registration: NOTIFY 0, its signal and pid", path2, 13, 0,
		    SIGUSR2, getpid());
	mq_notify(mqd, NULL);
	sev.sigev_notify = SIGEV_NONE;
	mq_notify(mqd, &sev);
	expect_text("SIGEV_NONE: NOTIFY 1, no signal", path, 13, 1, 0, getpid());
	mq_notify(mqd, NULL);
	mq_receive(mqd, buf, sizeof(buf), NULL);
	expect_text("after a receive", path, 10, 0, 0, 0);
	CHECK_EQ("read on the queue descriptor gives the text too", read(mqd, buf, sizeof(buf)), 60);
	CHECK_ERR("write on a queue: EINVAL", write(mqd, "x", 1), EINVAL);
	if (stat("/dev/mqueue", &st) == 0) {
		snprintf(buf, sizeof(buf), "/dev/mqueue%s", name);
		CHECK_OK("/dev/mqueue shows the queue", stat(buf, &st));
	} else {
		printf("(no /dev/mqueue here)\n");
	}

	/* unlink(2) in the file system is mq_unlink */
	CHECK_OK("unlink(2) of the file", unlink(path));
	CHECK_ERR("then mq_open finds nothing", mq_open(name, O_RDWR), ENOENT);
	CHECK_ERR("and the other mount neither", stat(path2, &st), ENOENT);
	mq_getattr(mqd, &g);
	CHECK_EQ("the open descriptor keeps the queue", g.mq_curmsgs, 1);
	mq_close(mqd);

	/* open(O_CREAT) makes a queue with the default sizes */
	fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK_OK("open(O_CREAT) in the file system", fd);
	mqd = mq_open(name, O_RDWR);
	CHECK_OK("mq_open finds it", mqd);
	memset(&g, 0, sizeof(g));
	mq_getattr(fd, &g);
	CHECK("the open(2) descriptor is a queue descriptor with the default sizes",
	      g.mq_maxmsg == 10 && g.mq_msgsize == 8192);
	CHECK_OK("mq_send on the open(2) descriptor", mq_send(fd, "via open", 9, 0));
	CHECK_EQ("mq_receive on the mq_open one", mq_receive(mqd, big, sizeof(big), NULL), 9);
	close(fd);
	mq_close(mqd);
	CHECK_OK("mq_unlink", mq_unlink(name));

	snprintf(path, sizeof(path), MNT1 "/mqt_dir_%d", (int)getpid());
	CHECK_ERR("mkdir in the file system: EPERM", mkdir(path, 0755), EPERM);
	CHECK_OK("umount", umount(MNT1));
	CHECK_OK("umount the second", umount(MNT2));
	rmdir(MNT1);
	rmdir(MNT2);
	return utest_done();
}

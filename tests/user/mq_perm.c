/*
 * mq_perm: queues between two users. The queue's mode (less the umask) and
 * owner decide who may open it for reading or writing; in the sticky
 * mqueue directory only the owner may unlink; the descriptor's access mode
 * decides who may send and receive. Root's child drops to uid 65534.
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include "mq_util.h"

#define NOBODY 65534
#define MNT "/tmp/mqt_perm_mnt"

int main(void)
{
	char priv[64], pub[64], mine[64], buf[64];
	struct mq_attr a = mq_sizes(2, 64), g;
	int qpriv, qpub, rd, wr, pf[2];
	unsigned int prio;
	pid_t pid;

	if (getuid() != 0) {
		printf("mq_perm needs root (it drops to uid %d)\n", NOBODY);
		return utest_done();
	}
	mq_name(priv, sizeof(priv), "perm_priv");
	mq_name(pub, sizeof(pub), "perm_pub");
	mq_name(mine, sizeof(mine), "perm_nobody");
	umask(022);
	qpriv = mq_open(priv, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	qpub = mq_open(pub, O_CREAT | O_EXCL | O_RDWR, 0666, &a);	/* umask: 0644 */
	CHECK("root creates two queues", qpriv >= 0 && qpub >= 0);
	mq_send(qpub, "hello", 6, 1);

	char path[128];
	struct stat st;
	int mounted;

	mkdir(MNT, 0755);
	mounted = mount("none", MNT, "mqueue", 0, NULL) == 0;
	CHECK("mount -t mqueue " MNT, mounted);
	if (pipe(pf) != 0)
		return utest_done();
	pid = fork();
	if (pid == 0) {
		int r[12], k = 0, q;

		close(pf[0]);
		if (setgid(NOBODY) || setuid(NOBODY))
			_exit(2);
		errno = 0;
		r[k++] = mq_open(priv, O_RDONLY) < 0 ? errno : 0;		/* EACCES */
		r[k++] = mq_open(pub, O_WRONLY) < 0 ? errno : 0;		/* EACCES */
		r[k++] = mq_open(pub, O_RDWR) < 0 ? errno : 0;			/* EACCES */
		q = mq_open(pub, O_RDONLY);
		r[k++] = q < 0 ? errno : 0;					/* 0 */
		r[k++] = mq_receive(q, buf, sizeof(buf), &prio) == 6 ? 0 : errno; /* 0 */
		r[k++] = mq_send(q, "x", 2, 0) < 0 ? errno : 0;			/* EBADF */
		r[k++] = mq_unlink(pub) < 0 ? errno : 0;			/* EACCES */
		snprintf(path, sizeof(path), "%s%s", MNT, pub);
		r[k++] = unlink(path) < 0 ? errno : 0;				/* EPERM */
		r[k++] = mq_open(pub, O_CREAT | O_EXCL | O_RDONLY, 0600, &a) < 0 ? errno : 0; /* EEXIST */
		q = mq_open(mine, O_CREAT | O_EXCL | O_RDWR, 0640, &a);
		r[k++] = q < 0 ? errno : 0;					/* 0 */
		if (write(pf[1], r, sizeof(int) * k) != (ssize_t)(sizeof(int) * k))
			_exit(3);
		_exit(0);
	}
	close(pf[1]);
	int r[12] = { -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 };
	CHECK_EQ("the child ran", (long)read(pf[0], r, sizeof(r)), 10 * (long)sizeof(int));
	CHECK_EQ("the child exited", mq_wait_child(pid), 0);
	CHECK_EQ("another user cannot open a 0600 queue for reading: EACCES", r[0], EACCES);
	CHECK_EQ("... nor a 0644 queue for writing", r[1], EACCES);
	CHECK_EQ("... nor for both", r[2], EACCES);
	CHECK_EQ("... but for reading, yes", r[3], 0);
	CHECK_EQ("and receive through it", r[4], 0);
	CHECK_EQ("sending on a read-only descriptor: EBADF", r[5], EBADF);
	CHECK_EQ("mq_unlink of another's queue (sticky directory): EACCES", r[6], EACCES);
	CHECK_EQ("unlink(2) of it in a mount: EPERM", r[7], EPERM);
	CHECK_EQ("O_CREAT|O_EXCL of an existing name: EEXIST before any permission", r[8], EEXIST);
	CHECK_EQ("the other user creates a queue of its own", r[9], 0);
	mq_getattr(qpub, &g);
	CHECK_EQ("the child's receive took the message", g.mq_curmsgs, 0);

	/* the creator's queue, through the file system */
	if (mounted) {
		snprintf(path, sizeof(path), "%s%s", MNT, mine);
		CHECK_OK("the other user's queue is a file", stat(path, &st));
		CHECK_EQ("owned by it", st.st_uid, NOBODY);
		CHECK_EQ("group too", st.st_gid, NOBODY);
		CHECK_EQ("mode 0640, a regular file", st.st_mode, S_IFREG | 0640);
		snprintf(path, sizeof(path), "%s%s", MNT, pub);
		stat(path, &st);
		CHECK_EQ("root's 0666 queue got the umask: 0644", st.st_mode, S_IFREG | 0644);
		umount(MNT);
	}
	rmdir(MNT);

	/* root's descriptor modes */
	rd = mq_open(priv, O_RDONLY);
	wr = mq_open(priv, O_WRONLY);
	CHECK_ERR("mq_send on O_RDONLY: EBADF", mq_send(rd, "x", 2, 0), EBADF);
	CHECK_ERR("mq_receive on O_WRONLY: EBADF", mq_receive(wr, buf, sizeof(buf), &prio), EBADF);
	CHECK_OK("mq_send on O_WRONLY", mq_send(wr, "x", 2, 0));
	CHECK_EQ("mq_receive on O_RDONLY", mq_receive(rd, buf, sizeof(buf), &prio), 2);
	CHECK_ERR("O_RDWR|O_WRONLY of an existing queue: EINVAL", mq_open(priv, O_RDWR | O_WRONLY),
		  EINVAL);
	CHECK_OK("root unlinks the other user's queue", mq_unlink(mine));
	close(rd);
	close(wr);
	mq_close(qpriv);
	mq_close(qpub);
	CHECK_OK("mq_unlink", mq_unlink(priv));
	CHECK_OK("mq_unlink", mq_unlink(pub));
	return utest_done();
}

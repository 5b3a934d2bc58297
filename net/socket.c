/*
 * net/socket.c - the BSD socket layer (Linux 2.6: net/socket.c): sockets as
 * files of a sockfs, the system calls (socketcall 102 and the direct calls
 * 359-373, sendmmsg/recvmmsg), and the copying of addresses and msghdrs
 * between user space and the families' proto_ops. Only AF_UNIX is built.
 */
#include <kernel/net.h>
#include <kernel/socket.h>
#include <kernel/errno.h>
#include <kernel/fasync.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/poll.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/signal.h>

#define SOCKFS_MAGIC 0x534F434B
#define MAX_SOCK_ADDR _K_SS_MAXSIZE
#define UIO_FASTIOV 8

extern const struct net_proto_family unix_family_ops;	/* net/unix/af_unix.c */

static const struct net_proto_family *net_families[NPROTO] = {
	[AF_UNIX] = &unix_family_ops,
};

/* ---- sockfs: where sockets' inodes live ---- */

static struct vfsmount *sock_mnt;

static int sockfs_get_sb(struct file_system_type *type, int flags, const char *dev_name,
			 void *data, struct vfsmount *mnt)
{
	(void)flags;
	(void)dev_name;
	(void)data;
	return get_sb_pseudo(type, SOCKFS_MAGIC, mnt);
}

static struct file_system_type sock_fs_type = {
	.name = "sockfs",
	.get_sb = sockfs_get_sb,
	.kill_sb = kill_litter_super,
};

void sock_init(void)
{
	register_filesystem(&sock_fs_type);
	sock_mnt = vfs_kern_mount(&sock_fs_type, 0, "sockfs", NULL);
	if (IS_ERR(sock_mnt))
		panic("sock_init: cannot mount sockfs: %ld", PTR_ERR(sock_mnt));
}

/* a socket and its inode; no file yet */
struct socket *sock_alloc(void)
{
	struct inode *inode = new_inode(sock_mnt->mnt_sb);
	struct socket *sock;

	if (!inode)
		return NULL;
	sock = kzalloc(sizeof(*sock), GFP_KERNEL);
	if (!sock) {
		iput(inode);
		return NULL;
	}
	inode->i_mode = S_IFSOCK | 0777;
	inode->i_uid = current->fsuid;
	inode->i_gid = current->fsgid;
	inode->i_private = sock;
	sock->inode = inode;
	sock->state = SS_UNCONNECTED;
	return sock;
}

/* the family lets go of its sock; the inode goes with the file's dentry */
void sock_release(struct socket *sock)
{
	if (sock->ops) {
		sock->ops->release(sock);
		sock->ops = NULL;
	}
	sock->inode->i_private = NULL;
	if (!sock->file)
		iput(sock->inode);
	kfree(sock);
}

struct socket *sock_from_file(struct file *f)
{
	return f->f_op == &socket_file_ops ? f->private_data : NULL;
}

int sock_wake_async(struct socket *sock, int band)
{
	if (sock && sock->fasync_list)
		kill_fasync(&sock->fasync_list, SIGIO, band);
	return 0;
}

/* a file for sock (which it then owns) on a new fd; -errno and sock freed on failure */
static int sock_map_fd(struct socket *sock, int flags)
{
	struct qstr name = { .name = (const unsigned char *)"socket:", .len = 7 };
	struct dentry *dentry;
	struct file *f;
	int fd = get_unused_fd_flags(flags & O_CLOEXEC);

	if (fd < 0)
		goto fail;
	f = get_empty_filp();
	dentry = d_alloc(sock_mnt->mnt_sb->s_root, &name);
	if (!f || !dentry) {
		if (f)
			put_filp(f);
		if (dentry)
			dput(dentry);
		put_unused_fd(fd);
		fd = -ENFILE;
		goto fail;
	}
	d_instantiate(dentry, sock->inode);	/* the dentry holds the inode now */
	f->f_path.mnt = mntget(sock_mnt);
	f->f_path.dentry = dentry;
	f->f_op = &socket_file_ops;
	f->f_flags = O_RDWR | (flags & O_NONBLOCK);
	f->f_mode = FMODE_READ | FMODE_WRITE;
	f->private_data = sock;
	sock->file = f;
	fd_install(fd, f);
	return fd;
fail:
	sock_release(sock);
	return fd;
}

/* the socket behind fd, with a file reference taken */
static struct socket *sockfd_lookup(int fd, int *err)
{
	struct file *f = fget(fd);
	struct socket *sock;

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	sock = sock_from_file(f);
	if (!sock) {
		*err = -ENOTSOCK;
		fput(f);
	}
	return sock;
}

static void sockfd_put(struct socket *sock)
{
	fput(sock->file);
}

/* ---- copying addresses and messages ---- */

static int move_addr_to_kernel(void __user *uaddr, int ulen, struct sockaddr *kaddr)
{
	if (ulen < 0 || ulen > MAX_SOCK_ADDR)
		return -EINVAL;
	if (ulen == 0)
		return 0;
	if (copy_from_user(kaddr, uaddr, ulen))
		return -EFAULT;
	return 0;
}

static int move_addr_to_user(struct sockaddr *kaddr, int klen, void __user *uaddr,
			     int __user *ulen)
{
	int len;

	if (get_user(len, ulen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (len > klen)
		len = klen;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen);
}

/* copy n bytes out of the iovec, consuming it; -EFAULT on a bad segment */
int memcpy_fromiovec(unsigned char *kdata, struct iovec *iov, int len)
{
	while (len > 0) {
		if (iov->iov_len) {
			int copy = min((size_t)len, iov->iov_len);

			if (copy_from_user(kdata, iov->iov_base, copy))
				return -EFAULT;
			kdata += copy;
			len -= copy;
			iov->iov_len -= copy;
			iov->iov_base = (char *)iov->iov_base + copy;
		}
		iov++;
	}
	return 0;
}

int memcpy_toiovec(struct iovec *iov, const unsigned char *kdata, int len)
{
	while (len > 0) {
		if (iov->iov_len) {
			int copy = min((size_t)len, iov->iov_len);

			if (copy_to_user(iov->iov_base, kdata, copy))
				return -EFAULT;
			kdata += copy;
			len -= copy;
			iov->iov_len -= copy;
			iov->iov_base = (char *)iov->iov_base + copy;
		}
		iov++;
	}
	return 0;
}

/* check a kernel copy of an iovec; the total, or -errno */
static ssize_t verify_iovec(struct iovec *iov, unsigned long nr)
{
	size_t tot = 0;

	for (unsigned long i = 0; i < nr; i++) {
		if ((ssize_t)iov[i].iov_len < 0)
			return -EINVAL;
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			return -EFAULT;
		tot += iov[i].iov_len;
		if (tot > 0x7ffff000)		/* MAX_RW_COUNT */
			return -EINVAL;
	}
	return tot;
}

static int sock_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	return sock->ops->sendmsg(sock, msg, len);
}

static int sock_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags)
{
	return sock->ops->recvmsg(sock, msg, len, flags);
}

/* ---- the file operations ---- */

static ssize_t sock_rw_iov(struct file *f, const struct iovec *uiov, unsigned long nr, int write)
{
	struct socket *sock = f->private_data;
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct msghdr msg = { 0 };
	ssize_t len;
	int flags = (f->f_flags & O_NONBLOCK) ? MSG_DONTWAIT : 0;

	if (nr > UIO_FASTIOV) {
		iov = kmalloc(nr * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	memcpy(iov, uiov, nr * sizeof(*iov));
	len = verify_iovec(iov, nr);
	if (len < 0)
		goto out;
	msg.msg_iov = iov;
	msg.msg_iovlen = nr;
	msg.msg_flags = flags;
	if (write)
		len = sock_sendmsg(sock, &msg, len);
	else
		len = len ? sock_recvmsg(sock, &msg, len, flags) : 0;
out:
	if (iov != fast)
		kfree(iov);
	return len;
}

static ssize_t sock_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	struct iovec iov = { buf, n };

	(void)pos;
	return sock_rw_iov(f, &iov, 1, 0);
}

static ssize_t sock_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	struct iovec iov = { (void __user *)buf, n };

	(void)pos;
	return sock_rw_iov(f, &iov, 1, 1);
}

static ssize_t sock_readv(struct file *f, const struct iovec *iov, unsigned long nr, loff_t *pos)
{
	(void)pos;
	return sock_rw_iov(f, iov, nr, 0);
}

static ssize_t sock_writev(struct file *f, const struct iovec *iov, unsigned long nr, loff_t *pos)
{
	(void)pos;
	return sock_rw_iov(f, iov, nr, 1);
}

static unsigned int sock_poll(struct file *f, poll_table *wait)
{
	struct socket *sock = f->private_data;

	return sock->ops->poll(f, sock, wait);
}

static int sock_ioctl(struct inode *inode, struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;
	int err;

	(void)inode;
	err = sock->ops->ioctl(sock, cmd, arg);
	return err == -ENOIOCTLCMD ? -ENOTTY : err;
}

static int sock_close(struct inode *inode, struct file *f)
{
	struct socket *sock = f->private_data;

	(void)inode;
	sock_release(sock);
	return 0;
}

static int sock_fasync(int fd, struct file *f, int on)
{
	struct socket *sock = f->private_data;
	int err = fasync_helper(fd, f, on, &sock->fasync_list);

	return err < 0 ? err : 0;
}

const struct file_operations socket_file_ops = {
	.llseek = no_llseek,
	.read = sock_read,
	.write = sock_write,
	.readv = sock_readv,
	.writev = sock_writev,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_close,
	.fasync = sock_fasync,
};

/* ---- the system calls ---- */

static int sock_create(int family, int type, int protocol, struct socket **res)
{
	const struct net_proto_family *pf;
	struct socket *sock;
	int err;

	if (family < 0 || family >= NPROTO)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= SOCK_MAX)
		return -EINVAL;
	pf = net_families[family];
	if (!pf)
		return -EAFNOSUPPORT;	/* every family but AF_UNIX is configured out */
	sock = sock_alloc();
	if (!sock)
		return -ENFILE;
	sock->type = type;
	err = pf->create(sock, protocol);
	if (err) {
		sock_release(sock);
		return err;
	}
	*res = sock;
	return 0;
}

long sys_socket(int family, int type, int protocol)
{
	struct socket *sock;
	int flags = type & ~SOCK_TYPE_MASK, err;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &sock);
	if (err)
		return err;
	return sock_map_fd(sock, flags);
}

long sys_socketpair(int family, int type, int protocol, int __user *usockvec)
{
	struct socket *a, *b;
	int flags = type & ~SOCK_TYPE_MASK, err, fd[2];

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &a);
	if (err)
		return err;
	err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &b);
	if (err) {
		sock_release(a);
		return err;
	}
	err = a->ops->socketpair(a, b);
	if (err) {
		sock_release(a);
		sock_release(b);
		return err;
	}
	fd[0] = sock_map_fd(a, flags);
	if (fd[0] < 0) {
		sock_release(b);
		return fd[0];
	}
	fd[1] = sock_map_fd(b, flags);
	if (fd[1] < 0) {
		sys_close(fd[0]);
		return fd[1];
	}
	if (copy_to_user(usockvec, fd, sizeof(fd))) {
		sys_close(fd[0]);
		sys_close(fd[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_bind(int fd, struct sockaddr __user *umyaddr, int addrlen)
{
	char address[MAX_SOCK_ADDR];
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = move_addr_to_kernel(umyaddr, addrlen, (struct sockaddr *)address);
	if (!err)
		err = sock->ops->bind(sock, (struct sockaddr *)address, addrlen);
	sockfd_put(sock);
	return err;
}

long sys_listen(int fd, int backlog)
{
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	err = sock->ops->listen(sock, backlog);
	sockfd_put(sock);
	return err;
}

long sys_accept4(int fd, struct sockaddr __user *upeer, int __user *upeer_len, int flags)
{
	struct socket *sock, *newsock;
	char address[MAX_SOCK_ADDR];
	int err, len, newfd;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = -ENFILE;
	newsock = sock_alloc();
	if (!newsock)
		goto out;
	newsock->type = sock->type;
	newsock->ops = sock->ops;
	err = sock->ops->accept(sock, newsock, sock->file->f_flags);
	if (err < 0) {
		newsock->ops = NULL;	/* nothing grafted: no release */
		sock_release(newsock);
		goto out;
	}
	newfd = sock_map_fd(newsock, flags);
	if (newfd < 0) {
		err = newfd;
		goto out;
	}
	err = newfd;
	if (upeer) {
		int e = newsock->ops->getname(newsock, (struct sockaddr *)address, &len, 2);

		if (!e)
			e = move_addr_to_user((struct sockaddr *)address, len, upeer, upeer_len);
		if (e) {
			sys_close(newfd);
			err = e;
		}
	}
out:
	sockfd_put(sock);
	return err;
}

long sys_accept(int fd, struct sockaddr __user *upeer, int __user *upeer_len)
{
	return sys_accept4(fd, upeer, upeer_len, 0);
}

long sys_connect(int fd, struct sockaddr __user *uservaddr, int addrlen)
{
	char address[MAX_SOCK_ADDR];
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = move_addr_to_kernel(uservaddr, addrlen, (struct sockaddr *)address);
	if (!err)
		err = sock->ops->connect(sock, (struct sockaddr *)address, addrlen,
					 sock->file->f_flags);
	sockfd_put(sock);
	return err;
}

static long do_getname(int fd, struct sockaddr __user *usockaddr, int __user *usockaddr_len,
		       int peer)
{
	char address[MAX_SOCK_ADDR];
	int err, len;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = sock->ops->getname(sock, (struct sockaddr *)address, &len, peer);
	if (!err)
		err = move_addr_to_user((struct sockaddr *)address, len, usockaddr, usockaddr_len);
	sockfd_put(sock);
	return err;
}

long sys_getsockname(int fd, struct sockaddr __user *a, int __user *l)
{
	return do_getname(fd, a, l, 0);
}

long sys_getpeername(int fd, struct sockaddr __user *a, int __user *l)
{
	return do_getname(fd, a, l, 1);
}

long sys_sendto(int fd, void __user *buff, size_t len, unsigned int flags,
		struct sockaddr __user *addr, int addr_len)
{
	char address[MAX_SOCK_ADDR];
	struct iovec iov = { buff, len };
	struct msghdr msg = { 0 };
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = verify_iovec(&iov, 1);
	if (err < 0)
		goto out;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (addr) {
		err = move_addr_to_kernel(addr, addr_len, (struct sockaddr *)address);
		if (err)
			goto out;
		msg.msg_name = address;
		msg.msg_namelen = addr_len;
	}
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg.msg_flags = flags;
	err = sock_sendmsg(sock, &msg, len);
out:
	sockfd_put(sock);
	return err;
}

long sys_send(int fd, void __user *buff, size_t len, unsigned int flags)
{
	return sys_sendto(fd, buff, len, flags, NULL, 0);
}

long sys_recvfrom(int fd, void __user *ubuf, size_t size, unsigned int flags,
		  struct sockaddr __user *addr, int __user *addr_len)
{
	char address[MAX_SOCK_ADDR];
	struct iovec iov = { ubuf, size };
	struct msghdr msg = { 0 };
	int err, err2;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = verify_iovec(&iov, 1);
	if (err < 0)
		goto out;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_name = addr ? address : NULL;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock_recvmsg(sock, &msg, size, flags);
	if (err >= 0 && addr) {
		err2 = move_addr_to_user((struct sockaddr *)address, msg.msg_namelen, addr,
					 addr_len);
		if (err2 < 0)
			err = err2;
	}
out:
	sockfd_put(sock);
	return err;
}

long sys_recv(int fd, void __user *ubuf, size_t size, unsigned int flags)
{
	return sys_recvfrom(fd, ubuf, size, flags, NULL, NULL);
}

long sys_shutdown(int fd, int how)
{
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = sock->ops->shutdown(sock, how);
	sockfd_put(sock);
	return err;
}

long sys_setsockopt(int fd, int level, int optname, char __user *optval, int optlen)
{
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if (optlen < 0)
		err = -EINVAL;
	else if (level == SOL_SOCKET)
		err = sock_setsockopt(sock, level, optname, optval, optlen);
	else
		err = -EOPNOTSUPP;	/* AF_UNIX has no options of its own */
	sockfd_put(sock);
	return err;
}

long sys_getsockopt(int fd, int level, int optname, char __user *optval, int __user *optlen)
{
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_getsockopt(sock, level, optname, optval, optlen);
	else
		err = -EOPNOTSUPP;
	sockfd_put(sock);
	return err;
}

/*
 * sendmsg/recvmsg: the user's msghdr copied in, its iovec copied and
 * checked; on the send side its control data copied too.
 */
static int copy_msghdr_in(struct msghdr *msg, struct msghdr __user *umsg, struct iovec *fast,
			  struct iovec **iovp)
{
	struct iovec *iov = fast;
	ssize_t len;

	if (copy_from_user(msg, umsg, sizeof(*msg)))
		return -EFAULT;
	if (!msg->msg_name)
		msg->msg_namelen = 0;
	if (msg->msg_namelen < 0)
		return -EINVAL;
	if (msg->msg_namelen > MAX_SOCK_ADDR)
		msg->msg_namelen = MAX_SOCK_ADDR;
	if (msg->msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	if (msg->msg_iovlen > UIO_FASTIOV) {
		iov = kmalloc(msg->msg_iovlen * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	*iovp = iov;
	if (msg->msg_iovlen && copy_from_user(iov, msg->msg_iov, msg->msg_iovlen * sizeof(*iov)))
		return -EFAULT;
	len = verify_iovec(iov, msg->msg_iovlen);
	if (len < 0)
		return len;
	msg->msg_iov = iov;
	return len;
}

#define SOCK_MAX_CTL 131072	/* net.core.optmem_max */

static long do_sendmsg(struct socket *sock, struct msghdr __user *umsg, unsigned int flags)
{
	char address[MAX_SOCK_ADDR];
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	unsigned char ctl[64], *ctl_buf = ctl;
	struct msghdr msg;
	long err, len;

	len = err = copy_msghdr_in(&msg, umsg, fast, &iov);
	if (err < 0)
		goto out;
	if (msg.msg_namelen) {
		err = move_addr_to_kernel(msg.msg_name, msg.msg_namelen, (struct sockaddr *)address);
		if (err)
			goto out;
		msg.msg_name = address;
	}
	err = -ENOBUFS;
	if (msg.msg_controllen > 0x7fffffff)
		goto out;
	if (msg.msg_controllen) {
		if (msg.msg_controllen > SOCK_MAX_CTL)
			goto out;
		if (msg.msg_controllen > sizeof(ctl)) {
			ctl_buf = kmalloc(msg.msg_controllen, GFP_KERNEL);
			if (!ctl_buf)
				goto out;
		}
		err = -EFAULT;
		if (copy_from_user(ctl_buf, msg.msg_control, msg.msg_controllen))
			goto out;
		msg.msg_control = ctl_buf;
	} else {
		msg.msg_control = NULL;
	}
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg.msg_flags = flags;
	err = sock_sendmsg(sock, &msg, len);
out:
	if (ctl_buf != ctl)
		kfree(ctl_buf);
	if (iov != fast)
		kfree(iov);
	return err;
}

static long do_recvmsg(struct socket *sock, struct msghdr __user *umsg, unsigned int flags)
{
	char address[MAX_SOCK_ADDR];
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct msghdr msg;
	void __user *uaddr;
	size_t ctl_len;
	long err, len;

	len = err = copy_msghdr_in(&msg, umsg, fast, &iov);
	if (err < 0)
		goto out;
	uaddr = msg.msg_name;
	msg.msg_name = uaddr ? address : NULL;
	msg.msg_namelen = 0;
	ctl_len = msg.msg_controllen;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg.msg_flags = flags & MSG_CMSG_CLOEXEC;	/* the rest are results */
	err = sock_recvmsg(sock, &msg, len, flags);
	if (err < 0)
		goto out;
	len = err;
	if (uaddr && msg.msg_namelen && copy_to_user(uaddr, address, msg.msg_namelen)) {
		err = -EFAULT;
		goto out;
	}
	msg.msg_flags &= ~MSG_CMSG_CLOEXEC;
	if (put_user(uaddr ? msg.msg_namelen : 0, &umsg->msg_namelen) ||
	    put_user(msg.msg_flags, &umsg->msg_flags) ||
	    put_user(ctl_len - msg.msg_controllen, &umsg->msg_controllen))
		err = -EFAULT;
	else
		err = len;
out:
	if (iov != fast)
		kfree(iov);
	return err;
}

long sys_sendmsg(int fd, struct msghdr __user *msg, unsigned int flags)
{
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = do_sendmsg(sock, msg, flags);
	sockfd_put(sock);
	return err;
}

long sys_recvmsg(int fd, struct msghdr __user *msg, unsigned int flags)
{
	int err;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	err = do_recvmsg(sock, msg, flags);
	sockfd_put(sock);
	return err;
}

/* sendmmsg/recvmmsg: as many messages as go; an error only if the first fails */
static long do_mmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen, unsigned int flags,
		    int send)
{
	unsigned int i;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &err);

	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (i = 0; i < vlen; i++) {
		if (send)
			err = do_sendmsg(sock, &mmsg[i].msg_hdr, flags);
		else
			err = do_recvmsg(sock, &mmsg[i].msg_hdr, flags & ~MSG_WAITFORONE);
		if (err < 0)
			break;
		if (put_user((unsigned int)err, &mmsg[i].msg_len)) {
			err = -EFAULT;
			break;
		}
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
	}
	sockfd_put(sock);
	return i ? (long)i : err;
}

long sys_sendmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen, unsigned int flags)
{
	return do_mmsg(fd, mmsg, vlen, flags & ~MSG_WAITFORONE, 1);
}

/* recvmmsg without a timeout (one given: EINVAL, the timeout is not built) */
long sys_recvmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen, unsigned int flags,
		  void __user *timeout)
{
	if (timeout)
		return -EINVAL;
	return do_mmsg(fd, mmsg, vlen, flags, 0);
}

/* socketcall(2): the arguments are an array of longs in user memory */
static const unsigned char nargs[21] = {
	0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4
};

long sys_socketcall(int call, unsigned long __user *args)
{
	unsigned long a[6];

	if (call < 1 || call > SYS_SENDMMSG)
		return -EINVAL;
	if (copy_from_user(a, args, nargs[call] * sizeof(unsigned long)))
		return -EFAULT;
	switch (call) {
	case SYS_SOCKET:
		return sys_socket(a[0], a[1], a[2]);
	case SYS_BIND:
		return sys_bind(a[0], (void __user *)a[1], a[2]);
	case SYS_CONNECT:
		return sys_connect(a[0], (void __user *)a[1], a[2]);
	case SYS_LISTEN:
		return sys_listen(a[0], a[1]);
	case SYS_ACCEPT:
		return sys_accept4(a[0], (void __user *)a[1], (int __user *)a[2], 0);
	case SYS_GETSOCKNAME:
		return sys_getsockname(a[0], (void __user *)a[1], (int __user *)a[2]);
	case SYS_GETPEERNAME:
		return sys_getpeername(a[0], (void __user *)a[1], (int __user *)a[2]);
	case SYS_SOCKETPAIR:
		return sys_socketpair(a[0], a[1], a[2], (int __user *)a[3]);
	case SYS_SEND:
		return sys_sendto(a[0], (void __user *)a[1], a[2], a[3], NULL, 0);
	case SYS_RECV:
		return sys_recvfrom(a[0], (void __user *)a[1], a[2], a[3], NULL, NULL);
	case SYS_SENDTO:
		return sys_sendto(a[0], (void __user *)a[1], a[2], a[3], (void __user *)a[4], a[5]);
	case SYS_RECVFROM:
		return sys_recvfrom(a[0], (void __user *)a[1], a[2], a[3], (void __user *)a[4],
				    (int __user *)a[5]);
	case SYS_SHUTDOWN:
		return sys_shutdown(a[0], a[1]);
	case SYS_SETSOCKOPT:
		return sys_setsockopt(a[0], a[1], a[2], (char __user *)a[3], a[4]);
	case SYS_GETSOCKOPT:
		return sys_getsockopt(a[0], a[1], a[2], (char __user *)a[3], (int __user *)a[4]);
	case SYS_SENDMSG:
		return sys_sendmsg(a[0], (void __user *)a[1], a[2]);
	case SYS_RECVMSG:
		return sys_recvmsg(a[0], (void __user *)a[1], a[2]);
	case SYS_ACCEPT4:
		return sys_accept4(a[0], (void __user *)a[1], (int __user *)a[2], a[3]);
	case SYS_RECVMMSG:
		return sys_recvmmsg(a[0], (void __user *)a[1], a[2], a[3], (void __user *)a[4]);
	case SYS_SENDMMSG:
		return sys_sendmmsg(a[0], (void __user *)a[1], a[2], a[3]);
	}
	return -EINVAL;
}

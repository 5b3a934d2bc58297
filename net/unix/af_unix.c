/*
 * net/unix/af_unix.c - UNIX domain sockets (Linux 2.6: net/unix/af_unix.c):
 * SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET over sk_buff queues. A stream
 * connect queues an embryo sock on the listener (accept takes it); data is
 * queued on the peer's receive queue and charged to the sender's send
 * buffer. Names are paths (a socket inode made as mknod does) or abstract
 * (a leading NUL); unbound senders may be autobound to "\0XXXXX".
 *
 * Locking: every socket call runs under the big kernel lock (lib/
 * kernel_lock.c), so on any number of CPUs the sections between sleeps are
 * atomic, as they were on one; readlock orders concurrent readers. 2.6's
 * unix_state_lock, the queues' own locks and unix_table_lock are not here
 * yet, which is why no socket call is in syscall_nobkl.
 */
#include <kernel/af_unix.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/fs_struct.h>
#include <kernel/namei.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <uapi/ioctls.h>
#include <uapi/signal.h>

#define UNIX_MAX_DGRAM_QLEN 10		/* net.unix.max_dgram_qlen */
#define SIOCINQ		FIONREAD
#define SIOCOUTQ	TIOCOUTQ

LIST_HEAD(unix_socket_list);
static const struct proto_ops unix_stream_ops, unix_dgram_ops, unix_seqpacket_ops;

static int unix_writable(struct sock *sk)
{
	return (sk->sk_wmem_alloc << 2) <= sk->sk_sndbuf;
}

static int unix_recvq_full(struct sock *sk)
{
	return sk->sk_receive_queue.qlen > sk->sk_max_ack_backlog;
}

static int connection_based(struct sock *sk)
{
	return sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET;
}

static void unix_release_addr(struct unix_address *addr)
{
	if (addr && --addr->refcnt == 0)
		kfree(addr);
}

/* ---- names ---- */

/*
 * Check a sockaddr_un; returns the length that counts (a path ends at its
 * first NUL), or -EINVAL. A path is NUL-terminated in place (the caller's
 * buffer is MAX_SOCK_ADDR long).
 */
static int unix_mkname(struct sockaddr_un *sunaddr, int len)
{
	if (len <= (int)sizeof(short) || len > (int)sizeof(*sunaddr))
		return -EINVAL;
	if (sunaddr->sun_family != AF_UNIX)
		return -EINVAL;
	if (sunaddr->sun_path[0]) {
		((char *)sunaddr)[len] = 0;
		return strlen(sunaddr->sun_path) + 1 + sizeof(short);
	}
	return len;
}

/* a bound abstract name of this type */
static struct sock *unix_find_abstract(struct sockaddr_un *sunaddr, int len, int type)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_socket_list, all) {
		if (u->bound && !u->path.dentry && u->addr->len == len && u->sk.sk_type == type &&
		    !(u->sk.sk_flags & SOCK_DEAD) && !memcmp(&u->addr->name, sunaddr, len))
			return &u->sk;
	}
	return NULL;
}

static struct sock *unix_find_socket_byinode(struct inode *inode)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_socket_list, all) {
		if (u->bound && u->path.dentry && u->path.dentry->d_inode == inode &&
		    !(u->sk.sk_flags & SOCK_DEAD))
			return &u->sk;
	}
	return NULL;
}

/* the socket a name refers to, held; or ERR_PTR */
static struct sock *unix_find_other(struct sockaddr_un *sunaddr, int len, int type)
{
	struct sock *sk;

	if (sunaddr->sun_path[0]) {
		struct nameidata nd;
		struct inode *inode;
		int err = path_lookup(sunaddr->sun_path, LOOKUP_FOLLOW, &nd);

		if (err)
			return ERR_PTR(err);
		inode = nd.path.dentry->d_inode;
		err = permission(inode, MAY_WRITE, &nd);
		if (!err && !S_ISSOCK(inode->i_mode))
			err = -ECONNREFUSED;
		sk = err ? NULL : unix_find_socket_byinode(inode);
		path_release(&nd);
		if (err)
			return ERR_PTR(err);
		if (!sk)
			return ERR_PTR(-ECONNREFUSED);
		if (sk->sk_type != type)
			return ERR_PTR(-EPROTOTYPE);
	} else {
		sk = unix_find_abstract(sunaddr, len, type);
		if (!sk)
			return ERR_PTR(-ECONNREFUSED);
	}
	sock_hold(sk);
	return sk;
}

static struct unix_address *unix_alloc_addr(struct sockaddr_un *sunaddr, int len)
{
	struct unix_address *addr = kzalloc(sizeof(*addr), GFP_KERNEL);

	if (!addr)
		return NULL;
	addr->refcnt = 1;
	addr->len = len;
	memcpy(&addr->name, sunaddr, len);
	return addr;
}

/* a free abstract name "\0XXXXX" of five hex digits */
static int unix_autobind(struct socket *sock)
{
	static unsigned int ordernum = 1;
	struct unix_sock *u = unix_sk(sock->sk);
	struct sockaddr_un sun;
	int len = sizeof(short) + 1 + 5, tries = 0;

	if (u->addr)
		return 0;
	sun.sun_family = AF_UNIX;
	for (;;) {
		static const char hex[] = "0123456789abcdef";
		unsigned int n = ordernum++ & 0xfffff;

		sun.sun_path[0] = 0;
		for (int i = 0; i < 5; i++)
			sun.sun_path[1 + i] = hex[(n >> (4 * (4 - i))) & 0xf];
		if (!unix_find_abstract(&sun, len, sock->sk->sk_type))
			break;
		if (++tries > 0xfffff)
			return -ENOSPC;
	}
	u->addr = unix_alloc_addr(&sun, len);
	if (!u->addr)
		return -ENOMEM;
	u->bound = 1;
	return 0;
}

static int unix_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct unix_sock *u = unix_sk(sock->sk);
	struct unix_address *addr;
	int err, len;

	if (addr_len >= (int)sizeof(short) && sunaddr->sun_family != AF_UNIX)
		return -EINVAL;
	if (addr_len == sizeof(short))
		return unix_autobind(sock);
	len = unix_mkname(sunaddr, addr_len);
	if (len < 0)
		return len;
	if (u->addr)
		return -EINVAL;
	addr = unix_alloc_addr(sunaddr, len);
	if (!addr)
		return -ENOMEM;
	if (sunaddr->sun_path[0]) {
		/* a socket inode in the file system, as mknod(S_IFSOCK) makes */
		struct nameidata nd;
		struct dentry *d;
		int mode = S_IFSOCK | (0777 & ~current->fs->umask);

		err = path_lookup(sunaddr->sun_path, LOOKUP_PARENT, &nd);
		if (err)
			goto out_addr;
		d = lookup_create(&nd, 0);
		err = PTR_ERR(d);
		if (!IS_ERR(d)) {
			err = vfs_mknod(nd.path.dentry->d_inode, d, mode, 0);
			if (!err) {
				u->path.dentry = d;
				u->path.mnt = mntget(nd.path.mnt);
			} else {
				dput(d);
			}
		}
		path_release(&nd);
		if (err == -EEXIST)
			err = -EADDRINUSE;
		if (err)
			goto out_addr;
	} else if (unix_find_abstract(sunaddr, len, sock->sk->sk_type)) {
		err = -EADDRINUSE;
		goto out_addr;
	}
	u->addr = addr;
	u->bound = 1;
	return 0;
out_addr:
	unix_release_addr(addr);
	return err;
}

static int unix_getname(struct socket *sock, struct sockaddr *uaddr, int *len, int peer)
{
	struct sock *sk = sock->sk;
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct unix_address *addr;

	if (peer) {
		sk = unix_peer(sk);
		if (!sk || (connection_based(sock->sk) && sock->sk->sk_state != TCP_ESTABLISHED))
			return -ENOTCONN;
	}
	addr = unix_sk(sk)->addr;
	if (!addr) {
		sunaddr->sun_family = AF_UNIX;
		sunaddr->sun_path[0] = 0;
		*len = sizeof(short);
	} else {
		*len = addr->len;
		memcpy(sunaddr, &addr->name, addr->len);
	}
	return 0;
}

/* ---- creation and release ---- */

static void unix_sock_destructor(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);

	skb_queue_purge(&sk->sk_receive_queue);
	unix_release_addr(u->addr);
	list_del(&u->all);
	kfree(u);
}

static struct sock *unix_create1(struct socket *sock, int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u), GFP_KERNEL);
	struct sock *sk;

	if (!u)
		return NULL;
	sk = &u->sk;
	sock_init_data(sock, sk);
	sk->sk_type = type;
	sk->sk_family = AF_UNIX;
	sk->sk_max_ack_backlog = UNIX_MAX_DGRAM_QLEN;
	sk->sk_destruct = unix_sock_destructor;
	mutex_init(&u->readlock);
	init_waitqueue_head(&u->peer_wait);
	INIT_LIST_HEAD(&u->link);
	INIT_LIST_HEAD(&u->gc_list);
	list_add_tail(&u->all, &unix_socket_list);
	return sk;
}

static int unix_create(struct socket *sock, int protocol)
{
	if (protocol && protocol != PF_UNIX)
		return -EPROTONOSUPPORT;
	sock->state = SS_UNCONNECTED;
	switch (sock->type) {
	case SOCK_STREAM:
		sock->ops = &unix_stream_ops;
		break;
	case SOCK_RAW:		/* Linux treats SOCK_RAW as SOCK_DGRAM */
		sock->type = SOCK_DGRAM;
		/* fall through */
	case SOCK_DGRAM:
		sock->ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		sock->ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	if (!unix_create1(sock, sock->type)) {
		sock->ops = NULL;
		return -ENOMEM;
	}
	return 0;
}

const struct net_proto_family unix_family_ops = {
	.family = PF_UNIX,
	.create = unix_create,
};

static void unix_free_skb(struct sk_buff *skb)
{
	struct scm_fp_list *fp = skb->fp;

	skb->fp = NULL;
	kfree_skb(skb);
	if (fp)
		unix_destruct_fp(fp);	/* may release sockets, after the skb is gone */
}

static void unix_release_sock(struct sock *sk, int embrion)
{
	struct unix_sock *u = unix_sk(sk);
	struct path path = u->path;
	struct sock *skpair;
	struct sk_buff *skb;
	int state = sk->sk_state;

	u->path.dentry = NULL;
	u->path.mnt = NULL;
	u->bound = 0;
	sk->sk_shutdown = SHUTDOWN_MASK;
	sk->sk_state = TCP_CLOSE;
	skpair = unix_peer(sk);
	unix_peer(sk) = NULL;
	sk->sk_flags |= SOCK_DEAD;
	wake_up_interruptible_all(&u->peer_wait);
	wake_up_interruptible_all(&sk->sk_wait);

	if (skpair) {
		if (connection_based(sk) && unix_peer(skpair) == sk) {
			skpair->sk_shutdown = SHUTDOWN_MASK;
			if (sk->sk_receive_queue.qlen || embrion)
				skpair->sk_err = ECONNRESET;
			sk_state_change(skpair);
		}
		wake_up_interruptible_all(&unix_sk(skpair)->peer_wait);
		sock_put(skpair);
	}
	sk->sk_socket = NULL;
	/* unread data goes; a listener's pending connections are reset */
	while ((skb = skb_dequeue(&sk->sk_receive_queue))) {
		if (state == TCP_LISTEN)
			unix_release_sock(skb->sk, 1);
		unix_free_skb(skb);
	}
	if (path.dentry)
		path_put(&path);
	sock_put(sk);
	if (unix_tot_inflight)
		unix_gc();
}

static int unix_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	sock->sk = NULL;
	unix_release_sock(sk, 0);
	return 0;
}

/* ---- listen, connect, accept, socketpair ---- */

static void init_peercred(struct sock *sk)
{
	sk->sk_peercred.pid = current->tgid;
	sk->sk_peercred.uid = current->euid;
	sk->sk_peercred.gid = current->egid;
}

static int unix_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (!u->addr)
		return -EINVAL;		/* no listens on an unbound socket */
	if (sk->sk_state != TCP_CLOSE && sk->sk_state != TCP_LISTEN)
		return -EINVAL;
	if ((unsigned int)backlog > sk->sk_max_ack_backlog)
		wake_up_interruptible_all(&u->peer_wait);
	sk->sk_max_ack_backlog = backlog;
	sk->sk_state = TCP_LISTEN;
	init_peercred(sk);
	return 0;
}

static int unix_wait_for_peer(struct sock *other, long timeo)
{
	struct unix_sock *u = unix_sk(other);
	DEFINE_WAIT(wait);

	prepare_to_wait_exclusive(&u->peer_wait, &wait, TASK_INTERRUPTIBLE);
	if (!(other->sk_flags & SOCK_DEAD) && !(other->sk_shutdown & RCV_SHUTDOWN) &&
	    unix_recvq_full(other))
		timeo = schedule_timeout(timeo);
	finish_wait(&u->peer_wait, &wait);
	sock_put(other);
	return timeo;
}

static int unix_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len,
			       int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk, *newsk = NULL, *other = NULL;
	struct unix_sock *u = unix_sk(sk), *newu, *otheru;
	struct sk_buff *skb = NULL;
	long timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	int err, len;

	err = len = unix_mkname(sunaddr, addr_len);
	if (err < 0)
		goto out;
	if ((sk->sk_flags & SOCK_PASSCRED) && !u->addr) {
		err = unix_autobind(sock);
		if (err)
			goto out;
	}
	/* the embryo that accept will hand out, and the request that carries it */
	err = -ENOMEM;
	newsk = unix_create1(NULL, sk->sk_type);
	if (!newsk)
		goto out;
	skb = sock_wmalloc(newsk, 1);
	if (!skb)
		goto out;
restart:
	other = unix_find_other(sunaddr, len, sk->sk_type);
	if (IS_ERR(other)) {
		err = PTR_ERR(other);
		other = NULL;
		goto out;
	}
	err = -ECONNREFUSED;
	if (other->sk_state != TCP_LISTEN || (other->sk_shutdown & RCV_SHUTDOWN))
		goto out;
	if (unix_recvq_full(other)) {
		err = -EAGAIN;
		if (!timeo)
			goto out;
		timeo = unix_wait_for_peer(other, timeo);
		other = NULL;
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			goto out;
		goto restart;
	}
	switch (sk->sk_state) {
	case TCP_CLOSE:
		break;
	case TCP_ESTABLISHED:
		err = -EISCONN;
		goto out;
	default:
		err = -EINVAL;
		goto out;
	}
	newu = unix_sk(newsk);
	otheru = unix_sk(other);
	newsk->sk_state = TCP_ESTABLISHED;
	newsk->sk_type = sk->sk_type;
	init_peercred(newsk);
	sock_hold(sk);
	unix_peer(newsk) = sk;
	if (otheru->addr) {
		otheru->addr->refcnt++;
		newu->addr = otheru->addr;
	}
	if (otheru->path.dentry) {
		newu->path = otheru->path;
		path_get(&newu->path);
	}
	sk->sk_peercred = other->sk_peercred;
	sock->state = SS_CONNECTED;
	sk->sk_state = TCP_ESTABLISHED;
	sock_hold(newsk);
	unix_peer(sk) = newsk;
	skb_queue_tail(&other->sk_receive_queue, skb);
	sk_data_ready(other);
	sock_put(other);
	return 0;
out:
	if (skb)
		kfree_skb(skb);
	if (newsk)
		unix_release_sock(newsk, 0);
	if (other)
		sock_put(other);
	return err;
}

static int unix_dgram_connect(struct socket *sock, struct sockaddr *addr, int alen, int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)addr;
	struct sock *sk = sock->sk, *other, *old;
	int err, len;

	(void)flags;
	if (alen >= (int)sizeof(short) && addr->sa_family == AF_UNSPEC) {
		/* disconnect */
		old = unix_peer(sk);
		unix_peer(sk) = NULL;
		if (old) {
			wake_up_interruptible_all(&unix_sk(old)->peer_wait);
			sock_put(old);
		}
		return 0;
	}
	len = unix_mkname(sunaddr, alen);
	if (len < 0)
		return len;
	if ((sk->sk_flags & SOCK_PASSCRED) && !unix_sk(sk)->addr) {
		err = unix_autobind(sock);
		if (err)
			return err;
	}
	other = unix_find_other(sunaddr, len, sock->type);
	if (IS_ERR(other))
		return PTR_ERR(other);
	if (unix_peer(other) && unix_peer(other) != sk) {
		sock_put(other);
		return -EPERM;
	}
	old = unix_peer(sk);
	unix_peer(sk) = other;		/* our reference moves to the peer pointer */
	if (old) {
		wake_up_interruptible_all(&unix_sk(old)->peer_wait);
		sock_put(old);
	}
	return 0;
}

static int unix_socketpair(struct socket *socka, struct socket *sockb)
{
	struct sock *ska = socka->sk, *skb = sockb->sk;

	sock_hold(ska);
	sock_hold(skb);
	unix_peer(ska) = skb;
	unix_peer(skb) = ska;
	init_peercred(ska);
	init_peercred(skb);
	if (ska->sk_type != SOCK_DGRAM) {
		ska->sk_state = TCP_ESTABLISHED;
		skb->sk_state = TCP_ESTABLISHED;
		socka->state = SS_CONNECTED;
		sockb->state = SS_CONNECTED;
	}
	return 0;
}

/* wait for something on sk's receive queue (or an error or shutdown) */
static long unix_wait_for_data(struct sock *sk, long timeo)
{
	DEFINE_WAIT(wait);

	prepare_to_wait(&sk->sk_wait, &wait, TASK_INTERRUPTIBLE);
	if (!sk->sk_receive_queue.qlen && !sk->sk_err && !(sk->sk_shutdown & RCV_SHUTDOWN) &&
	    !signal_pending(current))
		timeo = schedule_timeout(timeo);
	finish_wait(&sk->sk_wait, &wait);
	return timeo;
}

static int unix_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct sock *sk = sock->sk, *tsk;
	struct sk_buff *skb;
	long timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (sk->sk_state != TCP_LISTEN)
		return -EINVAL;
	while (!(skb = skb_dequeue(&sk->sk_receive_queue))) {
		if (sk->sk_state != TCP_LISTEN)
			return -EINVAL;
		if (!timeo)
			return -EAGAIN;
		if (signal_pending(current))
			return sock_intr_errno(timeo);
		timeo = unix_wait_for_data(sk, timeo);
	}
	wake_up_interruptible(&unix_sk(sk)->peer_wait);	/* a connecter may queue now */
	tsk = skb->sk;
	sock_hold(tsk);			/* the request's hold goes with it */
	kfree_skb(skb);
	/* graft: the embryo's first reference now belongs to newsock */
	tsk->sk_socket = newsock;
	newsock->sk = tsk;
	newsock->state = SS_CONNECTED;
	sock_put(tsk);
	return 0;
}

/* ---- sending ---- */

static void unix_attach_fds(struct scm_cookie *scm, struct sk_buff *skb)
{
	skb->fp = scm->fp;
	scm->fp = NULL;
	for (int i = 0; i < skb->fp->count; i++)
		unix_inflight(skb->fp->fp[i]);
}

static int unix_dgram_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk, *other = NULL;
	struct sockaddr_un *sunaddr = msg->msg_name;
	struct scm_cookie scm;
	struct sk_buff *skb = NULL;
	int namelen = 0, err, noblock = msg->msg_flags & MSG_DONTWAIT;
	long timeo;

	err = scm_send(sock, msg, &scm);
	if (err < 0)
		return err;
	err = -EOPNOTSUPP;
	if (msg->msg_flags & MSG_OOB)
		goto out;
	if (msg->msg_namelen) {
		err = namelen = unix_mkname(sunaddr, msg->msg_namelen);
		if (err < 0)
			goto out;
	} else {
		err = -ENOTCONN;
		other = unix_peer(sk);
		if (!other)
			goto out;
		sock_hold(other);
	}
	if ((sk->sk_flags & SOCK_PASSCRED) && !unix_sk(sk)->addr) {
		err = unix_autobind(sock);
		if (err)
			goto out;
	}
	err = -EMSGSIZE;
	if (len > (size_t)sk->sk_sndbuf - 32)
		goto out;
	skb = sock_alloc_send_skb(sk, len, noblock, &err);
	if (!skb)
		goto out;
	skb->creds = scm.creds;
	err = memcpy_fromiovec(skb->data, msg->msg_iov, len);
	if (err)
		goto out;
	if (scm.fp)
		unix_attach_fds(&scm, skb);
	timeo = sock_sndtimeo(sk, noblock);
restart:
	if (!other) {
		err = -ECONNREFUSED;
		if (!sunaddr)
			goto out;
		other = unix_find_other(sunaddr, namelen, sk->sk_type);
		if (IS_ERR(other)) {
			err = PTR_ERR(other);
			other = NULL;
			goto out;
		}
	}
	err = -EPERM;
	if (unix_peer(other) && unix_peer(other) != sk)
		goto out;
	if (other->sk_flags & SOCK_DEAD) {
		/* the peer went away: disconnect */
		sock_put(other);
		other = NULL;
		if (!msg->msg_namelen && unix_peer(sk)) {
			struct sock *old = unix_peer(sk);

			unix_peer(sk) = NULL;
			sock_put(old);
		}
		err = -ECONNREFUSED;
		goto out;
	}
	err = -EPIPE;
	if ((other->sk_shutdown & RCV_SHUTDOWN) || (sk->sk_shutdown & SEND_SHUTDOWN))
		goto out;
	if (unix_peer(other) != sk && unix_recvq_full(other)) {
		err = -EAGAIN;
		if (!timeo)
			goto out;
		sock_hold(other);
		timeo = unix_wait_for_peer(other, timeo);
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			goto out;
		goto restart;
	}
	skb_queue_tail(&other->sk_receive_queue, skb);
	sk_data_ready(other);
	sock_put(other);
	scm_destroy(&scm);
	return len;
out:
	if (skb)
		unix_free_skb(skb);
	if (other)
		sock_put(other);
	scm_destroy(&scm);
	return err;
}

static int unix_seqpacket_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;

	if (sk->sk_state != TCP_ESTABLISHED)
		return -ENOTCONN;
	msg->msg_namelen = 0;
	/* EPIPE once the peer is gone, but no SIGPIPE: today's Linux does not send one */
	return unix_dgram_sendmsg(sock, msg, len);
}

static int unix_stream_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk, *other;
	struct scm_cookie scm;
	struct sk_buff *skb;
	size_t sent = 0;
	int err, size;

	err = scm_send(sock, msg, &scm);
	if (err < 0)
		return err;
	err = -EOPNOTSUPP;
	if (msg->msg_flags & MSG_OOB)
		goto out_err;
	if (msg->msg_namelen) {
		err = sk->sk_state == TCP_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
		goto out_err;
	}
	err = -ENOTCONN;
	other = unix_peer(sk);
	if (!other)
		goto out_err;
	if (sk->sk_shutdown & SEND_SHUTDOWN)
		goto pipe_err;
	while (sent < len) {
		/* half the send buffer at most, so two pieces are always in flight */
		size = len - sent;
		if (size > (sk->sk_sndbuf >> 1) - 64)
			size = (sk->sk_sndbuf >> 1) - 64;
		if (size > 65536 - (int)sizeof(*skb))
			size = 65536 - sizeof(*skb);
		skb = sock_alloc_send_skb(sk, size, msg->msg_flags & MSG_DONTWAIT, &err);
		if (!skb)
			goto out_err;
		skb->creds = scm.creds;
		if (scm.fp)
			unix_attach_fds(&scm, skb);	/* the first piece only */
		err = memcpy_fromiovec(skb->data, msg->msg_iov, size);
		if (err) {
			unix_free_skb(skb);
			goto out_err;
		}
		other = unix_peer(sk);
		if (!other || (other->sk_flags & SOCK_DEAD) ||
		    (other->sk_shutdown & RCV_SHUTDOWN)) {
			unix_free_skb(skb);
			goto pipe_err;
		}
		skb_queue_tail(&other->sk_receive_queue, skb);
		sk_data_ready(other);
		sent += size;
	}
	scm_destroy(&scm);
	return sent;
pipe_err:
	if (!sent && !(msg->msg_flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current, 0);
	err = -EPIPE;
out_err:
	scm_destroy(&scm);
	return sent ? (int)sent : err;
}

/* ---- receiving ---- */

static void unix_copy_addr(struct msghdr *msg, struct sock *sk)
{
	struct unix_address *addr = unix_sk(sk)->addr;

	msg->msg_namelen = 0;
	if (addr && msg->msg_name) {
		msg->msg_namelen = addr->len;
		memcpy(msg->msg_name, &addr->name, addr->len);
	}
}

static int unix_dgram_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	struct scm_cookie scm = { 0 };
	struct sk_buff *skb;
	long timeo = sock_sndtimeo(sk, flags & MSG_DONTWAIT);
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	msg->msg_namelen = 0;
	if (mutex_lock_interruptible(&u->readlock))
		return -ERESTARTSYS;
	for (;;) {
		skb = skb_peek(&sk->sk_receive_queue);
		if (skb)
			break;
		err = sock_error(sk);
		if (err)
			goto out;
		err = 0;
		if (sk->sk_shutdown & RCV_SHUTDOWN)
			goto out;
		err = -ENOTCONN;
		if (connection_based(sk) && sk->sk_state != TCP_ESTABLISHED)
			goto out;
		err = -EAGAIN;
		if (!timeo)
			goto out;
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			goto out;
		timeo = unix_wait_for_data(sk, timeo);
	}
	if (!(flags & MSG_PEEK)) {
		skb_unlink(skb, &sk->sk_receive_queue);
		wake_up_interruptible(&u->peer_wait);	/* room for a blocked sender */
	}
	if (msg->msg_name)
		unix_copy_addr(msg, skb->sk);
	if (size > skb->len)
		size = skb->len;
	else if (size < skb->len)
		msg->msg_flags |= MSG_TRUNC;
	err = memcpy_toiovec(msg->msg_iov, skb->data, size);
	if (!err) {
		scm.creds = skb->creds;
		if (skb->fp) {
			if (flags & MSG_PEEK) {
				scm.fp = scm_fp_dup(skb->fp);
			} else {
				for (int i = 0; i < skb->fp->count; i++)
					unix_notinflight(skb->fp->fp[i]);
				scm.fp = skb->fp;
				skb->fp = NULL;
			}
		}
		scm_recv(sock, msg, &scm, flags);
		err = (flags & MSG_TRUNC) ? (int)skb->len : (int)size;
	}
	if (!(flags & MSG_PEEK))
		unix_free_skb(skb);
out:
	mutex_unlock(&u->readlock);
	return err;
}

static int unix_seqpacket_recvmsg(struct socket *sock, struct msghdr *msg, size_t size,
				  int flags)
{
	if (sock->sk->sk_state != TCP_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_recvmsg(sock, msg, size, flags);
}

static int unix_stream_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	struct scm_cookie scm = { 0 };
	struct list_head *pos;
	size_t target = (flags & MSG_WAITALL) ? size : 1;	/* Linux waits even for 0 */
	long timeo = sock_sndtimeo(sk, flags & MSG_DONTWAIT);
	int copied = 0, err = 0, have_creds = 0;
	unsigned int peek_off = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (sk->sk_state != TCP_ESTABLISHED)
		return -EINVAL;
	msg->msg_namelen = 0;
	if (mutex_lock_interruptible(&u->readlock))
		return -ERESTARTSYS;
	pos = sk->sk_receive_queue.list.next;
	do {
		struct sk_buff *skb;
		int chunk;

		if (pos == &sk->sk_receive_queue.list) {
			if ((size_t)copied >= target)
				break;
			err = sock_error(sk);
			if (err)
				break;
			if (sk->sk_shutdown & RCV_SHUTDOWN)
				break;
			err = -EAGAIN;
			if (!timeo)
				break;
			mutex_unlock(&u->readlock);
			timeo = unix_wait_for_data(sk, timeo);
			if (signal_pending(current)) {
				err = sock_intr_errno(timeo);
				goto out;
			}
			mutex_lock(&u->readlock);
			err = 0;
			/* a peek goes on after what it already saw */
			pos = sk->sk_receive_queue.list.next;
			for (unsigned int skip = peek_off; skip && pos != &sk->sk_receive_queue.list;
			     skip--)
				pos = pos->next;
			continue;
		}
		skb = list_entry(pos, struct sk_buff, list);
		/* never glue together the data of writers with different credentials */
		if (have_creds && (skb->creds.pid != scm.creds.pid ||
				   skb->creds.uid != scm.creds.uid ||
				   skb->creds.gid != scm.creds.gid))
			break;
		if (!have_creds) {
			scm.creds = skb->creds;
			have_creds = 1;
			if (msg->msg_name)
				unix_copy_addr(msg, skb->sk);
		}
		chunk = min(skb->len, size);
		if (memcpy_toiovec(msg->msg_iov, skb->data + skb->off, chunk)) {
			if (!copied)
				copied = -EFAULT;
			break;
		}
		copied += chunk;
		size -= chunk;
		if (!(flags & MSG_PEEK)) {
			skb->off += chunk;
			skb->len -= chunk;
			if (skb->fp) {
				for (int i = 0; i < skb->fp->count; i++)
					unix_notinflight(skb->fp->fp[i]);
				scm.fp = skb->fp;
				skb->fp = NULL;
			}
			if (skb->len)
				break;		/* a partial read of this piece */
			pos = pos->next;
			skb_unlink(skb, &sk->sk_receive_queue);
			kfree_skb(skb);
			if (scm.fp)
				break;
		} else {
			if (skb->fp) {
				scm.fp = scm_fp_dup(skb->fp);
				break;
			}
			pos = pos->next;
			peek_off++;
		}
	} while (size);
	mutex_unlock(&u->readlock);
	if (copied > 0)
		scm_recv(sock, msg, &scm, flags);
	else
		scm_destroy(&scm);
out:
	return copied ? copied : err;
}

/* ---- shutdown, poll, ioctl ---- */

static int unix_shutdown(struct socket *sock, int mode)
{
	struct sock *sk = sock->sk, *other;

	if (mode < SHUT_RD || mode > SHUT_RDWR)
		return -EINVAL;
	mode++;			/* SHUT_RD -> RCV_SHUTDOWN, SHUT_WR -> SEND_SHUTDOWN */
	sk->sk_shutdown |= mode;
	other = unix_peer(sk);
	sk_state_change(sk);
	if (other && connection_based(sk)) {
		int peer_mode = 0;

		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		other->sk_shutdown |= peer_mode;
		sk_state_change(other);
		wake_up_interruptible_all(&unix_sk(other)->peer_wait);
	}
	return 0;
}

static unsigned int unix_poll(struct file *f, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	unsigned int mask = 0;

	poll_wait(f, &sk->sk_wait, wait);
	if (sk->sk_err)
		mask |= POLLERR;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (sk->sk_receive_queue.qlen)
		mask |= POLLIN | POLLRDNORM;
	if (connection_based(sk) && sk->sk_state == TCP_CLOSE)
		mask |= POLLHUP;
	if (unix_writable(sk))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

static unsigned int unix_dgram_poll(struct file *f, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk, *other;
	unsigned int mask = 0;

	poll_wait(f, &sk->sk_wait, wait);
	if (sk->sk_err)
		mask |= POLLERR;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (sk->sk_receive_queue.qlen)
		mask |= POLLIN | POLLRDNORM;
	if (connection_based(sk) && sk->sk_state == TCP_CLOSE)
		mask |= POLLHUP;
	if (unix_writable(sk)) {
		other = unix_peer(sk);
		if (other && unix_peer(other) != sk && unix_recvq_full(other)) {
			poll_wait(f, &unix_sk(other)->peer_wait, wait);
		} else {
			mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
		}
	}
	return mask;
}

static int unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	int amount = 0;

	switch (cmd) {
	case SIOCOUTQ:
		amount = sk->sk_wmem_alloc;
		break;
	case SIOCINQ:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		if (sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET) {
			list_for_each_entry(skb, &sk->sk_receive_queue.list, list)
				amount += skb->len;
		} else {
			skb = skb_peek(&sk->sk_receive_queue);
			amount = skb ? (int)skb->len : 0;
		}
		break;
	default:
		return -ENOIOCTLCMD;
	}
	return put_user(amount, (int __user *)arg);
}

static int sock_no_listen(struct socket *s, int b)
{
	(void)s; (void)b;
	return -EOPNOTSUPP;
}

static int sock_no_accept(struct socket *s, struct socket *n, int f)
{
	(void)s; (void)n; (void)f;
	return -EOPNOTSUPP;
}

static const struct proto_ops unix_stream_ops = {
	.family = PF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
};

static const struct proto_ops unix_dgram_ops = {
	.family = PF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_dgram_connect,
	.socketpair = unix_socketpair,
	.accept = sock_no_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = sock_no_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
};

static const struct proto_ops unix_seqpacket_ops = {
	.family = PF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_seqpacket_sendmsg,
	.recvmsg = unix_seqpacket_recvmsg,
};

/*
 * ---- the wait-for graph: socket sleepers and who could wake them ----
 * A reader of a connected socket waits for whoever holds its peer (or, for
 * a peer not yet accepted, the listener); a sender whose buffer is full for
 * whoever holds the sockets its data sits on; a dgram sender or connecter
 * on a full queue for the holders of that socket. A socket with a name can
 * hear from anyone. Files riding in SCM_RIGHTS messages are held by whoever
 * holds the socket they ride to (unix_waitgraph_carried).
 */
#include <kernel/printk.h>
#include <kernel/waitgraph.h>

static unsigned long unix_ino(struct sock *sk)
{
	return sk->sk_socket && sk->sk_socket->inode ? sk->sk_socket->inode->i_ino : 0;
}

static int unix_file_is(struct file *f, void *arg)
{
	return unix_get_socket(f) == arg;
}

/* other tasks holding sk itself could shut it down, which wakes its sleepers */
static void unix_coholders(struct wg_sleeper *s, struct sock *sk, struct task_struct *sleeper)
{
	struct wg_sleeper tmp;

	memset(&tmp, 0, sizeof(tmp));
	wg_fd_holders(&tmp, unix_file_is, sk);
	for (int i = 0; i < tmp.nwakers; i++) {
		struct task_struct *p = find_task_by_pid(tmp.wakers[i].pid);

		if (p && p != sleeper)
			wg_waker(s, p, tmp.wakers[i].fd);
	}
	if (tmp.anyone)
		wg_anyone(s, tmp.anyone);
}

/* the listener whose queue holds the connection request of embryo sk */
static struct sock *unix_embryo_listener(struct sock *sk)
{
	struct unix_sock *v;
	struct sk_buff *skb;

	list_for_each_entry(v, &unix_socket_list, all)
		if (v->sk.sk_state == TCP_LISTEN)
			list_for_each_entry(skb, &v->sk.sk_receive_queue.list, list)
				if (skb->sk == sk)
					return &v->sk;
	return NULL;
}

static void unix_wg_sleeper(wait_queue_t *w, struct sock *sk, int on_peer_wait)
{
	struct sock *peer = unix_peer(sk), *other;
	unsigned long ino = unix_ino(sk);
	char what[48], wants[40];
	struct wg_sleeper *s;
	struct unix_sock *v;
	int sending = on_peer_wait || sk->sk_wmem_alloc >= sk->sk_sndbuf;

	if (sk->sk_state == TCP_LISTEN && !on_peer_wait) {
		snprintf(what, sizeof(what), "accept on socket:[%lu]", ino);
		s = wg_add(w->task, what, "a connection");
		if (s)
			wg_anyone(s, "any process may connect to its name");
		return;
	}
	if (on_peer_wait)
		snprintf(what, sizeof(what), "%s full socket:[%lu]",
			 sk->sk_state == TCP_LISTEN ? "connect to" : "sendmsg to", ino);
	else
		snprintf(what, sizeof(what), "%s on socket:[%lu]", sending ? "sendmsg" : "recvmsg",
			 ino);
	snprintf(wants, sizeof(wants), "%s socket:[%lu]", sending ? "room in" : "data on", ino);
	s = wg_add(w->task, what, wants);
	if (!s)
		return;
	s->role = sending ? "reader" : "peer";
	s->advice = sending ? "no one else will ever read; close fd %d before writing"
			    : "it will never see end of file; close fd %d before reading";
	if (on_peer_wait) {
		/* room in sk's queue: its readers (a listener's: whoever accepts) */
		snprintf(s->holds, sizeof(s->holds), "socket:[%lu], the full one", ino);
		wg_file_holders(s, unix_file_is, sk);
		return;
	}
	if (sending) {
		/* our data sits on other sockets' queues until their readers take it */
		if (peer && peer->sk_socket)
			snprintf(s->holds, sizeof(s->holds), "socket:[%lu], the other end of socket:[%lu]",
				 unix_ino(peer), ino);
		else
			snprintf(s->holds, sizeof(s->holds), "a socket that socket:[%lu] sent to", ino);
		list_for_each_entry(v, &unix_socket_list, all) {
			struct sk_buff *skb;

			list_for_each_entry(skb, &v->sk.sk_receive_queue.list, list)
				if (skb->sk == sk) {
					wg_file_holders(s, unix_file_is, &v->sk);
					break;
				}
		}
	} else if (connection_based(sk)) {
		if (!peer)
			return;
		other = peer->sk_socket ? peer : unix_embryo_listener(peer);
		if (!other) {
			wg_anyone(s, "its peer is neither open nor queued for accept");
			return;
		}
		if (other == peer) {
			snprintf(s->holds, sizeof(s->holds), "socket:[%lu], the other end of socket:[%lu]",
				 unix_ino(peer), ino);
		} else {
			snprintf(s->holds, sizeof(s->holds), "listener socket:[%lu] (not accepted yet)",
				 unix_ino(other));
			s->advice = "its connection waits in the listener's queue; accept on fd %d before reading";
		}
		wg_file_holders(s, unix_file_is, other);
	} else {
		if (unix_sk(sk)->addr) {
			wg_anyone(s, "it has a name: any process may send to it");
			return;
		}
		snprintf(s->holds, sizeof(s->holds), "a socket connected to socket:[%lu]", ino);
		s->advice = "only fd %d can send to it; send before receiving, or from another process";
		list_for_each_entry(v, &unix_socket_list, all)
			if (unix_peer(&v->sk) == sk)
				wg_file_holders(s, unix_file_is, &v->sk);
	}
	unix_coholders(s, sk, w->task);
}

static void unix_waitgraph_scan(void)
{
	struct unix_sock *u;
	wait_queue_t *w;

	list_for_each_entry(u, &unix_socket_list, all) {
		/* poll and select entries have other wake functions: other fds may wake those */
		list_for_each_entry(w, &u->sk.sk_wait.task_list, task_list)
			if (w->func == autoremove_wake_function)
				unix_wg_sleeper(w, &u->sk, 0);
		list_for_each_entry(w, &u->peer_wait.task_list, task_list)
			if (w->func == autoremove_wake_function)
				unix_wg_sleeper(w, &u->sk, 1);
	}
}

/* a matching file in an SCM_RIGHTS message: who holds the socket it rides to can take it */
static void unix_waitgraph_carried(struct wg_sleeper *s, wg_match_t match, void *arg)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_socket_list, all) {
		struct sk_buff *skb;
		int found = 0;

		list_for_each_entry(skb, &u->sk.sk_receive_queue.list, list)
			for (int i = 0; skb->fp && i < skb->fp->count && !found; i++)
				found = match(skb->fp->fp[i], arg);
		if (!found || (u->sk.sk_flags & SOCK_DEAD))
			continue;	/* a dead socket's messages are only waiting to be dropped */
		if (!u->sk.sk_socket || u->inflight)
			wg_anyone(s, "it rides in a message whose receiver is not known");
		else
			wg_fd_holders(s, unix_file_is, &u->sk);
	}
}
WAITGRAPH_KIND_CARRIER(unix, unix_waitgraph_scan, unix_waitgraph_carried);

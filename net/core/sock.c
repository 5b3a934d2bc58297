/*
 * net/core/sock.c - the generic half of a sock, as far as AF_UNIX needs it
 * (Linux 2.6: net/core/sock.c, net/core/skbuff.c, net/core/datagram.c): the
 * reference count, sk_buff allocation charged to the sender's send buffer
 * (a writer sleeps while it is full), wake-ups, and the SOL_SOCKET options.
 */
#include <kernel/socket.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/uaccess.h>
#include <uapi/signal.h>

void sock_init_data(struct socket *sock, struct sock *sk)
{
	skb_queue_head_init(&sk->sk_receive_queue);
	init_waitqueue_head(&sk->sk_wait);
	sk->sk_state = TCP_CLOSE;
	sk->sk_sndbuf = SK_WMEM_DEFAULT;
	sk->sk_rcvbuf = SK_RMEM_DEFAULT;
	sk->sk_refcnt = 1;
	sk->sk_socket = sock;
	if (sock) {
		sk->sk_type = sock->type;
		sock->sk = sk;
	}
}

void sock_put(struct sock *sk)
{
	if (--sk->sk_refcnt == 0)
		sk->sk_destruct(sk);
}

unsigned int waitqueue_len(wait_queue_head_t *q)
{
	unsigned int n = 0;
	wait_queue_t *w;

	list_for_each_entry(w, &q->task_list, task_list)
		n++;
	return n;
}

/* ---- wake-ups: readers and pollers on sk_wait, and SIGIO ---- */

void sk_data_ready(struct sock *sk)
{
	wake_up_interruptible_all(&sk->sk_wait);
	sock_wake_async(sk->sk_socket, POLL_IN);
}

void sk_state_change(struct sock *sk)
{
	wake_up_interruptible_all(&sk->sk_wait);
	sock_wake_async(sk->sk_socket, POLL_HUP);
}

int sock_writeable(struct sock *sk)
{
	return sk->sk_wmem_alloc < (sk->sk_sndbuf >> 1);
}

/* room again in the send buffer: writers and pollers may go on */
static void sk_write_space(struct sock *sk)
{
	if ((sk->sk_wmem_alloc << 1) <= sk->sk_sndbuf) {
		wake_up_interruptible_all(&sk->sk_wait);
		sock_wake_async(sk->sk_socket, POLL_OUT);
	}
}

int sock_error(struct sock *sk)
{
	int err = sk->sk_err;

	sk->sk_err = 0;
	return -err;
}

long sock_sndtimeo(struct sock *sk, int noblock)
{
	(void)sk;
	return noblock ? 0 : MAX_SCHEDULE_TIMEOUT;
}

int sock_intr_errno(long timeo)
{
	return timeo == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS : -EINTR;
}

/* ---- sk_buffs ---- */

static struct sk_buff *alloc_skb(unsigned long size)
{
	struct sk_buff *skb = kmalloc(sizeof(*skb) + size, GFP_KERNEL);

	if (!skb)
		return NULL;
	memset(skb, 0, sizeof(*skb));
	skb->len = size;
	skb->truesize = sizeof(*skb) + size;
	return skb;
}

/* charge skb to sk's send buffer; sock_wfree undoes it */
static void skb_set_owner_w(struct sk_buff *skb, struct sock *sk)
{
	sock_hold(sk);
	skb->sk = sk;
	sk->sk_wmem_alloc += skb->truesize;
}

static void sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	sk->sk_wmem_alloc -= skb->truesize;
	if (!(sk->sk_flags & SOCK_DEAD))
		sk_write_space(sk);
	sock_put(sk);
}

/* an skb charged to sk whether or not there is room (a connection request) */
struct sk_buff *sock_wmalloc(struct sock *sk, unsigned long size)
{
	struct sk_buff *skb = alloc_skb(size);

	if (skb)
		skb_set_owner_w(skb, sk);
	return skb;
}

/* the files an skb still carries are the family's to release first */
void kfree_skb(struct sk_buff *skb)
{
	if (skb->sk)
		sock_wfree(skb);
	kfree(skb);
}

void skb_queue_purge(struct sk_buff_head *q)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(q)))
		kfree_skb(skb);
}

/*
 * An skb for a write of size bytes: sleeps while sk's send buffer is full
 * (Linux's sock_alloc_send_pskb). -EPIPE once the socket is shut for
 * sending, -EAGAIN without blocking, -ERESTARTSYS on a signal.
 */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned long size, int noblock, int *errp)
{
	long timeo = sock_sndtimeo(sk, noblock);
	struct sk_buff *skb;
	DEFINE_WAIT(wait);
	int err;

	for (;;) {
		err = sock_error(sk);
		if (err)
			goto fail;
		err = -EPIPE;
		if (sk->sk_shutdown & SEND_SHUTDOWN)
			goto fail;
		if (sk->sk_wmem_alloc < sk->sk_sndbuf) {
			skb = alloc_skb(size);
			if (!skb) {
				err = -ENOBUFS;
				goto fail;
			}
			skb_set_owner_w(skb, sk);
			return skb;
		}
		err = -EAGAIN;
		if (!timeo)
			goto fail;
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			goto fail;
		prepare_to_wait(&sk->sk_wait, &wait, TASK_INTERRUPTIBLE);
		if (sk->sk_wmem_alloc >= sk->sk_sndbuf && !(sk->sk_shutdown & SEND_SHUTDOWN) &&
		    !sk->sk_err)
			timeo = schedule_timeout(timeo);
		finish_wait(&sk->sk_wait, &wait);
	}
fail:
	*errp = err;
	return NULL;
}

/* ---- SOL_SOCKET options ---- */

int sock_setsockopt(struct socket *sock, int level, int optname, char __user *optval,
		    int optlen)
{
	struct sock *sk = sock->sk;
	int val;

	(void)level;
	if (optlen < (int)sizeof(int))
		return -EINVAL;
	if (get_user(val, (int __user *)optval))
		return -EFAULT;
	switch (optname) {
	case SO_SNDBUFFORCE:
	case SO_RCVBUFFORCE:
		if (!capable(CAP_SYS_ADMIN))	/* Linux asks CAP_NET_ADMIN */
			return -EPERM;
		/* fall through */
	case SO_SNDBUF:
	case SO_RCVBUF: {
		int snd = optname == SO_SNDBUF || optname == SO_SNDBUFFORCE;
		unsigned int max = snd ? SK_WMEM_MAX : SK_RMEM_MAX;

		/* Linux doubles the request for the bookkeeping it charges */
		if ((optname == SO_SNDBUF || optname == SO_RCVBUF) && (unsigned int)val > max)
			val = max;
		if ((unsigned int)val > 0x3fffffff)
			val = 0x3fffffff;
		val *= 2;
		if (snd) {
			sk->sk_sndbuf = val < SOCK_MIN_SNDBUF ? SOCK_MIN_SNDBUF : val;
			sk_write_space(sk);
		} else {
			sk->sk_rcvbuf = val < SOCK_MIN_RCVBUF ? SOCK_MIN_RCVBUF : val;
		}
		return 0;
	}
	case SO_PASSCRED:
	case SO_REUSEADDR:
	case SO_KEEPALIVE: {
		unsigned int bit = optname == SO_PASSCRED ? SOCK_PASSCRED :
				   optname == SO_REUSEADDR ? SOCK_REUSEADDR : SOCK_KEEPALIVE;

		if (val)
			sk->sk_flags |= bit;
		else
			sk->sk_flags &= ~bit;
		return 0;
	}
	}
	return -ENOPROTOOPT;	/* options this kernel does not build */
}

int sock_getsockopt(struct socket *sock, int level, int optname, char __user *optval,
		    int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct ucred cred;
	void *p = &cred;
	int len, val, size = sizeof(int);

	(void)level;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case SO_TYPE:
		val = sk->sk_type;
		break;
	case SO_DOMAIN:
		val = sk->sk_family;
		break;
	case SO_PROTOCOL:
		val = 0;
		break;
	case SO_ERROR:
		val = -sock_error(sk);
		break;
	case SO_SNDBUF:
		val = sk->sk_sndbuf;
		break;
	case SO_RCVBUF:
		val = sk->sk_rcvbuf;
		break;
	case SO_ACCEPTCONN:
		val = sk->sk_state == TCP_LISTEN;
		break;
	case SO_PASSCRED:
		val = !!(sk->sk_flags & SOCK_PASSCRED);
		break;
	case SO_REUSEADDR:
		val = !!(sk->sk_flags & SOCK_REUSEADDR);
		break;
	case SO_KEEPALIVE:
		val = !!(sk->sk_flags & SOCK_KEEPALIVE);
		break;
	case SO_PEERCRED:
		cred = sk->sk_peercred;
		size = sizeof(cred);
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (size == sizeof(int))
		p = &val;
	if (len > size)
		len = size;
	if (copy_to_user(optval, p, len))
		return -EFAULT;
	return put_user(len, optlen);
}

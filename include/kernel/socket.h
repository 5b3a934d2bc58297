/*
 * include/kernel/socket.h - the protocol side of a socket, as far as AF_UNIX
 * needs it (net/core/sock.c, net/core/scm.c; Linux: include/net/sock.h,
 * linux/skbuff.h, net/scm.h): struct sock with its receive queue and the
 * send-buffer accounting, sk_buff records, and the ancillary data (scm).
 */
#ifndef _KERNEL_SOCKET_H
#define _KERNEL_SOCKET_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/wait.h>
#include <kernel/net.h>

struct file;

/* at most SCM_MAX_FD files riding on one message (Linux: struct scm_fp_list) */
struct scm_fp_list {
	struct scm_fp_list *next;	/* waiting to be dropped (net/unix/garbage.c) */
	int count;
	struct file *fp[SCM_MAX_FD];
};

/* what sendmsg's control data asked for (Linux: struct scm_cookie) */
struct scm_cookie {
	struct ucred creds;
	struct scm_fp_list *fp;
};

/*
 * One record: a datagram, a seqpacket record, a piece of a stream, or a
 * pending connection on a listener (then sk is the embryo socket). Its
 * truesize is charged to sk's sk_wmem_alloc until it is freed.
 */
struct sk_buff {
	struct list_head list;
	struct sock *sk;		/* owner: charged, and held */
	unsigned int truesize;
	unsigned int len;		/* bytes not yet read */
	unsigned int off;		/* bytes a stream reader has taken */
	struct ucred creds;		/* the sender's, for SCM_CREDENTIALS */
	struct scm_fp_list *fp;		/* SCM_RIGHTS files in flight */
	unsigned char data[];
};

struct sk_buff_head {
	struct list_head list;
	unsigned int qlen;
};

/* sk_state, in TCP's names as Linux uses them for AF_UNIX */
#define TCP_ESTABLISHED	1
#define TCP_CLOSE	7
#define TCP_LISTEN	10

/* sk_shutdown */
#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

/* sk_flags */
#define SOCK_DEAD	0x1
#define SOCK_PASSCRED	0x2
#define SOCK_REUSEADDR	0x4
#define SOCK_KEEPALIVE	0x8

/* buffer sizes as the host's defaults (net.core.wmem_default and friends) */
#define SK_WMEM_DEFAULT	212992
#define SK_RMEM_DEFAULT	212992
#define SK_WMEM_MAX	212992
#define SK_RMEM_MAX	212992
#define SOCK_MIN_SNDBUF	4608
#define SOCK_MIN_RCVBUF	2304

struct sock {
	unsigned short sk_family;
	unsigned short sk_type;
	int sk_state;
	unsigned char sk_shutdown;
	unsigned int sk_flags;
	int sk_err;			/* SO_ERROR, reported once */
	int sk_refcnt;
	int sk_sndbuf, sk_rcvbuf;
	int sk_wmem_alloc;		/* truesize of this socket's unfreed skbs */
	unsigned int sk_max_ack_backlog;
	struct sk_buff_head sk_receive_queue;
	wait_queue_head_t sk_wait;	/* readers, writers, accept, poll */
	struct socket *sk_socket;	/* NULL for an embryo or once orphaned */
	struct ucred sk_peercred;	/* SO_PEERCRED */
	void (*sk_destruct)(struct sock *sk);
};

static inline void skb_queue_head_init(struct sk_buff_head *q)
{
	INIT_LIST_HEAD(&q->list);
	q->qlen = 0;
}
static inline struct sk_buff *skb_peek(struct sk_buff_head *q)
{
	return q->qlen ? list_entry(q->list.next, struct sk_buff, list) : NULL;
}
static inline void skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb)
{
	list_add_tail(&skb->list, &q->list);
	q->qlen++;
}
static inline void skb_unlink(struct sk_buff *skb, struct sk_buff_head *q)
{
	list_del(&skb->list);
	q->qlen--;
}
static inline struct sk_buff *skb_dequeue(struct sk_buff_head *q)
{
	struct sk_buff *skb = skb_peek(q);

	if (skb)
		skb_unlink(skb, q);
	return skb;
}

static inline void sock_hold(struct sock *sk)
{
	sk->sk_refcnt++;
}
void sock_put(struct sock *sk);

/* net/core/sock.c */
void sock_init_data(struct socket *sock, struct sock *sk);
struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned long size, int noblock, int *err);
struct sk_buff *sock_wmalloc(struct sock *sk, unsigned long size);
void kfree_skb(struct sk_buff *skb);
void skb_queue_purge(struct sk_buff_head *q);
int sock_writeable(struct sock *sk);
void sk_data_ready(struct sock *sk);
void sk_state_change(struct sock *sk);
long sock_sndtimeo(struct sock *sk, int noblock);
int sock_error(struct sock *sk);
int sock_setsockopt(struct socket *sock, int level, int optname, char __user *optval,
		    int optlen);
int sock_getsockopt(struct socket *sock, int level, int optname, char __user *optval,
		    int __user *optlen);
int sock_intr_errno(long timeo);
unsigned int waitqueue_len(wait_queue_head_t *q);

/* net/core/scm.c */
int scm_send(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm);
void scm_recv(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm, int flags);
void scm_destroy(struct scm_cookie *scm);
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl);
int put_cmsg(struct msghdr *msg, int level, int type, int len, void *data);
void scm_set_cred(struct ucred *c);

/* net/socket.c: iovec helpers over a kernel copy of the user's iovec */
int memcpy_fromiovec(unsigned char *kdata, struct iovec *iov, int len);
int memcpy_toiovec(struct iovec *iov, const unsigned char *kdata, int len);

#endif

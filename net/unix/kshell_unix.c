/*
 * net/unix/kshell_unix.c - the kshell's "sockets": every UNIX domain socket
 * with its type, state, name, peer, bytes queued and who sleeps on it (in
 * the manner of Linux's /proc/net/unix). QUEUED is bytes unread, or for a
 * listener the connections not yet accepted; WMEM what it has sent unread.
 */
#include <kernel/af_unix.h>
#include <kernel/fs.h>
#include <kernel/kshell.h>
#include <kernel/printk.h>
#include <kernel/sched.h>

static const char *unix_type_name(int type)
{
	return type == SOCK_STREAM ? "stream" : type == SOCK_DGRAM ? "dgram" :
	       type == SOCK_SEQPACKET ? "seqpkt" : "?";
}

static const char *unix_state_name(struct sock *sk)
{
	if (sk->sk_state == TCP_LISTEN)
		return "LISTEN";
	if (!sk->sk_socket)
		return sk->sk_flags & SOCK_DEAD ? "DEAD" : "EMBRYO";
	if (sk->sk_state == TCP_ESTABLISHED)
		return "CONN";
	return unix_peer(sk) ? "CONN" : "UNCONN";
}

static void print_sleepers(wait_queue_head_t *q, int *n)
{
	wait_queue_t *w;

	list_for_each_entry(w, &q->task_list, task_list) {
		if (w->task)
			printk("%s%d", (*n)++ ? "," : "", w->task->pid);
	}
}

static int cmd_sockets(int argc, char **argv)
{
	struct unix_sock *u;

	(void)argc;
	(void)argv;
	printk("   INODE TYPE   STATE   PEER    QUEUED WMEM    INFL SLEEPERS NAME\n");
	list_for_each_entry(u, &unix_socket_list, all) {
		struct sock *sk = &u->sk, *peer = unix_peer(sk);
		struct sk_buff *skb;
		unsigned int bytes = 0;
		int n = 0;

		/* a listener's queue holds connections, not bytes: count those */
		list_for_each_entry(skb, &sk->sk_receive_queue.list, list)
			bytes += sk->sk_state == TCP_LISTEN ? 1 : skb->len;
		printk("%8lu %-6s %-7s %-8lu %6u %-7d %4ld ",
		       sk->sk_socket ? sk->sk_socket->inode->i_ino : 0UL,
		       unix_type_name(sk->sk_type), unix_state_name(sk),
		       peer && peer->sk_socket ? peer->sk_socket->inode->i_ino : 0UL, bytes,
		       sk->sk_wmem_alloc, u->inflight);
		print_sleepers(&sk->sk_wait, &n);
		print_sleepers(&u->peer_wait, &n);
		printk("%s ", n ? "" : "-");
		if (!u->addr)
			printk("-\n");
		else if (u->addr->name.sun_path[0])
			printk("%s\n", u->addr->name.sun_path);
		else
			printk("@%.*s\n", u->addr->len - 3, u->addr->name.sun_path + 1);
	}
	return 0;
}
KSHELL_COMMAND(sockets, cmd_sockets, "UNIX sockets: type, state, peer, bytes queued, sleepers, name");

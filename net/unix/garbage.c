/*
 * net/unix/garbage.c - collecting sockets that only messages in flight keep
 * alive (Linux 2.6.25: net/unix/garbage.c). A socket whose every file
 * reference rides in some socket's receive queue is a candidate; the
 * candidates that no live reference reaches, directly or through other
 * candidates' queues, are a cycle nobody can read, and their queues are
 * purged, which closes the files they carried.
 */
#include <kernel/af_unix.h>
#include <kernel/fs.h>
#include <kernel/list.h>

static LIST_HEAD(gc_inflight_list);
unsigned int unix_tot_inflight;
static int gc_in_progress;

struct sock *unix_get_socket(struct file *filp)
{
	struct socket *sock = sock_from_file(filp);

	if (sock && sock->ops && sock->ops->family == PF_UNIX)
		return sock->sk;
	return NULL;
}

/* a file was put in a message (or taken out): count it if it is a unix socket */
void unix_inflight(struct file *fp)
{
	struct sock *s = unix_get_socket(fp);
	struct unix_sock *u;

	if (!s)
		return;
	u = unix_sk(s);
	if (u->inflight++ == 0)
		list_add_tail(&u->link, &gc_inflight_list);
	unix_tot_inflight++;
}

void unix_notinflight(struct file *fp)
{
	struct sock *s = unix_get_socket(fp);
	struct unix_sock *u;

	if (!s)
		return;
	u = unix_sk(s);
	if (--u->inflight == 0)
		list_del_init(&u->link);
	unix_tot_inflight--;
}

/*
 * Drop the files of a message that will never be read. Closing one may
 * release a socket whose queue holds more such messages: those are queued
 * here and dropped by the outermost call, so a long chain of sockets inside
 * sockets never recurses deeper than one release.
 */
void unix_destruct_fp(struct scm_fp_list *fp)
{
	static struct scm_fp_list *pending;
	static int draining;

	for (int i = 0; i < fp->count; i++)
		unix_notinflight(fp->fp[i]);
	fp->next = pending;
	pending = fp;
	if (draining)
		return;
	draining = 1;
	while (pending) {
		struct scm_cookie scm = { .fp = pending };

		pending = pending->next;
		scm_destroy(&scm);
	}
	draining = 0;
}

/* call func on every candidate a file in x's queue (and its embryos') refers to */
static void scan_inflight(struct sock *x, void (*func)(struct unix_sock *))
{
	struct sk_buff *skb;

	list_for_each_entry(skb, &x->sk_receive_queue.list, list) {
		if (x->sk_state == TCP_LISTEN && skb->sk != x)
			scan_inflight(skb->sk, func);
		if (!skb->fp)
			continue;
		for (int i = 0; i < skb->fp->count; i++) {
			struct sock *sk = unix_get_socket(skb->fp->fp[i]);

			if (sk && unix_sk(sk)->gc_candidate)
				func(unix_sk(sk));
		}
	}
}

static void dec_inflight(struct unix_sock *u)
{
	u->gc_refs--;
}

static struct list_head *gc_work;

static void mark_alive(struct unix_sock *u)
{
	if (u->gc_alive)
		return;
	u->gc_alive = 1;
	list_move_tail(&u->gc_list, gc_work);	/* scan what it reaches, too */
}

void unix_gc(void)
{
	LIST_HEAD(candidates);
	LIST_HEAD(alive);
	LIST_HEAD(hitlist);
	struct unix_sock *u, *next;

	if (gc_in_progress)
		return;
	gc_in_progress = 1;
	/* 1. sockets all of whose file references are in flight */
	list_for_each_entry(u, &gc_inflight_list, link) {
		struct socket *sock = u->sk.sk_socket;

		if (sock && sock->file && atomic_read(&sock->file->f_count) == u->inflight) {
			u->gc_candidate = 1;
			u->gc_alive = 0;
			u->gc_refs = u->inflight;
			list_add_tail(&u->gc_list, &candidates);
		}
	}
	/* 2. take away the references candidates hold on each other */
	list_for_each_entry(u, &candidates, gc_list)
		scan_inflight(&u->sk, dec_inflight);
	/* 3. what is still referenced from outside lives, and all it reaches */
	gc_work = &alive;
	list_for_each_entry_safe(u, next, &candidates, gc_list) {
		if (u->gc_refs > 0)
			mark_alive(u);
	}
	list_for_each_entry(u, &alive, gc_list)
		scan_inflight(&u->sk, mark_alive);
	/* 4. the rest is garbage: pull their queues out, then free them */
	list_for_each_entry(u, &candidates, gc_list) {
		struct sk_buff *skb, *n;

		list_for_each_entry_safe(skb, n, &u->sk.sk_receive_queue.list, list) {
			if (u->sk.sk_state == TCP_LISTEN) {
				/* requests stay: the listener's release resets them */
				struct sk_buff *e;

				while ((e = skb_dequeue(&skb->sk->sk_receive_queue)))
					list_add_tail(&e->list, &hitlist);
				continue;
			}
			skb_unlink(skb, &u->sk.sk_receive_queue);
			list_add_tail(&skb->list, &hitlist);
		}
	}
	list_for_each_entry(u, &candidates, gc_list)
		u->gc_candidate = 0;
	list_for_each_entry(u, &alive, gc_list)
		u->gc_candidate = 0;
	/* the candidates may be freed below: forget the lists first */
	while (!list_empty(&candidates))
		list_del_init(candidates.next);
	while (!list_empty(&alive))
		list_del_init(alive.next);
	while (!list_empty(&hitlist)) {
		struct sk_buff *skb = list_entry(hitlist.next, struct sk_buff, list);
		struct scm_fp_list *fp = skb->fp;

		list_del(&skb->list);
		skb->fp = NULL;
		kfree_skb(skb);
		if (fp)
			unix_destruct_fp(fp);
	}
	gc_in_progress = 0;
}

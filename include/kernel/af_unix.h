/*
 * include/kernel/af_unix.h - UNIX domain sockets (net/unix/af_unix.c,
 * net/unix/garbage.c; Linux: include/net/af_unix.h): struct unix_sock, its
 * address, and the in-flight accounting the garbage collector works from.
 */
#ifndef _KERNEL_AF_UNIX_H
#define _KERNEL_AF_UNIX_H

#include <kernel/socket.h>
#include <kernel/mutex.h>
#include <kernel/mount.h>

struct file;

/* a bound name, shared by a listener and the sockets it accepts */
struct unix_address {
	int refcnt;
	int len;			/* bytes of name used, family included */
	struct sockaddr_un name;
	char nul;			/* a path of 108 bytes still ends in NUL */
};

struct unix_sock {
	struct sock sk;			/* first: a sock is a unix_sock */
	struct unix_address *addr;
	struct path path;		/* the socket inode a path bind made */
	int bound;			/* addr is ours, found by connect and sendto */
	struct mutex readlock;		/* one reader at a time keeps a stream in order */
	struct sock *peer;
	struct list_head link;		/* on gc_inflight_list while inflight */
	long inflight;			/* our file's references riding in messages */
	struct list_head all;		/* every unix socket: names, the shell */
	wait_queue_head_t peer_wait;	/* senders and connecters waiting for room */
	int gc_candidate, gc_alive;
	long gc_refs;
	struct list_head gc_list;
};

static inline struct unix_sock *unix_sk(struct sock *sk)
{
	return (struct unix_sock *)sk;
}
#define unix_peer(sk) (unix_sk(sk)->peer)

extern struct list_head unix_socket_list;
extern unsigned int unix_tot_inflight;

/* net/unix/garbage.c */
struct sock *unix_get_socket(struct file *filp);
void unix_inflight(struct file *fp);
void unix_notinflight(struct file *fp);
void unix_destruct_fp(struct scm_fp_list *fp);	/* unread files: notinflight and fput */
void unix_gc(void);

#endif

/*
 * include/kernel/net.h - the BSD socket layer's objects (net/socket.c; Linux:
 * include/linux/net.h): struct socket, the VFS side of a socket (one per
 * sockfs inode), and proto_ops, the table each address family fills in.
 */
#ifndef _KERNEL_NET_H
#define _KERNEL_NET_H

#include <kernel/types.h>
#include <kernel/wait.h>
#include <uapi/socket.h>

struct file;
struct inode;
struct sock;
struct socket;
struct poll_table_struct;
struct fasync_struct;

typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING,
} socket_state;

struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *addr, int len);
	int (*connect)(struct socket *sock, struct sockaddr *addr, int len, int flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	int (*getname)(struct socket *sock, struct sockaddr *addr, int *len, int peer);
	unsigned int (*poll)(struct file *f, struct socket *sock, struct poll_table_struct *wait);
	int (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);
	int (*sendmsg)(struct socket *sock, struct msghdr *m, size_t len);
	int (*recvmsg)(struct socket *sock, struct msghdr *m, size_t len, int flags);
};

struct net_proto_family {
	int family;
	int (*create)(struct socket *sock, int protocol);
};

/* sock->flags */
#define SOCK_PASSCRED_BIT	3

struct socket {
	socket_state state;
	short type;
	unsigned long flags;
	const struct proto_ops *ops;
	struct fasync_struct *fasync_list;	/* O_ASYNC owners: SIGIO */
	struct file *file;			/* NULL until it has an fd */
	struct sock *sk;
	struct inode *inode;			/* its sockfs inode */
};

extern const struct file_operations socket_file_ops;

/* net/socket.c */
void sock_init(void);
struct socket *sock_alloc(void);
void sock_release(struct socket *sock);
struct socket *sock_from_file(struct file *f);	/* NULL if f is no socket */
int sock_wake_async(struct socket *sock, int band);	/* SIGIO to the owners */

#endif

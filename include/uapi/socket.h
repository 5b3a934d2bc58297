/*
 * include/uapi/socket.h - the socket ABI as Linux i386 user space sees it
 * (Linux: include/linux/socket.h, linux/un.h, linux/net.h, asm/socket.h):
 * families, types, flags, options and the structures sendmsg passes.
 */
#ifndef _UAPI_SOCKET_H
#define _UAPI_SOCKET_H

#include <kernel/types.h>
#include <uapi/uio.h>

#define AF_UNSPEC	0
#define AF_UNIX		1
#define PF_UNIX		AF_UNIX
#define AF_MAX		46	/* families Linux knows; beyond, EAFNOSUPPORT */
#define NPROTO		AF_MAX

#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_MAX	11
#define SOCK_TYPE_MASK	0xf
#define SOCK_CLOEXEC	02000000	/* O_CLOEXEC */
#define SOCK_NONBLOCK	04000		/* O_NONBLOCK */

/* socketcall(2) sub-calls (Linux: include/uapi/linux/net.h) */
#define SYS_SOCKET	1
#define SYS_BIND	2
#define SYS_CONNECT	3
#define SYS_LISTEN	4
#define SYS_ACCEPT	5
#define SYS_GETSOCKNAME	6
#define SYS_GETPEERNAME	7
#define SYS_SOCKETPAIR	8
#define SYS_SEND	9
#define SYS_RECV	10
#define SYS_SENDTO	11
#define SYS_RECVFROM	12
#define SYS_SHUTDOWN	13
#define SYS_SETSOCKOPT	14
#define SYS_GETSOCKOPT	15
#define SYS_SENDMSG	16
#define SYS_RECVMSG	17
#define SYS_ACCEPT4	18
#define SYS_RECVMMSG	19
#define SYS_SENDMMSG	20

#define MSG_OOB		0x1
#define MSG_PEEK	0x2
#define MSG_DONTROUTE	0x4
#define MSG_CTRUNC	0x8
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_WAITFORONE	0x10000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

#define SOL_SOCKET	1
#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_PASSCRED	16
#define SO_PEERCRED	17
#define SO_ACCEPTCONN	30
#define SO_SNDBUFFORCE	32
#define SO_RCVBUFFORCE	33
#define SO_PROTOCOL	38
#define SO_DOMAIN	39

#define SCM_RIGHTS	1
#define SCM_CREDENTIALS	2
#define SCM_MAX_FD	253	/* fds in one SCM_RIGHTS message */

#define SOMAXCONN	4096	/* today's net.core.somaxconn (2.6: 128) */
#define UNIX_PATH_MAX	108

typedef unsigned short sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

struct sockaddr_un {
	sa_family_t sun_family;
	char sun_path[UNIX_PATH_MAX];
};

#define _K_SS_MAXSIZE	128	/* struct sockaddr_storage */

struct ucred {
	u32 pid;
	u32 uid;
	u32 gid;
};

/* i386 layouts: every pointer and size_t is 32 bits */
struct msghdr {
	void *msg_name;
	int msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control;
	size_t msg_controllen;
	unsigned int msg_flags;
};

struct mmsghdr {
	struct msghdr msg_hdr;
	unsigned int msg_len;
};

struct cmsghdr {
	size_t cmsg_len;	/* header and data */
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len)	(((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_DATA(c)	((void *)((char *)(c) + CMSG_ALIGN(sizeof(struct cmsghdr))))
#define CMSG_SPACE(len)	(CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(len))
#define CMSG_LEN(len)	(CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))

#endif

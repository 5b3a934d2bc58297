/*
 * include/uapi/msg.h - System V message queue ABI (Linux i386:
 * include/linux/msg.h, asm-i386/msgbuf.h) with today's default limits (include/uapi/linux/msg.h).
 */
#ifndef _UAPI_MSG_H
#define _UAPI_MSG_H

#include <uapi/ipc.h>

/* msgrcv flags */
#define MSG_NOERROR	010000
#define MSG_EXCEPT	020000
#define MSG_COPY	040000	/* Linux 3.8: copy the message at index msgtyp */

/* msgctl commands */
#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13	/* Linux 4.17 */

/* old layout: 56 bytes */
struct msqid_ds {
	struct ipc_perm msg_perm;
	unsigned long msg_first, msg_last;	/* kernel pointers: 0 */
	long msg_stime;
	long msg_rtime;
	long msg_ctime;
	unsigned long msg_lcbytes;
	unsigned long msg_lqbytes;
	unsigned short msg_cbytes;
	unsigned short msg_qnum;
	unsigned short msg_qbytes;
	unsigned short msg_lspid;
	unsigned short msg_lrpid;
	unsigned short __pad;
};

/* msqid64_ds: 88 bytes */
struct msqid64_ds {
	struct ipc64_perm msg_perm;
	unsigned long msg_stime;
	unsigned long msg_stime_high;
	unsigned long msg_rtime;
	unsigned long msg_rtime_high;
	unsigned long msg_ctime;
	unsigned long msg_ctime_high;
	unsigned long msg_cbytes;
	unsigned long msg_qnum;
	unsigned long msg_qbytes;
	unsigned long msg_lspid;
	unsigned long msg_lrpid;
	unsigned long __unused4;
	unsigned long __unused5;
};

/* the user's buffer: mtype then the text */
struct msgbuf {
	long mtype;
	char mtext[1];
};

/* 32 bytes */
struct msginfo {
	int msgpool;
	int msgmap;
	int msgmax;
	int msgmnb;
	int msgmni;
	int msgssz;
	int msgtql;
	unsigned short msgseg;
};

/*
 * Today's defaults (2.6.18 had MSGMNI 16, so MSGPOOL 256). The first three
 * are where kernel.msgmni, msgmax and msgmnb start (init_ipc_ns); the rest
 * are only reported by IPC_INFO.
 */
#define MSGMNI	32000
#define MSGMAX	8192
#define MSGMNB	16384
#define MSGPOOL	(MSGMNI * MSGMNB / 1024)	/* in KiB: 512000 */
#define MSGTQL	MSGMNB
#define MSGMAP	MSGMNB
#define MSGSSZ	16
#define __MSGSEG	((MSGPOOL * 1024) / MSGSSZ)
#define MSGSEG	(__MSGSEG <= 0xffff ? __MSGSEG : 0xffff)	/* msginfo's field is a short */

#endif

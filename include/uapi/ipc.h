/*
 * include/uapi/ipc.h - System V IPC common ABI (Linux i386: include/linux/ipc.h,
 * asm-i386/ipcbuf.h). Layouts are byte-exact with the i386 headers.
 */
#ifndef _UAPI_IPC_H
#define _UAPI_IPC_H

typedef int key_t;

#define IPC_PRIVATE	((key_t)0)

/* *get flags */
#define IPC_CREAT	00001000
#define IPC_EXCL	00002000
#define IPC_NOWAIT	00004000

/* control commands */
#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3

#define IPC_OLD		0	/* libc5 layouts */
#define IPC_64		0x0100	/* cmd | IPC_64: the 64-bit layouts */

/* old (libc5) layout: 16 bytes */
struct ipc_perm {
	key_t key;
	unsigned short uid, gid, cuid, cgid;
	unsigned short mode;
	unsigned short seq;
};

/* ipc64_perm: 36 bytes */
struct ipc64_perm {
	key_t key;
	unsigned int uid, gid, cuid, cgid;
	unsigned short mode;
	unsigned short __pad1;
	unsigned short seq;
	unsigned short __pad2;
	unsigned long __unused1;
	unsigned long __unused2;
};

/* ipc() multiplexer call numbers (syscall 117) */
#define SEMOP		1
#define SEMGET		2
#define SEMCTL		3
#define SEMTIMEDOP	4
#define MSGSND		11
#define MSGRCV		12
#define MSGGET		13
#define MSGCTL		14
#define SHMAT		21
#define SHMDT		22
#define SHMGET		23
#define SHMCTL		24

#endif

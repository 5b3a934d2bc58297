/*
 * include/uapi/sem.h - System V semaphore ABI (Linux i386: include/linux/sem.h,
 * asm-i386/sembuf.h) with Linux 2.6.18's limits.
 */
#ifndef _UAPI_SEM_H
#define _UAPI_SEM_H

#include <uapi/ipc.h>

/* semop flags */
#define SEM_UNDO	0x1000

/* semctl commands */
#define GETPID		11
#define GETVAL		12
#define GETALL		13
#define GETNCNT		14
#define GETZCNT		15
#define SETVAL		16
#define SETALL		17
#define SEM_STAT	18
#define SEM_INFO	19

/* old layout: 44 bytes */
struct semid_ds {
	struct ipc_perm sem_perm;
	long sem_otime;
	long sem_ctime;
	unsigned long sem_base, sem_pending, sem_pending_last, undo;	/* kernel pointers: 0 */
	unsigned short sem_nsems;
	unsigned short __pad;
};

/* semid64_ds: 64 bytes */
struct semid64_ds {
	struct ipc64_perm sem_perm;
	unsigned long sem_otime;
	unsigned long sem_otime_high;
	unsigned long sem_ctime;
	unsigned long sem_ctime_high;
	unsigned long sem_nsems;
	unsigned long __unused3;
	unsigned long __unused4;
};

/* 6 bytes */
struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

struct seminfo {
	int semmap;
	int semmni;
	int semmns;
	int semmnu;
	int semmsl;
	int semopm;
	int semume;
	int semusz;
	int semvmx;
	int semaem;
};

/* Linux 2.6.18 limits */
#define SEMMNI	128
#define SEMMSL	250
#define SEMMNS	(SEMMNI * SEMMSL)	/* 32000 */
#define SEMOPM	32
#define SEMVMX	32767
#define SEMAEM	SEMVMX
#define SEMUME	SEMOPM
#define SEMMNU	SEMMNS
#define SEMMAP	SEMMNS
#define SEMUSZ	20

#endif

/*
 * include/uapi/sem.h - System V semaphore ABI (Linux i386: include/linux/sem.h,
 * asm-i386/sembuf.h) with today's default limits (include/uapi/linux/sem.h).
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
#define SEM_STAT_ANY	20	/* Linux 4.17: SEM_STAT without the read check */

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

/*
 * Today's defaults (2.6.18: SEMMNI 128, SEMMSL 250, SEMOPM 32). SEMMSL,
 * SEMMNS, SEMOPM and SEMMNI are where kernel.sem starts (init_ipc_ns).
 */
#define SEMMNI	32000
#define SEMMSL	32000
#define SEMMNS	(SEMMNI * SEMMSL)	/* 1024000000 */
#define SEMOPM	500
#define SEMVMX	32767
#define SEMAEM	SEMVMX
#define SEMUME	SEMOPM
#define SEMMNU	SEMMNS
#define SEMMAP	SEMMNS
#define SEMUSZ	20

#endif

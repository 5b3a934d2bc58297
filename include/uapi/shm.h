/*
 * include/uapi/shm.h - System V shared memory ABI (Linux i386:
 * include/linux/shm.h, asm-i386/shmbuf.h, shmparam.h) with today's default limits (include/uapi/linux/shm.h).
 */
#ifndef _UAPI_SHM_H
#define _UAPI_SHM_H

#include <uapi/ipc.h>

/*
 * Today's defaults (2.6.18: SHMMAX 32 MiB, SHMALL 2097152 pages): as good
 * as unlimited, leaving room so that size + PAGE_SIZE cannot overflow.
 * SHMMAX, SHMALL and SHMMNI are where kernel.shm* start (init_ipc_ns).
 */
#define SHMMIN	1
#define SHMMNI	4096
#define SHMMAX	(~0UL - (1UL << 24))		/* bytes: 0xfeffffff here */
#define SHMALL	(~0UL - (1UL << 24))		/* pages */
#define SHMSEG	SHMMNI
#define SHMLBA	4096

/* shmat flags */
#define SHM_RDONLY	010000
#define SHM_RND		020000
#define SHM_REMAP	040000
#define SHM_EXEC	0100000
/* shmget flags */
#define SHM_HUGETLB	04000
#define SHM_NORESERVE	010000
/* mode bits */
#define SHM_DEST	01000
#define SHM_LOCKED	02000

/* shmctl commands */
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15	/* Linux 4.17 */

/* old layout: 48 bytes */
struct shmid_ds {
	struct ipc_perm shm_perm;
	int shm_segsz;
	long shm_atime;
	long shm_dtime;
	long shm_ctime;
	unsigned short shm_cpid;
	unsigned short shm_lpid;
	short shm_nattch;
	unsigned short shm_unused;
	void *shm_unused2;
	void *shm_unused3;
};

/* shmid64_ds: 84 bytes */
struct shmid64_ds {
	struct ipc64_perm shm_perm;
	unsigned int shm_segsz;
	unsigned long shm_atime;
	unsigned long shm_atime_high;
	unsigned long shm_dtime;
	unsigned long shm_dtime_high;
	unsigned long shm_ctime;
	unsigned long shm_ctime_high;
	unsigned long shm_cpid;
	unsigned long shm_lpid;
	unsigned long shm_nattch;
	unsigned long __unused4;
	unsigned long __unused5;
};

/* 36 bytes */
struct shminfo64 {
	unsigned long shmmax;
	unsigned long shmmin;
	unsigned long shmmni;
	unsigned long shmseg;
	unsigned long shmall;
	unsigned long __unused1, __unused2, __unused3, __unused4;
};

/* old: 20 bytes */
struct shminfo {
	int shmmax;
	int shmmin;
	int shmmni;
	int shmseg;
	int shmall;
};

/* 24 bytes */
struct shm_info {
	int used_ids;
	unsigned long shm_tot;
	unsigned long shm_rss;
	unsigned long shm_swp;
	unsigned long swap_attempts;
	unsigned long swap_successes;
};

#endif

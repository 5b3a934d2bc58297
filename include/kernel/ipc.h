/*
 * include/kernel/ipc.h - what the rest of the kernel (fork, exit, the shell,
 * the tests) calls in System V IPC (ipc/). The do_* functions take kernel
 * buffers; the sys_* layer in ipc/ is the only one that touches user memory.
 */
#ifndef _KERNEL_IPC_H
#define _KERNEL_IPC_H

#include <kernel/types.h>
#include <uapi/ipc.h>
#include <uapi/sem.h>
#include <uapi/shm.h>
#include <uapi/msg.h>

struct task_struct;

/*
 * The System V IPC limits, in one place so that the sysctls (kernel.msgmni,
 * kernel.sem, kernel.shmmax...) can change them later. Linux keeps them in
 * struct ipc_namespace; there is only one namespace here, init_ipc_ns, with
 * Linux's field names. The defaults are today's (include/uapi/{msg,sem,shm}.h).
 */
struct ipc_namespace {
	int sem_ctls[4];		/* kernel.sem: SEMMSL SEMMNS SEMOPM SEMMNI */
	int msg_ctlmax;			/* kernel.msgmax: bytes per message */
	int msg_ctlmnb;			/* kernel.msgmnb: default msg_qbytes */
	int msg_ctlmni;			/* kernel.msgmni: queues */
	unsigned long shm_ctlmax;	/* kernel.shmmax: bytes per segment */
	unsigned long shm_ctlall;	/* kernel.shmall: pages of all segments */
	int shm_ctlmni;			/* kernel.shmmni: segments */
};
#define sc_semmsl	sem_ctls[0]
#define sc_semmns	sem_ctls[1]
#define sc_semopm	sem_ctls[2]
#define sc_semmni	sem_ctls[3]

extern struct ipc_namespace init_ipc_ns;

/* ipc/sem.c: fork and exit */
int copy_semundo(unsigned long clone_flags, struct task_struct *tsk);
void exit_sem(struct task_struct *tsk);

/* no timeout for do_semtimedop */
#define SEM_NO_TIMEOUT	(-1L)

long do_semget(key_t key, int nsems, int semflg);
long do_semtimedop(int semid, struct sembuf *sops, unsigned int nsops, long timeout);
/* buf: unsigned short[nsems] (GETALL, SETALL), semid64_ds, seminfo */
long do_semctl(int semid, int semnum, int cmd, int val, void *buf);

/* ipc/shm.c */
long do_shmget(key_t key, size_t size, int shmflg);
long do_shmat(int shmid, unsigned long shmaddr, int shmflg, unsigned long *raddr);
long do_shmdt(unsigned long shmaddr);
struct vm_area_struct;
int shm_vma_attachable(struct vm_area_struct *vma);
/* buf: shmid64_ds, shminfo64, shm_info */
long do_shmctl(int shmid, int cmd, void *buf);

/* ipc/msg.c */
long do_msgget(key_t key, int msgflg);
long do_msgsnd(int msqid, long mtype, const void *text, size_t msgsz, int msgflg);
long do_msgrcv(int msqid, long *mtype, void *text, size_t msgsz, long msgtyp, int msgflg);
/* buf: msqid64_ds, msginfo */
long do_msgctl(int msqid, int cmd, void *buf);

/* the shell's ipcs: one line per object plus the pids asleep on it */
void sem_show_all(void);
void shm_show_all(void);
void msg_show_all(void);

#endif

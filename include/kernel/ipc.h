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

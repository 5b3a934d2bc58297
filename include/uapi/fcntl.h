/*
 * include/uapi/fcntl.h - open flags, fcntl commands and the *at() flags,
 * Linux i386 values (Linux: include/asm-generic/fcntl.h, linux/fcntl.h).
 */
#ifndef _UAPI_FCNTL_H
#define _UAPI_FCNTL_H

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_NDELAY	O_NONBLOCK
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_ASYNC		FASYNC
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_SETSIG	10
#define F_GETSIG	11
#define F_GETLK64	12
#define F_SETLK64	13
#define F_SETLKW64	14
#define F_SETOWN_EX	15
#define F_GETOWN_EX	16
#define F_OFD_GETLK	36	/* open file description locks (Linux 3.15) */
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define F_DUPFD_CLOEXEC	1030
#define F_SETPIPE_SZ	1031	/* F_LINUX_SPECIFIC_BASE + 7 */
#define F_GETPIPE_SZ	1032

#define FD_CLOEXEC	1

#define F_OWNER_TID	0
#define F_OWNER_PID	1
#define F_OWNER_PGRP	2

struct f_owner_ex {
	int type;
	int pid;
};

/* record locks (fcntl F_GETLK...) and flock(2) */
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

struct flock {
	short l_type;
	short l_whence;
	long l_start;
	long l_len;
	int l_pid;
};

struct flock64 {
	short l_type;
	short l_whence;
	long long l_start;	/* 4-byte aligned on i386: 24 bytes in all */
	long long l_len;
	int l_pid;
};

#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000

/* access() */
#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

/* lseek */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* renameat2 */
#define RENAME_NOREPLACE	(1 << 0)

#endif

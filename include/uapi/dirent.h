/* include/uapi/dirent.h - getdents64 records and d_type values (Linux: linux/dirent.h). */
#ifndef _UAPI_DIRENT_H
#define _UAPI_DIRENT_H

#include <kernel/types.h>

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
} __packed;

/* getdents (141): longs for inode and offset, d_type in the record's last byte */
struct linux_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
	char d_name[];
};

/* readdir (89): one entry a call, without d_type */
struct old_linux_dirent {
	unsigned long d_ino;
	unsigned long d_offset;
	unsigned short d_namlen;
	char d_name[1];
};

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#endif

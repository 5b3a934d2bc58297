/*
 * include/uapi/statfs.h - struct statfs64 as i386 lays it out (Linux:
 * include/asm-generic/statfs.h with i386's 4-byte packing): 84 bytes.
 */
#ifndef _UAPI_STATFS_H
#define _UAPI_STATFS_H

#include <kernel/types.h>

struct statfs64 {
	u32 f_type;
	u32 f_bsize;
	u64 f_blocks;
	u64 f_bfree;
	u64 f_bavail;
	u64 f_files;
	u64 f_ffree;
	s32 f_fsid[2];
	u32 f_namelen;
	u32 f_frsize;
	u32 f_flags;
	u32 f_spare[4];
} __attribute__((packed, aligned(4)));

/* the old statfs/fstatfs (99, 100): 64 bytes */
struct statfs {
	u32 f_type;
	u32 f_bsize;
	u32 f_blocks;
	u32 f_bfree;
	u32 f_bavail;
	u32 f_files;
	u32 f_ffree;
	s32 f_fsid[2];
	u32 f_namelen;
	u32 f_frsize;
	u32 f_flags;
	u32 f_spare[4];
};

#define ST_VALID	0x0020

#endif

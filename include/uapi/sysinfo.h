/*
 * include/uapi/sysinfo.h - struct sysinfo as the i386 sysinfo() call fills
 * it (Linux: include/linux/kernel.h): 64 bytes, sizes in mem_unit bytes.
 */
#ifndef _UAPI_SYSINFO_H
#define _UAPI_SYSINFO_H

#define SI_LOAD_SHIFT	16

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 minute load averages, << SI_LOAD_SHIFT */
	unsigned long totalram;
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;		/* tasks */
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
	char _f[8];
};

#endif

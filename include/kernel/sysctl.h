/*
 * include/kernel/sysctl.h - kernel tunables under /proc/sys (Linux:
 * include/linux/sysctl.h, kernel/sysctl.c). A subsystem describes its
 * variables in a ctl_table and registers it under a directory ("kernel",
 * "vm", "fs"); fs/proc/proc_sysctl.c turns the tables into files, whose
 * reads and writes go through each entry's proc_handler.
 */
#ifndef _KERNEL_SYSCTL_H
#define _KERNEL_SYSCTL_H

#include <kernel/types.h>

struct ctl_table;

/*
 * buffer is a kernel copy of the user's data; *lenp is its length, and on
 * return the bytes produced (read) or consumed (write). 0 or -errno.
 */
typedef int proc_handler(struct ctl_table *table, int write, char *buffer, size_t *lenp,
			 loff_t *ppos);

struct ctl_table {
	const char *procname;
	void *data;
	int maxlen;		/* bytes of data */
	mode_t mode;
	proc_handler *proc_handler;
	void *extra1, *extra2;	/* the minmax handlers' bounds */
};

proc_handler proc_dostring, proc_dointvec, proc_dointvec_minmax, proc_doulongvec_minmax;

extern int sysctl_zero, sysctl_one, sysctl_int_max;

/* add a table (ended by an entry without procname) to /proc/sys/DIR */
int register_sysctl(const char *dir, struct ctl_table *table);

/* for fs/proc/proc_sysctl.c: the directories and their tables */
#define SYSCTL_MAX_TABLES 4
struct ctl_dir {
	const char *name;
	struct ctl_table *tables[SYSCTL_MAX_TABLES];
};
extern struct ctl_dir sysctl_dirs[];
extern const int nr_sysctl_dirs;

/* kernel.hostname, what uname reports as the nodename (Linux: init_uts_ns) */
extern char system_utsname_nodename[65];
extern char system_utsname_domainname[65];

void sysctl_init(void);		/* kernel/sysctl.c: its own tables, and ipc's */
void ipc_sysctl_init(void);	/* ipc/ipc_sysctl.c */

#endif

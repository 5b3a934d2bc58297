/*
 * fs/proc/proc_misc.c - the system-wide files of /proc (Linux 2.6:
 * fs/proc/proc_misc.c; today's fs/proc/meminfo.c, stat.c, uptime.c,
 * loadavg.c...): memory from the page allocator, CPU time from the tasks'
 * tick counts, the load average, version, command line, devices, IRQs.
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/boot.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/smp.h>
#include <kernel/apic.h>
#include <kernel/kernel_stat.h>
#include <kernel/printk.h>

#define USER_HZ 100
#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static unsigned long slab_pages(void)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < kmalloc_cache_count(); i++) {
		size_t size;
		unsigned long objs, slabs;

		kmalloc_cache_info(i, &size, &objs, &slabs);
		n += slabs;
	}
	return n;
}

static unsigned long nr_tasks(void)
{
	struct task_struct *p;
	unsigned long n = 0;

	list_for_each_entry(p, &task_list, tasks)
		n++;
	return n;
}

static int meminfo_show(struct seq_file *m, void *v)
{
	unsigned long total = totalram_pages, free = nr_free_pages(), cached = ramfs_pages;
	unsigned long slab = slab_pages(), shmem = shm_nr_pages(), anon = 0;
	struct task_struct *p;

	(void)v;
	/* user pages: resident in some address space (a shared page once per mm) */
	list_for_each_entry(p, &task_list, tasks)
		if (p->mm && p->pid == p->tgid && !(p->flags & PF_KTHREAD))
			anon += get_mm_rss(p->mm);
	seq_printf(m, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n"
		   "Buffers:        %8lu kB\nCached:         %8lu kB\nSwapCached:     %8lu kB\n",
		   K(total), K(free), K(free), 0UL, K(cached + shmem), 0UL);
	seq_printf(m, "Active:         %8lu kB\nInactive:       %8lu kB\nUnevictable:    %8lu kB\n"
		   "Mlocked:        %8lu kB\nHighTotal:      %8lu kB\nHighFree:       %8lu kB\n"
		   "LowTotal:       %8lu kB\nLowFree:        %8lu kB\n",
		   K(anon + cached + shmem), 0UL, K(cached), 0UL, 0UL, 0UL, K(total), K(free));
	seq_printf(m, "SwapTotal:      %8lu kB\nSwapFree:       %8lu kB\nDirty:          %8lu kB\n"
		   "Writeback:      %8lu kB\nAnonPages:      %8lu kB\nMapped:         %8lu kB\n"
		   "Shmem:          %8lu kB\nSlab:           %8lu kB\nSReclaimable:   %8lu kB\n"
		   "SUnreclaim:     %8lu kB\nKernelStack:    %8lu kB\nPageTables:     %8lu kB\n",
		   0UL, 0UL, 0UL, 0UL, K(anon), K(shmem), K(shmem), K(slab), 0UL, K(slab),
		   nr_tasks() * (THREAD_SIZE >> 10), 0UL);
	seq_printf(m, "CommitLimit:    %8lu kB\nCommitted_AS:   %8lu kB\nVmallocTotal:   %8lu kB\n"
		   "VmallocUsed:    %8lu kB\nVmallocChunk:   %8lu kB\nHugePages_Total:   %5d\n"
		   "HugePages_Free:    %5d\nHugePages_Rsvd:    %5d\nHugePages_Surp:    %5d\n"
		   "Hugepagesize:   %8lu kB\n",
		   K(total) / 2, K(anon + shmem), 0UL, 0UL, 0UL, 0, 0, 0, 0, 4096UL);
	return 0;
}

/* CPU time in ticks: what the live tasks and the children they reaped spent */
static void cpu_times(unsigned long long *user, unsigned long long *system,
		      unsigned long long *idle)
{
	struct task_struct *p;

	*user = *system = 0;
	*idle = init_task.stime + init_task.utime;
	list_for_each_entry(p, &task_list, tasks) {
		if (p == &init_task)
			continue;
		*user += p->utime + p->cutime;
		*system += p->stime + p->cstime;
	}
}

#define TICKS_TO_CLK(t) ((t) / (HZ / USER_HZ))

/*
 * the cpu line is the sum of the cpuN lines, each CPU's own ticks by kind
 * (include/kernel/kernel_stat.h), in USER_HZ as Linux; iowait, irq,
 * softirq, steal and guest are not told apart here: 0
 */
static void stat_cpu_line(struct seq_file *m, const char *name, const struct cpu_usage_stat *cs)
{
	seq_printf(m, "%s %llu %llu %llu %llu 0 0 0 0 0 0\n", name,
		   TICKS_TO_CLK(cs->user), TICKS_TO_CLK(cs->nice), TICKS_TO_CLK(cs->system),
		   TICKS_TO_CLK(cs->idle));
}

static int stat_show(struct seq_file *m, void *v)
{
	struct cpu_usage_stat sum_cs = { 0, 0, 0, 0 }, snap[NR_CPUS];
	unsigned long long sum = 0;
	struct task_struct *p;
	unsigned long blocked = 0;
	char name[8];
	int cpu;

	(void)v;
	for_each_online_cpu(cpu) {	/* one snapshot, so the sum is the lines' */
		const struct cpu_usage_stat *cs = &snap[cpu];

		snap[cpu] = kstat_cpu(cpu).cpustat;
		sum_cs.user += cs->user;
		sum_cs.nice += cs->nice;
		sum_cs.system += cs->system;
		sum_cs.idle += cs->idle;
	}
	stat_cpu_line(m, "cpu ", &sum_cs);
	for_each_online_cpu(cpu) {
		snprintf(name, sizeof(name), "cpu%d", cpu);
		stat_cpu_line(m, name, &snap[cpu]);
	}
	for (unsigned int i = 0; i < NR_IRQS; i++)
		sum += irq_count(i);
	seq_printf(m, "intr %llu", sum);
	for (unsigned int i = 0; i < NR_IRQS; i++)
		seq_printf(m, " %lu", irq_count(i));
	list_for_each_entry(p, &task_list, tasks)
		if (p->state == TASK_UNINTERRUPTIBLE)
			blocked++;
	seq_printf(m, "\nctxt %llu\nbtime %lu\nprocesses %lu\nprocs_running %lu\n"
		   "procs_blocked %lu\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		   nr_context_switches(), get_seconds() - jiffies / HZ, total_forks,
		   nr_running() ? nr_running() : 1, blocked);
	return 0;
}

static int uptime_show(struct seq_file *m, void *v)
{
	unsigned long long user, system, idle;
	unsigned long up = jiffies;

	(void)v;
	cpu_times(&user, &system, &idle);
	seq_printf(m, "%lu.%02lu %llu.%02llu\n", up / HZ, (up % HZ) / (HZ / 100),
		   idle / HZ, (idle % HZ) / (HZ / 100));
	return 0;
}

#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

static int loadavg_show(struct seq_file *m, void *v)
{
	unsigned long a[3];

	(void)v;
	get_avenrun(a, FIXED_1 / 200);
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %lu/%lu %d\n",
		   LOAD_INT(a[0]), LOAD_FRAC(a[0]), LOAD_INT(a[1]), LOAD_FRAC(a[1]),
		   LOAD_INT(a[2]), LOAD_FRAC(a[2]), nr_running() ? nr_running() : 1,
		   nr_tasks() - 1, last_pid);
	return 0;
}

static int version_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_printf(m, "Linux version 3.2.0-" KERNEL_NAME " (" KERNEL_NAME " " KERNEL_VERSION
		   ") (i686-linux-gnu-gcc) #1 (Linux 2.6 IPC semantics)\n");
	return 0;
}

static int cmdline_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_printf(m, "%s\n", boot_command_line);
	return 0;
}

static void cpuid(unsigned int op, unsigned int r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(op), "c"(0));
}

/* CPUID leaf 1's edx bits, by Linux's names */
static const char *const x86_cap_flags[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi",
	"mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};

/* one block per online CPU, as Linux; the CPUID values are the boot CPU's (QEMU's are alike) */
static int cpuinfo_show(struct seq_file *m, void *v)
{
	unsigned int r[4], level, sig, edx;
	char vendor[13], name[49] = "unknown";
	int cpu;

	(void)v;
	cpuid(0, r);
	level = r[0];
	memcpy(vendor, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = 0;
	cpuid(1, r);
	sig = r[0];
	edx = r[3];
	cpuid(0x80000000, r);
	if (r[0] >= 0x80000004) {
		for (unsigned int i = 0; i < 3; i++) {
			cpuid(0x80000002 + i, r);
			memcpy(name + 16 * i, r, 16);
		}
		name[48] = 0;
	}
	for_each_online_cpu(cpu) {
		seq_printf(m, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
			   "model name\t: %s\nstepping\t: %u\ncpu MHz\t\t: %lu.%03lu\n"
			   "apicid\t\t: %d\ninitial apicid\t: %d\n"
			   "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
			   cpu, vendor, (sig >> 8) & 0xf, ((sig >> 4) & 0xf) | ((sig >> 12) & 0xf0), name,
			   sig & 0xf, tsc_khz / 1000, tsc_khz % 1000, cpu_data[cpu].apicid,
			   cpu_data[cpu].apicid, level);
		for (int i = 0; i < 32; i++)
			if ((edx >> i) & 1 && x86_cap_flags[i])
				seq_printf(m, " %s", x86_cap_flags[i]);
		seq_printf(m, "\nbogomips\t: %lu.%02lu\nclflush size\t: 64\n\n",
			   tsc_khz / 500, (tsc_khz / 5) % 100);
	}
	return 0;
}

static int devices_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_puts(m, "Character devices:\n");
	for (unsigned int major = 1; major < 256; major++) {
		const char *name = chrdev_name(major);

		if (name)
			seq_printf(m, "%3u %s\n", major, name);
	}
	seq_puts(m, "\nBlock devices:\n");
	return 0;
}

/* a row of per-CPU counts, as Linux's arch_show_interrupts */
static void interrupts_row(struct seq_file *m, const char *name, const char *what,
			   unsigned long (*count)(int cpu))
{
	int cpu;

	seq_printf(m, "%s:", name);
	for_each_online_cpu(cpu)
		seq_printf(m, " %10lu", count(cpu));
	seq_printf(m, "   %s\n", what);
}

static unsigned long loc_count(int cpu) { return per_cpu(apic_timer_irqs, cpu); }
static unsigned long res_count(int cpu) { return per_cpu(resched_count, cpu); }
static unsigned long cal_count(int cpu) { return per_cpu(call_function_count, cpu); }
static unsigned long tlb_count(int cpu) { return per_cpu(tlb_flush_count, cpu); }

/* each line's count on each CPU, its controller's name and its handler's, as 2.6's show_interrupts */
static int interrupts_show(struct seq_file *m, void *v)
{
	int cpu;

	(void)v;
	seq_puts(m, "    ");
	for_each_online_cpu(cpu)
		seq_printf(m, "       CPU%d", cpu);
	seq_puts(m, "\n");
	for (unsigned int i = 0; i < NR_IRQS; i++) {
		const char *name = irq_name(i);

		if (!name)
			continue;
		seq_printf(m, "%3u:", i);
		for_each_online_cpu(cpu)
			seq_printf(m, " %10lu", kstat_irqs_cpu(i, cpu));
		seq_printf(m, " %14s  %s\n", irq_chip_name(i), name);
	}
	if (!cpu_has_apic)
		return 0;
	interrupts_row(m, "LOC", "Local timer interrupts", loc_count);
	interrupts_row(m, "RES", "Rescheduling interrupts", res_count);
	interrupts_row(m, "CAL", "Function call interrupts", cal_count);
	interrupts_row(m, "TLB", "TLB shootdowns", tlb_count);
	return 0;
}

static int filesystems_show(struct seq_file *m, void *v)
{
	(void)v;
	for (struct file_system_type *fs = first_filesystem(); fs; fs = fs->next)
		seq_printf(m, "nodev\t%s\n", fs->name);	/* every one is a memory file system */
	return 0;
}

void proc_misc_init(void)
{
	static const struct {
		const char *name;
		int (*show)(struct seq_file *, void *);
	} simple[] = {
		{ "meminfo", meminfo_show }, { "stat", stat_show }, { "uptime", uptime_show },
		{ "loadavg", loadavg_show }, { "version", version_show },
		{ "cmdline", cmdline_show }, { "cpuinfo", cpuinfo_show },
		{ "devices", devices_show }, { "interrupts", interrupts_show },
		{ "filesystems", filesystems_show },
	};

	for (unsigned int i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
		proc_create_single(simple[i].name, 0444, NULL, simple[i].show, NULL);
	proc_symlink("mounts", NULL, "self/mounts");
}

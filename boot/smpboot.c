/*
 * boot/smpboot.c - starting the application processors (Linux:
 * arch/i386/kernel/smpboot.c). For each CPU of the MADT or MP table, within
 * maxcpus=, the boot CPU prepares an idle task with its own kernel stack,
 * a GDT and TSS of its own, then wakes the CPU with INIT, INIT deassert
 * and two STARTUP IPIs pointing at the trampoline (boot/trampoline.asm),
 * with 2.6's delays, and waits up to 5 s for it to call in. A CPU that does
 * not is reported and left out; the kernel goes on with the others.
 *
 * An AP that called in starts its APIC timer and enters its idle loop, from
 * which it runs the tasks its run queue gets (kernel/sched.c: fork and exec
 * balancing, wake-ups, the tick's load balancing); device interrupts stay
 * on CPU 0 (its LINT0/LINT1 are masked). CPU numbers go in the firmware's order to the CPUs that come up
 * (2.6's cpucount): one that never ran the trampoline gives its number to
 * the next; one that ran it but never called in keeps its number, since it
 * may still be using that number's stack.
 */
#include <kernel/bug.h>
#include <kernel/apic.h>
#include <kernel/desc.h>
#include <kernel/init.h>
#include <kernel/io_apic.h>
#include <kernel/io.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>

#define TRAMPOLINE_BASE	0x8000		/* boot/trampoline.asm: STARTUP vector 0x08 */
#define DEAF_BASE	0x9000		/* smp_deaf_apic=: a page that only halts */

struct cpuinfo_x86 cpu_data[NR_CPUS];
cpumask_t cpu_possible_map = 1;
cpumask_t cpu_online_map = 1;
static volatile cpumask_t cpu_callin_map = 1;

static int max_cpus = NR_CPUS;		/* maxcpus=, nosmp */
static int deaf_apicid = -1;		/* smp_deaf_apic=N (a test): APIC id N never answers */

/* each AP's idle task and stack, GDT and TSS; CPU 0 has init_task, gdt_table, init_tss */
static union thread_union idle_stacks[NR_CPUS] __aligned(THREAD_SIZE) __section(".bss.page_aligned");
static struct task_struct idle_tasks[NR_CPUS];
static struct desc_struct cpu_gdt_table[NR_CPUS][GDT_ENTRIES] __aligned(8);
static struct tss_struct cpu_tss[NR_CPUS] __aligned(128);

struct desc_ptr {
	u16 size;
	u32 address;
} __packed;
static struct desc_ptr idt_descr;	/* the boot CPU's IDT, shared by all */

extern char trampoline_data[], trampoline_end[], tr_cr0[], tr_cr4[], tr_gdt_desc[], tr_started[];
extern char deaf_trampoline[], deaf_trampoline_end[];
extern char call_function_interrupt[], spurious_interrupt[], apic_timer_interrupt[],
	reschedule_interrupt[], invalidate_interrupt[];
extern unsigned long smp_boot_esp;
extern struct mm_struct init_mm;

static int parse_nosmp(char *s)
{
	(void)s;
	max_cpus = 0;
	return 1;
}
__setup("nosmp", parse_nosmp);

static int parse_maxcpus(char *s)
{
	max_cpus = simple_strtol(s, NULL, 0);
	return 1;
}
__setup("maxcpus=", parse_maxcpus);

/*
 * smp_deaf_apic=N, for the tests: the CPU with APIC id N is sent to a page
 * that halts in real mode, so it never calls in, as a dead CPU would not.
 */
static int parse_deaf_apic(char *s)
{
	deaf_apicid = simple_strtol(s, NULL, 0);
	return 1;
}
__setup("smp_deaf_apic=", parse_deaf_apic);

/* a trampoline field, in the copy below 1 MiB */
#define TR_FIELD(sym) ((void *)__va(TRAMPOLINE_BASE + ((sym) - trampoline_data)))

static void pack_desc(struct desc_struct *d, u32 base, u32 limit, u8 access, u8 gran)
{
	d->a = (limit & 0xffff) | ((base & 0xffff) << 16);
	d->b = ((base >> 16) & 0xff) | ((u32)access << 8) | (limit & 0xf0000) |
	       ((u32)(gran & 0xf0) << 16) | (base & 0xff000000);
}

/* the idle task of an AP (2.6's fork_idle), outside the task list as Linux's */
static void fork_idle(int cpu)
{
	struct task_struct *idle = &idle_tasks[cpu];
	struct thread_info *ti = &idle_stacks[cpu].info;

	memset(idle, 0, sizeof(*idle));
	idle->state = TASK_RUNNING;
	idle->thread_info = ti;
	idle->flags = PF_KTHREAD;
	idle->lock_depth = -1;			/* an idle task never holds the BKL */
	idle->cpus_allowed = 1UL << cpu;
	idle->prio = idle->static_prio = MAX_PRIO - 20;
	idle->active_mm = &init_mm;
	INIT_LIST_HEAD(&idle->run_list);
	INIT_LIST_HEAD(&idle->tasks);
	INIT_LIST_HEAD(&idle->children);
	INIT_LIST_HEAD(&idle->sibling);
	INIT_LIST_HEAD(&idle->thread_group);
	idle->real_parent = idle->parent = idle->group_leader = idle;
	idle->thread.esp0 = (unsigned long)&idle_stacks[cpu] + THREAD_SIZE;
	snprintf(idle->comm, sizeof(idle->comm), "swapper/%d", cpu);
	ti->task = idle;
	ti->addr_limit = KERNEL_DS;
	ti->cpu = cpu;
#ifdef CONFIG_DEBUG_STACKOVERFLOW
	stack_canary_set(ti);
#endif
	init_idle(idle, cpu);			/* the head of its CPU's run queue */
}

/* a copy of the boot CPU's GDT whose TSS entry is this CPU's own */
static void init_cpu_gdt(int cpu)
{
	struct tss_struct *t = &cpu_tss[cpu];

	memcpy(cpu_gdt_table[cpu], gdt_table, sizeof(gdt_table));
	memset(t, 0, sizeof(*t));
	t->ss0 = __KERNEL_DS;
	t->esp0 = idle_tasks[cpu].thread.esp0;
	t->io_bitmap_base = sizeof(*t);
	pack_desc(&cpu_gdt_table[cpu][GDT_ENTRY_TSS], (u32)t, sizeof(*t) - 1, 0x89, 0x00);
	cpu_gdt_descr[cpu] = cpu_gdt_table[cpu];	/* load_TLS, set_thread_area */
	cpu_tss_descr[cpu] = t;				/* load_esp0 */
}

/* the AP, on its idle stack with its own GDT loaded (boot/trampoline.asm) */
void start_secondary(void)
{
	int cpu = smp_processor_id();

	asm volatile("ltr %w0" : : "r"(__TSS_SEL));
	asm volatile("lidt %0" : : "m"(idt_descr));
	asm volatile("fninit");
	setup_local_APIC(0);
	setup_secondary_APIC_clock();
	asm volatile("lock; orl %1, %0" : "+m"(cpu_callin_map) : "r"(1UL << cpu) : "memory");
	/* the idle task of its own run queue: runs what is put there */
	cpu_idle();
}

/* INIT, INIT deassert, STARTUP twice: 2.6's wakeup_secondary_cpu */
static int wakeup_secondary_cpu(int apicid, unsigned long start_eip)
{
	u32 send_status, accept_status = 0;

	apic_write(APIC_ESR, 0);
	apic_read(APIC_ESR);
	apic_send_ipi(apicid, APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT);
	send_status = apic_wait_icr_idle();
	mdelay(10);
	apic_send_ipi(apicid, APIC_INT_LEVELTRIG | APIC_DM_INIT);
	send_status |= apic_wait_icr_idle();

	for (int j = 1; j <= 2 && !send_status; j++) {
		apic_write(APIC_ESR, 0);
		apic_read(APIC_ESR);
		apic_send_ipi(apicid, APIC_DM_STARTUP | (start_eip >> 12));
		udelay(300);
		send_status = apic_wait_icr_idle();
		udelay(200);
		apic_write(APIC_ESR, 0);
		accept_status = apic_read(APIC_ESR) & 0xef;
		if (accept_status)
			break;
	}
	if (send_status)
		printk(KERN_ERR "CPU (APIC id %d): the APIC did not deliver the IPI\n", apicid);
	if (accept_status)
		printk(KERN_ERR "CPU (APIC id %d): APIC delivery status 0x%x\n", apicid, accept_status);
	return send_status || accept_status ? -1 : 0;
}

/* 0: online; -1: never started, the number is free again; -2: stuck, it is not */
static int do_boot_cpu(int cpu, struct mp_cpu *mc)
{
	int apicid = mc->apicid;
	struct desc_ptr *gdt = TR_FIELD(tr_gdt_desc);
	volatile u8 *started = TR_FIELD(tr_started);
	unsigned long start_eip = apicid == deaf_apicid ? DEAF_BASE : TRAMPOLINE_BASE;
	int timeout;

	cpu_data[cpu].apicid = apicid;
	fork_idle(cpu);
	init_cpu_gdt(cpu);
	gdt->size = sizeof(gdt_table) - 1;
	gdt->address = (u32)cpu_gdt_table[cpu];
	*started = 0;
	smp_boot_esp = idle_tasks[cpu].thread.esp0;
	mb();

	if (wakeup_secondary_cpu(apicid, start_eip) == 0) {
		/* 2.6 waits 5 s for the callin */
		for (timeout = 0; timeout < 50000; timeout++) {
			if (cpu_callin_map & (1UL << cpu))
				break;
			udelay(100);
		}
	}
	if (!(cpu_callin_map & (1UL << cpu))) {
		mc->state = "not responding";
		if (*started == 0xa5) {
			printk(KERN_ERR "CPU%d (APIC id %d): Stuck ??\n", cpu, apicid);
			return -2;
		}
		printk(KERN_ERR "CPU%d (APIC id %d): Not responding.\n", cpu, apicid);
		return -1;
	}
	mc->cpu = cpu;
	mc->state = "running";
	cpu_online_map |= 1UL << cpu;
	printk(KERN_INFO "CPU%d: APIC id %d, up and running\n", cpu, cpu_data[cpu].apicid);
	return 0;
}

/* start every AP the firmware lists, within maxcpus (2.6's smp_boot_cpus) */
static void smp_boot_cpus(void)
{
	int booted = 1;

	asm volatile("sidt %0" : "=m"(idt_descr));
	memcpy(__va(TRAMPOLINE_BASE), trampoline_data, trampoline_end - trampoline_data);
	memcpy(__va(DEAF_BASE), deaf_trampoline, deaf_trampoline_end - deaf_trampoline);
	*(u32 *)TR_FIELD(tr_cr0) = read_cr0() & ~0x8;	/* not CR0.TS */
	*(u32 *)TR_FIELD(tr_cr4) = read_cr4();

	for (int i = 1, cpu = 1; i < mp_nr_cpus; i++) {
		if (i >= max_cpus) {
			if (max_cpus)
				printk(KERN_INFO "APIC id %d not started: maxcpus=%d\n",
				       mp_cpus[i].apicid, max_cpus);
			else
				printk(KERN_INFO "APIC id %d not started: nosmp\n", mp_cpus[i].apicid);
			continue;
		}
		cpu_possible_map |= 1UL << cpu;
		switch (do_boot_cpu(cpu, &mp_cpus[i])) {
		case 0:
			booted++;
			cpu++;
			break;
		case -1:
			cpu_possible_map &= ~(1UL << cpu);
			break;
		default:
			cpu++;
		}
	}
	printk(KERN_INFO "Brought up %d CPU%s\n", booted, booted == 1 ? "" : "s");
}

void smp_init(void)
{
	find_smp_config();
	if (apic_map()) {
		printk(KERN_INFO "APIC: no local APIC used, one CPU\n");
		return;
	}
	set_intr_gate(CALL_FUNCTION_VECTOR, call_function_interrupt);
	set_intr_gate(RESCHEDULE_VECTOR, reschedule_interrupt);
	set_intr_gate(INVALIDATE_TLB_VECTOR, invalidate_interrupt);
	set_intr_gate(LOCAL_TIMER_VECTOR, apic_timer_interrupt);
	set_intr_gate(SPURIOUS_APIC_VECTOR, spurious_interrupt);
	setup_local_APIC(1);
	cpu_data[0].apicid = GET_APIC_ID(apic_read(APIC_ID));
	/* the PIC and PIT for CPU 0 until setup_IO_APIC: see boot/apic.c */
	printk(KERN_INFO "APIC: local APIC id %d on CPU0, 8259 PIC in virtual wire mode\n",
	       cpu_data[0].apicid);
	if (setup_boot_APIC_clock())
		printk(KERN_INFO "APIC timer: off, CPU 0 ticks from the PIT alone\n");
	if (smp_found_config && mp_nr_cpus >= 2)
		smp_boot_cpus();
	/*
	 * Then the I/O APIC, as 2.6's smpboot_setup_io_apic, on one CPU too
	 * (2.6's CONFIG_X86_UP_IOAPIC); nosmp leaves it off, as 2.6 does.
	 */
	if (!max_cpus)
		printk(KERN_INFO "IO-APIC: not used (nosmp): the 8259 PIC keeps the IRQs\n");
	else
		setup_IO_APIC();
}

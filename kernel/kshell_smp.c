/*
 * kernel/kshell_smp.c - the shell's view of the CPUs (no Linux counterpart;
 * /proc/cpuinfo and /proc/interrupts' CAL line say the same in Linux).
 * `cpus` lists each CPU the firmware reported: its number if it came up,
 * its APIC id, its state and the call-function IPIs it has handled.
 */
#include <kernel/apic.h>
#include <kernel/kshell.h>
#include <kernel/printk.h>
#include <kernel/smp.h>

static int cmd_cpus(int argc, char **argv)
{
	int n = mp_nr_cpus ? mp_nr_cpus : 1;

	(void)argc;
	(void)argv;
	printk("%d CPU%s online of %d found (%s)\n", num_online_cpus(),
	       num_online_cpus() == 1 ? "" : "s", n,
	       !cpu_has_apic ? "no local APIC" : smp_found_config ? "firmware tables" : "no tables");
	printk("CPU  APIC  STATE           CALL-IPIS\n");
	if (!mp_nr_cpus) {
		printk("  0  %4d  running         %lu\n", cpu_data[0].apicid,
		       per_cpu(call_function_count, 0));
		return 0;
	}
	for (int i = 0; i < mp_nr_cpus; i++) {
		int cpu = mp_cpus[i].cpu;

		if (cpu >= 0)
			printk("%3d  %4d  %-14s  %lu\n", cpu, mp_cpus[i].apicid, mp_cpus[i].state,
			       per_cpu(call_function_count, cpu));
		else
			printk("  -  %4d  %s\n", mp_cpus[i].apicid, mp_cpus[i].state);
	}
	return 0;
}
KSHELL_COMMAND(cpus, cmd_cpus, "list the CPUs the firmware reported: number, APIC id, running/not responding/off, IPIs taken");

/*
 * kernel/kshell_smp.c - the shell's view of the CPUs (no Linux counterpart;
 * /proc/cpuinfo and /proc/interrupts' CAL line say the same in Linux).
 * `cpus` lists each CPU the firmware reported: its number, APIC id, state
 * and the call-function IPIs it has handled.
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
	printk("CPU  APIC  STATE    CALL-IPIS\n");
	for (int cpu = 0; cpu < n; cpu++) {
		const char *state = cpu == 0 ? "running" : cpu_online(cpu) ? "parked" :
			(cpu_possible_map >> cpu) & 1 ? "dead" : "off";

		printk("%3d  %4d  %-7s  %lu\n", cpu, mp_nr_cpus ? mp_cpus[cpu].apicid :
		       cpu_data[0].apicid, state, per_cpu(call_function_count, cpu));
	}
	return 0;
}
KSHELL_COMMAND(cpus, cmd_cpus, "list the CPUs: number, APIC id, running/parked/dead/off, IPIs taken");

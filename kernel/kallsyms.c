/*
 * kernel/kallsyms.c - address to name lookup over the symbol table that the
 * second link builds into .ksyms (Linux: kernel/kallsyms.c, without the
 * compression). Used by backtraces, the profiler and the gdb-less debugger.
 */
#include <kernel/traps.h>
#include <kernel/boot.h>
#include <kernel/string.h>

extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const unsigned long kallsyms_offsets[];
extern const char kallsyms_names[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset)
{
	unsigned long lo = 0, hi = kallsyms_num;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext || !hi)
		return NULL;
	/* the last symbol whose address is <= addr */
	while (hi - lo > 1) {
		unsigned long mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_addresses[lo] > addr)
		return NULL;
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_offsets[lo];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned long i = 0; i < kallsyms_num; i++)
		if (!strcmp(kallsyms_names + kallsyms_offsets[i], name))
			return kallsyms_addresses[i];
	return 0;
}

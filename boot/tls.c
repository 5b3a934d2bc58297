/*
 * boot/tls.c - thread-local storage descriptors (Linux: sys_set_thread_area
 * and friends in arch/i386/kernel/process.c). Each task owns three GDT
 * entries (6-8); glibc asks for one at start-up, points %gs at it, and finds
 * its thread data (and the system-call entry it calls through %gs:0x10) there.
 * The entries are reloaded at every context switch into the GDT of the CPU
 * the task runs on: each CPU has its own (include/kernel/desc.h). As Linux,
 * only present 32-bit data segments, or the empty descriptor that clears.
 */
#include <kernel/desc.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <uapi/ldt.h>

static int desc_empty(const struct user_desc *i)
{
	return !i->base_addr && !i->limit && !i->contents && i->read_exec_only &&
	       !i->seg_32bit && !i->limit_in_pages && i->seg_not_present && !i->useable;
}

/* all zero: what Linux also accepts as "clear this entry" */
static int desc_zero(const struct user_desc *i)
{
	return !i->base_addr && !i->limit && !i->contents && !i->read_exec_only &&
	       !i->seg_32bit && !i->limit_in_pages && !i->seg_not_present && !i->useable;
}

static void fill_desc(u32 *a, u32 *b, const struct user_desc *i)
{
	*a = ((i->base_addr & 0xffff) << 16) | (i->limit & 0xffff);
	*b = (i->base_addr & 0xff000000) | ((i->base_addr & 0x00ff0000) >> 16) |
	     (i->limit & 0xf0000) | ((i->read_exec_only ^ 1) << 9) | (i->contents << 10) |
	     ((i->seg_not_present ^ 1) << 15) | (i->seg_32bit << 22) |
	     (i->limit_in_pages << 23) | (i->useable << 20) | 0x7000;	/* S=1, DPL=3 */
}

int do_set_thread_area(struct task_struct *p, struct user_desc __user *u_info)
{
	struct user_desc info;
	int idx;
	u32 a = 0, b = 0;

	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	idx = info.entry_number;
	if (idx == -1) {	/* any free slot, and tell the caller which */
		for (idx = 0; idx < GDT_ENTRY_TLS_ENTRIES; idx++)
			if (!p->thread.tls_array[idx].a && !p->thread.tls_array[idx].b)
				break;
		if (idx == GDT_ENTRY_TLS_ENTRIES)
			return -ESRCH;
		idx += GDT_ENTRY_TLS_MIN;
		if (put_user(idx, &u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	if (!desc_empty(&info) && !desc_zero(&info)) {
		/* only present 32-bit data segments: no code, no 16-bit stack tricks */
		if (!info.seg_32bit || info.contents > 1 || info.seg_not_present)
			return -EINVAL;
		fill_desc(&a, &b, &info);
	}
	p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN].a = a;
	p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN].b = b;
	if (p == current) {		/* the GDT of the CPU we run on */
		get_cpu_gdt_table(smp_processor_id())[idx].a = a;
		get_cpu_gdt_table(smp_processor_id())[idx].b = b;
	}
	return 0;
}

long sys_set_thread_area(struct user_desc __user *u_info)
{
	return do_set_thread_area(current, u_info);
}

long sys_get_thread_area(struct user_desc __user *u_info)
{
	struct user_desc info;
	u32 a, b;
	int idx;

	if (get_user(idx, &u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx >= GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES)
		return -EINVAL;
	a = current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN].a;
	b = current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN].b;
	memset(&info, 0, sizeof(info));
	info.entry_number = idx;
	info.base_addr = (a >> 16) | ((b & 0xff) << 16) | (b & 0xff000000);
	info.limit = (a & 0xffff) | (b & 0xf0000);
	info.seg_32bit = (b >> 22) & 1;
	info.contents = (b >> 10) & 3;
	info.read_exec_only = !((b >> 9) & 1);
	info.limit_in_pages = (b >> 23) & 1;
	info.seg_not_present = !((b >> 15) & 1);
	info.useable = (b >> 20) & 1;
	return copy_to_user(u_info, &info, sizeof(info)) ? -EFAULT : 0;
}

/* exec: the new program starts with no TLS */
void clear_tls(struct task_struct *p)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++) {
		p->thread.tls_array[i].a = 0;
		p->thread.tls_array[i].b = 0;
	}
	if (p == current)
		load_TLS(p, smp_processor_id());
}

/* t's entries into cpu's GDT, at each switch to t (2.6's load_TLS) */
void load_TLS(struct task_struct *t, int cpu)
{
	struct desc_struct *gdt = get_cpu_gdt_table(cpu);

	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++) {
		gdt[GDT_ENTRY_TLS_MIN + i].a = t->thread.tls_array[i].a;
		gdt[GDT_ENTRY_TLS_MIN + i].b = t->thread.tls_array[i].b;
	}
}

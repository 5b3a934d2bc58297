/*
 * kernel/profile.c - a sampling profiler (Linux: kernel/profile.c, the
 * profile=N boot option and readprofile). While it is on, the timer tick
 * counts the kernel EIP it interrupted in a histogram of 4-byte slots over
 * the kernel text, and every tick taken in user mode in one "[user]"
 * bucket. "prof show" folds the slots into functions with kallsyms and
 * prints the busiest. The tick is only taken with interrupts on, so time
 * spent with them off is charged to where they were turned back on.
 * SMP: prof_lock guards the counters: every CPU's tick may take a sample.
 */
#include <kernel/profile.h>
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/io.h>
#include <kernel/kshell.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/ptrace.h>
#include <kernel/slab.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/timer.h>
#include <kernel/traps.h>

#define PROF_SHIFT	2		/* one slot per 4 bytes of text */
#define PROF_MAX_FUNCS	1024		/* functions "prof show" can rank */

int prof_on;
static unsigned int *prof_buffer;	/* hits per slot */
static unsigned long prof_len;		/* slots */
static unsigned long prof_user;		/* ticks in user mode */
static unsigned long prof_kernel;	/* ticks in the kernel */
static unsigned long prof_lost;		/* kernel ticks outside the text */
static DEFINE_SPINLOCK(prof_lock);

/* from the tick, interrupts off */
void profile_tick(struct pt_regs *regs)
{
	unsigned long slot;

	spin_lock(&prof_lock);
	if (user_mode(regs)) {
		prof_user++;
	} else {
		prof_kernel++;
		slot = (regs->eip - (unsigned long)_text) >> PROF_SHIFT;
		if (slot < prof_len)
			prof_buffer[slot]++;
		else
			prof_lost++;
	}
	spin_unlock(&prof_lock);
}

int profile_start(void)
{
	unsigned long flags;

	if (!prof_buffer) {
		unsigned long len = (((unsigned long)_etext - (unsigned long)_text) >> PROF_SHIFT) + 1;

		prof_buffer = kzalloc(len * sizeof(*prof_buffer), GFP_KERNEL);
		if (!prof_buffer)
			return -ENOMEM;
		prof_len = len;
	}
	spin_lock_irqsave(&prof_lock, flags);
	memset(prof_buffer, 0, prof_len * sizeof(*prof_buffer));
	prof_user = prof_kernel = prof_lost = 0;
	prof_on = 1;
	spin_unlock_irqrestore(&prof_lock, flags);
	return 0;
}

void profile_stop(void)
{
	prof_on = 0;
}

struct prof_func {
	const char *name;
	unsigned long start;
	unsigned long ticks;
};

static struct prof_func prof_funcs[PROF_MAX_FUNCS];

/* fold the slots into functions; returns how many there are */
static int prof_fold(unsigned long *other)
{
	int n = 0;

	*other = prof_lost;
	for (unsigned long i = 0; i < prof_len; i++) {
		unsigned long addr = (unsigned long)_text + (i << PROF_SHIFT), off;
		const char *name;

		if (!prof_buffer[i])
			continue;
		name = kallsyms_lookup(addr, &off);
		if (!name) {
			name = "[unknown]";
			off = 0;
		}
		if (n && prof_funcs[n - 1].start == addr - off) {
			prof_funcs[n - 1].ticks += prof_buffer[i];
		} else if (n < PROF_MAX_FUNCS) {
			prof_funcs[n].name = name;
			prof_funcs[n].start = addr - off;
			prof_funcs[n].ticks = prof_buffer[i];
			n++;
		} else {
			*other += prof_buffer[i];
		}
	}
	return n;
}

static void prof_line(unsigned long ticks, unsigned long total, const char *name)
{
	unsigned long permille = total ? (ticks * 1000 + total / 2) / total : 0;

	printk("%8lu %4lu.%lu%%  %s\n", ticks, permille / 10, permille % 10, name);
}

void profile_show(int top)
{
	unsigned long user = prof_user, kernel = prof_kernel, total = user + kernel;
	unsigned long other;
	int n, user_shown = 0;

	if (!prof_buffer) {
		printk("prof: no profile yet (prof start)\n");
		return;
	}
	n = prof_fold(&other);
	printk("prof: %lu ticks at %d Hz: %lu in the kernel, %lu in user mode%s\n",
	       total, HZ, kernel, user, prof_on ? " (still sampling)" : "");
	printk("   ticks  share  function\n");
	/* pick the busiest entry each time round; "[user]" is ranked among them */
	for (int shown = 0; shown < top; shown++) {
		int best = -1;

		for (int i = 0; i < n; i++)
			if (prof_funcs[i].ticks &&
			    (best < 0 || prof_funcs[i].ticks > prof_funcs[best].ticks))
				best = i;
		if (!user_shown && user && (best < 0 || user >= prof_funcs[best].ticks)) {
			prof_line(user, total, "[user]");
			user_shown = 1;
			continue;
		}
		if (best < 0)
			break;
		prof_line(prof_funcs[best].ticks, total, prof_funcs[best].name);
		prof_funcs[best].ticks = 0;	/* prof_fold refills it next time */
	}
	if (other)
		prof_line(other, total, "[outside the text or not ranked]");
}

static int cmd_prof(int argc, char **argv)
{
	int top = 20;

	if (argc >= 2 && !strcmp(argv[1], "start")) {
		int err = profile_start();

		if (err)
			printk("prof: cannot allocate the histogram: error %d\n", -err);
		return err ? 1 : 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "stop")) {
		profile_stop();
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "show")) {
		if (argc >= 3) {
			char *end;

			top = simple_strtol(argv[2], &end, 10);
			if (*end || top <= 0) {
				printk("prof: %s: not a count\n", argv[2]);
				return 2;
			}
		}
		profile_show(top);
		return 0;
	}
	printk("usage: prof start|stop|show [N]\n");
	return 2;
}
KSHELL_COMMAND(prof, cmd_prof, "start|stop|show [N] - sample the kernel EIP each tick; top N functions");

/*
 * kernel/time.c - the wall clock (Linux: the xtime parts of kernel/timer.c
 * and kernel/time.c, arch/i386/kernel/time.c get_cmos_time). The CMOS RTC
 * is read once at boot; after that the time is that reading plus the
 * jiffies counted since, so it never needs the slow RTC again.
 * SMP: rtc_lock (2.6's) keeps the CMOS index/data port pair one CPU's at a
 * time. boot_seconds changes only at settimeofday (process context, the
 * big kernel lock); jiffies_64 is read through get_jiffies_64's seqlock.
 */
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/io.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>

#define RTC_PORT(x)	(0x70 + (x))
#define RTC_SECONDS	0
#define RTC_MINUTES	2
#define RTC_HOURS	4
#define RTC_DAY		7
#define RTC_MONTH	8
#define RTC_YEAR	9
#define RTC_REG_A	10
#define RTC_REG_B	11
#define RTC_UIP		0x80	/* register A: update in progress */
#define RTC_DM_BINARY	0x04	/* register B: values are binary, not BCD */
#define RTC_24H		0x02

static unsigned long boot_seconds;	/* the RTC at boot_jiffies */
static u64 boot_jiffies;
static DEFINE_SPINLOCK(rtc_lock);

static unsigned char cmos_read(unsigned char reg)
{
	outb(RTC_PORT(0), reg);
	return inb(RTC_PORT(1));
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 15) + (v >> 4) * 10;
}

/*
 * Gauss' algorithm, as Linux's mktime: days since 1970 from a date,
 * treating March as the first month so February's leap day comes last.
 */
unsigned long mktime(unsigned int year, unsigned int mon, unsigned int day,
		     unsigned int hour, unsigned int min, unsigned int sec)
{
	if ((int)(mon -= 2) <= 0) {
		mon += 12;
		year -= 1;
	}
	return ((((unsigned long)(year / 4 - year / 100 + year / 400 + 367 * mon / 12 + day) +
		  year * 365 - 719499) * 24 + hour) * 60 + min) * 60 + sec;
}

static unsigned long get_cmos_time(void)
{
	unsigned int year, mon, day, hour, min, sec, regb;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&rtc_lock, flags);
	/* wait out an update in progress so the fields belong together */
	for (i = 0; i < 1000000 && (cmos_read(RTC_REG_A) & RTC_UIP); i++)
		;
	do {
		sec = cmos_read(RTC_SECONDS);
		min = cmos_read(RTC_MINUTES);
		hour = cmos_read(RTC_HOURS);
		day = cmos_read(RTC_DAY);
		mon = cmos_read(RTC_MONTH);
		year = cmos_read(RTC_YEAR);
	} while (sec != cmos_read(RTC_SECONDS));
	regb = cmos_read(RTC_REG_B);
	spin_unlock_irqrestore(&rtc_lock, flags);

	if (!(regb & RTC_DM_BINARY)) {
		sec = bcd2bin(sec);
		min = bcd2bin(min);
		hour = bcd2bin(hour & 0x7f) | (hour & 0x80);
		day = bcd2bin(day);
		mon = bcd2bin(mon);
		year = bcd2bin(year);
	}
	if (!(regb & RTC_24H) && (hour & 0x80))
		hour = ((hour & 0x7f) % 12) + 12;	/* 12-hour mode, PM */
	year += year < 70 ? 2000 : 1900;
	return mktime(year, mon, day, hour, min, sec);
}

void timekeeping_init(void)
{
	boot_seconds = get_cmos_time();
	boot_jiffies = get_jiffies_64();
	printk(KERN_INFO "time: RTC says %lu seconds since the Epoch\n", boot_seconds);
}

struct timespec current_kernel_time(void)
{
	u64 j = get_jiffies_64() - boot_jiffies;
	struct timespec ts;

	ts.tv_sec = boot_seconds + (unsigned long)(j / HZ);
	ts.tv_nsec = (long)(j % HZ) * (NSEC_PER_SEC / HZ);
	return ts;
}

/* settimeofday: the wall clock reads 'sec' now (kernel/posix-timers.c keeps its ns) */
void timekeeping_set_seconds(unsigned long sec)
{
	boot_seconds = sec - (unsigned long)((get_jiffies_64() - boot_jiffies) / HZ);
}

unsigned long get_seconds(void)
{
	return current_kernel_time().tv_sec;
}

/*
 * boot/mpparse.c - find the CPUs and the I/O APIC in the BIOS's MP tables
 * (Intel MultiProcessor Specification 1.4; Linux: arch/i386/kernel/mpparse.c).
 * The floating pointer structure "_MP_" lies on a 16-byte boundary in the
 * first KiB of the EBDA, the last KiB of base memory or the BIOS ROM; it
 * points at the configuration table, whose entries list each processor
 * with its local APIC id and each I/O APIC with its address. QEMU's BIOS
 * writes both; boot/acpi_boot.c reads ACPI's MADT, which is preferred when present.
 * The table's interrupt entries (INTSRC) say which I/O APIC pin each ISA
 * IRQ is on, for boot/io_apic.c.
 */
#include <kernel/io_apic.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/string.h>

struct mpf_intel {			/* the floating pointer */
	char signature[4];		/* "_MP_" */
	u32 physptr;			/* the configuration table */
	u8 length;			/* in 16-byte units: 1 */
	u8 specification;		/* 1 or 4 */
	u8 checksum;
	u8 feature1;			/* nonzero: a default configuration, no table */
	u8 feature2;
	u8 feature3, feature4, feature5;
} __packed;

struct mp_config_table {
	char signature[4];		/* "PCMP" */
	u16 length;
	u8 spec;
	u8 checksum;
	char oem[8];
	char productid[12];
	u32 oemptr;
	u16 oemsize;
	u16 oemcount;
	u32 lapic;			/* the local APIC's physical address */
	u32 reserved;
} __packed;

#define MP_PROCESSOR	0
#define MP_BUS		1
#define MP_IOAPIC	2
#define MP_INTSRC	3
#define MP_LINTSRC	4

struct mpc_config_processor {
	u8 type;
	u8 apicid;
	u8 apicver;
	u8 cpuflag;
	u32 cpufeature;
	u32 featureflag;
	u32 reserved[2];
} __packed;
#define CPU_ENABLED		1
#define CPU_BOOTPROCESSOR	2

struct mpc_config_ioapic {
	u8 type;
	u8 apicid;
	u8 apicver;
	u8 flags;			/* 1: usable */
	u32 apicaddr;
} __packed;

struct mpc_config_bus {
	u8 type;
	u8 busid;
	char bustype[6];		/* "ISA   ", "PCI   " */
} __packed;

struct mpc_config_intsrc {
	u8 type;
	u8 irqtype;			/* mp_INT, mp_NMI, mp_SMI, mp_ExtINT */
	u16 irqflag;			/* MPS INTI flags: polarity, trigger */
	u8 srcbus;
	u8 srcbusirq;			/* ISA: the IRQ */
	u8 dstapic;			/* the I/O APIC's id, 0xff: all */
	u8 dstirq;			/* its pin */
} __packed;
#define mp_INT			0
#define MP_APIC_ALL		0xff

struct mp_cpu mp_cpus[NR_CPUS];
int mp_nr_cpus;
int mp_nr_ioapics;
unsigned long mp_ioapic_addr;
int mp_ioapic_id;
unsigned long mp_ioapic_gsi_base;
unsigned long mp_lapic_addr;
int smp_found_config;

/* the byte sum of a firmware table (MP or ACPI): 0 when the table is good */
int firmware_checksum(const void *p, unsigned int len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

static const struct mpf_intel *scan_for_mpf(unsigned long base, unsigned long len)
{
	for (unsigned long a = base; a + sizeof(struct mpf_intel) <= base + len; a += 16) {
		const struct mpf_intel *mpf = __va(a);

		if (!memcmp(mpf->signature, "_MP_", 4) && mpf->length == 1 &&
		    !firmware_checksum(mpf, 16) &&
		    (mpf->specification == 1 || mpf->specification == 4))
			return mpf;
	}
	return NULL;
}

/* one processor of the MP table or the MADT (2.6's mp_register_lapic) */
void mp_register_lapic(int apicid, int enabled, int bsp)
{
	if (!enabled)
		return;
	if (mp_nr_cpus >= NR_CPUS) {
		printk(KERN_INFO "MP: NR_CPUS (%d) reached, APIC id %d left out\n", NR_CPUS, apicid);
		return;
	}
	/* the boot CPU is CPU 0, whatever its place in the table */
	if (bsp) {
		memmove(&mp_cpus[1], &mp_cpus[0], mp_nr_cpus * sizeof(mp_cpus[0]));
		mp_cpus[0] = (struct mp_cpu){ .apicid = apicid, .bsp = 1, .cpu = 0, .state = "running" };
	} else {
		mp_cpus[mp_nr_cpus] = (struct mp_cpu){ .apicid = apicid, .cpu = -1, .state = "off" };
	}
	mp_nr_cpus++;
}

/* only the first is used (boot/io_apic.c); the others are counted */
void mp_register_ioapic(int id, unsigned long addr, unsigned long gsi_base)
{
	if (mp_nr_ioapics++)
		return;
	mp_ioapic_id = id;
	mp_ioapic_addr = addr;
	mp_ioapic_gsi_base = gsi_base;
}

static int smp_read_mpc(const struct mp_config_table *mpc)
{
	const u8 *p, *end;
	u8 isa_bus[256 / 8] = { 0 };	/* bus ids that are ISA */

	if (memcmp(mpc->signature, "PCMP", 4) || mpc->length < sizeof(*mpc) ||
	    firmware_checksum(mpc, mpc->length)) {
		printk(KERN_INFO "MP: bad configuration table at %p\n", (void *)mpc);
		return -1;
	}
	mp_lapic_addr = mpc->lapic;
	p = (const u8 *)(mpc + 1);
	end = (const u8 *)mpc + mpc->length;
	while (p < end) {
		switch (*p) {
		case MP_PROCESSOR:
		{
			const struct mpc_config_processor *m = (const void *)p;

			mp_register_lapic(m->apicid, m->cpuflag & CPU_ENABLED,
					  m->cpuflag & CPU_BOOTPROCESSOR);
		}
			p += sizeof(struct mpc_config_processor);
			break;
		case MP_IOAPIC: {
			const struct mpc_config_ioapic *io = (const void *)p;

			if (io->flags & 1)
				mp_register_ioapic(io->apicid, io->apicaddr, 0);
			p += sizeof(*io);
			break;
		}
		case MP_BUS: {
			const struct mpc_config_bus *b = (const void *)p;

			if (!memcmp(b->bustype, "ISA   ", 6))
				isa_bus[b->busid / 8] |= 1 << (b->busid % 8);
			p += sizeof(*b);
			break;
		}
		case MP_INTSRC: {
			const struct mpc_config_intsrc *m = (const void *)p;

			/* an ISA IRQ on a pin of the first I/O APIC (buses come first) */
			if (m->irqtype == mp_INT && (isa_bus[m->srcbus / 8] >> (m->srcbus % 8) & 1) &&
			    mp_nr_ioapics && (m->dstapic == mp_ioapic_id || m->dstapic == MP_APIC_ALL))
				mp_override_legacy_irq(m->srcbusirq, m->dstirq, m->irqflag);
			p += sizeof(*m);
			break;
		}
		case MP_LINTSRC:
			p += 8;
			break;
		default:		/* an entry type 1.4 does not define: stop, as Linux */
			printk(KERN_INFO "MP: unknown entry type %d, the rest left unread\n", *p);
			return 0;
		}
	}
	return 0;
}

static void print_smp_config(const char *source)
{
	printk(KERN_INFO "%s: %d CPU%s, APIC ids", source, mp_nr_cpus, mp_nr_cpus == 1 ? "" : "s");
	for (int i = 0; i < mp_nr_cpus; i++)
		printk(" %d%s", mp_cpus[i].apicid, mp_cpus[i].bsp ? " (boot)" : "");
	printk("; local APIC at 0x%08lx", mp_lapic_addr);
	if (mp_nr_ioapics)
		printk("; I/O APIC at 0x%08lx", mp_ioapic_addr);
	printk("\n");
}

static int mp_config_ok(void)
{
	if (mp_nr_cpus && mp_cpus[0].bsp)
		return 1;
	mp_nr_cpus = mp_nr_ioapics = 0;
	mp_clear_legacy_irqs();
	return 0;
}

/* ACPI's MADT first, as Linux with ACPI; then the MP table */
void find_smp_config(void)
{
	u16 ebda_seg = *(const u16 *)__va(0x40e);
	const struct mpf_intel *mpf;

	if (acpi_parse_madt() == 0 && mp_config_ok()) {
		smp_found_config = 1;
		print_smp_config("ACPI MADT");
		return;
	}
	mpf = scan_for_mpf((unsigned long)ebda_seg << 4, 1024);
	if (!mpf)
		mpf = scan_for_mpf(639 * 1024, 1024);
	if (!mpf)
		mpf = scan_for_mpf(0xf0000, 0x10000);
	if (!mpf) {
		printk(KERN_INFO "MP: no MP floating pointer and no MADT, one CPU\n");
		return;
	}
	printk(KERN_INFO "MP: Intel MultiProcessor Specification v1.%d at 0x%08lx\n",
	       mpf->specification, (unsigned long)__pa(mpf));
	if (mpf->feature1 || !mpf->physptr) {
		/* a default configuration, with no table: QEMU never builds one */
		printk(KERN_INFO "MP: default configuration %d not supported, one CPU\n",
		       mpf->feature1);
		return;
	}
	if (mpf->physptr >= 768UL << 20)
		return;			/* outside the direct map */
	if (smp_read_mpc(__va(mpf->physptr)) || !mp_config_ok())
		return;
	smp_found_config = 1;
	print_smp_config("MP");
}

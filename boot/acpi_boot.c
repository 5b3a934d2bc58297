/*
 * boot/acpi_boot.c - the CPUs and I/O APICs from ACPI's MADT (Linux:
 * arch/i386/kernel/acpi/boot.c, acpi_parse_lapic and acpi_parse_ioapic).
 * The RSDP ("RSD PTR ") lies on a 16-byte boundary in the EBDA's first KiB
 * or in 0xE0000-0xFFFFF; it points at the RSDT, a list of tables, one of
 * them the MADT ("APIC"): the local APIC address, then one entry per
 * processor (its APIC id, enabled or not), per I/O APIC, and per ISA IRQ
 * that is not on the I/O APIC pin of its number (an interrupt source
 * override: QEMU's puts IRQ 0, the PIT, on pin 2), for boot/io_apic.c.
 * QEMU's BIOS lists every -smp CPU here (its MP table may name the boot CPU
 * alone).
 */
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/io.h>
#include <kernel/io_apic.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/string.h>

struct acpi_table_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;			/* over the first 20 bytes */
	char oem_id[6];
	u8 revision;
	u32 rsdt_address;
} __packed;

struct acpi_table_header {
	char signature[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 asl_compiler_id;
	u32 asl_compiler_revision;
} __packed;

struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address;			/* the local APIC's */
	u32 flags;
} __packed;

#define ACPI_MADT_LAPIC		0
#define ACPI_MADT_IOAPIC	1
#define ACPI_MADT_INT_SRC_OVR	2

struct acpi_madt_lapic {
	u8 type, length;
	u8 acpi_id;
	u8 id;				/* its local APIC id */
	u32 flags;			/* bit 0: enabled */
} __packed;

struct acpi_madt_ioapic {
	u8 type, length;
	u8 id, reserved;
	u32 address;
	u32 global_irq_base;
} __packed;

struct acpi_madt_int_src_ovr {
	u8 type, length;
	u8 bus;				/* 0: ISA */
	u8 source_irq;
	u32 global_irq;
	u16 flags;			/* MPS INTI flags */
} __packed;

#define DIRECT_MAP_LIMIT	(768UL << 20)

/* 2.6's option, for a BIOS whose IRQ 0 -> pin 2 override is wrong */
int acpi_skip_timer_override;

static int parse_acpi_skip_timer_override(char *s)
{
	(void)s;
	acpi_skip_timer_override = 1;
	return 1;
}
__setup("acpi_skip_timer_override", parse_acpi_skip_timer_override);

static void acpi_parse_int_src_ovr(const struct acpi_madt_int_src_ovr *o)
{
	static const char *const pol[] = { "dfl", "high", "res", "low" };
	static const char *const trig[] = { "dfl", "edge", "res", "level" };

	printk(KERN_INFO "ACPI: INT_SRC_OVR (bus %u bus_irq %u global_irq %u %s %s)\n", o->bus,
	       o->source_irq, o->global_irq, pol[o->flags & 3], trig[(o->flags >> 2) & 3]);
	if (acpi_skip_timer_override && o->source_irq == 0 && o->global_irq == 2) {
		printk(KERN_INFO "ACPI: BIOS IRQ0 pin2 override ignored.\n");
		return;
	}
	if (o->bus == 0)
		mp_override_legacy_irq(o->source_irq, o->global_irq, o->flags);
}

static const struct acpi_table_rsdp *scan_rsdp(unsigned long base, unsigned long len)
{
	for (unsigned long a = base; a + sizeof(struct acpi_table_rsdp) <= base + len; a += 16) {
		const struct acpi_table_rsdp *r = __va(a);

		if (!memcmp(r->signature, "RSD PTR ", 8) && !firmware_checksum(r, 20))
			return r;
	}
	return NULL;
}

/* a table the direct map reaches whole, with a good checksum */
static const struct acpi_table_header *acpi_table(u32 phys)
{
	const struct acpi_table_header *h;

	if (!phys || phys >= DIRECT_MAP_LIMIT - sizeof(*h))
		return NULL;
	h = __va(phys);
	if (h->length < sizeof(*h) || phys + h->length > DIRECT_MAP_LIMIT ||
	    firmware_checksum(h, h->length))
		return NULL;
	return h;
}

static int boot_cpu_apicid(void)
{
	unsigned int a, b, c, d;

	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
	return b >> 24;			/* the initial APIC id */
}

int acpi_parse_madt(void)
{
	u16 ebda_seg = *(const u16 *)__va(0x40e);
	const struct acpi_table_rsdp *rsdp = scan_rsdp((unsigned long)ebda_seg << 4, 1024);
	const struct acpi_table_header *rsdt, *t;
	const struct acpi_table_madt *madt = NULL;
	const u8 *p, *end;
	int me = boot_cpu_apicid();

	if (!rsdp)
		rsdp = scan_rsdp(0xe0000, 0x20000);
	if (!rsdp || !(rsdt = acpi_table(rsdp->rsdt_address)) || memcmp(rsdt->signature, "RSDT", 4))
		return -ENODEV;
	for (const u32 *e = (const u32 *)(rsdt + 1);
	     (const u8 *)(e + 1) <= (const u8 *)rsdt + rsdt->length; e++) {
		t = acpi_table(*e);
		if (t && !memcmp(t->signature, "APIC", 4) && t->length >= sizeof(*madt)) {
			madt = (const struct acpi_table_madt *)t;
			break;
		}
	}
	if (!madt)
		return -ENODEV;
	mp_lapic_addr = madt->address;
	p = (const u8 *)(madt + 1);
	end = (const u8 *)madt + madt->header.length;
	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		if (p[0] == ACPI_MADT_LAPIC && p[1] >= sizeof(struct acpi_madt_lapic)) {
			const struct acpi_madt_lapic *l = (const void *)p;

			mp_register_lapic(l->id, l->flags & 1, l->id == me);
		} else if (p[0] == ACPI_MADT_IOAPIC && p[1] >= sizeof(struct acpi_madt_ioapic)) {
			const struct acpi_madt_ioapic *io = (const void *)p;

			mp_register_ioapic(io->id, io->address, io->global_irq_base);
		} else if (p[0] == ACPI_MADT_INT_SRC_OVR && p[1] >= sizeof(struct acpi_madt_int_src_ovr)) {
			acpi_parse_int_src_ovr((const void *)p);
		}
		p += p[1];
	}
	return 0;
}

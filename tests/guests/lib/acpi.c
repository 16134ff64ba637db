// SPDX-License-Identifier: BSD-2-Clause
// The ACPI reader: RSDP (ACPI 6.5 5.2.5), XSDT/RSDT (5.2.7, 5.2.8), MADT (5.2.12).

#include "guest.h"
#include "acpi.h"

#define BIOS_AREA_START	 0xe0000 /* ACPI 5.2.5.1: the RSDP on a 16-byte boundary in here */
#define BIOS_AREA_END	 0x100000
#define RSDP_ALIGN	 16
#define RSDP_V1_LEN	 20
#define MB2_TAG_ALIGN	 8
#define MB2_TAG_END	 0
#define MB2_TAG_ACPI_OLD 14 /* multiboot2 3.6.13: a copy of the RSDP, ACPI 1.0 */
#define MB2_TAG_ACPI_NEW 15 /* 3.6.14: a copy of the RSDP, ACPI 2.0+ */
#define MB2_MAX_SIZE	 0x10000
#define MADT_LAPIC	 0 /* MADT 5.2.12.2: processor local APIC structure */
#define MADT_X2APIC	 9 /* 5.2.12.12: processor local x2APIC structure */
#define MADT_LAPIC_LEN	 8
#define MADT_X2APIC_LEN	 16
#define MADT_IOAPIC	 1 /* 5.2.12.3: I/O APIC structure */
#define MADT_IOAPIC_LEN	 12
#define MADT_ENABLED	 (1U << 0)
#define TABLE_MAX_LEN	 0x10000 /* more than any table of a partition needs */

struct __attribute__((packed)) rsdp {
	char signature[8];
	uint8_t checksum;
	char oem[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
	uint8_t ext_checksum, reserved[3];
};
_Static_assert(sizeof(struct rsdp) == 36, "ACPI 5.2.5.3: RSDP");

struct __attribute__((packed)) sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_revision, creator, creator_revision;
};
_Static_assert(sizeof(struct sdt_header) == 36, "ACPI 5.2.6: table header");

#define MADT_ENTRIES_OFFSET (sizeof(struct sdt_header) + 8) /* local APIC address, flags */

static bool same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static uint8_t sum(const void *p, size_t n)
{
	uint8_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += ((const uint8_t *)p)[i];
	return s;
}

static bool rsdp_valid(const struct rsdp *r)
{
	if (!same(r->signature, "RSD PTR ", sizeof(r->signature)) || sum(r, RSDP_V1_LEN))
		return false;
	return r->revision < 2 || !sum(r, sizeof(*r));
}

static const struct rsdp *rsdp_from_boot_info(void)
{
	const uint8_t *info = (const uint8_t *)guest_boot_info;
	uint32_t total = info ? *(const uint32_t *)info : 0;

	if (total > MB2_MAX_SIZE)
		return NULL;
	for (uint32_t off = 8; off + 8 <= total;) {
		uint32_t type = *(const uint32_t *)(info + off);
		uint32_t size = *(const uint32_t *)(info + off + 4);

		if (type == MB2_TAG_END || size < 8)
			break;
		if ((type == MB2_TAG_ACPI_OLD || type == MB2_TAG_ACPI_NEW) &&
		    rsdp_valid((const struct rsdp *)(info + off + 8)))
			return (const struct rsdp *)(info + off + 8);
		off += (size + MB2_TAG_ALIGN - 1) & ~(MB2_TAG_ALIGN - 1);
	}
	return NULL;
}

static const struct rsdp *rsdp_scan(void)
{
	for (uint64_t a = BIOS_AREA_START; a < BIOS_AREA_END; a += RSDP_ALIGN)
		if (rsdp_valid((const struct rsdp *)a))
			return (const struct rsdp *)a;
	return NULL;
}

static const struct sdt_header *table_at(uint64_t addr, const char *sig)
{
	const struct sdt_header *t = (const struct sdt_header *)addr;

	if (!addr || addr >= (1ULL << 32)) {
		guest_printf("acpi: %s at 0x%lx: outside the identity map\n", sig,
			     (unsigned long)addr);
		return NULL;
	}
	if (t->length < sizeof(*t) || t->length > TABLE_MAX_LEN || sum(t, t->length)) {
		guest_printf("acpi: %s at 0x%lx: bad length %u or checksum\n", sig,
			     (unsigned long)addr, t->length);
		return NULL;
	}
	return t;
}

/* The MADT through the XSDT (8-byte entries) or, for ACPI 1.0, the RSDT (4-byte entries). */
static const struct sdt_header *find_madt(const struct rsdp *r)
{
	bool x = r->revision >= 2 && r->xsdt;
	const struct sdt_header *root = table_at(x ? r->xsdt : r->rsdt, x ? "XSDT" : "RSDT");
	size_t width = x ? 8 : 4;

	if (!root)
		return NULL;
	for (size_t off = sizeof(*root); off + width <= root->length; off += width) {
		const uint8_t *e = (const uint8_t *)root + off;
		uint64_t addr = x ? *(const uint64_t *)e : *(const uint32_t *)e;
		const struct sdt_header *t = table_at(addr, "entry");

		if (t && same(t->signature, "APIC", 4))
			return t;
	}
	guest_printf("acpi: no MADT in the %s\n", x ? "XSDT" : "RSDT");
	return NULL;
}

static void add_cpu(struct acpi_cpus *out, const uint8_t *e)
{
	uint32_t flags, id;

	if (e[1] < (e[0] == MADT_LAPIC ? MADT_LAPIC_LEN : MADT_X2APIC_LEN))
		return;
	if (e[0] == MADT_LAPIC) {
		id = e[3];
		flags = *(const uint32_t *)(e + 4);
	} else {
		id = *(const uint32_t *)(e + 4);
		flags = *(const uint32_t *)(e + 8);
	}
	if ((flags & MADT_ENABLED) && out->n < ACPI_MAX_CPUS)
		out->apic_id[out->n++] = id;
}

static bool read_madt(const struct rsdp *r, struct acpi_cpus *out)
{
	const struct sdt_header *madt = find_madt(r);

	if (!madt)
		return false;
	for (size_t off = MADT_ENTRIES_OFFSET; off + 2 <= madt->length;) {
		const uint8_t *e = (const uint8_t *)madt + off;

		if (e[1] < 2 || off + e[1] > madt->length) {
			guest_printf("acpi: MADT entry at offset %lu: bad length %u\n",
				     (unsigned long)off, e[1]);
			return false;
		}
		if (e[0] == MADT_LAPIC || e[0] == MADT_X2APIC)
			add_cpu(out, e);
		else if (e[0] == MADT_IOAPIC && e[1] >= MADT_IOAPIC_LEN && !out->nioapics++) {
			out->ioapic_id = e[2];
			out->ioapic_addr = *(const uint32_t *)(e + 4);
			out->ioapic_gsi_base = *(const uint32_t *)(e + 8);
		}
		off += e[1];
	}
	return true;
}

bool acpi_read_cpus_from(enum acpi_source from, struct acpi_cpus *out)
{
	const struct rsdp *r = from == ACPI_FROM_BOOT_INFO ? rsdp_from_boot_info() : rsdp_scan();

	out->n = out->nioapics = 0;
	out->rsdp_from = from == ACPI_FROM_BOOT_INFO ? "boot information" : "BIOS area";
	if (!r) {
		if (from == ACPI_FROM_BOOT_INFO)
			guest_printf("acpi: no valid ACPI tag in the boot information at 0x%lx\n",
				     (unsigned long)guest_boot_info);
		else
			guest_printf("acpi: no valid RSDP in [0x%x, 0x%x)\n", BIOS_AREA_START,
				     BIOS_AREA_END);
		return false;
	}
	return read_madt(r, out);
}

bool acpi_read_cpus(struct acpi_cpus *out)
{
	if (rsdp_from_boot_info())
		return acpi_read_cpus_from(ACPI_FROM_BOOT_INFO, out);
	return acpi_read_cpus_from(ACPI_FROM_BIOS_AREA, out);
}

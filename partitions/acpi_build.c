// SPDX-License-Identifier: BSD-2-Clause
// A partition's ACPI tables as Linux 6.1 and Bulkhead read them: XSDT-rooted, hardware-reduced.
#include <string.h>

#include "acpi.h"
#include "acpi_build.h"
#include "config.h"

#define ALIGN	      16 /* every table 16-byte aligned; the RSDP must be (ACPI 6.5 5.2.5.1) */
#define SIG_LEN	      4
#define OEM_ID	      "BULKHD"
#define OEM_TABLE_ID  "BULKHEAD"
#define CREATOR_ID    "BLKH"
#define OEM_REVISION  1
#define XSDT_ENTRIES  2 /* FADT, MADT; the DSDT is reached through the FADT */
#define RSDP_REVISION 2 /* ACPI 2.0+: XSDT address and extended checksum */
#define XSDT_REVISION 1
#define MADT_REVISION 5 /* ACPI 6.2+ layout of the entries used here */
#define DSDT_REVISION 2 /* 64-bit AML integers */

/* FADT, ACPI 6.5 table 5.9: revision 6, minor 5, the whole 276-byte layout. */
#define FADT_REVISION	   6
#define FADT_MINOR	   5
#define FADT_WBINVD	   (1U << 0)
#define FADT_PWR_BUTTON	   (1U << 4) /* no fixed-feature power button */
#define FADT_SLP_BUTTON	   (1U << 5) /* no fixed-feature sleep button */
#define FADT_RESET_REG_SUP (1U << 10)
#define FADT_HW_REDUCED	   (1U << 20)
#define GAS_SYSTEM_IO	   1
#define GAS_BYTE_WIDTH	   8
#define GAS_ACCESS_BYTE	   1
#define BOOT_VGA_ABSENT	   (1U << 2) /* IA-PC boot architecture flags, table 5.11 */
#define BOOT_CMOS_ABSENT   (1U << 5) /* no RTC: its ports are not the partition's */
#define FADT_HV_VENDOR_ID  "Bulkhead"
#define FADT_HV_VENDOR_LEN 8

struct gas {
	uint8_t space_id, bit_width, bit_offset, access_size;
	uint64_t address;
} __attribute__((packed));

struct fadt {
	struct acpi_sdt_header hdr;
	uint32_t firmware_ctrl, dsdt;
	uint8_t reserved0, pm_profile;
	uint16_t sci_int;
	uint32_t smi_cmd;
	uint8_t acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
	uint32_t pm_blk[8]; /* PM1a/b event and control, PM2 control, PM timer, GPE0/1 */
	uint8_t pm_len[6], gpe1_base, cst_cnt;
	uint16_t p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
	uint8_t duty_offset, duty_width, day_alrm, mon_alrm, century;
	uint16_t iapc_boot_arch;
	uint8_t reserved1;
	uint32_t flags;
	struct gas reset_reg;
	uint8_t reset_value;
	uint16_t arm_boot_arch;
	uint8_t minor_version;
	uint64_t x_firmware_ctrl, x_dsdt;
	struct gas x_blk[8], sleep_control, sleep_status;
	char hypervisor_vendor[FADT_HV_VENDOR_LEN];
} __attribute__((packed));

_Static_assert(sizeof(struct gas) == 12, "generic address structure layout");
_Static_assert(offsetof(struct fadt, dsdt) == 40, "FADT layout");
_Static_assert(offsetof(struct fadt, iapc_boot_arch) == 109, "FADT layout");
_Static_assert(offsetof(struct fadt, flags) == 112, "FADT layout");
_Static_assert(offsetof(struct fadt, minor_version) == 131, "FADT layout");
_Static_assert(offsetof(struct fadt, x_dsdt) == 140, "FADT layout");
_Static_assert(offsetof(struct fadt, sleep_control) == 244, "FADT layout");
_Static_assert(offsetof(struct fadt, hypervisor_vendor) == 268, "FADT layout");
_Static_assert(sizeof(struct fadt) == 276, "FADT layout");

/* MADT, ACPI 6.5 section 5.2.12: header, type 0 and 9 processor entries, a type 1 I/O APIC. */
#define MADT_LAPIC	   0
#define MADT_X2APIC	   9
#define MADT_IOAPIC	   1
#define MADT_IOAPIC_LEN	   12
#define MADT_CPU_ENABLED   (1U << 0)
#define MADT_HEADER_LEN	   44
#define MADT_LAPIC_LEN	   8
#define MADT_X2APIC_LEN	   16
#define MADT_LAPIC_UID_OFF 2

struct madt_header {
	struct acpi_sdt_header hdr;
	uint32_t lapic_addr, flags; /* flags 0: no PCAT_COMPAT, a partition has no 8259 PICs */
} __attribute__((packed));

struct madt_lapic {
	uint8_t type, length, uid, apic_id;
	uint32_t flags;
} __attribute__((packed));

struct madt_ioapic {
	uint8_t type, length, id, reserved;
	uint32_t addr, gsi_base;
} __attribute__((packed));

struct madt_x2apic {
	uint8_t type, length;
	uint16_t reserved;
	uint32_t x2apic_id, flags, uid;
} __attribute__((packed));

_Static_assert(sizeof(struct madt_header) == MADT_HEADER_LEN, "MADT header layout");
_Static_assert(sizeof(struct madt_lapic) == MADT_LAPIC_LEN, "MADT local APIC layout");
_Static_assert(offsetof(struct madt_lapic, uid) == MADT_LAPIC_UID_OFF, "MADT local APIC layout");
_Static_assert(sizeof(struct madt_ioapic) == MADT_IOAPIC_LEN, "MADT I/O APIC layout");
_Static_assert(sizeof(struct madt_x2apic) == MADT_X2APIC_LEN, "MADT x2APIC layout");
_Static_assert(offsetof(struct madt_x2apic, uid) == 12, "MADT x2APIC layout");

/* Where each table goes, as offsets from the start of the buffer. */
struct layout {
	size_t xsdt, fadt, madt, dsdt, end;
	uint32_t madt_len, dsdt_len;
};

static size_t align_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static uint32_t madt_len(const uint32_t *apic_id, size_t ncpus)
{
	uint32_t len = MADT_HEADER_LEN + MADT_IOAPIC_LEN;

	for (size_t i = 0; i < ncpus; i++)
		len += apic_id[i] > ACPI_BUILD_XAPIC_MAX ? MADT_X2APIC_LEN : MADT_LAPIC_LEN;
	return len;
}

static void plan(const uint32_t *apic_id, size_t ncpus, struct layout *l)
{
	l->madt_len = madt_len(apic_id, ncpus);
	l->dsdt_len = (uint32_t)(sizeof(struct acpi_sdt_header) + acpi_dsdt_aml_size(ncpus));
	l->xsdt = align_up(ACPI_RSDP_V2_LEN);
	l->fadt =
	    align_up(l->xsdt + sizeof(struct acpi_sdt_header) + XSDT_ENTRIES * sizeof(uint64_t));
	l->madt = align_up(l->fadt + sizeof(struct fadt));
	l->dsdt = align_up(l->madt + l->madt_len);
	l->end = l->dsdt + l->dsdt_len;
}

size_t acpi_build_size(size_t ncpus)
{
	return align_up(ACPI_RSDP_V2_LEN) +
	       align_up(sizeof(struct acpi_sdt_header) + XSDT_ENTRIES * sizeof(uint64_t)) +
	       align_up(sizeof(struct fadt)) +
	       align_up(MADT_HEADER_LEN + MADT_IOAPIC_LEN + ncpus * MADT_X2APIC_LEN) +
	       sizeof(struct acpi_sdt_header) + acpi_dsdt_aml_size(ncpus);
}

static void header(void *at, const char sig[SIG_LEN], uint32_t len, uint8_t rev)
{
	struct acpi_sdt_header h = {.length = len,
				    .revision = rev,
				    .oem_revision = OEM_REVISION,
				    .creator_revision = OEM_REVISION};

	memcpy(h.signature, sig, SIG_LEN);
	memcpy(h.oem_id, OEM_ID, sizeof(h.oem_id));
	memcpy(h.oem_table_id, OEM_TABLE_ID, sizeof(h.oem_table_id));
	memcpy(&h.creator_id, CREATOR_ID, sizeof(h.creator_id));
	memcpy(at, &h, sizeof(h));
}

/* The checksum byte makes the whole table sum to zero (ACPI 6.5 5.2.6). */
static void seal(uint8_t *table)
{
	struct acpi_sdt_header *h = (struct acpi_sdt_header *)table;

	h->checksum = 0;
	h->checksum = (uint8_t)-acpi_checksum(table, h->length);
}

static void build_rsdp(uint8_t *at, uint64_t xsdt_gpa)
{
	struct acpi_rsdp r = {
	    .revision = RSDP_REVISION, .length = ACPI_RSDP_V2_LEN, .xsdt_address = xsdt_gpa};

	memcpy(r.signature, "RSD PTR ", sizeof(r.signature));
	memcpy(r.oem_id, OEM_ID, sizeof(r.oem_id));
	r.checksum = (uint8_t)-acpi_checksum(&r, ACPI_RSDP_V1_LEN);
	r.extended_checksum = (uint8_t)-acpi_checksum(&r, ACPI_RSDP_V2_LEN);
	memcpy(at, &r, sizeof(r));
}

static void build_xsdt(uint8_t *at, uint64_t fadt_gpa, uint64_t madt_gpa)
{
	uint64_t entry[XSDT_ENTRIES] = {fadt_gpa, madt_gpa};

	header(at, "XSDT", sizeof(struct acpi_sdt_header) + sizeof(entry), XSDT_REVISION);
	memcpy(at + sizeof(struct acpi_sdt_header), entry, sizeof(entry));
	seal(at);
}

/* Hardware-reduced (ACPI 6.5 4.1): no PM blocks, SCI, SMI port or FACS; the DSDT via X_DSDT.
 * The reset register is the partition's own (CFG_RESET_PORT): Linux tries it first when it
 * reboots or panics, before methods that would leave it spinning in a partition (a BIOS
 * restart through real mode has no BIOS to reach). */
static void build_fadt(uint8_t *at, uint64_t dsdt_gpa)
{
	struct fadt f = {
	    .flags = FADT_WBINVD | FADT_PWR_BUTTON | FADT_SLP_BUTTON | FADT_HW_REDUCED |
		     FADT_RESET_REG_SUP,
	    .reset_reg = {GAS_SYSTEM_IO, GAS_BYTE_WIDTH, 0, GAS_ACCESS_BYTE, CFG_RESET_PORT},
	    .reset_value = CFG_RESET_VALUE,
	    .iapc_boot_arch = BOOT_VGA_ABSENT | BOOT_CMOS_ABSENT,
	    .minor_version = FADT_MINOR,
	    .x_dsdt = dsdt_gpa};

	memcpy(f.hypervisor_vendor, FADT_HV_VENDOR_ID, FADT_HV_VENDOR_LEN);
	memcpy(at, &f, sizeof(f));
	header(at, "FACP", sizeof(f), FADT_REVISION);
	seal(at);
}

static size_t madt_cpu(uint8_t *at, uint32_t uid, uint32_t apic_id)
{
	if (apic_id > ACPI_BUILD_XAPIC_MAX) {
		struct madt_x2apic e = {MADT_X2APIC, MADT_X2APIC_LEN,  0,
					apic_id,     MADT_CPU_ENABLED, uid};

		memcpy(at, &e, sizeof(e));
		return sizeof(e);
	}
	struct madt_lapic e = {MADT_LAPIC, MADT_LAPIC_LEN, (uint8_t)uid, (uint8_t)apic_id,
			       MADT_CPU_ENABLED};

	memcpy(at, &e, sizeof(e));
	return sizeof(e);
}

static void build_madt(uint8_t *at, const struct layout *l, const uint32_t *apic_id, size_t n)
{
	struct madt_header m = {.lapic_addr = ACPI_BUILD_LAPIC_ADDR, .flags = 0};
	size_t off = sizeof(m);

	memcpy(at, &m, sizeof(m));
	header(at, "APIC", l->madt_len, MADT_REVISION);
	struct madt_ioapic io = {MADT_IOAPIC, MADT_IOAPIC_LEN,	      ACPI_BUILD_IOAPIC_ID,
				 0,	      ACPI_BUILD_IOAPIC_ADDR, 0};

	for (size_t i = 0; i < n; i++)
		off += madt_cpu(at + off, (uint32_t)i, apic_id[i]);
	memcpy(at + off, &io, sizeof(io));
	seal(at);
}

static void build_dsdt(uint8_t *at, const struct layout *l, size_t ncpus)
{
	header(at, "DSDT", l->dsdt_len, DSDT_REVISION);
	acpi_dsdt_aml(at + sizeof(struct acpi_sdt_header), ncpus);
	seal(at);
}

int acpi_build(void *buf, size_t cap, uint64_t gpa, const uint32_t *apic_id, size_t ncpus,
	       struct acpi_build_out *out)
{
	uint8_t *b = buf;
	struct layout l;

	if (!ncpus || ncpus > ACPI_BUILD_MAX_CPUS || gpa % ALIGN)
		return -EINVAL;
	plan(apic_id, ncpus, &l);
	if (cap < l.end)
		return -E2BIG;
	build_rsdp(b, gpa + l.xsdt);
	build_xsdt(b + l.xsdt, gpa + l.fadt, gpa + l.madt);
	build_fadt(b + l.fadt, gpa + l.dsdt);
	build_madt(b + l.madt, &l, apic_id, ncpus);
	build_dsdt(b + l.dsdt, &l, ncpus);
	*out = (struct acpi_build_out){gpa,	     gpa + l.xsdt, gpa + l.fadt,
				       gpa + l.madt, gpa + l.dsdt, l.end};
	return 0;
}

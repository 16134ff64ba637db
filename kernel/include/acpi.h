// SPDX-License-Identifier: BSD-2-Clause
// ACPI table discovery (RSDP, RSDT/XSDT) and MADT parsing, validated before anything is trusted.
#ifndef BULKHEAD_ACPI_H
#define BULKHEAD_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef E2BIG
#define E2BIG 7
#endif
#ifndef EFAULT
#define EFAULT 14
#endif
#ifndef EINVAL
#define EINVAL 22
#endif

/*
 * Map @len bytes of physical memory at @phys for reading; NULL if that is not possible. Tables
 * are byte-aligned (SeaBIOS packs them back to back), so any alignment must be accepted. Every
 * mapping must stay valid until the acpi_* call that requested it returns.
 */
typedef const void *(*acpi_map_fn)(uint64_t phys, size_t len, void *ctx);

struct acpi_rsdp {
	char signature[8]; /* "RSD PTR " */
	uint8_t checksum;  /* over the first ACPI_RSDP_V1_LEN bytes */
	char oem_id[6];
	uint8_t revision; /* 0: ACPI 1.0 (RSDT only), >= 2: the fields below exist */
	uint32_t rsdt_address;
	uint32_t length;
	uint64_t xsdt_address;
	uint8_t extended_checksum; /* over length bytes */
	uint8_t reserved[3];
} __attribute__((packed));

#define ACPI_RSDP_V1_LEN 20
#define ACPI_RSDP_V2_LEN 36
_Static_assert(sizeof(struct acpi_rsdp) == ACPI_RSDP_V2_LEN, "RSDP layout");
_Static_assert(offsetof(struct acpi_rsdp, revision) == 15, "RSDP layout");
_Static_assert(offsetof(struct acpi_rsdp, rsdt_address) == 16, "RSDP layout");
_Static_assert(offsetof(struct acpi_rsdp, length) == ACPI_RSDP_V1_LEN, "RSDP layout");
_Static_assert(offsetof(struct acpi_rsdp, xsdt_address) == 24, "RSDP layout");
_Static_assert(offsetof(struct acpi_rsdp, extended_checksum) == 32, "RSDP layout");

struct acpi_sdt_header {
	char signature[4];
	uint32_t length; /* whole table, header included */
	uint8_t revision, checksum;
	char oem_id[6], oem_table_id[8];
	uint32_t oem_revision, creator_id, creator_revision;
} __attribute__((packed));

_Static_assert(sizeof(struct acpi_sdt_header) == 36, "SDT header layout");
_Static_assert(offsetof(struct acpi_sdt_header, length) == 4, "SDT header layout");
_Static_assert(offsetof(struct acpi_sdt_header, checksum) == 9, "SDT header layout");
_Static_assert(offsetof(struct acpi_sdt_header, oem_id) == 10, "SDT header layout");
_Static_assert(offsetof(struct acpi_sdt_header, oem_table_id) == 16, "SDT header layout");
_Static_assert(offsetof(struct acpi_sdt_header, oem_revision) == 24, "SDT header layout");
_Static_assert(offsetof(struct acpi_sdt_header, creator_revision) == 32, "SDT header layout");

/* Refuse to map absurd lengths from corrupt headers; real DSDTs stay well below this. */
#define ACPI_MAX_TABLE_LEN (16U << 20)
#define ACPI_MAX_TABLES	   64

struct acpi_tables {
	uint64_t rsdp_phys;
	uint8_t revision; /* RSDP revision */
	bool xsdt;	  /* root is the XSDT (else the RSDT) */
	uint64_t root_phys;
	size_t count;
	size_t bad; /* tables skipped: unmappable, bad length or bad checksum */
	struct {
		char sig[4];
		uint64_t phys;
		uint32_t length;
	} table[ACPI_MAX_TABLES]; /* only tables that validated; includes the DSDT from the FADT */
};

/* Sum of @len bytes mod 256; a valid ACPI structure sums to 0. */
uint8_t acpi_checksum(const void *p, size_t len);

/*
 * Find the RSDP in @area (e.g. the EBDA or 0xE0000-0xFFFFF) mapped from @area_phys: 16-byte
 * aligned physical addresses, "RSD PTR ", valid checksum (and extended checksum for rev >= 2).
 * Returns 0 and sets *rsdp_phys, or -ENOENT.
 */
int acpi_find_rsdp(const void *area, size_t len, uint64_t area_phys, uint64_t *rsdp_phys);

/*
 * Validate the RSDP (@rsdp_len bytes readable, e.g. the multiboot2 copy) and collect the tables
 * of its XSDT (rev >= 2 and non-zero address, falling back to the RSDT if the XSDT is broken) or
 * RSDT. Each table's length and checksum are checked; bad ones are skipped and counted in
 * out->bad. Returns 0, or -EINVAL/-EFAULT/-E2BIG when the RSDP or root table is unusable. On
 * success @err is empty unless something was skipped: then it names the first bad table, or the
 * broken XSDT that the RSDT replaced. Callers should log a non-empty @err as a warning.
 */
int acpi_load_tables(const void *rsdp, size_t rsdp_len, uint64_t rsdp_phys, acpi_map_fn map,
		     void *ctx, struct acpi_tables *out, char *err, size_t errlen);

/* The @instance-th (from 0) table with signature @sig, mapped and re-validated; else NULL. */
const struct acpi_sdt_header *acpi_get_table(const struct acpi_tables *t, const char sig[4],
					     unsigned instance, acpi_map_fn map, void *ctx);

/* FADT fields the hypervisor reads (ACPI 6.5 table 5.9, flags table 5.10, boot arch 5.11). */
#define ACPI_FADT_HW_REDUCED	(1U << 20)
#define ACPI_FADT_BOOT_NO_VGA	(1U << 2)
#define ACPI_FADT_BOOT_NO_CMOS	(1U << 5)
#define ACPI_FADT_HV_VENDOR_LEN 8

struct acpi_fadt_info {
	uint8_t revision, minor; /* header revision; minor 0 before FADT revision 5 */
	uint32_t flags;
	uint16_t boot_arch; /* IA-PC boot architecture flags */
	uint32_t dsdt32;
	uint64_t x_dsdt, dsdt; /* dsdt: X_DSDT when present and non-zero, else dsdt32 */
	uint64_t facs;	       /* X_FIRMWARE_CTRL when present and non-zero, else FIRMWARE_CTRL */
	char hv_vendor[ACPI_FADT_HV_VENDOR_LEN + 1]; /* "" before revision 6 */
};

/*
 * Parse the FADT at @fadt (@len bytes readable): signature, length, checksum, then the fields
 * its length covers (at least up to Flags). Returns 0 or -EINVAL, naming the problem in @err.
 */
int acpi_parse_fadt(const void *fadt, size_t len, struct acpi_fadt_info *out, char *err,
		    size_t errlen);

#define ACPI_MAX_CPUS	     256
#define ACPI_MAX_IOAPICS     16
#define ACPI_MAX_OVERRIDES   32
#define ACPI_MAX_NMI_SOURCES 8
#define ACPI_MAX_LAPIC_NMIS  16
#define ACPI_UID_ALL	     UINT32_MAX /* LAPIC NMI applies to every processor */

#define ACPI_MADT_PCAT_COMPAT (1U << 0) /* dual 8259 PICs present, mask them */

struct acpi_cpu {
	uint32_t apic_id, uid;
	bool enabled, online_capable, x2apic;
};

struct acpi_ioapic {
	uint32_t id, addr, gsi_base;
};

struct acpi_override {
	uint8_t bus, source;
	uint32_t gsi;
	uint16_t flags; /* MPS INTI flags: polarity bits 1:0, trigger mode bits 3:2 */
};

struct acpi_nmi_source {
	uint32_t gsi;
	uint16_t flags;
};

struct acpi_lapic_nmi {
	uint32_t uid; /* ACPI_UID_ALL for every processor */
	uint16_t flags;
	uint8_t lint;
};

struct acpi_madt_info {
	uint64_t lapic_addr; /* after any LAPIC address override entry */
	uint32_t flags;
	struct acpi_cpu cpu[ACPI_MAX_CPUS];
	size_t ncpus;
	struct acpi_ioapic ioapic[ACPI_MAX_IOAPICS];
	size_t nioapics;
	struct acpi_override ovr[ACPI_MAX_OVERRIDES];
	size_t novr;
	struct acpi_nmi_source nmi_src[ACPI_MAX_NMI_SOURCES];
	size_t nnmi_src;
	struct acpi_lapic_nmi lapic_nmi[ACPI_MAX_LAPIC_NMIS];
	size_t nlapic_nmi;
};

/*
 * Parse the MADT at @madt (@len bytes readable): header, checksum and every entry. Entries of
 * unknown type are skipped by their length. Disabled CPUs are kept with enabled = false. Two
 * usable (enabled or online-capable) CPUs with the same APIC ID are an error. Returns 0,
 * -EINVAL (malformed, naming the entry offset) or -E2BIG (a fixed table is full).
 */
int acpi_parse_madt(const void *madt, size_t len, struct acpi_madt_info *out, char *err,
		    size_t errlen);

#endif /* BULKHEAD_ACPI_H */

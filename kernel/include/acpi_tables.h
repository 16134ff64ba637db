// SPDX-License-Identifier: BSD-2-Clause
// The platform tables beyond the MADT and FADT: PCI configuration space (MCFG), HPET, NUMA
// affinity (SRAT) and the IOMMUs (DMAR, IVRS). Pure parsers, shared by the hypervisor and the
// board inspector (tools/inspect/): each takes the table's bytes and fills a fixed struct.
#ifndef BULKHEAD_ACPI_TABLES_H
#define BULKHEAD_ACPI_TABLES_H

#include "acpi.h"

/*
 * Every parser here checks the table the same way first: at least a header, the signature,
 * a length no larger than the @len bytes readable, and a zero checksum. It returns 0, -EINVAL
 * (malformed, naming the table and the offset in @err) or -E2BIG (a fixed array is full).
 */
int acpi_check_sdt(const void *tbl, size_t len, const char sig[4], size_t min_len, char *err,
		   size_t errlen);

/* MCFG (PCI Firmware Specification 3.2, 4.1.2): one ECAM window per segment and bus range. */
#define ACPI_MAX_MCFG 8

struct acpi_mcfg_info {
	struct {
		uint64_t base;
		uint16_t segment;
		uint8_t bus_start, bus_end;
	} win[ACPI_MAX_MCFG];
	size_t count;
};

int acpi_parse_mcfg(const void *tbl, size_t len, struct acpi_mcfg_info *out, char *err,
		    size_t errlen);

/* HPET (IA-PC HPET specification 1.0a, 3.2.4): the timer block's MMIO base and size. */
#define ACPI_HPET_MMIO_SIZE 0x400
#define ACPI_GAS_MEMORY	    0

struct acpi_hpet_info {
	uint64_t base;
	uint8_t space_id; /* ACPI_GAS_MEMORY on every PC */
	uint8_t number;
	uint8_t comparators; /* number of comparators (timers), from the event timer block ID */
	uint16_t vendor_id;
	uint16_t min_tick;
};

int acpi_parse_hpet(const void *tbl, size_t len, struct acpi_hpet_info *out, char *err,
		    size_t errlen);

/* SRAT (ACPI 6.5, 5.2.16): which proximity domain each CPU and memory range belongs to. */
#define ACPI_MAX_SRAT_CPUS	  256
#define ACPI_MAX_SRAT_MEM	  32
#define ACPI_SRAT_MEM_HOTPLUG	  (1U << 1)
#define ACPI_SRAT_MEM_NONVOLATILE (1U << 2)

struct acpi_srat_info {
	struct {
		uint32_t apic_id, domain;
	} cpu[ACPI_MAX_SRAT_CPUS]; /* enabled entries only */
	size_t ncpus;
	struct {
		uint64_t base, length;
		uint32_t domain, flags;
	} mem[ACPI_MAX_SRAT_MEM]; /* enabled entries only */
	size_t nmem;
};

int acpi_parse_srat(const void *tbl, size_t len, struct acpi_srat_info *out, char *err,
		    size_t errlen);

/*
 * IOMMUs. DMAR (Intel VT-d 4.1, chapter 8) and IVRS (AMD IOMMU 3.08, 5.2) both name remapping
 * units, the devices each unit translates, and memory that devices use behind the OS's back
 * (RMRR, IVMD) and that must stay identity-mapped for them.
 */
#define ACPI_MAX_IOMMUS	      8
#define ACPI_MAX_IOMMU_SCOPES 32
#define ACPI_MAX_IOMMU_RESV   16

enum acpi_scope_type {
	ACPI_SCOPE_ENDPOINT = 1, /* DMAR device scope types, Intel VT-d 8.3.1 */
	ACPI_SCOPE_BRIDGE = 2,
	ACPI_SCOPE_IOAPIC = 3,
	ACPI_SCOPE_HPET = 4,
	ACPI_SCOPE_NAMESPACE = 5,
};

/* A device, bridge, IOAPIC or HPET that remapping unit @unit translates. */
struct acpi_iommu_scope {
	uint8_t unit, type; /* enum acpi_scope_type */
	uint8_t enum_id;    /* IOAPIC or HPET ID */
	uint16_t bdf;	    /* DMAR: bus of the scope, device and function of its first step */
	uint16_t bdf_last;  /* IVRS ranges: the last function; else bdf */
	uint8_t depth;	    /* DMAR path steps: more than 1 is behind bridges; IVRS 1 */
};

struct acpi_iommu_info {
	bool amd;		 /* IVRS; else DMAR */
	uint8_t host_addr_width; /* DMAR: bits of DMA address, less one */
	struct {
		uint64_t base;
		uint16_t segment;
		uint16_t bdf;	  /* IVRS: the IOMMU's own PCI function */
		bool include_all; /* DMAR INCLUDE_PCI_ALL: every device no other unit claims */
	} unit[ACPI_MAX_IOMMUS];
	size_t nunits;
	struct acpi_iommu_scope scope[ACPI_MAX_IOMMU_SCOPES];
	size_t nscopes;
	struct {
		uint64_t base, end; /* end inclusive, as the tables write it */
		uint16_t segment;
	} resv[ACPI_MAX_IOMMU_RESV];
	size_t nresv;
};

int acpi_parse_dmar(const void *tbl, size_t len, struct acpi_iommu_info *out, char *err,
		    size_t errlen);
int acpi_parse_ivrs(const void *tbl, size_t len, struct acpi_iommu_info *out, char *err,
		    size_t errlen);

#define ACPI_BDF(bus, dev, fn) ((uint16_t)((bus) << 8 | (dev) << 3 | (fn)))

#endif /* BULKHEAD_ACPI_TABLES_H */

/* SPDX-License-Identifier: BSD-2-Clause */
/* A small ACPI reader for the test guests: RSDP, XSDT (or RSDT), MADT -> local APIC IDs and
 * I/O APICs. */
#ifndef GUEST_ACPI_H
#define GUEST_ACPI_H

#include <stdbool.h>
#include <stdint.h>

#define ACPI_MAX_CPUS 64

struct acpi_cpus {
	uint32_t apic_id[ACPI_MAX_CPUS]; /* enabled processors, in MADT order */
	int n;
	uint32_t ioapic_addr, ioapic_gsi_base; /* the first I/O APIC (MADT type 1) */
	uint8_t ioapic_id;
	int nioapics;
	const char *rsdp_from; /* "boot information" or "BIOS area" */
};

/* Finds the RSDP (the boot information's ACPI tag, else a scan of the BIOS area), walks the
 * XSDT or RSDT to the MADT and lists its enabled local APICs. On failure prints what was
 * wrong and where, and returns false. */
bool acpi_read_cpus(struct acpi_cpus *out);

/* The same from one place only: the boot information's ACPI tag (multiboot2 tags 14, 15), or
 * the RSDP scan of the BIOS area. */
enum acpi_source { ACPI_FROM_BOOT_INFO, ACPI_FROM_BIOS_AREA };
bool acpi_read_cpus_from(enum acpi_source from, struct acpi_cpus *out);

#endif

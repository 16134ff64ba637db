/* SPDX-License-Identifier: BSD-2-Clause */
/* What the firmware's ACPI tables say about this machine, read once at boot. */
#ifndef BULKHEAD_PLATFORM_H
#define BULKHEAD_PLATFORM_H

#include "acpi.h"
#include "mb2.h"

struct platform {
	struct acpi_tables tables;
	struct acpi_madt_info madt;
};

extern struct platform platform;

/* Finds the RSDP (boot information first, then the BIOS areas) and reads the MADT; panics with
 * the reason when the machine cannot be described (no ACPI, no MADT, a broken table). */
void platform_init(const struct mb2_info *mb);
/* The first ACPI table with signature @sig, mapped; NULL when the board has none. */
const struct acpi_sdt_header *platform_table(const char sig[4]);

#endif

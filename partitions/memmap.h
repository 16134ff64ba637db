/* SPDX-License-Identifier: BSD-2-Clause */
/* Where a partition's firmware area goes, and the memory map of its own memory, built pure. */
#ifndef BULKHEAD_MEMMAP_H
#define BULKHEAD_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "firmware.h"

/*
 * The placement rule (docs/partition-view.md): guest-physical [FW_BIOS_AREA, FW_BIOS_END) when
 * one writable region covers it, so the ACPI legacy scan finds the RSDP; otherwise the last
 * FW_AREA_SIZE bytes of the lowest writable region at least that large. False when there is no
 * such region.
 */
bool fw_area_place(const struct cfg_mem *mem, size_t nmem, uint64_t *gpa, uint64_t *size);

/*
 * The memory map of regions @mem: writable ones RAM, the others reserved, minus the firmware
 * area [area_gpa, area_gpa + area_size), of which the first @acpi_size bytes are ACPI tables
 * and the rest reserved. Sorted by address, touching entries of one type merged. Returns the
 * number of entries written to @out, or -1 when more than @max would be needed.
 */
int fw_memmap_build(const struct cfg_mem *mem, size_t nmem, uint64_t area_gpa, uint64_t area_size,
		    uint64_t acpi_size, struct fw_map_entry *out, size_t max);

#endif

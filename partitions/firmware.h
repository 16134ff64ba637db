/* SPDX-License-Identifier: BSD-2-Clause */
/* A partition's firmware view: its own ACPI tables and memory map, and where they live. */
#ifndef BULKHEAD_FIRMWARE_H
#define BULKHEAD_FIRMWARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct partition;

/* Memory map entry types, the multiboot2/e820 numbering. */
enum fw_mem_type {
	FW_MEM_RAM = 1,
	FW_MEM_RESERVED = 2,
	FW_MEM_ACPI = 3, /* ACPI tables: reclaimable once read */
};

/* The firmware area: the legacy BIOS area when the partition has writable memory there (the
 * ACPI legacy RSDP scan covers it, ACPI 6.5 5.2.5.1), else this much at a region's end. */
#define FW_BIOS_AREA 0xE0000ULL
#define FW_BIOS_END  0x100000ULL
#define FW_AREA_SIZE 0x10000ULL /* 64 KiB: tables for 256 CPUs and the boot information */

#define FW_MAX_MAP (2 * 8 + 4) /* every memory@ region, split around the firmware area */

struct fw_map_entry {
	uint64_t base, size;
	uint32_t type;
};

/* Built once per (re)load by partitions/firmware.c, read by the boot protocols. */
struct part_fw {
	uint64_t area_gpa, area_size; /* reserved in the map: tables and boot information */
	uint64_t rsdp_gpa;
	uint64_t info_gpa, info_size; /* the part of the area left for the boot information */
	struct fw_map_entry map[FW_MAX_MAP];
	size_t nmap;
};

/* Places the firmware area in @p's memory, writes RSDP, XSDT, MADT (its CPUs only), FADT
 * (hardware-reduced) and DSDT there, and fills @fw with the memory map of its own memory. False,
 * with the reason printed, when the partition has no room for it. */
bool part_firmware_build(struct partition *p, struct part_fw *fw);

#endif

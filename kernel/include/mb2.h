// SPDX-License-Identifier: BSD-2-Clause
// Multiboot2 boot-information parser: turns GRUB's tag list into a validated, flat summary.
#ifndef BULKHEAD_MB2_H
#define BULKHEAD_MB2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef E2BIG
#define E2BIG 7
#endif

/* Memory map types as defined by the multiboot2 spec; anything else is reported as reserved. */
enum mem_type {
	MEM_AVAILABLE = 1,
	MEM_RESERVED = 2,
	MEM_ACPI_RECLAIMABLE = 3,
	MEM_NVS = 4,
	MEM_BAD = 5,
};

struct mem_region {
	uint64_t base, size;
	uint32_t type;
};

struct mb2_module {
	uint64_t start, end; /* [start, end) physical */
	const char *cmdline; /* points into the boot info block, never NULL */
};

#define MB2_MAX_MMAP	128
#define MB2_MAX_MODULES 32

/* Upper bound on total_size: GRUB's block is a few KiB even with an EFI memory map. */
#define MB2_MAX_INFO_SIZE (1U << 20)

struct mb2_info {
	uint64_t info_phys; /* the boot info block itself, to reserve it */
	uint32_t info_size;
	const char *cmdline, *loader; /* NULL when absent */
	struct mem_region mmap[MB2_MAX_MMAP];
	size_t mmap_count;
	struct mb2_module modules[MB2_MAX_MODULES];
	size_t module_count;
	const void *rsdp; /* copy inside the tag; ACPI 2.0 tag preferred over 1.0 */
	size_t rsdp_len;
	bool rsdp_v2;
	bool efi;	      /* booted via UEFI (EFI system table/mmap/handle tag present) */
	bool efi_bs_active;   /* EFI boot services were NOT exited by the loader (tag 18) */
	bool load_base_valid; /* image load base tag (21) present */
	uint64_t load_base;
};

/*
 * Parse the multiboot2 information block at @info (a pointer the caller can read, size taken from
 * its header) whose physical address is @info_phys (must be 8-byte aligned, as the spec
 * guarantees). Every pointer stored in @out points into @info. Returns 0 or -EINVAL (malformed
 * block) / -E2BIG (more mmap entries or modules than the fixed tables hold); @err says which tag
 * at which offset.
 */
int mb2_parse(const void *info, uint64_t info_phys, struct mb2_info *out, char *err, size_t errlen);

#endif /* BULKHEAD_MB2_H */

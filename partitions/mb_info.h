/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot information Bulkhead hands a multiboot2 or multiboot guest (and raw64, in mb2 form). */
#ifndef BULKHEAD_MB_INFO_H
#define BULKHEAD_MB_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "firmware.h"

#define MB_LOADER_NAME "Bulkhead"
#define RSDP_V1_SIZE   20 /* ACPI 6.5 5.2.5.3: revision 0 RSDP */
#define RSDP_V2_SIZE   36 /* revision 2: with XSDT address and extended checksum */

/* A module as the guest sees it (Multiboot2 3.6.6): [gpa, gpa + size), and its string. */
struct mb_module {
	uint64_t gpa, size;
	const char *string;
};

/* What the boot information describes, and where the guest will see it. */
struct mb_info_src {
	const struct part_fw *fw; /* memory map of the partition only */
	const void *rsdp;	  /* the RSDP bytes, copied into the ACPI tag (multiboot2 only) */
	size_t rsdp_len;	  /* RSDP_V1_SIZE (tag 14) or RSDP_V2_SIZE (tag 15) */
	const char *cmdline;
	const struct mb_module *mods; /* multiboot2 only: one module tag each, in this order */
	size_t nmods;
	uint64_t gpa; /* guest-physical address of @buf */
};

/* Multiboot2 boot information (specification 3.6): cmdline, boot loader name, modules, basic
 * memory information, memory map, ACPI RSDP, end. Returns its size, or 0 with @err when it does not fit
 * in @cap bytes or @src is unusable. @gpa must be 8-byte aligned. */
size_t mb2_info_write(void *buf, size_t cap, const struct mb_info_src *src, char *err,
		      size_t errlen);
/* Multiboot (0.6.96, 3.3) information: flags MEM, CMDLINE, MMAP, BOOT_LOADER_NAME, with the map
 * and strings after the structure. Everything must lie below 4 GiB. Size or 0 with @err. */
size_t mb1_info_write(void *buf, size_t cap, const struct mb_info_src *src, char *err,
		      size_t errlen);

/* Places @n modules (their size and string set) in order from @above upwards: each on its own
 * page, wholly inside one RAM entry of @fw's map (never the firmware area), below 4 GiB; fills
 * each gpa. False with @err naming the module that does not fit. (partitions/mb_modules.c) */
bool mb_modules_place(const struct part_fw *fw, uint64_t above, struct mb_module *mods, size_t n,
		      char *err, size_t errlen);

/* Memory information both protocols give (KiB): RAM from 0 up to 640 KiB, and RAM from 1 MiB
 * up to the first hole. */
uint32_t mb_mem_lower(const struct part_fw *fw);
uint32_t mb_mem_upper(const struct part_fw *fw);

#endif

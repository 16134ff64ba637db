/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot protocols' loaders behind part_load() (partitions/load*.c), kernel side. */
#ifndef BULKHEAD_LOAD_H
#define BULKHEAD_LOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "elf_image.h"
#include "firmware.h"
#include "mb_info.h"
#include "partition.h"

/* multiboot2 / multiboot: loads the image's segments and writes the boot information; p->boot
 * gets the 32-bit protected-mode entry with magic and info address (load_multiboot.c). */
bool part_load_multiboot(struct partition *p, const struct part_fw *fw);
/* raw64 with the firmware view: the image must miss the firmware area; RDI = gpa of
 * multiboot2-format boot information (load_raw64.c). */
bool part_load_raw64_fw(struct partition *p, const struct part_fw *fw);
/* linux: a bzImage, its initrd and command line by the x86 64-bit boot protocol; RSI = zero
 * page (load_linux.c). */
bool part_load_linux(struct partition *p, const struct part_fw *fw);
/* Writes multiboot2 (@mb2) or multiboot information at fw->info_gpa; false: logged. */
bool part_write_boot_info(struct partition *p, const struct part_fw *fw, bool mb2);
/* The same with multiboot2 module tags for @mods (placed and loaded by the caller). */
bool part_write_boot_info_mods(struct partition *p, const struct part_fw *fw, bool mb2,
			       const struct mb_module *mods, size_t nmods);
/* Whether [gpa, gpa + len) overlaps the firmware area. */
bool part_in_fw_area(const struct part_fw *fw, uint64_t gpa, uint64_t len);

#endif

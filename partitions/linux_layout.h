/* SPDX-License-Identifier: BSD-2-Clause */
/* Where a Linux partition's kernel, initrd and boot area go, and the boot area's tables. */
#ifndef BULKHEAD_LINUX_LAYOUT_H
#define BULKHEAD_LINUX_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bzimage.h"
#include "firmware.h"

/*
 * The boot area: LX_AREA_OFF into the lowest RAM entry of the partition's map, below the 16 MiB
 * a 64-bit kernel never decompresses under and away from the top of the first 640 KiB, where
 * the decompressor puts its paging trampoline. Linux copies the zero page and command line
 * before it reuses the area; the page tables and GDT serve only until it loads its own.
 */
#define LX_AREA_OFF    0x10000
#define LX_BP	       0x0000 /* zero page */
#define LX_CMDLINE     0x1000 /* the command line, up to one page with its NUL */
#define LX_GDT	       0x2000
#define LX_PT	       0x3000 /* PML4, PDPT, then one PD per GiB */
#define LX_MAP_GIB     4      /* [0, 4 GiB) identity-mapped with 2 MiB pages */
#define LX_STACK_TOP   0xa000 /* one page of stack under it: the entry code pushes before */
#define LX_AREA_SIZE   LX_STACK_TOP
#define LX_CMDLINE_MAX 0x1000
#define LX_PAGE	       0x1000ULL
/* boot.rst "64-bit boot protocol": __BOOT_CS 0x10 and __BOOT_DS 0x18 in the loader's GDT. */
#define LX_GDT_ENTRIES 4
#define LX_BOOT_CS     0x10
#define LX_BOOT_DS     0x18

struct lx_layout {
	uint64_t area;	      /* boot area: zero page, command line, GDT, page tables, stack */
	uint64_t kernel;      /* protected-mode kernel; its 64-bit entry is kernel + 0x200 */
	uint64_t kernel_span; /* init_size: what the kernel occupies while it decompresses */
	uint64_t initrd;      /* 0 with no initrd */
};

/*
 * Places the boot area, the kernel (at pref_address when that range is RAM, else, if the kernel
 * is relocatable, at the lowest kernel_alignment-aligned RAM at or above pref_address) and an
 * initrd of @initrd_size bytes (the highest pages below initrd_addr_max and the end of RAM).
 * Only RAM entries of @fw's map are used, so nothing lands on the firmware area. False with @err.
 */
bool lx_layout(const struct bz_header *h, const struct part_fw *fw, uint64_t initrd_size,
	       struct lx_layout *out, char *err, size_t errlen);

/* Writes the GDT and identity-mapping page tables into the boot area at @area (host pointer;
 * the area's guest-physical address @gpa). Returns the CR3 value. */
uint64_t lx_boot_tables(void *area, uint64_t gpa);

#endif

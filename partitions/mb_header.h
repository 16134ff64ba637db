/* SPDX-License-Identifier: BSD-2-Clause */
/* Multiboot2 and multiboot (0.6.96) image headers: found, validated, and turned into a layout. */
#ifndef BULKHEAD_MB_HEADER_H
#define BULKHEAD_MB_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_image.h"

/* Multiboot2 specification 3.1.1 "The layout of Multiboot2 header". */
#define MB2_HDR_MAGIC	  0xe85250d6U
#define MB2_HDR_ARCH_I386 0
#define MB2_HDR_SEARCH	  32768 /* the header lies in the image's first 32 KiB */
#define MB2_HDR_ALIGN	  8
#define MB2_LOADER_MAGIC  0x36d76289U /* EAX at entry (3.3 "I386 machine state") */
/* Multiboot Specification 0.6.96, 3.1.1 "The layout of Multiboot header". */
#define MB1_HDR_MAGIC	    0x1badb002U
#define MB1_HDR_SEARCH	    8192 /* the header lies in the image's first 8 KiB */
#define MB1_HDR_ALIGN	    4
#define MB1_LOADER_MAGIC    0x2badb002U /* EAX at entry (3.2 "Machine state") */
#define MB1_FLAG_PAGE_ALIGN (1U << 0)	/* modules page-aligned: there are none */
#define MB1_FLAG_MEMINFO    (1U << 1)	/* mem_* and mmap_* fields: always given */
#define MB1_FLAG_VIDEO	    (1U << 2)	/* a video mode: Bulkhead has none to set */
#define MB1_FLAG_ADDRESS    (1U << 16)	/* header_addr..entry_addr are valid */
#define MB1_REQUIRED_MASK   0xffffU	/* bits 0-15: the loader must honour them or refuse */

/* What Bulkhead takes from either header. Addresses are 32-bit in both specifications. */
struct mb_header {
	uint64_t offset; /* of the header in the file */
	uint32_t flags;	 /* multiboot: the header's flags; multiboot2: 0 */
	bool has_addr;	 /* multiboot2 address tag, or multiboot flags bit 16 */
	uint32_t header_addr, load_addr, load_end_addr, bss_end_addr;
	bool has_entry; /* multiboot2 entry address tag, or multiboot flags bit 16 */
	uint32_t entry_addr;
	bool relocatable; /* multiboot2 relocatable tag: Bulkhead loads at the linked address */
	uint32_t reloc_min, reloc_max, reloc_align, reloc_pref;
};

/* Finds and validates the multiboot2 header of @img; false with @err naming the tag or field
 * (and the requirement Bulkhead cannot meet: EFI, a framebuffer, a boot-information tag). */
bool mb2_header_find(const void *img, size_t size, struct mb_header *out, char *err, size_t errlen);
/* The same for a multiboot (0.6.96) header; required feature bits Bulkhead lacks are refused
 * (partitions/mb1_header.c). */
bool mb1_header_find(const void *img, size_t size, struct mb_header *out, char *err, size_t errlen);

/* Segments and entry of @img per its header: the address fields when given, else its ELF
 * program headers (an entry address tag overrides the ELF entry). Everything must lie below
 * 4 GiB: the entry runs in 32-bit protected mode without paging. (partitions/mb_layout.c) */
bool mb_image_layout(const void *img, size_t size, const struct mb_header *h,
		     struct img_layout *out, char *err, size_t errlen);

#endif

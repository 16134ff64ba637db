/* SPDX-License-Identifier: BSD-2-Clause */
/* ELF32/ELF64 executables: the PT_LOAD segments and entry a boot protocol loads (pure). */
#ifndef BULKHEAD_ELF_IMAGE_H
#define BULKHEAD_ELF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16  /* PT_LOAD segments a guest image may have */
#define IMG_ERR_MAX	 160 /* room for any error text of the image parsers */

/* One piece to load: file bytes [offset, offset + filesz) at guest-physical paddr, then zeroes
 * up to paddr + memsz. */
struct img_segment {
	uint64_t paddr, offset, filesz, memsz;
};

/* What a loader needs of an image: its segments and the guest-physical entry. */
struct img_layout {
	struct img_segment seg[ELF_MAX_SEGMENTS];
	size_t nseg;
	uint64_t entry;
	bool elf64; /* from an ELF64 file (else ELF32 or a multiboot address tag/fields) */
};

/* Parses @size bytes of an ELF32 or ELF64 little-endian x86 executable into @out; the entry is
 * translated from the segment's virtual to its physical address. False with @err naming the
 * field when any bound fails. */
bool elf_image_parse(const void *data, size_t size, struct img_layout *out, char *err,
		     size_t errlen);

#endif

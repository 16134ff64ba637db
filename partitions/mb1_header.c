// SPDX-License-Identifier: BSD-2-Clause
// Multiboot (0.6.96) header search and validation: required feature bits and the address fields.

#include <stdio.h>
#include <string.h>

#include "mb_header.h"

#define MB1_FIXED_SIZE 12 /* magic, flags, checksum */
#define MB1_ADDR_SIZE  32 /* ... then header_addr .. entry_addr */
#define MB1_FLAG_BITS  16

/* 0.6.96 3.1.1 "The layout of Multiboot header". */
struct mb1_fixed {
	uint32_t magic, flags, checksum;
	uint32_t header_addr, load_addr, load_end_addr, bss_end_addr, entry_addr;
};

_Static_assert(sizeof(struct mb1_fixed) == MB1_ADDR_SIZE, "multiboot header with address fields");

struct hparse {
	struct mb_header *out;
	char *err;
	size_t errlen;
};

#define FAIL(c, ...) \
	((c)->err ? (void)snprintf((c)->err, (c)->errlen, __VA_ARGS__) : (void)0, false)

/* 0.6.96 3.1.2: bits 0-15 are requirements; one Bulkhead cannot meet refuses the image. */
static bool mb1_flags(struct hparse *c, uint32_t flags)
{
	uint32_t missing = flags & MB1_REQUIRED_MASK & ~(MB1_FLAG_PAGE_ALIGN | MB1_FLAG_MEMINFO);

	if (missing & MB1_FLAG_VIDEO)
		return FAIL(c, "multiboot header: flags bit 2 requires a video mode, which "
			       "Bulkhead does not set");
	for (unsigned int bit = 0; bit < MB1_FLAG_BITS; bit++)
		if (missing & (1U << bit))
			return FAIL(c, "multiboot header: flags bit %u requires an unknown feature",
				    bit);
	return true;
}

static bool mb1_check(struct hparse *c, const uint8_t *hdr, size_t room)
{
	struct mb1_fixed f = {0};

	memcpy(&f, hdr, MB1_FIXED_SIZE);
	if (!mb1_flags(c, f.flags))
		return false;
	c->out->flags = f.flags;
	if (!(f.flags & MB1_FLAG_ADDRESS))
		return true;
	if (room < MB1_ADDR_SIZE)
		return FAIL(c,
			    "multiboot header at offset 0x%lx: flags bit 16 set but the address "
			    "fields are cut off by the end of the file",
			    (unsigned long)c->out->offset);
	memcpy(&f, hdr, MB1_ADDR_SIZE);
	*c->out = (struct mb_header){.offset = c->out->offset,
				     .flags = f.flags,
				     .has_addr = true,
				     .header_addr = f.header_addr,
				     .load_addr = f.load_addr,
				     .load_end_addr = f.load_end_addr,
				     .bss_end_addr = f.bss_end_addr,
				     .has_entry = true,
				     .entry_addr = f.entry_addr};
	return true;
}

bool mb1_header_find(const void *img, size_t size, struct mb_header *out, char *err, size_t errlen)
{
	struct hparse c = {out, err, errlen};
	size_t end = size < MB1_HDR_SEARCH ? size : MB1_HDR_SEARCH;

	memset(out, 0, sizeof(*out));
	for (size_t off = 0; off + MB1_FIXED_SIZE <= end; off += MB1_HDR_ALIGN) {
		struct mb1_fixed f;

		memcpy(&f, (const uint8_t *)img + off, MB1_FIXED_SIZE);
		if (f.magic != MB1_HDR_MAGIC || f.magic + f.flags + f.checksum != 0)
			continue;
		out->offset = off;
		return mb1_check(&c, (const uint8_t *)img + off, size - off);
	}
	return FAIL(&c,
		    "no multiboot header (magic 0x%x with a valid checksum, 4-byte aligned) in the "
		    "first %u bytes",
		    MB1_HDR_MAGIC, MB1_HDR_SEARCH);
}

// SPDX-License-Identifier: BSD-2-Clause
// Where a multiboot/multiboot2 image goes: its address fields (a.out kludge) or its ELF headers.

#include <stdio.h>
#include <string.h>

#include "mb_header.h"

#define LIMIT_32BIT (1ULL << 32) /* paging off: 32-bit protected mode reaches only this far */

#define FAIL(err, errlen, ...) \
	((err) ? (void)snprintf((err), (errlen), __VA_ARGS__) : (void)0, false)

/* Multiboot2 3.1.5 / multiboot 3.1.3: the header at header_addr was loaded from the file offset
 * it has; load_addr..load_end_addr is file data, then zeroes up to bss_end_addr. */
static bool addr_layout(size_t size, const struct mb_header *h, struct img_layout *out, char *err,
			size_t errlen)
{
	uint64_t back = (uint64_t)h->header_addr - h->load_addr, filesz, memsz;

	if (h->header_addr < h->load_addr || back > h->offset)
		return FAIL(err, errlen,
			    "address fields: load_addr 0x%x is above header_addr 0x%x or before "
			    "the start of the file",
			    h->load_addr, h->header_addr);
	filesz = h->load_end_addr ? (uint64_t)h->load_end_addr - h->load_addr
				  : size - (h->offset - back);
	if (h->load_end_addr && h->load_end_addr <= h->load_addr)
		return FAIL(err, errlen,
			    "address fields: load_end_addr 0x%x is not above load_addr 0x%x",
			    h->load_end_addr, h->load_addr);
	if (filesz > size - (h->offset - back))
		return FAIL(err, errlen,
			    "address fields: load_end_addr 0x%x is past the end of the file",
			    h->load_end_addr);
	memsz = h->bss_end_addr ? (uint64_t)h->bss_end_addr - h->load_addr : filesz;
	if (h->bss_end_addr && memsz < filesz)
		return FAIL(
		    err, errlen,
		    "address fields: bss_end_addr 0x%x is below the loaded data's end 0x%lx",
		    h->bss_end_addr, (unsigned long)(h->load_addr + filesz));
	out->seg[0] = (struct img_segment){h->load_addr, h->offset - back, filesz, memsz};
	out->nseg = 1;
	out->entry = h->entry_addr;
	return h->has_entry || FAIL(err, errlen, "address tag without an entry address tag");
}

static bool below_4g(const struct img_layout *l, char *err, size_t errlen)
{
	for (size_t i = 0; i < l->nseg; i++)
		if (l->seg[i].paddr >= LIMIT_32BIT ||
		    l->seg[i].memsz > LIMIT_32BIT - l->seg[i].paddr)
			return FAIL(err, errlen, "segment %lu at 0x%lx-0x%lx reaches above 4 GiB",
				    (unsigned long)i, (unsigned long)l->seg[i].paddr,
				    (unsigned long)(l->seg[i].paddr + l->seg[i].memsz - 1));
	if (l->entry >= LIMIT_32BIT)
		return FAIL(err, errlen, "entry 0x%lx is above 4 GiB", (unsigned long)l->entry);
	return true;
}

bool mb_image_layout(const void *img, size_t size, const struct mb_header *h,
		     struct img_layout *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	if (h->has_addr) {
		if (!addr_layout(size, h, out, err, errlen))
			return false;
	} else {
		if (!elf_image_parse(img, size, out, err, errlen))
			return false;
		if (h->has_entry)
			out->entry = h->entry_addr;
	}
	return below_4g(out, err, errlen);
}

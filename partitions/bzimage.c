// SPDX-License-Identifier: BSD-2-Clause
// Linux bzImage setup header: every field the loader relies on is checked (boot.rst, 2.12+).

#include <stdio.h>
#include <string.h>

#include "bzimage.h"

static uint32_t rd(const uint8_t *b, size_t off, size_t n)
{
	uint32_t v = 0;

	for (size_t i = n; i-- > 0;)
		v = v << 8 | b[off + i];
	return v;
}

static uint64_t rd64(const uint8_t *b, size_t off)
{
	return (uint64_t)rd(b, off + 4, 4) << 32 | rd(b, off, 4);
}

static bool refuse(char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "%s", why);
	return false;
}

/* The fields of the header itself, before any size is trusted. */
static bool check_magic(const uint8_t *b, size_t size, char *err, size_t errlen)
{
	uint32_t end;

	if (size < BZ_HDR_MIN_END)
		return refuse(err, errlen, "not a bzImage: shorter than a setup header");
	if (rd(b, BZ_BOOT_FLAG, 2) != BZ_BOOT_FLAG_MAGIC) {
		snprintf(err, errlen, "not a bzImage: boot flag 0x%x at 0x1fe is not 0xaa55",
			 (unsigned int)rd(b, BZ_BOOT_FLAG, 2));
		return false;
	}
	if (rd(b, BZ_HEADER, 4) != BZ_HDRS_MAGIC)
		return refuse(err, errlen, "not a bzImage: no \"HdrS\" setup header at 0x202");
	if (rd(b, BZ_VERSION, 2) < BZ_MIN_VERSION) {
		snprintf(err, errlen,
			 "boot protocol %u.%02u is too old: the 64-bit entry needs 2.12 or later",
			 (unsigned int)b[BZ_VERSION + 1], (unsigned int)b[BZ_VERSION]);
		return false;
	}
	end = BZ_HEADER + b[BZ_JUMP + 1];
	if (end < BZ_HDR_MIN_END || end > BZ_HDR_MAX_END || end > size) {
		snprintf(err, errlen, "setup header ends at 0x%x, outside 0x%x-0x%x or the file",
			 (unsigned int)end, BZ_HDR_MIN_END, BZ_HDR_MAX_END);
		return false;
	}
	return true;
}

static void read_fields(const uint8_t *b, struct bz_header *h)
{
	uint32_t sects = b[BZ_SETUP_SECTS] ? b[BZ_SETUP_SECTS] : BZ_DEFAULT_SECTS;

	*h = (struct bz_header){
	    .version = (uint16_t)rd(b, BZ_VERSION, 2),
	    .loadflags = b[BZ_LOADFLAGS],
	    .xloadflags = (uint16_t)rd(b, BZ_XLOADFLAGS, 2),
	    .relocatable = b[BZ_RELOCATABLE] != 0,
	    .setup_size = (sects + 1) * BZ_SECTOR,
	    .kernel_size = rd(b, BZ_SYSSIZE, 4) * BZ_SYSSIZE_UNIT,
	    .hdr_end = BZ_HEADER + b[BZ_JUMP + 1],
	    .initrd_addr_max = rd(b, BZ_INITRD_MAX, 4),
	    .kernel_alignment = rd(b, BZ_KERNEL_ALIGN, 4),
	    .cmdline_size = rd(b, BZ_CMDLINE_SIZE, 4),
	    .init_size = rd(b, BZ_INIT_SIZE, 4),
	    .pref_address = rd64(b, BZ_PREF_ADDRESS),
	};
}

/* What a 64-bit loader needs of a 2.12+ header (boot.rst "64-bit boot protocol"). */
static bool check_fields(const struct bz_header *h, size_t size, char *err, size_t errlen)
{
	uint32_t a = h->kernel_alignment;

	if (!(h->loadflags & BZ_LOADED_HIGH))
		return refuse(err, errlen, "not a bzImage: loadflags LOADED_HIGH clear (zImage)");
	if (!(h->xloadflags & BZ_XLF_KERNEL_64))
		return refuse(err, errlen, "no 64-bit entry: xloadflags XLF_KERNEL_64 clear");
	if (!h->kernel_size || h->kernel_size > size || h->setup_size > size - h->kernel_size) {
		snprintf(
		    err, errlen,
		    "setup (%lu bytes) and syssize (%lu bytes) do not fit in the %lu-byte file",
		    (unsigned long)h->setup_size, (unsigned long)h->kernel_size,
		    (unsigned long)size);
		return false;
	}
	if (!a || (a & (a - 1))) {
		snprintf(err, errlen, "kernel_alignment 0x%x is not a power of two",
			 (unsigned int)a);
		return false;
	}
	if (h->init_size < h->kernel_size) {
		snprintf(err, errlen, "init_size 0x%x is smaller than the kernel (0x%x bytes)",
			 (unsigned int)h->init_size, (unsigned int)h->kernel_size);
		return false;
	}
	if (h->pref_address & (a - 1)) {
		snprintf(err, errlen, "pref_address 0x%lx is not kernel_alignment (0x%x) aligned",
			 (unsigned long)h->pref_address, (unsigned int)a);
		return false;
	}
	return true;
}

bool bz_header_parse(const void *img, size_t size, struct bz_header *out, char *err, size_t errlen)
{
	const uint8_t *b = img;

	if (!check_magic(b, size, err, errlen))
		return false;
	read_fields(b, out);
	return check_fields(out, size, err, errlen);
}

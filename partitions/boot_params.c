// SPDX-License-Identifier: BSD-2-Clause
// The Linux zero page (boot_params) for a partition: setup header, command line, initrd, e820.

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bzimage.h"

#define LOW32(x)  ((uint32_t)(x))
#define HIGH32(x) ((uint32_t)((uint64_t)(x) >> 32))

/* e820 types are the multiboot2 numbering the firmware view already uses (ACPI 6.5 15.1). */
_Static_assert(FW_MEM_RAM == 1 && FW_MEM_RESERVED == 2 && FW_MEM_ACPI == 3, "e820 types");
_Static_assert(BP_E820_TABLE + BP_E820_MAX * BP_E820_ENTRY_SIZE <= BP_SIZE, "e820 table");

static void wr(uint8_t *b, size_t off, uint64_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

bool lx_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return false;
}

/* boot.rst: the high halves go to ext_* (2.12+ kernels read them: XLF_KERNEL_64 is set). The
 * fields are written even without an initrd: the image's own values there mean nothing. */
static bool put_initrd(uint8_t *bp, const struct bz_header *h, const struct bp_src *s, char *err,
		       size_t errlen)
{
	uint64_t gpa = s->initrd_size ? s->initrd_gpa : 0, last = gpa + s->initrd_size - 1;

	if (s->initrd_size && last > h->initrd_addr_max)
		return lx_fail(err, errlen, "initrd ends at 0x%lx, above initrd_addr_max 0x%lx",
			       (unsigned long)last, (unsigned long)h->initrd_addr_max);
	wr(bp, BZ_RAMDISK_IMAGE, LOW32(gpa), 4);
	wr(bp, BZ_RAMDISK_SIZE, LOW32(s->initrd_size), 4);
	wr(bp, BP_EXT_RAMDISK_IMAGE, HIGH32(gpa), 4);
	wr(bp, BP_EXT_RAMDISK_SIZE, HIGH32(s->initrd_size), 4);
	return true;
}

static bool put_e820(uint8_t *bp, const struct part_fw *fw, char *err, size_t errlen)
{
	if (fw->nmap > BP_E820_MAX)
		return lx_fail(err, errlen, "memory map has %lu entries, the zero page holds %lu",
			       (unsigned long)fw->nmap, (unsigned long)BP_E820_MAX);
	for (size_t i = 0; i < fw->nmap; i++) {
		size_t off = BP_E820_TABLE + i * BP_E820_ENTRY_SIZE;

		wr(bp, off, fw->map[i].base, 8);
		wr(bp, off + 8, fw->map[i].size, 8);
		wr(bp, off + 16, fw->map[i].type, 4);
	}
	bp[BP_E820_ENTRIES] = (uint8_t)fw->nmap;
	return true;
}

bool bp_build(void *out, const void *img, const struct bz_header *h, const struct bp_src *s,
	      char *err, size_t errlen)
{
	uint8_t *bp = out;

	memset(bp, 0, BP_SIZE);
	/* boot.rst "Details of header fields": copy the setup header, then fill the loader's part. */
	memcpy(bp + BZ_SETUP_SECTS, (const uint8_t *)img + BZ_SETUP_SECTS,
	       h->hdr_end - BZ_SETUP_SECTS);
	bp[BZ_TYPE_OF_LOADER] = BZ_LOADER_UNKNOWN;
	wr(bp, BZ_CODE32_START, LOW32(s->kernel_gpa), 4);
	if (s->cmdline_len > h->cmdline_size)
		return lx_fail(err, errlen,
			       "command line of %lu bytes, the kernel takes at most %lu",
			       (unsigned long)s->cmdline_len, (unsigned long)h->cmdline_size);
	wr(bp, BZ_CMD_LINE_PTR, LOW32(s->cmdline_gpa), 4);
	wr(bp, BP_EXT_CMD_LINE_PTR, HIGH32(s->cmdline_gpa), 4);
	if (!put_initrd(bp, h, s, err, errlen) || !put_e820(bp, s->fw, err, errlen))
		return false;
	if (h->version >= BZ_VERSION_ACPI_RSDP)
		wr(bp, BP_ACPI_RSDP_ADDR, s->fw->rsdp_gpa, 8);
	return true;
}

long bp_cmdline(char *buf, size_t cap, const char *user, unsigned long tsc_khz)
{
	int n;

	if (tsc_khz && !strstr(user, "tsc_early_khz="))
		n = snprintf(buf, cap, "%s%stsc_early_khz=%lu", user, user[0] ? " " : "", tsc_khz);
	else
		n = snprintf(buf, cap, "%s", user);
	return n < 0 || (size_t)n >= cap ? -1 : n;
}
